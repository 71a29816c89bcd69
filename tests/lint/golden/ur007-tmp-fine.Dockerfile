FROM debian:12
RUN chmod 1777 /tmp/cache /var/tmp/x && chmod o+w /dev/shm/y
USER 10001
CMD ["/app"]
