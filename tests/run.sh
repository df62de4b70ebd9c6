#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Runs every test program, then the command-line and real-window tests, and prints
# one closing line: "N passed, N failed".
# usage: tests/run.sh BUILD_DIR TEST...
build=$1
shift
passed=0
failed=0

start_all=$(date +%s)
# "(N checks, T s; P passed so far)" after a suite's name.
tally() { # CHECKS SINCE
	echo "($1, $(($(date +%s) - $2)) s; $passed passed so far)"
}

export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

for t in "$@"; do
	log="$build/$t.log"
	since=$(date +%s)
	if "$build/$t" >"$log" 2>&1; then
		n=$(grep -c '^\[       OK \]' "$log")
		passed=$((passed + n))
		echo "ok    $t $(tally "$n" "$since")"
	else
		ok=$(grep -c '^\[       OK \]' "$log")
		bad=$(grep -c '^\[  FAILED  \] [a-z]' "$log")
		[ "$bad" -eq 0 ] && bad=1
		passed=$((passed + ok))
		failed=$((failed + bad))
		echo "FAIL  $t"
		sed 's/^/      /' "$log" | tail -40
	fi
done

# Shell test scripts print "plan N" first (the number of checks to come), then
# "ok NAME" or "FAIL NAME" per check and "NAME done" at the end. A check that did
# not run counts as a failure (a script that stops early, a helper that died and
# took checks with it), as does a script with no plan, one that runs more checks than
# it planned, one that never says it is done, or one that exits with an error.
script() { # NAME [ARG...]
	name=$1
	since=$(date +%s)
	log="$build/$1.log"
	if [ -f "$(dirname "$0")/$1.py" ]; then
		# Debian's python3, which has python3-selenium.
		py=python3
		[ -x /usr/bin/python3 ] && py=/usr/bin/python3
		shift
		"$py" "$(dirname "$0")/$name.py" "$@" >"$log" 2>&1
	else
		sh "$(dirname "$0")/$1.sh" ${2:+"$2"} >"$log" 2>&1
	fi
	rc=$?
	plan=$(sed -n 's/^plan \([0-9][0-9]*\)$/\1/p' "$log" | head -1)
	ok=$(grep -c '^ok ' "$log")
	bad=$(grep -c '^FAIL ' "$log")
	missing=0
	why=""
	if [ -z "$plan" ]; then
		missing=1
		why="no plan line"
	elif [ $((ok + bad)) -lt "$plan" ]; then
		missing=$((plan - ok - bad))
		why="$missing of its $plan checks did not run"
	elif [ $((ok + bad)) -gt "$plan" ]; then
		missing=1
		why="$((ok + bad)) checks ran, $plan planned"
	fi
	if ! grep -q "^$name done" "$log"; then
		[ "$missing" -eq 0 ] && missing=1
		why="${why:+$why; }it stopped before the end"
	fi
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && [ "$missing" -eq 0 ]; then
		missing=1
		why="it exited with status $rc"
	fi
	passed=$((passed + ok))
	failed=$((failed + bad + missing))
	if [ "$bad" -gt 0 ] || [ "$missing" -gt 0 ]; then
		echo "FAIL  $name ($ok of ${plan:-?} passed${why:+; $why})"
		sed 's/^/      /' "$log" | tail -60
	else
		echo "ok    $name $(tally "$ok" "$since")"
	fi
}

script cli "$build/kiosk"           # the command line and a real window
script sync "$build/kiosk-sync"     # kiosk-sync against the fake central service
script systemd "$build/kiosk"       # install, the units, sd_notify and the watchdog
script test_fake_central            # the fake central service itself, with curl
script central "$build"             # kiosk-central with the real kiosk-sync, and attacks on it
script staff_api "$build"           # the staff API: sessions, roles, CSRF, drafts, previews, attacks
script results "$build"             # results in the bundle: once a day, per group, none under min_n
script e2e "$build"                 # publish, kiosk-sync, the kiosk's window, tapped answers, export
script web "$build" "$(dirname "$0")/../build/node/node_modules/axe-core/axe.min.js" # the staff web UI in chromium

# The monkey, briefly (make soak runs 200 000 events). Its first line is the seed
# that replays a failure: make soak SOAK_SEED=... SOAK_EVENTS=3000.
log="$build/soak.log"
if "$build/soak" --events 3000 >"$log" 2>&1; then
	passed=$((passed + 1))
	echo "ok    soak ($(head -1 "$log" | sed 's/^soak: //'))"
else
	failed=$((failed + 1))
	echo "FAIL  soak"
	grep '^soak:' "$log" | sed 's/^/      /'
	grep -v '^soak:' "$log" | tail -30 | sed 's/^/      /'
fi

# Every input in tests/data/fuzz/TARGET (what make fuzz found, and hand-made
# ones) through the parser again, with the sanitizers.
for t in content config receipt response upload route; do
	log="$build/replay_$t.log"
	if "$build/replay_$t" "$(dirname "$0")/data/fuzz/$t"/* >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "ok    replay_$t ($(grep -c '^replayed' "$log") files)"
	else
		failed=$((failed + 1))
		echo "FAIL  replay_$t"
		tail -30 "$log" | sed 's/^/      /'
	fi
done

# No function of the programs is over 80 lines (tools/funclen.awk lists them).
root=$(dirname "$0")/..
long=$(awk -f "$root/tools/funclen.awk" "$root"/common/*.c "$root"/kiosk/*.c "$root"/screens/*.c "$root"/sync/*.c "$root"/central/*.c)
if [ -z "$long" ]; then
	passed=$((passed + 1))
	echo "ok    no function over 80 lines"
else
	failed=$((failed + 1))
	echo "FAIL  functions over 80 lines:"
	echo "$long" | sed 's/^/      /'
fi

echo "$passed passed, $failed failed, in $(($(date +%s) - start_all)) s"
[ "$failed" -eq 0 ]
