FROM scratch
ENV ME=10001
USER ${ME}
CMD ["/app"]
