/* Specialism (SPEC 5): for each person with a specialism, own = their clinic
 * x carrying it, clinical = their x of clinical activities; the cost is
 * weights.specialism * |own - specialist_share * clinical|, linearised with
 * two slacks: own - share * clinical - e_plus + e_minus = 0. */
#include "lp.h"

/* Adds an integer column equal to the count of the person's own-specialty
 * x (own_kind 1) or clinical x (0) in [lo, hi); *out is -1 when there are
 * none. */
static int add_count(mr_lpb *b, int p, int lo, int hi, int own, int own_kind,
                     int *out)
{
    const mr_model *m = b->m;
    int n = 0, j;

    *out = -1;
    for (int k = lo; k < hi; k++)
        n += own_kind ? b->x[k].specialty == own
                      : m->activities[b->x[k].activity].counts_as
                            == MR_CLINICAL;
    if (n == 0)
        return MR_OK;
    if (mr_mip_add_col(&b->mip, 0, n, 0, 1, p,
                       mr_lpb_fmt(b, "n.%s.%s", own_kind ? "own" : "clinical",
                                  m->staff[p].id), &j) != MR_OK)
        return MR_ENOMEM;
    b->mip.cols[j].tag = MR_TAG_AUX;
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, j, -1.0) != MR_OK)
        return MR_ENOMEM;
    for (int k = lo; k < hi; k++) {
        int in = own_kind ? b->x[k].specialty == own
                          : m->activities[b->x[k].activity].counts_as
                                == MR_CLINICAL;
        if (in && mr_mip_row_add(&b->mip, k, 1.0) != MR_OK)
            return MR_ENOMEM;
    }
    *out = j;
    return mr_mip_row_end(&b->mip, 0, 0,
                          mr_lpb_fmt(b, "count.%s.%s",
                                     own_kind ? "own" : "clinical",
                                     m->staff[p].id), NULL);
}

int mr_rows_specialism(mr_lpb *b)
{
    const mr_model *m = b->m;
    double share = m->rules.specialist_share, w = m->weights.specialism;

    for (int p = 0; p < b->n_staff; p++) {
        const mr_staff *st = &m->staff[p];
        int own = st->specialism.id != NULL ? st->specialism.index : -1;
        int ep, em, lo, hi, any = 0, n_own, n_clin;
        if (own < 0)
            continue;
        mr_lpb_range(b, p, 0, 0, &lo, &hi);
        hi = b->first[mr_lpb_sess(b, p, b->n_days - 1, b->n_periods - 1) + 1];
        for (int j = lo; j < hi && !any; j++)
            any = b->x[j].specialty == own
                  || m->activities[b->x[j].activity].counts_as == MR_CLINICAL;
        if (!any)
            continue;
        /* Integer counts: integral anyway when x is, but branching on a
         * fractional count closes |own - share * clinical| far faster
         * than branching on the many x behind it. */
        if (add_count(b, p, lo, hi, own, 1, &n_own) != MR_OK
            || add_count(b, p, lo, hi, own, 0, &n_clin) != MR_OK)
            return MR_ENOMEM;
        if (mr_lpb_col(b, 0, MR_MIP_INF, w, p, MR_TAG_SPEC,
                       mr_lpb_fmt(b, "spec.plus.%s", st->id), &ep) != MR_OK
            || mr_lpb_col(b, 0, MR_MIP_INF, w, p, MR_TAG_SPEC,
                          mr_lpb_fmt(b, "spec.minus.%s", st->id), &em)
                   != MR_OK)
            return MR_ENOMEM;
        mr_mip_row_begin(&b->mip);
        if ((n_own >= 0 && mr_mip_row_add(&b->mip, n_own, 1.0) != MR_OK)
            || (n_clin >= 0 && mr_mip_row_add(&b->mip, n_clin, -share) != MR_OK)
            || mr_mip_row_add(&b->mip, ep, -1.0) != MR_OK
            || mr_mip_row_add(&b->mip, em, 1.0) != MR_OK)
            return MR_ENOMEM;
        if (mr_mip_row_end(&b->mip, 0, 0,
                           mr_lpb_fmt(b, "spec.%s", st->id), NULL) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}
