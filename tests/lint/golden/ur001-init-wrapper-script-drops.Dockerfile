FROM debian:12
RUN useradd app
COPY entrypoint-gosu.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["tini", "-g", "--", "/usr/local/bin/entrypoint.sh"]
CMD ["app"]
