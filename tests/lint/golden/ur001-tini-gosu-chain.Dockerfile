FROM debian:12
RUN useradd app
ENTRYPOINT ["tini", "--", "gosu", "app"]
CMD ["/app"]
