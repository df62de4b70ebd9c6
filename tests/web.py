#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""The staff web UI in a real browser (Debian's chromium through chromedriver and
python3-selenium), against a real kiosk-central, kiosk-sync and kiosk: a
coordinator publishes a promise that reaches the kiosk; answers reach the
results and the CSV; roles, logged-out pages, throttled logins and an ended
session; hostile text in every field of a promise; axe-core on every page; the
keyboard alone. With WEB_SCREENSHOTS=DIR it leaves a picture of every page there.
usage: web.py BUILD_DIR AXE_JS"""
import csv
import glob
import http.client
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1])
AXE = open(sys.argv[2]).read()
SHOTS = os.environ.get("WEB_SCREENSHOTS")
PASSWORD = "correct horse battery staple"
EVIL = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']
# A Tuesday afternoon, in the survey's dates and the opening hours, for the kiosk.
KIOSK_ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", KIOSK_NOW="2026-11-24T14:05:00Z",
                 TZ="UTC")
PAGES = ["promises", "promise/0", "surveys", "survey/0", "settings", "publish", "kiosks",
         "results", "users", "account"]


def check(name, ok):
    print(("ok " if ok else "FAIL ") + name, flush=True)
    return ok


class World:
    """kiosk-central with its staff UI, a kiosk's data directory and kiosk.conf."""

    def __init__(self, tmp, idle_s=1800):
        self.tmp = tmp
        os.makedirs(tmp, exist_ok=True)
        subprocess.run(["sh", os.path.join(ROOT, "tests/make_ca.sh"), tmp + "/ca"],
                       capture_output=True, check=True)
        base = 20000 + (os.getpid() * 13 + idle_s) % 20000
        self.kport, self.sport = base, base + 1
        self.conf = tmp + "/central.conf"
        with open(self.conf, "w") as f:
            f.write("[central]\ndata_dir = %s/central\nkiosk_listen = 127.0.0.1:%d\n"
                    "staff_listen = 127.0.0.1:%d\ntls_cert = %s/ca/server.pem\n"
                    "tls_key = %s/ca/server.key\nkiosk_binary = %s/kiosk\nweb_dir = %s\n"
                    "staff_idle_s = %d\npreview_memory_mb = 0\npreview_timeout_s = 120\n"
                    % (tmp, self.kport, self.sport, tmp, tmp, BUILD, ROOT + "/central/web", idle_s))
        for user, role in (("coordinator", "editor"), ("viewer", "viewer"), ("admin", "admin")):
            self.cli("add-staff", user, "--role", role, stdin=PASSWORD + "\n")
        self.cli("publish", ROOT + "/config/content.json", "--group", "bibliotek")
        token = self.cli("add-kiosk", "k1", "--group", "bibliotek").stdout.strip()
        os.makedirs(tmp + "/k1")
        with open(tmp + "/k1/token", "w") as f:
            f.write(token + "\n")
        os.chmod(tmp + "/k1/token", 0o600)
        with open(tmp + "/k1/kiosk.conf", "w") as f:
            f.write("[kiosk]\nid = k1\ndata_dir = %s/k1/data\n[central]\nurl = https://127.0.0.1:%d"
                    "/api/v1\ntoken_file = %s/k1/token\nca_file = %s/ca/ca.pem\n"
                    % (tmp, self.kport, tmp, tmp))
        self.log = open(tmp + "/server.log", "w")
        self.server = subprocess.Popen([BUILD + "/kiosk-central", "--config", self.conf],
                                       stdout=self.log, stderr=self.log)
        self.base = "http://127.0.0.1:%d" % self.sport
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", self.sport, timeout=2).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)

    def cli(self, *args, stdin=None):
        return subprocess.run([BUILD + "/kiosk-central", "--config", self.conf, *args],
                              input=stdin, capture_output=True, text=True)

    def sync(self):
        return subprocess.run([BUILD + "/kiosk-sync", "--config", self.tmp + "/k1/kiosk.conf",
                               "--once"], capture_output=True, text=True)

    def stop(self):
        self.server.terminate()
        return self.server.wait(10)

    def restart(self, now):
        """Again, with its clock at now (KIOSK_NOW): results are counted per day."""
        self.stop()
        self.server = subprocess.Popen([BUILD + "/kiosk-central", "--config", self.conf],
                                       stdout=self.log, stderr=self.log,
                                       env=dict(os.environ, KIOSK_NOW=now))
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", self.sport, timeout=2).request("GET", "/")
                return
            except OSError:
                time.sleep(0.1)


