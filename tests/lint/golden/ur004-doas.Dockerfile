FROM alpine:3.20
RUN apk add doas && echo 'permit nopass app' > /etc/doas.conf
USER 10001
CMD ["/app"]
