#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Tests of the kiosk program as staff and IT use it: --check-content,
# --check-config, --screenshot at every size and language, and the kiosk in a real
# X window driven by xdotool, its QR code read back from the screen with zbarimg.
# usage: tests/cli.sh PATH/TO/kiosk
kiosk=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null' EXIT
xvfb=""
# The X libraries keep allocations until exit; only our own leaks matter here.
export ASAN_OPTIONS="detect_leaks=0"
# A Tuesday afternoon, when the demo content's opening hours say open.
export KIOSK_NOW=2026-11-24T14:05:00Z TZ=UTC

echo "plan 43" # the checks to come; tests/run.sh counts a missing one as a failure
check() { # NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "FAIL $name"; fi
}

# --check-content
check "demo bundle is valid" sh -c "'$kiosk' --check-content '$root/config/content.json' | grep -q ': ok: version'"
for f in 23-title-too-long 33-date-invalid 41-url-not-https 01-syntax-trailing-comma; do
	file="$root/tests/data/bundles/$f.json"
	"$kiosk" --check-content "$file" >"$tmp/out" 2>&1
	rc=$?
	check "check-content rejects $f" test "$rc" -eq 1
done
"$kiosk" --check-content "$root/tests/data/bundles/23-title-too-long.json" 2>"$tmp/err"
check "check-content names the place as people count it, then the JSON path" grep -q \
	'error: promise 1 (trygg-park), title, sv: text too long.*(at promises\[0\]\.title\.sv)' "$tmp/err"
"$kiosk" --check-content "$root/tests/data/bundles/01-syntax-trailing-comma.json" 2>"$tmp/err"
check "check-content gives line and column of a syntax error" grep -q 'error: line [0-9]*, column [0-9]*:' "$tmp/err"

# --check-config
check "example config is clean" "$kiosk" --check-config "$root/config/kiosk.conf"
printf '[kiosk]\nid = a\n[display]\nrotation = 45\n' >"$tmp/bad.conf"
"$kiosk" --check-config "$tmp/bad.conf" 2>"$tmp/err"
rc=$?
check "bad config is reported with file:line" sh -c "test $rc -eq 1 && grep -q 'bad.conf:4: bad value for \[display\] rotation' '$tmp/err'"

# --screenshot at every size and language
for size in 800x480 1280x800 1920x1080 1080x1920; do
	for lang in sv en ar; do
		dir="$tmp/shots/$size-$lang"
		if "$kiosk" --screenshot "$dir" --size "$size" --lang "$lang" 2>"$tmp/err"; then
			good=1
			for screen in attract promise links; do
				got=$(identify -format '%wx%h' "$dir/$screen.png" 2>/dev/null)
				[ "$got" = "$size" ] || good=0
			done
			check "screenshots $size $lang" test "$good" -eq 1
		else
			echo "FAIL screenshots $size $lang"
			cat "$tmp/err"
		fi
	done
