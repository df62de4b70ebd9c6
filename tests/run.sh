#!/bin/sh
# Runs every test program, then the command-line and real-window tests, and prints
# one closing line: "N passed, N failed".
# usage: tests/run.sh BUILD_DIR TEST...
build=$1
shift
passed=0
failed=0

export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

for t in "$@"; do
	log="$build/$t.log"
	if "$build/$t" >"$log" 2>&1; then
		n=$(grep -c '^\[       OK \]' "$log")
		passed=$((passed + n))
		echo "ok    $t ($n)"
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

# Shell test scripts print "ok NAME" or "FAIL NAME" per check and "NAME done" at
# the end; a script that stops before that counts as one more failure.
script() { # NAME PROGRAM
	log="$build/$1.log"
	sh "$(dirname "$0")/$1.sh" "$2" >"$log" 2>&1
	ok=$(grep -c '^ok ' "$log")
	bad=$(grep -c '^FAIL ' "$log")
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -gt 0 ] || ! grep -q "^$1 done" "$log"; then
		echo "FAIL  $1"
		sed 's/^/      /' "$log" | tail -60
		grep -q "^$1 done" "$log" || failed=$((failed + 1))
	else
		echo "ok    $1 ($ok)"
	fi
}

script cli "$build/kiosk"           # the command line and a real window
script sync "$build/kiosk-sync"     # kiosk-sync against the fake central service
script systemd "$build/kiosk"       # install, the units, sd_notify and the watchdog

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
for t in content config receipt response; do
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
