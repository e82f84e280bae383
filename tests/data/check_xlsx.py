#!/usr/bin/env python3
"""Checks `mskrota export --format xlsx` against the CSV export of the same
run, opening the workbook with python3-openpyxl.

    check_xlsx.py ROSTER_XLSX CSV_DIR

CSV_DIR holds roster.csv, shortfalls.csv, satisfaction.csv, summary.json
of the same run (`export --format csv`). Checks: sheet names (at most 31
characters, unique ignoring case, none of []:*?/\\); every session of
roster.csv in its person's sheet (dates as real dates, times as times) and
as a line "name (room) activity[: specialty]" in its site's grid at its day
and period, and nothing else; the shortfalls sheet equals shortfalls.csv;
the summary's figures equal summary.json; header rows frozen. Prints
"ok: ..." and exits 0, or prints each problem and exits 1.
"""
import collections
import csv
import datetime as dt
import json
import math
import os
import re
import sys

import openpyxl


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def text(v):
    """A cell as the CSV would write it."""
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        if v.hour or v.minute:
            return v.strftime("%H:%M")
        return v.date().isoformat()
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def grid_line(r):
    s = r["staff_name"]
    if r["room_id"]:
        s += " (%s)" % r["room_id"]
    s += " " + r["activity"]
    if r["specialty"]:
        s += ": " + r["specialty"]
    return s


def main():
    path, csv_dir = sys.argv[1], sys.argv[2]
    roster = read_csv(os.path.join(csv_dir, "roster.csv"))
    shortfalls = read_csv(os.path.join(csv_dir, "shortfalls.csv"))
    satisfaction = read_csv(os.path.join(csv_dir, "satisfaction.csv"))
    with open(os.path.join(csv_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    wb = openpyxl.load_workbook(path)
    problems = []

    names = wb.sheetnames
    lower = [n.lower() for n in names]
    for n in names:
        if len(n) > 31 or re.search(r"[\[\]:*?/\\]", n) or not n:
            problems.append("bad sheet name %r" % n)
    if len(set(lower)) != len(lower):
        problems.append("sheet names repeat: %r" % names)
    for fixed in ("Summary", "Shortfalls", "EA allocations"):
        if fixed not in names:
            problems.append("no sheet %s" % fixed)

    # Person sheets end in "(staff_id)".
    people = {}
    for n in names:
        m = re.search(r"\(([^()]*)\)(~\d+)?$", n)
        if m and wb[n]["A1"].value == "date" and wb[n]["B1"].value == "period":
            people[m.group(1)] = n
    by_staff = collections.defaultdict(list)
    for r in roster:
        by_staff[r["staff_id"]].append(r)
    cols = ["date", "period", "start", "end", "activity", "specialty",
            "site_id", "room_id", "pcn_id"]
    n_person_rows = 0
    for staff, rows in by_staff.items():
        if staff not in people:
            problems.append("no sheet for %s" % staff)
            continue
        ws = wb[people[staff]]
        if ws.freeze_panes != "A2":
            problems.append("%s: header not frozen" % ws.title)
        got = []
        for row in ws.iter_rows(min_row=2, values_only=True):
            if row[0] is None:
                continue
            if not isinstance(row[0], dt.datetime):
                problems.append("%s: date %r is not a date" % (ws.title,
                                                               row[0]))
            got.append(tuple(text(v) for v in row[:9]))
        n_person_rows += len(got)
        want = [tuple(r[c] for c in cols) for r in rows]
        if sorted(got) != sorted(want):
            problems.append("%s: rows differ from roster.csv (%d vs %d)"
                            % (ws.title, len(got), len(want)))

    # Site grids: a header row of "period hh:mm-hh:mm", a row per day.
    grid = collections.Counter()
    sites = set(r["site_id"] for r in roster)
    seen_sites = set()
    for n in names:
        ws = wb[n]
        if ws["A1"].value != "date" or ws["B1"].value == "period":
            continue
        if ws.freeze_panes != "B2":
            problems.append("%s: header not frozen" % n)
        # A site's sheet is its id, "~2" added when the name was taken.
        site = re.sub(r"~\d+$", "", n)
        seen_sites.add(site.lower())
        periods = [str(c.value).split(" ")[0] for c in ws[1][1:]
                   if c.value is not None]
        for row in ws.iter_rows(min_row=2, values_only=True):
            if not isinstance(row[0], dt.datetime):
                problems.append("%s: date %r is not a date" % (n, row[0]))
                continue
            for p, cell in zip(periods, row[1:]):
                for line in (cell or "").split("\n"):
                    if line:
                        grid[(site, row[0].date().isoformat(), p,
                              line)] += 1
    want_grid = collections.Counter(
        (r["site_id"][:31], r["date"], r["period"], grid_line(r))
        for r in roster)
    if grid != want_grid:
        diff = list((grid - want_grid).items())[:3] + \
            list((want_grid - grid).items())[:3]
        problems.append("site grids differ from roster.csv: %r" % diff)
    missing = {s for s in sites if s[:31].lower() not in seen_sites}
    if missing:
        problems.append("no sheet for sites %r" % sorted(missing)[:5])

    ws = wb["Shortfalls"]
    got = [tuple(text(v) for v in row)
           for row in ws.iter_rows(min_row=2, values_only=True)]
    want = [tuple(r.values()) for r in shortfalls]
    if got != want:
        problems.append("Shortfalls differ: %r vs %r" % (got[:2], want[:2]))
    if ws.freeze_panes != "A2":
        problems.append("Shortfalls: header not frozen")

    ws = wb["Summary"]
    figures = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] is not None and row[0] not in figures:
            figures[row[0]] = row[1]
    for key, value in summary.items():
        got = figures.get(key)
        if value is None:
            ok = got is None
        elif isinstance(value, (int, float)):
            ok = isinstance(got, (int, float)) and \
                math.isclose(got, value, rel_tol=1e-12, abs_tol=1e-12)
        else:
            ok = got == value
        if not ok:
            problems.append("Summary %s: %r, summary.json %r"
                            % (key, got, value))
    sat = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] in {r["staff_id"] for r in satisfaction}:
            sat[row[0]] = row[4]
    for r in satisfaction:
        if not math.isclose(sat.get(r["staff_id"], -1),
                            float(r["satisfaction"]), rel_tol=1e-12):
            problems.append("Summary: satisfaction of %s" % r["staff_id"])

    for p in problems[:50]:
        print(p)
    if problems:
        return 1
    print("ok: %d sheets, %d sessions in person sheets and site grids"
          % (len(names), n_person_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
