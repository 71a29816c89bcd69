FROM debian:12
RUN useradd -u 10001 app
COPY <<EOF /entrypoint.sh
#!/bin/sh
exec sudo -E -u app "$@"
EOF
ENTRYPOINT ["/entrypoint.sh"]
CMD ["server"]
