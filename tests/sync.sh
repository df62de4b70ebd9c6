#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Tests of kiosk-sync against the fake central service (tests/fake_central.py):
# every answer reaches the server exactly once through each fault, nothing is
# marked before its receipt, a broken bundle never becomes current; also behind an
# HTTP CONNECT proxy (tests/connect_proxy.py).
# usage: tests/sync.sh PATH/TO/kiosk-sync
sync=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
fake=""
proxy=""
trap 'for p in $fake $proxy; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT

# How many checks follow ("ok NAME" or "FAIL NAME" each); tests/run.sh counts a
# missing one as a failure.
echo "plan 73"

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

run() { "$sync" --config "${1:-$tmp/kiosk.conf}" --once >"$tmp/once.log" 2>&1; } # [CONFIG]
ctl() { curl -s -X "$1" "$control$2" ${3:+--data-binary "$3"}; }
# True once COMMAND succeeds, trying every 0.1 s for up to TENTHS tenths of a second.
poll() { # TENTHS COMMAND...
	tries=$1
	shift
	while [ "$tries" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}
# Whether the last API request the fake logged has FIELD = VALUE (as JSON spells it).
last_is() { # FIELD VALUE
	ctl GET /requests/last | grep -q "\"$1\": $2[,}]"
}
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

# The long-running loop waits what Retry-After asks, in seconds (the upload) or as an
# HTTP date (the content), 8 s: well past the first step of the backoff (1 to 5 s at
# random), and not much longer. Both are each task's first failure. The fake logs when
# each request arrived, so the wait is measured where it matters, on the server.
sed 's/^\[central\]/[central]\nsync_interval_s = 5\nstatus_interval_s = 10/' "$tmp/kiosk.conf" >"$tmp/loop.conf"
add_answers 3
ctl POST /reset-requests >/dev/null
ctl PUT /fault '{"kind": "503", "count": 1, "path": "responses", "retry_after": 8}' >/dev/null
ctl POST /faults '[{"kind": "503-date", "count": 1, "path": "content", "retry_after": 8}]' >/dev/null
"$sync" --config "$tmp/loop.conf" >"$tmp/loop.log" 2>&1 &
loop=$!
# The gap between each 503 and the next request to the same endpoint: "ENDPOINT GAP".
retry_gaps() {
	ctl GET /requests | python3 -c 'import json, sys
d = json.load(sys.stdin)
for i, r in enumerate(d):
    if r.get("fault") in ("503", "503-date"):
        nxt = [n for n in d[i + 1:] if n["path"] == r["path"]]
        if nxt:
            print(r["path"].rsplit("/", 1)[1], "%.2f" % (nxt[0]["time"] - r["time"]))'
}
# Both retried: content fetched 3 times (fine, 503-date, the retry), uploads tried twice.
both_retried() {
	ctl GET /requests >"$tmp/requests.json"
	[ "$(grep -o '/content",' "$tmp/requests.json" | wc -l)" -ge 3 ] &&
		[ "$(grep -o '/responses",' "$tmp/requests.json" | wc -l)" -ge 2 ]
}
poll 250 both_retried
retry_gaps >"$tmp/gaps"
# The loop logged a wait of WAITS seconds (a pattern) after TASK's 503, and the
# next request to ENDPOINT came LEAST to 10.5 s after it.
waited() { # TASK WAITS ENDPOINT LEAST
	grep -qE "$1 failed .*next try in $2 s" "$tmp/loop.log" &&
		awk -v e="$3" -v least="$4" '$1 == e && $2 >= least && $2 <= 10.5 { ok = 1 } END { exit !ok }' "$tmp/gaps"
}
# In seconds, the loop's clock counts whole seconds: the retry may come up to one
# second early. A date names a moment, which the retry must not precede; the
# server rounds it up to a whole second, 8 to 9 s ahead, and the wait the loop
# computes from it is a second shorter when the reply reached it a second later.
# The wait the loop logged after TASK's failure, for the checks' names.
logged_wait() { sed -n "s/.*$1 failed .*next try in \([0-9]*\) s.*/\1/p" "$tmp/loop.log" | head -n 1; }
check "Retry-After: 8 (seconds): the loop waits 8 s (logged $(logged_wait upload) s), the retry comes 7 to 10.5 s later (after $(awk '$1 == "responses" { print $2 }' "$tmp/gaps") s)" \
	waited upload 8 responses 7
check "Retry-After: an HTTP date 8 s ahead: the loop waits 7 to 9 s (logged $(logged_wait content) s), the retry comes 8 to 10.5 s later (after $(awk '$1 == "content" { print $2 }' "$tmp/gaps") s)" \
	waited content "[789]" content 8
check "the loop delivers after the fault" test "$(pending)" -eq 0
ctl PUT /fault '{"kind": "401", "count": -1, "path": "responses"}' >/dev/null
add_answers 1
refused() { grep -q "upload failed (the central service refused this kiosk.*next try in 3600 s" "$tmp/loop.log"; }
poll 100 refused
check "a refusal of this kiosk waits an hour, not hammered" refused
# The refusal is fixed; staff press "sync now" on the panel, which leaves sync-now
# in the data directory: the loop goes at once instead of waiting out its hour.
ctl DELETE /fault >/dev/null
touch "$data/sync-now"
for i in $(seq 1 30); do [ "$(pending)" -eq 0 ] && break; sleep 0.2; done
check "sync now from the staff panel: delivered at once despite the backoff" test "$(pending)" -eq 0
check "sync now: the request is taken away" test ! -e "$data/sync-now"
start=$(date +%s)
kill -TERM "$loop"
wait "$loop"
rc=$?
check "SIGTERM stops the loop promptly and cleanly" test "$rc" -eq 0 -a $(($(date +%s) - start)) -le 3
run

# Mutual TLS: a server that requires a client certificate. Without one kiosk-sync
# fails the round in the TLS handshake and uploads nothing of the 6 answers waiting;
# with one the round succeeds and all 6 arrive.
mkdir "$tmp/m"
cp "$tmp/ca/"*.pem "$tmp/ca/"*.key "$tmp/ca/token" "$tmp/m/"
python3 "$root/tests/fake_central.py" --dir "$tmp/m" --mtls --lifetime 300 2>"$tmp/fake-m.log" &
fake_m=$!
for i in $(seq 1 50); do [ -f "$tmp/m/port" ] && break; sleep 0.1; done
mctl() { curl -s -X "$1" "http://127.0.0.1:$(cat "$tmp/m/control-port")$2" ${3:+--data-binary "$3"}; }
mctl PUT /bundle "@$root/config/content.json" >/dev/null
sed -e "s|127.0.0.1:$port|127.0.0.1:$(cat "$tmp/m/port")|" -e "s|^data_dir = .*|data_dir = $tmp/mdata|" "$tmp/kiosk.conf" >"$tmp/m.conf"
main_data=$data
data=$tmp/mdata
run "$tmp/m.conf" # makes the database
add_answers 6
run "$tmp/m.conf"
rc=$?
cp "$tmp/once.log" "$tmp/m.log"
check "mTLS without a client certificate: the round fails and uploads nothing" test "$rc" -ne 0 -a \
	"$(pending)" -eq 6 -a "$(mctl GET /stored)" = "[]" -a \
	"$(grep -c '^responses: 0 uploaded, 0 rejected, then: .*POST .*/responses: ' "$tmp/m.log")" -eq 1
# (Under TLS 1.3 the client learns of the refusal only when it sends: libcurl's code
# says "Failure when receiving/sending data", and its own words name the TLS alert.)
check "mTLS without a client certificate: kiosk-sync's error names the TLS layer, not just a failed read" \
	grep -Eiq '^responses: .*then: .*(certificate required|tls|ssl)' "$tmp/m.log"
check "mTLS without a client certificate: the server refused the TLS handshake for want of one" sh -c \
	"grep -q 'TLS handshake failed: .*PEER_DID_NOT_RETURN_A_CERTIFICATE' '$tmp/fake-m.log' && ! grep -q 'the server answered' '$tmp/m.log'"
printf 'client_cert = %s\nclient_key = %s\n' "$tmp/ca/client.pem" "$tmp/ca/client.key" >>"$tmp/m.conf"
run "$tmp/m.conf"
rc=$?
check "mTLS with the client certificate: the round succeeds and the 6 answers arrive" test "$rc" -eq 0 -a \
	"$(pending)" -eq 0 -a "$(mctl GET /stored | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq 6
data=$main_data
kill "$fake_m" 2>/dev/null

# Behind an HTTP CONNECT proxy, set by [central] proxy or by https_proxy: every request
# goes through the tunnel with TLS end to end (a proxy that intercepts TLS is refused),
# and a proxy that is down or dies mid-upload loses and duplicates nothing.
unset no_proxy NO_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
start_proxy() { # NAME PORT [--intercept CERT KEY]: sets $proxy; the port in $tmp/NAME.port
	pname=$1
	pport=$2
	shift 2
	rm -f "$tmp/$pname.port"
	: >>"$tmp/$pname.jsonl"
	python3 "$root/tests/connect_proxy.py" --port "$pport" --port-file "$tmp/$pname.port" \
		--log "$tmp/$pname.jsonl" --lifetime 600 "$@" 2>>"$tmp/$pname.log" &
	proxy=$!
	for i in $(seq 1 50); do [ -f "$tmp/$pname.port" ] && break; sleep 0.1; done
}
stop_proxy() { kill -9 "$proxy" 2>/dev/null; wait "$proxy" 2>/dev/null; proxy=""; }
with_proxy() { # CONFIG PORT: CONFIG with [central] proxy set
	sed "s|^\[central\]|[central]\nproxy = http://127.0.0.1:$2|" "$tmp/kiosk.conf" >"$1"
}
# Every API request since /reset-requests came through a tunnel of proxy NAME, an
# upload among them, and the proxy was asked only to CONNECT to the server.
tunnelled() { # NAME
	ctl GET /requests >"$tmp/requests.json"
	python3 - "$tmp/requests.json" "$tmp/$1.jsonl" "127.0.0.1:$port" <<'PY'
import json, sys
requests = json.load(open(sys.argv[1]))
tunnels = [json.loads(line) for line in open(sys.argv[2])]
via = {"127.0.0.1:%d" % t["via"] for t in tunnels if t["status"] == 200}
sys.exit(0 if any(r["method"] == "POST" and r["path"].endswith("/responses") for r in requests)
         and all(r["peer"] in via for r in requests)
         and all(t["line"] == "CONNECT %s HTTP/1.1" % sys.argv[3] for t in tunnels) else 1)
PY
}
delivered_once() { # COUNT: no answer pending, the server has COUNT more, each once
	set -- "$1" $(stored_unique)
	[ "$(pending)" -eq 0 ] && [ "$2" -eq "$3" ] && [ "$3" -eq "$(($(cat "$tmp/before") + $1))" ]
}

start_proxy proxy 0
proxy_port=$(cat "$tmp/proxy.port")
with_proxy "$tmp/proxy.conf" "$proxy_port"
add_answers 20
stored_count >"$tmp/before"
ctl POST /reset-requests >/dev/null
: >"$tmp/proxy.jsonl"
run "$tmp/proxy.conf"
rc=$?
tunnelled proxy
t=$?
check "proxy from kiosk.conf: every request goes through its CONNECT tunnel" test "$rc" -eq 0 -a "$t" -eq 0
check "proxy from kiosk.conf: every answer delivered once" delivered_once 20

add_answers 20
stored_count >"$tmp/before"
ctl POST /reset-requests >/dev/null
: >"$tmp/proxy.jsonl"
https_proxy=http://127.0.0.1:$proxy_port "$sync" --config "$tmp/kiosk.conf" --once >"$tmp/once.log" 2>&1
rc=$?
tunnelled proxy
t=$?
check "proxy from https_proxy: every request goes through its CONNECT tunnel" test "$rc" -eq 0 -a "$t" -eq 0
check "proxy from https_proxy: every answer delivered once" delivered_once 20

# A proxy that intercepts TLS shows its own certificate (one the CA does not vouch for).
good_proxy=$proxy
start_proxy mitm 0 --intercept "$tmp/ca/wrong.pem" "$tmp/ca/wrong.key"
with_proxy "$tmp/mitm.conf" "$(cat "$tmp/mitm.port")"
add_answers 5
stored_count >"$tmp/before"
run "$tmp/mitm.conf"
rc=$?
check "TLS is verified end to end: an intercepting proxy is refused, nothing sent" test \
	"$rc" -ne 0 -a "$(pending)" -eq 5 -a "$(stored_count)" -eq "$(cat "$tmp/before")" -a \
	"$(grep -c '"tls": "refused' "$tmp/mitm.jsonl")" -ge 1 -a "$(grep -c '"intercepted"' "$tmp/mitm.jsonl")" -eq 0
stop_proxy
proxy=$good_proxy

# The proxy down: the round fails, nothing is marked; when it is back, all arrive once.
stop_proxy
stored_count >"$tmp/before"
add_answers 10
run "$tmp/proxy.conf"
rc=$?
check "proxy down: the round fails cleanly and marks nothing" test "$rc" -ne 0 -a \
	"$(pending)" -eq 15 -a "$(stored_count)" -eq "$(cat "$tmp/before")" -a \
	"$(grep -c '^responses: 0 uploaded, 0 rejected, then: ' "$tmp/once.log")" -eq 1 -a \
	"$(grep -ci 'sanitizer\|runtime error' "$tmp/once.log")" -eq 0
start_proxy proxy "$proxy_port"
run "$tmp/proxy.conf"
rc=$?
check "proxy back: the next round delivers every answer exactly once" test "$rc" -eq 0 -a \
	"$(delivered_once 15 && echo yes)" = yes

# The proxy dies while the server holds an upload.
add_answers 10
stored_count >"$tmp/before"
ctl POST /reset-requests >/dev/null
ctl PUT /fault '{"kind": "hang", "count": 1, "path": "responses"}' >/dev/null
"$sync" --config "$tmp/proxy.conf" --once >"$tmp/once.log" 2>&1 &
pid=$!
for i in $(seq 1 100); do ctl GET /requests | grep -q '"fault": "hang"' && break; sleep 0.1; done
stop_proxy
start=$(date +%s)
wait "$pid"
rc=$?
took=$(($(date +%s) - start))
ctl DELETE /fault >/dev/null
check "proxy dies mid-upload: the round fails within ${took}s and marks nothing" test \
	"$rc" -ne 0 -a "$took" -le 5 -a "$(pending)" -eq 10 -a "$(stored_count)" -eq "$(cat "$tmp/before")"
start_proxy proxy "$proxy_port"
run "$tmp/proxy.conf"
check "proxy dies mid-upload: after it is back every answer delivered once" delivered_once 10
stop_proxy

# Faults one after another: different faults on every endpoint go by over several
# rounds while answers keep arriving. After every round each answer marked uploaded
# was in a receipt the server sent, and none was deleted; once the faults are over
# one round delivers every answer, each exactly once.
main_data=$data
data=$tmp/seq
sed "s|^data_dir = .*|data_dir = $data|" "$tmp/kiosk.conf" >"$tmp/seq.conf"
run "$tmp/seq.conf"
marked_acked() { # every answer marked uploaded was acknowledged by the server
	sqlite3 "$data/kiosk.db" "SELECT id FROM responses WHERE uploaded_at IS NOT NULL" >"$tmp/marked"
	ctl GET /acked >"$tmp/acked.json"
	python3 -c 'import json,sys
sys.exit(0 if set(open(sys.argv[2]).read().split()) <= set(json.load(open(sys.argv[1]))) else 1)' \
		"$tmp/acked.json" "$tmp/marked"
}
ctl POST /reset-requests >/dev/null
ctl POST /faults '[
	{"kind": "500", "path": "responses"}, {"kind": "503", "path": "content"},
	{"kind": "reset", "path": "responses"}, {"kind": "429", "path": "status"},
	{"kind": "html", "path": "responses"}, {"kind": "partial", "path": "responses", "count": 3},
	{"kind": "ack-lost", "path": "responses"}, {"kind": "hang", "path": "responses", "seconds": 3},
	{"kind": "503-date", "path": "responses"}, {"kind": "reset", "path": "content"},
	{"kind": "401", "path": "responses"}, {"kind": "ack-lost", "path": "responses", "count": 2},
	{"kind": "html", "path": "content"}, {"kind": "500", "path": "status"},
	{"kind": "partial", "path": "responses"}]' >/dev/null
added=0
round=0
early=0
while [ "$(ctl GET /faults)" != "[]" ] && [ "$round" -lt 30 ]; do
	round=$((round + 1))
	n=$(((round * 53) % 140 + 1))
	add_answers "$n"
	added=$((added + n))
	# One round also meets a certificate the CA did not sign.
	[ "$round" -eq 3 ] && ctl PUT /wrong-cert '{"on": true}' >/dev/null
	run "$tmp/seq.conf"
	ctl PUT /wrong-cert '{"on": false}' >/dev/null
	marked_acked || early=$((early + 1))
	[ "$(sqlite3 "$data/kiosk.db" "SELECT count(*) FROM responses")" -eq "$added" ] || early=$((early + 1))
done
check "faults in sequence: all 18 went by in $round rounds" test "$(ctl GET /faults)" = "[]" -a \
	"$(ctl GET /requests | grep -o '"fault": ' | wc -l)" -eq 18
check "faults in sequence: no answer marked or deleted before the server acknowledged it" test "$early" -eq 0
add_answers 25
added=$((added + 25))
run "$tmp/seq.conf"
rc=$?
set -- $(stored_unique)
check "faults in sequence: afterwards one round delivers all $added answers, each exactly once" \
	test "$rc" -eq 0 -a "$(pending)" -eq 0 -a "$(total)" -eq "$added" -a "$1" -eq "$2"
check "faults in sequence: every answer of this kiosk is on the server" all_once
data=$main_data

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

# Killed in the middle of content swaps. Each new version has two assets; the fake
# stalls one of them (the first or the second, before its first byte or half way
# through it) and kiosk-sync is killed while it waits, when the new version's
# directory exists but is not yet complete. Every time content/current must exist
# and be whole: a valid bundle, and every asset it names there with its size and
# SHA-256. Then the next round makes the newest version current.
kiosk=$(dirname "$sync")/kiosk
head -c 2000 /dev/urandom >"$tmp/plan.png"
curl -s -X PUT "$control/asset/plan.png" --data-binary "@$tmp/plan.png" >/dev/null
bundle_with_two_assets() { # VERSION
	python3 - "$root/config/content.json" "$1" "$tmp/map.png" "$tmp/plan.png" <<'PY'
import hashlib, json, os, sys
c = json.load(open(sys.argv[1]))
c["version"] = sys.argv[2]
c["assets"] = [{"name": os.path.basename(f), "url": "assets/" + os.path.basename(f),
                "sha256": hashlib.sha256(open(f, "rb").read()).hexdigest(), "bytes": os.path.getsize(f)}
               for f in sys.argv[3:]]
print(json.dumps(c, ensure_ascii=False))
PY
}
# content/current exists, is a bundle the kiosk accepts, and has each asset it names.
current_whole() {
	[ -L "$data/content/current" ] && [ -d "$data/content/current" ] &&
		"$kiosk" --check-content "$data/content/current/content.json" >/dev/null 2>&1 &&
		python3 - "$data/content/current" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
c = json.load(open(os.path.join(d, "content.json")))
for a in c.get("assets", []):
    p = os.path.join(d, a["name"])
    if not os.path.isfile(p):
        sys.exit(1)
    data = open(p, "rb").read()
    if len(data) != a["bytes"] or hashlib.sha256(data).hexdigest() != a["sha256"]:
        sys.exit(1)
PY
}
stalled() { # the fake holds an asset request open (a trickle: half of it sent)
	ctl GET /requests/last | grep -q '"path": "[^"]*/assets/.*"waiting": true'
}
whole=1
landed=0
for i in 1 2 3 4 5 6 7 8; do
	v=2026-12-2$i.1
	bundle_with_two_assets "$v" >"$tmp/swap.json"
	ctl PUT /bundle "@$tmp/swap.json" >/dev/null
	case $((i % 4)) in
	1) fault='{"kind": "hang", "path": "assets", "seconds": 30}' ;;
	2) fault='{"kind": "hang", "path": "assets", "after": 1, "seconds": 30}' ;;
	3) fault='{"kind": "trickle", "path": "assets", "burst": 1500, "interval": 1}' ;;
	0) fault='{"kind": "trickle", "path": "assets", "after": 1, "burst": 1000, "interval": 1}' ;;
	esac
	ctl PUT /fault "$fault" >/dev/null
	ctl POST /reset-requests >/dev/null
	"$sync" --config "$tmp/kiosk.conf" --once >/dev/null 2>&1 &
	pid=$!
	poll 100 stalled
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	ctl DELETE /fault >/dev/null
	[ -d "$data/content/$v" ] && landed=$((landed + 1))
	current_whole || {
		whole=0
		echo "content/current is not whole after kill $i: $(readlink "$data/content/current")"
	}
