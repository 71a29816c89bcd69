FROM debian:12
RUN chmod u+s /usr/bin/tool
USER 10001
CMD ["/app"]
