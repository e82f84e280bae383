/* H4: for each person and each Monday-to-Sunday week that meets the month,
 * the sessions assigned equal mr_due(). A due week with no x left is an
 * empty row that cannot hold: the month is infeasible. */
#include "lp.h"

#include "derive.h"

int mr_rows_contract(mr_lpb *b)
{
    const mr_model *m = b->m;
    int n_weeks = mr_n_weeks(m);

    for (int p = 0; p < b->n_staff; p++) {
        for (int w = 0; w < n_weeks; w++) {
            int due = mr_due(m, p, w);
            int start = mr_week_start(m, w) - b->first_day;
            if (due <= 0)
                continue;
            mr_mip_row_begin(&b->mip);
            for (int dd = start; dd < start + 7; dd++)
                for (int t = 0; t < b->n_periods; t++)
                    if (mr_lpb_add_sess(b, p, dd, t, -1, -1, 1.0) != MR_OK)
                        return MR_ENOMEM;
            if (mr_mip_row_end(&b->mip, due, due,
                               mr_lpb_fmt(b, "h4.%s.w%d", m->staff[p].id, w),
                               NULL) != MR_OK)
                return MR_ENOMEM;
        }
    }
    return MR_OK;
}
