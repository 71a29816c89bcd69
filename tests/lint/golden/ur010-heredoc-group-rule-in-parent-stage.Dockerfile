FROM debian:12 AS base
RUN useradd -u 10001 app
RUN <<EOT
cat > /etc/sudoers.d/all <<'RULES'
Defaults !requiretty
ALL ALL=(ALL:ALL) NOPASSWD: ALL
RULES
EOT
FROM base
USER 10001
CMD ["server"]
