FROM debian:12
# -l leaves lastlog and faillog alone; below 65536 they stay small.
RUN useradd --no-log-init -u 1000000 app && useradd -l -u 70000 b \
 && useradd -u 60000 c && useradd --uid=65535 d
USER 1000000
