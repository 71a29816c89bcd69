#!/bin/bash
exec python3 /docker-entrypoint.py "$@"
