FROM debian:12 AS base
RUN useradd -u 10001 app
USER 10001

FROM base
CMD ["/app"]
