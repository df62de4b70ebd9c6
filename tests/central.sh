#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Tests of kiosk-central as IT and the kiosks use it: enrolling kiosks, publishing
# with the kiosk's own parser, the real kiosk-sync delivering answers and taking
# the bundle over HTTPS, and the kiosk API under attack (no token, a revoked or
# another kiosk's token, oversized and malformed bodies, path tricks, the same
# batch at once on ten connections, SIGKILL during uploads).
# usage: tests/central.sh BUILD_DIR   (with kiosk-central, kiosk-sync and kiosk)
build=$(cd "$1" && pwd)
central=$build/kiosk-central
sync=$build/kiosk-sync
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; [ -z "$KEEP" ] && rm -rf "$tmp"' EXIT
export ASAN_OPTIONS="detect_leaks=0"

echo "plan 31"
check() { # NAME COMMAND...
	name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "FAIL $name"; fi
}

sh "$root/tests/make_ca.sh" "$tmp/ca" >/dev/null 2>&1 || { echo "FAIL make_ca.sh"; exit 0; }
port=$((20000 + $$ % 20000))
base=https://127.0.0.1:$port/api/v1
cat >"$tmp/central.conf" <<CONF
[central]
data_dir = $tmp/central
kiosk_listen = 127.0.0.1:$port
staff_listen =
tls_cert = $tmp/ca/server.pem
tls_key = $tmp/ca/server.key
CONF
kc() { "$central" --config "$tmp/central.conf" "$@"; }
start() {
	"$central" --config "$tmp/central.conf" >>"$tmp/server.log" 2>&1 &
	server=$!
	for i in $(seq 1 100); do
		curl -s -o /dev/null --cacert "$tmp/ca/ca.pem" "$base/" && return 0
		sleep 0.1
	done
	return 1
}
# HTTP status of a request: METHOD PATH TOKEN [curl args...]
status() {
	m=$1 p=$2 t=$3
	shift 3
	curl -s -o "$tmp/body" -w '%{http_code}' --cacert "$tmp/ca/ca.pem" -X "$m" \
		${t:+-H "Authorization: Bearer $t"} "$@" "$base$p"
}
exported() { kc export 2>/dev/null | wc -l; }

# A kiosk's data directory and kiosk.conf: NAME TOKEN
kiosk() {
	mkdir -p "$tmp/$1"
	printf '%s\n' "$2" >"$tmp/$1/token"
	chmod 600 "$tmp/$1/token"
	cat >"$tmp/$1/kiosk.conf" <<CONF
[kiosk]
id = $1
data_dir = $tmp/$1/data
[central]
url = $base
token_file = $tmp/$1/token
ca_file = $tmp/ca/ca.pem
CONF
}
once() { "$sync" --config "$tmp/$1/kiosk.conf" --once >"$tmp/$1/once.log" 2>&1; }
pending() { sqlite3 "$tmp/$1/data/kiosk.db" "SELECT count(*) FROM responses WHERE uploaded_at IS NULL AND rejected_reason IS NULL"; }
# N answers to SURVEY (default the demo's), stored as the kiosk stores them.
add_answers() { # KIOSK N [SURVEY]
	sqlite3 "$tmp/$1/data/kiosk.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < $2)
	INSERT INTO responses(id, created_at, document)
	SELECT lower(hex(randomblob(4))||'-'||hex(randomblob(2))||'-4'||substr(hex(randomblob(2)),2)||'-a'||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6))),
	       strftime('%s','now'), '' FROM n;
	UPDATE responses SET document = json_object('id', id, 'survey_id', '${3:-trygghet-2026}', 'survey_version', 1,
	       'content_version', '2026-11-20.1', 'language', 'sv', 'submitted_hour', '2026-11-24T14:00Z',
	       'clock_synced', json('true'), 'status', 'complete', 'duration_s', 40,
	       'answers', json('[{\"q\":\"safety-evening\",\"option\":\"fairly_safe\"},{\"q\":\"age\",\"skipped\":true}]'),
	       'flags', json('[]')) WHERE document = '';"
}

