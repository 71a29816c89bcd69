FROM debian:12 as Base
USER 10001
FROM base
RUN apt-get update
CMD ["/app"]
