/* Decoding a roster; see decode.h. */
#include "decode.h"

#include "rooms.h"

int mr_decode(const mr_lpb *b, const double *full, mr_solution *out)
{
    out->n_assign = 0;
    for (int k = 0; k < b->n_x; k++) {
        const mr_xvar *x = &b->x[k];
        mr_assignment a = {x->staff, x->date, x->period, x->activity,
                           x->site, -1, x->specialty};
        if (full[k] < 0.5)
            continue;
        if (mr_solution_add(out, &a) != MR_OK)
            return MR_ENOMEM;
    }
    return mr_rooms_assign(b->m, out);
}

double mr_decode_roster_objective(const mr_lpb *b, const double *full)
{
    const mr_mip *p = &b->mip;
    double z = p->obj0;
    for (int j = 0; j < p->n_cols; j++)
        switch (p->cols[j].tag) {
        case MR_TAG_X: case MR_TAG_COVER: case MR_TAG_PCN: case MR_TAG_SAT:
        case MR_TAG_FAIR: case MR_TAG_SPEC:
            z += p->cols[j].obj * full[j];
            break;
        default:                         /* demand and other families */
            break;
        }
    return z;
}