# Enrolling: the token is printed once and kept only as a hash.
t1=$(kc add-kiosk k1 --group bibliotek 2>/dev/null)
t2=$(kc add-kiosk k2 --group bibliotek 2>/dev/null)
t3=$(kc add-kiosk k3 --group stadshus 2>/dev/null)
check "add-kiosk prints a 64-digit token" sh -c "echo '$t1' | grep -Eq '^[0-9a-f]{64}$'"
check "the token is not stored, only its hash" sh -c "! grep -qa '$t1' '$tmp/central/central.db'"
check "a second kiosk with the same id is refused" sh -c "! '$central' --config '$tmp/central.conf' add-kiosk k1 --group x 2>/dev/null"

# Publishing with the kiosk's own parser: the same messages as kiosk --check-content.
bad=$root/tests/data/bundles/23-title-too-long.json
kc publish "$bad" --group bibliotek 2>"$tmp/publish.err"
rc=$?
"$build/kiosk" --check-content "$bad" 2>"$tmp/check.err"
check "publish refuses a bundle with errors, with the kiosk's messages" sh -c \
	"test $rc -ne 0 && grep -v rejected '$tmp/check.err' | grep -qFf - '$tmp/publish.err'"
check "publish of the demo bundle" kc publish "$root/config/content.json" --group bibliotek
start || echo "FAIL the server did not start: $(cat "$tmp/server.log")"

# The real kiosk-sync: 250 answers in batches, the bundle, the heartbeat.
kiosk k1 "$t1"
once k1
add_answers k1 250
once k1
rc=$?
check "kiosk-sync --once against kiosk-central delivers 250 answers and exits 0" \
	test "$rc" -eq 0 -a "$(pending k1)" -eq 0 -a "$(exported)" -eq 250
check "the published bundle became current on the kiosk" sh -c \
	"'$build/kiosk' --check-content '$tmp/k1/data/content/current/content.json' | grep -q 'version 2026-11-20.1'"
kc export >"$tmp/export.jsonl" 2>/dev/null
check "export: each answer once, with its kiosk and time of receipt" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ids = [r["id"] for r in rows]
assert len(ids) == 250 == len(set(ids))
assert all(r["kiosk_id"] == "k1" and r["received_at"].endswith("Z") for r in rows)
assert all(r["answers"][0] == {"q": "safety-evening", "option": "fairly_safe"} for r in rows)' "$tmp/export.jsonl"
once k1
check "the next round: the content is unchanged (304) and nothing is sent twice" sh -c \
	"grep -q 'content: unchanged' '$tmp/k1/once.log' && test $(exported) -eq 250"
kc kiosks --json >"$tmp/kiosks.json"
check "kiosks --json: k1's heartbeat and figures; k2 never heard from is quiet" python3 -c '
import json, sys
k = {x["id"]: x for x in json.load(open(sys.argv[1]))}
assert k["k1"]["status"]["pending"] == 0 and not k["k1"]["quiet"] and k["k1"]["last_heartbeat"]
assert k["k2"]["quiet"] and k["k2"]["status"] is None and not k["k2"]["last_heartbeat"]' "$tmp/kiosks.json"
kc export --format csv >"$tmp/export.csv" 2>/dev/null
check "export --format csv: a header and one row per answer, a column per question" sh -c \
	"test \$(wc -l <'$tmp/export.csv') -eq 251 && head -1 '$tmp/export.csv' | grep -q '\"safety-evening\",\"age\"'"

# A response to a survey the server does not know is refused with a reason, kept
# on the kiosk as rejected, and not stored.
add_answers k1 3 okand-enkat
once k1
check "answers to an unknown survey are rejected with a reason, not stored" sh -c \
	"test \$(sqlite3 '$tmp/k1/data/kiosk.db' \"SELECT count(*) FROM responses WHERE rejected_reason LIKE '%unknown survey%'\") -eq 3 && test $(exported) -eq 250"

