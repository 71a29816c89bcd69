#!/bin/sh
set -eu
run_as() {
    if [ "$(id -u)" = 0 ]; then
        su -p "$user" -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}
if expr "$1" : "apache" 1>/dev/null || [ "$1" = "php-fpm" ]; then
    if [ "$(id -u)" = '0' ]; then
        user='www-data'; group='www-data'
    else
        user="$(id -u)"; group="$(id -g)"
    fi
    if [ ! -f /var/www/html/version.php ]; then
        rsync -rlDog --chown "$user:$group" /usr/src/nextcloud/ /var/www/html/
        run_as 'php /var/www/html/occ maintenance:install -n'
    fi
fi
exec "$@"