def browser(lang="sv-SE"):
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--window-size=1280,1000", "--lang=" + lang,
              "--disable-dev-shm-usage"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    return webdriver.Chrome(options=o)


def wait(d, cond, secs=15):
    try:
        return WebDriverWait(d, secs).until(cond)
    except TimeoutException:
        return None


def login(d, w, user, password=PASSWORD):
    d.get(w.base + "/#/login")
    wait(d, EC.presence_of_element_located((By.ID, "user")))
    d.find_element(By.ID, "user").clear()
    d.find_element(By.ID, "user").send_keys(user)
    d.find_element(By.ID, "password").send_keys(password + Keys.ENTER)


def logged_in(d):
    return wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "nav a[href='#/promises']")))


def go(d, w, page):
    d.get(w.base + "/#/" + page)
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    time.sleep(0.3)


def axe(d):
    """axe-core's violations on the page, WCAG 2.1 A and AA."""
    d.execute_script(AXE)
    res = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.length)))"
        ".catch(e => done(['axe failed: ' + e]));")
    return res


def console_errors(d):
    """Script errors in the console (not failed requests, which the tests provoke)."""
    return [e["message"] for e in d.get_log("browser")
            if e["level"] == "SEVERE" and "Failed to load resource" not in e["message"]]


def no_alert(d):
    try:
        d.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


