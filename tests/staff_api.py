#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Tests of kiosk-central's staff API as the web UI and an attacker use it:
logins, cookies, CSRF, throttling, roles on every endpoint, drafts checked by the
kiosk's parser, publish, history, rollback, previews with their limits, the
fleet, results and exports, and hostile input (scripts in text, oversized and
malformed bodies, path tricks, forged sessions).
usage: staff_api.py BUILD_DIR   (with kiosk-central and kiosk)"""
import http.client
import json
import os
import shutil
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1])
CENTRAL = os.path.join(BUILD, "kiosk-central")
PASSWORD = "correct horse battery staple"
results = []
STOPPED_BADLY = []  # logs of servers that did not stop cleanly or logged errors


def check(name, ok):
    results.append((name, bool(ok)))
    print(("ok " if ok else "FAIL ") + name, flush=True)


class Server:
    """A kiosk-central with its own data directory, ports and config."""

    def __init__(self, tmp, name, extra=""):
        self.dir = os.path.join(tmp, name)
        os.makedirs(self.dir)
        base = 20000 + (os.getpid() * 7 + len(name) * 131) % 20000
        self.kport, self.sport = base, base + 1
        self.conf = os.path.join(self.dir, "central.conf")
        with open(self.conf, "w") as f:
            f.write(
                "[central]\ndata_dir = %s/data\nkiosk_listen = 127.0.0.1:%d\n"
                "staff_listen = 127.0.0.1:%d\ntls_cert = %s/ca/server.pem\n"
                "tls_key = %s/ca/server.key\nkiosk_binary = %s/kiosk\n%s"
                % (self.dir, self.kport, self.sport, tmp, tmp, BUILD, extra)
            )
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = None

    def cli(self, *args, stdin=None):
        return subprocess.run(
            [CENTRAL, "--config", self.conf, *args],
            input=stdin,
            capture_output=True,
            text=True,
        )

    def start(self):
        self.proc = subprocess.Popen(
            [CENTRAL, "--config", self.conf], stdout=self.log, stderr=self.log
        )
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", self.sport, timeout=2).request(
                    "GET", "/"
                )
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("kiosk-central did not start: " + open(self.log.name).read())

    def stop(self):
        if self.proc:
            self.proc.terminate()
            rc = self.proc.wait(10)
            self.proc = None
            self.log.close()
            text = open(self.log.name).read()
            if rc != 0 or "Sanitizer" in text or "runtime error" in text or "\nerror" in text:
                STOPPED_BADLY.append(self.log.name)


class Client:
    """One browser: its cookie and CSRF token, from one source address."""

    def __init__(self, server, source="127.0.0.1"):
        self.server, self.source = server, source
        self.cookie, self.csrf = None, None

    def request(self, method, path, body=None, headers=None, csrf=True):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.server.sport, timeout=120, source_address=(self.source, 0)
        )
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        if method == "GET":
            body = None
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        try:
            conn.request(method, path, body=body, headers=h)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole body was sent: the answer says why
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def json(self, method, path, body=None, **kw):
        status, headers, data = self.request(method, path, body, **kw)
        try:
            return status, json.loads(data)
        except ValueError:
            return status, data

    def login(self, user, password=PASSWORD):
        status, headers, data = self.request(
            "POST", "/api/login", {"user": user, "password": password}
        )
        if status == 200:
            self.cookie = headers["set-cookie"].split(";")[0]
            self.csrf = json.loads(data)["csrf"]
        return status, headers, data


def routes():
    """Every endpoint with the least role it needs, from the server's table."""
    text = open(os.path.join(ROOT, "central", "staff_api.c")).read()
    table = text[text.index("staff_api_routes[] = {") :]
    out = []
    for line in table.splitlines()[1:]:
        if not line.strip().startswith('{ "'):
            break
        method, pattern, handler = [p.strip(' \t"{') for p in line.split(",")[:3]]
        out.append((method, pattern.replace("{}", "x"), handler))
    return out


# The least role of each handler: what a role below it must be refused.
NEEDS = {
    "users": "admin", "user_add": "admin", "user_role": "admin", "user_delete": "admin",
    "kiosk_add": "admin", "kiosk_revoke": "admin", "draft_put": "editor",
    "publish": "editor", "rollback": "editor", "asset_put": "editor", "check": "editor",
}
RANK = {"viewer": 0, "editor": 1, "admin": 2}
# What needs no session: the login, and the web UI's page and files (code only).
OPEN = {"login", "page", "static_file", "chart_js"}


