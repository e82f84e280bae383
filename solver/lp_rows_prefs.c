/* Preference and fairness (SPEC 5, docs/semantics.md "Request
 * satisfaction").
 *
 * Each request r gets a column s_r in [0, 1], bounded above by linear
 * expressions of x that are tight for integral x:
 *   off       s + W(d) <= 1 for each matching date d, W the day's
 *             indicator (lp_vars.c);
 *   avoid     s + X(d, period) <= 1 for each matching date d;
 *   task      min_sessions * s <= x of the activity;
 *   location  |D| * s <= sum over the matching available dates D of the
 *             day's "works at the site" (the x-sum when only one period is
 *             possible, else an indicator z <= the day's x-sum at the site);
 *   session   s <= x of the activity on the date in the period (at site).
 * One row per matching date, rather than one big sum, keeps the
 * relaxation tight. X(d, t) is the person's x-sum in the session. The s of
 * off, avoid and session requests is 0 or 1 in every roster and is
 * declared integer: branching on it settles what the relaxation mixes
 * (half a day off) far faster than branching on the x behind it.
 *
 * Satisfaction of person p is sum(share_r * s_r), share_r = weight_r / W_p.
 * Preference: weights.preference * sum over people with requests of
 * (1 - satisfaction): the constant goes into the objective constant.
 * Fairness: -weights.fairness * f with f <= satisfaction of each person
 * with requests. */
#include "lp.h"

#include "alloc.h"
#include "date.h"
#include "derive.h"

/* 1 when day offset dd matches the request's dates. */
static int matches(const mr_lpb *b, const mr_request *r, int dd)
{
    int day = b->first_day + dd;
    if (r->date != MR_NO_DATE)
        return r->date == day;
    if (r->weekdays != 0)
        return (r->weekdays >> mr_weekday(day)) & 1u;
    return 1;
}

/* Finishes a row of request r named what.r<r>.<date or "all">[.<period>]
 * (names are unique: the LP format needs it). */
static int end_row(mr_lpb *b, double lb, double ub, const char *what, int r,
                   int dd, int t)
{
    char date[9];
    mr_lpb_date(b, dd < 0 ? 0 : dd, date);
    return mr_mip_row_end(&b->mip, lb, ub,
                          mr_lpb_fmt(b, "%s.r%d.%s%s%s", what, r,
                                     dd < 0 ? "all" : date, t < 0 ? "" : ".",
                                     t < 0 ? "" : b->m->periods[t].id),
                          NULL);
}

/* off (period < 0): s + W(d) <= 1 for each matching date, W the day
 * indicator; avoid: s + X(d, period) <= 1. Returns the number of rows
 * through *n. */
static int rows_not_working(mr_lpb *b, int r, int p, int s, int period,
                            int *n)
{
    const mr_request *rq = &b->m->requests[r];
    *n = 0;
    for (int dd = 0; dd < b->n_days; dd++) {
        if (!matches(b, rq, dd))
            continue;
        if (period >= 0 ? !mr_lpb_has(b, p, dd, period, -1, -1)
                        : mr_lpb_periods_of_day(b, p, dd) == 0)
            continue;
        if (period < 0 && mr_lpb_day_prepare(b, p, dd) != MR_OK)
            return MR_ENOMEM;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, s, 1.0) != MR_OK
            || (period >= 0
                    ? mr_lpb_add_sess(b, p, dd, period, -1, -1, 1.0)
                    : mr_lpb_day_add(b, p, dd, 1.0)) != MR_OK)
            return MR_ENOMEM;
        if (end_row(b, -MR_MIP_INF, 1, period >= 0 ? "avoid" : "off", r, dd,
                    -1) != MR_OK)
            return MR_ENOMEM;
        (*n)++;
    }
    return MR_OK;
}

static int row_task(mr_lpb *b, int r, int p, int s, int *n)
{
    const mr_request *rq = &b->m->requests[r];
    int lo, hi;
    *n = 0;
    mr_lpb_range(b, p, 0, 0, &lo, &hi);
    hi = b->first[mr_lpb_sess(b, p, b->n_days - 1, b->n_periods - 1) + 1];
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, s, rq->min_sessions) != MR_OK)
        return MR_ENOMEM;
    for (int j = lo; j < hi; j++)
        if (b->x[j].activity == rq->activity.index) {
            if (mr_mip_row_add(&b->mip, j, -1.0) != MR_OK)
                return MR_ENOMEM;
            (*n)++;
        }
    if (*n == 0) {
        mr_mip_row_cancel(&b->mip);
        return MR_OK;
    }
    return end_row(b, -MR_MIP_INF, 0, "task", r, -1, -1);
}