def shot(d, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def test_logged_out(d, w):
    d.get(w.base + "/")
    shot(d, "login")
    ok = True
    for page in PAGES:
        d.get(w.base + "/#/" + page)
        ok &= bool(wait(d, EC.presence_of_element_located((By.ID, "user")), 5))
    check("logged out, every page leads to the login", ok)
    conn = http.client.HTTPConnection("127.0.0.1", w.sport, timeout=5)
    conn.request("GET", "/")
    r = conn.getresponse()
    csp = r.getheader("Content-Security-Policy", "")
    check("the page's Content-Security-Policy allows no inline script or style and no framing",
          "script-src 'self'" in csp and "unsafe-inline" not in csp
          and "frame-ancestors 'none'" in csp and r.getheader("X-Content-Type-Options") == "nosniff"
          and r.getheader("Referrer-Policy") == "no-referrer")
    check("the login page: axe-core finds nothing %s" % axe(d), not axe(d))
    # The keyboard alone: tab to the fields, type, Enter.
    d.get(w.base + "/#/login")
    wait(d, EC.presence_of_element_located((By.ID, "user")))
    active = d.switch_to.active_element
    active.send_keys("coordinator" + Keys.TAB)
    d.switch_to.active_element.send_keys(PASSWORD + Keys.ENTER)
    check("logging in with the keyboard alone", logged_in(d))
    d.find_element(By.CSS_SELECTOR, "header button.link").send_keys(Keys.ENTER)
    wait(d, EC.presence_of_element_located((By.ID, "user")), 5)


def new_promise(d, w):
    """A coordinator writes a new promise in sv and en, with a title too long."""
    login(d, w, "coordinator")
    logged_in(d)
    go(d, w, "promises")
    d.find_element(By.XPATH, "//button[text()='Nytt löfte']").click()
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-path$='.title.sv']")))
    fill = lambda sel, text: (d.find_element(By.CSS_SELECTOR, sel).clear(),
                              d.find_element(By.CSS_SELECTOR, sel).send_keys(text))
    fill("[data-path$='].id']", "cykelstold-stationen")
    fill("[data-path$='.title.sv']", "Färre cykelstölder vid stationen " + "x" * 70)
    fill("[data-path$='.title.en']", "Fewer bicycle thefts at the station")
    fill("[data-path$='.body.sv']", "Polisen och kommunen märker cyklar varje onsdag.")
    fill("[data-path$='.body.en']", "The police and the municipality mark bicycles every Wednesday.")
    fill("[data-path$='.area.sv']", "Stationen")
    title = d.find_element(By.CSS_SELECTOR, "[data-path$='.title.sv']")
    box = d.find_element(By.ID, title.get_attribute("id") + "-err")
    wait(d, lambda d: title.get_attribute("aria-invalid") == "true" and "too long" in box.text)
    err = box.text
    check("a too-long title gets the kiosk's error at its field: " + err,
          "too long" in err and title.get_attribute("aria-invalid") == "true")
    shot(d, "promise")
    fill("[data-path$='.title.sv']", "Färre cykelstölder vid stationen")
    cleared = wait(d, lambda d: title.get_attribute("aria-invalid") is None)
    missing = d.find_elements(By.XPATH, "//label[contains(., '(en)')]/span[@class='missing']")
    check("fixed, the error goes; an empty English area is marked as missing",
          cleared and any("Område (en)" in m.find_element(By.XPATH, "..").text for m in missing))
    # Because: the answers that led to the promise.
    Select(d.find_element(By.ID, "because-survey")).select_by_value("trygghet-2026")
    wait(d, EC.presence_of_element_located((By.ID, "because-q")))
    Select(d.find_element(By.ID, "because-q")).select_by_value("safety-evening")
    box = wait(d, EC.presence_of_element_located(
        (By.XPATH, "//label[contains(., 'Ganska otrygg')]/input")))
    box.click()
    d.find_element(By.XPATH, "//button[text()='Spara utkast']").click()
    return wait(d, EC.invisibility_of_element_located((By.ID, "unsaved")))


def preview_and_publish(d, w):
    go(d, w, "publish")
    changes = d.find_element(By.XPATH, "//h2[@id='ch-h']/following-sibling::ul").text
    check("the publish page says what changed: " + changes.replace("\n", "; "),
          "Nytt löfte: Färre cykelstölder vid stationen" in changes)
    d.find_element(By.XPATH, "//button[text()='Visa kioskens skärmar']").click()
    img = wait(d, EC.presence_of_element_located(
        (By.CSS_SELECTOR, "img[src$='promise-cykelstold-stationen.png']")), 120)
    loaded = img and wait(d, lambda d: d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", img))
    check("the preview shows the kiosk's screen of the new promise (%s px wide)" % loaded,
          loaded == 800)
    shot(d, "publish")
    d.find_element(By.ID, "publish").click()
    ok = wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "p.ok")), 30)
    check("published to the group", ok and "bibliotek" in ok.text)
    return img.get_attribute("src") if img else ""


