"""Shared pieces of the service generator (benchmarks/gen_service.py):
constants and proportions, UK bank holidays, the month's calendar, a small
max-flow used for the feasibility checks, and output helpers.

Python 3 standard library only.
"""
import calendar
import datetime as dt
import os
from collections import deque

WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SIZES = {"S": 16, "M": 60, "L": 150, "XL": 400}
PERIODS = [("am", "08:30", "12:30"), ("pm", "13:00", "17:00"),
           ("eve", "17:00", "20:00")]
CLINIC_ROLES = ("physio", "ot", "set")
CLINICIAN_ROLES = ("physio", "ot", "set", "ti")
ADVISER_ROLES = ("ea", "sea")
RULES = [("max_sessions_per_day", "2"), ("max_consecutive_days", "5"),
         ("min_rest_hours", "11"), ("max_sites_per_day", "1"),
         ("specialist_share", "0.2"), ("request_budget", "20"),
         ("session_buffer_minutes", "30"), ("request_deadline_day", "7")]
MAX_PER_DAY = 2
BUDGET = 20
NEW_CLIENTS_MAX = 10
SENIOR_SHARE = 0.10
FCP_SESSIONS = (2, 6)   # a PCN's weekly FCP contract, drawn in (--fcp-sessions)
STAFF_PER_SITE = 12     # staff per hub or community site (--staff-per-site)

FIRST = ["Amrita", "Ben", "Priya", "Ruth", "Shane", "Lena", "Raj", "Sara",
         "Ewan", "Peter", "Tom", "Lily", "Ada", "Omar", "Chloe", "Daniel",
         "Fatima", "George", "Hannah", "Imran", "Jess", "Kwame", "Laura",
         "Mohammed", "Niamh", "Olu", "Paula", "Rhys", "Sian", "Tariq", "Una",
         "Victor", "Wendy", "Yusuf", "Zara", "Aisha", "Callum", "Deepa",
         "Eleanor", "Finn", "Grace", "Harpreet", "Isla", "Jamal", "Katie",
         "Liam", "Megan", "Nadia", "Owen", "Rosa", "Sam", "Theo", "Wei"]
LAST = ["Shah", "Reid", "Smith", "Price", "Begum", "Jones", "Young",
        "Clarke", "Taylor", "Hughes", "Ahmed", "Brown", "Patel", "Evans",
        "Williams", "Khan", "Murphy", "Okafor", "Wilson", "Davies", "Singh",
        "Thomas", "Roberts", "Walker", "Wright", "Green", "Hall", "Ali",
        "Kelly", "Lewis", "Mensah", "Nowak", "O'Brien", "Chen", "Morgan",
        "Hussain", "Cooper", "Ward", "Bennett", "Fraser", "Kaur", "Owusu"]
SPECIALISMS = {
    "physio": [("spinal", 30), ("inflammatory", 14), ("osteoporosis", 12),
               ("shoulder", 12), ("knee", 10), ("paediatric", 8), ("hand", 5)],
    "ot": [("hand", 50), ("inflammatory", 30), ("paediatric", 20)],
    "set": [("sports", 50), ("knee", 25), ("shoulder", 25)],
}
PATHWAYS = [("fit_note", 30), ("pain", 20), ("spinal", 15),
            ("inflammatory", 12), ("osteoporosis", 10), ("shoulder", 13)]
EMPLOYMENT = [("in_work_at_risk", 35), ("off_sick", 35), ("out_of_work", 20),
              ("self_employed", 10)]


