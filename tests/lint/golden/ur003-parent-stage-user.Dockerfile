FROM debian:12 AS base
USER 10001

FROM base
RUN apt-get update
CMD ["/app"]
