FROM debian:12
COPY --chmod=4755 tool /usr/bin/tool
USER 10001
CMD ["/app"]
