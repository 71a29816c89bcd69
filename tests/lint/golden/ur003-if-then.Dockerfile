FROM debian:12
USER 10001
RUN if true; then apt-get update; fi
CMD ["/app"]
