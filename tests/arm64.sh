#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The kiosk on arm64, the Raspberry Pi's architecture, checked on an amd64 Debian
# machine: cross-built with Debian's multiarch packages into build/arm64 and run
# under qemu-user. Every screen, rendered in Swedish and Arabic at 800x480 and
# 1080x1920, must be the amd64 render pixel for pixel; the QR codes on the arm64
# renders must decode to the bundle's URLs; the unit tests, built without
# sanitizers, must pass under qemu. Prints "ok NAME" or "FAIL NAME" per check and
# ends with "N passed, N failed".
# usage: tests/arm64.sh   (make check-arm64)
set -u
cd "$(dirname "$0")/.." || exit 1

out=build/arm64
shots=$out/screenshots
jobs=$(nproc 2>/dev/null || echo 2)
qemu="qemu-aarch64-static"
sizes="800x480 1080x1920"
langs="sv ar"
# Every unit test, the longest first so that the last two end together.
UNIT="test_theme test_layout test_qr test_staff test_ui test_items test_bidi test_store
test_central test_bundle test_content test_response test_survey test_text test_i18n
test_config test_protocol test_question"
# Left out under qemu: the store test that kills a writing child after 1 to 40 ms,
# in which an emulated child commits nothing (the same code runs natively in make test).
export STORE_TEST_SKIP=acknowledged_answers_survive_a_killed_process

passed=0
failed=0
ok() {
	echo "ok $1"
	passed=$((passed + 1))
}
bad() {
	echo "FAIL $1${2:+: $2}"
	failed=$((failed + 1))
}
start=$(date +%s)
since() { echo "$(($(date +%s) - $1)) s"; }
finish() {
	echo "arm64 check done in $(since "$start")"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

t=$(date +%s)
if ! sh tools/deps.sh arm64; then
	bad packages "cannot install the arm64 packages (tools/deps.sh arm64)"
	finish
fi
echo "packages ready ($(since "$t"))"

# The same Makefile with another compiler, pkg-config and build directory; the
# unit tests without sanitizers (SAN=), whose runtimes do not work under qemu-user.
t=$(date +%s)
cross="BUILD=$out TEST_BUILD=$out/test SAN= CC=aarch64-linux-gnu-gcc PKG_CONFIG=aarch64-linux-gnu-pkg-config"
unit_bins=$(for u in $UNIT; do printf '%s ' "$out/test/$u"; done)
mkdir -p "$out"
# shellcheck disable=SC2086
if { make -j"$jobs" build/kiosk && make -j"$jobs" $cross $out/kiosk $out/kiosk-sync \
	$out/kiosk-central $unit_bins; } >"$out/build.log" 2>&1; then
	ok build
else
	bad build
	tail -30 "$out/build.log"
	finish
fi
# An ELF file's machine, bytes 18 and 19: b7 00 is aarch64.
for b in kiosk kiosk-sync kiosk-central; do
	machine=$(od -An -tx1 -j18 -N2 "$out/$b" | tr -d ' ')
	if [ "$machine" = b700 ]; then ok "$b is arm64"; else bad "$b is arm64" "machine $machine"; fi
done
echo "built ($(since "$t"))"

# Both builds render every screen, two runs at a time. The clock is fixed and
# the disk the staff panel reports on is absent, so that both see the same facts.
t=$(date +%s)
rm -rf "$shots"
mkdir -p "$shots"
export qemu out shots
(
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy TZ=UTC KIOSK_NOW=2026-11-24T14:05:00Z \
	KIOSK_CLOCK_SYNCED=1 XDG_STATE_HOME="$PWD/$out/no-state"
# shellcheck disable=SC2016
for arch in arm64 amd64; do
	for size in $sizes; do
		for lang in $langs; do
			echo "$arch $size $lang"
		done
	done
done | xargs -P "$jobs" -L 1 sh -c '
	if [ "$0" = arm64 ]; then run="$qemu $out/kiosk"; else run=build/kiosk; fi
	$run --screenshot "$shots/$0/$1-$2" --size "$1" --lang "$2" >"$shots/$0-$1-$2.log" 2>&1 ||
		echo "$0 $1 $2 exited with $?" >&2'
)
echo "rendered ($(since "$t"))"

# Each arm64 render against the amd64 one, pixel by pixel.
t=$(date +%s)
same=0
total=0
for size in $sizes; do
	for lang in $langs; do
		set -- "$shots/amd64/$size-$lang"/*.png
		n_amd=$#
		n_arm=$(find "$shots/arm64/$size-$lang" -name '*.png' 2>/dev/null | wc -l)
		if [ "$n_amd" -lt 10 ] || [ "$n_arm" -ne "$n_amd" ]; then
			bad "renders $size $lang" "$n_amd on amd64, $n_arm on arm64"
			continue
		fi
		differ=""
		for a in "$@"; do
			b="$shots/arm64/$size-$lang/${a##*/}"
			total=$((total + 1))
			# Equal files are equal pixels; otherwise count the pixels that differ.
			if cmp -s "$a" "$b" || [ "$(compare -metric AE "$a" "$b" null: 2>&1)" = 0 ]; then
				same=$((same + 1))
			else
				differ="$differ ${a##*/} ($(compare -metric AE "$a" "$b" null: 2>&1) px)"
			fi
		done
		if [ -z "$differ" ]; then
			ok "renders $size $lang: $n_amd screens identical"
		else
			bad "renders $size $lang identical" "$differ"
		fi
	done
done
echo "$same of $total renders identical ($(since "$t"))"

# The QR codes on the arm64 renders: the links, thank-you and every promise
# screen shows one, and each decodes to a URL of the bundle.
t=$(date +%s)
codes=0
for size in $sizes; do
	for lang in $langs; do
		wrong=""
		for b in "$shots/arm64/$size-$lang"/links.png "$shots/arm64/$size-$lang"/thanks.png \
			"$shots/arm64/$size-$lang"/promise*.png; do
			url=$(zbarimg -q --raw "$b" 2>/dev/null)
			if [ -n "$url" ] && grep -qF "\"$url\"" config/content.json; then
				codes=$((codes + 1))
			else
				wrong="$wrong ${b##*/} (${url:-no code})"
			fi
		done
		if [ -z "$wrong" ]; then ok "QR codes $size $lang"; else bad "QR codes $size $lang" "$wrong"; fi
	done
done
echo "decoded $codes QR codes ($(since "$t"))"

# The unit tests under qemu, two at a time; a test's log is beside it.
t=$(date +%s)
rm -f "$out"/test/*.rc
# shellcheck disable=SC2016,SC2086
printf '%s\n' $UNIT | xargs -P "$jobs" -I{} sh -c \
	'if $qemu "$out/test/$0" >"$out/test/$0.log" 2>&1; then r=ok; else r=FAIL; fi; echo $r >"$out/test/$0.rc"' {}
for u in $UNIT; do
	log=$out/test/$u.log
	checks=$(grep -c '^\[       OK \]' "$log")
	if [ "$(cat "$out/test/$u.rc" 2>/dev/null)" = ok ]; then
		ok "$u under qemu ($checks checks)"
	else
		bad "$u under qemu"
		sed 's/^/      /' "$log" | tail -30
	fi
done
echo "unit tests ($(since "$t"))"
finish
