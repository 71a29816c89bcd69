FROM scratch
COPY app /app
USER app
ENTRYPOINT ["/app"]