def kiosk_shows(d, w, preview_src):
    r = w.sync()
    current = w.tmp + "/k1/data/content/current/content.json"
    doc = json.load(open(current)) if os.path.exists(current) else {}
    check("the real kiosk-sync takes the published bundle",
          r.returncode == 0 and any(p["id"] == "cykelstold-stationen" for p in doc.get("promises", [])))
    mine = [p for p in doc.get("promises", []) if p["id"] == "cykelstold-stationen"]
    check("with the because picked in the UI: %s" % (mine[0].get("because") if mine else None),
          mine and mine[0].get("because") == {"survey": "trygghet-2026", "q": "safety-evening",
                                              "options": ["fairly_unsafe"]})
    # The kiosk draws the synced bundle; its promise screen is the one previewed.
    shots = w.tmp + "/kshots"
    subprocess.run([BUILD + "/kiosk", "--screenshot", shots, "--content", current, "--size",
                    "800x480", "--lang", "sv"], capture_output=True, env=KIOSK_ENV)
    cookie = {c["name"]: c["value"] for c in d.get_cookies()}.get("kc_session", "")
    conn = http.client.HTTPConnection("127.0.0.1", w.sport, timeout=10)
    conn.request("GET", preview_src.replace(w.base, ""), headers={"Cookie": "kc_session=" + cookie})
    with open(w.tmp + "/preview.png", "wb") as f:
        f.write(conn.getresponse().read())
    kshot = shots + "/promise-cykelstold-stationen.png"
    same = os.path.exists(kshot) and subprocess.run(
        ["compare", "-metric", "AE", kshot, w.tmp + "/preview.png", "null:"],
        capture_output=True, text=True).stderr.strip()
    check("the kiosk draws the synced promise exactly as the preview showed it (%s pixels differ)"
          % same, same == "0")
    # And the kiosk itself, in a window under Xvfb, takes it.
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "800x480x24", "-nolisten",
                             "tcp"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    display = ":" + xvfb.stdout.readline().decode().strip()
    log = open(w.tmp + "/kiosk.log", "w")
    kiosk = subprocess.Popen([BUILD + "/kiosk", "--config", w.tmp + "/k1/kiosk.conf"],
                             stdout=log, stderr=log,
                             env=dict(KIOSK_ENV, DISPLAY=display))
    version = doc.get("version", "?")
    seen = False
    for _ in range(100):
        time.sleep(0.2)
        if "content " + version in open(w.tmp + "/kiosk.log").read():
            seen = True
            break
    subprocess.run(["import", "-display", display, "-window", "root", w.tmp + "/window.png"],
                   capture_output=True)
    # The cards rotate; the title bar above them is the bundle's own.
    for name, src in (("top-a", shots + "/attract.png"), ("top-w", w.tmp + "/window.png")):
        subprocess.run(["convert", src, "-crop", "800x36+0+0", w.tmp + "/" + name + ".png"])
    diff = subprocess.run(["compare", "-metric", "AE", "-fuzz", "2%", w.tmp + "/top-a.png",
                           w.tmp + "/top-w.png", "null:"], capture_output=True, text=True).stderr.strip()
    kiosk.terminate()
    kiosk.wait(10)
    xvfb.terminate()
    check("the kiosk in a window runs the new content (%s; its title bar %s pixels off)"
          % (version, diff), seen and diff.isdigit() and int(diff) < 200)


def answers_reach_results(d, w):
    db = w.tmp + "/k1/data/kiosk.db"
    ids = []
    for i, opt in enumerate(["very_unsafe", "fairly_safe", "fairly_safe"]):
        rid = "1b4e28ba-2fa1-41d2-883f-0016d3cca4%02d" % i
        ids.append(rid)
        doc = {"id": rid, "survey_id": "trygghet-2026", "survey_version": 1,
               "content_version": "2026-11-20.1", "language": "sv",
               "submitted_hour": "2026-11-24T14:00Z", "clock_synced": True, "status": "complete",
               "duration_s": 40, "answers": [{"q": "safety-evening", "option": opt}], "flags": []}
        subprocess.run(["sqlite3", db, "INSERT INTO responses(id, created_at, document) VALUES"
                        "('%s', strftime('%%s','now'), '%s')" % (rid, json.dumps(doc))], check=True)
    w.sync()
    go(d, w, "results?survey=trygghet-2026")
    table = wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "main section table")))
    text = table.text if table else ""
    check("the results page counts the new answers: " + text.replace("\n", "; "),
          "Ganska trygg 2" in text and "Mycket otrygg 1" in text)
    check("with a chart drawn by Debian's Chart.js", d.execute_script(
        "return !!window.Chart && !!Chart.getChart(document.querySelector('main canvas'))"))
    shot(d, "results")
    href = d.find_element(By.CSS_SELECTOR, "a[download]").get_attribute("href")
    cookie = {c["name"]: c["value"] for c in d.get_cookies()}["kc_session"]
    conn = http.client.HTTPConnection("127.0.0.1", w.sport, timeout=10)
    conn.request("GET", href.replace(w.base, ""), headers={"Cookie": "kc_session=" + cookie})
    body = conn.getresponse().read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    check("the CSV has the rows, UTF-8 with a byte order mark for Excel, a column per question",
          body.startswith(b"\xef\xbb\xbf") and "safety-evening" in rows[0]
          and sum(1 for r in rows if r and r[0] in ids) == 3)


