FROM debian:12
USER 10001
RUN sudo apt-get update
CMD ["/app"]
