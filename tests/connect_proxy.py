#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""An HTTP CONNECT proxy for testing kiosk-sync behind a proxy.

It answers "CONNECT host:port" by connecting there and passing bytes both ways until
either side closes, so TLS runs end to end between the client and the server. Each
CONNECT it is asked for is appended to the log file as one JSON line:

    {"line": "CONNECT 127.0.0.1:4433 HTTP/1.1", "status": 200, "via": 51234}

"via" is the local port of the proxy's own connection to the target, that is the
client port the server sees, so a test can tell which requests came through the
proxy. Any other method is answered 405; a target that cannot be reached, 502.

With --intercept CERT KEY it plays a TLS-intercepting proxy instead: it answers the
CONNECT with 200, does the TLS handshake itself with CERT, and if the client accepts
that certificate it relays the decrypted bytes to the target over a new TLS connection
of its own (which does not check the target's certificate). The log line says
"tls": "intercepted", or "tls": "refused: ..." when the client would not talk to it.

    python3 tests/connect_proxy.py --port-file FILE --log FILE [--port 0]
                                    [--lifetime 600] [--intercept CERT KEY]

Once listening it writes its port to the port file (atomically). SIGTERM or SIGINT
stop it (exit 0, port file removed), and so does --lifetime, so it never outlives a
test run. Open tunnels close with it. Standard library only.
"""

import argparse
import json
import os
import select
import signal
import socket
import socketserver
import ssl
import sys
import threading

HEAD_MAX = 8192  # bytes of a CONNECT request head we read
CONNECT_TIMEOUT = 10  # seconds to reach the target
IDLE_TIMEOUT = 120  # seconds a tunnel may carry nothing before it is closed


def log(msg):
    sys.stderr.write("connect_proxy %s\n" % msg)
    sys.stderr.flush()


class Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, log_path, intercept):
        super().__init__(address, Tunnel)
        self.log_path = log_path
        self.log_lock = threading.Lock()
        self.intercept = None
        if intercept:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(intercept[0], intercept[1])
            self.intercept = ctx

    def record(self, entry):
        with self.log_lock:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")
        log(json.dumps(entry))


class Tunnel(socketserver.BaseRequestHandler):
    def handle(self):
        client = self.request
        client.settimeout(CONNECT_TIMEOUT)
        head = read_head(client)
        if head is None:
            return
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        entry = {"line": line, "status": None, "via": None}
        parts = line.split()
        if len(parts) != 3 or parts[0] != "CONNECT" or ":" not in parts[1]:
            entry["status"] = 405
            self.server.record(entry)
            client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        host, _, port = parts[1].rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as e:
            entry["status"] = 502
            entry["error"] = str(e)
            self.server.record(entry)
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        entry["status"] = 200
        entry["via"] = upstream.getsockname()[1]
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        try:
            if self.server.intercept:
                try:
                    client = self.server.intercept.wrap_socket(client, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    entry["tls"] = "refused: %s" % e
                    self.server.record(entry)
                    return
                entry["tls"] = "intercepted"
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                upstream = ctx.wrap_socket(upstream, server_hostname=host)
            self.server.record(entry)
            relay(client, upstream)
        finally:
            upstream.close()


def read_head(sock):
    """The request head up to its blank line, read byte by byte so that nothing the
    client sends after it is taken; None if the client closed or sent too much."""
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        try:
            b = sock.recv(1)
        except OSError:
            return None
        if not b or len(head) >= HEAD_MAX:
            return None
        head += b
    return head


def relay(a, b):
    """Copy bytes both ways until either side closes or the tunnel idles out. Works for
    plain and TLS sockets: a TLS socket may hold decrypted bytes select cannot see, and
    a readable one may have no application data yet."""
    peer = {a: b, b: a}
    for s in peer:
        s.setblocking(False)
    while True:
        ready = [s for s in peer if isinstance(s, ssl.SSLSocket) and s.pending()]
        if not ready:
            ready = select.select(list(peer), [], [], IDLE_TIMEOUT)[0]
            if not ready:
                return
        for s in ready:
            try:
                data = s.recv(65536)
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
                continue
            except OSError:
                return
            if not data or not send_all(peer[s], data):
                return


def send_all(sock, data):
    view = memoryview(data)
    while view:
        try:
            view = view[sock.send(view) :]
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
            select.select([], [sock], [], IDLE_TIMEOUT)
        except OSError:
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: any free port)")
    ap.add_argument("--port-file", required=True, help="where to write the port once listening")
    ap.add_argument("--log", required=True, help="file to append one JSON line per CONNECT to")
    ap.add_argument("--lifetime", type=float, default=600, help="exit by itself after this many seconds")
    ap.add_argument("--intercept", nargs=2, metavar=("CERT", "KEY"), help="intercept TLS with this certificate")
    args = ap.parse_args()

    proxy = Proxy(("127.0.0.1", args.port), args.log, args.intercept)
    threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    tmp = "%s.tmp.%d" % (args.port_file, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % proxy.server_address[1])
    os.replace(tmp, args.port_file)
    log("listening on 127.0.0.1:%d%s" % (proxy.server_address[1], ", intercepting TLS" if args.intercept else ""))

    stopping.wait(args.lifetime)
    proxy.shutdown()
    proxy.server_close()
    try:
        os.unlink(args.port_file)
    except OSError:
        pass
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