def test_sessions(s, admin):
    st, h, body = Client(s).login("ada", "wrong password here")
    check("a wrong password: 401", st == 401)
    st2, h2, body2 = Client(s).login("nobody", "wrong password here")
    check("an unknown user gets the same answer as a wrong password", st2 == 401 and body == body2)
    st, h, body = admin.login("ada")
    cookie = h.get("set-cookie", "")
    check("login: 200 and a session cookie", st == 200 and cookie.startswith("kc_session="))
    check("the cookie is HttpOnly, Secure and SameSite=Strict",
          all(f in cookie for f in ("HttpOnly", "Secure", "SameSite=Strict")))
    sid = cookie.split(";")[0].split("=", 1)[1]
    db = os.path.join(s.dir, "data", "central.db")
    stored = [r[0] for r in sqlite3.connect(db).execute("SELECT hash FROM sessions")]
    check("the session id is stored only as its hash",
          stored and sid not in stored and sid.encode() not in open(db, "rb").read())
    check("the session answers who and which role",
          admin.json("GET", "/api/session")[1].get("role") == "admin")
    forged = Client(s)
    forged.cookie = "kc_session=" + "0" * 64
    check("a forged session id: 401", forged.request("GET", "/api/session")[0] == 401)


def test_csrf(s, editor):
    st, _, _ = editor.request("POST", "/api/groups/g1/draft", "{}", csrf=False)
    check("a change without the CSRF token: 403", st == 403)
    st, _, _ = editor.request("POST", "/api/groups/g1/draft", "{}",
                              headers={"X-CSRF-Token": "1" * 64}, csrf=False)
    check("a change with another token: 403", st == 403)
    check("and nothing was saved", editor.request("GET", "/api/groups/g1/draft")[0] == 404)


def test_roles(s, clients):
    anon = Client(s)
    table = routes()
    check("the route table was read (%d endpoints)" % len(table), len(table) >= 20)
    bad = [p for m, p, h in table if h not in OPEN and anon.request(m, p, "{}")[0] != 401]
    check("every endpoint but the login and the UI's files refuses no session with 401 %s" % bad,
          not bad)
    for role, c in clients.items():
        wrong = []
        for method, path, handler in table:
            need = NEEDS.get(handler, "viewer")
            if handler in OPEN:
                continue
            if RANK[role] < RANK[need] and c.request(method, path, "{}")[0] != 403:
                wrong.append(path)
        check("%s %s is refused every endpoint above its role with 403 %s"
              % ("an" if role[0] in "ae" else "a", role, wrong), not wrong)


def test_drafts(s, editor, viewer):
    path = os.path.join(ROOT, "tests/data/bundles/23-title-too-long.json")
    bad = open(path).read()
    st, r = editor.json("POST", "/api/groups/g1/draft", bad)
    check("a draft with errors is saved, with the kiosk's messages at their paths",
          st == 200 and r["errors"] > 0 and all(p["path"] for p in r["problems"]))
    expected = subprocess.run([os.path.join(BUILD, "kiosk"), "--check-content", path],
                              capture_output=True, text=True).stderr
    check("the messages are the kiosk's own",
          all(p["message"] in expected for p in r["problems"] if p["error"]))
    st, r = editor.json("POST", "/api/groups/g1/publish", {})
    check("publishing a draft with errors: 422 and its problems", st == 422 and r["problems"])
    check("and nothing was published",
          not [g for g in viewer.json("GET", "/api/groups")[1] if g["version"]])
    check("a draft that is not JSON: 400",
          editor.request("POST", "/api/groups/g1/draft", "{not json")[0] == 400)
    big = '{"x": "' + "a" * (5 << 20) + '"}'
    check("a draft over 4 MiB: 413", editor.request("POST", "/api/groups/g1/draft", big)[0] == 413)
    check("a group name with a slash: 404",
          editor.request("POST", "/api/groups/a%2Fb/draft", "{}")[0] == 404)


def bundle(version, title):
    doc = json.load(open(os.path.join(ROOT, "config", "content.json")))
    doc["version"] = version
    doc["promises"][0]["title"]["sv"] = title
    return json.dumps(doc, ensure_ascii=False)


