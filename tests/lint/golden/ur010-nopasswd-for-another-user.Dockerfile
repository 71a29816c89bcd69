FROM debian:12
RUN useradd -u 10001 app && useradd -u 10002 builder
# Only builder may: the final user, app, gets no way to root.
RUN echo "builder ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/builder
USER 10001
CMD ["server"]
