FROM debian:12
RUN chmod 0755 /usr/bin/tool && chmod u+x,g-s /usr/bin/tool
USER 10001
CMD ["/app"]
