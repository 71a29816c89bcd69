FROM debian:12
RUN useradd -o -u 0 -g 0 admin && useradd -u 10001 app
COPY entrypoint-gosu.sh /entrypoint.sh
# admin has uid 0, so gosu can drop: no UR008, only the alias itself.
USER admin
ENTRYPOINT ["/entrypoint.sh"]
