FROM debian:12
RUN groupadd -g 10001 app && useradd -u 10001 -g app app
USER app:app
CMD ["/app"]
