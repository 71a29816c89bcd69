FROM scratch
COPY passwd /etc/passwd
USER 10001:staff
CMD ["/app"]
