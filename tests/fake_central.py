#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""A fake "central service" for testing kiosk-sync (DESIGN.md section 3.4).

It speaks the real protocol over real HTTPS on 127.0.0.1 and can be told, through a
plain-HTTP control port, what to serve and how to misbehave (5xx, Retry-After, hangs,
resets, captive portals, lost acknowledgements, a wrong certificate...).

    sh tests/make_ca.sh DIR            # certificates and DIR/token
    python3 tests/fake_central.py --dir DIR [--port 0] [--control-port 0]
                                        [--lifetime 600] [--mtls]

Once both ports listen it writes DIR/control-port and then DIR/port (each atomically,
so a test waits for DIR/port and can then read both). SIGTERM or SIGINT stop it
cleanly (exit 0, port files removed); it also stops by itself after --lifetime
seconds so it never outlives a test run. One line per request goes to stderr.

API (HTTPS, every request needs "Authorization: Bearer <DIR/token>"), base /api/v1:
    GET  /kiosks/{id}/content      bundle + ETag, 304 on If-None-Match, 404 if none set
    GET  /assets/{name}            an asset set through the control port
    POST /kiosks/{id}/responses    {"responses": [...]} -> {"accepted": [...], "rejected": [...]}
    POST /kiosks/{id}/status       stores the status, answers {}

Control (plain HTTP on 127.0.0.1, no auth; answers are JSON):
    PUT /bundle  (body: bundle bytes)      DELETE /bundle
    PUT /asset/NAME  (body: bytes)         DELETE /asset/NAME
    GET /stored     ids of stored responses, in arrival order
    GET /responses  the stored responses themselves
    GET /status/ID  last status from kiosk ID (404 if none)
    GET /acked      ids the server acknowledged: listed as accepted in a receipt it
                    sent whole (recorded just before sending it)
    GET /requests   [{"method", "path", "status", "peer", "time", "fault"?, "waiting"?,
                    "gone"?, "sent"?}] of API requests so far; "peer" is the client's
                    address, "127.0.0.1:PORT"; "time" when the request arrived (Unix
                    seconds); "waiting" is true while a hang, hold or trickle keeps
                    the request open (a trickle: once its burst is sent), "gone" true
                    once the client went away during it; "sent" is how many bytes a
                    trickle sent ("head" of them the status line and headers)
    GET /requests/last  the last of them (null if none)
    POST /reset-requests
    PUT /fault {"kind": K, "count": 1, "path": P, "after": 0, "seconds": 120,
                "interval": 2, "burst": 0, "retry_after": 2}
    POST /faults [{fault}, ...]   queue faults after the current one
    GET /fault (the current one)   GET /faults (the queue)   DELETE /fault (all)
    PUT /wrong-cert {"on": true|false}
Fault kinds (see FAULT_KINDS): 500 503 503-date 429 hang reset html partial
trickle ack-lost hold 401. A fault applies to the next COUNT matching API requests
(-1: until DELETE /fault), taken before authentication, after letting the first AFTER
of them through untouched; "path" (responses, content, status, assets) narrows it to
one endpoint; partial, ack-lost and hold only ever match response uploads. "seconds"
bounds a hang or a hold; "interval" is a trickle's time between bytes, and "burst"
how many bytes of the body it sends at once with the head before it starts;
"retry_after" is the Retry-After of 503 and 429 in seconds (503-date sends the moment
that many seconds ahead as an HTTP date). A hold stores the batch, then keeps its
receipt back until DELETE /fault, "seconds" pass or the client goes away. PUT /fault
replaces the queue with one fault; when the current fault is used up the next one in
the queue takes over (a request it does not match waits for it).

