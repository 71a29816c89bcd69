#!/bin/bash
service postfix start
exec dovecot -F
