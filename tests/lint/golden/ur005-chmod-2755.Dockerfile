FROM debian:12
RUN chmod 2755 /usr/bin/tool
USER 10001
CMD ["/app"]