def because_on_kiosk(d, w):
    """The because picked in the UI, shown by the kiosk once the answers behind it
    are in the next day's results."""
    db = w.tmp + "/k1/data/kiosk.db"
    for i in range(10):
        rid = "2b4e28ba-2fa1-41d2-883f-0016d3cca4%02d" % i
        doc = {"id": rid, "survey_id": "trygghet-2026", "survey_version": 1,
               "content_version": "2026-11-20.1", "language": "sv",
               "submitted_hour": "2026-11-24T14:00Z", "clock_synced": True, "status": "complete",
               "duration_s": 40, "answers": [{"q": "safety-evening", "option": "fairly_unsafe"}],
               "flags": []}
        subprocess.run(["sqlite3", db, "INSERT INTO responses(id, created_at, document) VALUES"
                        "('%s', strftime('%%s','now'), '%s')" % (rid, json.dumps(doc))], check=True)
    w.sync()
    tomorrow = time.strftime("%Y-%m-%dT08:00:00", time.localtime(time.time() + 86400))
    w.restart(tomorrow)
    w.sync()
    current = w.tmp + "/k1/data/content/current/content.json"
    subprocess.run([BUILD + "/kiosk", "--screenshot", w.tmp + "/kshots2", "--content", current,
                    "--size", "800x480", "--lang", "sv"], capture_output=True, env=KIOSK_ENV)
    name = "/promise-cykelstold-stationen.png"
    diff = subprocess.run(["compare", "-metric", "AE", w.tmp + "/kshots" + name,
                           w.tmp + "/kshots2" + name, "null:"], capture_output=True,
                          text=True).stderr.split(" ")[0]
    check("the next day the kiosk's promise screen shows what was said (%s pixels changed)" % diff,
          diff.isdigit() and int(diff) > 1000)
    go(d, w, "promise/6")
    sentence = wait(d, lambda d: (lambda t: t if "%" in t else None)(
        d.find_element(By.CSS_SELECTOR, "fieldset p.note").text), 10)
    check("and the editor sees the sentence the kiosk shows: %s" % sentence,
          sentence and "77 % av 13 som svarat här valde: Ganska otrygg" in sentence)


def escaping(d, w):
    """Hostile text in every text field of a promise shows as text, runs nothing."""
    go(d, w, "promise/0")
    fields = d.find_elements(By.CSS_SELECTOR, "main input[type=text], main textarea")
    for i, f in enumerate(fields):
        if f.get_attribute("data-path").endswith(".id"):
            continue
        f.clear()
        f.send_keys(EVIL[i % 2])
    d.find_element(By.XPATH, "//button[text()='Spara utkast']").click()
    wait(d, EC.invisibility_of_element_located((By.ID, "unsaved")))
    go(d, w, "promises")
    go(d, w, "promise/0")
    shown = d.find_element(By.CSS_SELECTOR, "main h1").text
    values = [f.get_attribute("value") for f in d.find_elements(By.CSS_SELECTOR, "main input[type=text]")
              if not f.get_attribute("data-path").endswith(".id")]
    go(d, w, "publish")
    d.find_element(By.XPATH, "//button[text()='Visa kioskens skärmar']").click()
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, ".previews img")), 120)
    check("a script and an onerror typed into %d fields show as text (title: %s)"
          % (len(fields), shown), shown in EVIL and set(values) <= set(EVIL))
    check("no script ran: no dialog, no injected element, no console error %s"
          % console_errors(d), no_alert(d) and not d.find_elements(By.CSS_SELECTOR, "img[src=x]")
          and not console_errors(d))