# Attacks on the kiosk API. Each gets its status and stores nothing.
batch() { # N: a body of N new valid responses
	python3 -c '
import json, sys, uuid
doc = lambda: {"id": str(uuid.uuid4()), "survey_id": "trygghet-2026", "survey_version": 1,
    "content_version": "2026-11-20.1", "language": "sv", "submitted_hour": "2026-11-24T14:00Z",
    "clock_synced": True, "status": "complete", "duration_s": 40,
    "answers": [{"q": "age", "skipped": True}], "flags": []}
print(json.dumps({"responses": [doc() for _ in range(int(sys.argv[1]))]}))' "$1"
}
batch 2 >"$tmp/two.json"
check "no token: 401" test "$(status POST /kiosks/k1/responses "" --data-binary @"$tmp/two.json")" = 401
check "a made-up token: 401" test "$(status POST /kiosks/k1/responses 0123456789abcdef0123456789abcdef --data-binary @"$tmp/two.json")" = 401
check "kiosk k2's token for kiosk k1: 403" test "$(status POST /kiosks/k1/responses "$t2" --data-binary @"$tmp/two.json")" = 403
check "kiosk k2's token for k1's content: 403" test "$(status GET /kiosks/k1/content "$t2")" = 403
kc revoke-kiosk k2 >/dev/null
check "a revoked token: 401" test "$(status POST /kiosks/k2/responses "$t2" --data-binary @"$tmp/two.json")" = 401
batch 101 >"$tmp/101.json"
check "101 responses in one upload: 413" test "$(status POST /kiosks/k1/responses "$t1" --data-binary @"$tmp/101.json")" = 413
head -c 104857600 /dev/zero >"$tmp/huge"
check "a 100 MiB body: 413 before it is read" test "$(status POST /kiosks/k1/responses "$t1" --data-binary @"$tmp/huge" -m 20)" = 413
rm -f "$tmp/huge"
malformed=0
for body in '{' '[]' '{"responses": 5}' '{"responses": [1]}' '{"responses": [{"id": "x"}]}' \
	'{"responses": [], "more": 1}' "$(printf '{"responses": [\"\xff\"]}')"; do
	s=$(status POST /kiosks/k1/responses "$t1" --data-binary "$body")
	[ "$s" = 400 ] || { echo "# $body: $s"; malformed=1; }
done
check "malformed JSON at every level: 400" test "$malformed" -eq 0
paths=0
for p in "/assets/..%2F..%2Fcentral.db" "/assets/%2e%2e/central.db" "/kiosks/k1/..%2Fk2/content" \
	"/assets/$(printf '%064d' 0)" "/kiosks/..%2Fk1/content"; do
	s=$(status GET "$p" "$t1" --path-as-is)
	[ "$s" = 404 ] || { echo "# $p: $s"; paths=1; }
done
check "dot-dot and encoded slashes in paths: 404" test "$paths" -eq 0
check "after all of that: nothing was stored, and the server still serves" sh -c \
	"test $(exported) -eq 250 && test \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$tmp/ca/ca.pem' -H 'Authorization: Bearer $t1' '$base/kiosks/k1/content') = 200"

# The same batch on ten connections at once is stored once.
batch 5 >"$tmp/five.json"
pids=""
for i in $(seq 1 10); do
	(status POST /kiosks/k1/responses "$t1" --data-binary @"$tmp/five.json"; echo) >"$tmp/par-$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
codes=$(cat "$tmp"/par-* | sort -u)
check "the same batch on 10 connections at once: all 200, stored once" \
	test "$codes" = 200 -a "$(exported)" -eq 255

