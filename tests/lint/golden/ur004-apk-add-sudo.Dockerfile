FROM alpine:3.20
RUN apk add --no-cache sudo
USER 10001
CMD ["/app"]
