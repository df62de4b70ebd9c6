#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The whole chain with the real programs: a bundle published on kiosk-central
# reaches the kiosk through kiosk-sync and is on its screen (a real window under
# Xvfb), and answers tapped through the survey in that window reach kiosk-central's
# export, each once. Screens are recognised by comparing the window with what
# kiosk --screenshot draws for the same bundle.
# usage: tests/e2e.sh BUILD_DIR   (with kiosk, kiosk-sync and kiosk-central)
build=$(cd "$1" && pwd)
kiosk=$build/kiosk
central=$build/kiosk-central
sync=$build/kiosk-sync
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
server="" xvfb="" kpid=""
trap 'kill -9 $kpid $server $xvfb 2>/dev/null; [ -z "$KEEP" ] && rm -rf "$tmp"' EXIT
# The X libraries keep allocations until exit; only our own leaks matter.
export ASAN_OPTIONS="detect_leaks=0"
# A Tuesday afternoon, inside the survey's dates and the bundle's opening hours,
# for the kiosk and its reference screenshots; the servers keep real time.
now=2026-11-24T14:05:00Z
export TZ=UTC

echo "plan 12"
check() { # NAME COMMAND...
	name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "FAIL $name"; fi
}
wait_for() { # TENTHS COMMAND...: polls COMMAND every 0.1 s, TENTHS times at most
	n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# kiosk-central over HTTPS with a test CA, one kiosk enrolled in group g. Its staff
# API is off: by default it would take port 8080, which parallel runs share.
sh "$root/tests/make_ca.sh" "$tmp/ca" >/dev/null 2>&1 || { echo "FAIL make_ca.sh"; exit 0; }
port=$((40000 + $$ % 20000))
base=https://127.0.0.1:$port/api/v1
cat >"$tmp/central.conf" <<CONF
[central]
data_dir = $tmp/central
kiosk_listen = 127.0.0.1:$port
tls_cert = $tmp/ca/server.pem
tls_key = $tmp/ca/server.key
staff_listen =
CONF
kc() { "$central" --config "$tmp/central.conf" "$@"; }
token=$(kc add-kiosk k1 --group g 2>/dev/null)
"$central" --config "$tmp/central.conf" >"$tmp/server.log" 2>&1 &
server=$!
wait_for 100 curl -s -o /dev/null --cacert "$tmp/ca/ca.pem" "$base/" ||
	echo "# kiosk-central did not start: $(cat "$tmp/server.log")"

# The kiosk and kiosk-sync share one kiosk.conf, as on a real kiosk.
mkdir -p "$tmp/k1"
printf '%s\n' "$token" >"$tmp/k1/token"
chmod 600 "$tmp/k1/token"
cat >"$tmp/k1/kiosk.conf" <<CONF
[kiosk]
id = k1
data_dir = $tmp/k1/data
[central]
url = $base
token_file = $tmp/k1/token
ca_file = $tmp/ca/ca.pem
CONF
once() { "$sync" --config "$tmp/k1/kiosk.conf" --once >>"$tmp/sync.log" 2>&1; }

# 1. The new bundle: the demo's with a new version and its first promise retitled.
old_title="Polis till fots vid Resecentrum fredag och lördag kväll"
new_title="Polis till fots vid Resecentrum varje kväll i veckan"
version=2026-12-24.1
sed -e "s/\"version\": \"2026-11-20.1\"/\"version\": \"$version\"/" \
	-e "s/\"sv\": \"$old_title\"/\"sv\": \"$new_title\"/" \
	"$root/config/content.json" >"$tmp/new.json"
# Without the demo's made-up results: staff publish none, kiosk-central counts them.
python3 -c 'import json, sys
doc = json.load(open(sys.argv[1]))
doc.pop("results", None)
json.dump(doc, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)' "$tmp/new.json"
kc publish "$tmp/new.json" --group g >"$tmp/publish.log" 2>&1
rc=$?
check "publish of bundle $version, its first promise retitled" sh -c \
	"test $rc -eq 0 && grep -qF '$new_title' '$tmp/new.json' && grep -q '$version' '$tmp/new.json'"

# What each screen looks like at 800x480, drawn by the kiosk itself.
shots() { # DIR LANG CONTENT
	KIOSK_NOW=$now "$kiosk" --screenshot "$1" --size 800x480 --lang "$2" --content "$3" \
		>/dev/null 2>&1
}
shots "$tmp/ref/sv" sv "$tmp/new.json"
shots "$tmp/ref/en" en "$tmp/new.json"
shots "$tmp/ref/old" sv "$root/config/content.json"

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v compare >/dev/null; then
	echo "FAIL Xvfb, xdotool or ImageMagick is missing (make deps)"
	echo "e2e done"
	exit 0
fi
# Xvfb picks a free display itself, so that parallel runs do not collide.
Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
xvfb=$!
wait_for 50 test -s "$tmp/display"
display=$(cat "$tmp/display")
export DISPLAY=":$display"
KIOSK_NOW=$now "$kiosk" --config "$tmp/k1/kiosk.conf" >"$tmp/kiosk.log" 2>&1 &
kpid=$!
wait_for 100 grep -q "renderer" "$tmp/kiosk.log"

# Pixels of the window that differ from REF (a PNG) beyond anti-aliasing: where the
# window draws with OpenGL, the arrows' edges differ from --screenshot's software
# renderer by some 80 pixels. The strip under the header is masked: there "Fråga
# 3 av 5" and the progress bar count the questions on this visitor's path, which
# --screenshot cannot know.
mask() { convert "$1" -fill black -draw "rectangle 0,76 799,98" "$2"; }
differ() { # REF
	import -window root "$tmp/now.png" 2>/dev/null
	mask "$tmp/now.png" "$tmp/now-masked.png"
	mask "$1" "$tmp/ref-masked.png"
	compare -metric AE -fuzz 2% "$tmp/now-masked.png" "$tmp/ref-masked.png" null: 2>&1 | cut -d' ' -f1
}
limit=400
near() { test "$(differ "$1")" -le "$limit" 2>/dev/null; }
# Waits up to 8 s for the window to show REF: after an answer the survey button
# rests for 5 s (cooldown_s), and the attract screen shows it greyed until then.
# Keeps the last look as step-N.png (KEEP=1 keeps $tmp).
step=0
shows() { # REF
	step=$((step + 1))
	end=$(($(date +%s) + 8))
	while ! near "$1"; do
		if [ "$(date +%s)" -ge "$end" ]; then
			cp "$tmp/now.png" "$tmp/step-$step.png"
			return 1
		fi
		sleep 0.1
	done
	cp "$tmp/now.png" "$tmp/step-$step.png"
}
tap() { xdotool mousemove "$1" "$2" click 1; }

# 2. kiosk-sync makes the bundle current; the running kiosk shows it at once.
once
check "kiosk-sync --once makes $version current; the running kiosk shows it" \
	wait_for 50 grep -q "showing content $version" "$tmp/kiosk.log"
shows "$tmp/ref/sv/attract.png"
new=$(differ "$tmp/ref/sv/attract.png")
old=$(differ "$tmp/ref/old/attract.png")
check "the window is $version's attract screen ($new pixels off), not the old one's ($old off)" \
	test "$new" -le "$limit" -a "$old" -gt $((limit * 5))

# 3. Two visitors tap through the survey, one in Swedish and one in English. A
# path's words are screens (PNGs in DIR), waited for, and labels (=LABEL), tapped:
# the centre of the item with that label on the last screen waited for, as
# kiosk --screenshot wrote it beside the screen (DIR/SCREEN.items). A walk stops at
# the first screen that does not come: its taps would land elsewhere.
press() { # ITEMS LABEL
	at=$(awk -F'\t' -v l="$2" '$6 == l { print int($1 + $3 / 2), int($2 + $4 / 2); exit }' "$1")
	[ -n "$at" ] || { echo "# no item \"$2\" in $1"; return 1; }
	tap $at
}
walk() { # DIR STEP...
	dir=$1
	shift
	for s in "$@"; do
		case $s in
		*.png)
			shows "$dir/$s" || { echo "# $s not shown (step-$step.png with KEEP=1)"; return 1; }
			screen=$dir/${s%.png}.items
			;;
		=*) press "$screen" "${s#=}" || return 1 ;;
		esac
	done
}
q=survey-trygghet-2026
# Fairly unsafe (which brings the follow-up question), litter and poor lighting,
# worse, better lighting, 25-44; then back to the start.
check "survey in Swedish tapped through in the window, each screen as drawn" walk "$tmp/ref/sv" \
	attract.png "=Tyck till!" survey.png =Börja $q-safety-evening.png "=Ganska otrygg" \
	$q-problems.png =Nedskräpning "=Dålig belysning" =Nästa $q-change.png =Sämre \
	$q-what-helps.png "=Bättre belysning" $q-age.png "=25–44 år" thanks.png "=Till startsidan" \
	attract.png
