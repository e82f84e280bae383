#!/usr/bin/env python3
"""Generate a realistic MSK service in the input format of SPEC.md.

Benchmarks need services of any size that look like real ones and that a
correct engine can always roster: every generated service satisfies the hard
rules of SPEC section 4 (contracts fit working patterns, hard cover can be met
in every session even with the generated leave and absence) and its soft cover
is sized to be tight but possible (checked with a max-flow relaxation).

Output is deterministic for (staff, seed, month): the service structure
depends on (staff, seed) only, the month's files on (staff, seed, month).

    python3 benchmarks/gen_service.py --staff 60 --seed 1 --month 2026-12 --out DIR
    python3 benchmarks/gen_service.py --size M --out DIR [--absence]

Python 3 standard library only. See benchmarks/README.md for the proportions.
"""
import argparse
import datetime as dt
import math
import os
import random
import sys

sys.dont_write_bytecode = True   # keep benchmarks/ free of __pycache__
from gen_common import (ADVISER_ROLES, CLINIC_ROLES, CLINICIAN_ROLES,
                        FCP_SESSIONS, FIRST, LAST, MAX_PER_DAY,
                        NEW_CLIENTS_MAX, PERIODS, RULES, SENIOR_SHARE, SIZES,
                        SPECIALISMS, STAFF_PER_SITE, Deciles, Flow, Month,
                        fmt_days, largest_remainder, wchoice, write)
from gen_month import MonthFiles


# --- the service -----------------------------------------------------------