def accessibility(d, w):
    bad = {}
    for page in PAGES:
        go(d, w, page)
        v = axe(d)
        if v:
            bad[page] = v
        shot(d, page.replace("/", "-"))
    check("axe-core: no WCAG 2.1 AA violation on any page %s" % bad, not bad)
    go(d, w, "promises")
    d.refresh()  # a fresh load: nothing has focus yet
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    ActionChains(d).send_keys(Keys.TAB).perform()
    first = d.switch_to.active_element
    outline = d.execute_script("return getComputedStyle(arguments[0]).outlineStyle", first)
    check("the first Tab reaches the skip link, with a visible focus ring",
          first.get_attribute("class") == "skip" and outline != "none")


def roles(w):
    d = browser()
    try:
        login(d, w, "viewer")
        logged_in(d)
        go(d, w, "publish")
        check("a viewer sees no publish button", not d.find_elements(By.ID, "publish"))
        status = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/api/session').then(r => r.json()).then(s => fetch('/api/groups/bibliotek/publish',"
            " {method: 'POST', headers: {'X-CSRF-Token': s.csrf}, body: '{}'})).then(r => done(r.status));")
        check("and the API refuses a viewer's publish with 403", status == 403)
        check("a viewer's fields are read-only", all(not f.is_enabled() for f in (
            go(d, w, "promise/0") or d.find_elements(By.CSS_SELECTOR, "main input[type=text]"))))
    finally:
        d.quit()
    d = browser()
    try:
        msg = ""
        for i in range(6):
            login(d, w, "viewer", "not the password %d" % i)
            wait(d, lambda d: d.find_element(By.ID, "login-msg").text, 5)
            msg = msg or d.find_element(By.ID, "login-msg").text
        login(d, w, "viewer")
        time.sleep(1)
        msg2 = d.find_element(By.ID, "login-msg").text
        check("wrong passwords slow the login down: " + msg2,
              "Fel användarnamn" in msg and "För många" in msg2)
    finally:
        d.quit()


def expiry(tmp):
    """A server whose sessions end after 3 s unused."""
    w = World(tmp, idle_s=3)
    d = browser()
    try:
        login(d, w, "coordinator")
        logged_in(d)
        time.sleep(4)
        d.find_element(By.CSS_SELECTOR, "nav a[href='#/kiosks']").click()
        msg = wait(d, lambda d: d.find_element(By.ID, "login-msg").text, 10)
        check("after staff_idle_s unused the session ends and the login says why: " + str(msg),
              msg and "inaktiv" in msg)
    finally:
        d.quit()
        w.stop()


def main():
    tmp = tempfile.mkdtemp()
    print("plan 29", flush=True)
    w = World(tmp)
    d = browser()
    try:
        test_logged_out(d, w)
        check("a coordinator's new promise is saved", new_promise(d, w))
        src = preview_and_publish(d, w)
        kiosk_shows(d, w, src)
        answers_reach_results(d, w)
        because_on_kiosk(d, w)
        login(d, w, "admin")
        logged_in(d)
        accessibility(d, w)
        escaping(d, w)
        roles(w)
        expiry(tmp + "/idle")
    finally:
        d.quit()
        rc = w.stop()
    log = open(tmp + "/server.log").read()
    check("kiosk-central stopped cleanly with no sanitizer report",
          rc == 0 and "Sanitizer" not in log and "runtime error" not in log)
    if not os.environ.get("KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    print("web done", flush=True)


main()