static int row_session(mr_lpb *b, int r, int p, int s, int *n)
{
    const mr_request *rq = &b->m->requests[r];
    int t0 = rq->period.index, site = rq->site.id != NULL ? rq->site.index : -1;
    *n = 0;
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, s, 1.0) != MR_OK)
        return MR_ENOMEM;
    for (int dd = 0; dd < b->n_days; dd++) {
        if (!matches(b, rq, dd))
            continue;
        for (int t = 0; t < b->n_periods; t++) {
            if (t0 >= 0 && t != t0)
                continue;
            if (!mr_lpb_has(b, p, dd, t, rq->activity.index, site))
                continue;
            if (mr_lpb_add_sess(b, p, dd, t, rq->activity.index, site, -1.0)
                != MR_OK)
                return MR_ENOMEM;
            (*n)++;
        }
    }
    if (*n == 0) {
        mr_mip_row_cancel(&b->mip);
        return MR_OK;
    }
    return end_row(b, -MR_MIP_INF, 0, "session", r, -1, -1);
}

/* location: |D| * s <= sum over D of the day's presence at the site. The
 * z columns are made before the row is opened. */
static int row_location(mr_lpb *b, int r, int p, int s, int *n_dates,
                        int *zcol)
{
    const mr_model *m = b->m;
    const mr_request *rq = &m->requests[r];
    int site = rq->site.index, t0 = rq->period.index;
    char date[9];

    *n_dates = 0;
    for (int dd = 0; dd < b->n_days; dd++) {
        int np = 0;
        zcol[dd] = -2;                   /* not a matching available date */
        if (!matches(b, rq, dd) || !mr_works_day(m, p, b->first_day + dd))
            continue;
        (*n_dates)++;
        zcol[dd] = -1;                   /* no z: use the x-sum */
        for (int t = 0; t < b->n_periods; t++)
            if ((t0 < 0 || t == t0) && mr_lpb_has(b, p, dd, t, -1, site))
                np++;
        if (np <= 1)
            continue;
        mr_lpb_date(b, dd, date);
        if (mr_lpb_col(b, 0, 1, 0, p, MR_TAG_AUX,
                       mr_lpb_fmt(b, "z.r%d.%s", r, date), &zcol[dd]) != MR_OK)
            return MR_ENOMEM;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, zcol[dd], 1.0) != MR_OK)
            return MR_ENOMEM;
        for (int t = 0; t < b->n_periods; t++)
            if ((t0 < 0 || t == t0)
                && mr_lpb_add_sess(b, p, dd, t, -1, site, -1.0) != MR_OK)
                return MR_ENOMEM;
        if (end_row(b, -MR_MIP_INF, 0, "zdef", r, dd, -1) != MR_OK)
            return MR_ENOMEM;
    }
    if (*n_dates == 0 || site < 0)
        return MR_OK;
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, s, *n_dates) != MR_OK)
        return MR_ENOMEM;
    for (int dd = 0; dd < b->n_days; dd++) {
        if (zcol[dd] >= 0) {
            if (mr_mip_row_add(&b->mip, zcol[dd], -1.0) != MR_OK)
                return MR_ENOMEM;
        } else if (zcol[dd] == -1) {
            for (int t = 0; t < b->n_periods; t++)
                if ((t0 < 0 || t == t0)
                    && mr_lpb_add_sess(b, p, dd, t, -1, site, -1.0) != MR_OK)
                    return MR_ENOMEM;
        }
    }
    return end_row(b, -MR_MIP_INF, 0, "location", r, -1, -1);
}

/* Fixes a satisfaction that no roster can change. By index: building rows
 * may add columns and move the column array. */
static void fix(mr_lpb *b, int s, double v)
{
    b->mip.cols[s].lb = b->mip.cols[s].ub = v;
}