done
# Beside every picture, what the screen says: one utterance a line, "LANG<TAB>TEXT",
# the title first, in Arabic (a language's own button in that language).
dir="$tmp/shots/1280x800-ar"
good=1
for png in "$dir"/*.png; do
	said="${png%.png}.speech.txt"
	[ -s "$said" ] && ! grep -qv '^\(ar\|sv\|en\)	[^	]\+$' "$said" &&
		[ "$(head -n 1 "$said" | cut -f 1)" = ar ] || good=0
done
check "screenshots write what each screen says beside its picture" test "$good" -eq 1
"$kiosk" --screenshot "$tmp/preview" --content "$root/tests/data/bundles/31-party-unknown.json" 2>"$tmp/err"
rc=$?
check "screenshot preview of a broken bundle fails with the reason" sh -c "test $rc -eq 1 && grep -q 'unknown party' '$tmp/err'"
"$kiosk" --screenshot "$tmp/preview" --content "$root/config/content.json" --size 800x480 2>"$tmp/preview.log"
shots=$(ls "$tmp/preview"/*.png | wc -l)
check "a preview says how many pictures it wrote and where, and no demo or migration talk" sh -c \
	"grep -q 'wrote $shots screenshots of 2026-11-20.1 (800x480, sv) to $tmp/preview' '$tmp/preview.log' &&
	 ! grep -q 'demo content\|migrated' '$tmp/preview.log'"
ids=$(python3 -c 'import json, sys; print(" ".join(p["id"] for p in json.load(open(sys.argv[1]))["promises"]))' "$root/config/content.json")
missing=0
for id in $ids; do test -s "$tmp/preview/promise-$id.png" || missing=1; done
check "screenshot preview shows every promise" test -n "$ids" -a "$missing" -eq 0

# make install puts every file where the installed kiosk looks for it.
if make -s -C "$root" install DESTDIR="$tmp/pkg" PREFIX=/usr >"$tmp/install.log" 2>&1; then
	good=1
	for f in usr/bin/kiosk usr/share/kiosk/content.json usr/share/kiosk/fonts.ini \
		usr/share/kiosk/strings/sv.ini usr/share/kiosk/strings/ar.ini \
		usr/share/kiosk/kiosk.conf.example; do
		[ -f "$tmp/pkg/$f" ] || { echo "missing $f"; good=0; }
	done
	check "make install DESTDIR puts every file in place" test "$good" -eq 1
	env -u KIOSK_SHARE_DIR "$tmp/pkg/usr/bin/kiosk" --screenshot "$tmp/installed" --size 800x480 --lang ar 2>"$tmp/err"
	check "the installed kiosk finds its fonts, strings and demo content" test -f "$tmp/installed/attract.png"
else
	echo "FAIL make install"
	cat "$tmp/install.log"
fi

# Idle means asleep, also where SDL itself would poll every millisecond (its
# offscreen driver here, kmsdrm on a Raspberry Pi): on the closed screen the kiosk
# waits in poll() for input, a signal, new content or the next minute.
printf '[kiosk]\ndata_dir = %s\n[display]\nrenderer = software\nsize = 800x480\n' \
	"$tmp/idle" >"$tmp/idle.conf"
KIOSK_NOW=2026-11-22T12:00:30Z SDL_VIDEODRIVER=offscreen "$kiosk" --config "$tmp/idle.conf" \
	>"$tmp/idle.log" 2>&1 &
idle=$!
for i in $(seq 1 100); do grep -q "renderer" "$tmp/idle.log" && break; sleep 0.1; done
timeout -s INT 5 strace -f -c -q -o "$tmp/idle.strace" -p "$idle" >/dev/null 2>&1
traced=$? # 124: strace was attached for the whole 5 s
waits=$(awk '$NF ~ /^(poll|ppoll|select|pselect6|nanosleep|clock_nanosleep|epoll_wait|epoll_pwait)$/ { n += $4 } END { print n + 0 }' "$tmp/idle.strace")
check "an idle kiosk sleeps: $waits waits in 5 s where SDL alone would take thousands" \
	test "$traced" -eq 124 -a "$waits" -le 2
mkdir -p "$tmp/idle/content/2026-12-01.1"
sed 's/"version": "2026-11-20.1"/"version": "2026-12-01.1"/' "$root/config/content.json" \
	>"$tmp/idle/content/2026-12-01.1/content.json"
ln -s 2026-12-01.1 "$tmp/idle/content/current"
sleep 1
check "asleep, it still takes new content at once" grep -q "showing content 2026-12-01.1" "$tmp/idle.log"
# On a loaded machine the first frames may come late: the screen closes after them.
for i in $(seq 1 100); do grep -q "outside opening hours" "$tmp/idle.log" && break; sleep 0.1; done
check "with a kiosk.conf, on a Sunday the demo's opening hours close it" \
	grep -q "outside opening hours" "$tmp/idle.log"
# make run, trying it out: with no kiosk.conf at all the kiosk is open at any hour.
if [ -e /etc/kiosk/kiosk.conf ]; then
	echo "ok no kiosk.conf: open at any hour (not tried: this machine has /etc/kiosk/kiosk.conf)"
else
	HOME=$tmp/home XDG_STATE_HOME=$tmp/xdg KIOSK_NOW=2026-11-22T12:00:30Z \
		SDL_VIDEODRIVER=offscreen "$kiosk" --windowed >"$tmp/demo.log" 2>&1 &
	demo=$!
	for i in $(seq 1 100); do grep -q "renderer" "$tmp/demo.log" && break; sleep 0.1; done
	sleep 1
	kill -TERM "$demo"
	wait "$demo"
	check "no kiosk.conf (make run): open at any hour, the promises on a Sunday" sh -c \
		"grep -q 'open at any hour' '$tmp/demo.log' && ! grep -q 'outside opening hours' '$tmp/demo.log'"
fi
start=$(date +%s)
kill -TERM "$idle"
wait "$idle"
rc=$?
check "asleep, SIGTERM stops it at once and cleanly" test "$rc" -eq 0 -a $(($(date +%s) - start)) -le 1

# A real window under Xvfb, in kiosk mode (fullscreen).
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
	display=:$((90 + $$ % 9))
	Xvfb "$display" -screen 0 800x480x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb=$!
	sleep 1
	export DISPLAY=$display
	# The staff PIN is 123456. Speech goes to a stand-in for espeak-ng that writes
	# down what it is asked to say, "LANG: TEXT" a line.
	cat >"$tmp/espeak" <<-EOF
		#!/bin/sh
		[ "\$1" = --voices ] && printf ' Pty Language\\n 5  sv  --/M  Swedish\\n' && exit 0
		{ printf '%s: ' "\$2"; tr '\\n' ' '; echo; } >>"$tmp/said"
	EOF
	chmod +x "$tmp/espeak"
	printf '[kiosk]\ndata_dir = %s\n[staff]\n%s\n[accessibility]\nspeech_program = %s\n' \
		"$tmp/state/kiosk" "$(echo 123456 | "$kiosk" --hash-pin)" "$tmp/espeak" >"$tmp/x.conf"
	"$kiosk" --config "$tmp/x.conf" >"$tmp/kiosk.log" 2>&1 &
	pid=$!
	# Until the first frame is on the screen (on a loaded machine the sanitised
	# build takes a while).
	drawn() {
		import -window root "$tmp/first.png" 2>/dev/null &&
			[ "$(convert "$tmp/first.png" -format '%[fx:mean > 0.05]' info: 2>/dev/null)" = 1 ]
	}
	for i in $(seq 1 30); do drawn && break; sleep 0.5; done
	sleep 1
	xdotool key a
	for i in $(seq 1 50); do grep -q 'Tyck till!, knapp' "$tmp/said" 2>/dev/null && break; sleep 0.3; done
	check "a key turns speech on, and the screen is said" \
		sh -c "grep -q '^sv: Uppläsning på.' '$tmp/said' && grep -q 'Tyck till!, knapp' '$tmp/said'"
	for keys in Escape alt+F4 ctrl+q ctrl+c alt+Tab; do
		xdotool key "$keys" 2>/dev/null
	done
	sleep 1
	check "keys do not close the kiosk" kill -0 "$pid"
	# By keypad: Tab until the promise card is said, then Enter opens it.
	said() { tail -n 1 "$tmp/said" 2>/dev/null | grep -q "$1"; }
	tab_to() {
		for i in $(seq 1 20); do
			xdotool key Tab
			sleep 0.5
			said "$1" && return 0
		done
		return 1
	}
	tab_to "kväll, knapp" && xdotool key Return
	expected=$(grep -o '"url": "[^"]*"' "$root/config/content.json" | head -1 | cut -d'"' -f4)
	for i in $(seq 1 20); do
		sleep 0.5
		import -window root "$tmp/window.png" 2>/dev/null
		url=$(zbarimg -q --raw "$tmp/window.png" 2>/dev/null)
		[ "$url" = "$expected" ] && break
	done
	check "Tab and Enter open the promise; its QR on screen decodes to its URL" test "$url" = "$expected"
	# kiosk-sync puts a new bundle in place; the kiosk shows it on its attract screen.
	tab_to "^sv: Tillbaka, knapp" && xdotool key Return # back to attract
	# The visitor turns speech off on the accessibility screen, by keys.
	sleep 1
	tab_to "^sv: Tillgänglighet, knapp" && xdotool key Return
	sleep 1
	tab_to "Uppläsning, knapp, vald" && xdotool key Return
	sleep 0.5
	# Touches act again: Back, in the header's start corner.
	xdotool mousemove 70 34 click 1
	sleep 0.5
	check "speech is turned off from the accessibility screen" \
		sh -c "tail -n 1 '$tmp/said' | grep -q 'Uppläsning, knapp, vald' && grep -q 'accessibility mode off' '$tmp/kiosk.log'"
	mkdir -p "$tmp/state/kiosk/content/2026-12-01.1"
	sed 's/"version": "2026-11-20.1"/"version": "2026-12-01.1"/' "$root/config/content.json" \
		>"$tmp/state/kiosk/content/2026-12-01.1/content.json"
	ln -s 2026-12-01.1 "$tmp/state/kiosk/content/current"
	# No polling: the link's change wakes the kiosk at once.
	sleep 1
	check "a new synced bundle is shown between visitors, told by inotify" grep -q "showing content 2026-12-01.1" "$tmp/kiosk.log"
	# Staff: hold the top left corner, tap the bottom right one, type the PIN on the
	# pad (its keys at 800x480), then "Läs om innehållet" and "Synka nu" on the panel.
	xdotool mousemove 3 3 mousedown 1
	sleep 1.2
	xdotool mouseup 1
	sleep 0.3
	xdotool mousemove 797 477 click 1
	sleep 0.5
	for key in "292 212" "399 212" "506 212" "292 283" "399 283" "506 283" "506 425"; do
		xdotool mousemove $key click 1
		sleep 0.2
	done
	sleep 1
	xdotool mousemove 667 161 click 1
	sleep 1
	xdotool mousemove 667 103 click 1
	sleep 1
	import -window root "$tmp/panel.png" 2>/dev/null
	check "staff gesture and PIN in a real window open the panel" \
		sh -c "grep -q 'staff: the PIN pad was opened' '$tmp/kiosk.log' &&
			grep -q 'staff: the panel was opened with the PIN' '$tmp/kiosk.log'"
	check "the panel's reload reads the current bundle again" \
		grep -q "staff reload: showing content 2026-12-01.1" "$tmp/kiosk.log"
	check "the panel's sync now leaves its request for kiosk-sync" test -e "$tmp/state/kiosk/sync-now"
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	check "SIGTERM stops the kiosk cleanly" test "$rc" -eq 0
	check "kiosk logged no errors" sh -c "! grep -q '^error' '$tmp/kiosk.log'"
	# Xvfb's OpenGL is Mesa's llvmpipe, drawn by the CPU: auto takes SDL's own.
	check "renderer = auto under Xvfb chooses the software renderer" \
		grep -q "renderer software" "$tmp/kiosk.log"
else
	echo "FAIL Xvfb and xdotool are missing (make deps)"
fi
echo "cli done"