def kiosk_get(s, kiosk, token):
    conn = http.client.HTTPSConnection(
        "127.0.0.1", s.kport, context=ssl.create_default_context(cafile=os.path.join(
            os.path.dirname(s.dir), "ca", "ca.pem")), timeout=10)
    conn.request("GET", "/api/v1/kiosks/%s/content" % kiosk,
                 headers={"Authorization": "Bearer " + token})
    r = conn.getresponse()
    return r.status, r.read()


def test_publish(s, admin, editor, viewer):
    st, r = admin.json("POST", "/api/kiosks", {"id": "k1", "group": "g1"})
    token = r.get("token", "")
    check("an admin adds a kiosk and sees its token once", st == 200 and len(token) == 64)
    script = "<script>alert(1)</script> Trygg \u00e5 s\u00e4ker"
    editor.request("POST", "/api/groups/g1/draft", bundle("2026-12-01.1", script))
    st, h, data = editor.request("POST", "/api/groups/g1/publish", "{}")
    check("a good draft is published", st == 200)
    st, body = kiosk_get(s, "k1", token)
    check("the kiosk API serves what staff published", st == 200 and b"2026-12-01.1" in body)
    st, h, data = viewer.request("GET", "/api/groups/g1/draft")
    check("a script in a text comes back as JSON text, never markup",
          h["content-type"] == "application/json" and h["x-content-type-options"] == "nosniff"
          and b"</script>" not in data
          and json.loads(json.loads(data)["bundle"])["promises"][0]["title"]["sv"] == script)
    check("every answer forbids framing and scripts",
          "default-src 'none'" in h["content-security-policy"]
          and "frame-ancestors 'none'" in h["content-security-policy"])
    editor.request("POST", "/api/groups/g1/draft", bundle("2026-12-02.1", "Ny titel"))
    editor.request("POST", "/api/groups/g1/publish", "{}")
    st, hist = viewer.json("GET", "/api/groups/g1/history")
    check("history lists both, newest first, with who published",
          [x["version"] for x in hist] == ["2026-12-02.1", "2026-12-01.1"]
          and hist[0]["by"] == "eve")
    st, r = editor.json("POST", "/api/groups/g1/rollback", {"seq": hist[1]["seq"]})
    st, body = kiosk_get(s, "k1", token)
    doc = json.loads(body)
    check("rollback in one request: the kiosk gets the old content as a new version",
          doc["version"].startswith("2026-12-01.1-rollback-")
          and doc["promises"][0]["title"]["sv"] == script)
    check("rollback to a bundle of another group: 404",
          editor.request("POST", "/api/groups/g2/rollback", {"seq": hist[1]["seq"]})[0] == 404)
    return token


def post_responses(s, token, n):
    docs = []
    for i in range(n):
        docs.append({
            "id": "00000000-0000-4000-8000-%012d" % i, "survey_id": "trygghet-2026",
            "survey_version": 1, "content_version": "2026-12-01.1", "language": "sv",
            "submitted_hour": "2026-12-01T10:00Z", "clock_synced": True,
            "status": "complete" if i % 4 else "abandoned", "duration_s": 30,
            "answers": [{"q": "safety-evening", "option": "fairly_safe" if i % 3 else "very_unsafe"},
                        {"q": "age", "skipped": True}],
            "flags": [],
        })
    conn = http.client.HTTPSConnection(
        "127.0.0.1", s.kport, context=ssl.create_default_context(cafile=os.path.join(
            os.path.dirname(s.dir), "ca", "ca.pem")), timeout=10)
    conn.request("POST", "/api/v1/kiosks/k1/responses", body=json.dumps({"responses": docs}),
                 headers={"Authorization": "Bearer " + token,
                          "Content-Type": "application/json"})
    r = conn.getresponse()
    return json.loads(r.read())


