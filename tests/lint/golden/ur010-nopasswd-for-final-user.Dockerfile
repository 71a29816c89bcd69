FROM debian:12
RUN useradd -u 10001 app
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app
USER 10001
CMD ["server"]
