FROM debian:12
RUN useradd app
COPY entrypoint-gosu.sh /entrypoint.sh
USER app
ENTRYPOINT ["tini", "--", "/entrypoint.sh"]
