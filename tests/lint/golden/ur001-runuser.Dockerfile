FROM debian:12
CMD ["runuser", "-u", "app", "--", "/app"]
