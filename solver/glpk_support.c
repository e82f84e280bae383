/* Rosters from a fractional solution: the compact model restricted to the
 * assignments a fractional solution uses (the rest fixed at 0), solved by
 * GLPK as a small MIP. The fractional solution is the compact relaxation
 * (after probing often integral but for a few people) or the
 * decomposition's master, whose few schedules per person recombine day by
 * day here: far freer than choosing whole schedules. GLPK often finds a
 * good roster at once and then fails to prove it optimal for long: the
 * search stops when it stalls, and proximity search on the whole model
 * (glpk_run.c) takes over. */
#include "glpk_int.h"

#include <math.h>

#include "log.h"

int mr_support_mip(mr_run *r, const double *xv, double time_limit,
                   int *found)
{
    const mr_mip *p = &r->b->mip;
    glp_prob *lp = NULL;
    mr_bb bb = {0};
    double before = r->best_obj;
    int rc, ret, st, n_free = 0;

    *found = 0;
    if ((rc = mr_glpk_load(p, 0, &lp)) != MR_OK)
        return rc;
    for (int j = 0; j < r->b->n_x; j++) {
        if (xv[j] < 1e-6)
            mr_glpk_col_bnds(lp, j, 0, 0);
        else
            n_free++;
    }
    bb.time_limit = time_limit;
    /* Stopped once it stalls this long: at 0.5 s, on an S month short of
     * staff (benchmark S seed 2, `--leavers 2`) the two support MIPs after
     * column generation found nothing in 0.5 s each and a days search
     * then found the optimum in 0.05 s (1% at 2.8-2.9 s; CBC 2.5 s); at
     * 0.2 s, 2.2-2.3 s (seed 3 1.3 -> 1.1 s), S seeds 1-15 and the 16
     * S months heavier in FCP work the same. */
    bb.stall = fmax(0.2, 0.02 * r->o.time_limit);
    bb.presolve = 1;                     /* most columns are fixed */
    rc = mr_glpk_bb(r, lp, &bb, &ret, &st);
    *found = r->best_obj < before;
    mr_log(MR_LOG_DEBUG, "solve: support mip over %d x: %d, status %d%s "
           "(%.2f s)", n_free, ret, st, *found ? ", a better roster" : "",
           mr_run_elapsed(r));
    glp_delete_prob(lp);
    return rc;
}

int mr_glpk_complete(mr_run *r, const double *x, double *full, double *obj)
{
    const mr_mip *p = &r->b->mip;
    glp_prob *lp = NULL;
    glp_smcp sp;
    int rc;

    if ((rc = mr_glpk_load(p, 0, &lp)) != MR_OK)
        return rc;
    for (int j = 0; j < r->b->n_x; j++)
        mr_glpk_col_bnds(lp, j, x[j], x[j]);
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;           /* the x are fixed: little is left */
    rc = MR_EINFEASIBLE;
    if (glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT) {
        for (int j = 0; j < p->n_cols; j++) {
            double v = j < r->b->n_x ? x[j] : glp_get_col_prim(lp, j + 1);
            full[j] = p->cols[j].integer ? floor(v + 0.5) : v;
        }
        *obj = mr_mip_objective(p, full);
        rc = MR_OK;
    }
    glp_delete_prob(lp);
    return rc;
}
