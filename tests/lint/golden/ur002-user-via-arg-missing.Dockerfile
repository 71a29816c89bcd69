FROM scratch
ARG APP_USER=ghost
COPY passwd group /etc/
USER ${APP_USER:-app}
CMD ["/app"]
