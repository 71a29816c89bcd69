ARG BASE=scratch
FROM ${BASE}
COPY app /app
USER app
CMD ["/app"]