done
check "killed in 8 content swaps ($landed while the new version was being written): current always exists and is whole" \
	test "$whole" -eq 1 -a "$landed" -eq 8
run
newest() { test "$(readlink "$data/content/current")" = "$v" && current_whole; }
check "after the kills the next round makes the newest version current, whole" newest
ctl PUT /bundle "@$root/config/content.json" >/dev/null
run

# Killed 12 times mid-upload, at moments the server chooses: after letting 0 to 2
# batches of the round through, the fake either holds the next batch before storing
# it (hang) or stores it and holds back its receipt (hold); kiosk-sync is killed
# while the fake holds it, and the fake notices the client go. Nothing is lost and
# nothing stored twice, and at least 10 of the kills are seen to land in an upload.
add_answers 1500
waiting_upload() { last_is waiting true; }
gone() { last_is gone true; }
landed=0
i=0
while [ $i -lt 12 ]; do
	kind=hold
	[ $((i % 2)) -eq 1 ] && kind=hang
	ctl POST /reset-requests >/dev/null
	ctl PUT /fault "{\"kind\": \"$kind\", \"path\": \"responses\", \"after\": $(((i * 7) % 3)), \"seconds\": 30}" >/dev/null
	"$sync" --config "$tmp/kiosk.conf" --once >/dev/null 2>&1 &
	pid=$!
	poll 100 waiting_upload
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	poll 30 gone && landed=$((landed + 1))
	ctl DELETE /fault >/dev/null
	i=$((i + 1))
done
run
delivered_all() { [ "$(pending)" -eq 0 ] && all_once; }
check "killed 12 times mid-upload ($landed landed while the server held a batch): every answer on the server exactly once" \
	delivered_all
check "killed 12 times mid-upload: at least 10 of the kills landed in an upload" test "$landed" -ge 10
check "the database is intact" test "$(sqlite3 "$data/kiosk.db" "PRAGMA integrity_check")" = ok
check "content/current points to a complete bundle" test -s "$data/content/current/content.json"
# The fake served the whole run: it is still there and stops cleanly.
kill -TERM "$fake"
wait "$fake"
rc=$?
fake=""
check "the fake central service ran to the end and stopped cleanly" test "$rc" -eq 0
echo "sync done"
