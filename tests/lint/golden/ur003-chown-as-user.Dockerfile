FROM debian:12
USER 10001
RUN chown -R 0:0 /srv
CMD ["/app"]
