FROM debian:12
USER 10001
RUN echo hi
USER root
RUN apt-get update
USER 10001
CMD ["/app"]
