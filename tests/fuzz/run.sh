#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Runs each libFuzzer target for SECONDS, one process at a time, on a working
# corpus seeded from the demo files and tests/data/fuzz/TARGET (hand-made
# regression inputs and earlier findings). Every
# crash, leak, timeout or out-of-memory input it finds is saved in
# tests/data/fuzz/TARGET/, where make test replays it; one summary line a target.
# usage: tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...
build=$1
secs=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
found_any=0

seeds() { # TARGET
	case $1 in
	content) echo "$root/config/content.json $root/tests/data/bundles $root/tests/data/good" ;;
	config) echo "$root/config/kiosk.conf" ;;
	receipt | route) echo "" ;;
	upload) echo "$root/tests/data/fuzz/response" ;;
	esac
}

for t in "$@"; do
	corpus=$build/corpus/$t
	found=$root/tests/data/fuzz/$t
	log=$build/fuzz_$t.log
	mkdir -p "$corpus" "$found"
	for s in $(seeds "$t") "$found"; do
		if [ -d "$s" ]; then
			find "$s" -maxdepth 1 -type f -exec cp {} "$corpus/" \;
		else
			cp "$s" "$corpus/"
		fi
	done
	before=$(find "$found" -type f | wc -l)
	# Fork mode with one job: a crash is saved and fuzzing goes on.
	"$build/fuzz_$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$found/" "$corpus" >"$log" 2>&1
	after=$(find "$found" -type f | wc -l)
	execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	echo "fuzz_$t: ${secs} s, ${execs:-0} runs, $cov, corpus $(ls "$corpus" | wc -l)," \
		"$((after - before)) new finding(s) in tests/data/fuzz/$t (log: $log)"
	[ "$after" -gt "$before" ] && found_any=1
done
[ "$found_any" -eq 0 ]
