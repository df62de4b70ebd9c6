#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# make demo: the whole cycle on one machine. A kiosk-central on loopback (with a
# test CA and certificate made now), one kiosk enrolled and the demo bundle
# published to its group, a kiosk-sync that syncs every 10 seconds, and the kiosk
# in a window. Answers given in the window reach kiosk-central within seconds;
# Ctrl+C stops all three.
# usage: tools/demo.sh BUILD_DIR
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
demo=$build/demo
port=${DEMO_PORT:-18443}
pids=""
stop() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	echo
	echo "demo stopped; its files are in $demo (make demo starts afresh)"
}
trap 'stop; exit 0' INT TERM

rm -rf "$demo"
mkdir -p "$demo"
sh "$root/tests/make_ca.sh" "$demo/ca" >/dev/null 2>&1 || { echo "demo: cannot make a test CA (openssl)"; exit 1; }
cat >"$demo/central.conf" <<CONF
[central]
data_dir = $demo/central
kiosk_listen = 127.0.0.1:$port
staff_listen = 127.0.0.1:$((port + 1))
tls_cert = $demo/ca/server.pem
tls_key = $demo/ca/server.key
web_dir = $root/central/web
kiosk_binary = $build/kiosk
CONF
central() { "$build/kiosk-central" --config "$demo/central.conf" "$@"; }
central add-kiosk demo-1 --group demo >"$demo/token" 2>/dev/null || exit 1
central publish "$root/config/content.json" --group demo || exit 1
# A staff user for the web UI, with a password made now.
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$password" | central add-staff demo --role admin >/dev/null || exit 1
cat >"$demo/kiosk.conf" <<CONF
[kiosk]
id = demo-1
data_dir = $demo/kiosk
[central]
url = https://127.0.0.1:$port/api/v1
token_file = $demo/token
ca_file = $demo/ca/ca.pem
sync_interval_s = 10
status_interval_s = 30
[display]
fullscreen = false
CONF

chmod 600 "$demo/token"
central >"$demo/central.log" 2>&1 &
pids="$pids $!"
sleep 1
if ! kill -0 $pids 2>/dev/null; then
	cat "$demo/central.log"
	echo "demo: kiosk-central did not start (DEMO_PORT=... picks another port)"
	exit 1
fi
"$build/kiosk-sync" --config "$demo/kiosk.conf" >"$demo/sync.log" 2>&1 &
pids="$pids $!"
cat <<TEXT

The demo runs: kiosk-central on https://127.0.0.1:$port, kiosk-sync every 10 s,
the kiosk in a window. Try:
  - the staff web UI: http://127.0.0.1:$((port + 1))/ as user demo, password $password
    (edit a promise, preview and publish it: the kiosk takes it within 10 s)
  - answer the survey in the window ("Tyck till!"), then in another terminal:
      $build/kiosk-central --config $demo/central.conf export
  - see the kiosk's heartbeat:
      $build/kiosk-central --config $demo/central.conf kiosks
  - change a promise in a copy of config/content.json, raise its "version", and
      $build/kiosk-central --config $demo/central.conf publish COPY.json --group demo
    the kiosk shows it within 10 s, once nobody is in the middle of a survey.
Logs: $demo/central.log, $demo/sync.log. Ctrl+C stops everything.

TEXT
"$build/kiosk" --config "$demo/kiosk.conf" --windowed --size 1280x800 &
pids="$pids $!"
wait
stop
