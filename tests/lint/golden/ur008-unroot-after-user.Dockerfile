FROM debian:12
USER 10001
ENTRYPOINT ["/unroot", "exec", "app", "--"]
