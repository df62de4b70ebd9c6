#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""A small stand-in for systemd's side of the sd_notify protocol, to test the
kiosk's and kiosk-sync's Type=notify and watchdog support without systemd.

    python3 tests/fake_systemd.py kiosk STALL_FILE -- COMMAND...
    python3 tests/fake_systemd.py sync -- COMMAND...

It listens on an AF_UNIX datagram socket, starts COMMAND with NOTIFY_SOCKET,
WATCHDOG_USEC and WATCHDOG_PID set, and does what systemd does with WatchdogSec=2:
a program that sends no WATCHDOG=1 for two seconds gets SIGABRT, and with
Restart=always it is started again.

kiosk: READY=1 after start-up, WATCHDOG=1 at least every second, then the loop
is stalled (STALL_FILE created), the watchdog kills it, it is restarted and
reports READY=1 again; SIGTERM then brings STOPPING=1 and exit status 0.
sync: READY=1, WATCHDOG=1 while it waits between failed rounds, a STATUS= line,
and STOPPING=1 and exit 0 on SIGTERM.

Prints "ok NAME" or "FAIL NAME" per check, as the shell tests do.
"""
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time

WATCHDOG_S = 2.0


def check(name, good, detail=""):
    print("%s %s%s" % ("ok" if good else "FAIL", name, "" if good or not detail else ": " + detail))
    sys.stdout.flush()


class Manager:
    """One service: its notify socket, its process, and what it said."""

    def __init__(self, command):
        self.command = command
        self.dir = tempfile.mkdtemp(prefix="fake-systemd-")
        self.path = os.path.join(self.dir, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.proc = None
        self.messages = []  # (time, "KEY=value") in the order they came

    def start(self):
        self.messages = []

        def child():
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            # The real pid, as systemd sets it: sd_watchdog_enabled checks it.
            os.environ["WATCHDOG_PID"] = str(os.getpid())

        env = dict(os.environ, NOTIFY_SOCKET=self.path, WATCHDOG_USEC=str(int(WATCHDOG_S * 1e6)))
        env.pop("WATCHDOG_PID", None)
        os.environ.clear()
        os.environ.update(env)
        self.proc = subprocess.Popen(self.command, preexec_fn=child)
        self.started = time.monotonic()

    def receive(self, seconds):
        """Collects messages for up to seconds; returns early if the process ends."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.sock.settimeout(max(0.01, min(0.2, end - time.monotonic())))
            try:
                data = self.sock.recv(4096).decode("utf-8", "replace")
            except socket.timeout:
                if self.proc.poll() is not None:
                    return
                continue
            now = time.monotonic()
            for line in data.split("\n"):
                if line:
                    self.messages.append((now, line))

    def wait_for(self, message, seconds):
        """True once message arrived, within seconds."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if any(m == message for _, m in self.messages):
                return True
            if self.proc.poll() is not None:
                self.receive(0.1)
                return any(m == message for _, m in self.messages)
            self.receive(min(0.5, end - time.monotonic()))
        return any(m == message for _, m in self.messages)

    def pets(self, since=0.0):
        return [t for t, m in self.messages if m == "WATCHDOG=1" and t >= since]

    def watchdog(self, seconds):
        """systemd's watchdog for up to seconds: SIGABRT once a whole interval
        passes without WATCHDOG=1. True if it fired."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.proc.poll() is None:
            self.receive(0.1)
            pets = self.pets()
            last = pets[-1] if pets else self.started
            if time.monotonic() - last > WATCHDOG_S:
                self.proc.send_signal(signal.SIGABRT)
                self.proc.wait(10)
                return True
        return False

    def stop(self):
        """SIGTERM, as systemctl stop does. Returns the exit status."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.receive(0.2)
        return rc

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.sock.close()
        os.unlink(self.path)
        os.rmdir(self.dir)


def gaps(times):
    return [b - a for a, b in zip(times, times[1:])]


def kiosk(stall_file, command):
    m = Manager(command)
    try:
        m.start()
        ready = m.wait_for("READY=1", 60)
        check("kiosk sends READY=1 once its first frame is on screen", ready)
        if not ready:
            return
        since = time.monotonic()
        fired = m.watchdog(4.5)
        pets = m.pets(since)
        check("a running kiosk tells the watchdog at half its interval",
              not fired and len(pets) >= 3 and max(gaps(pets) or [99]) < WATCHDOG_S,
              "%d pets in 4.5 s, gaps %s" % (len(pets), ["%.2f" % g for g in gaps(pets)]))
        check("kiosk sends its status", any(msg.startswith("STATUS=showing content") for _, msg in m.messages))

        open(stall_file, "w").close()
        stalled = time.monotonic()
        fired = m.watchdog(10)
        late = m.pets(stalled + 1.0)
        check("a stalled loop stops telling the watchdog and is killed", fired and not late,
              "watchdog %s, %d pets after the stall" % ("fired" if fired else "did not fire", len(late)))
        check("the watchdog's SIGABRT ends the stalled kiosk", m.proc.returncode == -signal.SIGABRT,
              "exit status %s" % m.proc.returncode)

        os.unlink(stall_file)  # Restart=always: a fresh start, no longer stalled
        m.start()
        check("the restarted kiosk is ready again", m.wait_for("READY=1", 60))
        check("and tells the watchdog again", len(m.pets()) >= 1 and not m.watchdog(3))
        rc = m.stop()
        check("SIGTERM: STOPPING=1 and exit status 0",
              rc == 0 and any(msg == "STOPPING=1" for _, msg in m.messages), "exit status %s" % rc)
    finally:
        if os.path.exists(stall_file):
            os.unlink(stall_file)
        m.close()


def sync(command):
    m = Manager(command)
    try:
        m.start()
        ready = m.wait_for("READY=1", 30)
        check("kiosk-sync sends READY=1", ready)
        if not ready:
            return
        since = time.monotonic()
        fired = m.watchdog(5)
        pets = m.pets(since)
        check("kiosk-sync tells the watchdog while it waits to retry",
              not fired and len(pets) >= 4 and max(gaps(pets) or [99]) < WATCHDOG_S,
              "%d pets in 5 s, gaps %s" % (len(pets), ["%.2f" % g for g in gaps(pets)]))
        check("kiosk-sync reports the failure in its status",
              any(msg.startswith("STATUS=") and "failed" in msg for _, msg in m.messages))
        rc = m.stop()
        check("kiosk-sync on SIGTERM: STOPPING=1 and exit status 0",
              rc == 0 and any(msg == "STOPPING=1" for _, msg in m.messages), "exit status %s" % rc)
    finally:
        m.close()


def main():
    args = sys.argv[1:]
    if "--" not in args or not args:
        sys.exit(__doc__)
    split = args.index("--")
    mode, rest, command = args[0], args[1:split], args[split + 1:]
    if mode == "kiosk" and len(rest) == 1:
        kiosk(rest[0], command)
    elif mode == "sync" and not rest:
        sync(command)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
