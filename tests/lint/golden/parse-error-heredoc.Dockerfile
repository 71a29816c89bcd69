FROM debian:12
RUN <<EOF
echo
