/* Why a request was or was not met in a roster.
 *
 * A request not met is either impossible (a hard rule stands in the way:
 * leave, the person's pattern, a closure, a site or activity that is not
 * theirs, a contract that needs every session they can work that week, a
 * hard cover only they and too few others can meet) or it lost on cost:
 * meeting it would have taken them from a session that a cover entry or
 * their PCN needed (the session was at or below its minimum, so moving
 * them would have cost that entry's weight), or the roster simply found
 * another arrangement cheaper. The hard reasons are checked first. */
#include "explain.h"

#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "evaluate.h"

#define FULL (1.0 - 1e-9)

static const char *const REASON_NAMES[MR_N_XR] = {
    "met", "partly_met", "leave", "pattern", "closed", "not_theirs",
    "contract", "only_them", "cover", "pcn", "other"
};

const char *mr_xreason_name(int reason)
{
    return reason >= 0 && reason < MR_N_XR ? REASON_NAMES[reason] : "?";
}

void mr_xreqs_init(mr_xreqs *x)
{
    memset(x, 0, sizeof *x);
}

void mr_xreqs_clear(mr_xreqs *x)
{
    if (x == NULL)
        return;
    mr_free(x->items);
    memset(x, 0, sizeof *x);
}

/* 1 when the site has a room of a kind the activity takes (or it needs
 * none). */
static int has_room(const mr_model *m, int activity, int site)
{
    const mr_activity *a = &m->activities[activity];
    const mr_site *st = &m->sites[site];
    if (a->n_room_kinds == 0)
        return 1;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++)
        for (int k = 0; k < a->n_room_kinds; k++)
            if (m->rooms[r].kind != NULL && a->room_kinds[k] != NULL
                && strcmp(m->rooms[r].kind, a->room_kinds[k]) == 0)
                return 1;
    return 0;
}

/* 1 when the person could ever do the activity at the site: role, skill,
 * site and a room for it. */
static int could_do(const mr_model *m, int p, int activity, int site)
{
    return mr_x_can_do(m, p, activity, site, -1)
           && has_room(m, activity, site);
}

static int matches(const mr_model *m, const mr_request *r, int day)
{
    if (!mr_in_month(m, day))
        return 0;
    if (r->date != MR_NO_DATE)
        return day == r->date;
    if (r->weekdays != 0)
        return (r->weekdays >> mr_weekday(day)) & 1u;
    return 1;
}

/* Assignments of the cover entry in the session. */
static int provided(const mr_model *m, const mr_solution *s, int c, int day,
                    int period)
{
    const mr_cover *cv = &m->cover[c];
    int n = 0;
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (a->date == day && a->period == period
            && a->activity == cv->activity.index && a->site == cv->site.index
            && (cv->specialty.id == NULL
                || a->specialty == cv->specialty.index))
            n++;
    }
    return n;
}

/* People who could hold the cover entry's session at all. */
static int able(const mr_model *m, int c, int day, int period)
{
    const mr_cover *cv = &m->cover[c];
    int n = 0, ref;
    for (int p = 0; p < m->n_staff; p++)
        if (mr_x_can_do(m, p, cv->activity.index, cv->site.index,
                        cv->specialty.id != NULL ? cv->specialty.index : -1)
            && mr_x_static_cause(m, p, day, period, &ref) == MR_XC_FREE)
            n++;
    return n;
}

/* The reason assignment i could not simply be dropped: a hard cover entry
 * with too few able people (ONLY_ONE), a cover entry at or below its
 * minimum (COVER), the PCN's FCP week at or below what it needs (PCN).
 * MR_XR_OTHER when none. */
static int held_for(const mr_model *m, const mr_solution *s, int i,
                    mr_xreq *x)
{
    const mr_assignment *a = &s->assign[i];
    int best = MR_XR_OTHER;

    x->ref = i;
    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int n;
        if (cv->activity.index != a->activity || cv->site.index != a->site
            || (cv->specialty.id != NULL
                && cv->specialty.index != a->specialty)
            || !((cv->days >> mr_weekday(a->date)) & 1u)
            || !((cv->pmask >> a->period) & 1u))
            continue;
        n = provided(m, s, c, a->date, a->period);
        if (n > cv->min)
            continue;
        if (cv->hard && able(m, c, a->date, a->period) <= cv->min) {
            x->ref = c;
            x->n1 = cv->min;
            x->n2 = able(m, c, a->date, a->period);
            return MR_XR_ONLY_ONE;
        }
        if (best == MR_XR_OTHER) {
            best = MR_XR_COVER;
            x->ref = c;
            x->n1 = cv->min;
            x->n2 = n;
        }
    }
    if (best == MR_XR_OTHER && m->sites[a->site].kind == MR_SITE_PRACTICE
        && a->activity == mr_find_activity(m, "fcp")) {
        int pc = m->sites[a->site].pcn.index, w = mr_week_of(m, a->date);
        if (pc >= 0) {
            int need = mr_pcn_required(m, pc, w), have = 0;
            for (int k = 0; k < s->n_assign; k++) {
                const mr_assignment *b = &s->assign[k];
                if (b->activity == a->activity
                    && m->sites[b->site].kind == MR_SITE_PRACTICE
                    && m->sites[b->site].pcn.index == pc
                    && mr_in_month(m, b->date) && mr_week_of(m, b->date) == w)
                    have++;
            }
            if (have <= need) {
                x->ref = pc;
                x->n1 = need;
                x->n2 = have;
                return MR_XR_PCN;
            }
        }
    }
    return best;
}

