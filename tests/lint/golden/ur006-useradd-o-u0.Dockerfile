FROM debian:12
RUN useradd -o -u 0 -g 0 admin
USER 10001
CMD ["/app"]
