FROM scratch
COPY passwd group /etc/
COPY unroot /unroot
ENTRYPOINT ["/unroot", "init", "--user", "app", "--"]
