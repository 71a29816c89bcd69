#!/bin/bash
set -e
if [ $UID == 0 ] ; then
    if [ "$NB_UID" != $(id -u $NB_USER) ] ; then
        usermod -u $NB_UID $NB_USER
    fi
    exec su $NB_USER -c "env PATH=$PATH $*"
else
    exec $*
fi