/* Sessions the person can work in week w on days (in month) that do not
 * match the request, or that match but outside its period (period >= 0:
 * only that period is asked off). */
static int capacity_without(const mr_model *m, int p, int w,
                            const mr_request *r, int period)
{
    int start = mr_week_start(m, w), cap = 0;
    int day_max = m->rules.max_sessions_per_day;
    for (int d = start; d < start + 7; d++) {
        int n = 0;
        for (int t = 0; t < m->n_periods; t++) {
            if (!mr_available(m, p, d, t))
                continue;
            if (t == m->evening && m->staff[p].max_evenings <= 0)
                continue;
            if (matches(m, r, d) && (period < 0 || t == period))
                continue;
            n++;
        }
        cap += n < day_max ? n : day_max;
    }
    return cap;
}

/* The hard reason an off or avoid request fails on day, if any. */
static int hard_off(const mr_model *m, int p, const mr_request *r, int day,
                    int period, mr_xreq *x)
{
    int w = mr_week_of(m, day), due = mr_due(m, p, w);
    int cap = capacity_without(m, p, w, r, period);
    if (due > cap) {
        x->n1 = due;
        x->n2 = cap;
        x->date = day;
        return MR_XR_CONTRACT;
    }
    return MR_XR_MET;
}

static void explain_off(const mr_model *m, const mr_solution *s,
                        const mr_request *r, int p, mr_xreq *x)
{
    int period = r->kind == MR_REQ_AVOID ? r->period.index : -1;
    int first = -1;

    /* a hard reason on any date wins over cost on the first */
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        int why;
        if (a->staff != p || !matches(m, r, a->date)
            || (period >= 0 && a->period != period))
            continue;
        if (first < 0)
            first = i;
        if ((why = hard_off(m, p, r, a->date, period, x)) != MR_XR_MET) {
            x->reason = why;
            x->period = a->period;
            return;
        }
    }
    if (first < 0) {
        x->reason = MR_XR_OTHER;
        return;
    }
    x->date = s->assign[first].date;
    x->period = s->assign[first].period;
    x->reason = held_for(m, s, first, x);
    if (x->reason == MR_XR_OTHER)
        x->ref = first;
}

/* The first session the person holds on a matching date that a location
 * or session request wanted otherwise. */
static void explain_elsewhere(const mr_model *m, const mr_solution *s,
                              int p, int day, int period, mr_xreq *x)
{
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (a->staff == p && a->date == day
            && (period < 0 || a->period == period)) {
            x->date = day;
            x->period = a->period;
            x->reason = held_for(m, s, i, x);
            if (x->reason == MR_XR_OTHER)
                x->ref = i;
            return;
        }
    }
    x->date = day;
    x->period = period;
    x->reason = MR_XR_OTHER;
    x->ref = -1;
}

static int cause_to_reason(int cause)
{
    switch (cause) {
    case MR_XC_LEAVE:       return MR_XR_LEAVE;
    case MR_XC_DAYS:
    case MR_XC_PERIODS:
    case MR_XC_NO_EVENINGS: return MR_XR_PATTERN;
    case MR_XC_CLOSED:      return MR_XR_CLOSED;
    case MR_XC_DUE_ZERO:    return MR_XR_CONTRACT;
    default:                return MR_XR_MET;
    }
}

