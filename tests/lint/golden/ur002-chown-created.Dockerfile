FROM alpine:3.20
RUN addgroup -S app && adduser -S -G app app
COPY --chown=app:app app /app
USER app
CMD ["/app"]
