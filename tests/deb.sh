#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# make check-deb: the Debian packages installed for real. Builds them twice (this
# version N and N.1), installs N with apt in a clean Debian 12 chroot that has no
# compiler or test tool, and checks what the maintainer scripts leave (users,
# enabled units, conffiles), that the kiosk draws its screens, that kiosk-central
# serves and that kiosk-sync syncs with it; then upgrades to N.1 and checks that
# the config, both databases with their answers and the synced content are kept.
# systemd does not run in a chroot: the state directories are made by hand the
# way the units' StateDirectory= would, and the services are started by hand.
# The chroot's tarball and apt's downloads are kept in BUILD_DIR/deb-check;
# KEEP_DEBS=1 also keeps the packages the last run built.
# usage: tests/deb.sh BUILD_DIR   (as root: it makes a chroot)
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/deb-check
tarball=$work/bookworm.tar
chroot_dir=$work/root
port=$((40000 + $$ % 20000))
server=""

if [ "$(id -u)" -ne 0 ]; then
	echo "deb.sh: run as root (it makes a chroot and installs packages in it)" >&2
	exit 2
fi

failed=0 passed=0
check() { # NAME COMMAND...
	name=$1
	shift
	if "$@"; then
		echo "ok $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}
wait_for() { # TENTHS COMMAND...: polls COMMAND every 0.1 s, TENTHS times at most
	n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
# A command in the chroot, in a mount namespace of its own: /proc, /dev and apt's
# download cache are mounted there and vanish with it.
in_root() {
	unshare --mount --propagation private sh -c '
		d=$1 && shift &&
		mount -t proc proc "$d/proc" && mount --rbind /dev "$d/dev" &&
		mount --bind "$d/../archives" "$d/var/cache/apt/archives" &&
		exec chroot "$d" "$@"' sh "$chroot_dir" "$@"
}
as_user() { # USER COMMAND...
	user=$1
	shift
	in_root runuser -u "$user" -- "$@"
}
stop_server() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	server=""
}
trap 'stop_server' EXIT

# 1. The packages, as version N and N.1.
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
next=$version.1
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
for v in "$version" "$next"; do
	log=$work/build-$v.log
	mkdir -p "$work"
	if [ "$v" = "$version" ]; then set --; else set -- "$v"; fi
	[ -n "${KEEP_DEBS:-}" ] && [ -f "$work/$v/kiosk_${v}_$arch.deb" ] && continue
	if ! sh "$root/tools/deb.sh" "$work/$v" "$@" >"$log" 2>&1; then
		tail -30 "$log"
		echo "FAIL building the packages as $v (the log: $log)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# 2. A clean Debian 12 (Essential packages and apt), made once and kept.
mkdir -p "$work/archives/partial"
if [ ! -f "$tarball" ]; then
	mmdebstrap --variant=apt --quiet bookworm "$work/new.tar" || exit 1
	mv "$work/new.tar" "$tarball"
fi
rm -rf "$chroot_dir"
mkdir -p "$chroot_dir"
tar -xf "$tarball" -C "$chroot_dir"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"

install_debs() { # VERSION
	cp "$work/$1/kiosk_$1_$arch.deb" "$work/$1/kiosk-central_$1_$arch.deb" "$chroot_dir/tmp/"
	in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		"/tmp/kiosk_$1_$arch.deb" "/tmp/kiosk-central_$1_$arch.deb" >>"$work/apt.log" 2>&1
}
installed_version() { # PACKAGE
	in_root dpkg-query -W -f='${Version}' "$1"
}

echo "plan 26"
in_root apt-get update -q >"$work/apt.log" 2>&1
check "apt installs kiosk and kiosk-central $version" install_debs "$version"
check "no compiler or test tool came with them" sh -c \
	"! ls '$chroot_dir/usr/bin/' | grep -Eqx 'cc|gcc|make|Xvfb|convert|xdotool|zbarimg|sqlite3|curl|python3|chromium'"

# 3. What the maintainer scripts leave.
check "the users kiosk and kiosk-central, their homes the data directories" sh -c \
	"grep -q '^kiosk:.*:/var/lib/kiosk:' '$chroot_dir/etc/passwd' &&
	 grep -q '^kiosk-central:.*:/var/lib/kiosk-central:' '$chroot_dir/etc/passwd'"
check "the three services are enabled" sh -c \
	"cd '$chroot_dir/etc/systemd/system/multi-user.target.wants' &&
	 test -L kiosk.service -a -L kiosk-sync.service -a -L kiosk-central.service"
check "kiosk.conf and central.conf are conffiles" sh -c \
	"grep -qx /etc/kiosk/kiosk.conf '$chroot_dir/var/lib/dpkg/info/kiosk.conffiles' &&
	 grep -qx /etc/kiosk/central.conf '$chroot_dir/var/lib/dpkg/info/kiosk-central.conffiles'"
check "the units run the programs in /usr/bin with the config in /etc/kiosk" sh -c \
	"grep -qx 'ExecStart=/usr/bin/kiosk --config /etc/kiosk/kiosk.conf' '$chroot_dir/lib/systemd/system/kiosk.service' &&
	 grep -qx 'ExecStart=/usr/bin/kiosk-sync --config /etc/kiosk/kiosk.conf' '$chroot_dir/lib/systemd/system/kiosk-sync.service' &&
	 grep -qx 'ExecStart=/usr/bin/kiosk-central --config /etc/kiosk/central.conf' '$chroot_dir/lib/systemd/system/kiosk-central.service'"
check "an upgrade restarts the services" sh -c \
	"grep -q '_dh_action=restart' '$chroot_dir/var/lib/dpkg/info/kiosk.postinst' &&
	 grep -q '_dh_action=restart' '$chroot_dir/var/lib/dpkg/info/kiosk-central.postinst'"
check "the installed config checks clean and names the installed demo bundle" sh -c \
	"grep -q '^content = /usr/share/kiosk/content.json' '$chroot_dir/etc/kiosk/kiosk.conf' &&
	 test -f '$chroot_dir/usr/share/kiosk/content.json'"
in_root kiosk --check-config /etc/kiosk/kiosk.conf >"$work/check-config.log" 2>&1
check "kiosk --check-config accepts the installed kiosk.conf" test $? -eq 0

# 4. The kiosk draws every screen, as the user kiosk, with the packaged fonts.
in_root mkdir -p /tmp/shots && in_root chown kiosk /tmp/shots
as_user kiosk kiosk --screenshot /tmp/shots --size 800x480 --lang ar >"$work/screenshot.log" 2>&1
check "kiosk --screenshot draws the screens" sh -c \
	"test \$(find '$chroot_dir/tmp/shots' -name '*.png' -size +2k | wc -l) -ge 5"

# 5. kiosk-central with a test CA, one kiosk enrolled and the demo bundle
# published, on loopback; the state directories as systemd would make them.
sh "$root/tests/make_ca.sh" "$work/ca" >/dev/null 2>&1 || echo "# make_ca.sh failed"
install -m 644 "$work/ca/ca.pem" "$chroot_dir/etc/kiosk/ca.pem"
install -m 644 "$work/ca/server.pem" "$chroot_dir/etc/kiosk/central.pem"
install -m 640 "$work/ca/server.key" "$chroot_dir/etc/kiosk/central.key"
in_root chgrp kiosk-central /etc/kiosk/central.key
in_root install -d -m 700 -o kiosk /var/lib/kiosk
in_root install -d -m 700 -o kiosk-central /var/lib/kiosk-central
sed -i -e "s|^kiosk_listen = [^ ]*|kiosk_listen = 127.0.0.1:$port|" \
	-e "s|^staff_listen = [^ ]*|staff_listen = 127.0.0.1:$((port + 1))|" "$chroot_dir/etc/kiosk/central.conf"
kc() { as_user kiosk-central kiosk-central --config /etc/kiosk/central.conf "$@"; }
token=$(kc add-kiosk k1 --group g 2>/dev/null)
kc publish /usr/share/kiosk/content.json --group g >"$work/publish.log" 2>&1
published=$?
check "kiosk-central add-kiosk prints a token, publish takes the demo bundle" sh -c \
	"echo '$token' | grep -Eq '^[0-9a-f]{64}\$' && test $published -eq 0"
start_server() {
	kc >>"$work/server.log" 2>&1 &
	server=$!
	wait_for 100 curl -s -o /dev/null --cacert "$work/ca/ca.pem" "https://127.0.0.1:$port/api/v1/"
}
check "kiosk-central serves the kiosk API over HTTPS" start_server
check "the staff web UI and its Chart.js from libjs-chart.js" sh -c \
	"curl -sf http://127.0.0.1:$((port + 1))/ | grep -q '<html' &&
	 curl -sf -o /dev/null http://127.0.0.1:$((port + 1))/lib/chart.min.js"

# 6. kiosk-sync --once, as the user kiosk, with the packaged kiosk.conf changed as
# an installer would: id, url, CA, token.
printf '%s\n' "$token" >"$chroot_dir/etc/kiosk/token"
in_root chown kiosk:kiosk /etc/kiosk/token && chmod 600 "$chroot_dir/etc/kiosk/token"
sed -i -e 's|^id = .*|id = k1                          ; changed here|' \
	-e "s|^url = .*|url = https://127.0.0.1:$port/api/v1|" \
	-e 's|^ca_file = .*|ca_file = /etc/kiosk/ca.pem|' "$chroot_dir/etc/kiosk/kiosk.conf"
once() { as_user kiosk kiosk-sync --config /etc/kiosk/kiosk.conf --once >>"$work/sync.log" 2>&1; }
check "kiosk-sync --once reaches kiosk-central" once
check "the synced bundle is in /var/lib/kiosk" test -f "$chroot_dir/var/lib/kiosk/content/current/content.json"
db=$chroot_dir/var/lib/kiosk/kiosk.db
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3)
	INSERT INTO responses(id, created_at, document)
	SELECT printf('0deb0000-0000-4000-8000-%012d', i), strftime('%s','now'),
	json_object('id', printf('0deb0000-0000-4000-8000-%012d', i), 'survey_id', 'trygghet-2026',
	'survey_version', 1, 'content_version', '2026-11-20.1', 'language', 'sv',
	'submitted_hour', '2026-11-24T14:00Z', 'clock_synced', json('true'), 'status', 'complete',
	'duration_s', 40, 'answers', json('[{\"q\":\"safety-evening\",\"option\":\"very_unsafe\"}]'),
	'flags', json('[]')) FROM n"
