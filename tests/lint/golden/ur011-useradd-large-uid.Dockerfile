FROM debian:12
RUN groupadd -g 1000000 app && useradd -u 1000000 -g app app
USER 1000000
