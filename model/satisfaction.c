/* Request satisfaction (SPEC.md section 5, docs/semantics.md): the value in
 * [0, 1] of each kind of request under a roster. Used by the evaluator for
 * the preference and fairness terms, and by `explain` for single requests.
 * Recomputed from the inputs, not from derive.c (see evaluate.h). */
#include "evaluate.h"

#include "date.h"
#include "recheck.h"

int mr_request_staff(const mr_model *m, int request)
{
    for (int i = 0; i < m->n_prefs; i++) {
        const mr_pref *p = &m->prefs[i];
        if (request >= p->first_request
            && request < p->first_request + p->n_requests)
            return p->staff.index >= 0 && p->staff.index < m->n_staff
                       ? p->staff.index : -1;
    }
    return -1;
}

/* 1 when day is one of the request's matching dates: its date if given;
 * else the dates of the month on its weekdays; else every date of the
 * month. */
static int matches(const mr_model *m, const mr_request *q, int day)
{
    if (q->date != MR_NO_DATE)
        return day == q->date;
    if (!mr_rc_in_month(m, day))
        return 0;
    return q->weekdays == 0 || ((q->weekdays >> mr_weekday(day)) & 1u);
}

/* 1 when the person has an assignment on day in period, at site, of
 * activity; each of the three is an index, or -1 for "any" (see given()). */
static int has(const mr_model *m, const mr_solution *s, int staff, int day,
               int period, int site, int activity)
{
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (a->staff == staff && a->date == day && mr_rc_assign_ok(m, a)
            && (period == -1 || a->period == period)
            && (site == -1 || a->site == site)
            && (activity == -1 || a->activity == activity))
            return 1;
    }
    return 0;
}

/* The index a reference names; -1 when not given ("any"); -2 when given
 * but unresolved, which matches no index. */
static int given(const mr_ref *r)
{
    return r->id != NULL ? (r->index >= 0 ? r->index : -2) : -1;
}

/* off and avoid: 1 when no assignment (in the period, for avoid) on any
 * matching date. */
static double none_on(const mr_model *m, const mr_solution *s, int staff,
                      const mr_request *q, int period)
{
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (a->staff == staff && mr_rc_assign_ok(m, a) && matches(m, q, a->date)
            && (period == -1 || a->period == period))
            return 0;
    }
    return 1;
}

static double task(const mr_model *m, const mr_solution *s, int staff,
                   const mr_request *q)
{
    int act = given(&q->activity), n = 0;
    if (q->min_sessions <= 0)
        return 1;
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        n += a->staff == staff && mr_rc_assign_ok(m, a) && a->activity == act;
    }
    return n >= q->min_sessions ? 1.0 : (double)n / q->min_sessions;
}

/* The share of the matching dates the person may work on which they work
 * at the site (in the period when given); 1 when there are none. */
static double location(const mr_model *m, const mr_solution *s, int staff,
                       const mr_request *q)
{
    int site = given(&q->site), period = given(&q->period);
    int avail = 0, hit = 0;

    if (site == -1)
        site = -2;              /* a location request names a site */
    for (int day = m->month.first_day;
         day < m->month.first_day + m->month.n_days; day++) {
        if (!matches(m, q, day) || !mr_rc_works_day(m, staff, day))
            continue;
        avail++;
        hit += has(m, s, staff, day, period, site, -1);
    }
    return avail == 0 ? 1.0 : (double)hit / avail;
}

double mr_request_satisfaction(const mr_model *m, const mr_solution *s,
                               int request)
{
    const mr_request *q;
    int staff;

    if (request < 0 || request >= m->n_requests
        || (staff = mr_request_staff(m, request)) < 0)
        return -1;
    q = &m->requests[request];
    switch (q->kind) {
    case MR_REQ_OFF:
        return none_on(m, s, staff, q, -1);
    case MR_REQ_AVOID:
        /* An avoid request names a period; without one it avoids all. */
        return none_on(m, s, staff, q, given(&q->period));
    case MR_REQ_TASK:
        return task(m, s, staff, q);
    case MR_REQ_LOCATION:
        return location(m, s, staff, q);
    case MR_REQ_SESSION:
        if (q->date == MR_NO_DATE)
            return 0;
        return has(m, s, staff, q->date, given(&q->period), given(&q->site),
                   given(&q->activity) == -1 ? -2 : given(&q->activity));
    default:
        return -1;
    }
}
