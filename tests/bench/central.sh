#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Benchmark of kiosk-central's kiosk API on one core (taskset -c 0), the load
# generator (tests/bench/central_load.c) on the other: requests per second for a
# 304 poll, a 200 bundle (gzip), a heartbeat and an upload of 100 answers; the same
# bundle served by nginx on the same core with the same certificate, and a plain
# SQLite insert of the same rows, as floors; then the largest simulated fleet whose
# p99 stays under 100 ms. Prints "central ..." lines on stdout, a summary on stderr.
#   CENTRAL_RATE_S   seconds per rate measurement (default 5)
#   CENTRAL_FLEET_S  seconds per fleet step (default 5)
#   CENTRAL_CONNS    keep-alive connections of the rate measurements (default 4)
#   CENTRAL_KIOSKS   kiosks enrolled; fleet requests cycle through them (default 100)
# usage: tests/bench/central.sh BUILD_DIR BENCH_BUILD_DIR
build=$(cd "$1" && pwd)
bench=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
central=$build/kiosk-central
rate_s=${CENTRAL_RATE_S:-5}
fleet_s=${CENTRAL_FLEET_S:-5}
conns=${CENTRAL_CONNS:-4}
kiosks=${CENTRAL_KIOSKS:-100}
p99_limit=100
tmp=$(mktemp -d)
server=""
nginx=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$nginx" ] && kill "$nginx" 2>/dev/null;
	wait 2>/dev/null; rm -rf "$tmp"' EXIT
load() { taskset -c 1 "$bench/central_load" "$@"; }
say() { echo "central.sh: $*" >&2; }
# The value of KEY=... in a line on stdin.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b > 0) printf f, a / b; else print "nan" }'; }

for tool in taskset nginx curl sqlite3; do
	command -v $tool >/dev/null || {
		say "$tool is missing (nginx: apt-get install nginx-light)"
		exit 1
	}
done
[ -x "$central" ] && [ -x "$bench/central_load" ] || {
	say "needs $central and $bench/central_load"
	exit 1
}
[ "$(nproc)" -ge 2 ] || say "only one core: server and load generator share it"

sh "$root/tests/make_ca.sh" "$tmp/ca" >/dev/null 2>&1 || { say "make_ca.sh failed"; exit 1; }
port=$((20000 + $$ % 20000))
nport=$((port + 1))
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

say "enrolling $kiosks kiosks"
i=1
while [ "$i" -le "$kiosks" ]; do
	t=$(kc add-kiosk "bench$i" --group bench 2>/dev/null) || { say "add-kiosk failed"; exit 1; }
	echo "bench$i $t" >>"$tmp/tokens"
	i=$((i + 1))
done
kc publish "$root/config/content.json" --group bench >/dev/null 2>&1 || { say "publish failed"; exit 1; }

taskset -c 0 "$central" --config "$tmp/central.conf" >>"$tmp/server.log" 2>&1 &
server=$!
up() { # URL
	for _ in $(seq 1 100); do
		curl -s -o /dev/null --cacert "$tmp/ca/ca.pem" "$1" && return 0
		sleep 0.1
	done
	return 1
}
up "$base/" || { say "kiosk-central did not start: $(cat "$tmp/server.log")"; exit 1; }

# The floor for content: the very body kiosk-central serves, as a static file.
mkdir -p "$tmp/www" "$tmp/nginx/tmp"
token=$(sed -n '1s/^[^ ]* //p' "$tmp/tokens")
curl -sf --cacert "$tmp/ca/ca.pem" -H "Authorization: Bearer $token" \
	-o "$tmp/www/content.json" "$base/kiosks/bench1/content" || { say "no bundle"; exit 1; }
# As root nginx would hand its worker to nobody, who cannot read the temp dir.
[ "$(id -u)" = 0 ] && user="user root;"
cat >"$tmp/nginx/nginx.conf" <<CONF
$user
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/tmp/body;
	proxy_temp_path $tmp/nginx/tmp/proxy;
	fastcgi_temp_path $tmp/nginx/tmp/fastcgi;
	uwsgi_temp_path $tmp/nginx/tmp/uwsgi;
	scgi_temp_path $tmp/nginx/tmp/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport ssl;
		ssl_certificate $tmp/ca/server.pem;
		ssl_certificate_key $tmp/ca/server.key;
		root $tmp/www;
		gzip on;
		gzip_types application/json;
		gzip_comp_level 6;
		gzip_min_length 0;
		gzip_vary on;
		location ~ ^/api/v1/kiosks/[^/]+/content\$ {
			default_type application/json;
			try_files /content.json =404;
		}
	}
}
CONF
taskset -c 0 nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx=$!
nbase=https://127.0.0.1:$nport/api/v1
up "$nbase/kiosks/bench1/content" || { say "nginx did not start: $(cat "$tmp/nginx/error.log")"; exit 1; }
echo "central setup kiosks=$kiosks conns=$conns rate_s=$rate_s fleet_s=$fleet_s" \
	"bundle_bytes=$(wc -c <"$tmp/www/content.json") server_core=0 load_core=1"

