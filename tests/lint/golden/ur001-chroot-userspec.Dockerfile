FROM debian:12
CMD chroot --userspec=1000:1000 / /app
