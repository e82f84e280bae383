/* Why cover, PCN sessions or demand fell short in a roster: for each
 * session short, each person who could ever have filled it, and what kept
 * them away, from the inputs (leave, pattern, closure) or from the roster
 * (rostered elsewhere, the week's contract used, rest, evenings, rooms).
 *
 * Why grouped by entry: a month with many shortfalls usually has few
 * causes ("hub-1 clinic short 12 times: its 6 people were rostered on
 * triage or had their week's sessions used"), and a rota manager acts on
 * the entry, not on the session. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"

static const char *const CAUSE_NAMES[MR_N_XC] = {
    "free", "closed", "leave", "days", "periods", "no_evenings", "due_zero",
    "elsewhere", "contract", "sessions_per_day", "sites_per_day", "rest",
    "consecutive_days", "evenings", "room", "needed_elsewhere"
};

const char *mr_xcause_name(int cause)
{
    return cause >= 0 && cause < MR_N_XC ? CAUSE_NAMES[cause] : "?";
}

void mr_xshort_init(mr_xshort *x)
{
    memset(x, 0, sizeof *x);
}

void mr_xshort_clear(mr_xshort *x)
{
    if (x == NULL)
        return;
    mr_free(x->groups);
    mr_free(x->shorts);
    mr_free(x->people);
    memset(x, 0, sizeof *x);
}

int mr_x_can_do(const mr_model *m, int staff, int activity, int site,
                int specialty)
{
    if (activity < 0 || site < 0 || !mr_eligible(m, staff, activity, site))
        return 0;
    return specialty < 0 || mr_has_skill(m, staff, specialty);
}

int mr_x_static_cause(const mr_model *m, int staff, int day, int period,
                      int *ref)
{
    const mr_staff *st = &m->staff[staff];

    *ref = -1;
    if (mr_is_closed(m, day))
        return MR_XC_CLOSED;
    for (int i = 0; i < m->n_absences; i++) {
        const mr_absence *ab = &m->absences[i];
        if (ab->staff.index == staff && day >= ab->from && day <= ab->to) {
            *ref = i;
            return MR_XC_LEAVE;
        }
    }
    if (!((st->days >> mr_weekday(day)) & 1u))
        return MR_XC_DAYS;
    if (!((st->pmask >> period) & 1u))
        return MR_XC_PERIODS;
    if (period == m->evening && st->max_evenings <= 0)
        return MR_XC_NO_EVENINGS;
    if (mr_in_month(m, day) && mr_due(m, staff, mr_week_of(m, day)) <= 0)
        return MR_XC_DUE_ZERO;
    return MR_XC_FREE;
}

/* 1 when every room of the site of a kind the activity accepts is taken
 * in the session. */
static int rooms_full(const mr_model *m, const mr_solution *s, int day,
                      int period, int activity, int site)
{
    const mr_activity *a = &m->activities[activity];
    const mr_site *st = &m->sites[site];

    if (a->n_room_kinds == 0)
        return 0;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++) {
        int kind_ok = 0, used = 0;
        for (int k = 0; k < a->n_room_kinds && !kind_ok; k++)
            kind_ok = m->rooms[r].kind != NULL && a->room_kinds[k] != NULL
                      && strcmp(m->rooms[r].kind, a->room_kinds[k]) == 0;
        if (!kind_ok)
            continue;
        for (int i = 0; i < s->n_assign && !used; i++)
            used = s->assign[i].room == r && s->assign[i].date == day
                   && s->assign[i].period == period;
        if (!used)
            return 0;
    }
    return 1;
}

/* 1 when assignment i was needed where it was: it counts towards a cover
 * entry that had no more than its minimum in that session, or it is an
 * FCP session of a PCN week that had no more than it requires. */
