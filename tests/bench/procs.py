#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""One round of the process benchmarks, for tests/bench/bench.sh.

Starts programs in the X display of $DISPLAY and measures each from outside:

- start-up: from just before exec to the moment the program's stderr shows the
  line that it logs once its first frame is presented;
- PSS: the "Pss:" line of /proc/PID/smaps_rollup, the process's proportional share
  of every page it maps, sampled every 20 ms for the peak, and read once at the end
  for the steady value;
- idle CPU: utime + stime of /proc/PID/stat (all threads) over the idle window,
  as a percentage of one core;
- wake-ups: how often the process's threads return from a call that sleeps
  (poll, select, epoll_wait, nanosleep, futex and their kin), counted by
  `strace -f -c` attached over the idle window, per minute, next to a `sleep`
  process as the floor.

Prints one "name value" line per figure.
usage: procs.py round KIOSK REFERENCE WORKDIR IDLE_S
       procs.py screenshot KIOSK WORKDIR
       procs.py wakeups KIOSK KIOSK_SYNC WORKDIR IDLE_S
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

HZ = os.sysconf("SC_CLK_TCK")
W, H = 1920, 1080


class Proc:
    """A started program, its stderr drained in a thread."""

    def __init__(self, name, cmd, match, env=None, timeout=30.0):
        self.name = name
        self.lines = []
        self.peak_kib = 0
        self.sampling = True
        seen = threading.Event()
        pattern = re.compile(match)
        t0 = time.monotonic()
        self.p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=env)

        def drain():
            for raw in self.p.stderr:
                line = raw.decode(errors="replace").rstrip("\n")
                if not seen.is_set() and pattern.search(line):
                    self.startup_s = time.monotonic() - t0
                    seen.set()
                self.lines.append(line)

        def sample():
            while self.sampling and self.p.poll() is None:
                self.peak_kib = max(self.peak_kib, self.pss_kib())
                time.sleep(0.02)

        threading.Thread(target=drain, daemon=True).start()
        threading.Thread(target=sample, daemon=True).start()
        if not seen.wait(timeout):
            self.stop()
            sys.exit("%s: no first frame after %.0f s; its log:\n%s"
                     % (name, timeout, "\n".join(self.lines[-20:])))

    def pss_kib(self):
        try:
            with open("/proc/%d/smaps_rollup" % self.p.pid) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def cpu_s(self):
        with open("/proc/%d/stat" % self.p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ  # utime, stime

    def stop(self):
        self.sampling = False
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


def click(x, y, wait=0.6):
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)
    time.sleep(wait)


def full_pass(shots=None):
    """Every screen of the demo content at 1920x1080, by mouse: the promise, links
    and survey screens in each language, one whole survey in Swedish, a slide.
    Coordinates are those of the demo layout; it ends on the Swedish attract
    screen."""
    back, back_rtl = (154, 76), (W - 154, 76)
    steps = [
        ("next card", (1850, 540)),
        ("promise", (900, 560)), ("back", back),
        ("links", (1690, 1008)), ("back", back),
        ("survey", (1740, 84)), ("start", (960, 754)),
        ("q1", (491, 469)), ("q2", (492, 432)), ("q2 next", (1416, 988)),
        ("q3", (960, 444)), ("q4", (492, 384)), ("thanks home", (960, 994)),
        ("english", (408, 1008)),
        ("promise", (900, 560)), ("back", back),
        ("links", (1800, 1008)), ("back", back),
        ("survey", (1820, 84)), ("back", back),
        ("arabic", (634, 1008)),
        ("promise", (W - 900, 560)), ("back", back_rtl),
        ("links", (120, 1008)), ("back", back_rtl),
        ("survey", (100, 84)), ("back", back_rtl),
        ("swedish", (W - 156, 1008)),
    ]
    for i, (name, (x, y)) in enumerate(steps):
        # The survey button rests for cooldown_s after an answer.
        click(x, y, 5.5 if name == "thanks home" else 0.6)
        if shots:
            subprocess.run(["import", "-window", "root", "%s/%02d-%s.png"
                            % (shots, i, name.replace(" ", "-"))], check=True)


def kiosk_env(workdir, now):
    env = dict(os.environ, KIOSK_NOW=now, TZ="Europe/Stockholm")
    conf = os.path.join(workdir, "kiosk-%s.conf" % now[:10])
    with open(conf, "w") as f:
        f.write("[kiosk]\ndata_dir = %s/data-%s\n[display]\nrenderer = %s\n"
                "fullscreen = false\nsize = %dx%d\n"
                % (workdir, now[:10], os.environ.get("BENCH_RENDERER", "software"), W, H))
    return env, conf


def one_round(kiosk, reference, workdir, idle_s):
    # Open on a Tuesday afternoon (the survey is active); closed on a Sunday.
    env, conf = kiosk_env(workdir, "2026-11-24T14:05:00Z")
    k = Proc("kiosk", [kiosk, "--config", conf], r"^kiosk .*renderer", env)
    print("kiosk_startup_s %.4f" % k.startup_s)
    full_pass(os.environ.get("BENCH_SHOTS"))
    k.sampling = False
    print("kiosk_pss_peak_mib %.2f" % (k.peak_kib / 1024))
    r = Proc("reference", [reference, "%dx%d" % (W, H)], r"^reference: first frame")
    print("ref_startup_s %.4f" % r.startup_s)
    procs = [k, r]
    # bench.sh says whether this kiosk has a closed screen.
    if os.environ.get("BENCH_CLOSED") == "1":
        cenv, cconf = kiosk_env(workdir, "2026-11-22T12:00:00Z")
        c = Proc("closed", [kiosk, "--config", cconf], r"^kiosk .*renderer", cenv)
        procs.append(c)
    # Idle: all of them side by side, after their first frames have settled.
    time.sleep(2)
    before = [p.cpu_s() for p in procs]
    t0 = time.monotonic()
    time.sleep(idle_s)
    elapsed = time.monotonic() - t0
    after = [p.cpu_s() for p in procs]
    pct = [100 * (a - b) / elapsed for a, b in zip(after, before)]
    print("kiosk_cpu_pct %.4f" % pct[0])
    print("ref_cpu_pct %.4f" % pct[1])
    if len(procs) > 2:
        print("closed_cpu_pct %.4f" % pct[2])
    print("kiosk_pss_steady_mib %.2f" % (k.pss_kib() / 1024))
    print("ref_pss_steady_mib %.2f" % (r.pss_kib() / 1024))
    r.sampling = False
    print("ref_pss_peak_mib %.2f" % (max(r.peak_kib, r.pss_kib()) / 1024))
    for p in procs:
        p.stop()
    if any("error" in line for line in k.lines):
        sys.stderr.write("kiosk log:\n%s\n" % "\n".join(k.lines))


