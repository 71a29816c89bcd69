FROM debian:12
WORKDIR /srv
COPY entrypoint-gosu.sh ./start.sh
ENTRYPOINT ["./start.sh"]
