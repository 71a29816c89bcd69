FROM debian:12
RUN useradd -u 10001 app
RUN printf '%s\n' "app ALL=(root) ALL" > /etc/sudoers.d/app
USER 10001
CMD ["server"]
