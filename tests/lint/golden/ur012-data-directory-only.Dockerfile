FROM debian:12
RUN useradd -u 10001 app && mkdir -p /srv/app/data && chown app /srv/app/data
COPY entrypoint-gosu.sh /srv/app/bin/start
ENTRYPOINT ["/srv/app/bin/start"]
