#!/bin/bash
JAVA_OPTS="${JAVA_OPTS} -XX:+CrashOnOutOfMemoryError"
if [ $(id -u) -ne 0 ]; then
    exec /bin/sh -c "exec java $JAVA_OPTS -jar /app/app.jar $@"
else
    MGID=${MGID:-2000}
    MUID=${MUID:-2000}
    getent group analytics > /dev/null 2>&1 || addgroup -g $MGID -S analytics
    id -u analytics > /dev/null 2>&1 || adduser -D -u $MUID -G analytics analytics
    mkdir -p /data/app.db && chown analytics:analytics /data/app.db
    chmod o+r /app/app.jar
    exec su analytics -s /bin/sh -c "exec java $JAVA_OPTS -jar /app/app.jar $@"
fi
