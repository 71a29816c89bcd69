FROM debian:12
RUN chmod a+w /data
USER 10001
CMD ["/app"]
