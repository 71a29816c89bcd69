FROM debian:12
RUN echo 'no sudo here' > /tmp/readme && apt-get install -y sudoku
USER 10001
CMD ["/app"]
