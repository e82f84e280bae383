#!/usr/bin/env python3
"""Benchmark harness: mskrota against CBC on generated services.

For each size and seed it generates a service (gen_service.py), solves the
month with mskrota and, under the same time limit, solves with CBC the model
mskrota writes (`solve --write-lp`). Per run it records the seconds to the
first roster and to a 1% gap, the final objective, bound and gap, and peak
memory (`/usr/bin/time -v`). A scaling series (one seed, growing staff) shows
how the time to a 1% gap grows. Results go to benchmarks/results/ as Markdown
and CSV, rewritten after every run so a long run leaves partial tables.

Both solvers are timed on the same clock the same way: mskrota's progress
(MSKROTA_PROGRESS=FILE, seconds since its solve started) and CBC's own log
times (`timeMode elapsed`, seconds since it started, reading the LP
included). The objective compared is the model's (mskrota's incumbent on the
written model's scale, constant included); the objective mskrota reports
recounts demand from the appointment slots it lays out and may differ, so it
is kept in its own column.

Python 3 standard library only. See benchmarks/README.md.
"""
import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STAFF = {"S": 16, "M": 60, "L": 150, "XL": 400}
SEEDS = {"S": 3, "M": 3, "L": 3, "XL": 2}
LIMIT = {"S": 60, "M": 60, "L": 60, "XL": 300}
SCALING = [25, 50, 100, 200, 400]
SCALING_LIMIT = 120
GAP_TARGET = 0.01     # "time to 1% gap"
STOP_GAP = 1e-4       # both solvers run on to this gap (mskrota's default)
FIELDS = ["series", "size", "staff", "seed", "solver", "time_limit", "status",
          "exit_code", "first_s", "gap1_s", "objective", "reported_objective",
          "bound", "gap", "solver_s", "wall_s", "cpu_s", "peak_mb",
          "lp_rows", "lp_int_cols", "load_avg"]


def gap_of(inc, bound):
    """The relative gap of SPEC section 7: (obj - bound) / max(1, |obj|)."""
    if inc is None or bound is None:
        return None
    return max(0.0, (inc - min(bound, inc)) / max(1.0, abs(inc)))


# --- running a command ------------------------------------------------------

