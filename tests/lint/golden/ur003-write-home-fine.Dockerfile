FROM debian:12
USER 10001
RUN echo 'x' > /tmp/motd && mkdir -p /home/app/cache
CMD ["/app"]
