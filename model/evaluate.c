/* The evaluator: shortfalls, satisfaction and the objective's parts of a
 * solution, recomputed from the inputs (see evaluate.h). Request
 * satisfaction is in satisfaction.c.
 *
 * Everything is built aside first (shortfalls in a local array, the
 * per-person arrays freshly allocated) and moved into the solution only
 * once nothing can fail, so an allocation failure leaves it untouched. */
#include "evaluate.h"

#include <math.h>

#include "alloc.h"
#include "date.h"
#include "recheck.h"

/* Shortfalls and totals being built. */
typedef struct figures {
    MR_ARRAY(mr_shortfall, shortfalls);
    int cover_short, pcn_short, demand_short;
    mr_objective_parts parts;
} figures;

static int push(figures *f, mr_shortfall sh)
{
    int i;
    if (MR_PUSH(f, shortfalls, &i) != MR_OK)
        return MR_ENOMEM;
    f->shortfalls[i] = sh;
    return MR_OK;
}

/* Cover: per entry, date of its days and period of its periods where the
 * activity's session exists at the site. */
static int cover(const mr_model *m, const mr_solution *s, figures *f)
{
    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int site = cv->site.index, act = cv->activity.index;
        int has_sp = cv->specialty.id != NULL, sp = cv->specialty.index;
        double w = cv->weight >= 0 ? cv->weight : m->weights.cover;

        if (site < 0 || site >= m->n_sites || act < 0
            || act >= m->n_activities)
            continue;
        for (int day = m->month.first_day;
             day < m->month.first_day + m->month.n_days; day++) {
            if (!((cv->days >> mr_weekday(day)) & 1u))
                continue;
            for (int p = 0; p < m->n_periods && p < MR_MAX_PERIODS; p++) {
                int got = 0;
                if (!((cv->pmask >> p) & 1u)
                    || !mr_rc_session_exists(m, act, site, day, p))
                    continue;
                for (int i = 0; i < s->n_assign; i++) {
                    const mr_assignment *a = &s->assign[i];
                    got += a->activity == act && a->site == site
                           && a->date == day && a->period == p
                           && (!has_sp || a->specialty == sp)
                           && mr_rc_assign_ok(m, a);
                }
                if (got >= cv->min)
                    continue;
                if (push(f, (mr_shortfall){MR_SHORT_COVER, site, -1, act,
                                           has_sp ? sp : -1, -1, day, p,
                                           MR_NO_DATE, cv->min, got, c})
                    != MR_OK)
                    return MR_ENOMEM;
                f->cover_short += cv->min - got;
                f->parts.cover += w * (cv->min - got);
            }
        }
    }
    return MR_OK;
}

/* 1 when the site is a practice of PCN p. */
static int practice_of(const mr_model *m, int site, int p)
{
    const mr_site *st = &m->sites[site];
    return st->kind == MR_SITE_PRACTICE && st->pcn.id != NULL
           && st->pcn.index == p;
}

/* PCN: per PCN and Monday-to-Sunday week meeting the month,
 * required = ceil(req * d / 5), d the open (not closed) Monday-to-Friday
 * dates of the week in the month. */
static int pcn(const mr_model *m, const mr_solution *s, figures *f)
{
    int fcp = mr_find_activity(m, "fcp");
    int monday0 = mr_week_monday(m->month.first_day);
    int nw = mr_rc_n_weeks(m);

    for (int p = 0; p < m->n_pcns; p++) {
        int req = m->pcns[p].fcp_sessions_per_week;
        for (int w = 0; w < nw; w++) {
            int mon = monday0 + 7 * w, d = 0, got = 0, need;
            for (int day = mon; day < mon + 5; day++)
                d += mr_rc_in_month(m, day) && !mr_rc_closed(m, day);
            need = req > 0 ? (req * d + 4) / 5 : 0;     /* ceil(req*d/5) */
            for (int i = 0; i < s->n_assign; i++) {
                const mr_assignment *a = &s->assign[i];
                got += mr_rc_assign_ok(m, a) && a->activity == fcp
                       && a->date >= mon && a->date < mon + 7
                       && mr_rc_in_month(m, a->date)
                       && practice_of(m, a->site, p);
            }
            if (got >= need)
                continue;
            if (push(f, (mr_shortfall){MR_SHORT_PCN, -1, p, fcp, -1, -1,
                                       MR_NO_DATE, -1, mon, need, got, -1})
                != MR_OK)
                return MR_ENOMEM;
            f->pcn_short += need - got;
            f->parts.pcn += m->weights.pcn * (need - got);
        }
    }
    return MR_OK;
}

static double equity(const mr_model *m, int site)
{
    return 1.0 + m->weights.deprivation * (10 - m->sites[site].imd_decile);
}

/* Demand: per line, the capacity of the slots of its type at its site (or
 * at the practices of its PCN), against its count; unmet appointments cost
 * weights.demand times the equity of the site (the mean over the PCN's
 * practices; 1 when it has none). */