Standard library only.
"""

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import math
import mimetypes
import os
import re
import select
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse

API_BASE = "/api/v1"
MAX_BATCH = 100  # responses per upload (DESIGN 3.4)
MAX_BODY = 64 * 1024 * 1024  # largest request body we read, compressed or not
GZIP_MIN = 1024  # answers larger than this are gzipped when the client accepts it
CONN_TIMEOUT = 30  # seconds an idle connection (or a stalled read) may take
HANG_SECONDS = 120  # default upper bound of the "hang" fault
TRICKLE_INTERVAL = 2.0  # seconds between bytes of the "trickle" fault
RETRY_AFTER = {"503": 2, "503-date": 2, "429": 1}  # default Retry-After, seconds

# Faults a test can inject. The value says which requests a fault can apply to:
# None = any API request, otherwise (method, endpoint category).
FAULT_KINDS = {
    "500": None,
    "503": None,
    "503-date": None,
    "429": None,
    "hang": None,
    "reset": None,
    "html": None,
    "partial": ("POST", "responses"),
    "trickle": None,
    "ack-lost": ("POST", "responses"),
    "hold": ("POST", "responses"),
    "401": None,
}
FAULT_PATHS = ("responses", "content", "status", "assets")

CAPTIVE_PORTAL_HTML = b"""<!DOCTYPE html>
<html><head><title>Welcome to CityNet Guest WiFi</title></head>
<body>
<h1>Welcome to CityNet Guest WiFi</h1>
<p>Please accept the terms of use to continue.</p>
<form method="post" action="/login">
<input type="checkbox" name="accept" id="accept"><label for="accept">I accept</label>
<button type="submit">Connect</button>
</form>
</body></html>
"""


def log(msg):
    """One line to stderr, with a time stamp."""
    t = time.time()
    stamp = time.strftime("%H:%M:%S", time.localtime(t)) + ".%03d" % (int(t * 1000) % 1000)
    sys.stderr.write("fake_central %s %s\n" % (stamp, msg))
    sys.stderr.flush()


def write_atomic(path, data):
    """Write a file so that a reader sees either nothing or all of it."""
    if isinstance(data, str):
        data = data.encode()
    tmp = "%s.tmp.%d.%d" % (path, os.getpid(), threading.get_ident())
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def etag_for(data):
    """The ETag of a bundle: the first 16 hex digits of its SHA-256, quoted."""
    return '"%s"' % hashlib.sha256(data).hexdigest()[:16]


def json_bytes(obj):
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode()


def safe_name(s):
    """A kiosk id made safe to use in a file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", s) or "_"


class Fault:
    """One injected fault and how many more requests it applies to (-1: until cleared)."""

    def __init__(self, kind, count=1, path=None, seconds=HANG_SECONDS, interval=TRICKLE_INTERVAL,
                 retry_after=None, after=0, burst=0):
        self.kind = kind
        self.count = count
        self.path = path
        self.seconds = seconds
        self.interval = interval
        self.retry_after = RETRY_AFTER.get(kind) if retry_after is None else retry_after
        self.after = after  # matching requests still to let through untouched
        self.burst = burst  # bytes of the body a trickle sends at once with the head

    def matches(self, method, category):
        if self.path is not None and self.path != category:
            return False
        only = FAULT_KINDS[self.kind]
        return only is None or only == (method, category)

    def to_json(self):
        return {"kind": self.kind, "count": self.count, "path": self.path, "after": self.after}