class Service:
    """Everything in service.yaml, plus positions used to pick nearby sites."""

    def __init__(self, nstaff, seed, name, fcp=FCP_SESSIONS,
                 per_site=STAFF_PER_SITE):
        self.nstaff, self.seed, self.fcp = nstaff, seed, fcp
        self.per_site = per_site
        self.name = name or "Generated MSK service %d/%d" % (nstaff, seed)
        self.rng = random.Random("service:%d:%d" % (nstaff, seed))
        self.sites, self.pcns, self.staff, self.cover = [], [], [], []
        self.site = {}

    # sites ------------------------------------------------------------------
    def make_sites(self):
        rng, n = self.rng, self.nstaff
        nsites = max(1, round(n / self.per_site))
        if n >= 16:
            nsites = max(2, nsites)
        nhubs = max(1, round(nsites / 3))
        side = 10.0 * math.sqrt(nsites)
        deciles = Deciles(rng)
        for i in range(nsites):
            hub = i < nhubs
            k = (i + 1) if hub else (i - nhubs + 1)
            eve = hub or rng.random() < 0.5
            s = {"id": ("hub-%d" % k) if hub else ("community-%d" % k),
                 "name": ("MSK Hub %d" % k) if hub else
                         ("Community Centre %d" % k),
                 "kind": "hub" if hub else "community",
                 "short": ("h%d" % k) if hub else ("cc%d" % k),
                 "imd": deciles.pop(), "eve": eve,
                 "sat": hub and rng.random() < 0.7,
                 "gym": 1 if hub else (1 if rng.random() < 0.4 else 0),
                 "pos": (rng.uniform(0, side), rng.uniform(0, side)) if i
                 else (side / 2, side / 2), "pcn": None}
            self.add_site(s)
        self.centres = [s for s in self.sites]
        npcn = max(1, round(n / 10))
        for j in range(npcn):
            c = self.centres[rng.randrange(len(self.centres))]
            pos = (c["pos"][0] + rng.uniform(-6, 6),
                   c["pos"][1] + rng.uniform(-6, 6))
            p = {"id": "pcn-%d" % (j + 1), "name": "PCN %d" % (j + 1),
                 "req": rng.randint(*self.fcp), "pos": pos, "practices": []}
            self.pcns.append(p)
            for q in range(rng.randint(2, 5)):
                s = {"id": "practice-%d-%d" % (j + 1, q + 1),
                     "name": "Surgery %d.%d" % (j + 1, q + 1),
                     "kind": "practice", "short": "pr%d-%d" % (j + 1, q + 1),
                     "imd": deciles.pop(), "pcn": p["id"],
                     "pos": (pos[0] + rng.uniform(-2, 2),
                             pos[1] + rng.uniform(-2, 2))}
                self.add_site(s)
                p["practices"].append(s["id"])
        self.add_site({"id": "remote", "name": "Remote (phone/video)",
                       "kind": "remote", "pcn": None, "pos": None})

    def add_site(self, s):
        self.sites.append(s)
        self.site[s["id"]] = s

    def site_open(self, sid, date, period):
        s = self.site[sid]
        wd = date.weekday()
        if s["kind"] in ("practice", "remote"):
            return wd < 5 and period in ("am", "pm")
        if wd < 5:
            return period in ("am", "pm") or (period == "eve" and s["eve"])
        return wd == 5 and s["sat"] and period == "am"

    @staticmethod
    def dist(a, b):
        return math.hypot(a[0] - b[0], a[1] - b[1])

    def nearby(self, sid):
        here = self.site[sid]["pos"]
        others = [c for c in self.centres if c["id"] != sid]
        others.sort(key=lambda c: (self.dist(here, c["pos"]), c["id"]))
        return [c["id"] for c in others]

    # staff ------------------------------------------------------------------
    def person_name(self, used):
        rng = self.rng
        for _ in range(50):
            nm = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            if nm not in used:
                break
        used.add(nm)
        return nm

    def contract(self, adviser_role=None):
        rng = self.rng
        if adviser_role == "sea":
            spw = rng.choice([4, 4, 6])
        elif adviser_role == "ea":
            spw = wchoice(rng, [(10, 70), (8, 20), (6, 10)])
        else:
            spw = wchoice(rng, [(10, 68), (8, 12), (6, 11), (4, 9)])
        if spw == 10:
            nd = 5
        elif spw == 8:
            nd = rng.choice([4, 5])
        elif spw == 6:
            nd = wchoice(rng, [(3, 60), (4, 25), (5, 15)])
        else:
            nd = wchoice(rng, [(2, 40), (3, 40), (5, 20)])
        days = sorted(rng.sample(range(5), nd))
        return spw, days

    def make_staff(self):
        rng, n = self.rng, self.nstaff
        nadv = 0 if n < 5 else math.ceil(n / 15)
        nsea = 0 if nadv < 2 else max(1, round(nadv / 4))
        ncl = n - nadv
        counts = largest_remainder(ncl, [0.70, 0.12, 0.10, 0.08])
        if counts[0] == 0:
            counts[0], counts[1] = 1, counts[1] - 1
        roles = []
        for r, c in zip(CLINICIAN_ROLES, counts):
            roles += [r] * c
        rng.shuffle(roles)
        # Home sites: hubs weigh more; every site gets clinicians.
        weights = [1.6 if c["kind"] == "hub" else 1.0 for c in self.centres]
        tot = sum(weights)
        per = largest_remainder(ncl, [w / tot for w in weights])
        homes = []
        for c, k in zip(self.centres, per):
            homes += [c["id"]] * k
        rng.shuffle(homes)
        used = set()
        width = max(3, len(str(n)))
        for i in range(ncl):
            role = roles[i]
            spw, days = self.contract()
            p = {"id": "s%0*d" % (width, i + 1), "name": self.person_name(used),
                 "role": role, "skills": [], "spec": None, "spw": spw,
                 "days": days, "periods": ["am", "pm"], "max_eve": 0,
                 "home": homes[i], "near": [], "practices": [],
                 "remote": role in ("physio", "ot")}
            self.staff.append(p)
        physios = [p for p in self.staff if p["role"] == "physio"]
        nfcp = round(0.4 * len(physios))
        fcp_ids = set(p["id"] for p in rng.sample(physios, nfcp))
        for p in self.staff:
            r = p["role"]
            sk = []
            if r == "physio":
                if p["id"] in fcp_ids:
                    sk.append("fcp")
                if rng.random() < 0.30:
                    sk.append("group")
                if rng.random() < 0.90:
                    sk.append("fit_note")
            elif r == "ot":
                if rng.random() < 0.70:
                    sk.append("fit_note")
            elif r == "set":
                if rng.random() < 0.50:
                    sk.append("group")
            elif r == "ti":
                sk.append("group")   # else a ti could do nothing but admin
            p["skills"] = sk
        cands = [p for p in self.staff if p["role"] in CLINIC_ROLES]
        for p in rng.sample(cands, round(len(cands) / 3)):
            p["spec"] = wchoice(rng, SPECIALISMS[p["role"]])
        # Nearby sites and evenings.
        for p in self.staff:
            near = self.nearby(p["home"])
            if p["role"] in ("physio", "ot"):
                k = wchoice(rng, [(1, 50), (2, 35), (3, 15)])
            else:
                k = wchoice(rng, [(0, 40), (1, 40), (2, 20)])
            p["near"] = near[:k]
            if p["role"] == "ti" and not any(
                    self.site[s]["gym"] for s in [p["home"]] + p["near"]):
                # a ti only runs groups: give them a gym to run them in
                p["near"] += [s for s in near if self.site[s]["gym"]][:1]
            eve_sites = [s for s in [p["home"]] + p["near"]
                         if self.site[s]["eve"]]
            if p["role"] in CLINIC_ROLES and eve_sites and rng.random() < 0.22:
                p["periods"] = ["am", "pm", "eve"]
                p["max_eve"] = rng.choice([2, 3, 4, 4, 6])
        self.assign_pcns()
        # Advisers: mostly at hubs, one nearby site sometimes.
        hubs = [c["id"] for c in self.centres if c["kind"] == "hub"]
        for j in range(nadv):
            role = "sea" if j < nsea else "ea"
            spw, days = self.contract(role)
            home = hubs[j % len(hubs)] if rng.random() < 0.75 or \
                len(self.centres) == 1 else rng.choice(self.centres)["id"]
            near = self.nearby(home)
            p = {"id": "s%0*d" % (width, ncl + j + 1),
                 "name": self.person_name(used), "role": role, "skills": [],
                 "spec": None, "spw": spw, "days": days,
                 "periods": ["am", "pm"], "max_eve": 0, "home": home,
                 "near": near[:1] if near and rng.random() < 0.6 else [],
                 "practices": [], "remote": False}
            self.staff.append(p)
        for p in self.staff:
            p["sites"] = [p["home"]] + p["near"] + p["practices"] + \
                (["remote"] if p["remote"] else [])

    def assign_pcns(self):
        """Give each PCN fcp physios with its practices among their sites:
        at least two where possible, with enough contracted time for about
        twice the PCN's weekly FCP sessions."""
        rng = self.rng
        fcp = [p for p in self.staff if "fcp" in p["skills"]]
        home_pos = lambda p: self.site[p["home"]]["pos"]
        assigned = {}
        for pcn in sorted(self.pcns, key=lambda q: -q["req"]):
            got, cap = 0, 0.0
            while got < 2 or cap < 2 * pcn["req"]:
                free = [p for p in fcp if p["id"] not in assigned]
                if not free:
                    # Train the nearest physio in FCP rather than starve a PCN.
                    free = [p for p in self.staff if p["role"] == "physio"
                            and "fcp" not in p["skills"]]
                    if not free:
                        break
                    best = min(free, key=lambda p: (
                        self.dist(home_pos(p), pcn["pos"]), p["id"]))
                    best["skills"].insert(0, "fcp")
                    fcp.append(best)
                else:
                    best = min(free, key=lambda p: (
                        self.dist(home_pos(p), pcn["pos"]), p["id"]))
                assigned[best["id"]] = [pcn]
                got += 1
                cap += 0.5 * best["spw"]
        for p in fcp:
            byd = sorted(self.pcns, key=lambda q: (
                self.dist(home_pos(p), q["pos"]), q["id"]))
            lst = assigned.setdefault(p["id"], [byd[0]])
            if len(byd) > 1 and rng.random() < 0.25:
                other = [q for q in byd if q not in lst][0]
                lst.append(other)
            for q in lst:
                pr = q["practices"]
                k = min(len(pr), rng.randint(2, 4))
                p["practices"] += sorted(rng.sample(pr, k))

    # eligibility ------------------------------------------------------------
    @staticmethod
    def holds(p, skill):
        """SPEC.md 3: a skill is held as the specialism or among skills."""
        return skill == p["spec"] or skill in p["skills"]

    def can(self, p, activity, sid, specialty=None):
        r = p["role"]
        if sid not in p["sites"]:
            return False
        kind = self.site[sid]["kind"]
        if activity in ("clinic", "drop_in"):
            if r not in CLINIC_ROLES or kind not in ("hub", "community"):
                return False
            return specialty is None or self.holds(p, specialty)
        if activity == "group":
            return r in ("physio", "set", "ti") and \
                self.holds(p, "group") and \
                kind in ("hub", "community") and self.site[sid]["gym"] > 0
        if activity == "fcp":
            return r == "physio" and "fcp" in p["skills"] and \
                kind == "practice"
        if activity == "triage":
            return r in ("physio", "ot") and kind == "remote"
        if activity == "ea":
            return r in ADVISER_ROLES and kind in ("hub", "community")
        return False

    @staticmethod
    def works(p, date, period, off=None):
        if date.weekday() not in p["days"] or period not in p["periods"]:
            return False
        return not (off and date in off.get(p["id"], ()))

    def due(self, p, week, closed, off=None):
        a = sum(1 for d in week if d.weekday() in p["days"]
                and d not in closed
                and not (off and d in off.get(p["id"], ())))
        return int(math.floor(p["spw"] * a / len(p["days"]) + 0.5))

    # cover ------------------------------------------------------------------
    def clinic_capacity(self, sid):
        """Contracted sessions a week of the clinic-capable staff based here."""
        return sum(p["spw"] for p in self.staff
                   if p["home"] == sid and p["role"] in CLINIC_ROLES)

    def make_cover(self, ratio):
        """Cover entries using about `ratio` of the clinicians' contracted
        sessions (with the PCNs' FCP sessions)."""
        rng = random.Random("cover:%d:%d" % (self.nstaff, self.seed))
        cover = []
        clin = [p for p in self.staff if p["role"] in CLINICIAN_ROLES]
        total = sum(p["spw"] for p in clin)
        # Remote triage: hard, only where enough triage-capable staff exist.
        tri = [p for p in self.staff if p["remote"]]
        tri_min = 0
        for m in (2, 1):
            if m == 2 and len(tri) < 25:
                continue
            if all(sum(1 for p in tri if self.works(p, dt.date(2026, 11, 30)
                       + dt.timedelta(wd), per)) >= m + 2
                   for wd in range(5) for per in ("am", "pm")):
                tri_min = m
                break
        tri_soft = 0
        if self.nstaff >= 100:
            tri_soft = max(tri_min + 1, round(0.05 * sum(
                p["spw"] for p in tri) / 10))
        used = 10 * max(tri_min, tri_soft) + sum(q["req"] for q in self.pcns)
        extra = []
        # Drop-ins, groups, evening drop-ins.
        eve_sites = []
        for c in self.centres:
            sid = c["id"]
            if c["kind"] == "hub" or rng.random() < 0.4:
                days = sorted(rng.sample(range(5), rng.choice([1, 2, 2, 3])))
                extra.append({"site": sid, "activity": "drop_in",
                              "days": days, "periods": [rng.choice(
                                  ["am", "pm"])], "min": 1})
            grp = [p for p in self.staff if self.can(p, "group", sid)]
            if grp:
                days = sorted(rng.sample(range(5), 1 if len(grp) < 3 else 2))
                per = rng.choice(["am", "pm"])
                ok = [d for d in days if any(self.works(p, self.some(d), per)
                                              for p in grp)]
                if ok:
                    extra.append({"site": sid, "activity": "group",
                                  "days": ok, "periods": [per],
                                  "min": 2 if len(grp) >= 6 else 1})
            evs = [p for p in self.staff if "eve" in p["periods"] and
                   self.can(p, "drop_in", sid)]
            if c["eve"] and len(evs) >= 2:
                eve_sites.append((sid, evs))
        rng.shuffle(eve_sites)
        eve_sites.sort(key=lambda x: -len(x[1]))
        for sid, evs in eve_sites[:max(1, round(len(self.centres) / 3))]:
            cap = sum(p["max_eve"] for p in evs)
            days = [d for d in range(5) if sum(
                1 for p in evs if d in p["days"]) >= 1]
            if not days or cap < 10:
                continue
            extra.append({"site": sid, "activity": "drop_in",
                          "days": [rng.choice(days)], "periods": ["eve"],
                          "min": 1, "weight": 50})
        for e in extra:
            used += e["min"] * len(e["days"]) * len(e["periods"])
        budget = max(0.0, ratio * total - used)
        caps = {c["id"]: self.clinic_capacity(c["id"]) for c in self.centres}
        ctot = sum(caps.values()) or 1
        for c in self.centres:
            sid = c["id"]
            m = max(1, round(budget * caps[sid] / ctot / 10))
            cover.append({"site": sid, "activity": "clinic",
                          "days": list(range(5)), "periods": ["am", "pm"],
                          "min": m})
            cover += [e for e in extra if e["site"] == sid]
        # Specialty clinics where specialists are based.
        for c in self.centres:
            sid = c["id"]
            specs = sorted(set(p["spec"] for p in self.staff
                               if p["home"] == sid and p["spec"]))
            for sp in specs:
                who = [p for p in self.staff
                       if self.can(p, "clinic", sid, sp)]
                opts = []
                for d in range(5):
                    for per in ("am", "pm"):
                        k = sum(1 for p in who
                                if self.works(p, self.some(d), per))
                        if k:
                            opts.append((-min(k, 2), d, per))
                if not opts:
                    continue
                rng.shuffle(opts)
                opts.sort(key=lambda o: o[0])
                best = opts[0][0]
                pick = [o for o in opts if o[0] == best]
                ndays = 2 if len(who) >= 3 and len(pick) >= 2 else 1
                per = pick[0][2]      # pick is shuffled: any weekday
                days = []
                for o in pick:
                    if o[2] == per and o[1] not in days:
                        days.append(o[1])
                days = sorted(days[:ndays])
                cover.append({"site": sid, "activity": "clinic",
                              "specialty": sp, "days": days,
                              "periods": [per], "min": 1})
        if tri_min:
            cover.append({"site": "remote", "activity": "triage",
                          "days": list(range(5)), "periods": ["am", "pm"],
                          "min": tri_min, "hard": True})
        if tri_soft:
            cover.append({"site": "remote", "activity": "triage",
                          "days": list(range(5)), "periods": ["am", "pm"],
                          "min": tri_soft, "weight": 80})
        self.cover = cover
        # Rooms: clinic cover fits with room to spare for drop-ins and advice.
        for c in self.centres:
            sid = c["id"]
            cm = sum(e["min"] for e in cover if e["site"] == sid and
                     e["activity"] == "clinic" and "specialty" not in e)
            dm = max([e["min"] for e in cover if e["site"] == sid and
                      e["activity"] == "drop_in"] + [0])
            home = sum(1 for p in self.staff if p["home"] == sid and
                       p["role"] in CLINIC_ROLES)
            c["treatment"] = max(2, cm + dm + math.ceil(0.2 * home) + 1)
            adv = sum(1 for p in self.staff if p["home"] == sid and
                      p["role"] in ADVISER_ROLES)
            c["consult"] = (1 + adv) if c["kind"] == "hub" else \
                (1 if adv == 0 else adv)
            if c["kind"] == "hub" and home > 20:
                c["gym"] = 2

    @staticmethod
    def some(wd):
        """A date with weekday wd (patterns repeat weekly)."""
        return dt.date(2026, 11, 30) + dt.timedelta(wd)

    def cover_person_sessions(self, month):
        """Person-sessions a month the cover entries (and PCNs) ask for."""
        tot = 0
        for e in self.cover:
            if "specialty" in e:
                continue        # nested inside the site's clinic entry
            for d in month.open_dates():
                for per in e["periods"]:
                    if d.weekday() in e["days"] and \
                            self.site_open(e["site"], d, per):
                        tot += e["min"]
        tri = [e["min"] for e in self.cover if e["activity"] == "triage"]
        if len(tri) > 1:      # the hard and soft triage entries overlap
            tot -= min(tri) * sum(1 for d in month.open_dates()
                                  if d.weekday() < 5) * 2
        for w in month.weeks:
            d = sum(1 for x in w if x.weekday() < 5 and
                    x not in month.closed_set)
            tot += sum(math.ceil(q["req"] * d / 5) for q in self.pcns)
        return tot

    def capacity(self, month):
        return sum(self.due(p, w, month.closed_set) for w in month.weeks
                   for p in self.staff if p["role"] in CLINICIAN_ROLES)

    # feasibility ------------------------------------------------------------
    def week_flow(self, week, closed, off, hard_only):
        """Max flow of the cover (and PCN) demand of one week against the
        staff's weekly due. Returns (demand, flow)."""
        f = Flow()
        src, snk = f.node(), f.node()
        ps = {}
        staff = [p for p in self.staff if p["role"] in CLINICIAN_ROLES]

        def psn(p, d, per):
            k = (p["id"], d, per)
            if k not in ps:
                ps[k] = f.node()
                f.edge(ps[k], pw[p["id"]], 1)
            return ps[k]

        pw = {}
        for p in staff:
            pw[p["id"]] = f.node()
            f.edge(pw[p["id"]], snk, self.due(p, week, closed, off))
        demand = 0
        days = [d for d in week if d not in closed]
        entries = [e for e in self.cover if e.get("hard") or not hard_only]
        for d in days:
            for per in ("am", "pm", "eve"):
                spec_at = {}
                for e in entries:
                    if "specialty" in e and d.weekday() in e["days"] and \
                            per in e["periods"]:
                        spec_at[e["site"]] = spec_at.get(e["site"], 0) + \
                            e["min"]
                # triage entries overlap: only the largest counts
                tri = [e for e in entries if e["activity"] == "triage"]
                tri_top = max(tri, key=lambda e: e["min"]) if tri else None
                for e in entries:
                    if d.weekday() not in e["days"] or \
                            per not in e["periods"] or \
                            not self.site_open(e["site"], d, per):
                        continue
                    if e["activity"] == "triage" and e is not tri_top:
                        continue
                    need = e["min"]
                    if e["activity"] == "clinic" and "specialty" not in e:
                        need = max(0, need - spec_at.get(e["site"], 0))
                    if need <= 0:
                        continue
                    dn = f.node()
                    f.edge(src, dn, need)
                    demand += need
                    for p in staff:
                        if self.works(p, d, per, off) and self.can(
                                p, e["activity"], e["site"],
                                e.get("specialty")):
                            f.edge(dn, psn(p, d, per), 1)
        if not hard_only:
            nd = sum(1 for d in week if d.weekday() < 5 and d not in closed)
            for q in self.pcns:
                req = math.ceil(q["req"] * nd / 5)
                if not req:
                    continue
                qn = f.node()
                f.edge(src, qn, req)
                demand += req
                for sid in q["practices"]:
                    for d in days:
                        for per in ("am", "pm"):
                            if not self.site_open(sid, d, per):
                                continue
                            rn = f.node()
                            f.edge(qn, rn, 1)
                            for p in staff:
                                if self.works(p, d, per, off) and \
                                        self.can(p, "fcp", sid):
                                    f.edge(rn, psn(p, d, per), 1)
        return demand, f.run(src, snk)

    def check_hard(self, month, off):
        """Problems with the hard rules, given leave and absence `off`."""
        bad = []
        for p in self.staff:
            cap = len(p["days"]) * min(len(p["periods"]), MAX_PER_DAY)
            if p["spw"] > cap:
                bad.append("%s: %d sessions on %d days" %
                           (p["id"], p["spw"], len(p["days"])))
            if p["home"] not in p["sites"]:
                bad.append("%s: home site not among sites" % p["id"])
            if not any(self.can(p, act, sid) for sid in p["sites"] for act in
                       ("clinic", "group", "fcp", "triage", "ea")):
                bad.append("%s: can do nothing but admin" % p["id"])
        for e in self.cover:
            if not e.get("hard"):
                continue
            for d in month.open_dates():
                for per in e["periods"]:
                    if d.weekday() not in e["days"] or \
                            not self.site_open(e["site"], d, per):
                        continue
                    k = sum(1 for p in self.staff if self.works(p, d, per, off)
                            and self.can(p, e["activity"], e["site"]))
                    if k < e["min"]:
                        bad.append("%s %s %s: %d eligible for min %d" % (
                            e["site"], d, per, k, e["min"]))
        for w in month.weeks:
            dem, fl = self.week_flow(w, month.closed_set, off, True)
            if fl < dem:
                bad.append("week of %s: hard cover %d of %d" % (w[0], fl, dem))
        return bad

    def check_soft(self, month):
        """Worst share of the weekly cover and PCN demand that the staff
        could meet with no leave (relaxation: ignores sites per day, rooms
        and the monthly evening limit). Weeks with fewer than three open
        weekdays in the month are left out: there the pro-rata rounding of
        contracts and FCP sessions can make one person needed twice."""
        worst = 1.0
        for w in month.weeks:
            if sum(1 for d in w if d.weekday() < 5 and
                   d not in month.closed_set) < 3:
                continue
            dem, fl = self.week_flow(w, month.closed_set, None, False)
            if dem:
                worst = min(worst, fl / dem)
        return worst

    # output -----------------------------------------------------------------
    def yaml(self, month, argv):
        L = []
        L.append("# MSK service generated by benchmarks/gen_service.py %s" %
                 argv)
        L.append("# (names are fictional; format of SPEC.md).")
        L.append('service: {name: "%s", timezone: Europe/London}' % self.name)
        L.append("periods:")
        for pid, a, b in PERIODS:
            L.append('  - {id: %s, start: "%s", end: "%s"}' % (pid, a, b))
        L.append("closed_dates: [%s]" % ", ".join(
            d.isoformat() for d in month.closed))
        L.append("sites:")
        for s in self.sites:
            k = s["kind"]
            if k == "remote":
                L.append('  - {id: remote, name: "%s", kind: remote, '
                         'open: {mon-fri: [am, pm]}}' % s["name"])
                continue
            if k == "practice":
                L.append('  - {id: %s, name: "%s", kind: practice, pcn: %s, '
                         'imd_decile: %d, open: {mon-fri: [am, pm]}, rooms: '
                         '[{id: %s-c1, kind: consult}]}' % (
                             s["id"], s["name"], s["pcn"], s["imd"],
                             s["short"]))
                continue
            op = "mon-fri: [am, pm, eve]" if s["eve"] else "mon-fri: [am, pm]"
            if s["sat"]:
                op += ", sat: [am]"
            rooms = ["{id: %s-t%d, kind: treatment}" % (s["short"], i + 1)
                     for i in range(s["treatment"])]
            rooms += ["{id: %s-gym%s, kind: gym}" % (
                s["short"], "" if i == 0 else str(i + 1))
                for i in range(s["gym"])]
            rooms += ["{id: %s-c%d, kind: consult}" % (s["short"], i + 1)
                      for i in range(s["consult"])]
            L.append('  - {id: %s, name: "%s", kind: %s, imd_decile: %d, '
                     'open: {%s}, rooms: [%s]}' % (
                         s["id"], s["name"], k, s["imd"], op,
                         ", ".join(rooms)))
        L.append("pcns:")
        for q in self.pcns:
            L.append('  - {id: %s, name: "%s", fcp_sessions_per_week: %d}' %
                     (q["id"], q["name"], q["req"]))
        L.append("staff:")
        for p in self.staff:
            f = ["id: %s" % p["id"], 'name: "%s"' % p["name"],
                 "role: %s" % p["role"],
                 "skills: [%s]" % ", ".join(p["skills"]),
                 "sessions_per_week: %d" % p["spw"],
                 "days: %s" % fmt_days(p["days"]),
                 "periods: [%s]" % ", ".join(p["periods"]),
                 "home_site: %s" % p["home"],
                 "sites: [%s]" % ", ".join(p["sites"])]
            if p["spec"]:
                f.append("specialism: %s" % p["spec"])
            if p["max_eve"]:
                f.append("max_evenings: %d" % p["max_eve"])
            L.append("  - {%s}" % ", ".join(f))
        L.append("cover:")
        for e in self.cover:
            f = ["site: %s" % e["site"], "activity: %s" % e["activity"]]
            if "specialty" in e:
                f.append("specialty: %s" % e["specialty"])
            f += ["days: %s" % fmt_days(e["days"]),
                  "periods: [%s]" % ", ".join(e["periods"]),
                  "min: %d" % e["min"]]
            if "weight" in e:
                f.append("weight: %d" % e["weight"])
            if e.get("hard"):
                f.append("hard: true")
            L.append("  - {%s}" % ", ".join(f))
        L.append("rules:")
        for k, v in RULES:
            L.append("  %s: %s" % (k, v))
        L.append("employment_advice:")
        L.append("  new_clients_per_adviser_max: %d" % NEW_CLIENTS_MAX)
        L.append("  senior_share: %.2f" % SENIOR_SHARE)
        L.append("  first_appointment_within_days: 10")
        L.append("weights: {cover: 100, pcn: 200, demand: 1, deprivation: 0.1, "
                 "preference: 50, fairness: 200, specialism: 20, "
                 "ea_unallocated: 50, change: 30, carry_over: 0.5}")
        return "\n".join(L) + "\n"


