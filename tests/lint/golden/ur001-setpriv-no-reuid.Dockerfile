FROM debian:12
CMD ["setpriv", "--no-new-privs", "/app"]
