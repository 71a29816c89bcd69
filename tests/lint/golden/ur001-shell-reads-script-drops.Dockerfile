FROM debian:12
RUN useradd app
COPY entrypoint-gosu.sh /opt/start.sh
ENTRYPOINT ["/bin/bash", "-eu", "-o", "pipefail", "/opt/start.sh"]