def test_results(s, viewer, token):
    receipt = post_responses(s, token, 12)
    check("12 answers uploaded by the kiosk are accepted", len(receipt.get("accepted", [])) == 12)
    st, res = viewer.json("GET", "/api/results?survey=trygghet-2026")
    q = {x["q"]: x for x in res[0]["questions"]} if st == 200 and res else {}
    check("results: 12 responses, 9 complete, counts per option, skips not counted",
          res and res[0]["responses"] == 12 and res[0]["complete"] == 9
          and q["safety-evening"]["n"] == 12
          and q["safety-evening"]["counts"] == {"very_unsafe": 4, "fairly_safe": 8}
          and "age" not in q)
    st, h, data = viewer.request("GET", "/api/export?format=csv")
    check("the CSV export starts with a byte order mark, for Excel",
          st == 200 and data.startswith(b"\xef\xbb\xbf") and h["content-type"].startswith("text/csv"))
    check("one row per response", data.count(b"\n") == 13)
    check("an unknown export format: 400",
          viewer.request("GET", "/api/export?format=xlsx")[0] == 400)
    st, fleet = viewer.json("GET", "/api/kiosks")
    check("the fleet lists the kiosk", st == 200 and [k["id"] for k in fleet] == ["k1"])


def test_users(s, admin, editor):
    st, r = admin.json("POST", "/api/users", {"user": "bo", "role": "viewer", "password": "short"})
    check("a password under 12 characters is refused", st == 400)
    st, r = admin.json("POST", "/api/users", {"user": "bo", "role": "viewer", "password": PASSWORD})
    check("an admin adds a user", st == 200)
    check("a user name that exists: 409", admin.json(
        "POST", "/api/users", {"user": "bo", "role": "viewer", "password": PASSWORD})[0] == 409)
    check("an admin cannot remove themself",
          admin.request("POST", "/api/users/ada/delete", "{}")[0] == 409)
    check("the last admin cannot be made an editor",
          admin.request("POST", "/api/users/ada/role", {"role": "editor"})[0] == 409)
    bo, bo2 = Client(s), Client(s)
    bo.login("bo")
    bo2.login("bo")
    check("a wrong present password does not change it", bo.request(
        "POST", "/api/password", {"old": "not it at all", "new": "another long password"})[0] == 403)
    st, _, _ = bo.request("POST", "/api/password", {"old": PASSWORD, "new": "another long password"})
    check("a user changes their password; their other sessions end",
          st == 200 and bo.request("GET", "/api/session")[0] == 200
          and bo2.request("GET", "/api/session")[0] == 401)
    check("the new password logs in", Client(s).login("bo", "another long password")[0] == 200)
    admin.request("POST", "/api/users/bo/role", {"role": "editor"})
    check("a new role takes effect at once", bo.json("GET", "/api/session")[1]["role"] == "editor")
    admin.request("POST", "/api/users/bo/delete", "{}")
    check("a removed user's session ends", bo.request("GET", "/api/session")[0] == 401)
    st, _, _ = editor.request("POST", "/api/logout", "{}")
    check("logout ends the session", st == 200 and editor.request("GET", "/api/session")[0] == 401)


def test_previews(s, viewer, tmp):
    t0 = time.monotonic()
    st, r = viewer.json("POST", "/api/groups/g1/preview", {"lang": "ar", "size": "1080x1920"})
    first = time.monotonic() - t0
    files = r.get("files", []) if st == 200 else []
    check("a preview of the kiosk's screens (%d pictures)" % len(files),
          st == 200 and "attract.png" in files and len(files) >= 10)
    st, h, png = viewer.request("GET", "/api/previews/%s/attract.png" % r.get("preview"))
    check("a preview picture is a PNG", st == 200 and png.startswith(b"\x89PNG")
          and h["content-type"] == "image/png")
    t0 = time.monotonic()
    st2, r2 = viewer.json("POST", "/api/groups/g1/preview", {"lang": "ar", "size": "1080x1920"})
    check("the same preview again is kept, not drawn again (%.2f s, then %.3f s)"
          % (first, time.monotonic() - t0), r2 == r)
    for path in ("/api/previews/..%2F..%2Fdata/central.db", "/api/previews/x/..%2Fcentral.db",
                 "/api/previews/../data/central.db.png", "/api/previews/%s/..png" % r["preview"]):
        if viewer.request("GET", path)[0] not in (400, 404):
            check("a path trick is refused: " + path, False)
            break
    else:
        check("path tricks in preview names are refused", True)
    check("a preview in a bad size: 400", viewer.request(
        "POST", "/api/groups/g1/preview", {"lang": "sv", "size": "99999x1"})[0] == 400)


