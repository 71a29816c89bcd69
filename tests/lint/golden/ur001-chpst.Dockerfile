FROM alpine:3.20
CMD ["chpst", "-u", "app", "/app"]
