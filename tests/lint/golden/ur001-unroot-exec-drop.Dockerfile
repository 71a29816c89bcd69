FROM debian:12
RUN useradd -u 10001 app
COPY unroot /unroot
ENTRYPOINT ["/unroot", "exec", "app", "--"]
CMD ["app"]