def test_preview_limits(tmp):
    """A kiosk program that hangs, and one that eats memory, behind the limits."""
    fake = os.path.join(tmp, "fake-kiosk")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\ncase \"$*\" in *--lang\\ sv*) exec sleep 60;; esac\n"
                "exec python3 -c 'x = bytearray(1 << 30)'\n")
    os.chmod(fake, 0o755)
    s = Server(tmp, "limits", "kiosk_binary = %s\npreview_timeout_s = 2\npreview_memory_mb = 200\n"
               % fake)
    s.cli("add-staff", "ada", "--role", "admin", stdin=PASSWORD + "\n")
    s.start()
    try:
        c = Client(s)
        c.login("ada")
        c.request("POST", "/api/groups/g1/draft", bundle("2026-12-01.1", "x"))
        t0 = time.monotonic()
        st, r = c.json("POST", "/api/groups/g1/preview", {"lang": "sv", "size": "800x480"})
        took = time.monotonic() - t0
        check("a preview that hangs is stopped at its time limit (%.1f s): 422, said why" % took,
              st == 422 and "2 s" in r["error"] and took < 10)
        st, r = c.json("POST", "/api/groups/g1/preview", {"lang": "en", "size": "800x480"})
        check("a preview over its memory limit fails with a message: " + r.get("error", ""),
              st == 422 and "could not draw" in r["error"])
        check("the server keeps serving", c.request("GET", "/api/session")[0] == 200)
    finally:
        s.stop()


def test_idle_and_throttle(tmp):
    s = Server(tmp, "idle", "staff_idle_s = 2\n")
    for user in ("ada", "victim"):
        s.cli("add-staff", user, "--role", "admin", stdin=PASSWORD + "\n")
    s.start()
    try:
        c = Client(s)
        c.login("ada")
        time.sleep(1)
        alive = c.request("GET", "/api/session")[0] == 200
        time.sleep(3)
        st, _, data = c.request("GET", "/api/session")
        check("a session used ends after staff_idle_s unused, and says so",
              alive and st == 401 and b"log in again" in data)
        for i in range(5):
            Client(s, "127.0.0.%d" % (10 + i)).login("victim", "guess number %d!" % i)
        st, h, _ = Client(s, "127.0.0.20").login("victim")
        check("5 failures for a user from 5 addresses: its next login waits (429, Retry-After %s)"
              % h.get("retry-after"), st == 429 and int(h.get("retry-after", 0)) > 0)
        for i in range(5):
            Client(s, "127.0.0.30").login("user%d" % i, "guess number %d!" % i)
        check("5 failures from one address: its next login waits",
              Client(s, "127.0.0.30").login("ada")[0] == 429)
        check("while another address logs in", Client(s, "127.0.0.31").login("ada")[0] == 200)
        log = open(os.path.join(s.dir, "server.log")).read()
        check("failed logins are logged with their address", "failed login for victim from 127.0.0.1" in log)
    finally:
        s.stop()


def main():
    tmp = tempfile.mkdtemp()
    print("plan 61", flush=True)
    subprocess.run(["sh", os.path.join(ROOT, "tests/make_ca.sh"), os.path.join(tmp, "ca")],
                   capture_output=True, check=True)
    # The sanitizers' shadow memory does not fit under an address-space limit:
    # the limit is tested with test_preview_limits' own program.
    s = Server(tmp, "main", "preview_memory_mb = 0\n")
    for user, role in (("ada", "admin"), ("eve", "editor"), ("vic", "viewer")):
        s.cli("add-staff", user, "--role", role, stdin=PASSWORD + "\n")
    s.start()
    try:
        admin, editor, viewer = Client(s), Client(s), Client(s)
        test_sessions(s, admin)
        editor.login("eve")
        viewer.login("vic")
        test_csrf(s, editor)
        test_roles(s, {"viewer": viewer, "editor": editor})
        test_drafts(s, editor, viewer)
        token = test_publish(s, admin, editor, viewer)
        test_results(s, viewer, token)
        test_previews(s, viewer, tmp)
        test_users(s, admin, editor)
        check("after all this the server still serves", viewer.request("GET", "/api/session")[0] == 200)
    finally:
        s.stop()
    test_preview_limits(tmp)
    test_idle_and_throttle(tmp)
    check("each kiosk-central stopped cleanly, with no errors or sanitizer reports %s"
          % STOPPED_BADLY, not STOPPED_BADLY)
    if not os.environ.get("KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    print("staff_api done", flush=True)


main()
