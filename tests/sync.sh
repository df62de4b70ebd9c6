#!/bin/sh
# Tests of kiosk-sync against the fake central service (tests/fake_central.py):
# every answer reaches the server exactly once through each fault, nothing is
# marked before its receipt, a broken bundle never becomes current.
# usage: tests/sync.sh PATH/TO/kiosk-sync
sync=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
fake=""
trap '[ -n "$fake" ] && kill "$fake" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

check() { # NAME COMMAND...
	name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "FAIL $name"; fi
}

sh "$root/tests/make_ca.sh" "$tmp/ca" >/dev/null 2>&1 || { echo "FAIL make_ca.sh"; echo "sync done"; exit 0; }
python3 "$root/tests/fake_central.py" --dir "$tmp/ca" --lifetime 900 2>"$tmp/fake.log" &
fake=$!
for i in $(seq 1 50); do [ -f "$tmp/ca/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/ca/port")
control=http://127.0.0.1:$(cat "$tmp/ca/control-port")

data=$tmp/data
cat >"$tmp/kiosk.conf" <<CONF
[kiosk]
id = test-1
data_dir = $data
[central]
url = https://127.0.0.1:$port/api/v1
token_file = $tmp/ca/token
ca_file = $tmp/ca/ca.pem
CONF

run() { "$sync" --config "$tmp/kiosk.conf" --once >"$tmp/once.log" 2>&1; }
ctl() { curl -s -X "$1" "$control$2" ${3:+--data-binary "$3"}; }
stored_count() { ctl GET /stored | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
stored_unique() { python3 -c 'import json,sys; ids=[json.loads(l)["id"] for l in open(sys.argv[1])]; print(len(ids), len(set(ids)))' "$tmp/ca/stored.jsonl"; }
pending() { sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses WHERE uploaded_at IS NULL AND rejected_reason IS NULL"; }
total() { sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses WHERE rejected_reason IS NULL"; }
# Every answer kept locally (not rejected) is on the server, and the server has each once.
all_once() {
	sqlite3 "$data/kiosk.db" "SELECT id FROM responses WHERE rejected_reason IS NULL" >"$tmp/local-ids"
	python3 -c 'import json,sys
ids=[json.loads(l)["id"] for l in open(sys.argv[1])]
local=set(open(sys.argv[2]).read().split())
sys.exit(0 if len(ids)==len(set(ids)) and local <= set(ids) else 1)' "$tmp/ca/stored.jsonl" "$tmp/local-ids"
}

# N answers as the kiosk stores them.
add_answers() { # N [SURVEY]
	sqlite3 "$data/kiosk.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < $1)
	INSERT INTO responses(id, created_at, document)
	SELECT lower(hex(randomblob(4))||'-'||hex(randomblob(2))||'-4'||substr(hex(randomblob(2)),2)||'-a'||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6))) AS id,
	       strftime('%s','now'), '' FROM n;
	UPDATE responses SET document = json_object('id', id, 'survey_id', '${2:-trygghet-2026}', 'survey_version', 1,
	       'content_version', '2026-11-20.1', 'language', 'sv', 'submitted_hour', '2026-11-24T14:00Z',
	       'clock_synced', json('true'), 'status', 'complete', 'duration_s', 40,
	       'answers', json('[{\"q\":\"age\",\"skipped\":true}]'), 'flags', json('[]')) WHERE document = '';"
}

# First round: creates the database; the server has no bundle yet.
run
check "without a bundle on the server --once fails and says so" sh -c "! '$sync' --config '$tmp/kiosk.conf' --once >/dev/null 2>&1"
ctl PUT /bundle "@$root/config/content.json" >/dev/null
add_answers 250
run
rc=$?
check "--once delivers 250 answers in batches and exits 0" test "$rc" -eq 0 -a "$(stored_count)" -eq 250 -a "$(pending)" -eq 0
check "the bundle became current" cmp -s "$data/content/current/content.json" "$root/config/content.json"
check "the heartbeat arrived" sh -c "ctl() { curl -s \"$control\$1\"; }; ctl /status/test-1 | grep -q '\"pending\": *0'"
check "the staff panel's facts are in the database" test \
	"$(sqlite3 "$data/kiosk.db" "SELECT value FROM status WHERE key = 'content_version'")" = 2026-11-20.1 -a \
	-n "$(sqlite3 "$data/kiosk.db" "SELECT value FROM status WHERE key = 'last_success'")"
run
check "an unchanged bundle is not fetched again (304)" sh -c "curl -s $control/requests | grep -q '\"status\": *304'"

# Each fault alone: nothing is marked without a receipt, and after it every answer
# is on the server exactly once.
for fault in 500 503 503-date 429 html reset partial ack-lost 401; do
	add_answers 30
	before=$(stored_count)
	ctl PUT /fault "{\"kind\": \"$fault\", \"count\": -1, \"path\": \"responses\"}" >/dev/null
	run
	rc=$?
	after=$(stored_count)
	marked=$((30 - $(pending)))
	ctl DELETE /fault >/dev/null
	case $fault in
	partial) good=$([ "$marked" -le $((after - before)) ] && echo 1 || echo 0) ;;
	*) good=$([ "$rc" -ne 0 ] && [ "$marked" -le $((after - before)) ] && echo 1 || echo 0) ;;
	esac
	check "fault $fault: no answer marked without its receipt" test "$good" -eq 1
	run
	set -- $(stored_unique)
	check "fault $fault: afterwards every answer is on the server exactly once" \
		test "$(pending)" -eq 0 -a "$1" -eq "$2" -a "$2" -eq "$(total)"