static int needed(const mr_model *m, const mr_solution *s, int i)
{
    const mr_assignment *a = &s->assign[i];
    const mr_site *st = &m->sites[a->site];

    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int n = 0;
        if (cv->activity.index != a->activity || cv->site.index != a->site
            || (cv->specialty.id != NULL
                && cv->specialty.index != a->specialty)
            || !((cv->days >> mr_weekday(a->date)) & 1u)
            || !((cv->pmask >> a->period) & 1u))
            continue;
        for (int k = 0; k < s->n_assign; k++) {
            const mr_assignment *b = &s->assign[k];
            n += b->date == a->date && b->period == a->period
                 && b->activity == a->activity && b->site == a->site
                 && (cv->specialty.id == NULL
                     || b->specialty == cv->specialty.index);
        }
        if (n <= cv->min)
            return 1;
    }
    if (st->kind == MR_SITE_PRACTICE && st->pcn.index >= 0
        && a->activity == mr_find_activity(m, "fcp")
        && mr_in_month(m, a->date)) {
        int w = mr_week_of(m, a->date), n = 0;
        for (int k = 0; k < s->n_assign; k++) {
            const mr_assignment *b = &s->assign[k];
            n += b->activity == a->activity && mr_in_month(m, b->date)
                 && mr_week_of(m, b->date) == w
                 && m->sites[b->site].kind == MR_SITE_PRACTICE
                 && m->sites[b->site].pcn.index == st->pcn.index;
        }
        if (n <= mr_pcn_required(m, st->pcn.index, w))
            return 1;
    }
    return 0;
}

/* 1 when the person works (any assignment) on day. */
static int works(const mr_solution *s, int staff, int day)
{
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].staff == staff && s->assign[i].date == day)
            return 1;
    return 0;
}

int mr_x_roster_cause(const mr_model *m, const mr_solution *s, int staff,
                      int day, int period, int activity, int site, int *ref)
{
    int cause = mr_x_static_cause(m, staff, day, period, ref);
    int w = mr_week_of(m, day), in_week = 0, on_day = 0, eves = 0;
    int other_site = -1, before = 0, after = 0;
    double need = m->rules.min_rest_hours * 60.0;

    if (cause != MR_XC_FREE)
        return cause;
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (a->staff != staff)
            continue;
        if (a->date == day && a->period == period) {
            *ref = i;
            return needed(m, s, i) ? MR_XC_NEEDED : MR_XC_ELSEWHERE;
        }
        if (mr_in_month(m, a->date) && mr_week_of(m, a->date) == w)
            in_week++;
        if (a->date == day) {
            on_day++;
            if (site >= 0 && a->site != site
                && m->sites[a->site].kind != MR_SITE_REMOTE
                && m->sites[site].kind != MR_SITE_REMOTE)
                other_site = i;
        }
        if (a->period == m->evening)
            eves++;
    }
    if (in_week >= mr_due(m, staff, w)) {
        *ref = mr_due(m, staff, w);
        return MR_XC_CONTRACT;
    }
    if (on_day >= m->rules.max_sessions_per_day) {
        *ref = -1;
        return MR_XC_DAYMAX;
    }
    if (other_site >= 0 && m->rules.max_sites_per_day <= 1) {
        *ref = other_site;
        return MR_XC_SITES;
    }
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        double gap = need;
        if (a->staff != staff)
            continue;
        if (a->date == day - 1)
            gap = 1440.0 + m->periods[period].start
                  - m->periods[a->period].end;
        else if (a->date == day + 1)
            gap = 1440.0 + m->periods[a->period].start
                  - m->periods[period].end;
        if (gap < need) {
            *ref = i;
            return MR_XC_REST;
        }
    }
    if (!works(s, staff, day) && m->rules.max_consecutive_days >= 1) {
        for (int d = day - 1; mr_in_month(m, d) && works(s, staff, d); d--)
            before++;
        for (int d = day + 1; mr_in_month(m, d) && works(s, staff, d); d++)
            after++;
        if (before + after + 1 > m->rules.max_consecutive_days) {
            *ref = -1;
            return MR_XC_CONSEC;
        }
    }
    if (period == m->evening && eves >= m->staff[staff].max_evenings) {
        *ref = m->staff[staff].max_evenings;
        return MR_XC_EVENINGS;
    }
    if (site >= 0 && activity >= 0
        && rooms_full(m, s, day, period, activity, site)) {
        *ref = site;
        return MR_XC_ROOM;
    }
    *ref = -1;
    return MR_XC_FREE;
}

/* --- grouping --------------------------------------------------------- */

static int demand_line(const mr_model *m, const mr_shortfall *sf)
{
    for (int d = 0; d < m->n_demand; d++) {
        const mr_demand *dm = &m->demand[d];
        if (dm->type.index != sf->appt_type)
            continue;
        if (sf->pcn >= 0 ? dm->pcn.index == sf->pcn
                         : dm->site.index == sf->site)
            return d;
    }
    return -1;
}

/* Counts person p's cause in the session into person record x and the
 * group's totals. */
