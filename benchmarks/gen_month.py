"""The month's files of a generated service: demand.yaml, referrals.csv,
preferences/<id>.yaml and absence.yaml (see benchmarks/gen_service.py).

Leave and absence are only kept when the service's hard cover can still be
met in every session (Service.check_hard).
"""
import datetime as dt
import math
import random

from gen_common import (ADVISER_ROLES, BUDGET, EMPLOYMENT, NEW_CLIENTS_MAX,
                        PATHWAYS, WD, wchoice)

class MonthFiles:
    """Writes one month of a Service. Each file draws from its own random
    stream, so asking for absence.yaml changes no other file."""

    def __init__(self, svc, month):
        self.svc, self.m = svc, month

    def stream(self, name):
        return random.Random("%s:%d:%d:%s" % (name, self.svc.nstaff,
                                              self.svc.seed, self.m.text))

    def workdays(self, p, exclude=()):
        return [d for d in self.m.dates if d.weekday() in p["days"] and
                d not in self.m.closed_set and d not in exclude]

    def demand(self):
        svc, m, rng = self.svc, self.m, self.stream("demand")
        L = ["demand:"]
        for e in svc.cover:
            if e["activity"] != "clinic" or "specialty" in e or \
                    e["site"] == "remote":
                continue
            n = sum(1 for d in m.open_dates() for per in e["periods"]
                    if d.weekday() in e["days"] and
                    svc.site_open(e["site"], d, per))
            sessions = e["min"] * n * rng.uniform(1.05, 1.25)
            total = round(sessions * rng.uniform(4.6, 5.4))
            ini = round(total * rng.uniform(0.28, 0.36))
            L.append("  - {site: %s, type: initial, count: %d}" %
                     (e["site"], ini))
            L.append("  - {site: %s, type: follow_up, count: %d}" %
                     (e["site"], total - ini))
        for q in svc.pcns:
            req = 0
            for w in m.weeks:
                d = sum(1 for x in w if x.weekday() < 5 and
                        x not in m.closed_set)
                req += math.ceil(q["req"] * d / 5)
            L.append("  - {pcn: %s, type: fcp, count: %d}" % (
                q["id"], round(req * 10 * rng.uniform(0.85, 1.05))))
        return "\n".join(L) + "\n"

    def referrals(self):
        svc, m, rng = self.svc, self.m, self.stream("referrals")
        adv = [p for p in svc.staff if p["role"] in ADVISER_ROLES]
        L = ["id,referred_on,site,pathway,employment_status,adviser"]
        if not adv:
            return "\n".join(L) + "\n", 0
        nea = sum(1 for p in adv if p["role"] == "ea")
        nsea = len(adv) - nea
        cap = NEW_CLIENTS_MAX * nea + nsea
        n = round(rng.uniform(6, 9) * len(adv))
        n = max(0, min(n, cap - max(1, round(0.05 * cap))))
        sites = []
        for p in adv:
            sites += [s for s in p["sites"]]
        start = m.first - dt.timedelta(7)
        span = (m.last - start).days
        for i in range(n):
            d = start + dt.timedelta(rng.randint(0, span))
            a = ""
            if rng.random() < 0.08:
                eas = [p for p in adv if p["role"] == "ea"] or adv
                a = rng.choice(eas)["id"]
            L.append("R%d,%s,%s,%s,%s,%s" % (
                1000 + i, d.isoformat(), rng.choice(sites),
                wchoice(rng, PATHWAYS), wchoice(rng, EMPLOYMENT), a))
        return "\n".join(L) + "\n", n

    def activities(self, p):
        """(activity, site or None) pairs this person may be assigned."""
        svc, out = self.svc, []
        for act in ("clinic", "drop_in", "group", "fcp", "triage", "ea"):
            for sid in p["sites"]:
                if svc.can(p, act, sid):
                    out.append((act, sid))
        return out

    def preferences(self):
        """{staff id: text} and the leave they carry {staff id: set(dates)}."""
        self.rng = self.stream("preferences")
        svc, m, rng = self.svc, self.m, self.rng
        prev = m.first - dt.timedelta(1)
        files, leave, plans = {}, {}, []
        for p in svc.staff:
            if rng.random() >= 0.85:
                continue
            lv = []
            if rng.random() < 0.18:
                wds = self.workdays(p)
                if wds:
                    a = rng.choice(wds)
                    b = a + dt.timedelta(rng.randint(0, 6))
                    b = min(b, m.last)
                    lv.append((a, b, wchoice(rng, [("annual", 80),
                                                   ("study", 20)])))
            plans.append((p, lv))
        # Drop leave that would leave a hard cover entry short.
        for p, lv in plans:
            for a, b, _ in lv:
                days = set(a + dt.timedelta(i) for i in range((b - a).days + 1))
                leave.setdefault(p["id"], set()).update(days)
        for p, lv in reversed(plans):
            if lv and svc.check_hard(m, leave):
                lv.clear()
                leave.pop(p["id"], None)
        self.leave_plans = plans
        for p, lv in plans:
            off = leave.get(p["id"], set())
            files[p["id"]] = self.pref_file(p, lv, off, prev)
        return files, leave

    def pref_file(self, p, lv, off, prev):
        svc, m, rng = self.svc, self.m, self.rng
        late = rng.random() < 0.04
        sub = dt.date(prev.year, prev.month,
                      rng.randint(8, 12) if late else rng.randint(1, 7))
        L = ["staff: %s" % p["id"], "month: %s" % m.text,
             "submitted: %s" % sub.isoformat()]
        if lv:
            L.append("leave:")
            for a, b, k in lv:
                L.append("  - {from: %s, to: %s, kind: %s}" % (a, b, k))
        wds = self.workdays(p, off)
        acts = self.activities(p)
        reqs = []
        want = rng.randint(2, 5)
        for _ in range(4 * want):
            if len(reqs) == want:
                break
            kind = wchoice(rng, [("off", 30), ("avoid", 15), ("task", 20),
                                 ("location", 15), ("session", 20)])
            w = rng.randint(1, 5)
            r = None
            if kind == "off" and wds:
                if rng.random() < 0.15:
                    r = "{weekday: %s, off: true, weight: %d}" % (
                        WD[rng.choice(p["days"])], w)
                else:
                    r = "{date: %s, off: true, weight: %d}" % (
                        rng.choice(wds), w)
            elif kind == "avoid":
                per = rng.choice(p["periods"])
                if rng.random() < 0.25:
                    r = "{weekday: %s, period: %s, avoid: true, weight: %d}" % (
                        WD[rng.choice(p["days"])], per, w)
                else:
                    r = "{period: %s, avoid: true, weight: %d}" % (per, w)
            elif kind == "task" and acts:
                act = rng.choice(sorted(set(a for a, _ in acts)))
                k = rng.randint(2, 6) if act == "clinic" else rng.randint(1, 4)
                r = "{activity: %s, min_sessions: %d, weight: %d}" % (
                    act, k, w)
            elif kind == "location":
                sid = rng.choice(p["sites"])
                if rng.random() < 0.2:
                    r = "{weekday: %s, site: %s, period: %s, weight: %d}" % (
                        WD[rng.choice(p["days"])], sid,
                        rng.choice(["am", "pm"]), w)
                else:
                    r = "{weekday: %s, site: %s, weight: %d}" % (
                        WD[rng.choice(p["days"])], sid, w)
            elif kind == "session" and wds:
                d = rng.choice(wds)
                per = rng.choice(["am", "pm"])
                if acts and rng.random() < 0.55:
                    act, sid = rng.choice(acts)
                    if svc.site[sid]["kind"] == "remote":
                        r = "{date: %s, period: %s, activity: %s, " \
                            "weight: %d}" % (d, per, act, w)
                    else:
                        r = "{date: %s, period: %s, activity: %s, site: %s, " \
                            "weight: %d}" % (d, per, act, sid, w)
                else:
                    r = "{date: %s, period: %s, activity: admin, weight: %d}" \
                        % (d, per, w)
            key = r and r[:r.rindex("weight:")]
            if r and all(x[0][:x[0].rindex("weight:")] != key for x in reqs):
                reqs.append([r, w])
        while reqs and sum(w for _, w in reqs) > BUDGET:
            top = max(reqs, key=lambda x: x[1])
            top[0] = top[0].replace("weight: %d}" % top[1],
                                    "weight: %d}" % (top[1] - 1))
            top[1] -= 1
        if reqs:
            L.append("requests:")
            L += ["  - %s" % r for r, _ in reqs]
        return "\n".join(L) + "\n"

    def absence(self, leave):
        """A few sickness absences that keep hard cover met."""
        svc, m, rng = self.svc, self.m, self.stream("absence")
        off = {k: set(v) for k, v in leave.items()}
        out = []
        k = max(1, round(0.04 * len(svc.staff)))
        for p in rng.sample(svc.staff, min(k, len(svc.staff))):
            wds = self.workdays(p, off.get(p["id"], ()))
            if not wds:
                continue
            a = rng.choice(wds)
            b = min(m.last, a + dt.timedelta(rng.randint(0, 4)))
            days = set(a + dt.timedelta(i) for i in range((b - a).days + 1))
            trial = {x: set(y) for x, y in off.items()}
            trial.setdefault(p["id"], set()).update(days)
            if svc.check_hard(m, trial):
                continue
            off = trial
            out.append("  - {staff: %s, from: %s, to: %s, reason: %s}" % (
                p["id"], a, b, wchoice(rng, [("sickness", 85),
                                             ("carer", 15)])))
        if not out:
            return "absence: []\n", off, 0
        return "absence:\n" + "\n".join(out) + "\n", off, len(out)
