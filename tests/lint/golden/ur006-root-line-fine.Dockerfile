FROM scratch
COPY <<EOF /etc/passwd
root:x:0:0:root:/root:/bin/sh
app:x:10001:10001::/home/app:/bin/sh
EOF
USER 10001
CMD ["/app"]
