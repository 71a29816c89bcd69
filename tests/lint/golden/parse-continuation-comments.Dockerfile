FROM debian:12
RUN useradd app \
# a comment inside

 && chmod 4755 /bin/x
USER 10001
CMD ["/app"]
