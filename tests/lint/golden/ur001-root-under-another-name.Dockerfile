FROM debian:12
RUN useradd -o -u 0 -g 0 admin
# admin is root by uid: the application runs as root.
USER admin
CMD ["server"]
