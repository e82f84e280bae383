/* Decoding a roster; see decode.h. */
#include "decode.h"

#include <math.h>

#include "alloc.h"
#include "rooms.h"

/* Objective parts, shortfalls and satisfaction from the columns. The
 * satisfaction columns sit at their upper bounds in a completed vector
 * (they are rewarded), so they are the requests' satisfaction. */
static int figures(const mr_lpb *b, const double *full, mr_solution *out)
{
    const mr_mip *p = &b->mip;
    const mr_model *m = b->m;
    double parts[MR_N_TAGS] = {0}, cover = 0, pcn = 0, sum = 0, lo = 2;
    int n_ask = 0;

    for (int j = 0; j < p->n_cols; j++) {
        parts[p->cols[j].tag] += p->cols[j].obj * full[j];
        if (p->cols[j].tag == MR_TAG_COVER)
            cover += full[j];
        else if (p->cols[j].tag == MR_TAG_PCN)
            pcn += full[j];
    }
    out->parts.cover = parts[MR_TAG_COVER];
    out->parts.pcn = parts[MR_TAG_PCN];
    out->parts.preference = parts[MR_TAG_SAT] + p->obj0;
    out->parts.fairness = parts[MR_TAG_FAIR];
    out->parts.specialism = parts[MR_TAG_SPEC];
    out->cover_shortfall = (int)floor(cover + 0.5);
    out->pcn_shortfall = (int)floor(pcn + 0.5);

    out->n_staff = b->n_staff;
    if ((out->requested_weight = mr_calloc((size_t)b->n_staff + 1,
                                           sizeof(double))) == NULL
        || (out->satisfied_weight = mr_calloc((size_t)b->n_staff + 1,
                                              sizeof(double))) == NULL
        || (out->satisfaction = mr_calloc((size_t)b->n_staff + 1,
                                          sizeof(double))) == NULL)
        return MR_ENOMEM;
    for (int r = 0; r < m->n_requests; r++) {
        const mr_lp_req *q = &b->req[r];
        if (q->staff < 0 || q->col < 0)
            continue;
        out->requested_weight[q->staff] += m->requests[r].weight;
        out->satisfied_weight[q->staff] += m->requests[r].weight
                                           * full[q->col];
    }
    for (int s = 0; s < b->n_staff; s++) {
        if (out->requested_weight[s] <= 0) {
            out->satisfaction[s] = -1;
            continue;
        }
        out->satisfaction[s] = out->satisfied_weight[s]
                               / out->requested_weight[s];
        sum += out->satisfaction[s];
        lo = fmin(lo, out->satisfaction[s]);
        n_ask++;
    }
    out->min_satisfaction = n_ask > 0 ? lo : -1;
    out->mean_satisfaction = n_ask > 0 ? sum / n_ask : -1;
    return MR_OK;
}

int mr_decode(const mr_lpb *b, const double *full, mr_solution *out)
{
    int rc;

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
    if ((rc = mr_rooms_assign(b->m, out)) != MR_OK)
        return rc;
    return figures(b, full, out);
}
