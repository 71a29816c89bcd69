FROM debian:12
RUN chmod -R 777 /srv/app
USER 10001
CMD ["/app"]