static void explain_session(const mr_model *m, const mr_solution *s,
                            const mr_request *r, int p, mr_xreq *x)
{
    int t = r->period.index, a = r->activity.index, site = r->site.index;
    int ref, cause, ok = 0;

    x->date = r->date;
    x->period = t;
    if (r->date == MR_NO_DATE || t < 0 || a < 0) {
        x->reason = MR_XR_OTHER;
        return;
    }
    cause = mr_x_static_cause(m, p, r->date, t, &ref);
    if (cause != MR_XC_FREE) {
        x->reason = cause_to_reason(cause);
        x->ref = ref;
        if (cause == MR_XC_DUE_ZERO)
            x->n1 = x->n2 = 0;
        return;
    }
    for (int st = 0; st < m->n_sites; st++)
        if ((site < 0 || st == site) && could_do(m, p, a, st))
            ok |= 1 | (mr_session_exists(m, a, st, r->date, t) ? 2 : 0);
    if (!(ok & 1)) {
        x->reason = MR_XR_NOT_THEIRS;
        return;
    }
    if (!(ok & 2)) {
        x->reason = MR_XR_CLOSED;
        return;
    }
    explain_elsewhere(m, s, p, r->date, t, x);
}

static void explain_location(const mr_model *m, const mr_solution *s,
                             const mr_request *r, int p, mr_xreq *x)
{
    int site = r->site.index, t = r->period.index, any_open = 0;

    if (site < 0 || m->staff[p].may_work == NULL
        || !m->staff[p].may_work[site]) {
        x->reason = MR_XR_NOT_THEIRS;
        return;
    }
    for (int dd = 0; dd < m->month.n_days; dd++) {
        int day = m->month.first_day + dd, at = 0;
        if (!matches(m, r, day) || !mr_works_day(m, p, day))
            continue;
        for (int q = 0; q < m->n_periods; q++)
            if ((t < 0 || q == t) && mr_site_open(m, site, day, q))
                any_open = 1;
        for (int i = 0; i < s->n_assign; i++) {
            const mr_assignment *a = &s->assign[i];
            if (a->staff == p && a->date == day && a->site == site
                && (t < 0 || a->period == t))
                at = 1;
        }
        if (!at && any_open) {
            explain_elsewhere(m, s, p, day, t, x);
            if (x->s > 0 && x->reason == MR_XR_OTHER)
                x->reason = MR_XR_PART;
            return;
        }
    }
    x->reason = any_open ? MR_XR_PART : MR_XR_CLOSED;
}

static void explain_task(const mr_model *m, const mr_solution *s,
                         const mr_request *r, int p, mr_xreq *x)
{
    int a = r->activity.index, can = 0, done = 0;

    for (int st = 0; st < m->n_sites && !can; st++)
        can = could_do(m, p, a, st);
    if (!can) {
        x->reason = MR_XR_NOT_THEIRS;
        return;
    }
    for (int i = 0; i < s->n_assign; i++)
        done += s->assign[i].staff == p && s->assign[i].activity == a;
    /* what their other sessions were held for */
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *b = &s->assign[i];
        int why;
        mr_xreq tmp = *x;
        if (b->staff != p || b->activity == a)
            continue;
        why = held_for(m, s, i, &tmp);
        if (why == MR_XR_ONLY_ONE || why == MR_XR_COVER || why == MR_XR_PCN) {
            *x = tmp;
            x->reason = why;
            x->date = b->date;
            x->period = b->period;
            return;
        }
    }
    x->reason = done > 0 ? MR_XR_PART : MR_XR_OTHER;
    x->n1 = done;
    x->n2 = r->min_sessions;
}

int mr_explain_requests(const mr_model *m, const mr_solution *s,
                        mr_xreqs *out)
{
    mr_xreqs_clear(out);
    for (int k = 0; k < m->n_requests; k++) {
        const mr_request *r = &m->requests[k];
        mr_xreq x;
        int i, p = mr_request_staff(m, k);

        memset(&x, 0, sizeof x);
        x.request = k;
        x.staff = p;
        x.date = MR_NO_DATE;
        x.period = -1;
        x.ref = -1;
        x.s = mr_request_satisfaction(m, s, k);
        if (p < 0 || x.s >= FULL) {
            x.reason = MR_XR_MET;
        } else {
            switch (r->kind) {
            case MR_REQ_OFF:
            case MR_REQ_AVOID:    explain_off(m, s, r, p, &x); break;
            case MR_REQ_TASK:     explain_task(m, s, r, p, &x); break;
            case MR_REQ_LOCATION: explain_location(m, s, r, p, &x); break;
            case MR_REQ_SESSION:  explain_session(m, s, r, p, &x); break;
            default:              x.reason = MR_XR_OTHER;
            }
        }
        if (MR_PUSH(out, items, &i) != MR_OK) {
            mr_xreqs_clear(out);
            return MR_ENOMEM;
        }
        out->items[i] = x;
    }
    return MR_OK;
}
