FROM scratch
COPY unroot /unroot
ENTRYPOINT ["/unroot", "init", "--"]
CMD ["/app"]