# English, chosen on the Swedish attract screen; fairly safe (no follow-up), none
# of these, about the same, 80 or older.
screen=$tmp/ref/sv/attract.items
check "survey in English tapped through in the window, each screen as drawn" walk "$tmp/ref/en" \
	=English attract.png "=Have your say" survey.png =Start $q-safety-evening.png "=Fairly safe" \
	$q-problems.png "=None of these" =Next $q-change.png "=About the same" \
	$q-age.png "=80 or older" thanks.png "=Back to start"
stored() { test "$(sqlite3 "$tmp/k1/data/kiosk.db" 'SELECT count(*) FROM responses')" -eq 2; }
check "the kiosk stored two answers" wait_for 30 stored

# Two rounds of kiosk-sync: the first delivers, the second must send nothing again.
once
once
kc export >"$tmp/export.jsonl" 2>/dev/null
sqlite3 "$tmp/k1/data/kiosk.db" 'SELECT id FROM responses WHERE uploaded_at IS NOT NULL' >"$tmp/uploaded"
check "after two kiosk-sync rounds the export holds the 2 answers, each once" python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
uploaded = open(sys.argv[2]).read().split()
print("# exported %d, the kiosk marked %d uploaded" % (len(ids), len(uploaded)))
sys.exit(0 if len(ids) == 2 == len(set(ids)) and set(ids) == set(uploaded) else 1)' \
	"$tmp/export.jsonl" "$tmp/uploaded"
