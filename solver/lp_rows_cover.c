/* Cover (SPEC 4 H10, 5) and PCN shortfall (SPEC 5).
 *
 * Cover: for each entry, date of its days and period of its periods where
 * the activity's session exists at the site, provided = x of that activity
 * at that site in that session (of the entry's specialty when it has one).
 * Soft: provided + u >= min with u in [0, min] costing the weight; hard:
 * provided >= min.
 * PCN: per PCN and week, provided = fcp x at practice sites of the PCN on
 * the week's dates in the month; provided + v >= required, v costing
 * weights.pcn. */
#include "lp.h"

#include "date.h"
#include "derive.h"

static int add_cover_session(mr_lpb *b, int c, int dd, int t)
{
    const mr_model *m = b->m;
    const mr_cover *cv = &m->cover[c];
    int a = cv->activity.index, s = cv->site.index;
    int k = cv->specialty.id != NULL ? cv->specialty.index : -1;
    int u = -1, lo, hi;
    char date[9];

    mr_lpb_date(b, dd, date);
    if (!cv->hard) {
        double w = cv->weight < 0 ? m->weights.cover : cv->weight;
        if (mr_lpb_col(b, 0, cv->min, w, -1, MR_TAG_COVER,
                       mr_lpb_fmt(b, "u.cover%d.%s.%s", c, date,
                                  m->periods[t].id), &u) != MR_OK)
            return MR_ENOMEM;
    }
    mr_mip_row_begin(&b->mip);
    if (u >= 0 && mr_mip_row_add(&b->mip, u, 1.0) != MR_OK)
        return MR_ENOMEM;
    for (int p = 0; p < b->n_staff; p++) {
        mr_lpb_range(b, p, dd, t, &lo, &hi);
        for (int j = lo; j < hi; j++) {
            const mr_xvar *x = &b->x[j];
            if (x->activity != a || x->site != s)
                continue;
            if (cv->specialty.id != NULL && x->specialty != k)
                continue;
            if (mr_mip_row_add(&b->mip, j, 1.0) != MR_OK)
                return MR_ENOMEM;
        }
    }
    return mr_mip_row_end(&b->mip, cv->min, MR_MIP_INF,
                          mr_lpb_fmt(b, "%s%d.%s.%s",
                                     cv->hard ? "hcover" : "cover", c, date,
                                     m->periods[t].id), NULL);
}

static int add_pcn_week(mr_lpb *b, int pc, int w)
{
    const mr_model *m = b->m;
    int req = mr_pcn_required(m, pc, w);
    int start = mr_week_start(m, w) - b->first_day, v, lo, hi;

    if (req <= 0)
        return MR_OK;
    if (mr_lpb_col(b, 0, req, m->weights.pcn, -1, MR_TAG_PCN,
                   mr_lpb_fmt(b, "v.pcn.%s.w%d", m->pcns[pc].id, w), &v)
        != MR_OK)
        return MR_ENOMEM;
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, v, 1.0) != MR_OK)
        return MR_ENOMEM;
    for (int p = 0; p < b->n_staff; p++)
        for (int dd = start; dd < start + 7; dd++)
            for (int t = 0; t < b->n_periods; t++) {
                mr_lpb_range(b, p, dd, t, &lo, &hi);
                for (int j = lo; j < hi; j++) {
                    const mr_site *st = &m->sites[b->x[j].site];
                    if (b->x[j].activity != b->fcp
                        || st->kind != MR_SITE_PRACTICE
                        || st->pcn.index != pc)
                        continue;
                    if (mr_mip_row_add(&b->mip, j, 1.0) != MR_OK)
                        return MR_ENOMEM;
                }
            }
    return mr_mip_row_end(&b->mip, req, MR_MIP_INF,
                          mr_lpb_fmt(b, "pcn.%s.w%d", m->pcns[pc].id, w),
                          NULL);
}

int mr_rows_cover(mr_lpb *b)
{
    const mr_model *m = b->m;

    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int a = cv->activity.index, s = cv->site.index;
        if (cv->min <= 0 || a < 0 || s < 0)
            continue;
        for (int dd = 0; dd < b->n_days; dd++) {
            int day = b->first_day + dd;
            if (!((cv->days >> mr_weekday(day)) & 1u))
                continue;
            for (int t = 0; t < b->n_periods; t++)
                if (((cv->pmask >> t) & 1u)
                    && mr_session_exists(m, a, s, day, t)
                    && add_cover_session(b, c, dd, t) != MR_OK)
                    return MR_ENOMEM;
        }
    }
    for (int pc = 0; pc < m->n_pcns; pc++) {
        if (m->pcns[pc].fcp_sessions_per_week <= 0)
            continue;
        for (int w = 0; w < mr_n_weeks(m); w++)
            if (add_pcn_week(b, pc, w) != MR_OK)
                return MR_ENOMEM;
    }
    return MR_OK;
}
