FROM debian:12
RUN useradd -u 10001 app
COPY --chown=app entrypoint-plain.sh /srv/start.sh
USER app
CMD ["sh", "/srv/start.sh"]
