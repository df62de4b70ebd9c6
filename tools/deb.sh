#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Builds the Debian packages kiosk and kiosk-central with dpkg-buildpackage from a
# copy of this tree (so debhelper's files stay out of it), then runs lintian on
# them, which fails the build on any error. The .deb files land in OUT_DIR; with
# VERSION, the copy's debian/changelog gets an entry for that version first. With
# DEB_ARCH (e.g. arm64) they are cross-built for that architecture, whose
# libraries tools/deps.sh arm64 installs.
# usage: [DEB_ARCH=ARCH] tools/deb.sh OUT_DIR [VERSION]
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 OUT_DIR [VERSION]" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
src=$out/src

rm -rf "$src"
mkdir -p "$src"
(cd "$root" && tar -cf - --exclude=./build --exclude=./.git --exclude=./screenshots .) |
	tar -xf - -C "$src"
cd "$src"
if [ $# -eq 2 ]; then
	{
		printf 'kiosk (%s) unstable; urgency=medium\n\n' "$2"
		printf '  * Built as version %s.\n\n' "$2"
		printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -S Maintainer)" "$(date -R)"
		cat debian/changelog
	} >debian/changelog.new
	mv debian/changelog.new debian/changelog
fi
version=$(dpkg-parsechangelog -S Version)
arch=${DEB_ARCH:-$(dpkg-architecture -qDEB_HOST_ARCH)}

if [ "$arch" = "$(dpkg-architecture -qDEB_BUILD_ARCH)" ]; then
	dpkg-buildpackage -b -us -uc -jauto
else
	# The programs cannot run here to check themselves: nocheck.
	DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" \
		dpkg-buildpackage -b -us -uc -jauto -a"$arch" -Pcross,nocheck
fi
echo "lintian:"
lintian -I "$out/kiosk_${version}_${arch}.changes"
echo "packages in $out:"
ls "$out"/*_"${version}"_*.deb
