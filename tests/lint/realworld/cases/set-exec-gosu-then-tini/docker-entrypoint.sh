#!/bin/bash
set -e
if [[ "$1" == -* ]]; then
	set -- kibana "$@"
fi
if [ "$1" = 'kibana' ]; then
	if [ "$ELASTICSEARCH_URL" ]; then
		sed -ri "s!^(\#\s*)?(elasticsearch\.url:).*!\2 '$ELASTICSEARCH_URL'!" /etc/kibana/kibana.yml
	fi
	set -- gosu kibana tini -- "$@"
fi
exec "$@"
