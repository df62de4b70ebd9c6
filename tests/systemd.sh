#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Tests of the kiosk as the system runs it: make install puts every file where the
# units look for it, systemd-analyze verifies the units and rates their
# sandboxing, and the kiosk and kiosk-sync speak sd_notify to a fake systemd whose
# watchdog kills a stalled kiosk and starts it again.
# usage: tests/systemd.sh PATH/TO/kiosk (a test build; kiosk-sync beside it)
kiosk=$1
sync=$(dirname "$kiosk")/kiosk-sync
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
xvfb=""
trap 'rm -rf "$tmp"; [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null' EXIT
export ASAN_OPTIONS="detect_leaks=0"

# The highest exposure (systemd-analyze security) each unit may have: what the
# units measure now, so loosening the sandbox fails here.
max_exposure_kiosk=0.6
max_exposure_sync=1.1
max_exposure_central=1.4

echo "plan 31" # the checks to come; tests/run.sh counts a missing one as a failure
check() { # NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "FAIL $name"; fi
}

# -- make install ------------------------------------------------------------
pkg=$tmp/pkg
units=$pkg/usr/lib/systemd/system
if make -s -C "$root" install DESTDIR="$pkg" PREFIX=/usr >"$tmp/install.log" 2>&1; then
	good=1
	for f in usr/bin/kiosk usr/bin/kiosk-sync usr/bin/kiosk-central \
		usr/lib/systemd/system/kiosk.service usr/lib/systemd/system/kiosk-sync.service \
		usr/lib/systemd/system/kiosk-central.service usr/lib/sysusers.d/kiosk.conf \
		usr/lib/sysusers.d/kiosk-central.conf etc/kiosk/kiosk.conf etc/kiosk/central.conf \
		usr/share/kiosk/kiosk.conf.example usr/share/kiosk/content.json; do
		[ -f "$pkg/$f" ] || { echo "missing $f"; good=0; }
	done
	check "make install puts binaries, units, sysusers.d and config in place" test "$good" -eq 1

	# Every absolute path a unit's command names, and the bundle the config names.
	good=1
	for path in $(sed -n 's/^ExecStart=//p' "$units"/*.service | tr ' ' '\n' | grep '^/') \
		$(sed -n 's/^content *= *\([^ ;]*\).*/\1/p' "$pkg/etc/kiosk/kiosk.conf"); do
		[ -e "$pkg$path" ] || { echo "a unit or the config names $path: not installed"; good=0; }
	done
	check "every file the units and the config name is installed" test "$good" -eq 1
	user=$(awk '$1 == "u" { print $2 }' "$pkg/usr/lib/sysusers.d/kiosk.conf")
	cuser=$(awk '$1 == "u" { print $2 }' "$pkg/usr/lib/sysusers.d/kiosk-central.conf")
	check "the units run as the users sysusers.d creates, kiosk-central as its own" \
		test -n "$user" -a "$(grep -h '^User=' "$units"/kiosk.service "$units"/kiosk-sync.service | sort -u)" = "User=$user" \
		-a "$(grep -h '^User=' "$units"/kiosk-central.service)" = "User=$cuser" -a "$cuser" != "$user"
	check "the installed config is clean" sh -c "'$pkg/usr/bin/kiosk' --check-config '$pkg/etc/kiosk/kiosk.conf' >/dev/null"

	echo "; this device's own settings" >>"$pkg/etc/kiosk/kiosk.conf"
	make -s -C "$root" install DESTDIR="$pkg" PREFIX=/usr >"$tmp/install.log" 2>&1
	check "make install keeps an existing kiosk.conf" grep -q "this device's own settings" "$pkg/etc/kiosk/kiosk.conf"

	# systemd-analyze reads the units in a root holding the install and the
	# targets they hook into.
	vroot=$tmp/vroot
	cp -a "$pkg" "$vroot"
	for target in sysinit basic shutdown multi-user network-online time-sync; do
		cp -L "/usr/lib/systemd/system/$target.target" "$vroot/usr/lib/systemd/system/" 2>/dev/null ||
			cp -L "/lib/systemd/system/$target.target" "$vroot/usr/lib/systemd/system/"
	done
	if command -v systemd-analyze >/dev/null; then
		for unit in kiosk kiosk-sync kiosk-central; do
			systemd-analyze verify --root="$vroot" "$unit.service" >"$tmp/verify" 2>&1
			rc=$?
			check "systemd-analyze verify $unit.service: no errors, no warnings" \
				sh -c "test $rc -eq 0 -a ! -s '$tmp/verify'" || true
			sed 's/^/    /' "$tmp/verify"
		done
		for unit in kiosk kiosk-sync kiosk-central; do
			exposure=$(systemd-analyze security --offline=yes --root="$vroot" "$unit.service" 2>&1 |
				sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
			max=$max_exposure_kiosk
			[ "$unit" = kiosk-sync ] && max=$max_exposure_sync
			[ "$unit" = kiosk-central ] && max=$max_exposure_central
			echo "exposure $unit.service: ${exposure:-unknown} (at most $max)"
			check "$unit.service exposure at most $max" \
				awk -v e="$exposure" -v m="$max" 'BEGIN { exit !(e != "" && e + 0 <= m + 0) }'
		done
	else
		echo "FAIL systemd-analyze is missing (make deps)"
	fi
	check "the kiosk has no network" grep -q '^PrivateNetwork=yes' "$units/kiosk.service"
	check "the kiosk reaches the sound card, for speech" sh -c \
		"grep -q '^DeviceAllow=char-alsa rw' '$units/kiosk.service' && grep -q '^SupplementaryGroups=.* audio' '$units/kiosk.service'"
	check "kiosk-sync may write only the data directory" \
		sh -c "grep -q '^ProtectSystem=strict' '$units/kiosk-sync.service' &&
		       ! grep -q '^ReadWritePaths=' '$units/kiosk-sync.service'"

	make -s -C "$root" uninstall DESTDIR="$pkg" PREFIX=/usr >"$tmp/install.log" 2>&1
	left=$(cd "$pkg" && find . -type f | sort | tr '\n' ' ')
	check "make uninstall removes all but the configs" test "$left" = "./etc/kiosk/central.conf ./etc/kiosk/kiosk.conf "
else
	echo "FAIL make install"
	cat "$tmp/install.log"
fi

# -- sd_notify and the watchdog ------------------------------------------------
if command -v Xvfb >/dev/null; then
	Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
	xvfb=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$tmp/display" ] && break
		sleep 0.5
	done
	export DISPLAY=":$(cat "$tmp/display")"
	printf '[kiosk]\ndata_dir = %s/state\n' "$tmp" >"$tmp/kiosk.conf"
	python3 "$root/tests/fake_systemd.py" kiosk "$tmp/stall" -- \
		env KIOSK_TEST_STALL_FILE="$tmp/stall" "$kiosk" --config "$tmp/kiosk.conf" \
		--windowed --size 800x480 2>"$tmp/kiosk.log"
	check "the kiosk logged no errors" sh -c "! grep -q '^error' '$tmp/kiosk.log'"
else
	echo "FAIL Xvfb is missing (make deps)"
fi

# kiosk-sync against a port where nothing listens: it fails, waits and retries.
printf 'secret\n' >"$tmp/token"
chmod 600 "$tmp/token"
printf '[kiosk]\nid = test\ndata_dir = %s/sync\n[central]\nurl = https://127.0.0.1:9/api/v1\ntoken_file = %s/token\n' \
	"$tmp" "$tmp" >"$tmp/sync.conf"
python3 "$root/tests/fake_systemd.py" sync -- "$sync" --config "$tmp/sync.conf" 2>"$tmp/sync.log"

printf '[kiosk]\ndata_dir = %s/sync\n' "$tmp" >"$tmp/offline.conf"
"$sync" --config "$tmp/offline.conf" >/dev/null 2>&1
rc=$?
check "kiosk-sync without a central url exits 78, which systemd does not restart" \
	sh -c "test $rc -eq 78 && grep -q '^RestartPreventExitStatus=78' '$root/systemd/kiosk-sync.service.in'"

# kiosk-central without a certificate it can read: the same, and it says which.
central=$(dirname "$kiosk")/kiosk-central
printf '[central]\ndata_dir = %s/central\nkiosk_listen = 127.0.0.1:9\nstaff_listen =\n' "$tmp" \
	>"$tmp/central.conf"
"$central" --config "$tmp/central.conf" >/dev/null 2>"$tmp/central.log"
rc=$?
check "kiosk-central without tls_cert exits 78, which systemd does not restart" \
	sh -c "test $rc -eq 78 && grep -q 'set tls_cert and tls_key' '$tmp/central.log' &&
	       grep -q '^RestartPreventExitStatus=78' '$root/systemd/kiosk-central.service.in'"
printf 'tls_cert = %s/none.pem\ntls_key = %s/none.key\n' "$tmp" "$tmp" >>"$tmp/central.conf"
"$central" --config "$tmp/central.conf" >/dev/null 2>"$tmp/central.log"
rc=$?
check "kiosk-central with a certificate it cannot read exits 78 and names the file" \
	sh -c "test $rc -eq 78 && grep -q 'cannot read $tmp/none.pem (tls_cert' '$tmp/central.log'"
echo "systemd done"
