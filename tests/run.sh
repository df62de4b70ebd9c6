#!/bin/sh
# Runs every test program, then the command-line and real-window tests, and prints
# one closing line: "N passed, N failed".
# usage: tests/run.sh BUILD_DIR TEST...
build=$1
shift
passed=0
failed=0
failures=""

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
		failures="$failures $t"
		echo "FAIL  $t"
		sed 's/^/      /' "$log" | tail -40
	fi
done

# Command-line and real-window tests print "ok NAME" or "FAIL NAME" per check.
log="$build/cli.log"
sh "$(dirname "$0")/cli.sh" "$build/kiosk" >"$log" 2>&1
ok=$(grep -c '^ok ' "$log")
bad=$(grep -c '^FAIL ' "$log")
passed=$((passed + ok))
failed=$((failed + bad))
if [ "$bad" -gt 0 ] || ! grep -q '^cli done' "$log"; then
	echo "FAIL  cli"
	sed 's/^/      /' "$log" | tail -60
	grep -q '^cli done' "$log" || failed=$((failed + 1))
	failures="$failures cli"
else
	echo "ok    cli ($ok)"
fi

# kiosk-sync against the fake central service.
log="$build/sync.log"
sh "$(dirname "$0")/sync.sh" "$build/kiosk-sync" >"$log" 2>&1
ok=$(grep -c '^ok ' "$log")
bad=$(grep -c '^FAIL ' "$log")
passed=$((passed + ok))
failed=$((failed + bad))
if [ "$bad" -gt 0 ] || ! grep -q '^sync done' "$log"; then
	echo "FAIL  sync"
	sed 's/^/      /' "$log" | tail -60
	grep -q '^sync done' "$log" || failed=$((failed + 1))
else
	echo "ok    sync ($ok)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
