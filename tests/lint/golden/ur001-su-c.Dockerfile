FROM debian:12
CMD ["su", "-c", "/app", "app"]