static int demand(const mr_model *m, const mr_solution *s, figures *f)
{
    for (int l = 0; l < m->n_demand; l++) {
        const mr_demand *dm = &m->demand[l];
        int type = dm->type.index, site = -1, p = -1, got = 0, n_eq = 0;
        double eq = 0;

        if (type < 0 || type >= m->n_appt_types)
            continue;
        if (dm->site.id != NULL)
            site = dm->site.index;
        else if (dm->pcn.id != NULL)
            p = dm->pcn.index;
        if ((site < 0 || site >= m->n_sites) && (p < 0 || p >= m->n_pcns))
            continue;
        for (int j = 0; j < s->n_slots; j++) {
            const mr_slot *sl = &s->slots[j];
            const mr_assignment *a;
            if (sl->type != type || sl->assignment < 0
                || sl->assignment >= s->n_assign)
                continue;
            a = &s->assign[sl->assignment];
            if (!mr_rc_assign_ok(m, a))
                continue;
            if (site >= 0 ? a->site == site : practice_of(m, a->site, p))
                got += sl->capacity;
        }
        if (got >= dm->count)
            continue;
        if (site >= 0) {
            eq = equity(m, site);
        } else {
            for (int k = 0; k < m->n_sites; k++)
                if (practice_of(m, k, p)) {
                    eq += equity(m, k);
                    n_eq++;
                }
            eq = n_eq > 0 ? eq / n_eq : 1.0;
        }
        if (push(f, (mr_shortfall){MR_SHORT_DEMAND, site, p, -1, -1, type,
                                   MR_NO_DATE, -1, MR_NO_DATE, dm->count, got,
                                   -1}) != MR_OK)
            return MR_ENOMEM;
        f->demand_short += dm->count - got;
        f->parts.demand += m->weights.demand * eq * (dm->count - got);
    }
    return MR_OK;
}

/* Specialism drift: |own - specialist_share * clinical| per person with a
 * specialism. */
static double specialism(const mr_model *m, const mr_solution *s)
{
    int clinic = mr_find_activity(m, "clinic");
    double cost = 0;

    for (int p = 0; p < m->n_staff; p++) {
        const mr_staff *st = &m->staff[p];
        int clinical = 0, own = 0;
        if (st->specialism.id == NULL)
            continue;
        for (int i = 0; i < s->n_assign; i++) {
            const mr_assignment *a = &s->assign[i];
            if (a->staff != p || !mr_rc_assign_ok(m, a))
                continue;
            clinical += m->activities[a->activity].counts_as == MR_CLINICAL;
            own += a->activity == clinic && a->specialty >= 0
                   && a->specialty == st->specialism.index;
        }
        cost += fabs(own - m->rules.specialist_share * clinical);
    }
    return m->weights.specialism * cost;
}

/* Per-person satisfaction into req, sat, frac (n_staff each); the lowest
 * and the mean over people with requests into *lo and *mean (-1 if none).
 * Returns the sum over them of (1 - satisfaction). */
static double satisfaction(const mr_model *m, const mr_solution *s,
                           double *req, double *sat, double *frac, double *lo,
                           double *mean)
{
    double loss = 0, sum = 0;
    int n = 0;

    for (int r = 0; r < m->n_requests; r++) {
        int p = mr_request_staff(m, r);
        double v;
        if (p < 0 || (v = mr_request_satisfaction(m, s, r)) < 0)
            continue;
        req[p] += m->requests[r].weight;
        sat[p] += m->requests[r].weight * v;
    }
    *lo = -1;
    for (int p = 0; p < m->n_staff; p++) {
        frac[p] = -1;
        if (req[p] <= 0)
            continue;
        frac[p] = sat[p] / req[p];
        if (n == 0 || frac[p] < *lo)
            *lo = frac[p];
        sum += frac[p];
        loss += 1 - frac[p];
        n++;
    }
    *mean = n > 0 ? sum / n : -1;
    return loss;
}

int mr_evaluate(const mr_model *m, mr_solution *s)
{
    int rc = MR_ENOMEM, unalloc = 0;
    size_t np = (size_t)m->n_staff + 1;     /* never a zero-size request */
    double *req = NULL, *sat = NULL, *frac = NULL, lo, mean, loss;
    figures f = {0};

    if ((req = mr_calloc(np, sizeof *req)) == NULL
        || (sat = mr_calloc(np, sizeof *sat)) == NULL
        || (frac = mr_calloc(np, sizeof *frac)) == NULL)
        goto done;
    if (cover(m, s, &f) != MR_OK || pcn(m, s, &f) != MR_OK
        || demand(m, s, &f) != MR_OK)
        goto done;
    loss = satisfaction(m, s, req, sat, frac, &lo, &mean);
    for (int e = 0; e < s->n_ea; e++)
        unalloc += s->ea[e].adviser == -1;

    f.parts.preference = m->weights.preference * loss;
    f.parts.fairness = lo >= 0 ? -m->weights.fairness * lo : 0;
    f.parts.specialism = specialism(m, s);
    f.parts.ea_unallocated = m->weights.ea_unallocated * unalloc;
    f.parts.change = s->parts.change;

    /* Nothing can fail from here: move the figures into s. */
    mr_free(s->shortfalls);
    s->shortfalls = f.shortfalls;
    s->n_shortfalls = f.n_shortfalls;
    s->cap_shortfalls = f.cap_shortfalls;
    f.shortfalls = NULL;
    s->cover_shortfall = f.cover_short;
    s->pcn_shortfall = f.pcn_short;
    s->demand_shortfall = f.demand_short;
    s->ea_unallocated = unalloc;
    mr_free(s->requested_weight);
    mr_free(s->satisfied_weight);
    mr_free(s->satisfaction);
    s->requested_weight = req;
    s->satisfied_weight = sat;
    s->satisfaction = frac;
    req = sat = frac = NULL;
    s->n_staff = m->n_staff;
    s->min_satisfaction = lo;
    s->mean_satisfaction = mean;
    s->parts = f.parts;
    s->objective = f.parts.cover + f.parts.pcn + f.parts.demand
                   + f.parts.preference + f.parts.fairness
                   + f.parts.specialism + f.parts.ea_unallocated
                   + f.parts.change;
    rc = MR_OK;
done:
    mr_free(f.shortfalls);
    mr_free(frac);
    mr_free(sat);
    mr_free(req);
    return rc;
}
