#!/bin/sh
# enable ipv6 listen in default.conf
exit 0
