FROM scratch
COPY busybox /bin/busybox
USER app
RUN ["/bin/busybox", "adduser", "-D", "app"]
