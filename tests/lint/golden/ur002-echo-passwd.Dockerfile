FROM busybox-base
RUN echo 'svc:x:2000:2000::/srv:/bin/sh' >> /etc/passwd
USER svc
CMD ["/srv/run"]