done

check "the last error is recorded for the staff panel" \
	test -n "$(sqlite3 "$data/kiosk.db" "SELECT value FROM status WHERE key = 'last_error'")"

# Uploaded answers are deleted after the retention period; pending ones never.
sqlite3 "$data/kiosk.db" "UPDATE responses SET uploaded_at = strftime('%s','now') - 40*86400 WHERE rowid IN (SELECT rowid FROM responses WHERE uploaded_at IS NOT NULL LIMIT 50)"
add_answers 4
ctl PUT /fault '{"kind": "500", "count": -1, "path": "responses"}' >/dev/null
before=$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses")
run
check "nothing is deleted while uploads fail" test "$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses")" -eq "$before"
ctl DELETE /fault >/dev/null
run
check "answers uploaded 40 days ago are deleted, none pending" test \
	"$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses")" -eq $((before - 50)) -a "$(pending)" -eq 0

# The long-running loop honours Retry-After and stops on SIGTERM.
sed 's/^\[central\]/[central]\nsync_interval_s = 5\nstatus_interval_s = 10/' "$tmp/kiosk.conf" >"$tmp/loop.conf"
add_answers 3
ctl PUT /fault '{"kind": "503", "count": 1, "path": "responses"}' >/dev/null
"$sync" --config "$tmp/loop.conf" >"$tmp/loop.log" 2>&1 &
loop=$!
sleep 9
check "the loop waits at least what Retry-After asked" grep -qE "upload failed .*next try in ([2-9]|[1-9][0-9]+) s" "$tmp/loop.log"
check "the loop delivers after the fault" test "$(pending)" -eq 0
ctl PUT /fault '{"kind": "401", "count": -1, "path": "responses"}' >/dev/null
add_answers 1
sleep 6
check "a refusal of this kiosk waits an hour, not hammered" grep -q "upload failed (the central service refused this kiosk.*next try in 3600 s" "$tmp/loop.log"
ctl DELETE /fault >/dev/null
start=$(date +%s)
kill -TERM "$loop"
wait "$loop"
rc=$?
check "SIGTERM stops the loop promptly and cleanly" test "$rc" -eq 0 -a $(($(date +%s) - start)) -le 3
run

# Mutual TLS: with the client certificate it works, without it it does not.
mkdir "$tmp/m"
cp "$tmp/ca/"*.pem "$tmp/ca/"*.key "$tmp/ca/token" "$tmp/m/"
python3 "$root/tests/fake_central.py" --dir "$tmp/m" --mtls --lifetime 300 2>"$tmp/fake-m.log" &
fake_m=$!
for i in $(seq 1 50); do [ -f "$tmp/m/port" ] && break; sleep 0.1; done
sed -e "s|127.0.0.1:$port|127.0.0.1:$(cat "$tmp/m/port")|" -e "s|^data_dir = .*|data_dir = $tmp/mdata|" "$tmp/kiosk.conf" >"$tmp/m.conf"
"$sync" --config "$tmp/m.conf" --once >"$tmp/m.log" 2>&1
check "mTLS without a client certificate is refused" grep -q "responses: 0 uploaded" "$tmp/m.log"
printf 'client_cert = %s\nclient_key = %s\n' "$tmp/ca/client.pem" "$tmp/ca/client.key" >>"$tmp/m.conf"
curl -s -X PUT "http://127.0.0.1:$(cat "$tmp/m/control-port")/bundle" --data-binary "@$root/config/content.json" >/dev/null
check "mTLS with the client certificate works" "$sync" --config "$tmp/m.conf" --once
kill "$fake_m" 2>/dev/null

# A stalled and a trickling server are given up on, not waited for.
for fault in hang trickle; do
	add_answers 5
	ctl PUT /fault "{\"kind\": \"$fault\", \"count\": -1, \"path\": \"responses\"}" >/dev/null
	start=$(date +%s)
	run
	rc=$?
	took=$(($(date +%s) - start))
	ctl DELETE /fault >/dev/null
	check "fault $fault: given up after ${took}s, nothing marked" test "$rc" -ne 0 -a "$took" -lt 90 -a "$(pending)" -eq 5
	run
	check "fault $fault: delivered afterwards" test "$(pending)" -eq 0
done

# A certificate that does not chain to the configured CA is refused.
add_answers 3
ctl PUT /wrong-cert '{"on": true}' >/dev/null
run
rc=$?
ctl PUT /wrong-cert '{"on": false}' >/dev/null
check "a wrong certificate is refused and nothing is sent" test "$rc" -ne 0 -a "$(pending)" -eq 3
run

