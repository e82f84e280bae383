#!/usr/bin/env python3
"""Checks `mskrota export --format ics` against roster.csv with a real
iCalendar parser (python3-icalendar).

    check_ics.py ICS_DIR ROSTER_CSV --month 2026-12 --version N
                 [--cancelled N]

Every person of roster.csv must have ICS_DIR/<staff_id>.ics, parsing
cleanly, with one confirmed VEVENT per roster row (UID
<month>-<date>-<period>-<staff>@mskrota, local times in Europe/London,
SEQUENCE the version, SUMMARY and LOCATION naming the activity and site);
every line must end in CRLF and be at most 75 octets. --cancelled N: the
calendars hold N cancelled events in all (sessions earlier versions had).
Prints "ok: ..." and exits 0, or prints each problem and exits 1.
"""
import argparse
import csv
import datetime as dt
import os
import sys

import icalendar


def raw_problems(path, data):
    out = []
    if not data.endswith(b"\r\n"):
        out.append("%s: does not end in CRLF" % path)
    for i, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            out.append("%s:%d: bare CR or LF" % (path, i))
        if len(line) > 75:
            out.append("%s:%d: %d octets" % (path, i, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            out.append("%s:%d: a fold splits a UTF-8 sequence" % (path, i))
    return out


def local(value):
    """The wall-clock time of a decoded DTSTART/DTEND, without the zone."""
    return value.replace(tzinfo=None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("roster")
    ap.add_argument("--month", required=True)
    ap.add_argument("--version", type=int, required=True)
    ap.add_argument("--cancelled", type=int)
    a = ap.parse_args()

    with open(a.roster, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_staff = {}
    for r in rows:
        by_staff.setdefault(r["staff_id"], []).append(r)

    problems, n_events, n_cancelled = [], 0, 0
    files = sorted(n for n in os.listdir(a.dir) if n.endswith(".ics"))
    for staff in by_staff:
        if staff + ".ics" not in files:
            problems.append("no calendar for %s" % staff)
    for name in files:
        path = os.path.join(a.dir, name)
        with open(path, "rb") as f:
            data = f.read()
        problems += raw_problems(name, data)
        cal = icalendar.Calendar.from_ical(data)
        if cal.get("VERSION") != "2.0":
            problems.append("%s: VERSION is not 2.0" % name)
        if not any(c.get("TZID") == "Europe/London"
                   for c in cal.walk("VTIMEZONE")):
            problems.append("%s: no VTIMEZONE for Europe/London" % name)
        staff = name[:-4]
        want = {"%s-%s-%s-%s@mskrota" % (a.month, r["date"], r["period"],
                                         staff): r
                for r in by_staff.get(staff, [])}
        seen = set()
        for ev in cal.walk("VEVENT"):
            uid = str(ev.get("UID"))
            if uid in seen:
                problems.append("%s: UID %s twice" % (name, uid))
            seen.add(uid)
            if int(ev.get("SEQUENCE")) != a.version:
                problems.append("%s: %s SEQUENCE %s" % (name, uid,
                                                        ev.get("SEQUENCE")))
            for key in ("DTSTART", "DTEND"):
                if ev[key].params.get("TZID") != "Europe/London":
                    problems.append("%s: %s %s not in Europe/London"
                                    % (name, uid, key))
            if str(ev.get("STATUS")) == "CANCELLED":
                n_cancelled += 1
                if uid in want:
                    problems.append("%s: %s cancelled but rostered"
                                    % (name, uid))
                continue
            n_events += 1
            r = want.get(uid)
            if r is None:
                problems.append("%s: event %s is not in roster.csv"
                                % (name, uid))
                continue
            day = dt.date.fromisoformat(r["date"])
            start = dt.datetime.combine(day, dt.time.fromisoformat(r["start"]))
            end = dt.datetime.combine(day, dt.time.fromisoformat(r["end"]))
            if local(ev.decoded("DTSTART")) != start:
                problems.append("%s: %s starts %s, not %s"
                                % (name, uid, ev.decoded("DTSTART"), start))
            if local(ev.decoded("DTEND")) != end:
                problems.append("%s: %s ends %s, not %s"
                                % (name, uid, ev.decoded("DTEND"), end))
            summary = str(ev.get("SUMMARY"))
            if not summary.startswith(r["activity"]) or \
                    not summary.endswith(" at " + r["site_id"]):
                problems.append("%s: %s SUMMARY %r" % (name, uid, summary))
            location = str(ev.get("LOCATION"))
            if not location.startswith(r["site_id"]) or \
                    r["room_id"] not in location:
                problems.append("%s: %s LOCATION %r" % (name, uid, location))
            if "Activity: " + r["activity"] not in str(ev.get("DESCRIPTION")):
                problems.append("%s: %s DESCRIPTION lacks the activity"
                                % (name, uid))
        for uid in want:
            if uid not in seen:
                problems.append("%s: no event %s" % (name, uid))
    if n_events != len(rows):
        problems.append("%d confirmed events for %d roster rows"
                        % (n_events, len(rows)))
    if a.cancelled is not None and n_cancelled != a.cancelled:
        problems.append("%d cancelled events, expected %d"
                        % (n_cancelled, a.cancelled))
    for p in problems[:50]:
        print(p)
    if problems:
        return 1
    print("ok: %d calendars, %d events, %d cancelled"
          % (len(files), n_events, n_cancelled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
