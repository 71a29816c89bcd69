FROM python:3.12-slim
RUN useradd -u 10001 app
WORKDIR /app
COPY --chown=app:app . .
USER 10001
CMD ["python3", "entrypoint-plain.sh"]
