FROM debian:12
ONBUILD RUN chmod 777 /data
USER 10001
CMD ["/app"]