/* Adds request r's column and rows. */
static int add_request(mr_lpb *b, int r, int *zcol)
{
    const mr_model *m = b->m;
    const mr_request *rq = &m->requests[r];
    mr_lp_req *q = &b->req[r];
    int p = q->staff, s = q->col, n = 0, rc = MR_OK;

    switch (rq->kind) {
    case MR_REQ_OFF:
        rc = rows_not_working(b, r, p, s, -1, &n);
        if (n == 0)
            fix(b, s, 1);                   /* nothing to work: satisfied */
        break;
    case MR_REQ_AVOID:
        rc = rows_not_working(b, r, p, s,
                              rq->period.index >= 0 ? rq->period.index : -1,
                              &n);
        if (n == 0)
            fix(b, s, 1);
        break;
    case MR_REQ_TASK:
        if (rq->min_sessions <= 0) {
            fix(b, s, 1);
            break;
        }
        if (rq->activity.index < 0) {
            fix(b, s, 0);
            break;
        }
        rc = row_task(b, r, p, s, &n);
        if (n == 0)
            fix(b, s, 0);
        break;
    case MR_REQ_LOCATION:
        rc = row_location(b, r, p, s, &n, zcol);
        if (n == 0)
            fix(b, s, 1);                   /* no matching available date */
        else if (rq->site.index < 0)
            fix(b, s, 0);
        break;
    case MR_REQ_SESSION:
        if (rq->activity.index < 0) {
            fix(b, s, 0);
            break;
        }
        rc = row_session(b, r, p, s, &n);
        if (n == 0)
            fix(b, s, 0);
        break;
    default:
        fix(b, s, 0);
        break;
    }
    return rc;
}

int mr_rows_prefs(mr_lpb *b)
{
    const mr_model *m = b->m;
    double wp = m->weights.preference;
    int *zcol = NULL, rc = MR_ENOMEM, any = 0;

    if ((b->req = mr_calloc((size_t)m->n_requests + 1, sizeof *b->req)) == NULL
        || (b->req_weight = mr_calloc((size_t)b->n_staff + 1,
                                      sizeof *b->req_weight)) == NULL
        || (zcol = mr_calloc((size_t)b->n_days + 1, sizeof *zcol)) == NULL)
        goto done;
    for (int r = 0; r < m->n_requests; r++)
        b->req[r] = (mr_lp_req){-1, -1, 0};
    for (int i = 0; i < m->n_prefs; i++) {
        const mr_pref *pf = &m->prefs[i];
        int p = pf->staff.index;
        if (p < 0 || p >= b->n_staff)
            continue;
        for (int r = pf->first_request; r < pf->first_request + pf->n_requests;
             r++) {
            b->req[r].staff = p;
            b->req_weight[p] += m->requests[r].weight;
        }
    }
    for (int p = 0; p < b->n_staff; p++)
        if (b->req_weight[p] > 0) {
            b->mip.obj0 += wp;
            any = 1;
        }
    for (int r = 0; r < m->n_requests; r++) {
        mr_lp_req *q = &b->req[r];
        if (q->staff < 0 || b->req_weight[q->staff] <= 0)
            continue;
        q->share = (double)m->requests[r].weight / b->req_weight[q->staff];
        if (mr_lpb_col(b, 0, 1, -wp * q->share, q->staff, MR_TAG_SAT,
                       mr_lpb_fmt(b, "s.%s.r%d", m->staff[q->staff].id, r),
                       &q->col) != MR_OK)
            goto done;
        if ((rc = add_request(b, r, zcol)) != MR_OK)
            goto done;
        if (m->requests[r].kind == MR_REQ_OFF
            || m->requests[r].kind == MR_REQ_AVOID
            || m->requests[r].kind == MR_REQ_SESSION)
            b->mip.cols[q->col].integer = 1;
        rc = MR_ENOMEM;
    }
    if (any) {
        if (mr_lpb_col(b, 0, 1, -m->weights.fairness, -1, MR_TAG_FAIR,
                       "fair.min", &b->fair_col) != MR_OK)
            goto done;
        for (int p = 0; p < b->n_staff; p++) {
            if (b->req_weight[p] <= 0)
                continue;
            mr_mip_row_begin(&b->mip);
            if (mr_mip_row_add(&b->mip, b->fair_col, 1.0) != MR_OK)
                goto done;
            for (int r = 0; r < m->n_requests; r++)
                if (b->req[r].staff == p && b->req[r].col >= 0
                    && mr_mip_row_add(&b->mip, b->req[r].col,
                                      -b->req[r].share) != MR_OK)
                    goto done;
            if (mr_mip_row_end(&b->mip, -MR_MIP_INF, 0,
                               mr_lpb_fmt(b, "fair.%s", m->staff[p].id),
                               NULL) != MR_OK)
                goto done;
        }
    }
    rc = MR_OK;
done:
    mr_free(zcol);
    return rc;
}
