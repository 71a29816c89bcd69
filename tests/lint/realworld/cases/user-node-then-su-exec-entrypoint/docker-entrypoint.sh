#!/bin/sh
chown -R node /home/node
if [ "$#" -gt 0 ]; then
  exec su-exec node "$@"
else
  exec su-exec node flow
fi
