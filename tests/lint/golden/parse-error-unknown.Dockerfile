FROM debian:12
FORM x