def timed(cmd, stdout, hard_limit, env=None):
    """Runs cmd under /usr/bin/time -v, output to stdout (a path); kills its
    process group after hard_limit seconds and leaves stdout.killed."""
    with open(stdout, "w") as out, open(stdout + ".err", "w") as err:
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", stdout + ".time"]
                             + cmd, stdout=out, stderr=err, env=env,
                             start_new_session=True)
        try:
            p.wait(timeout=hard_limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            open(stdout + ".killed", "w").close()


def time_figs(stdout):
    """Figures of /usr/bin/time -v for a run; exit None when killed."""
    figs = {"exit": None}
    try:
        text = open(stdout + ".time").read()
    except OSError:
        text = ""
    m = re.search(r"Exit status: (\d+)", text)
    if m and not os.path.exists(stdout + ".killed"):
        figs["exit"] = int(m.group(1))
    for key, pat in (("peak_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
                     ("user", r"User time \(seconds\): ([\d.]+)"),
                     ("sys", r"System time \(seconds\): ([\d.]+)"),
                     ("wall", r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): "
                              r"([\d:.]+)")):
        m = re.search(pat, text)
        if m and key == "wall":
            secs = 0.0
            for part in m.group(1).split(":"):
                secs = secs * 60 + float(part)
            figs[key] = secs
        elif m:
            figs[key] = float(m.group(1))
    return figs


def base_row(stdout):
    figs = time_figs(stdout)
    cpu = None
    if "user" in figs:
        cpu = figs["user"] + figs.get("sys", 0.0)
    return {"wall_s": figs.get("wall"), "cpu_s": cpu,
            "peak_mb": figs["peak_kb"] / 1024 if "peak_kb" in figs else None,
            "exit_code": "killed" if figs["exit"] is None else figs["exit"]}


def load_avg():
    return open("/proc/loadavg").read().split()[0]


# --- mskrota ---------------------------------------------------------------

def read_progress(path):
    """Lines of MSKROTA_PROGRESS: seconds, incumbent, bound, gap."""
    rows = []
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return rows
    for line in lines:
        f = (line.split("\t") + ["", "", "", ""])[:4]
        try:
            rows.append(tuple(float(x) if x != "" else None for x in f))
        except ValueError:
            continue
    return rows


MSKROTA_ARGS = []      # --mskrota-args, e.g. "--threads 1"
GEN_ARGS = []          # --gen-args, e.g. "--fcp-sessions 8-14"


def run_mskrota(exe, svc, month, limit, work, tag):
    db = os.path.join(work, tag + ".db")
    prog = os.path.join(work, tag + ".progress")
    out = os.path.join(work, tag + ".out")
    for f in (db, prog, out + ".killed"):
        if os.path.exists(f):
            os.remove(f)
    env = dict(os.environ, MSKROTA_PROGRESS=prog)
    timed([exe, "solve", svc, "--month", month, "--db", db,
           "--time-limit", "%g" % limit, "--json"] + MSKROTA_ARGS, out,
          limit * 1.5 + 60, env)
    return collect_mskrota(work, tag)


def collect_mskrota(work, tag):
    """The row of one mskrota run from the files it left in work."""
    db = os.path.join(work, tag + ".db")
    prog = os.path.join(work, tag + ".progress")
    out = os.path.join(work, tag + ".out")
    row = base_row(out)
    rc = None if row["exit_code"] == "killed" else row["exit_code"]
    js = {}
    for line in open(out).read().splitlines():
        if line.startswith("{"):
            js = json.loads(line)
    row["status"] = js.get("status", "error" if rc is not None else "killed")
    row["reported_objective"] = js.get("objective")
    row["solver_s"] = js.get("seconds")
    prog_rows = read_progress(prog)
    first = next((t for t, inc, _, _ in prog_rows if inc is not None), None)
    try:
        con = sqlite3.connect(db)
        r = con.execute("SELECT first_seconds FROM runs ORDER BY id DESC"
                        " LIMIT 1").fetchone()
        con.close()
        if r and r[0] is not None and r[0] >= 0:
            first = r[0]
    except sqlite3.Error:
        pass
    row["first_s"] = first
    row["gap1_s"] = next((t for t, _, _, g in prog_rows
                          if g is not None and g <= GAP_TARGET + 1e-12), None)
    last = prog_rows[-1] if prog_rows else (None, None, None, None)
    row["objective"] = last[1]
    row["bound"] = last[2] if last[2] is not None else js.get("bound")
    if row["bound"] is not None and row["bound"] < -1e300:
        row["bound"] = None                  # -DBL_MAX: no bound yet
    row["gap"] = gap_of(row["objective"], row["bound"])
    if js.get("status") == "time_limit" and js.get("objective") == 0 \
            and last[1] is None:
        row["reported_objective"] = None     # no roster: no objective
    return row


def write_lp(exe, svc, month, path, work):
    """Has mskrota write the model; a short solve, its result unused."""
    db = os.path.join(work, "write-lp.db")
    if os.path.exists(db):
        os.remove(db)
    # Output to a file, not /dev/null: tests elsewhere on the machine have
    # been seen to remove /dev/null for a moment.
    with open(db + ".out", "w") as out:
        subprocess.run([exe, "solve", svc, "--month", month, "--db", db,
                        "--time-limit", "0.5", "--json", "--write-lp", path],
                       stdout=out, stderr=subprocess.STDOUT)
    return os.path.exists(path)


def lp_size(path):
    """Rows and integer columns of a CPLEX LP file as GLPK writes it."""
    rows = ints = 0
    section = None
    heads = {"subject to": "st", "such that": "st", "st": "st", "s.t.": "st",
             "bounds": "b", "general": "i", "generals": "i", "gen": "i",
             "binary": "i", "binaries": "i", "bin": "i", "end": None}
    with open(path) as f:
        for line in f:
            s = line.strip()
            key = s.lower()
            if key in heads:
                section = heads[key]
                continue
            if key.startswith("minimize") or key.startswith("maximize"):
                section = None
            elif section == "st" and re.match(r"^\s*[^\s:+\-<>=]+:", line):
                rows += 1
            elif section == "i" and s:
                ints += len(s.split())
    return rows, ints


# --- CBC -------------------------------------------------------------------

NUM = r"(-?[\d.]+(?:e[-+]?\d+)?)"
SECS = r"\(" + r"([\d.]+) seconds\)"


def parse_cbc(text):
    """First roster, 1% gap time, final objective, bound and status from a
    CBC log. Times are CBC's own (timeMode elapsed)."""
    inc = bound = first = gap1 = None
    pending = None          # a bound printed without a time
    status = None
    final = {}

    def event(t, new_inc=None, new_bound=None):
        nonlocal inc, bound, first, gap1, pending
        if pending is not None:
            bound = pending if bound is None else max(bound, pending)
            pending = None
        if new_inc is not None and new_inc < 1e49:
            if first is None:
                first = t
            inc = new_inc if inc is None else min(inc, new_inc)
        if new_bound is not None and new_bound > -1e49:
            bound = new_bound if bound is None else max(bound, new_bound)
        g = gap_of(inc, bound)
        if gap1 is None and g is not None and g <= GAP_TARGET + 1e-12:
            gap1 = t

    for line in text.splitlines():
        m = re.search(r"Continuous objective value is " + NUM + r" - ([\d.]+)"
                      r" seconds", line)
        if m:
            event(float(m.group(2)), new_bound=float(m.group(1)))
            continue
        m = re.search(r"Integer solution of " + NUM + r" found.*" + SECS, line)
        if m:
            event(float(m.group(2)), new_inc=float(m.group(1)))
            continue
        m = re.search(r"cuts changed objective from " + NUM + " to " + NUM,
                      line)
        if m and line.startswith("Cbc0013I"):
            pending = float(m.group(2))
            continue
        m = re.search(NUM + r" best solution, best possible " + NUM + r" "
                      + SECS, line)
        if m:
            event(float(m.group(3)), float(m.group(1)), float(m.group(2)))
            continue
        m = re.search(r"Partial search - best objective " + NUM
                      + r" \(best possible " + NUM + r"\).*" + SECS, line)
        if m:
            event(float(m.group(3)), float(m.group(1)), float(m.group(2)))
            continue
        m = re.search(r"Search completed - best objective " + NUM + r".*"
                      + SECS, line)
        if m:
            v = float(m.group(1))
            if v < 1e49:
                event(float(m.group(2)), v, v)
            continue
        if line.startswith("Pre-processing says infeasible"):
            # What CBC 2.10 prints when its time runs out in preprocessing
            # too (the LP relaxation was solved): no result, not a proof.
            status = "preprocessing stopped"
            continue
        m = re.match(r"Result - (.*)", line)
        if m:
            status = m.group(1).strip()
            continue
        m = re.match(r"(Objective value|Lower bound|Gap):\s+" + NUM, line)
        if m:
            final[m.group(1)] = float(m.group(2))
            continue
        m = re.match(r"Time \(Wallclock seconds\):\s+([\d.]+)", line)
        if m:
            final["seconds"] = float(m.group(1))
    if status is not None and status.startswith("Optimal") \
            and "Objective value" in final:
        inc = bound = final["Objective value"]
    elif "Objective value" in final and final["Objective value"] < 1e49:
        inc = final["Objective value"] if inc is None \
            else min(inc, final["Objective value"])
    if "Lower bound" in final:
        bound = final["Lower bound"] if bound is None \
            else max(bound, final["Lower bound"])
    if status is None:
        st = "killed"
    elif status.startswith("Optimal"):
        st = "optimal"
    elif status == "preprocessing stopped":
        st = "no_result"
    elif "infeasible" in status.lower():
        st = "infeasible"
    elif "time" in status.lower():
        st = "time_limit"
    else:
        st = status.split()[0].lower()
    if st == "optimal" and gap1 is None and "seconds" in final:
        gap1 = final["seconds"]
    return {"status": st, "first_s": first, "gap1_s": gap1,
            "objective": inc, "bound": bound, "gap": gap_of(inc, bound),
            "solver_s": final.get("seconds")}


def run_cbc(lp, limit, work, tag):
    out = os.path.join(work, tag + ".log")
    if os.path.exists(out + ".killed"):
        os.remove(out + ".killed")
    timed(["cbc", lp, "timeMode", "elapsed", "sec", "%g" % limit,
           "ratioGap", str(STOP_GAP), "solve"], out, limit * 1.5 + 60)
    return collect_cbc(work, tag)


def collect_cbc(work, tag):
    """The row of one CBC run from the files it left in work."""
    out = os.path.join(work, tag + ".log")
    row = base_row(out)
    row.update(parse_cbc(open(out, errors="replace").read()))
    if row["exit_code"] == "killed":
        row["status"] = "killed"
    return row


# --- tables ----------------------------------------------------------------

def fnum(v, fmt="%.1f", none="—"):
    return none if v is None or v == "" else fmt % float(v)


def fgap(v):
    return "—" if v is None or v == "" else "%.2f%%" % (100 * float(v))


def median(xs):
    xs = sorted(xs)
    if not xs:
        return None
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def t_or_over(v, limit):
    if v is None or v == "" or (isinstance(v, float) and math.isinf(v)):
        return "> %g" % float(limit)
    return "%.1f" % float(v)


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    return cpu, os.cpu_count(), mem


def git_commit():
    def git(*a):
        r = subprocess.run(["git", "-C", ROOT] + list(a), capture_output=True,
                           text=True)
        return r.stdout.strip() if r.returncode == 0 else ""
    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + (" (working tree modified)" if dirty else "")


def header(meta, title):
    cpu, ncpu, mem = machine()
    return [
        "# " + title, "",
        "- date: %s (finished %s)" % (meta["start"],
                                      meta.get("end", "still running")),
        "- machine: %s, nproc %d, memory %s, %s" % (cpu, ncpu, mem,
                                                    platform.platform()),
        "- git commit: %s; mskrota binary sha256 %s (%s)"
        % (meta["commit"], meta["sha"], meta["version"]),
        "- CBC: %s, single thread, `timeMode elapsed sec T ratioGap %g`"
        % (meta["cbc"], STOP_GAP),
        "- command: `%s`" % meta["argv"],
        "- runs are one at a time; *load* is the 1-minute load average as"
        " each run started (other work on the machine slows both solvers:"
        " compare wall and CPU seconds)."] + (
        ["- note: " + meta["note"]] if meta.get("note") else []) + [""]


def write_csv(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else
                            ("%.10g" % r[k] if isinstance(r.get(k), float)
                             else r[k])) for k in FIELDS})
    os.replace(tmp, path)


