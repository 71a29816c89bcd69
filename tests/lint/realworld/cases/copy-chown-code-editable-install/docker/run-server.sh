#!/usr/bin/env bash
gunicorn "dash.app:create_app()"