class State:
    """Everything the fake knows; shared by all threads, guarded by one lock."""

    def __init__(self, directory, mtls):
        self.dir = directory
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.bundle = None  # bytes
        self.bundle_etag = None
        self.assets = {}  # name -> bytes
        self.responses = {}  # id -> response object, first copy seen
        self.order = []  # stored ids in arrival order
        self.statuses = {}  # kiosk id -> last status object
        self.requests = []  # {"method", "path", "status", "peer"(, "fault")} of API requests
        self.acked = []  # ids in receipts sent whole, in order (with repeats)
        self.faults = []  # the current fault first, then the queued ones
        # Set when the fault is cleared (or the server stops): releases "hang"s.
        self.fault_cleared = threading.Event()
        self.wrong_cert = False
        self.good_ctx = self._context("server", mtls)
        wrong = os.path.join(directory, "wrong.pem")
        self.wrong_ctx = self._context("wrong", mtls) if os.path.exists(wrong) else None
        # Ids already in DIR/stored.jsonl (a restarted fake keeps its memory).
        path = os.path.join(directory, "stored.jsonl")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        r = json.loads(line)
                        self.responses[r["id"]] = r
                        self.order.append(r["id"])

    def _context(self, name, mtls):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(os.path.join(self.dir, name + ".pem"), os.path.join(self.dir, name + ".key"))
        if mtls:
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(os.path.join(self.dir, "ca.pem"))
        return ctx

    def tls_context(self):
        with self.lock:
            return self.wrong_ctx if self.wrong_cert else self.good_ctx

    def token(self):
        """Read on every request, so a test can change DIR/token while we run."""
        try:
            with open(os.path.join(self.dir, "token"), encoding="utf-8") as f:
                return f.read().strip()
        except OSError:
            return None

    # -- faults --

    def set_fault(self, fault):
        with self.lock:
            self._release_hangs()
            self.faults = [fault]

    def queue_faults(self, faults):
        with self.lock:
            self.faults.extend(faults)

    def clear_fault(self):
        with self.lock:
            self._release_hangs()
            self.faults = []

    def _release_hangs(self):
        self.fault_cleared.set()
        self.fault_cleared = threading.Event()

    def take_fault(self, method, category):
        """The fault to apply to this request, if any, counting it as used.

        Returns (fault, event that is set when the fault is cleared)."""
        with self.lock:
            f = self.faults[0] if self.faults else None
            if f is None or not f.matches(method, category):
                return None, None
            if f.after > 0:
                f.after -= 1
                return None, None
            if f.count > 0:
                f.count -= 1
                if f.count == 0:
                    self.faults.pop(0)  # used up; a hang still waits for DELETE /fault
            return f, self.fault_cleared

    # -- requests log --

    def record_request(self, method, path, peer):
        entry = {"method": method, "path": path, "status": None, "peer": "%s:%d" % peer[:2],
                 "time": round(time.time(), 3)}
        with self.lock:
            self.requests.append(entry)
        return entry

    # -- responses --

    def take_responses(self, kiosk, batch, commit, partial):
        """Store a batch and return the receipt.

        commit=False computes the receipt without storing anything; partial=True
        handles only the first half of the batch and leaves the rest out."""
        if partial:
            batch = batch[: len(batch) // 2]
        accepted, rejected, seen = [], [], set()
        new = []
        with self.lock:
            for r in batch:
                rid = r["id"]
                if rid in seen:
                    continue
                seen.add(rid)
                if rid in self.responses:
                    accepted.append(rid)  # already stored: ignored, still accepted
                elif r.get("survey_id") == "reject-me":
                    rejected.append({"id": rid, "reason": "unknown survey"})
                else:
                    accepted.append(rid)
                    if commit:
                        self.responses[rid] = r
                        self.order.append(rid)
                        new.append(r)
            if new:
                with open(os.path.join(self.dir, "stored.jsonl"), "a", encoding="utf-8") as f:
                    for r in new:
                        f.write(json.dumps(r, ensure_ascii=False) + "\n")
                    f.flush()
                    os.fsync(f.fileno())
        if new:
            log("stored %d new response(s) from %s" % (len(new), kiosk))
        return {"accepted": accepted, "rejected": rejected}

    def set_status(self, kiosk, status):
        with self.lock:
            self.statuses[kiosk] = status
            write_atomic(os.path.join(self.dir, "status-%s.json" % safe_name(kiosk)), json_bytes(status))


class BodyError(Exception):
    """A request body we cannot read; carries the HTTP status to answer with."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class Handler(http.server.BaseHTTPRequestHandler):
    """What both ports share: HTTP/1.1, body reading, answering, logging."""

    protocol_version = "HTTP/1.1"
    server_version = "FakeCentral/1.0"
    sys_version = ""
    timeout = CONN_TIMEOUT
    state = None  # set in main()
    port_name = "?"

    def log_request(self, code="-", size="-"):
        pass  # we log one line per request ourselves

    def log_error(self, fmt, *args):
        log("%s %s" % (self.port_name, fmt % args))

    def read_body(self):
        """The request body: Content-Length or chunked, gunzipped if gzip-encoded."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts, total = [], 0
            while True:
                line = self.rfile.readline(1024)
                if not line:
                    raise BodyError(400, "truncated chunked body")
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                total += size
                if total > MAX_BODY:
                    self.close_connection = True
                    raise BodyError(413, "request body too large")
                parts.append(self.rfile.read(size))
                self.rfile.readline(1024)
            data = b"".join(parts)
        else:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                self.close_connection = True
                raise BodyError(400, "bad Content-Length")
            if length > MAX_BODY:
                self.close_connection = True
                raise BodyError(413, "request body too large")
            data = self.rfile.read(length) if length > 0 else b""
            if len(data) < length:
                raise BodyError(400, "truncated body")
        encoding = self.headers.get("Content-Encoding", "").strip().lower()
        if encoding == "gzip":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as e:
                raise BodyError(400, "bad gzip body: %s" % e)
            if len(data) > MAX_BODY:
                raise BodyError(413, "request body too large")
        elif encoding not in ("", "identity"):
            raise BodyError(415, "unsupported Content-Encoding %s" % encoding)
        return data

    def accepts_gzip(self):
        for item in self.headers.get("Accept-Encoding", "").split(","):
            parts = [p.strip() for p in item.split(";")]
            if parts[0].lower() in ("gzip", "x-gzip"):
                return not any(p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in parts[1:])
        return False

    def build(self, status, headers, body):
        """The bytes of an answer: (head, body). Gzips the body when allowed."""
        headers = dict(headers)
        if status in (204, 304) or (100 <= status < 200):
            body = b""
        elif len(body) > GZIP_MIN and self.accepts_gzip():
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        lines = ["HTTP/1.1 %d %s" % (status, self.responses.get(status, ("",))[0])]
        lines.append("Server: " + self.server_version)
        lines.append("Date: " + email.utils.formatdate(usegmt=True))
        for k, v in headers.items():
            lines.append("%s: %s" % (k, v))
        if status not in (204, 304):
            lines.append("Content-Length: %d" % len(body))
        if self.close_connection:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), body

    def send(self, status, headers, body):
        head, body = self.build(status, headers, body)
        self.wfile.write(head + (b"" if self.command == "HEAD" else body))
        self.wfile.flush()

    def send_json(self, status, obj, headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        self.send(status, h, json_bytes(obj))

    def drop(self, rst):
        """Close the connection without another byte; rst=True aborts it with an RST."""
        self.close_connection = True
        try:
            self.wfile.flush()
        except OSError:
            pass
        sock = self.connection
        try:
            if rst:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()  # the socket closes for real once its files are closed
            sock.close()
        except OSError:
            pass


class ApiHandler(Handler):
    """The HTTPS port: the protocol of DESIGN 3.4, plus the injected faults."""

    port_name = "api"

    def handle(self):
        # The TLS handshake happens here, in the connection's own thread, so a slow or
        # failing client never holds up the accept loop.
        try:
            self.connection.do_handshake()
        except (ssl.SSLError, OSError) as e:
            log("api %s:%d TLS handshake failed: %s" % (self.client_address[0], self.client_address[1], e))
            self.close_after_alert()
            return
        super().handle()

    def close_after_alert(self):
        """Ends the connection with a FIN after the TLS alert and reads what the
        client still sends until it closes (half a second at most). Closing with
        its request unread would send a reset instead, which can overtake the
        alert, and the client would then see only a reset connection (TLS 1.3
        clients send their request before they learn of the refusal)."""
        try:
            raw = socket.socket(fileno=os.dup(self.connection.fileno()))
        except OSError:
            return
        with raw:
            raw.settimeout(0.5)
            try:
                raw.shutdown(socket.SHUT_WR)
                while raw.recv(65536):
                    pass
            except OSError:
                pass

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

    @staticmethod
    def route(path):
        """(endpoint category, kiosk id or asset name) of a request path."""
        path = urllib.parse.urlsplit(path).path
        if not path.startswith(API_BASE + "/"):
            return "other", None
        parts = path[len(API_BASE) + 1 :].split("/")
        if len(parts) == 3 and parts[0] == "kiosks" and parts[1] and parts[2] in ("content", "responses", "status"):
            return parts[2], urllib.parse.unquote(parts[1])
        if len(parts) >= 2 and parts[0] == "assets" and all(parts[1:]):
            return "assets", urllib.parse.unquote("/".join(parts[1:]))
        return "other", None

    def dispatch(self):
        st = self.state
        entry = st.record_request(self.command, self.path, self.client_address)
        category, name = self.route(self.path)
        fault, cleared = st.take_fault(self.command, category)
        if fault:
            entry["fault"] = fault.kind
        status, note = self.serve(fault, cleared, category, name, entry)
        entry["status"] = status
        self.log_line(entry, status, note)

    def serve(self, fault, cleared, category, name, entry):
        """Answer one API request, applying the fault if there is one.

        Returns (status line sent or None, note for the log)."""
        st = self.state
        kind = fault.kind if fault else None
        status = None
        try:
            if kind == "hang":
                # Read nothing more, answer nothing, until DELETE /fault (or PUT of
                # another fault), the server stops, or fault.seconds pass.
                self.log_line(entry, None, "hanging")
                gone = self.hold_open(entry, cleared, fault.seconds)
                self.drop(rst=False)
                return None, "client went away during the hang" if gone else "hang over, connection closed"
            try:
                body = self.read_body()
            except BodyError as e:
                status = e.status
                self.send_json(status, {"error": e.message})
                return status, e.message
            if kind in ("500", "503", "503-date", "429", "401", "html"):
                status = self.send_fault(fault)
                return status, None
            # A real answer: computed as usual, then maybe mangled on the way out.
            # "reset" computes it without storing anything (the server failed
            # before committing); "ack-lost" stores and then loses the answer.
            status, headers, out = self.answer(category, name, body, kind != "reset", kind == "partial")
            if kind == "hold" and status == 200:
                self.log_line(entry, None, "stored, holding the receipt")
                if self.hold_open(entry, cleared, fault.seconds):
                    self.drop(rst=False)
                    return None, "stored; the client went away while the receipt was held"
            if kind == "ack-lost":
                self.drop(rst=False)
                return None, "handled, then connection dropped without an answer (would have been %d)" % status
            if kind == "reset":
                self.close_connection = True
                head, out = self.build(status, headers, out)
                self.wfile.write(head + out[: len(out) // 2])
                time.sleep(0.1)  # let the bytes leave: an RST discards unsent data
                self.drop(rst=True)
                return status, "reset after %d of %d body bytes" % (len(out) // 2, len(out))
            if kind == "trickle":
                self.close_connection = True
                head, out = self.build(status, headers, out)
                data = head + out
                first = len(head) + min(fault.burst, len(out)) if fault.burst else 0
                self.log_line(entry, status, "trickling %d bytes, one per %gs after the first %d"
                              % (len(data), fault.interval, first))
                with st.lock:
                    entry.update(sent=0, head=len(head))
                try:
                    if first:
                        self.wfile.write(data[:first])
                    with st.lock:
                        entry.update(waiting=True, sent=first)
                    for i in range(first, len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        with st.lock:
                            entry["sent"] = i + 1
                        if st.stopping.wait(fault.interval):
                            break
                except OSError:
                    with st.lock:
                        entry["gone"] = True
                    raise
                finally:
                    with st.lock:
                        entry.pop("waiting", None)
                self.drop(rst=False)
                return status, "trickle done"
            if category == "responses" and status == 200:
                with st.lock:
                    st.acked.extend(json.loads(out)["accepted"])
            self.send(status, headers, out)
            return status, None
        except OSError as e:  # includes ssl.SSLError: the client went away
            self.close_connection = True
            return status, "connection error: %s" % e

    def log_line(self, entry, status, note):
        msg = "api %s %s -> %s" % (entry["method"], entry["path"], status if status is not None else "-")
        if entry.get("fault"):
            msg += " [fault %s]" % entry["fault"]
        if note:
            msg += " " + note
        log(msg)

    def hold_open(self, entry, cleared, seconds):
        """Keep the request open, answering nothing, until the fault is cleared, the
        server stops, SECONDS pass or the client goes away (it closed or reset the
        connection). Marks the entry "waiting" meanwhile; returns whether the client
        went away, and then marks the entry "gone"."""
        st = self.state
        with st.lock:
            entry["waiting"] = True
        poller = select.poll()
        # POLLRDHUP: the peer closed its side; POLLHUP and POLLERR (a reset) always count.
        poller.register(self.connection.fileno(), select.POLLRDHUP)
        deadline = time.monotonic() + seconds
        gone = False
        while not cleared.is_set() and not st.stopping.is_set() and time.monotonic() < deadline:
            if poller.poll(100):
                gone = True
                break
        with st.lock:
            entry.pop("waiting", None)
            if gone:
                entry["gone"] = True
        return gone

    def send_fault(self, fault):
        """Answer with a canned failure; returns its status."""
        kind = fault.kind
        ra = fault.retry_after
        if kind == "500":
            self.send(500, {"Content-Type": "text/plain"}, b"Internal Server Error (injected)\n")
            return 500
        if kind == "503":
            self.send_json(503, {"error": "service unavailable (injected)"}, {"Retry-After": "%g" % ra})
            return 503
        if kind == "503-date":
            # HTTP dates have whole seconds: round up so the wait is at least ra s.
            when = email.utils.formatdate(math.ceil(time.time() + ra), usegmt=True)
            self.send_json(503, {"error": "service unavailable (injected)"}, {"Retry-After": when})
            return 503
        if kind == "429":
            self.send_json(429, {"error": "too many requests (injected)"}, {"Retry-After": "%g" % ra})
            return 429
        if kind == "401":
            self.send_json(401, {"error": "unauthorized (injected)"}, {"WWW-Authenticate": "Bearer"})
            return 401
        if kind == "html":
            self.send(200, {"Content-Type": "text/html; charset=utf-8"}, CAPTIVE_PORTAL_HTML)
            return 200
        raise AssertionError(kind)

    def answer(self, category, name, body, commit, partial):
        """The normal answer to an API request: (status, headers, body bytes)."""
        st = self.state
        token = st.token()
        auth = self.headers.get("Authorization", "")
        if not token or auth != "Bearer " + token:
            why = "missing bearer token" if not auth else "bad bearer token"
            return 401, {"Content-Type": "application/json", "WWW-Authenticate": "Bearer"}, json_bytes({"error": why})
        method = "GET" if self.command == "HEAD" else self.command
        want = {"content": "GET", "assets": "GET", "responses": "POST", "status": "POST"}.get(category)
        if want is None:
            return 404, {"Content-Type": "application/json"}, json_bytes({"error": "no such endpoint"})
        if method != want:
            return 405, {"Content-Type": "application/json", "Allow": want}, json_bytes({"error": "method not allowed"})
        if category == "content":
            return self.answer_content()
        if category == "assets":
            with st.lock:
                data = st.assets.get(name)
            if data is None:
                return 404, {"Content-Type": "application/json"}, json_bytes({"error": "no such asset"})
            ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return 200, {"Content-Type": ctype, "ETag": etag_for(data)}, data
        try:
            doc = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return 400, {"Content-Type": "application/json"}, json_bytes({"error": "body is not JSON: %s" % e})
        if category == "status":
            if not isinstance(doc, dict):
                return 400, {"Content-Type": "application/json"}, json_bytes({"error": "status must be an object"})
            if commit:
                st.set_status(name, doc)
            return 200, {"Content-Type": "application/json"}, json_bytes({})
        # responses
        batch = doc.get("responses") if isinstance(doc, dict) else None
        if not isinstance(batch, list):
            return 400, {"Content-Type": "application/json"}, json_bytes({"error": 'expected {"responses": [...]}'})
        if len(batch) > MAX_BATCH:
            return 413, {"Content-Type": "application/json"}, json_bytes(
                {"error": "at most %d responses per request, got %d" % (MAX_BATCH, len(batch))}
            )
        for i, r in enumerate(batch):
            if not isinstance(r, dict) or not isinstance(r.get("id"), str) or not r["id"]:
                return 400, {"Content-Type": "application/json"}, json_bytes(
                    {"error": "responses[%d]: a response needs a string id" % i}
                )
        receipt = st.take_responses(name, batch, commit, partial)
        return 200, {"Content-Type": "application/json"}, json_bytes(receipt)

    def answer_content(self):
        st = self.state
        with st.lock:
            bundle, etag = st.bundle, st.bundle_etag
        if bundle is None:
            return 404, {"Content-Type": "application/json"}, json_bytes({"error": "no bundle published"})
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            if "*" in tags or etag in tags or "W/" + etag in tags:
                return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/json", "ETag": etag}, bundle


class ControlHandler(Handler):
    """The plain-HTTP control port tests drive with curl. No auth; 127.0.0.1 only."""

    port_name = "control"

    def do_GET(self):
        self.dispatch()

    do_PUT = do_POST = do_DELETE = do_GET

    def dispatch(self):
        try:
            body = self.read_body()
        except BodyError as e:
            self.send_json(e.status, {"error": e.message})
            return
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        status = 500
        try:
            status, obj = self.control(self.command, path, body)
        except ValueError as e:
            status, obj = 400, {"error": str(e)}
        log("control %s %s -> %d" % (self.command, self.path, status))
        self.send_json(status, obj)

    def control(self, method, path, body):
        """(status, JSON answer) of one control request."""
        st = self.state
        if path == "/bundle" and method == "PUT":
            with st.lock:
                st.bundle, st.bundle_etag = body, etag_for(body)
            return 200, {"etag": st.bundle_etag, "bytes": len(body)}
        if path == "/bundle" and method == "DELETE":
            with st.lock:
                st.bundle = st.bundle_etag = None
            return 200, {}
        if path.startswith("/asset/") and len(path) > len("/asset/"):
            name = path[len("/asset/") :]
            if method == "PUT":
                with st.lock:
                    st.assets[name] = body
                return 200, {"name": name, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            if method == "DELETE":
                with st.lock:
                    st.assets.pop(name, None)
                return 200, {}
        if path == "/stored" and method == "GET":
            with st.lock:
                return 200, list(st.order)
        if path == "/responses" and method == "GET":
            with st.lock:
                return 200, [st.responses[i] for i in st.order]
        if path.startswith("/status/") and method == "GET":
            with st.lock:
                s = st.statuses.get(path[len("/status/") :])
            return (200, s) if s is not None else (404, {"error": "no status from that kiosk"})
        if path == "/acked" and method == "GET":
            with st.lock:
                return 200, list(st.acked)
        if path == "/requests" and method == "GET":
            with st.lock:
                return 200, [dict(e) for e in st.requests]
        if path == "/requests/last" and method == "GET":
            with st.lock:
                return 200, dict(st.requests[-1]) if st.requests else None
        if path == "/reset-requests" and method == "POST":
            with st.lock:
                st.requests.clear()
            return 200, {}
        if path == "/fault" and method == "PUT":
            fault = self.parse_fault(body)
            st.set_fault(fault)
            return 200, fault.to_json()
        if path == "/fault" and method == "GET":
            with st.lock:
                return 200, st.faults[0].to_json() if st.faults else None
        if path == "/faults" and method == "POST":
            faults = self.parse_faults(body)
            st.queue_faults(faults)
            with st.lock:
                return 200, [f.to_json() for f in st.faults]
        if path == "/faults" and method == "GET":
            with st.lock:
                return 200, [f.to_json() for f in st.faults]
        if path == "/fault" and method == "DELETE":
            st.clear_fault()
            return 200, {}
        if path == "/wrong-cert" and method == "PUT":
            on = self.parse_json(body).get("on")
            if not isinstance(on, bool):
                raise ValueError('expected {"on": true|false}')
            if on and st.wrong_ctx is None:
                return 409, {"error": "no wrong.pem/wrong.key in the directory"}
            with st.lock:
                st.wrong_cert = on
            return 200, {"on": on}
        return 404, {"error": "no such control request: %s %s" % (method, path)}

    @staticmethod
    def parse_json(body):
        try:
            doc = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError) as e:
            raise ValueError("body is not JSON: %s" % e)
        if not isinstance(doc, dict):
            raise ValueError("body must be a JSON object")
        return doc

    def parse_faults(self, body):
        """The faults of a POST /faults: a JSON list of what PUT /fault takes."""
        try:
            docs = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ValueError("body is not JSON: %s" % e)
        if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
            raise ValueError("body must be a JSON list of faults")
        return [self.fault_from(d) for d in docs]

    def parse_fault(self, body):
        return self.fault_from(self.parse_json(body))

    @staticmethod
    def fault_from(doc):
        kind = doc.get("kind")
        if isinstance(kind, int):
            kind = str(kind)
        if kind not in FAULT_KINDS:
            raise ValueError("kind must be one of %s" % ", ".join(FAULT_KINDS))
        count = doc.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or (count < 1 and count != -1):
            raise ValueError("count must be a positive integer or -1")
        path = doc.get("path")
        if path is not None and path not in FAULT_PATHS:
            raise ValueError("path must be one of %s" % ", ".join(FAULT_PATHS))
        after = doc.get("after", 0)
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            raise ValueError("after must be a whole number, 0 or more")
        seconds = doc.get("seconds", HANG_SECONDS)
        interval = doc.get("interval", TRICKLE_INTERVAL)
        retry_after = doc.get("retry_after", RETRY_AFTER.get(kind, 1))
        for k, v in (("seconds", seconds), ("interval", interval)):
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0:
                raise ValueError("%s must be a positive number" % k)
        if not isinstance(retry_after, int) or isinstance(retry_after, bool) or retry_after < 0:
            raise ValueError("retry_after must be a whole number of seconds, 0 or more")
        burst = doc.get("burst", 0)
        if not isinstance(burst, int) or isinstance(burst, bool) or burst < 0:
            raise ValueError("burst must be a whole number of bytes, 0 or more")
        return Fault(kind, count, path, seconds, interval, retry_after, after, burst)


class Server(http.server.ThreadingHTTPServer):
    """A thread per connection; threads never keep the process alive or block close."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        log("%s connection from %s:%d: %s" % (self.name, client_address[0], client_address[1], sys.exc_info()[1]))


class ApiServer(Server):
    """HTTPS: each accepted socket is wrapped with whichever certificate is current."""

    name = "api"

    def __init__(self, address, handler, state):
        self.state = state
        super().__init__(address, handler)

    def get_request(self):
        sock, addr = self.socket.accept()
        try:
            return self.state.tls_context().wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr
        except (ssl.SSLError, OSError):
            sock.close()
            raise


class ControlServer(Server):
    name = "control"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", required=True, help="directory made by tests/make_ca.sh")
    ap.add_argument("--port", type=int, default=0, help="HTTPS port (0: any free port)")
    ap.add_argument("--control-port", type=int, default=0, help="control port (0: any free port)")
    ap.add_argument("--lifetime", type=float, default=600, help="exit by itself after this many seconds")
    ap.add_argument("--mtls", action="store_true", help="require a client certificate signed by DIR/ca.pem")
    args = ap.parse_args()

    directory = os.path.abspath(args.dir)
    state = State(directory, args.mtls)
    Handler.state = state

    api = ApiServer(("127.0.0.1", args.port), ApiHandler, state)
    control = ControlServer(("127.0.0.1", args.control_port), ControlHandler)
    for srv in (api, control):
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    def stop(signum, _frame):
        log("signal %d: stopping" % signum)
        state.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    port_file = os.path.join(directory, "port")
    control_file = os.path.join(directory, "control-port")
    # control-port first: whoever sees DIR/port can read both.
    write_atomic(control_file, "%d\n" % control.server_address[1])
    write_atomic(port_file, "%d\n" % api.server_address[1])
    log(
        "listening: https://127.0.0.1:%d%s (control http://127.0.0.1:%d), pid %d, lifetime %gs%s"
        % (api.server_address[1], API_BASE, control.server_address[1], os.getpid(), args.lifetime,
           ", mTLS" if args.mtls else "")
    )

    if not state.stopping.wait(args.lifetime):
        log("lifetime of %gs over: stopping" % args.lifetime)
    state.stopping.set()
    state.clear_fault()  # release any hung request
    for srv in (api, control):
        srv.shutdown()
        srv.server_close()
    for f in (port_file, control_file):
        try:
            os.unlink(f)
        except OSError:
            pass
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