# Assets: stored by SHA-256, served to the kiosks of the groups they were
# published to, checked by kiosk-sync.
mkdir -p "$tmp/assets"
head -c 5000 /dev/urandom >"$tmp/assets/karta.png"
sha=$(sha256sum "$tmp/assets/karta.png" | cut -d' ' -f1)
python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
b["version"] = "2026-12-01.1"
b["assets"] = [{"name": "karta.png", "url": "https://example.se/karta.png", "sha256": sys.argv[2], "bytes": 5000}]
json.dump(b, open(sys.argv[3], "w"), ensure_ascii=False)' "$root/config/content.json" "$sha" "$tmp/with-asset.json"
check "publish without the asset's file is refused" sh -c "! '$central' --config '$tmp/central.conf' publish '$tmp/with-asset.json' --group bibliotek 2>/dev/null"
kc publish "$tmp/with-asset.json" --group bibliotek --assets "$tmp/assets" >/dev/null 2>&1
once k1
check "a bundle with an asset reaches the kiosk, the asset checked" sh -c \
	"cmp -s '$tmp/assets/karta.png' '$tmp/k1/data/content/current/karta.png' && grep -q 'content: updated' '$tmp/k1/once.log'"
check "another group's kiosk cannot fetch that asset: 404" test "$(status GET "/assets/$sha" "$t3")" = 404

# 200 clients sending a byte a second hold only their own connections: a normal
# kiosk-sync round still completes within its own timeouts.
python3 "$root/tests/slow_clients.py" 127.0.0.1 "$port" "$tmp/ca/ca.pem" 200 25 >"$tmp/slow.log" 2>&1 &
slow=$!
for i in $(seq 1 100); do grep -q opened "$tmp/slow.log" && break; sleep 0.2; done
add_answers k1 20
t0=$(date +%s)
once k1
rc=$?
took=$(($(date +%s) - t0))
check "with 200 slow clients connected, a kiosk-sync round delivers in ${took} s" sh -c \
	"grep -q 'opened 200' '$tmp/slow.log' && test $rc -eq 0 -a $(pending k1) -eq 0 -a $took -le 20"
wait "$slow"

# SIGKILL during a stream of uploads from three kiosk-syncs, 20 times: every id a
# kiosk marked uploaded is in the export, and none is there twice.
t4=$(kc add-kiosk k4 --group bibliotek 2>/dev/null)
t5=$(kc add-kiosk k5 --group bibliotek 2>/dev/null)
kiosk k4 "$t4"
kiosk k5 "$t5"
for k in k1 k4 k5; do
	once "$k"
	add_answers "$k" 400
done
loops=""
for k in k1 k4 k5; do
	(while [ ! -e "$tmp/stop" ]; do once "$k"; add_answers "$k" 7; done) &
	loops="$loops $!"
done
for i in $(seq 1 20); do
	sleep 0.$((3 + i % 5))
	kill -9 "$server"
	wait "$server" 2>/dev/null
	start
done
touch "$tmp/stop"
for p in $loops; do wait "$p"; done
kc export >"$tmp/after.jsonl" 2>/dev/null
for k in k1 k4 k5; do
	sqlite3 "$tmp/$k/data/kiosk.db" "SELECT id FROM responses WHERE uploaded_at IS NOT NULL"
done >"$tmp/uploaded"
check "SIGKILL 20 times during uploads: every id marked uploaded is stored, each once" python3 -c '
import json, sys
stored = [json.loads(l)["id"] for l in open(sys.argv[1])]
marked = set(open(sys.argv[2]).read().split())
print("# %d marked uploaded, %d stored" % (len(marked), len(stored)))
sys.exit(0 if marked <= set(stored) and len(stored) == len(set(stored)) and len(marked) > 1200 else 1)' \
	"$tmp/after.jsonl" "$tmp/uploaded"
for k in k1 k4 k5; do once "$k"; once "$k"; done
check "after the kills, the rest is delivered: nothing pending on the three kiosks" \
	test "$(pending k1)" -eq 0 -a "$(pending k4)" -eq 0 -a "$(pending k5)" -eq 0
kill -TERM "$server"
wait "$server"
rc=$?
server=""
check "SIGTERM stops kiosk-central cleanly" test "$rc" -eq 0
check "kiosk-central logged no errors" sh -c "! grep -q '^error' '$tmp/server.log'"
echo "central done"
