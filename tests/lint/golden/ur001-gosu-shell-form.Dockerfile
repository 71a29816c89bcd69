FROM debian:12
RUN useradd app
ENTRYPOINT exec gosu app /app
