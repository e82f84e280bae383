/* Specialism (SPEC 5): for each person with a specialism, own = their clinic
 * x carrying it, clinical = their x of clinical activities; the cost is
 * weights.specialism * |own - specialist_share * clinical|, linearised with
 * two slacks: own - share * clinical - e_plus + e_minus = 0. */
#include "lp.h"

int mr_rows_specialism(mr_lpb *b)
{
    const mr_model *m = b->m;
    double share = m->rules.specialist_share, w = m->weights.specialism;

    for (int p = 0; p < b->n_staff; p++) {
        const mr_staff *st = &m->staff[p];
        int own = st->specialism.id != NULL ? st->specialism.index : -1;
        int ep, em, lo, hi, any = 0;
        if (own < 0)
            continue;
        mr_lpb_range(b, p, 0, 0, &lo, &hi);
        hi = b->first[mr_lpb_sess(b, p, b->n_days - 1, b->n_periods - 1) + 1];
        for (int j = lo; j < hi && !any; j++)
            any = b->x[j].specialty == own
                  || m->activities[b->x[j].activity].counts_as == MR_CLINICAL;
        if (!any)
            continue;
        if (mr_lpb_col(b, 0, MR_MIP_INF, w, p, MR_TAG_SPEC,
                       mr_lpb_fmt(b, "spec.plus.%s", st->id), &ep) != MR_OK
            || mr_lpb_col(b, 0, MR_MIP_INF, w, p, MR_TAG_SPEC,
                          mr_lpb_fmt(b, "spec.minus.%s", st->id), &em)
                   != MR_OK)
            return MR_ENOMEM;
        mr_mip_row_begin(&b->mip);
        for (int j = lo; j < hi; j++) {
            double c = 0;
            if (b->x[j].specialty == own)
                c += 1.0;
            if (m->activities[b->x[j].activity].counts_as == MR_CLINICAL)
                c -= share;
            if (c != 0 && mr_mip_row_add(&b->mip, j, c) != MR_OK)
                return MR_ENOMEM;
        }
        if (mr_mip_row_add(&b->mip, ep, -1.0) != MR_OK
            || mr_mip_row_add(&b->mip, em, 1.0) != MR_OK)
            return MR_ENOMEM;
        if (mr_mip_row_end(&b->mip, 0, 0,
                           mr_lpb_fmt(b, "spec.%s", st->id), NULL) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}