static void count(mr_xgroup *g, mr_xperson *x, int cause, int ref, int day,
                  int period)
{
    if (x->count[cause]++ == 0) {
        x->ref[cause] = ref;
        x->date[cause] = day;
        x->period[cause] = period;
    }
    g->total[cause]++;
}

/* 1 when assignment i counts towards the cover entry. */
static int fills(const mr_assignment *a, const mr_cover *cv)
{
    return a->activity == cv->activity.index && a->site == cv->site.index
           && (cv->specialty.id == NULL || a->specialty == cv->specialty.index);
}

static int add_people(mr_xshort *x, mr_xgroup *g, const mr_model *m,
                      int activity, int pcn, const mr_cover *cv)
{
    g->first_person = x->n_people;
    for (int p = 0; p < m->n_staff; p++) {
        int can = 0, i;
        if (cv != NULL)
            can = mr_x_can_do(m, p, activity, cv->site.index,
                              cv->specialty.id != NULL ? cv->specialty.index
                                                       : -1);
        else
            for (int st = 0; st < m->n_sites && !can; st++)
                can = m->sites[st].kind == MR_SITE_PRACTICE
                      && m->sites[st].pcn.index == pcn
                      && mr_x_can_do(m, p, activity, st, -1);
        if (!can)
            continue;
        if (MR_PUSH(x, people, &i) != MR_OK)
            return MR_ENOMEM;
        memset(&x->people[i], 0, sizeof x->people[i]);
        x->people[i].staff = p;
        for (int c = 0; c < MR_N_XC; c++)
            x->people[i].ref[c] = -1;
    }
    g->n_people = x->n_people - g->first_person;
    return MR_OK;
}

static void explain_cover(mr_xshort *x, mr_xgroup *g, const mr_model *m,
                          const mr_solution *s)
{
    const mr_cover *cv = &m->cover[g->cover];
    for (int k = g->first; k < g->first + g->n; k++) {
        const mr_shortfall *sf = &s->shortfalls[x->shorts[k]];
        for (int q = g->first_person; q < g->first_person + g->n_people;
             q++) {
            mr_xperson *xp = &x->people[q];
            int ref, cause = mr_x_roster_cause(m, s, xp->staff, sf->date,
                                               sf->period,
                                               cv->activity.index,
                                               cv->site.index, &ref);
            if ((cause == MR_XC_ELSEWHERE || cause == MR_XC_NEEDED)
                && fills(&s->assign[ref], cv))
                continue;           /* there, counted in provided */
            count(g, xp, cause, ref, sf->date, sf->period);
        }
    }
}

/* A practice of the PCN open in the session where the person may do the
 * activity, or -1. */
static int pcn_site(const mr_model *m, int pcn, int p, int activity, int day,
                    int period)
{
    for (int st = 0; st < m->n_sites; st++)
        if (m->sites[st].kind == MR_SITE_PRACTICE
            && m->sites[st].pcn.index == pcn
            && mr_site_open(m, st, day, period)
            && mr_x_can_do(m, p, activity, st, -1))
            return st;
    return -1;
}

static void explain_pcn(mr_xshort *x, mr_xgroup *g, const mr_model *m,
                        const mr_solution *s, int fcp)
{
    for (int k = g->first; k < g->first + g->n; k++) {
        const mr_shortfall *sf = &s->shortfalls[x->shorts[k]];
        for (int day = sf->week; day < sf->week + 5; day++) {
            if (!mr_in_month(m, day) || mr_is_closed(m, day))
                continue;
            for (int t = 0; t < m->n_periods; t++)
                for (int q = g->first_person;
                     q < g->first_person + g->n_people; q++) {
                    mr_xperson *xp = &x->people[q];
                    int ref, cause, st;
                    st = pcn_site(m, g->pcn, xp->staff, fcp, day, t);
                    if (st < 0)
                        continue;   /* no practice open for them then */
                    cause = mr_x_roster_cause(m, s, xp->staff, day, t, fcp,
                                              st, &ref);
                    if ((cause == MR_XC_ELSEWHERE || cause == MR_XC_NEEDED)
                        && s->assign[ref].activity == fcp
                        && m->sites[s->assign[ref].site].pcn.index == g->pcn)
                        continue;
                    count(g, xp, cause, ref, day, t);
                }
        }
    }
}

