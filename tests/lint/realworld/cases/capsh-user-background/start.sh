#!/bin/bash
trap stop TERM INT
stop() { killall --signal 15 pihole-FTL; wait "$CAPSH_PID"; exit $?; }
if [ -n "${PIHOLE_UID}" ]; then usermod -o -u "${PIHOLE_UID}" pihole; fi
chown pihole:pihole /etc/pihole
capsh --user="${DNSMASQ_USER}" --keep=1 -- -c "/usr/bin/pihole-FTL no-daemon >/dev/null" &
CAPSH_PID=$!
wait $CAPSH_PID
