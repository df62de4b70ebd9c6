#!/bin/sh
# Installs the Debian packages the kiosk needs to build, run and test, when any is
# missing. Uses sudo when not run as root. Safe to run again: it only installs what
# dpkg does not already list as installed.
# usage: tools/deps.sh [bench] [fuzz] [arm64]   (also what make bench, make fuzz
# and make check-arm64 need; arm64 adds Debian's arm64 architecture to dpkg)
set -eu

packages="
build-essential pkg-config
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libfribidi-dev libqrencode-dev libjansson-dev libinih-dev libcmocka-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev libssl-dev libsystemd-dev
libcrypt-dev libmicrohttpd-dev zlib1g-dev
fonts-noto-core
unicode-data zbar-tools xvfb xdotool imagemagick python3 openssl curl systemd strace
libjs-chart.js chromium chromium-driver python3-selenium
"
# npm fetches axe-core for the browser tests; a node from elsewhere brings its own.
command -v npm >/dev/null 2>&1 || packages="$packages npm"
foreign=""
for extra in "$@"; do
	case "$extra" in
	bench) packages="$packages valgrind strace nginx-light" ;;
	fuzz) packages="$packages clang" ;;
	arm64)
		# The cross compiler, qemu to run what it builds, and every library the
		# Makefile asks pkg-config for, in arm64 builds beside the amd64 ones.
		packages="$packages crossbuild-essential-arm64 qemu-user-static zbar-tools"
		for p in libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfribidi-dev \
			libqrencode-dev libjansson-dev libinih-dev libcmocka-dev libsqlite3-dev \
			libcurl4-openssl-dev libssl-dev libsystemd-dev libcrypt-dev \
			libmicrohttpd-dev zlib1g-dev; do
			packages="$packages $p:arm64"
		done
		foreign=arm64
		;;
	*) echo "deps.sh: unknown set $extra" >&2 && exit 2 ;;
	esac
done

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

echo "installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	as_root=""
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo"
else
	echo "not root and no sudo: install these packages by hand:$missing" >&2
	exit 1
fi
if [ -n "$foreign" ] && ! dpkg --print-foreign-architectures | grep -qx "$foreign"; then
	$as_root dpkg --add-architecture "$foreign"
fi
$as_root apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
