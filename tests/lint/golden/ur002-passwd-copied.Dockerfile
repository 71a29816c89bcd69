FROM scratch
COPY passwd group /etc/
USER app:app
CMD ["/app"]