# --- driver ------------------------------------------------------------------

def build(nstaff, seed, month, name, fcp=FCP_SESSIONS,
          per_site=STAFF_PER_SITE):
    svc = Service(nstaff, seed, name, fcp, per_site)
    svc.make_sites()
    svc.make_staff()
    ratio = random.Random("ratio:%d:%d" % (nstaff, seed)).uniform(0.62, 0.72)
    for _ in range(12):
        svc.make_cover(ratio)
        worst = svc.check_soft(month)
        if worst >= 1.0:
            break
        ratio *= 0.93
    return svc, worst


def take_leavers(svc, month, k, seed):
    """Takes up to k clinicians out after the cover was sized for them:
    people who left and are not yet replaced, so the month is short of
    staff (cover shortfalls, and requests that lose). Nobody whose going
    would break a hard rule, or leave a cover entry's specialty with no
    one who holds it (the service would have dropped that entry), goes.
    Returns the ids of those who went."""
    rng = random.Random("leavers:%d:%d" % (svc.nstaff, seed))
    order = [p for p in svc.staff if p["role"] in CLINICIAN_ROLES]
    rng.shuffle(order)
    gone = []
    for p in order:
        if len(gone) == k:
            break
        at = svc.staff.index(p)
        del svc.staff[at]
        held = all(any(svc.holds(q, e["specialty"]) for q in svc.staff)
                   for e in svc.cover if "specialty" in e)
        if not held or svc.check_hard(month, None):
            svc.staff.insert(at, p)
        else:
            gone.append(p["id"])
    return gone


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--staff", type=int)
    ap.add_argument("--size", choices=sorted(SIZES))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--month", default="2026-12")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", help="service name (default: generated)")
    ap.add_argument("--absence", action="store_true",
                    help="also write absence.yaml (sickness after publication)")
    ap.add_argument("--fcp-sessions", default="%d-%d" % FCP_SESSIONS,
                    metavar="LO-HI", help="FCP sessions a PCN contracts a "
                    "week, drawn in LO-HI (default %(default)s)")
    ap.add_argument("--leavers", type=int, default=0, metavar="K",
                    help="take K clinicians out after the cover was sized "
                    "(a month short of staff)")
    ap.add_argument("--staff-per-site", type=float, default=STAFF_PER_SITE,
                    metavar="N", help="staff per hub or community site "
                    "(default %(default)s; fewer: more, smaller venues)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if (a.staff is None) == (a.size is None):
        ap.error("give exactly one of --staff and --size")
    n = a.staff if a.staff is not None else SIZES[a.size]
    if n < 4:
        ap.error("--staff must be at least 4")
    if a.name and any(c in a.name for c in '"\\\n'):
        ap.error("--name must not contain quotes, backslashes or newlines")
    try:
        month = Month(a.month)
    except (ValueError, IndexError):
        ap.error("--month must be YYYY-MM")
    try:
        fcp = tuple(int(v) for v in a.fcp_sessions.split("-"))
        if len(fcp) != 2 or not 0 <= fcp[0] <= fcp[1] <= 50:
            raise ValueError
    except ValueError:
        ap.error("--fcp-sessions must be LO-HI, 0 <= LO <= HI <= 50")
    if a.leavers < 0 or a.leavers >= n:
        ap.error("--leavers must be at least 0 and below the staff count")
    if not 2 <= a.staff_per_site <= 100:
        ap.error("--staff-per-site must be between 2 and 100")
    svc, worst = build(n, a.seed, month, a.name, fcp, a.staff_per_site)
    gone = take_leavers(svc, month, a.leavers, a.seed) if a.leavers else []
    met = svc.check_soft(month) if gone else worst   # reported, not required
    mf = MonthFiles(svc, month)
    prefs, leave = mf.preferences()
    problems = svc.check_hard(month, leave)
    if len(gone) < a.leavers:
        problems.append("only %d of %d clinicians can leave without breaking "
                        "a hard rule" % (len(gone), a.leavers))
    if worst < 1.0:
        problems.append("soft cover: only %.0f%% can be met in the worst week"
                        % (100 * worst))
    nabs = 0
    absence_text = None
    if a.absence:
        absence_text, off, nabs = mf.absence(leave)
        problems += svc.check_hard(month, off)
    if problems:
        for pr in problems[:20]:
            print("gen_service: infeasible: %s" % pr, file=sys.stderr)
        return 1
    cmd = "--staff %d --seed %d --month %s" % (n, a.seed, a.month)
    if a.name:
        cmd += ' --name "%s"' % a.name
    if fcp != FCP_SESSIONS:
        cmd += " --fcp-sessions %d-%d" % fcp
    if a.leavers:
        cmd += " --leavers %d" % a.leavers
    if a.staff_per_site != STAFF_PER_SITE:
        cmd += " --staff-per-site %g" % a.staff_per_site
    mdir = os.path.join(a.out, "months", a.month)
    write(os.path.join(a.out, "service.yaml"), svc.yaml(month, cmd))
    write(os.path.join(mdir, "demand.yaml"), mf.demand())
    ref_text, nref = mf.referrals()
    write(os.path.join(mdir, "referrals.csv"), ref_text)
    pdir = os.path.join(mdir, "preferences")
    if os.path.isdir(pdir):
        for fn in os.listdir(pdir):
            if fn.endswith(".yaml") and fn[:-5] not in prefs:
                os.remove(os.path.join(pdir, fn))
    for sid, text in prefs.items():
        write(os.path.join(pdir, sid + ".yaml"), text)
    ab = os.path.join(mdir, "absence.yaml")
    if absence_text is not None:
        write(ab, absence_text)
    elif os.path.exists(ab):
        os.remove(ab)
    if not a.quiet:
        kinds = {}
        for s in svc.sites:
            kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
        adv = [p for p in svc.staff if p["role"] in ADVISER_ROLES]
        used, cap = svc.cover_person_sessions(month), svc.capacity(month)
        print("staff %d (advisers %d, sea %d); sites %d (hub %d, community "
              "%d, practice %d, remote %d); pcns %d; cover %d (hard %d); "
              "referrals %d; preference files %d (leave %d); absence %d; "
              "left %d; cover+fcp %.0f%% of clinical capacity; relaxation %.0f%%" % (
                  len(svc.staff), len(adv),
                  sum(1 for p in adv if p["role"] == "sea"),
                  len(svc.sites), kinds.get("hub", 0),
                  kinds.get("community", 0), kinds.get("practice", 0),
                  kinds.get("remote", 0), len(svc.pcns), len(svc.cover),
                  sum(1 for e in svc.cover if e.get("hard")), nref,
                  len(prefs), len(leave), nabs, len(gone),
                  100.0 * used / max(1, cap), 100.0 * met), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
