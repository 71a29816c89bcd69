FROM scratch
ARG APP_USER=app
COPY passwd group /etc/
USER ${APP_USER}
CMD ["/app"]
