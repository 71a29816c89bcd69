FROM debian:12
RUN useradd app
COPY entrypoint-gosu.sh /entrypoint.sh
ENTRYPOINT ["unroot", "init", "--grace", "5", "--", "catatonit", "--", "/entrypoint.sh"]