in_root chown -R kiosk:kiosk /var/lib/kiosk
once
exported() { kc export 2>/dev/null | grep -c 0deb0000; }
check "three answers on the kiosk reach kiosk-central's export" test "$(exported)" -eq 3
stop_server

# 7. The upgrade to N.1 keeps what the device has.
uploaded() { sqlite3 "$db" "SELECT count(*) FROM responses WHERE uploaded_at IS NOT NULL"; }
conf_before=$(md5sum <"$chroot_dir/etc/kiosk/kiosk.conf")
central_before=$(md5sum <"$chroot_dir/etc/kiosk/central.conf")
content_before=$(md5sum <"$chroot_dir/var/lib/kiosk/content/current/content.json")
check "apt upgrades both packages to $next" install_debs "$next"
check "both packages are now $next" test "$(installed_version kiosk) $(installed_version kiosk-central)" = "$next $next"
new_programs() { in_root kiosk --version 2>&1 | grep -qF "$next"; }
check "the programs are the new version" new_programs
check "kiosk.conf keeps its changes" test "$(md5sum <"$chroot_dir/etc/kiosk/kiosk.conf")" = "$conf_before"
check "central.conf keeps its changes" test "$(md5sum <"$chroot_dir/etc/kiosk/central.conf")" = "$central_before"
check "the token is still there, the kiosk's alone" sh -c \
	"test \"\$(stat -c %a '$chroot_dir/etc/kiosk/token')\" = 600 && grep -q '$token' '$chroot_dir/etc/kiosk/token'"
check "the kiosk's database keeps its three uploaded answers" test "$(uploaded)" -eq 3
check "the synced content is kept" test "$(md5sum <"$chroot_dir/var/lib/kiosk/content/current/content.json")" = "$content_before"
check "kiosk-central's database keeps the answers" test "$(exported)" -eq 3
sync_again() { start_server && once; }
check "the new kiosk-central serves and the new kiosk-sync syncs with it" sync_again
stop_server

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