def wchoice(rng, pairs):
    """A weighted choice from [(value, weight), ...]."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def largest_remainder(total, shares):
    """Split the integer total by the float shares (sum 1)."""
    raw = [total * s for s in shares]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:total - sum(out)]:
        out[i] += 1
    return out

# --- calendar -------------------------------------------------------------

def easter(y):
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def bank_holidays(y):
    """England and Wales bank holidays of year y, with the weekend dates of
    New Year, Christmas and Boxing Day kept beside their substitute days."""
    out = set()

    def next_monday(d):
        while d.weekday() != 0:
            d += dt.timedelta(1)
        return d

    def last_monday(month):
        d = dt.date(y, month, calendar.monthrange(y, month)[1])
        while d.weekday() != 0:
            d -= dt.timedelta(1)
        return d

    ny = dt.date(y, 1, 1)
    out.add(ny)
    if ny.weekday() >= 5:
        out.add(next_monday(ny))
    e = easter(y)
    out.add(e - dt.timedelta(2))
    out.add(e + dt.timedelta(1))
    out.add(next_monday(dt.date(y, 5, 1)))
    out.add(last_monday(5))
    out.add(last_monday(8))
    xmas, boxing = dt.date(y, 12, 25), dt.date(y, 12, 26)
    out.update([xmas, boxing])
    # Substitutes: the first weekdays after the weekend not already holidays.
    subs = sum(1 for d in (xmas, boxing) if d.weekday() >= 5)
    d = dt.date(y, 12, 27)
    while subs:
        if d.weekday() < 5:
            out.add(d)
            subs -= 1
        d += dt.timedelta(1)
    return out


class Deciles:
    """IMD deciles drawn in shuffled blocks of 1..10, so they spread evenly."""

    def __init__(self, rng):
        self.rng, self.block = rng, []

    def pop(self):
        if not self.block:
            self.block = list(range(1, 11))
            self.rng.shuffle(self.block)
        return self.block.pop()


class Month:
    def __init__(self, text):
        y, m = text.split("-")
        self.text = text
        self.year, self.mon = int(y), int(m)
        n = calendar.monthrange(self.year, self.mon)[1]
        self.dates = [dt.date(self.year, self.mon, d) for d in range(1, n + 1)]
        self.closed = sorted(d for d in bank_holidays(self.year)
                             if d.year == self.year and d.month == self.mon)
        self.closed_set = set(self.closed)
        weeks = {}
        for d in self.dates:
            weeks.setdefault(d - dt.timedelta(d.weekday()), []).append(d)
        self.weeks = [weeks[k] for k in sorted(weeks)]
        self.first, self.last = self.dates[0], self.dates[-1]

    def open_dates(self):
        return [d for d in self.dates if d not in self.closed_set]


# --- max flow (Dinic) ------------------------------------------------------

class Flow:
    def __init__(self):
        self.adj, self.to, self.cap = [], [], []

    def node(self):
        self.adj.append([])
        return len(self.adj) - 1

    def edge(self, u, v, c):
        self.adj[u].append(len(self.to))
        self.to.append(v)
        self.cap.append(c)
        self.adj[v].append(len(self.to))
        self.to.append(u)
        self.cap.append(0)

    def run(self, s, t):
        total = 0
        while True:
            level = [-1] * len(self.adj)
            level[s] = 0
            q = deque([s])
            while q:
                u = q.popleft()
                for e in self.adj[u]:
                    if self.cap[e] > 0 and level[self.to[e]] < 0:
                        level[self.to[e]] = level[u] + 1
                        q.append(self.to[e])
            if level[t] < 0:
                return total
            it = [0] * len(self.adj)

            def dfs(u, f):
                if u == t:
                    return f
                while it[u] < len(self.adj[u]):
                    e = self.adj[u][it[u]]
                    v = self.to[e]
                    if self.cap[e] > 0 and level[v] == level[u] + 1:
                        got = dfs(v, min(f, self.cap[e]))
                        if got:
                            self.cap[e] -= got
                            self.cap[e ^ 1] += got
                            return got
                    it[u] += 1
                return 0

            while True:
                f = dfs(s, 1 << 30)
                if not f:
                    break
                total += f


def fmt_days(days):
    """A weekday list as written in SPEC.md: mon-fri or [tue, thu]."""
    if list(days) == [0, 1, 2, 3, 4]:
        return "mon-fri"
    return "[%s]" % ", ".join(WD[d] for d in days)


def write(path, text):
    """Write a file through a temporary name, so readers never see half."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
