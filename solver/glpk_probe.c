/* Probing satisfaction: before the solve, the most each request's
 * satisfaction can be, given only its person's own rules (H1, H4, H7, H8),
 * becomes the upper bound of its column, and the most the least satisfied
 * person can have bounds the fairness column.
 *
 * Why: a request the person's contract makes impossible (an "avoid am"
 * from someone due more sessions a week than there are afternoons, an
 * "off" on a day that a full week needs) still looks half satisfiable to
 * the LP, which mixes half sessions. Its relaxation is then far from the
 * truth, in the compact model and in every pricing problem, and GLPK's
 * branch-and-bound wanders (a pricing MIP that CBC proves in 0.02 s ran
 * for seconds). Each probe is one small MIP per request over one person:
 * for the 0-or-1 requests (off, avoid, session) whether the person can
 * have it at all, which the relaxation with s fixed at 1 usually settles;
 * for the others the most they can have.
 * The bounds are implied by the model, so every roster keeps its value. */
#include "dw.h"

#include <math.h>

#include "alloc.h"
#include "log.h"

/* The most of the weighted sum of person pr's columns (weights w, local)
 * under their own rules; HUGE_VAL when unknown. */
static double maximise(mr_run *r, mr_price *pr, double *cost, double *z,
                       int *infeasible)
{
    double value;
    int exact, found;

    mr_price_solve(pr, cost, fmin(mr_run_left(r), 0.1), &value, &exact, z,
                   &found, infeasible);
    return value == -HUGE_VAL ? HUGE_VAL : -value;
}

int mr_stage_probe(mr_run *r)
{
    mr_mip *p = &r->b->mip;
    const mr_lpb *b = r->b;
    mr_price *pr = NULL;
    int n_pr = 0, *local = NULL, rc = MR_ENOMEM, n_tight = 0;
    double *cost = NULL, *z = NULL, fair_ub = 1;

    if (b->req == NULL || r->m->n_requests == 0)
        return MR_OK;
    if ((local = mr_malloc(((size_t)p->n_cols + 1) * sizeof *local)) == NULL
        || mr_price_build(p, &pr, &n_pr, local) != MR_OK
        || (cost = mr_calloc((size_t)p->n_cols + 1, sizeof *cost)) == NULL
        || (z = mr_malloc(((size_t)p->n_cols + 1) * sizeof *z)) == NULL)
        goto done;
    rc = MR_OK;
    /* At most a tenth of the time limit: the bounds only help. */
    double until = mr_clock() + 0.1 * r->o.time_limit;
    for (int i = 0; i < n_pr && mr_run_left(r) > 0 && mr_clock() < until;
         i++) {
        int owner = pr[i].owner, infeasible = 0;
        double sat_ub;
        if (b->req_weight[owner] <= 0)
            continue;
        for (int q = 0; q < r->m->n_requests; q++) {
            const mr_lp_req *rq = &b->req[q];
            mr_mip_col *c;
            double ub;
            if (rq->staff != owner || rq->col < 0)
                continue;
            c = &p->cols[rq->col];
            if (c->lb >= c->ub)
                continue;
            if (c->integer) {
                /* 0 or 1: can the person have it at all? With s fixed at 1
                 * the relaxation alone often says no. */
                int k = local[rq->col] + 1;
                glp_set_col_bnds(pr[i].lp, k, GLP_FX, 1, 1);
                maximise(r, &pr[i], cost, z, &infeasible);
                glp_set_col_bnds(pr[i].lp, k, GLP_DB, c->lb, c->ub);
                ub = infeasible ? 0 : c->ub;
                infeasible = 0;
            } else {
                cost[local[rq->col]] = -1;
                ub = maximise(r, &pr[i], cost, z, &infeasible);
                cost[local[rq->col]] = 0;
                if (infeasible) {
                    r->infeasible = 1;
                    goto done;
                }
            }
            if (ub < c->ub - 1e-9) {
                c->ub = ub < c->lb + 1e-9 ? c->lb : ub;
                glp_set_col_bnds(pr[i].lp, local[rq->col] + 1,
                                 c->lb == c->ub ? GLP_FX : GLP_DB, c->lb,
                                 c->ub);
                n_tight++;
            }
        }
        if (b->fair_col < 0)
            continue;
        /* The most this person's satisfaction can be. */
        for (int q = 0; q < r->m->n_requests; q++)
            if (b->req[q].staff == owner && b->req[q].col >= 0)
                cost[local[b->req[q].col]] = -b->req[q].share;
        sat_ub = maximise(r, &pr[i], cost, z, &infeasible);
        for (int q = 0; q < r->m->n_requests; q++)
            if (b->req[q].staff == owner && b->req[q].col >= 0)
                cost[local[b->req[q].col]] = 0;
        if (infeasible) {
            r->infeasible = 1;
            goto done;
        }
        fair_ub = fmin(fair_ub, sat_ub);
    }
    if (b->fair_col >= 0 && fair_ub < p->cols[b->fair_col].ub) {
        mr_mip_col *c = &p->cols[b->fair_col];
        c->ub = fmax(c->lb, fair_ub);
        n_tight++;
    }
    mr_log(MR_LOG_INFO, "solve: probing tightened %d satisfaction bounds "
           "(%.2f s)", n_tight, mr_run_elapsed(r));
done:
    mr_price_free(pr, n_pr);
    mr_free(local);
    mr_free(cost);
    mr_free(z);
    return rc;
}
