FROM debian:12
USER 10001
RUN dpkg -l && apt-cache policy curl && apk info
CMD ["/app"]
