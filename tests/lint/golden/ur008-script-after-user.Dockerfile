FROM debian:12
COPY entrypoint-gosu.sh /entrypoint.sh
USER 10001
ENTRYPOINT ["/entrypoint.sh"]
