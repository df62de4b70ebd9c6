#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Benchmark: how long kiosk-sync takes to deliver a backlog of 10 000 answers to the
# fake central service (tests/fake_central.py, real HTTPS on loopback). Each run starts
# from a fresh server and a fresh data directory, seeds the backlog, and times
# `kiosk-sync --once` rounds until every answer is acknowledged; the server must then
# hold exactly the 10 000 ids, each once. Prints one line:
#   upload 10000 responses: median X.XX s (min X.XX, max X.XX), N batches, R runs
# (N: upload requests of the median run; each run's rounds and batches go to stderr)
# and exits 1 if any run failed to deliver everything.
# usage: tests/bench/upload.sh PATH/TO/kiosk-sync [RUNS]
backlog=10000
max_rounds=20
sync=$1
runs=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -x "$sync" ] || ! [ "$runs" -ge 1 ] 2>/dev/null; then
	echo "usage: $0 PATH/TO/kiosk-sync [RUNS]" >&2
	exit 2
fi
tmp=$(mktemp -d)
fake=""
trap '[ -n "$fake" ] && kill "$fake" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
if ! now | grep -qE '^[0-9]+\.[0-9]+$'; then
	echo "upload.sh: date +%s.%N does not give sub-second times here" >&2
	exit 2
fi
sh "$root/tests/make_ca.sh" "$tmp/ca" || exit 2

start_fake() {
	rm -f "$tmp/ca/port" "$tmp/ca/stored.jsonl"
	python3 "$root/tests/fake_central.py" --dir "$tmp/ca" --lifetime 900 2>>"$tmp/fake.log" &
	fake=$!
	for i in $(seq 1 50); do [ -f "$tmp/ca/port" ] && break; sleep 0.1; done
	[ -f "$tmp/ca/port" ] || { echo "upload.sh: the fake central service did not start" >&2; exit 2; }
	control=http://127.0.0.1:$(cat "$tmp/ca/control-port")
	curl -s -X PUT "$control/bundle" --data-binary "@$root/config/content.json" >/dev/null
}
stop_fake() { kill "$fake"; wait "$fake" 2>/dev/null; fake=""; }

# The backlog, as the kiosk stores answers: a UUID, the time written, the document.
seed() { # DB
	sqlite3 "$1" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < $backlog)
	INSERT INTO responses(id, created_at, document)
	SELECT lower(hex(randomblob(4))||'-'||hex(randomblob(2))||'-4'||substr(hex(randomblob(2)),2)||'-a'||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6))),
	       strftime('%s','now') - $backlog + i, '' FROM n;
	UPDATE responses SET document = json_object('id', id, 'survey_id', 'trygghet-2026', 'survey_version', 3,
	       'content_version', '2026-11-20.1', 'language', 'sv', 'submitted_hour', '2026-11-24T14:00Z',
	       'clock_synced', json('true'), 'status', 'complete', 'duration_s', 40,
	       'answers', json('[{\"q\":\"q1\",\"option\":\"fairly_safe\"},{\"q\":\"q2\",\"options\":[\"litter\",\"lighting\"]},{\"q\":\"q3\",\"skipped\":true},{\"q\":\"q4\",\"option\":\"daily\"},{\"q\":\"age\",\"option\":\"30_44\"}]'),
	       'flags', json('[]')) WHERE document = '';"
}

: >"$tmp/results"
failed=0
run=1
while [ "$run" -le "$runs" ]; do
	data=$tmp/data-$run
	start_fake
	cat >"$tmp/kiosk.conf" <<CONF
[kiosk]
id = bench-1
data_dir = $data
[central]
url = https://127.0.0.1:$(cat "$tmp/ca/port")/api/v1
token_file = $tmp/ca/token
ca_file = $tmp/ca/ca.pem
CONF
	# A first round makes the database and fetches the bundle, so the timed rounds
	# do what a kiosk with a backlog does: content unchanged, answers, status.
	"$sync" --config "$tmp/kiosk.conf" --once >"$tmp/once.log" 2>&1 || {
		echo "upload.sh: run $run: the first round failed:" >&2
		cat "$tmp/once.log" >&2
		exit 2
	}
	seed "$data/kiosk.db"
	sqlite3 "$data/kiosk.db" "SELECT id FROM responses" >"$tmp/seeded-ids"
	curl -s -X POST "$control/reset-requests" >/dev/null
	rounds=0
	start=$(now)
	while [ "$rounds" -lt "$max_rounds" ]; do
		rounds=$((rounds + 1))
		"$sync" --config "$tmp/kiosk.conf" --once >"$tmp/once.log" 2>&1 && break
	done
	end=$(now)
	batches=$(curl -s "$control/requests" | python3 -c 'import json,sys
print(sum(r["method"] == "POST" and r["path"].endswith("/responses") for r in json.load(sys.stdin)))')
	pending=$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses WHERE uploaded_at IS NULL")
	# The server holds exactly the backlog's ids, each once.
	if curl -s "$control/stored" | python3 -c 'import json,sys
stored = json.load(sys.stdin)
seeded = set(open(sys.argv[1]).read().split())
sys.exit(0 if len(stored) == len(set(stored)) == len(seeded) == int(sys.argv[2]) and set(stored) == seeded else 1)' \
		"$tmp/seeded-ids" "$backlog" && [ "$pending" -eq 0 ]; then
		secs=$(echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }')
		echo "$secs $batches" >>"$tmp/results"
		echo "run $run: $secs s, $rounds round(s), $batches batches" >&2
	else
		failed=$((failed + 1))
		echo "run $run: FAILED after $rounds round(s): $pending answers pending" >&2
		sed 's/^/    /' "$tmp/once.log" >&2
	fi
	stop_fake
	rm -rf "$data"
	run=$((run + 1))
done

if [ -s "$tmp/results" ]; then
	sort -n "$tmp/results" | awk -v n="$backlog" '
		{ t[NR] = $1; b[NR] = $2 }
		END {
			m = int((NR + 1) / 2)
			median = NR % 2 ? t[m] : (t[m] + t[m + 1]) / 2
			printf "upload %d responses: median %.2f s (min %.2f, max %.2f), %d batches, %d runs\n",
				n, median, t[1], t[NR], b[m], NR
		}'
else
	echo "upload $backlog responses: FAILED, no run delivered every answer"
fi
if [ "$failed" -gt 0 ]; then
	echo "upload.sh: $failed of $runs runs did not deliver every answer exactly once" >&2
	exit 1
fi
exit 0