check "the export holds what was tapped, in each language, on content $version" python3 -c '
import json, sys
rows = {r["language"]: r for r in map(json.loads, open(sys.argv[1]))}
answers = lambda lang: {a["q"]: a.get("option", a.get("options")) for a in rows[lang]["answers"]}
assert answers("sv") == {"safety-evening": "fairly_unsafe", "problems": ["litter", "poor_lighting"],
    "change": "worse", "what-helps": "better_lighting", "age": "age_25_44"}, answers("sv")
assert answers("en") == {"safety-evening": "fairly_safe", "problems": ["none"], "change": "same",
    "age": "age_80_plus"}, answers("en")
assert all(r["content_version"] == sys.argv[2] and r["status"] == "complete" and r["kiosk_id"] == "k1"
    for r in rows.values())' "$tmp/export.jsonl" "$version"

# 4. The next day (the server's clock fixed with KIOSK_NOW) the answers are in the
# results the kiosk gets: the two tapped ones and ten more stored as the kiosk
# stores them, for a question to reach min_n. The kiosk shows them on its results
# and promise screens, in Swedish and Arabic, landscape and portrait.
sqlite3 "$tmp/k1/data/kiosk.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 10)
	INSERT INTO responses(id, created_at, document)
	SELECT printf('0e2e0000-0000-4000-8000-%012d', i), strftime('%s','now'),
	json_object('id', printf('0e2e0000-0000-4000-8000-%012d', i), 'survey_id', 'trygghet-2026',
	'survey_version', 1, 'content_version', '$version', 'language', 'sv',
	'submitted_hour', '2026-11-24T14:00Z', 'clock_synced', json('true'), 'status', 'complete',
	'duration_s', 40, 'answers', json('[{\"q\":\"safety-evening\",\"option\":\"very_unsafe\"}]'),
	'flags', json('[]')) FROM n"
once
kill -TERM "$server" && wait "$server"
tomorrow=$(date -d tomorrow +%Y-%m-%dT08:00:00)
KIOSK_NOW=$tomorrow "$central" --config "$tmp/central.conf" >>"$tmp/server.log" 2>&1 &
server=$!
wait_for 100 curl -s -o /dev/null --cacert "$tmp/ca/ca.pem" "$base/"
once
current=$tmp/k1/data/content/current/content.json
check "the next day's bundle holds the answers tapped here in its results" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
q = [q for s in doc["results"]["surveys"] for q in s["questions"] if q["q"] == "safety-evening"][0]
counts = {o["id"]: o["n"] for o in q["options"]}
print("# safety-evening: %d answered, %s" % (q["n"], counts))
# 12 answered: the 2 tapped (fairly_unsafe, fairly_safe: under min_n, so null) and 10 more.
sys.exit(0 if q["n"] == 12 and counts["very_unsafe"] == 10 and counts["fairly_unsafe"] is None
         and counts["fairly_safe"] is None else 1)' "$current"
served=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$current")
check "the running kiosk takes the day's results ($served) between visitors" \
	wait_for 50 grep -q "showing content $served" "$tmp/kiosk.log"
ok=1
for size in 800x480 1080x1920; do
	for lang in sv ar; do
		KIOSK_NOW=$now "$kiosk" --screenshot "$tmp/res/$size-$lang" --size "$size" --lang "$lang" \
			--content "$current" >/dev/null 2>&1 || ok=0
		[ -s "$tmp/res/$size-$lang/results.png" ] && [ -s "$tmp/res/$size-$lang/promise.png" ] || ok=0
	done
done
# The results screen differs from the demo's: these are this kiosk's figures.
KIOSK_NOW=$now "$kiosk" --screenshot "$tmp/res/demo" --size 800x480 --lang sv \
	--content "$root/config/content.json" >/dev/null 2>&1
diff=$(compare -metric AE "$tmp/res/800x480-sv/results.png" "$tmp/res/demo/results.png" null: 2>&1 | cut -d' ' -f1)
check "the results and promise screens drawn in sv and ar at 800x480 and 1080x1920, with these figures ($diff pixels from the demo's)" \
	test "$ok" -eq 1 -a "${diff:-0}" -gt 1000

# Stopped, with a bound on how long they may take.
gone() { ! ps -o stat= -p "$1" | grep -qv Z; }
kill -TERM "$kpid" "$server" 2>/dev/null
wait_for 100 gone "$kpid"
wait_for 100 gone "$server"
kill -9 "$kpid" "$server" 2>/dev/null
wait "$kpid" "$server"
kpid="" server=""
check "the kiosk, kiosk-sync and kiosk-central logged no errors" sh -c \
	"! grep -q '^error' '$tmp/kiosk.log' '$tmp/server.log' '$tmp/sync.log'"
[ -n "$SHOTS" ] && mkdir -p "$SHOTS" && cp -r "$tmp/res/." "$SHOTS/"
echo "e2e done"