def write_text(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def harness_md(meta, rows):
    L = header(meta, "mskrota vs CBC: harness")
    L += ["Times in seconds from the start of each solver's solve. "
          "*first* = first roster, *1%* = first moment the gap "
          "(objective - bound) / max(1, |objective|) was at most 1% "
          "(\"> T\": not within the time limit T). *objective* is on the "
          "written model's scale (constant included) for both solvers; "
          "*reported* is the objective mskrota prints, which recounts "
          "demand from the slots it lays out. Peak memory is the maximum "
          "resident set from `/usr/bin/time -v`.", "",
          "## Summary by size (median over seeds)", "",
          "| size | staff | solver | seeds | limit s | first roster | 1% gap"
          " | reached 1% | final gap | objective | peak MB |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    sizes = []
    for r in rows:
        if (r["size"], r["solver"]) not in sizes:
            sizes.append((r["size"], r["solver"]))
    for size, solver in sizes:
        rs = [r for r in rows if r["size"] == size and r["solver"] == solver]
        lim = rs[0]["time_limit"]
        firsts = [r["first_s"] if r["first_s"] is not None else math.inf
                  for r in rs]
        g1 = [r["gap1_s"] if r["gap1_s"] is not None else math.inf
              for r in rs]
        gaps = [r["gap"] if r["gap"] is not None else math.inf for r in rs]
        objs = [r["objective"] for r in rs if r["objective"] is not None]
        mems = [r["peak_mb"] for r in rs if r["peak_mb"] is not None]
        mg = median(gaps)
        L.append("| %s | %s | %s | %d | %g | %s | %s | %d/%d | %s | %s | %s |"
                 % (size, rs[0]["staff"], solver, len(rs), lim,
                    t_or_over(median(firsts), lim),
                    t_or_over(median(g1), lim),
                    sum(1 for x in g1 if not math.isinf(x)), len(rs),
                    "—" if math.isinf(mg) else fgap(mg),
                    fnum(median(objs), "%.2f"), fnum(median(mems), "%.0f")))
    L += ["", "## Runs", "",
          "| size | seed | solver | status | first | 1% | objective | "
          "reported | bound | gap | solver s | wall s | CPU s | peak MB | load |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s"
                 " | %s | %s | %s |"
                 % (r["size"], r["seed"], r["solver"], r["status"],
                    fnum(r["first_s"]),
                    t_or_over(r["gap1_s"], r["time_limit"]),
                    fnum(r["objective"], "%.2f"),
                    fnum(r.get("reported_objective"), "%.2f"),
                    fnum(r["bound"], "%.2f"), fgap(r["gap"]),
                    fnum(r["solver_s"]), fnum(r["wall_s"]), fnum(r["cpu_s"]),
                    fnum(r["peak_mb"], "%.0f"), r["load_avg"]))
    L += agreement(rows)
    return L


def agreement(rows):
    """Both solvers see one model: neither's bound may pass the other's
    objective, and two proven optima must be equal."""
    L = ["", "## Same model check", "",
         "A bound of one solver above the other's objective would mean the "
         "solvers see different models (or a bug).", "",
         "| size | seed | mskrota objective | mskrota bound | CBC objective |"
         " CBC bound | consistent |", "|---|---|---|---|---|---|---|"]
    pairs = {}
    for r in rows:
        pairs.setdefault((r["series"], r["size"], r["seed"]), {})[
            r["solver"]] = r
    for (series, size, seed), p in pairs.items():
        a, c = p.get("mskrota"), p.get("cbc")
        if a is None or c is None:
            continue
        ok, tol = True, 1e-6
        for x, y in ((a, c), (c, a)):
            if x["bound"] is not None and y["objective"] is not None and \
                    x["bound"] > y["objective"] + tol * max(1, abs(y["objective"])):
                ok = False
        if a["status"] == c["status"] == "optimal" and \
                abs(a["objective"] - c["objective"]) > \
                STOP_GAP * max(1, abs(a["objective"])):
            ok = False
        L.append("| %s | %s | %s | %s | %s | %s | %s |"
                 % (size, seed, fnum(a["objective"], "%.4f"),
                    fnum(a["bound"], "%.4f"), fnum(c["objective"], "%.4f"),
                    fnum(c["bound"], "%.4f"), "yes" if ok else "**no**"))
    return L


def scaling_md(meta, rows, limit):
    L = header(meta, "mskrota vs CBC: scaling")
    L += ["One service per staff count (seed 1, `--staff N`), time limit %g s."
          " Times in seconds; \"> %g\": not reached. *growth* is the exponent"
          " k in time ~ staff^k between this row and the one above (both "
          "reached 1%%)." % (limit, limit), "",
          "| staff | LP rows | LP integer cols | mskrota first | mskrota 1% |"
          " mskrota gap | mskrota peak MB | growth | CBC first | CBC 1% | "
          "CBC gap | CBC peak MB | growth |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    by = {}
    for r in rows:
        by.setdefault(r["staff"], {})[r["solver"]] = r
    prev = {}
    for n in sorted(by):
        cells = []
        lp = next(iter(by[n].values()))
        cells += [str(n), fnum(lp.get("lp_rows"), "%d"),
                  fnum(lp.get("lp_int_cols"), "%d")]
        for solver in ("mskrota", "cbc"):
            r = by[n].get(solver)
            if r is None:
                cells += ["—"] * 5
                continue
            grow = "—"
            p = prev.get(solver)
            if p and r["gap1_s"] and p[1] and r["gap1_s"] > 0 and p[1] > 0:
                grow = "%.2f" % (math.log(r["gap1_s"] / p[1])
                                 / math.log(n / p[0]))
            prev[solver] = (n, r["gap1_s"])
            cells += [fnum(r["first_s"]) if r["first_s"] is not None
                      else t_or_over(None, r["time_limit"]),
                      t_or_over(r["gap1_s"], r["time_limit"]),
                      fgap(r["gap"]), fnum(r["peak_mb"], "%.0f"), grow]
        L.append("| " + " | ".join(cells) + " |")
    for solver in ("mskrota", "cbc"):
        pts = [(math.log(n), math.log(by[n][solver]["gap1_s"]))
               for n in sorted(by) if solver in by[n]
               and by[n][solver]["gap1_s"] and by[n][solver]["gap1_s"] > 0]
        if len(pts) >= 2:
            mx = sum(x for x, _ in pts) / len(pts)
            my = sum(y for _, y in pts) / len(pts)
            sxx = sum((x - mx) ** 2 for x, _ in pts)
            k = sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else 0
            L.append("")
            L.append("%s: least-squares fit over the %d sizes that reached 1%%:"
                     " time to 1%% gap ~ staff^%.2f." % (solver, len(pts), k))
    return L


# --- the driver ------------------------------------------------------------

def generate(work, month, staff=None, size=None, seed=1):
    name = ("%s-%d" % (size, seed)) if size else ("n%d-%d" % (staff, seed))
    out = os.path.join(work, "svc", name)
    if not os.path.exists(os.path.join(out, "service.yaml")):
        cmd = [sys.executable, os.path.join(HERE, "gen_service.py"),
               "--seed", str(seed), "--month", month, "--out", out, "--quiet"]
        cmd += ["--size", size] if size else ["--staff", str(staff)]
        subprocess.run(cmd + GEN_ARGS, check=True)
    return out, name


def one_case(a, exe, svc, name, limit, series, size, staff, seed):
    """Both solvers on one service; returns their rows."""
    rows = []
    lp = os.path.join(a.work, name + ".lp")
    rows_lp = (None, None)
    if not a.no_cbc and write_lp(exe, svc, a.month, lp, a.work):
        rows_lp = lp_size(lp)
    common = {"series": series, "size": size, "staff": staff, "seed": seed,
              "time_limit": limit, "lp_rows": rows_lp[0],
              "lp_int_cols": rows_lp[1]}
    log("%s seed %d: mskrota, %g s" % (size, seed, limit))
    load = load_avg()
    r = run_mskrota(exe, svc, a.month, limit, a.work, name + ".mskrota")
    r.update(common, solver="mskrota", load_avg=load)
    rows.append(r)
    log("  %s first %s, 1%% %s, gap %s" % (r["status"], fnum(r["first_s"]),
                                          fnum(r["gap1_s"]), fgap(r["gap"])))
    if not a.no_cbc and os.path.exists(lp):
        log("%s seed %d: cbc, %g s" % (size, seed, limit))
        load = load_avg()
        c = run_cbc(lp, limit, a.work, name + ".cbc")
        c.update(common, solver="cbc", load_avg=load)
        rows.append(c)
        log("  %s first %s, 1%% %s, gap %s" % (c["status"], fnum(c["first_s"]),
                                              fnum(c["gap1_s"]),
                                              fgap(c["gap"])))
        if not a.keep_lp:
            os.remove(lp)
    return rows


def reparse(a, paths):
    """Rebuilds the rows of the CSVs in a.out from the files in a.work (after
    a parser fix, without running anything again)."""
    meta = json.load(open(os.path.join(a.work, "meta.json")))
    kept = ("series", "size", "staff", "seed", "solver", "time_limit",
            "lp_rows", "lp_int_cols", "load_avg")
    done = {}
    for key in ("harness", "scaling"):
        rows = []
        if not os.path.exists(paths[key + ".csv"]):
            continue
        for old in csv.DictReader(open(paths[key + ".csv"])):
            name = ("%s-%s" % (old["size"], old["seed"]) if key == "harness"
                    else "n%s-%s" % (old["staff"], old["seed"]))
            collect = collect_mskrota if old["solver"] == "mskrota" \
                else collect_cbc
            r = collect(a.work, name + "." + old["solver"])
            r.update({k: old[k] for k in kept})
            r["time_limit"] = float(r["time_limit"])
            r["staff"] = int(r["staff"])
            for k in ("lp_rows", "lp_int_cols"):
                r[k] = int(r[k]) if r[k] else None
            rows.append(r)
        done[key] = rows
    if done.get("harness"):
        write_csv(paths["harness.csv"], done["harness"])
        write_text(paths["harness.md"], harness_md(meta, done["harness"]))
    if done.get("scaling"):
        write_csv(paths["scaling.csv"], done["scaling"])
        write_text(paths["scaling.md"],
                   scaling_md(meta, done["scaling"],
                              done["scaling"][0]["time_limit"]))
    log("re-read %s" % ", ".join("%d %s rows" % (len(v), k)
                                 for k, v in done.items()))
    return 0


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def parse_list(s, conv=str):
    return [conv(x) for x in s.replace(" ", "").split(",") if x]


def main():
    ap = argparse.ArgumentParser(
        prog="benchmarks/run",
        description="mskrota against CBC on generated services")
    ap.add_argument("--sizes", default="S,M,L,XL",
                    help="comma list of S M L XL (default all)")
    ap.add_argument("--seeds",
                    help="seeds per size: a count N (seeds 1..N) or a comma"
                         " list; default 3 (XL 2)")
    ap.add_argument("--time-limit", type=float,
                    help="seconds per solver run (default 60, XL 300)")
    ap.add_argument("--quick", action="store_true",
                    help="S and M, 1 seed, 30 s; scaling 25 and 50 staff")
    ap.add_argument("--staff", default=",".join(map(str, SCALING)),
                    help="scaling series staff counts (default %(default)s)")
    ap.add_argument("--scaling-time-limit", type=float,
                    help="seconds per scaling run (default 120)")
    ap.add_argument("--only", choices=("harness", "scaling"),
                    help="run one of the two tables")
    ap.add_argument("--no-cbc", action="store_true")
    ap.add_argument("--mskrota-args", default="",
                    help='extra arguments of mskrota solve, e.g. "--threads 1"')
    ap.add_argument("--gen-args", default="",
                    help='extra arguments of gen_service.py, e.g. '
                         '"--fcp-sessions 8-14 --absence"')
    ap.add_argument("--mskrota", default=os.environ.get(
        "MSKROTA", os.path.join(ROOT, "build", "mskrota")),
        help="binary to measure (default $MSKROTA or build/mskrota)")
    ap.add_argument("--month", default="2026-12")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--work", help="scratch directory (default a new one in"
                                   " /tmp, kept with the logs)")
    ap.add_argument("--keep-lp", action="store_true")
    ap.add_argument("--reparse", action="store_true",
                    help="run nothing: re-read the runs in --work listed in"
                         " the CSVs of --out and rewrite the tables")
    a = ap.parse_args()
    global MSKROTA_ARGS, GEN_ARGS
    MSKROTA_ARGS = a.mskrota_args.split()
    GEN_ARGS = a.gen_args.split()
    paths = {k: os.path.join(a.out, k) for k in
             ("harness.md", "harness.csv", "scaling.md", "scaling.csv")}
    if a.reparse:
        if not a.work:
            ap.error("--reparse needs --work")
        return reparse(a, paths)

    sizes = parse_list(a.sizes.upper())
    for s in sizes:
        if s not in STAFF:
            ap.error("unknown size %r" % s)
    staff = parse_list(a.staff, int)
    slimit = a.scaling_time_limit or SCALING_LIMIT
    if a.quick:
        sizes = [s for s in ("S", "M") if s in sizes] or ["S", "M"]
        a.seeds = a.seeds or "1"
        a.time_limit = a.time_limit or 30
        staff = [25, 50]
        slimit = a.scaling_time_limit or 30
    if not os.access(a.mskrota, os.X_OK):
        ap.error("no mskrota binary at %s (build it, or --mskrota)"
                 % a.mskrota)
    if not a.no_cbc and shutil.which("cbc") is None:
        ap.error("cbc not found (Debian package coinor-cbc), or --no-cbc")
    a.work = a.work or tempfile.mkdtemp(prefix="mskrota-bench-")
    os.makedirs(a.work, exist_ok=True)
    os.makedirs(a.out, exist_ok=True)
    # A frozen copy: the build may change while a long run goes on.
    exe = os.path.join(a.work, "mskrota")
    shutil.copy2(a.mskrota, exe)
    ver = subprocess.run([exe, "--version"], capture_output=True,
                         text=True).stdout.strip()
    cbc = "none"
    if not a.no_cbc:
        r = subprocess.run(["cbc", "quit"], capture_output=True, text=True,
                           input="")
        m = re.search(r"Version: (\S+)", r.stdout)
        cbc = "CBC " + (m.group(1) if m else "?")
    meta = {"start": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "commit": git_commit(), "version": ver, "cbc": cbc,
            "sha": hashlib.sha256(open(exe, "rb").read()).hexdigest()[:12],
            "argv": "benchmarks/run " + " ".join(sys.argv[1:])}
    log("work directory %s" % a.work)

    hrows, srows = [], []

    def flush(done=False):
        if done:
            meta["end"] = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        with open(os.path.join(a.work, "meta.json"), "w") as f:
            json.dump(meta, f)
        if hrows:
            write_csv(paths["harness.csv"], hrows)
            write_text(paths["harness.md"], harness_md(meta, hrows))
        if srows:
            write_csv(paths["scaling.csv"], srows)
            write_text(paths["scaling.md"], scaling_md(meta, srows, slimit))

    if a.only != "scaling":
        for size in sizes:
            if a.seeds is None:
                seeds = list(range(1, SEEDS[size] + 1))
            elif "," in a.seeds:
                seeds = parse_list(a.seeds, int)
            else:
                seeds = list(range(1, int(a.seeds) + 1))
            limit = a.time_limit or LIMIT[size]
            for seed in seeds:
                try:
                    svc, name = generate(a.work, a.month, size=size,
                                         seed=seed)
                    hrows += one_case(a, exe, svc, name, limit, "harness",
                                      size, STAFF[size], seed)
                except (OSError, subprocess.SubprocessError) as e:
                    log("%s seed %d: failed: %s" % (size, seed, e))
                flush()
    if a.only != "harness":
        for n in staff:
            try:
                svc, name = generate(a.work, a.month, staff=n, seed=1)
                srows += one_case(a, exe, svc, name, slimit, "scaling",
                                  str(n), n, 1)
            except (OSError, subprocess.SubprocessError) as e:
                log("%d staff: failed: %s" % (n, e))
            flush()
    flush(done=True)
    for k in ("harness.md", "scaling.md"):
        if os.path.exists(paths[k]) and (hrows if k[0] == "h" else srows):
            log("wrote %s" % paths[k])
    return 0


if __name__ == "__main__":
    sys.exit(main())