def screenshot(kiosk, workdir):
    env, conf = kiosk_env(workdir, "2026-11-24T14:05:00Z")
    env["KIOSK_LOG_LEVEL"] = "debug"
    s = Proc("screenshot", [kiosk, "--config", conf, "--screenshot", workdir + "/shots",
                            "--size", "%dx%d" % (W, H)], r"wrote .*/attract\.png", env)
    print("kiosk_shot_startup_s %.4f" % s.startup_s)
    s.stop()


def sync_setup(workdir):
    """A fake central service with the demo bundle, and a kiosk.conf for
    kiosk-sync pointing at it, syncing every minute. Returns the server and the
    config's path."""
    root = os.path.dirname(os.path.abspath(__file__)) + "/../.."
    ca = workdir + "/ca"
    subprocess.run(["sh", root + "/tests/make_ca.sh", ca], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fake = subprocess.Popen(["python3", root + "/tests/fake_central.py", "--dir", ca,
                             "--lifetime", "900"], stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(ca + "/port"):
            break
        time.sleep(0.1)
    port = open(ca + "/port").read().strip()
    control = open(ca + "/control-port").read().strip()
    subprocess.run(["curl", "-s", "-X", "PUT", "http://127.0.0.1:%s/bundle" % control,
                    "--data-binary", "@" + root + "/config/content.json"], check=True,
                   stdout=subprocess.DEVNULL)
    conf = workdir + "/sync.conf"
    with open(conf, "w") as f:
        f.write("[kiosk]\nid = bench-1\ndata_dir = %s/sync-data\n"
                "[central]\nurl = https://127.0.0.1:%s/api/v1\ntoken_file = %s/token\n"
                "ca_file = %s/ca.pem\nsync_interval_s = 60\nstatus_interval_s = 300\n"
                % (workdir, port, ca, ca))
    return fake, conf


SLEEPS = {"poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "nanosleep",
          "clock_nanosleep", "futex"}


def count_sleeps(summary):
    """The calls that sleep, from an strace -c summary."""
    n = 0
    for line in open(summary):
        f = line.split()
        if len(f) >= 5 and f[-1] in SLEEPS and f[3].isdigit():
            n += int(f[3])
    return n


def wakeups(kiosk, sync, workdir, idle_s):
    """Idle programs side by side: the kiosk's attract and closed screens in X
    (SDL's own wait), its attract screen with the offscreen driver (the loop's
    poll(), as with kmsdrm on a Raspberry Pi), kiosk-sync between rounds, and
    sleep as the floor."""
    env, conf = kiosk_env(workdir, "2026-11-24T14:05:00Z")
    procs = {"wake_kiosk_x11": Proc("kiosk", [kiosk, "--config", conf], r"^kiosk .*renderer", env)}
    cenv, cconf = kiosk_env(workdir, "2026-11-22T12:00:00Z")
    procs["wake_closed_x11"] = Proc("closed", [kiosk, "--config", cconf], r"^kiosk .*renderer",
                                    cenv)
    os.makedirs(workdir + "/off", exist_ok=True)
    oenv, oconf = kiosk_env(workdir + "/off", "2026-11-24T14:05:00Z")
    oenv["SDL_VIDEODRIVER"] = "offscreen"
    procs["wake_kiosk_poll"] = Proc("offscreen", [kiosk, "--config", oconf],
                                    r"^kiosk .*renderer", oenv)
    fake, sconf = sync_setup(workdir)
    procs["wake_sync"] = Proc("kiosk-sync", [sync, "--config", sconf], r"", dict(os.environ))
    procs["wake_floor"] = Proc("sleep", ["sh", "-c", "echo started >&2; exec sleep 3600"],
                               r"started")
    # After start-up and kiosk-sync's first round.
    time.sleep(5)
    tracers = {k: subprocess.Popen(["strace", "-f", "-c", "-q", "-o", "%s/%s.strace" % (workdir, k),
                                    "-p", str(p.p.pid)], stderr=subprocess.DEVNULL)
               for k, p in procs.items()}
    t0 = time.monotonic()
    time.sleep(idle_s)
    minutes = (time.monotonic() - t0) / 60
    for t in tracers.values():
        t.send_signal(signal.SIGINT)
        t.wait()
    for k in procs:
        print("%s %.2f" % (k, count_sleeps("%s/%s.strace" % (workdir, k)) / minutes))
    for p in procs.values():
        p.stop()
    fake.terminate()
    fake.wait()


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "round":
        one_round(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    elif len(sys.argv) == 6 and sys.argv[1] == "wakeups":
        wakeups(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    elif len(sys.argv) == 4 and sys.argv[1] == "screenshot":
        screenshot(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
