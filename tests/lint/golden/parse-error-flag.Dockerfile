FROM debian:12
COPY --own=app a b
