FROM debian:12
RUN useradd app
# /usr/local/bin exists in every distribution's image: the script lands in it.
COPY entrypoint-gosu.sh /usr/local/bin
ENTRYPOINT ["entrypoint-gosu.sh"]
