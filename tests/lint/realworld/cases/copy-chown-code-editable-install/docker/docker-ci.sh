#!/usr/bin/env bash
exec pytest
