FROM debian:12
USER 10001
RUN <<EOF
set -e
useradd other
EOF
CMD ["/app"]
