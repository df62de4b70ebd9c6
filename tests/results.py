#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The results kiosk-central puts into each group's bundle ("what you said"):
counted once a day from the answers received before that day, per group, and
never a count below min_n. Time is fixed for the server with KIOSK_NOW.
usage: results.py BUILD_DIR   (with kiosk-central, kiosk-sync and kiosk)"""
import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1])
ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", TZ="Europe/Stockholm")


def check(name, ok):
    print(("ok " if ok else "FAIL ") + name, flush=True)


class Central:
    def __init__(self, tmp):
        self.tmp = tmp
        subprocess.run(["sh", ROOT + "/tests/make_ca.sh", tmp + "/ca"], capture_output=True,
                       check=True)
        self.port = 20000 + (os.getpid() * 17) % 20000
        self.conf = tmp + "/central.conf"
        with open(self.conf, "w") as f:
            f.write("[central]\ndata_dir = %s/data\nkiosk_listen = 127.0.0.1:%d\nstaff_listen =\n"
                    "tls_cert = %s/ca/server.pem\ntls_key = %s/ca/server.key\n"
                    % (tmp, self.port, tmp, tmp))
        self.proc = None
        self.ctx = ssl.create_default_context(cafile=tmp + "/ca/ca.pem")

    def cli(self, *args):
        return subprocess.run([BUILD + "/kiosk-central", "--config", self.conf, *args],
                              capture_output=True, text=True, env=ENV).stdout.strip()

    def start(self, now):
        self.stop()
        self.log = open(self.tmp + "/server.log", "a")
        self.proc = subprocess.Popen([BUILD + "/kiosk-central", "--config", self.conf],
                                     stdout=self.log, stderr=self.log,
                                     env=dict(ENV, KIOSK_NOW=now))
        for _ in range(100):
            try:
                self.request("GET", "/api/v1/kiosks/x/content", "")
                return
            except OSError:
                time.sleep(0.1)

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def request(self, method, path, token, body=None, headers=None):
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=20)
        h = {"Authorization": "Bearer " + token, **(headers or {})}
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, r.getheader("ETag"), r.read()

    def content(self, kiosk, token):
        status, etag, body = self.request("GET", "/api/v1/kiosks/%s/content" % kiosk, token)
        return etag, json.loads(body) if status == 200 else {}

    def upload(self, kiosk, token, answers, start):
        docs = []
        for i, option in enumerate(answers):
            docs.append({
                "id": "00000000-0000-4000-8000-%012d" % (start + i), "survey_id": "trygghet-2026",
                "survey_version": 1, "content_version": "2026-11-20.1", "language": "sv",
                "submitted_hour": "2026-11-24T14:00Z", "clock_synced": True, "status": "complete",
                "duration_s": 30, "flags": [],
                "answers": [{"q": "safety-evening", "option": option},
                            {"q": "problems", "options": ["litter", "poor_lighting"]},
                            {"q": "change", "skipped": True}]})
        status, _, body = self.request("POST", "/api/v1/kiosks/%s/responses" % kiosk, token,
                                       json.dumps({"responses": docs}),
                                       {"Content-Type": "application/json"})
        return len(json.loads(body).get("accepted", [])) if status == 200 else -status


def question(bundle, q):
    for s in bundle.get("results", {}).get("surveys", []):
        for x in s["questions"]:
            if x["q"] == q:
                return x
    return None


def counts(bundle, q):
    x = question(bundle, q)
    return {o["id"]: o["n"] for o in x["options"]} if x else None


def main():
    tmp = tempfile.mkdtemp()
    print("plan 11", flush=True)
    c = Central(tmp)
    # The demo bundle, with the made-up results it carries for make run.
    for g in ("a", "b"):
        c.cli("publish", ROOT + "/config/content.json", "--group", g)
    ta = c.cli("add-kiosk", "ka", "--group", "a")
    tb = c.cli("add-kiosk", "kb", "--group", "b")
    c.start("2026-11-24T12:00:00")
    # Day 1: 9 answers in group a, 30 in group b.
    c.upload("ka", ta, ["fairly_safe"] * 9, 0)
    c.upload("kb", tb, ["very_safe"] * 30, 1000)
    etag1, bundle = c.content("ka", ta)
    check("a published bundle's own results never reach kiosks, and answers are not counted "
          "on the day they were given", "results" not in bundle and etag1)
    c.start("2026-11-25T08:00:00")
    etag2, bundle = c.content("ka", ta)
    check("the next day: 9 answers publish nothing", "results" not in bundle)
    _, bundle_b = c.content("kb", tb)
    check("while group b's 30 answers publish its question: %s" % counts(bundle_b, "safety-evening"),
          (counts(bundle_b, "safety-evening") or {}).get("very_safe") == 30)
    # Day 2: one more for a, and 3 "very_unsafe"; counted the day after.
    c.upload("ka", ta, ["fairly_safe"], 100)
    c.upload("ka", ta, ["very_unsafe"] * 3, 200)
    etag3, bundle = c.content("ka", ta)
    check("the same day's answers do not move the bars (same ETag)", etag3 == etag2)
    c.start("2026-11-26T08:00:00")
    etag4, bundle = c.content("ka", ta)
    got = counts(bundle, "safety-evening")
    check("10 answers publish the question: %s" % got,
          got is not None and got["fairly_safe"] == 10 and question(bundle, "safety-evening")["n"] == 13)
    check("an option with 3 answers is null", got and got["very_unsafe"] is None)
    check("group a's results hold nothing of group b's (very_safe %s)" % (got or {}).get("very_safe"),
          got and got["very_safe"] == 0)
    check("a question everyone skipped is left out", question(bundle, "change") is None)
    check("a new day's results make a new version and ETag (%s)" % bundle.get("version"),
          etag4 != etag2 and bundle.get("version", "").endswith("-r20261126")
          and bundle["results"]["as_of"] == "2026-11-26")
    # The bundle as served passes the kiosk's own parser, through the real kiosk-sync.
    os.makedirs(tmp + "/ka")
    with open(tmp + "/ka/token", "w") as f:
        f.write(ta + "\n")
    os.chmod(tmp + "/ka/token", 0o600)
    with open(tmp + "/ka/kiosk.conf", "w") as f:
        f.write("[kiosk]\nid = ka\ndata_dir = %s/ka/data\n[central]\nurl = https://127.0.0.1:%d"
                "/api/v1\ntoken_file = %s/ka/token\nca_file = %s/ca/ca.pem\n"
                % (tmp, c.port, tmp, tmp))
    r = subprocess.run([BUILD + "/kiosk-sync", "--config", tmp + "/ka/kiosk.conf", "--once"],
                       capture_output=True, text=True, env=ENV)
    current = tmp + "/ka/data/content/current/content.json"
    check("kiosk-sync takes the bundle with its results (the kiosk's parser accepts it)",
          r.returncode == 0 and os.path.exists(current) and "results" in json.load(open(current)))
    # A count from 1 to min_n - 1 is refused by the kiosk's parser.
    doc = json.load(open(current))
    doc["results"]["surveys"][0]["questions"][0]["options"][0]["n"] = 7
    with open(tmp + "/seven.json", "w") as f:
        json.dump(doc, f)
    r = subprocess.run([BUILD + "/kiosk", "--check-content", tmp + "/seven.json"],
                       capture_output=True, text=True, env=ENV)
    check("a bundle with a count of 7 is refused: " + r.stderr.strip().splitlines()[0],
          r.returncode != 0 and "below min_n" in r.stderr)
    c.stop()
    if not os.environ.get("KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    print("results done", flush=True)


main()
