#!/bin/bash
set -e
case "$1" in
  erp) shift; exec erp "$@" ;;
  *) exec "$@" ;;
esac
