#!/usr/bin/env python3
"""Checks `mskrota export --format html` against the CSV export of the same
run, with the standard library's HTML parser.

    check_html.py ROSTER_HTML CSV_DIR

The page must be self-contained (no script element, no event-handler
attribute, no src, link, @import or url(), no http link) and hold every
session of roster.csv exactly once in its site's calendar ("name (room)
activity[: specialty]") and once in its person's ("activity[: specialty]
at site[ (room)]"), under the right day and period; one satisfaction bar
per row of satisfaction.csv; one heatmap cell per session short of cover.
Prints "ok: ..." and exits 0, or prints each problem and exits 1.
"""
import collections
import csv
import html.parser
import os
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []                 # open sections' ids
        self.date = None
        self.period = None
        self.in_pn = False
        self.li = None                  # text of the open <li>
        self.items = collections.Counter()
        self.bars = 0
        self.heat_cells = 0
        self.in_heat = False
        self.in_style = False
        self.style = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.problems.append("a script element")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append("event handler %s=%r" % (k, v))
            if k in ("src", "srcset") or (k == "href" and v and
                                          not v.startswith("#")):
                self.problems.append("external reference %s=%r" % (k, v))
        if tag in ("link", "iframe", "object", "embed", "img"):
            self.problems.append("a %s element" % tag)
        if tag == "style":
            self.in_style = True
        if tag == "section":
            self.stack.append(a.get("id", ""))
        elif tag == "td":
            self.date = a.get("data-date")
            self.period = None
            if self.in_heat and a.get("class", "h0") != "h0":
                self.heat_cells += 1
        elif tag == "span" and a.get("class") == "pn":
            self.in_pn = True
            self.period = ""
        elif tag == "li" and self.date is not None:
            self.li = ""
        elif tag == "rect" and a.get("class") == "s":
            self.bars += 1
        elif tag == "table" and a.get("id") == "heatmap":
            self.in_heat = True

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.stack.pop()
        elif tag == "span":
            self.in_pn = False
        elif tag == "style":
            self.in_style = False
        elif tag == "table":
            self.in_heat = False
        elif tag == "td":
            self.date = None
        elif tag == "li" and self.li is not None:
            sec = self.stack[-1] if self.stack else ""
            self.items[(sec, self.date, self.period, self.li)] += 1
            self.li = None

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        elif self.in_pn:
            self.period += data
        elif self.li is not None:
            self.li += data


def site_item(r):
    s = r["staff_name"]
    if r["room_id"]:
        s += " (%s)" % r["room_id"]
    s += " " + r["activity"]
    if r["specialty"]:
        s += ": " + r["specialty"]
    return s


def person_item(r):
    s = r["activity"]
    if r["specialty"]:
        s += ": " + r["specialty"]
    s += " at " + r["site_id"]
    if r["room_id"]:
        s += " (%s)" % r["room_id"]
    return s


def main():
    path, csv_dir = sys.argv[1], sys.argv[2]

    def read(name):
        with open(os.path.join(csv_dir, name), newline="",
                  encoding="utf-8") as f:
            return list(csv.DictReader(f))

    roster = read("roster.csv")
    satisfaction = read("satisfaction.csv")
    shortfalls = read("shortfalls.csv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    page = Page()
    page.feed(text)
    page.close()
    problems = page.problems
    for bad in ("url(", "@import", "http://", "https://"):
        if bad in page.style:
            problems.append("the style sheet holds %r" % bad)

    want = collections.Counter()
    for r in roster:
        want[("site-" + r["site_id"], r["date"], r["period"],
              site_item(r))] += 1
        want[("person-" + r["staff_id"], r["date"], r["period"],
              person_item(r))] += 1
    if page.items != want:
        extra = list((page.items - want).items())[:3]
        lost = list((want - page.items).items())[:3]
        problems.append("calendars differ from roster.csv: extra %r, "
                        "missing %r" % (extra, lost))
    rows_with_value = [r for r in satisfaction if r["satisfaction"] != ""]
    if page.bars != len(rows_with_value):
        problems.append("%d satisfaction bars for %d people"
                        % (page.bars, len(rows_with_value)))
    short = {(r["site_id"], r["date"], r["period"]) for r in shortfalls
             if r["kind"] == "cover"}
    if page.heat_cells != len(short):
        problems.append("%d heatmap cells for %d short sessions"
                        % (page.heat_cells, len(short)))
    for p in problems[:50]:
        print(p)
    if problems:
        return 1
    print("ok: %d calendar entries, %d bars, %d short sessions"
          % (sum(page.items.values()), page.bars, page.heat_cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
