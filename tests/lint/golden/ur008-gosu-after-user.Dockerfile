FROM debian:12
RUN useradd -u 10001 app
USER 10001
ENTRYPOINT ["gosu", "app", "/app"]