# Rejected answers are kept with the reason and not sent again.
add_answers 2 reject-me
run
check "rejected answers are kept, marked, and not pending" \
	test "$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses WHERE rejected_reason = 'unknown survey'")" -eq 2 -a "$(pending)" -eq 0

# A broken bundle never becomes current.
old=$(readlink "$data/content/current")
printf '{"format": 1, "version": "broken", "languages": ["sv"],' >"$tmp/broken.json"
ctl PUT /bundle "@$tmp/broken.json" >/dev/null
run
rc=$?
check "a broken bundle is refused and the old one stays current" \
	test "$rc" -ne 0 -a "$(readlink "$data/content/current")" = "$old"
check "the refusal is explained" grep -q "rejected, the old one stays" "$tmp/once.log"

# A new valid bundle replaces it, atomically, keeping a few old versions.
for v in 2 3 4 5; do
	sed "s/\"version\": \"2026-11-20.1\"/\"version\": \"2026-11-2$v.1\"/" "$root/config/content.json" >"$tmp/b$v.json"
	ctl PUT /bundle "@$tmp/b$v.json" >/dev/null
	run
done
check "the newest bundle is current" test "$(readlink "$data/content/current")" = "2026-11-25.1"
check "older versions are pruned to three" test "$(find "$data/content" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 3

# Assets: fetched, checked by size and SHA-256, and put beside the bundle.
head -c 3000 /dev/urandom >"$tmp/map.png"
curl -s -X PUT "$control/asset/map.png" --data-binary "@$tmp/map.png" >/dev/null
bundle_with_asset() { # VERSION SHA256 BYTES
	python3 - "$root/config/content.json" "$1" "$2" "$3" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["version"] = sys.argv[2]
c["assets"] = [{"name": "map.png", "url": "assets/map.png", "sha256": sys.argv[3], "bytes": int(sys.argv[4])}]
print(json.dumps(c, ensure_ascii=False))
PY
}
sha=$(sha256sum "$tmp/map.png" | cut -d' ' -f1)
bundle_with_asset 2026-12-05.1 "$sha" 3000 >"$tmp/asset.json"
ctl PUT /bundle "@$tmp/asset.json" >/dev/null
run
check "a bundle's asset is fetched, checked and put beside it" \
	cmp -s "$data/content/current/map.png" "$tmp/map.png"
bundle_with_asset 2026-12-06.1 "$(printf '%064d' 0)" 3000 >"$tmp/asset.json"
ctl PUT /bundle "@$tmp/asset.json" >/dev/null
run
rc=$?
check "an asset with the wrong hash keeps the old content" test "$rc" -ne 0 -a \
	"$(readlink "$data/content/current")" = 2026-12-05.1 -a ! -e "$data/content/2026-12-06.1"
check "the wrong hash is explained" grep -q "asset map.png is 3000 bytes" "$tmp/once.log"
bundle_with_asset 2026-12-07.1 "$sha" 2999 >"$tmp/asset.json"
ctl PUT /bundle "@$tmp/asset.json" >/dev/null
run
check "an asset of the wrong size keeps the old content" test "$(readlink "$data/content/current")" = 2026-12-05.1
bundle_with_asset 2026-12-08.1 "$sha" 99999999 >"$tmp/asset.json"
ctl PUT /bundle "@$tmp/asset.json" >/dev/null
run
check "an oversize asset is refused before it is fetched" test "$(readlink "$data/content/current")" = 2026-12-05.1
ctl PUT /bundle "@$root/config/content.json" >/dev/null
run

# Killed at random moments while bundles change: content/current is always whole.
kiosk=$(dirname "$sync")/kiosk
whole=1
for i in 1 2 3 4 5 6 7 8 9 10; do
	bundle_with_asset "2026-12-1$((i % 10)).$i" "$sha" 3000 >"$tmp/swap.json"
	ctl PUT /bundle "@$tmp/swap.json" >/dev/null
	"$sync" --config "$tmp/kiosk.conf" --once >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$((i % 9 + 1))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -e "$data/content/current" ]; then
		"$kiosk" --check-content "$data/content/current/content.json" >/dev/null 2>&1 || whole=0
		if grep -q '"assets"' "$data/content/current/content.json"; then
			cmp -s "$data/content/current/map.png" "$tmp/map.png" || whole=0
		fi
	fi
done
check "killed during content swaps: current is always a complete, valid bundle" test "$whole" -eq 1
ctl PUT /bundle "@$root/config/content.json" >/dev/null
run

# Killed at random moments mid-upload: nothing lost, nothing twice.
add_answers 1500
i=0
while [ $i -lt 12 ]; do
	"$sync" --config "$tmp/kiosk.conf" --once >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(( (i * 37) % 9 + 1 ))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	i=$((i + 1))
done
run
if [ "$(pending)" -eq 0 ] && all_once; then
	echo "ok killed 12 times mid-upload: every answer on the server exactly once"
else
	echo "FAIL killed 12 times mid-upload: every answer on the server exactly once"
fi
check "the database is intact" test "$(sqlite3 "$data/kiosk.db" "PRAGMA integrity_check")" = ok
check "content/current points to a complete bundle" test -s "$data/content/current/content.json"
echo "sync done"
