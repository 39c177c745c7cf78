#!/usr/bin/env bash
# Runs a command against a real, unlocked Secret Service: gnome-keyring-daemon in
# the private D-Bus session that dbus-run-session made for us, with a throwaway
# keyring directory so no user keyring is touched.
#   usage: dbus-run-session -- tests/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

fail() {
    echo "with-keyring.sh: $*" >&2
    [[ -s ${scratch:-}/daemon.log ]] && cat "$scratch/daemon.log" >&2
    exit 2
}

bus() {
    dbus-send --session --print-reply "$@"
}

has_secret_service() {
    bus --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.secrets | grep -q 'boolean true'
}

[[ $# -gt 0 ]] || fail "no command given"
[[ -n ${DBUS_SESSION_BUS_ADDRESS:-} ]] || fail "no D-Bus session; run under dbus-run-session"
# A Secret Service already on this bus means a real desktop session: a second
# daemon there would take over the user's keyring.
! has_secret_service || fail "a Secret Service already runs on this bus; use dbus-run-session"

scratch=$(mktemp -d)
daemon_pid=
cleanup() {
    [[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_DATA_HOME=$scratch/data # keyrings/login.keyring lives here
export XDG_CONFIG_HOME=$scratch/config
export XDG_RUNTIME_DIR=$scratch/runtime # the daemon's control socket
mkdir -m 0700 "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
# Anything the bus starts on demand (its .service files start another
# gnome-keyring-daemon) must also stay inside the scratch folder.
bus --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.UpdateActivationEnvironment \
    "dict:string:string:XDG_DATA_HOME,$XDG_DATA_HOME,XDG_CONFIG_HOME,$XDG_CONFIG_HOME,XDG_RUNTIME_DIR,$XDG_RUNTIME_DIR" \
    >/dev/null

# --unlock reads the login password from stdin and creates the "login"
# collection with it, unlocked; gnome-keyring aliases "default" to it, which is
# where libsecret (and so QtKeychain) stores new items. --unlock returns before
# the daemon is on the bus; --start asks that daemon, through its control
# socket, to finish starting, and returns once org.freedesktop.secrets is owned.
eval "$(printf 'signalbox-test' | gnome-keyring-daemon --unlock --components=secrets 2>>"$scratch/daemon.log")"
eval "$(gnome-keyring-daemon --start --components=secrets 2>>"$scratch/daemon.log")"

# Fail here, clearly, rather than in the test with a D-Bus error.
has_secret_service || fail "gnome-keyring-daemon did not register org.freedesktop.secrets"
daemon_pid=$(bus --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets |
    awk '/uint32/ { print $2 }')
default=$(bus --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default | awk '/object path/ { print $3 }')
default=${default//\"/}
[[ $default == /org/freedesktop/secrets/collection/* ]] || fail "the keyring has no default collection"
bus --dest=org.freedesktop.secrets "$default" org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked | grep -q 'boolean false' ||
    fail "the default collection $default is locked"

"$@"
