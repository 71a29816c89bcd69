FROM debian:12
USER 10001
RUN echo 'x' > /etc/motd
CMD ["/app"]
