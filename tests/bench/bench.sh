#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# make bench: measures the kiosk next to a minimal SDL2 + SDL2_ttf + libqrencode
# program (tests/bench/reference.c) and prints one table of medians with min and
# max over BENCH_RUNS runs. How each figure is taken: docs/benchmarks.md.
#   BENCH_RUNS    runs of each measurement (default 5)
#   BENCH_IDLE_S  seconds of idle CPU measurement per run (default 60)
#   BENCH_FRAMES  frames drawn per screen and language (default 60)
# usage: tests/bench/bench.sh BUILD_DIR BENCH_BUILD_DIR
build=$(cd "$1" && pwd)
bench=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${BENCH_RUNS:-5}
idle=${BENCH_IDLE_S:-60}
frames=${BENCH_FRAMES:-60}
tmp=$(mktemp -d)
xvfb=""
trap '[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$tmp"' EXIT
results=$tmp/results

for tool in Xvfb xdotool python3 strace; do
	command -v $tool >/dev/null || {
		echo "bench: $tool is missing (make deps)" >&2
		exit 1
	}
done
# The closed screen is measured when this kiosk has one.
[ -f "$root/screens/closed.c" ] && export BENCH_CLOSED=1

display=:$((90 + $$ % 100))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
sleep 1

echo "bench: $runs runs, ${idle} s idle each; this takes about $((runs * (2 * idle + 60) / 60 + 3)) minutes" >&2
i=1
while [ "$i" -le "$runs" ]; do
	echo "bench: run $i of $runs" >&2
	rm -rf "$tmp/work" && mkdir -p "$tmp/work"
	python3 "$root/tests/bench/procs.py" round "$build/kiosk" "$bench/reference" "$tmp/work" \
		"$idle" >>"$results" || exit 1
	python3 "$root/tests/bench/procs.py" screenshot "$build/kiosk" "$tmp/work" >>"$results" ||
		exit 1
	python3 "$root/tests/bench/procs.py" wakeups "$build/kiosk" "$build/kiosk-sync" "$tmp/work" \
		"$idle" >>"$results" || exit 1
	"$bench/frames" --frames "$frames" | sed 's/^/frames /' >>"$results" || exit 1
	# Large text on the Raspberry Pi's 7-inch display, a page 2.6 times the
	# screen, beside the plain look on the same display as its floor.
	"$bench/frames" --frames "$frames" --size 800x480 --dpi 133 |
		sed 's/^/small /' >>"$results" || exit 1
	"$bench/frames" --frames "$frames" --size 800x480 --dpi 133 --large |
		sed 's/^/smalllarge /' >>"$results" || exit 1
	mkdir -p "$tmp/db" && "$bench/commit" "$tmp/db" 200 | sed 's/^/commit /' >>"$results" ||
		exit 1
	i=$((i + 1))
done

# Instructions per frame: only the frames are instrumented (see frames.c).
if command -v valgrind >/dev/null; then
	echo "bench: frames under callgrind" >&2
	for n in 1 2; do
		mkdir -p "$tmp/cg$n"
		(cd "$tmp/cg$n" && valgrind --tool=callgrind --instr-atstart=no \
			"$bench/frames" --frames 5 >/dev/null 2>&1)
		for f in "$tmp/cg$n"/callgrind.out.*; do
			name=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
			total=$(sed -n 's/^totals: //p' "$f")
			[ -n "$name" ] && [ -n "$total" ] && echo "callgrind$n $name|$total"
		done >>"$results"
	done
fi

# Uploading a backlog, measured by tests/bench/upload.sh when it is there.
if [ -f "$root/tests/bench/upload.sh" ]; then
	echo "bench: upload" >&2
	sh "$root/tests/bench/upload.sh" "$build/kiosk-sync" "$runs" 2>/dev/null |
		grep '^upload ' | sed 's/^/uploadline /' >>"$results"
fi

# kiosk-central's kiosk API, once per bench: its "central ..." lines follow the
# table (table.py does not read them).
echo "bench: kiosk-central" >&2
sh "$root/tests/bench/central.sh" "$build" "$bench" | grep '^central ' >"$tmp/central"

python3 "$root/tests/bench/table.py" "$results" "$runs" "$idle" "$frames"
cat "$tmp/central"
