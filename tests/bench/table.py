#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Prints the table of make bench from the results bench.sh collected: for each
figure the median of the runs with min and max, the reference's next to the
kiosk's, and their ratio.
usage: table.py RESULTS RUNS IDLE_S FRAMES"""
import collections
import statistics
import sys


def spread(values, fmt):
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt % med
    return (fmt + " (" + fmt + "–" + fmt + ")") % (med, min(values), max(values))


def frame_fields(rest):
    """The screen's name and the fields of a line of tests/bench/frames.c."""
    fields = dict(kv.split("=", 1) for kv in rest.replace("screen=attract slide",
                  "screen=attract_slide").split())
    return fields["screen"].replace("_", " "), fields


def main(path, runs, idle_s, frames):
    vals = collections.defaultdict(list)
    screens = collections.defaultdict(lambda: collections.defaultdict(list))
    order = []
    callgrind = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
    # 800x480 at 133 dpi, plain and in large text: screen -> p50s
    small = {"small": collections.defaultdict(list), "smalllarge": collections.defaultdict(list)}
    upload = None
    with open(path) as f:
        for line in f:
            key, _, rest = line.rstrip("\n").partition(" ")
            if key in small:
                name, fields = frame_fields(rest)
                small[key][name].append((float(fields["p50_ms"]), float(fields["p99_ms"])))
            elif key == "frames":
                name, fields = frame_fields(rest)
                if name not in order:
                    order.append(name)
                for k in ("p50_ms", "p99_ms", "rasterized"):
                    if k in fields:
                        screens[name][k].append(float(fields[k]))
            elif key == "commit":
                for kv in rest.split():
                    k, v = kv.split("=")
                    vals["commit_" + k].append(float(v))
            elif key.startswith("callgrind"):
                name, total = rest.rsplit("|", 1)
                screen, n = name.rsplit("/", 1)
                acc = callgrind[key][screen]
                acc[0] += int(total)
                acc[1] += int(n)
            elif key == "uploadline":
                upload = rest
            else:
                vals[key].append(float(rest))

    rows = []

    def row(name, kiosk, ref="", ratio="", target=""):
        rows.append((name, kiosk, ref, ratio, target))

    def ratio(k, r, limit):
        if not vals[k] or not vals[r]:
            return "", ""
        km, rm = statistics.median(vals[k]), statistics.median(vals[r])
        if rm <= 0:
            return "n/a", "≤ %.1f×" % limit
        x = km / rm
        return "%.2f×" % x, "≤ %.1f× %s" % (limit, "met" if x <= limit else "MISSED")

    row("start-up to first frame, window (s)", spread(vals["kiosk_startup_s"], "%.3f"),
        spread(vals["ref_startup_s"], "%.3f"), *ratio("kiosk_startup_s", "ref_startup_s", 1.5))
    row("start-up to first frame, screenshot mode (s)", spread(vals["kiosk_shot_startup_s"], "%.3f"))
    row("PSS peak, pass through every screen and language (MiB)",
        spread(vals["kiosk_pss_peak_mib"], "%.1f"), spread(vals["ref_pss_peak_mib"], "%.1f"),
        *ratio("kiosk_pss_peak_mib", "ref_pss_peak_mib", 1.5))
    row("PSS steady, after %g s idle (MiB)" % idle_s, spread(vals["kiosk_pss_steady_mib"], "%.1f"),
        spread(vals["ref_pss_steady_mib"], "%.1f"),
        *ratio("kiosk_pss_steady_mib", "ref_pss_steady_mib", 1.5))
    row("idle CPU, attract screen, %g s (%% of a core)" % idle_s,
        spread(vals["kiosk_cpu_pct"], "%.3f"), spread(vals["ref_cpu_pct"], "%.3f"),
        *ratio("kiosk_cpu_pct", "ref_cpu_pct", 1.5))
    if vals["closed_cpu_pct"]:
        row("idle CPU, closed screen, %g s (%% of a core)" % idle_s,
            spread(vals["closed_cpu_pct"], "%.3f"))
    else:
        row("idle CPU, closed screen", "closed screen: not available")
    floor = spread(vals["wake_floor"], "%.1f")
    for key, what in (("wake_kiosk_x11", "idle kiosk, attract screen, X11 (SDL's wait)"),
                      ("wake_kiosk_poll", "idle kiosk, attract screen, offscreen driver (poll)"),
                      ("wake_closed_x11", "idle kiosk, closed screen, X11"),
                      ("wake_sync", "idle kiosk-sync, a round a minute")):
        if vals[key]:
            row("wake-ups per minute, %s" % what, spread(vals[key], "%.1f"),
                "sleep: " + floor)
    cg = callgrind.get("callgrind1", {})
    cg2 = callgrind.get("callgrind2", {})
    for name in order:
        s = screens[name]
        ins = ""
        if name in cg and cg[name][1]:
            ins = "%.2f M instr" % (cg[name][0] / cg[name][1] / 1e6)
            if name in cg2 and cg2[name][1]:
                a, b = cg[name][0] / cg[name][1], cg2[name][0] / cg2[name][1]
                ins += " (runs differ %.3f %%)" % (100 * abs(a - b) / max(a, b))
        p99 = statistics.median(s["p99_ms"])
        row("frame 1920×1080 software, %s: p50 / p99 (ms); instructions" % name,
            "%s / %s; %s" % (spread(s["p50_ms"], "%.2f"), spread(s["p99_ms"], "%.2f"),
                             ins or "not measured"), "", "",
            "p99 < 8 ms %s" % ("met" if p99 < 8 else "MISSED"))
    for name in ("attract", "promise", "question", "results"):
        plain, large = small["small"].get(name), small["smalllarge"].get(name)
        if not plain or not large:
            continue
        p50, p99 = [p for p, _ in large], [p for _, p in large]
        floor = [p for p, _ in plain]
        x = statistics.median(p50) / statistics.median(floor)
        row("frame 800×480 at 133 dpi, %s: large text (a page) p50 / p99; plain p50 (ms)"
            % name, "%s / %s" % (spread(p50, "%.2f"), spread(p99, "%.2f")),
            spread(floor, "%.2f"), "%.2f×" % x,
            "p99 < 8 ms %s" % ("met" if statistics.median(p99) < 8 else "MISSED"))
    raster = sum(sum(screens[n]["rasterized"]) for n in order if screens[n]["rasterized"])
    row("glyph runs rasterised on unchanged frames", "%d" % raster, "", "",
        "0 %s" % ("met" if raster == 0 else "MISSED"))
    row("durable response commit: p50 / p99 (ms)", "%s / %s"
        % (spread(vals["commit_p50_ms"], "%.2f"), spread(vals["commit_p99_ms"], "%.2f")))
    row("responses committed per second", spread(vals["commit_per_s"], "%.0f"))
    row("upload of a 10 000-response backlog", upload if upload else "upload: not measured")

    widths = [max(len(r[i]) for r in rows + [HEAD]) for i in range(5)]
    for r in [HEAD, tuple("-" * w for w in widths)] + rows:
        print(" | ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    print("\nmedian (min–max) of %d runs; frames: %d per screen and language, per run"
          % (runs, frames))


HEAD = ("figure", "kiosk", "reference", "ratio", "target")

if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
