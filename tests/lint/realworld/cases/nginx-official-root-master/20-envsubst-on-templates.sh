#!/bin/sh
# envsubst templates into /etc/nginx/conf.d
exit 0
