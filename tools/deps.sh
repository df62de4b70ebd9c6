#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Installs the Debian packages a task needs, when any is missing. Uses sudo when
# not run as root. Safe to run again: it only installs what dpkg does not already
# list as installed.
# usage: tools/deps.sh [SET...]   (without a set: build run test)
#   build      compilers and the libraries' -dev packages (make)
#   run        what the programs need at run time beside their libraries (make run)
#   test       the test tools (make test)
#   bench      the test tools and the benchmarks' own (make bench)
#   fuzz       clang for libFuzzer (make fuzz)
#   deb        the build set, debhelper and lintian (make deb)
#   check-deb  mmdebstrap and the tools the install test uses (make check-deb)
#   arm64      dpkg's arm64 architecture, the cross compiler, qemu-user and the
#              libraries' arm64 -dev packages (make check-arm64)
set -eu

build="
build-essential pkg-config
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libfribidi-dev libqrencode-dev libjansson-dev libinih-dev libsqlite3-dev libcurl4-openssl-dev libssl-dev libsystemd-dev
libcrypt-dev libmicrohttpd-dev zlib1g-dev
"
run="fonts-noto-core libjs-chart.js espeak-ng"
test="
libcmocka-dev sqlite3
unicode-data zbar-tools xvfb xdotool imagemagick python3 openssl curl systemd strace
espeak-ng sox
chromium chromium-driver python3-selenium
"
# npm fetches axe-core for the browser tests; a node from elsewhere brings its own.
command -v npm >/dev/null 2>&1 || test="$test npm"

[ $# -eq 0 ] && set -- build run test
packages=""
foreign=""
for set in "$@"; do
	case "$set" in
	build) packages="$packages $build" ;;
	run) packages="$packages $run" ;;
	test) packages="$packages $test" ;;
	bench) packages="$packages $test valgrind strace nginx-light" ;;
	fuzz) packages="$packages clang" ;;
	deb) packages="$packages $build debhelper lintian" ;;
	check-deb) packages="$packages mmdebstrap openssl curl sqlite3" ;;
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
	*) echo "deps.sh: unknown set $set" >&2 && exit 2 ;;
	esac
done

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac ;;
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
# Another apt may hold the lock for a while: wait for it rather than fail.
$as_root apt-get -o DPkg::Lock::Timeout=300 update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $missing
