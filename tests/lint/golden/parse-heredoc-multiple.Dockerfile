FROM debian:12
COPY <<A <<B /etc/
x
A
y
B
USER 10001
CMD ["/app"]
