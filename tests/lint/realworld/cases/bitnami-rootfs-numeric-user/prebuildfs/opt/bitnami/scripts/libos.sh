#!/bin/bash
am_i_root() {
    if [[ "$(id -u)" = "0" ]]; then true; else false; fi
}
run_as_user() {
    local userspec="${1:?missing user}"; shift
    if ! am_i_root; then
        echo "Could not switch to '${userspec}': Operation not permitted" >&2
        return 1
    fi
    chroot --userspec="$userspec" / bash -c "cd $(pwd); exec \"\$@\"" -- "$@"
}
exec_as_user() {
    local userspec="${1:?missing user}"; shift
    exec chroot --userspec="$userspec" / bash -c "cd $(pwd); exec \"\$@\"" -- "$@"
}
