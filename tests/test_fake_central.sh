#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Self-test of tests/fake_central.py with curl: certificates, auth, uploads and
# idempotence, ETag/304, gzip both ways, assets, status, every fault kind, the wrong
# certificate, mTLS and a clean SIGTERM. Prints "plan N" first, "ok NAME" or "FAIL NAME"
# per check, and ends with "N passed, N failed" and "test_fake_central done". Takes
# about half a minute; leaves no process behind.
# usage: tests/test_fake_central.sh
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=""
pid2=""
passed=0
failed=0

cleanup() {
	for p in $pid $pid2; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# How many checks follow ("ok NAME" or "FAIL NAME" each); tests/run.sh counts a
# missing one as a failure.
echo "plan 76"

check() { # NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@"; then
		echo "ok $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}

start() { # DIR [ARGS...]: starts a fake on DIR, sets $started, waits for DIR/port
	d=$1
	shift
	python3 "$here/fake_central.py" --dir "$d" --lifetime 120 "$@" 2>>"$d/server.log" &
	started=$!
	i=0
	while [ ! -s "$d/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$d/port" ]
}

if ! sh "$here/make_ca.sh" "$tmp"; then
	echo "FAIL make_ca.sh"
	echo "0 passed, 1 failed"
	exit 1
fi
check "make_ca.sh made every file" sh -c "cd '$tmp' && ls ca.pem ca.key server.pem server.key wrong.pem wrong.key client.pem client.key token >/dev/null"
check "token is mode 600" test "$(stat -c %a "$tmp/token")" = 600
check "server certificate verifies against the test CA" sh -c "openssl verify -CAfile '$tmp/ca.pem' '$tmp/server.pem' >/dev/null 2>&1"
check "wrong certificate does not" sh -c "! openssl verify -CAfile '$tmp/ca.pem' '$tmp/wrong.pem' >/dev/null 2>&1"

if ! start "$tmp"; then
	echo "FAIL fake_central.py starts"
	sed 's/^/      /' "$tmp/server.log"
	failed=$((failed + 1))
	echo "$passed passed, $failed failed"
	exit 1
fi
pid=$started
echo "ok fake_central.py starts"
passed=$((passed + 1))
port=$(cat "$tmp/port")
cport=$(cat "$tmp/control-port")
token=$(cat "$tmp/token")
base="https://127.0.0.1:$port/api/v1"
kiosk="$base/kiosks/kiosk-1"

# curl against the API, with the token; more curl options may follow
api() { curl -sS --max-time 10 --cacert "$tmp/ca.pem" -H "Authorization: Bearer $token" "$@"; }
# the HTTP status only
code() { api -o /dev/null -w '%{http_code}' "$@" 2>/dev/null; }
# curl against the control port: METHOD PATH [curl options]
ctl() {
	m=$1 p=$2
	shift 2
	curl -sS --max-time 10 -X "$m" "http://127.0.0.1:$cport$p" "$@"
}
fault() { ctl PUT /fault -d "$1" >/dev/null; }
# evaluate Python expressions over the JSON on stdin (as d); print them space-separated
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# a batch of responses with these ids; ids "reject:X" get survey_id "reject-me"
batch() {
	printf '{"responses":['
	sep=""
	for id in "$@"; do
		survey=trygghet-2026
		case $id in reject:*) id=${id#reject:} survey=reject-me ;; esac
		printf '%s{"id":"%s","survey_id":"%s","survey_version":3,"language":"sv","status":"complete","answers":[{"q":"q1","option":"fairly_safe"}]}' "$sep" "$id" "$survey"
		sep=","
	done
	printf ']}'
}
upload() { batch "$@" >"$tmp/batch.json" && api -X POST -H 'Content-Type: application/json' --data-binary @"$tmp/batch.json" "$kiosk/responses"; }
stored() { ctl GET /stored | jq_ '" ".join(d)'; }

# --- auth
got=$(curl -s -o "$tmp/out" -w '%{http_code}' --cacert "$tmp/ca.pem" "$kiosk/content")
check "401 without a token" test "$got" = 401
check "401 answer is JSON" sh -c "jq_() { python3 -c \"import json,sys; json.load(sys.stdin)\"; }; jq_ <'$tmp/out'"
got=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$tmp/ca.pem" -H "Authorization: Bearer nope" "$kiosk/content")
check "401 with a wrong token" test "$got" = 401

# --- responses
got=$(upload a1 a2 a3 | jq_ 'len(d["accepted"]), len(d["rejected"])')
check "upload of 3 responses accepts 3" test "$got" = "3 0"
got=$(upload a1 a2 a3 | jq_ '" ".join(d["accepted"])')
check "the same upload again is accepted again" test "$got" = "a1 a2 a3"
check "stored has the 3 ids once" test "$(stored)" = "a1 a2 a3"
check "stored.jsonl has 3 lines" test "$(wc -l <"$tmp/stored.jsonl")" -eq 3
got=$(upload b1 reject:b2 | jq_ 'd["accepted"], d["rejected"]')
check "survey reject-me is rejected as unknown survey" test "$got" = "['b1'] [{'id': 'b2', 'reason': 'unknown survey'}]"
check "a rejected response is not stored" test "$(stored)" = "a1 a2 a3 b1"
# shellcheck disable=SC2046 # one id per word
batch $(seq 1 101 | sed 's/^/n/') >"$tmp/big.json"
got=$(code -X POST --data-binary @"$tmp/big.json" "$kiosk/responses")
check "101 responses is 413" test "$got" = 413
got=$(code -X POST --data-binary '{"responses":[{"survey_id":"x"}]}' "$kiosk/responses")
check "a response without an id is 400" test "$got" = 400
batch g1 g2 | gzip -c >"$tmp/batch.gz"
got=$(api -X POST -H 'Content-Encoding: gzip' --data-binary @"$tmp/batch.gz" "$kiosk/responses" | jq_ '" ".join(d["accepted"])')
check "gzip request body is accepted" test "$got" = "g1 g2"

# --- content
check "content is 404 with no bundle" test "$(code "$kiosk/content")" = 404
printf '{"format": 1, "version": "v1"}' >"$tmp/bundle1.json"
ctl PUT /bundle --data-binary @"$tmp/bundle1.json" >/dev/null
etag1="\"$(sha256sum "$tmp/bundle1.json" | cut -c1-16)\""
api -D "$tmp/h" -o "$tmp/out" "$kiosk/content"
check "content is served as given" cmp -s "$tmp/out" "$tmp/bundle1.json"
check "content has the ETag sha256/16" grep -qi "^etag: $etag1" "$tmp/h"
rm -f "$tmp/out"
got=$(api -o "$tmp/out" -w '%{http_code}' -H "If-None-Match: $etag1" "$kiosk/content")
check "If-None-Match with the ETag is 304" test "$got" = 304
check "304 has no body" test ! -s "$tmp/out"
got=$(code -H 'If-None-Match: "0000000000000000"' "$kiosk/content")
check "If-None-Match with another ETag is 200" test "$got" = 200
python3 -c 'import json; print(json.dumps({"format": 1, "version": "v2", "pad": "x" * 5000}))' >"$tmp/bundle2.json"
ctl PUT /bundle --data-binary @"$tmp/bundle2.json" >/dev/null
got=$(code -H "If-None-Match: $etag1" "$kiosk/content")
check "a new bundle is 200 for the old ETag" test "$got" = 200
api --compressed -D "$tmp/h" -o "$tmp/out" "$kiosk/content"
check "a big answer is gzipped when asked" grep -qi '^content-encoding: gzip' "$tmp/h"
check "the gzipped answer is the bundle" cmp -s "$tmp/out" "$tmp/bundle2.json"
api -D "$tmp/h" -o /dev/null "$kiosk/content"
check "no gzip when not asked" sh -c "! grep -qi '^content-encoding' '$tmp/h'"

# --- assets and status
head -c 3000 /dev/urandom >"$tmp/map.png"
ctl PUT /asset/map.png --data-binary @"$tmp/map.png" >/dev/null
api -o "$tmp/out" "$base/assets/map.png"
check "asset is served as given" cmp -s "$tmp/out" "$tmp/map.png"
check "unknown asset is 404" test "$(code "$base/assets/nope.png")" = 404
got=$(api -X POST --data-binary '{"software_version":"1.0","pending":2}' "$kiosk/status")
check "status answers {}" test "$(echo "$got" | jq_ 'd')" = "{}"
check "status is kept" test "$(ctl GET /status/kiosk-1 | jq_ 'd["pending"]')" = 2
check "status is written to DIR/status-ID.json" test -s "$tmp/status-kiosk-1.json"

# --- faults
fault '{"kind": "500"}'
check "fault 500" test "$(code "$kiosk/content")" = 500
check "a fault applies once by default" test "$(code "$kiosk/content")" = 200

fault '{"kind": "503"}'
got=$(api -D "$tmp/h" -o /dev/null -w '%{http_code}' "$kiosk/content")
check "fault 503 with Retry-After: 2" sh -c "test '$got' = 503 && grep -qi '^retry-after: 2' '$tmp/h'"

# The date is compared with the moment the request was sent, not with the moment
# a slow machine gets round to reading it.
fault '{"kind": "503-date"}'
sent=$(date +%s.%N)
got=$(api -D "$tmp/h" -o /dev/null -w '%{http_code}' "$kiosk/content")
wait_s=$(sed -n 's/^[Rr]etry-[Aa]fter: *//p' "$tmp/h" | tr -d '\r' |
	python3 -c 'import sys, email.utils; print(round(email.utils.parsedate_to_datetime(sys.stdin.read().strip()).timestamp() - float(sys.argv[1])))' "$sent" 2>/dev/null)
check "fault 503-date with Retry-After an HTTP date ~2 s ahead" sh -c "test '$got' = 503 && test '${wait_s:-x}' -ge 2 && test '${wait_s:-x}' -le 5"

fault '{"kind": "429"}'
got=$(api -D "$tmp/h" -o /dev/null -w '%{http_code}' "$kiosk/content")
check "fault 429 with Retry-After: 1" sh -c "test '$got' = 429 && grep -qi '^retry-after: 1' '$tmp/h'"

fault '{"kind": "503", "retry_after": 8}'
got=$(api -D "$tmp/h" -o /dev/null -w '%{http_code}' "$kiosk/content")
check "fault 503 with a chosen Retry-After: 8" sh -c "test '$got' = 503 && grep -qi '^retry-after: 8[^0-9]' '$tmp/h'"
fault '{"kind": "503-date", "retry_after": 8}'
sent=$(date +%s.%N)
got=$(api -D "$tmp/h" -o /dev/null -w '%{http_code}' "$kiosk/content")
wait_s=$(sed -n 's/^[Rr]etry-[Aa]fter: *//p' "$tmp/h" | tr -d '\r' |
	python3 -c 'import sys, email.utils; print(round(email.utils.parsedate_to_datetime(sys.stdin.read().strip()).timestamp() - float(sys.argv[1])))' "$sent" 2>/dev/null)
check "fault 503-date with a chosen Retry-After: an HTTP date ~8 s ahead" sh -c "test '$got' = 503 && test '${wait_s:-x}' -ge 8 && test '${wait_s:-x}' -le 11"
fault '{"kind": "500", "after": 2}'
got="$(code "$kiosk/content") $(code "$kiosk/content") $(code "$kiosk/content") $(code "$kiosk/content")"
check "after 2: two requests go through, then the fault applies" test "$got" = "200 200 500 200"

fault '{"kind": "hang"}'
api --max-time 3 -o /dev/null "$kiosk/content" 2>/dev/null &
hung=$!
sleep 0.3
check "another request is answered while one hangs" test "$(code "$kiosk/content")" = 200
wait $hung
rc=$?
check "fault hang: curl times out" test "$rc" = 28
ctl DELETE /fault >/dev/null

fault '{"kind": "reset"}'
api -D "$tmp/h" -o /dev/null "$kiosk/content" 2>/dev/null
rc=$?
check "fault reset: headers arrive, then the transfer fails" sh -c "grep -q '^HTTP/1.1 200' '$tmp/h' && test $rc -ne 0 && test $rc -ne 28"
fault '{"kind": "reset", "path": "responses"}'
upload r1 >/dev/null 2>&1
check "fault reset on an upload stores nothing" test "$(stored)" = "a1 a2 a3 b1 g1 g2"

fault '{"kind": "html"}'
got=$(api -D "$tmp/h" -o "$tmp/out" -w '%{http_code}' "$kiosk/content")
check "fault html: 200 text/html captive portal" sh -c "test '$got' = 200 && grep -qi '^content-type: text/html' '$tmp/h' && grep -qi '<html' '$tmp/out'"

fault '{"kind": "partial"}'
check "fault partial waits for an upload" test "$(code "$kiosk/content")" = 200
got=$(upload p1 p2 p3 p4 | jq_ 'd["accepted"], d["rejected"]')
check "fault partial: first half accepted, rest absent" test "$got" = "['p1', 'p2'] []"
check "fault partial: only the first half stored" test "$(stored)" = "a1 a2 a3 b1 g1 g2 p1 p2"

fault '{"kind": "trickle"}'
start_s=$(date +%s)
api --max-time 3 -o /dev/null "$kiosk/content" 2>/dev/null
rc=$?
check "fault trickle: curl times out" sh -c "test $rc = 28 && test $(($(date +%s) - start_s)) -ge 2"

fault '{"kind": "ack-lost"}'
upload k1 k2 >/dev/null 2>&1
rc=$?
check "fault ack-lost: no answer" test "$rc" = 52
check "fault ack-lost: the batch is stored" test "$(stored)" = "a1 a2 a3 b1 g1 g2 p1 p2 k1 k2"
got=$(upload k1 k2 | jq_ '" ".join(d["accepted"])')
check "retry after a lost ack is accepted, not duplicated" sh -c "test '$got' = 'k1 k2' && test \$(wc -l <'$tmp/stored.jsonl') -eq 10"

fault '{"kind": "401"}'
check "fault 401" test "$(code "$kiosk/content")" = 401

fault '{"kind": "500", "path": "responses"}'
check "a fault narrowed to responses spares content" test "$(code "$kiosk/content")" = 200
check "and hits the next upload" test "$(code -X POST --data-binary @"$tmp/batch.json" "$kiosk/responses")" = 500

fault '{"kind": "503", "count": -1}'
got="$(code "$kiosk/content") $(code "$kiosk/content") $(code "$kiosk/content")"
ctl DELETE /fault >/dev/null
check "count -1 lasts until DELETE /fault" sh -c "test '$got' = '503 503 503' && test $(code "$kiosk/content") = 200"
got=$(ctl PUT /fault -o /dev/null -w '%{http_code}' -d '{"kind": "teapot"}')
check "an unknown fault kind is 400" test "$got" = 400

ctl POST /reset-requests >/dev/null
before=$(date +%s.%N)
code "$kiosk/content" >/dev/null
after=$(date +%s.%N)
got=$(ctl GET /requests | jq_ 'len(d), d[0]["method"], d[0]["path"], d[0]["status"]')
check "/requests lists method, path and status" test "$got" = "1 GET /api/v1/kiosks/kiosk-1/content 200"
got=$(ctl GET /requests | jq_ "$before - 0.5 <= d[0]['time'] <= $after + 0.5")
check "/requests gives the time each request arrived" test "$got" = True
check "/requests/last is the last of them" test "$(ctl GET /requests/last | jq_ 'd["path"], d["status"]')" = "/api/v1/kiosks/kiosk-1/content 200"

# --- hold, and clients that go away while a request is kept open
poll() { # COMMAND...: true once COMMAND succeeds, trying for 5 s
	i=0
	while [ $i -lt 50 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
last() { ctl GET /requests | jq_ "d[-1].get('$1')"; }
last_is() { test "$(last "$1")" = "$2"; }
fault '{"kind": "hold", "seconds": 20}'
check "fault hold waits for an upload" test "$(code "$kiosk/content")" = 200
upload h1 h2 >"$tmp/held.json" 2>/dev/null &
held=$!
poll last_is waiting True
check "fault hold: the batch is stored while its receipt is held" sh -c \
	"test '$(stored)' = 'a1 a2 a3 b1 g1 g2 p1 p2 k1 k2 h1 h2' && kill -0 $held && test ! -s '$tmp/held.json'"
ctl DELETE /fault >/dev/null
wait $held
check "fault hold: DELETE /fault releases the receipt" test "$(jq_ '" ".join(d["accepted"])' <"$tmp/held.json")" = "h1 h2"
check "fault hold: the entry is no longer waiting" test "$(last waiting)" = None
fault '{"kind": "hold", "seconds": 20}'
batch h3 >"$tmp/batch.json"
api --max-time 1 -X POST --data-binary @"$tmp/batch.json" "$kiosk/responses" >/dev/null 2>&1
check "fault hold: a client that goes away is noticed at once" poll last_is gone True
check "fault hold: its batch is stored, its receipt never sent" sh -c \
	"test '$(stored)' = 'a1 a2 a3 b1 g1 g2 p1 p2 k1 k2 h1 h2 h3' && test '$(ctl GET /acked | jq_ '"h3" in d')' = False"
fault '{"kind": "hang", "seconds": 20}'
api --max-time 1 -o /dev/null "$kiosk/content" 2>/dev/null
check "fault hang: a client that goes away is noticed at once" poll last_is gone True
fault '{"kind": "trickle", "interval": 0.5, "burst": 1000}'
api --max-time 1 -o /dev/null "$kiosk/content" 2>/dev/null
poll last_is gone True
check "fault trickle with a burst: the head and 1000 bytes at once, then a byte at a time" sh -c \
	"test $(last sent) -gt $(($(last head) + 1000)) && test $(last sent) -lt $(($(last head) + 1010))"
ctl DELETE /fault >/dev/null

# --- certificates
ctl PUT /wrong-cert -d '{"on": true}' >/dev/null
api -o /dev/null "$kiosk/content" 2>/dev/null
rc=$?
check "wrong-cert: curl --cacert fails verification" test "$rc" = 60
got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$tmp/wrong-ca.pem" -H "Authorization: Bearer $token" "$kiosk/content")
check "wrong-cert: it is the other CA's certificate" test "$got" = 200
ctl PUT /wrong-cert -d '{"on": false}' >/dev/null
check "wrong-cert off: verification passes again" test "$(code "$kiosk/content")" = 200

mkdir "$tmp/mtls"
cp "$tmp"/*.pem "$tmp"/*.key "$tmp/token" "$tmp/mtls/"
if start "$tmp/mtls" --mtls; then
	pid2=$started
	mbase="https://127.0.0.1:$(cat "$tmp/mtls/port")/api/v1/kiosks/kiosk-1/content"
	ctl2() { curl -s --max-time 10 -X PUT "http://127.0.0.1:$(cat "$tmp/mtls/control-port")$1" --data-binary "$2" >/dev/null; }
	ctl2 /bundle '{}'
	check "--mtls refuses a client without a certificate" sh -c "! curl -s -o /dev/null --max-time 10 --cacert '$tmp/ca.pem' -H 'Authorization: Bearer $token' '$mbase'"
	got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$tmp/ca.pem" --cert "$tmp/client.pem" --key "$tmp/client.key" -H "Authorization: Bearer $token" "$mbase")
	check "--mtls accepts client.pem" test "$got" = 200
	kill "$pid2"
	wait "$pid2"
	pid2=""
else
	check "--mtls starts" false
fi

# --- stopping
kill "$pid"
wait "$pid"
rc=$?
check "SIGTERM: exits 0" test "$rc" = 0
check "SIGTERM: port files removed" sh -c "test ! -e '$tmp/port' && test ! -e '$tmp/control-port'"
check "no process left" sh -c "! kill -0 $pid 2>/dev/null"
pid=""

if [ "$failed" -gt 0 ]; then
	echo "server log:"
	sed 's/^/      /' "$tmp/server.log" | tail -80
fi
echo "$passed passed, $failed failed"
echo "test_fake_central done"
[ "$failed" -eq 0 ]
