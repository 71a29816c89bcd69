FROM alpine:3.20
RUN adduser -D app
ENTRYPOINT ["su-exec", "app", "/app"]
