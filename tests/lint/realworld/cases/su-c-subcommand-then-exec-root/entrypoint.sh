#!/bin/sh
set -eu
run_as() {
    if [ "$(id -u)" = 0 ]; then
        su -p "$user" -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}
if [ "$(id -u)" = 0 ]; then user="${APACHE_RUN_USER:-www-data}"; else user="$(id -u)"; fi
rsync -rlDog --chown "$user:$user" /usr/src/nextcloud/ /var/www/html/
run_as 'php /var/www/html/occ upgrade'
exec "$@"
