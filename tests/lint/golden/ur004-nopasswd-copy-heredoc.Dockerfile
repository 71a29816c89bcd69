FROM debian:12
COPY <<EOF /etc/sudoers.d/app
app ALL=(ALL) NOPASSWD: ALL
EOF
USER 10001
CMD ["/app"]
