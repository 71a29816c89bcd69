#!/bin/bash
set -e
case "$1" in
  -- | odoo) shift; exec odoo "$@" ;;
  -*) exec odoo "$@" ;;
  *) exec "$@" ;;
esac
