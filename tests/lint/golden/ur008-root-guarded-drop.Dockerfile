FROM debian:12
RUN useradd -u 10001 app
COPY entrypoint-root-guard.sh /entrypoint.sh
# Runs as app by default; started with --user root, the script fixes
# ownership and drops itself.
USER 10001
ENTRYPOINT ["/entrypoint.sh"]
