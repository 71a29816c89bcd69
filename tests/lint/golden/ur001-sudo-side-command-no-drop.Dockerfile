FROM debian:12
RUN useradd app
COPY entrypoint-sudo-side.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
CMD ["server"]
