FROM debian:12
COPY entrypoint-plain.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
