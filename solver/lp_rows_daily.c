/* H1, H7 and H8: the rules of a person's day and of consecutive days.
 *
 * H1: at most one x per person-session.
 * H7: at most max_sessions_per_day a day; at most max_evenings evenings a
 * month; in every window of K+1 consecutive dates of the month at most K
 * working days, through the day indicators of lp_vars.c; pairs of periods on consecutive dates
 * closer than min_rest_hours exclude each other.
 * H8: at most max_sites_per_day distinct non-remote sites a day, through
 * site indicators y >= each session's x-sum at the site.
 * Rows that can never bind are left out. */
#include "lp.h"

#include "alloc.h"
#include "derive.h"

static int add_h1(mr_lpb *b, int p, int dd, int t)
{
    int lo, hi;
    char date[9];
    mr_lpb_range(b, p, dd, t, &lo, &hi);
    if (hi - lo < 2)
        return MR_OK;
    mr_mip_row_begin(&b->mip);
    if (mr_lpb_add_sess(b, p, dd, t, -1, -1, 1.0) != MR_OK)
        return MR_ENOMEM;
    mr_lpb_date(b, dd, date);
    return mr_mip_row_end(&b->mip, -MR_MIP_INF, 1,
                          mr_lpb_fmt(b, "h1.%s.%s.%s", b->m->staff[p].id,
                                     date, b->m->periods[t].id), NULL);
}

static int add_day_max(mr_lpb *b, int p, int dd)
{
    int cap = b->m->rules.max_sessions_per_day;
    char date[9];
    if (mr_lpb_periods_of_day(b, p, dd) <= cap)
        return MR_OK;
    mr_mip_row_begin(&b->mip);
    for (int t = 0; t < b->n_periods; t++)
        if (mr_lpb_add_sess(b, p, dd, t, -1, -1, 1.0) != MR_OK)
            return MR_ENOMEM;
    mr_lpb_date(b, dd, date);
    return mr_mip_row_end(&b->mip, -MR_MIP_INF, cap < 0 ? 0 : cap,
                          mr_lpb_fmt(b, "h7day.%s.%s", b->m->staff[p].id,
                                     date), NULL);
}

