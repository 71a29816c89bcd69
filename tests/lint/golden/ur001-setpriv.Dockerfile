FROM debian:12
CMD ["setpriv", "--reuid=10001", "--regid=10001", "--init-groups", "/app"]