static void explain_demand(mr_xgroup *g, const mr_model *m,
                           const mr_solution *s)
{
    const mr_demand *dm = &m->demand[g->demand];
    const mr_appt_type *ty = &m->appt_types[dm->type.index];

    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        int at = dm->site.id != NULL
                     ? a->site == dm->site.index
                     : m->sites[a->site].kind == MR_SITE_PRACTICE
                           && m->sites[a->site].pcn.index == dm->pcn.index;
        int holds = 0;
        for (int k = 0; k < ty->activities.n_items; k++)
            holds |= ty->activities.items[k].index == a->activity;
        if (at && holds)
            g->sessions++;
    }
    if (ty->minutes > 0 && m->n_periods > 0)
        g->per_session = mr_bookable_minutes(m, 0) / ty->minutes
                         * (ty->capacity > 0 ? ty->capacity : 1);
}

static int cmp_group(const void *a, const void *b)
{
    const mr_xgroup *x = a, *y = b;
    if (x->missing != y->missing)
        return y->missing - x->missing;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    return (x->first > y->first) - (x->first < y->first);
}

int mr_explain_shortfalls(const mr_model *m, const mr_solution *s,
                          mr_xshort *out)
{
    int *key = NULL, rc = MR_ENOMEM, fcp = mr_find_activity(m, "fcp");

    mr_xshort_clear(out);
    if ((key = mr_malloc(((size_t)s->n_shortfalls + 1) * sizeof *key))
        == NULL)
        goto done;
    /* One group per entry, shortfalls in their order within it. */
    for (int i = 0; i < s->n_shortfalls; i++) {
        const mr_shortfall *sf = &s->shortfalls[i];
        int g, cover = -1, pcn = -1, demand = -1;
        if (sf->kind == MR_SHORT_COVER)
            cover = sf->cover;
        else if (sf->kind == MR_SHORT_PCN)
            pcn = sf->pcn;
        else
            demand = demand_line(m, sf);
        for (g = 0; g < out->n_groups; g++) {
            const mr_xgroup *x = &out->groups[g];
            if (x->kind == sf->kind && x->cover == cover && x->pcn == pcn
                && x->demand == demand)
                break;
        }
        if (g == out->n_groups) {
            if (MR_PUSH(out, groups, &g) != MR_OK)
                goto done;
            out->groups[g].kind = sf->kind;
            out->groups[g].cover = cover;
            out->groups[g].pcn = pcn;
            out->groups[g].demand = demand;
        }
        out->groups[g].n++;
        out->groups[g].missing += sf->required - sf->provided;
        key[i] = g;
    }
    {
        int at = 0;
        if ((out->shorts = mr_malloc(((size_t)s->n_shortfalls + 1)
                                     * sizeof *out->shorts)) == NULL)
            goto done;
        out->n_shorts = out->cap_shorts = s->n_shortfalls;
        for (int g = 0; g < out->n_groups; g++) {
            out->groups[g].first = at;
            for (int i = 0; i < s->n_shortfalls; i++)
                if (key[i] == g)
                    out->shorts[at++] = i;
        }
    }
    for (int g = 0; g < out->n_groups; g++) {
        mr_xgroup *x = &out->groups[g];
        x->main_cause = MR_XC_FREE;
        if (x->kind == MR_SHORT_COVER && x->cover >= 0) {
            if (add_people(out, x, m, m->cover[x->cover].activity.index, -1,
                           &m->cover[x->cover]) != MR_OK)
                goto done;
            explain_cover(out, &out->groups[g], m, s);
        } else if (x->kind == MR_SHORT_PCN && fcp >= 0) {
            if (add_people(out, x, m, fcp, x->pcn, NULL) != MR_OK)
                goto done;
            explain_pcn(out, &out->groups[g], m, s, fcp);
        } else if (x->kind == MR_SHORT_DEMAND && x->demand >= 0) {
            explain_demand(x, m, s);
            x->offered = s->shortfalls[out->shorts[x->first]].provided;
        }
        x = &out->groups[g];
        for (int c = 0; c < MR_N_XC; c++)
            if (x->total[c] > x->total[x->main_cause])
                x->main_cause = c;
    }
    qsort(out->groups, (size_t)out->n_groups, sizeof *out->groups,
          cmp_group);
    rc = MR_OK;
done:
    mr_free(key);
    if (rc != MR_OK)
        mr_xshort_clear(out);
    return rc;
}