static int add_evenings(mr_lpb *b, int p)
{
    const mr_model *m = b->m;
    int t = m->evening, n = 0;
    if (t < 0 || t >= b->n_periods)
        return MR_OK;
    for (int dd = 0; dd < b->n_days; dd++)
        n += mr_lpb_has(b, p, dd, t, -1, -1);
    if (n <= m->staff[p].max_evenings)
        return MR_OK;
    mr_mip_row_begin(&b->mip);
    for (int dd = 0; dd < b->n_days; dd++)
        if (mr_lpb_add_sess(b, p, dd, t, -1, -1, 1.0) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(&b->mip, -MR_MIP_INF, m->staff[p].max_evenings,
                          mr_lpb_fmt(b, "h7eve.%s", m->staff[p].id), NULL);
}

static int add_consecutive(mr_lpb *b, int p)
{
    int k = b->m->rules.max_consecutive_days;
    char date[9];

    if (k < 1)
        return MR_OK;
    for (int d0 = 0; d0 + k < b->n_days; d0++) {
        int n = 0;
        for (int dd = d0; dd <= d0 + k; dd++)
            n += mr_lpb_periods_of_day(b, p, dd) > 0;
        if (n <= k)
            continue;
        for (int dd = d0; dd <= d0 + k; dd++)
            if (mr_lpb_day_prepare(b, p, dd) != MR_OK)
                return MR_ENOMEM;
        mr_mip_row_begin(&b->mip);
        for (int dd = d0; dd <= d0 + k; dd++)
            if (mr_lpb_day_add(b, p, dd, 1.0) != MR_OK)
                return MR_ENOMEM;
        mr_lpb_date(b, d0, date);
        if (mr_mip_row_end(&b->mip, -MR_MIP_INF, k,
                           mr_lpb_fmt(b, "h7run.%s.%s", b->m->staff[p].id,
                                      date), NULL) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

static int add_rest(mr_lpb *b, int p)
{
    const mr_model *m = b->m;
    double need = m->rules.min_rest_hours * 60.0;
    char date[9];

    for (int dd = 0; dd + 1 < b->n_days; dd++) {
        for (int t1 = 0; t1 < b->n_periods; t1++) {
            if (!mr_lpb_has(b, p, dd, t1, -1, -1))
                continue;
            for (int t2 = 0; t2 < b->n_periods; t2++) {
                double gap = 1440.0 + m->periods[t2].start - m->periods[t1].end;
                if (gap >= need || !mr_lpb_has(b, p, dd + 1, t2, -1, -1))
                    continue;
                mr_mip_row_begin(&b->mip);
                if (mr_lpb_add_sess(b, p, dd, t1, -1, -1, 1.0) != MR_OK
                    || mr_lpb_add_sess(b, p, dd + 1, t2, -1, -1, 1.0) != MR_OK)
                    return MR_ENOMEM;
                mr_lpb_date(b, dd, date);
                if (mr_mip_row_end(&b->mip, -MR_MIP_INF, 1,
                                   mr_lpb_fmt(b, "h7rest.%s.%s.%s.%s",
                                              m->staff[p].id, date,
                                              m->periods[t1].id,
                                              m->periods[t2].id),
                                   NULL) != MR_OK)
                    return MR_ENOMEM;
            }
        }
    }
    return MR_OK;
}

/* H8 for one day: y[s] >= x-sum of each session at s; sum of y <= cap. */
static int add_sites(mr_lpb *b, int p, int dd, int *ycol)
{
    const mr_model *m = b->m;
    int cap = m->rules.max_sites_per_day, n_sites = 0, per_day;
    char date[9];

    if (cap < 0)
        return MR_OK;
    per_day = mr_lpb_periods_of_day(b, p, dd);
    if (per_day > m->rules.max_sessions_per_day)
        per_day = m->rules.max_sessions_per_day;
    for (int s = 0; s < m->n_sites; s++) {
        ycol[s] = -1;
        if (m->sites[s].kind == MR_SITE_REMOTE)
            continue;
        for (int t = 0; t < b->n_periods; t++)
            if (mr_lpb_has(b, p, dd, t, -1, s)) {
                n_sites++;
                ycol[s] = 0;
                break;
            }
    }
    if ((n_sites < per_day ? n_sites : per_day) <= cap)
        return MR_OK;
    mr_lpb_date(b, dd, date);
    for (int s = 0; s < m->n_sites; s++) {
        if (ycol[s] < 0)
            continue;
        if (mr_lpb_col(b, 0, 1, 0, p, MR_TAG_AUX,
                       mr_lpb_fmt(b, "y.%s.%s.%s", m->staff[p].id, date,
                                  m->sites[s].id), &ycol[s]) != MR_OK)
            return MR_ENOMEM;
        for (int t = 0; t < b->n_periods; t++) {
            if (!mr_lpb_has(b, p, dd, t, -1, s))
                continue;
            mr_mip_row_begin(&b->mip);
            if (mr_mip_row_add(&b->mip, ycol[s], 1.0) != MR_OK
                || mr_lpb_add_sess(b, p, dd, t, -1, s, -1.0) != MR_OK)
                return MR_ENOMEM;
            if (mr_mip_row_end(&b->mip, 0, MR_MIP_INF,
                               mr_lpb_fmt(b, "ydef.%s.%s.%s.%s",
                                          m->staff[p].id, date,
                                          m->periods[t].id, m->sites[s].id),
                               NULL) != MR_OK)
                return MR_ENOMEM;
        }
    }
    mr_mip_row_begin(&b->mip);
    for (int s = 0; s < m->n_sites; s++)
        if (ycol[s] >= 0 && mr_mip_row_add(&b->mip, ycol[s], 1.0) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(&b->mip, -MR_MIP_INF, cap,
                          mr_lpb_fmt(b, "h8.%s.%s", m->staff[p].id, date),
                          NULL);
}

int mr_rows_daily(mr_lpb *b)
{
    int *ycol = NULL;
    int rc = MR_ENOMEM;

    if ((ycol = mr_calloc((size_t)b->m->n_sites + 1, sizeof *ycol)) == NULL)
        goto done;
    for (int p = 0; p < b->n_staff; p++) {
        for (int dd = 0; dd < b->n_days; dd++) {
            for (int t = 0; t < b->n_periods; t++)
                if ((rc = add_h1(b, p, dd, t)) != MR_OK)
                    goto done;
            if ((rc = add_day_max(b, p, dd)) != MR_OK
                || (rc = add_sites(b, p, dd, ycol)) != MR_OK)
                goto done;
        }
        if ((rc = add_evenings(b, p)) != MR_OK
            || (rc = add_consecutive(b, p)) != MR_OK
            || (rc = add_rest(b, p)) != MR_OK)
            goto done;
    }
    rc = MR_OK;
done:
    mr_free(ycol);
    return rc;
}
