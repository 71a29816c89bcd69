FROM scratch
COPY --chown=app:app app /app
CMD ["/app"]
