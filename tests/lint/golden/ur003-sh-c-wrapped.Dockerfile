FROM debian:12
USER 10001
RUN ["sh", "-c", "apt-get update && true"]
CMD ["/app"]
