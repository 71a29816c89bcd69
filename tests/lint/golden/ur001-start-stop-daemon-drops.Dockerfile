FROM debian:12
RUN useradd app
COPY entrypoint-start-stop-daemon.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
