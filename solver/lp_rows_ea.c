/* H9: an ea session at a site runs only where the site also has a clinic
 * in that session. One row per ea variable, x_e <= sum of clinic x there:
 * tight, and no big-M. */
#include "lp.h"

int mr_rows_ea(mr_lpb *b)
{
    const mr_model *m = b->m;
    char date[9];

    if (b->ea < 0)
        return MR_OK;
    for (int e = 0; e < b->n_x; e++) {
        const mr_xvar *x = &b->x[e];
        int dd = x->date - b->first_day;
        if (x->activity != b->ea)
            continue;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, e, 1.0) != MR_OK)
            return MR_ENOMEM;
        for (int q = 0; b->clinic >= 0 && q < b->n_staff; q++)
            if (mr_lpb_add_sess(b, q, dd, x->period, b->clinic, x->site,
                                -1.0) != MR_OK)
                return MR_ENOMEM;
        mr_lpb_date(b, dd, date);
        if (mr_mip_row_end(&b->mip, -MR_MIP_INF, 0,
                           mr_lpb_fmt(b, "h9.%s.%s.%s.%s", m->staff[x->staff].id,
                                      date, m->periods[x->period].id,
                                      m->sites[x->site].id), NULL) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}
