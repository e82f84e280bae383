/* The compact model in GLPK: its LP relaxation first (a cheap proof of
 * infeasibility, a first bound, and after probing often the optimum), and
 * at the end branch-and-cut started from the best roster so far, with
 * GLPK's cuts and proximity search, stopped by our clock and by the gap
 * measured against the best bound any stage proved. */
#include "glpk_int.h"

#include <math.h>

#include "alloc.h"
#include "log.h"

void mr_stage_free(mr_run *r)
{
    if (r->compact != NULL)
        glp_delete_prob(r->compact);
    r->compact = NULL;
}

int mr_stage_relaxed(const mr_run *r)
{
    return r->compact != NULL && glp_get_status(r->compact) == GLP_OPT;
}

int mr_stage_relax(mr_run *r)
{
    return mr_stage_relax_within(r, mr_run_left(r));
}

int mr_stage_relax_within(mr_run *r, double time_limit)
{
    glp_prob *lp;
    glp_smcp sp;
    double left = fmin(time_limit, mr_run_left(r));
    int rc, st;

    if (r->compact == NULL) {
        if ((rc = mr_glpk_load(&r->b->mip, 0, &lp)) != MR_OK)
            return rc;
        r->compact = lp;
    }
    lp = r->compact;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    if (glp_simplex(lp, &sp) != 0)
        return MR_OK;                    /* out of time */
    st = glp_get_status(lp);
    if (st == GLP_NOFEAS) {
        r->infeasible = 1;
        mr_log(MR_LOG_INFO, "solve: the relaxation is infeasible: no roster "
               "meets the hard rules");
    } else if (st == GLP_OPT) {
        mr_run_bound(r, glp_get_obj_val(lp));
        mr_log(MR_LOG_INFO, "solve: relaxation %.6g (%.2f s)",
               glp_get_obj_val(lp), mr_run_elapsed(r));
        mr_run_report(r, 0);
    }
    return MR_OK;
}

int mr_stage_relax_roster(mr_run *r, double time_limit)
{
    glp_prob *lp = r->compact;
    double *xv;
    int rc, found;

    if (lp == NULL || glp_get_status(lp) != GLP_OPT)
        return MR_OK;
    if ((xv = mr_malloc(((size_t)r->b->n_x + 1) * sizeof *xv)) == NULL)
        return MR_ENOMEM;
    for (int j = 0; j < r->b->n_x; j++)
        xv[j] = glp_get_col_prim(lp, j + 1);
    rc = mr_support_mip(r, xv, time_limit, &found);
    mr_free(xv);
    return rc;
}

int mr_stage_compact(mr_run *r)
{
    mr_bb bb = {0};
    int rc, ret, st;

    if ((r->compact == NULL || glp_get_status(r->compact) != GLP_OPT)
        && ((rc = mr_stage_relax(r)) != MR_OK
            || r->infeasible || glp_get_status(r->compact) != GLP_OPT))
        return rc;
    bb.time_limit = mr_run_left(r);
    bb.global = 1;
    bb.warm = 1;
    /* GLPK's cut generators and their preparation run without callbacks:
     * past the time limit on large models. */
    bb.cuts = r->b->n_x <= 10000;
    bb.proximity = 1;
    bb.proximity_limit = fmax(1.0, 0.2 * r->o.time_limit);
    if ((rc = mr_glpk_bb(r, r->compact, &bb, &ret, &st)) != MR_OK)
        return rc;
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS
        || (ret == 0 && st == GLP_NOFEAS))
        r->infeasible = r->best == NULL;
    else if (ret == GLP_ETMLIM || mr_run_left(r) <= 0)
        r->timed_out = 1;
    mr_log(MR_LOG_INFO, "solve: branch-and-cut ended (%d, status %d) "
           "(%.2f s)", ret, st, mr_run_elapsed(r));
    return MR_OK;
}
