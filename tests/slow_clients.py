#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Slow clients for tests/central.sh: opens N TLS connections to a server, sends
each the head of a POST that announces a body, then one byte of the body per
connection per second, until SECONDS have passed. Prints how many connections
were open at the end.
usage: slow_clients.py HOST PORT CA_FILE N SECONDS"""
import socket
import ssl
import sys
import time


def main(host, port, ca, n, seconds):
    ctx = ssl.create_default_context(cafile=ca)
    conns = []
    for _ in range(n):
        try:
            s = ctx.wrap_socket(socket.create_connection((host, port), timeout=5),
                                server_hostname=host)
            s.sendall(b"POST /api/v1/kiosks/k1/responses HTTP/1.1\r\nHost: x\r\n"
                      b"Authorization: Bearer 00\r\nContent-Length: 100000\r\n\r\n")
            conns.append(s)
        except OSError:
            pass
    print("opened", len(conns), flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for s in list(conns):
            try:
                s.send(b"x")
            except OSError:
                conns.remove(s)
        time.sleep(1)
    print("open", len(conns), flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
