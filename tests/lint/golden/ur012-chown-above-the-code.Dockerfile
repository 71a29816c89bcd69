FROM debian:12
RUN useradd -u 10001 app
COPY entrypoint-gosu.sh /srv/app/bin/start
RUN chown -R app /srv/app
ENTRYPOINT ["/srv/app/bin/start"]