# CPU time of a process in clock ticks, to tell a saturated core from a slow one.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
worker=$(pgrep -P "$nginx" | head -1)
# One rate: SERVER (central or nginx) KIND CONNS; the line gets the server's CPU share.
rate() {
	if [ "$1" = central ]; then pid=$server u=$base; else pid=$worker u=$nbase; fi
	sleep 1 # let the last measurement's work (checkpoints, closing threads) settle
	say "rate $2 on $3 connections ($1)"
	t0=$(ticks "$pid")
	line=$(load rate "$u" "$tmp/ca/ca.pem" "$tmp/tokens" "$2" "$rate_s" "$3" "$1")
	cpu=$(awk -v a="$t0" -v b="$(ticks "$pid")" -v hz="$hz" -v s="$rate_s" \
		'BEGIN { printf "%.0f", 100 * (b - a) / hz / s }')
	echo "$line server_cpu_pct=$cpu" | tee "$tmp/rate.$1.$2.$3"
}
# The content kinds side by side with nginx, then the writes.
for kind in 304 content200; do
	rate central $kind "$conns"
	rate nginx $kind "$conns"
	c=$(field rps <"$tmp/rate.central.$kind.$conns")
	n=$(field rps <"$tmp/rate.nginx.$kind.$conns")
	echo "central ratio kind=$kind central_rps=$c nginx_rps=$n central_over_nginx=$(div "$c" "$n")"
done
rate central status "$conns"
rate central upload100 1
rate central upload100 "$conns"

# Uploads against a plain insert of the same rows on the same disk, both one writer.
stored=$(sqlite3 "$tmp/central/central.db" "SELECT count(*) FROM responses")
accepted=$(cat "$tmp"/rate.central.upload100.* | field accepted | awk '{ s += $1 } END { print s }')
echo "central stored rows=$stored accepted=$accepted"
mkdir -p "$tmp/floor"
say "sqlite insert floor"
load insert "$tmp/floor" 20000 | tee "$tmp/insert"
c=$(field rows_per_s <"$tmp/rate.central.upload100.1")
f=$(field rows_per_s <"$tmp/insert")
echo "central ratio kind=ingest central_rows_per_s=$c sqlite_rows_per_s=$f central_over_sqlite=$(div "$c" "$f")"

# One fleet step: N kiosks; prints the fleet line with the server's CPU share.
step() {
	t0=$(ticks "$server")
	line=$(load fleet "$base" "$tmp/ca/ca.pem" "$tmp/tokens" "$1" "$fleet_s")
	cpu=$(awk -v a="$t0" -v b="$(ticks "$server")" -v hz="$hz" -v s="$fleet_s" \
		'BEGIN { printf "%.0f", 100 * (b - a) / hz / s }')
	echo "$line server_cpu_pct=$cpu" | tee -a "$tmp/fleet"
	say "fleet $1 kiosks: polls p99 $(echo "$line" | field poll_p99_ms) ms," \
		"uploads max $(echo "$line" | field upload_max_ms) ms, server CPU $cpu %," \
		"load generator CPU $(echo "$line" | field load_cpu_pct) %"
}
# The last step passed: polls' and heartbeats' p99 under the limit, no errors. (A
# batch of 100 answers alone takes tens of ms; its latency is printed, not judged.)
good() {
	tail -1 "$tmp/fleet" | awk -v l=$p99_limit '{ for (i = 1; i <= NF; i++) { split($i, kv, "=");
		v[kv[1]] = kv[2] } exit !(v["poll_p99_ms"] < l && v["errors"] == 0) }'
}
# Doubling from 2000 kiosks (at most 7 steps), then 3 halvings of the gap.
lo=0
hi=0
n=2000
for _ in 1 2 3 4 5 6 7; do
	step $n
	if good; then lo=$n; n=$((n * 2)); else hi=$n; break; fi
done
if [ "$hi" -gt 0 ]; then
	for _ in 1 2 3; do
		mid=$(((lo + hi) / 2))
		step $mid
		if good; then lo=$mid; else hi=$mid; fi
	done
fi
[ "$hi" -gt 0 ] || hi=none
echo "central fleet_max kiosks=$lo poll_p99_limit_ms=$p99_limit first_failing=$hi" \
	"rps=$(div "$((lo * 73))" 3600 %.1f) per_kiosk_per_hour=73"
echo "central kiosks_per_core=$lo fleet_5000_core_share=$(div 5000 "$lo" %.3f)" \
	"headroom_over_5000=$(div "$lo" 5000 %.1f)"

{
	echo
	echo "kiosk-central on one core ($conns keep-alive connections, $rate_s s each):"
	for r in "$tmp"/rate.*; do
		l=$(cat "$r")
		printf '  %-7s %-10s conns %-2s %8s req/s  p50 %7s ms  p99 %7s ms  CPU server %3s %% load %3s %%\n' \
			"$(echo "$l" | field server)" "$(echo "$l" | field kind)" \
			"$(echo "$l" | field conns)" "$(echo "$l" | field rps)" "$(echo "$l" | field p50_ms)" \
			"$(echo "$l" | field p99_ms)" "$(echo "$l" | field server_cpu_pct)" \
			"$(echo "$l" | field load_cpu_pct)"
	done
	for kind in 304 content200; do
		echo "  kiosk-central/nginx for $kind: $(div "$(field rps <"$tmp/rate.central.$kind.$conns")" \
			"$(field rps <"$tmp/rate.nginx.$kind.$conns")")"
	done
	echo "  ingest: $c rows/s uploaded (one connection) vs $f rows/s plain SQLite insert" \
		"($(div "$c" "$f"))"
	echo "fleet: each kiosk 73 requests an hour (a poll every 60 s, a heartbeat every 300 s,"
	echo "  100 answers every 3600 s), each on a new TLS connection; N kiosks = N*73/3600 req/s"
	echo "  sent evenly over $fleet_s s per step, latency counted from when each was due"
	echo "  largest fleet with polls' p99 < $p99_limit ms: $lo kiosks on one core" \
		"(first failing: ${hi:-none}); 5000 kiosks would use $(div 5000 "$lo" %.3f) of it"
} >&2
