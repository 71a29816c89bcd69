FROM alpine:3.20
CMD ["s6-setuidgid", "app", "/app"]
