FROM debian:12
USER www-data
CMD ["/app"]
