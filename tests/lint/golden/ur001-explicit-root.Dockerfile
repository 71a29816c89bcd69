FROM debian:12
RUN useradd -u 10001 app
USER root
CMD ["app"]
