#!/bin/bash
set -e
if [[ ! "$DOCS_ROOTLESS" ]]; then
	SUDO_CMD="gosu docs"
else
	SUDO_CMD=""
fi
if [[ ! "$DOCS_ROOTLESS" ]]; then
	find .. -not \( -user docs -and -group docs \) -exec chown docs:docs {} +
fi
if [[ "$1" != "/"* ]]; then
	exec ${SUDO_CMD} python3 manage.py "$@"
else
	exec "$@"
fi
