FROM debian:12
# unroot-ignore: UR007 shared drop folder, reviewed
RUN chmod 777 /data
USER 10001
CMD ["/app"]
