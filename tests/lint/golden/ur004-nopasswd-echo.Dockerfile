FROM debian:12
RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app
USER 10001
CMD ["/app"]
