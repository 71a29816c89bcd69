FROM debian:12
RUN useradd -u 10001 app
USER app
RUN apt-get update && apt-get install -y curl
CMD ["/app"]
