FROM debian:12
COPY entrypoint-plain.sh /entrypoint.sh
ENTRYPOINT ["/usr/bin/dumb-init", "--rewrite", "15:2", "--", "/entrypoint.sh"]
