/* The compact model in GLPK: its LP relaxation first (a cheap proof of
 * infeasibility and a first bound), and at the end branch-and-cut
 * (glp_intopt) started from the best roster so far (glp_ios_heur_sol),
 * stopped by our own clock and by the gap measured against the best bound
 * any stage proved.
 *
 * GLPK's presolver is off in branch-and-cut so that the callback sees the
 * model's own column numbering (the warm start and the incumbents are
 * read and written by index). */
#include "glpk_int.h"

#include <math.h>
#include <stdlib.h>

#include "alloc.h"
#include "log.h"
#include "run.h"

typedef struct cb_state {
    mr_run *r;
    int     offered;        /* the warm start was handed over */
    double  node_bound;     /* best bound of the open nodes seen last */
    double *x;              /* scratch: n_cols + 1 values */
    int     rc;             /* first error in the callback */
} cb_state;

/* Offers GLPK's incumbent (the MIP solution stored in lp) when better. */
static void take_incumbent(cb_state *cs, glp_prob *lp)
{
    mr_run *r = cs->r;
    const mr_mip *p = &r->b->mip;
    int st = glp_mip_status(lp);

    if (cs->rc != MR_OK || (st != GLP_FEAS && st != GLP_OPT)
        || glp_mip_obj_val(lp) >= r->best_obj - 1e-9)
        return;
    for (int j = 0; j < p->n_cols; j++) {
        double v = glp_mip_col_val(lp, j + 1);
        cs->x[j] = p->cols[j].integer ? floor(v + 0.5) : v;
    }
    cs->rc = mr_run_offer(r, cs->x, mr_mip_objective(p, cs->x));
}

static void callback(glp_tree *T, void *info)
{
    cb_state *cs = info;
    mr_run *r = cs->r;
    int n = r->b->mip.n_cols, best;

    if (glp_ios_reason(T) == GLP_IHEUR && !cs->offered && r->best != NULL) {
        cs->offered = 1;
        for (int j = 0; j < n; j++)           /* GLPK reads x[1..n] */
            cs->x[j + 1] = r->best[j];
        glp_ios_heur_sol(T, cs->x);
    }
    /* Incumbents, whether from a leaf or a heuristic (GLPK's own store
     * theirs without GLP_IBINGO). */
    take_incumbent(cs, glp_ios_get_prob(T));
    if ((best = glp_ios_best_node(T)) > 0) {
        cs->node_bound = glp_ios_node_bound(T, best);
        mr_run_bound(r, cs->node_bound);
    }
    mr_run_report(r, 0);
    if (mr_run_left(r) <= 0) {
        r->timed_out = 1;
        glp_ios_terminate(T);
    } else if (mr_run_done(r) || cs->rc != MR_OK) {
        glp_ios_terminate(T);
    }
}

/* Solves the relaxation of lp; returns GLPK's status, or 0 when the
 * simplex failed or ran out of time. */
static int relax(mr_run *r, glp_prob *lp)
{
    glp_smcp sp;
    double left = mr_run_left(r);

    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    if (glp_simplex(lp, &sp) != 0) {
        if (mr_run_left(r) <= 0)
            r->timed_out = 1;
        return 0;
    }
    return glp_get_status(lp);
}

void mr_stage_free(mr_run *r)
{
    if (r->compact != NULL)
        glp_delete_prob(r->compact);
    r->compact = NULL;
}

int mr_stage_relax(mr_run *r)
{
    glp_prob *lp;
    int rc, st;

    mr_glpk_hook();
    if (r->compact == NULL) {
        if ((rc = mr_glpk_load(&r->b->mip, 0, &lp)) != MR_OK)
            return rc;
        r->compact = lp;
    }
    lp = r->compact;
    st = relax(r, lp);
    if (st == GLP_NOFEAS) {
        r->infeasible = 1;
        mr_log(MR_LOG_INFO, "solve: the relaxation is infeasible");
    } else if (st == GLP_OPT) {
        mr_run_bound(r, glp_get_obj_val(lp));
        mr_log(MR_LOG_INFO, "solve: relaxation %.6g (%.2f s)",
               glp_get_obj_val(lp), mr_run_elapsed(r));
        mr_run_report(r, 0);
    }
    return MR_OK;
}

int mr_stage_compact(mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    glp_prob *lp;
    glp_iocp ip;
    cb_state cs = {r, 0, -HUGE_VAL, NULL, MR_OK};
    int rc = MR_OK, st, ret;
    double left;

    if (r->compact == NULL && ((rc = mr_stage_relax(r)) != MR_OK
                               || r->infeasible))
        return rc;
    lp = r->compact;
    if (glp_get_status(lp) != GLP_OPT && relax(r, lp) != GLP_OPT)
        return MR_OK;                    /* out of time */
    if ((cs.x = mr_malloc(((size_t)p->n_cols + 1) * sizeof *cs.x)) == NULL)
        return MR_ENOMEM;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ON;
    ip.presolve = GLP_OFF;
    ip.br_tech = GLP_BR_PCH;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = GLP_ON;
    ip.gmi_cuts = GLP_ON;
    ip.cov_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    ip.mip_gap = r->o.gap;
    ip.cb_func = callback;
    ip.cb_info = &cs;
    left = mr_run_left(r);
    ip.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    /* Proximity search improves a roster well, but runs without callbacks:
     * its own clock must end within ours. */
    ip.ps_heur = getenv("MR_NOPS") ? GLP_OFF : GLP_ON;
    if (getenv("MR_NOCUTS")) ip.mir_cuts = ip.gmi_cuts = ip.cov_cuts = ip.clq_cuts = GLP_OFF;
    if (getenv("MR_MFV")) ip.br_tech = GLP_BR_MFV;
    if (getenv("MR_DTH")) ip.br_tech = GLP_BR_DTH;
    ip.ps_tm_lim = (int)(fmin(left, fmax(1.0, 0.2 * r->o.time_limit)) * 1000);
    ret = glp_intopt(lp, &ip);
    if (cs.rc != MR_OK) {
        rc = cs.rc;
        goto done;
    }
    take_incumbent(&cs, lp);
    if ((rc = cs.rc) != MR_OK)
        goto done;
    st = glp_mip_status(lp);
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS
        || (ret == 0 && st == GLP_NOFEAS)) {
        r->infeasible = r->best == NULL;
    } else if (ret == 0 && st == GLP_OPT) {
        /* GLPK closed its tree to within its gap. */
        double z = glp_mip_obj_val(lp);
        mr_run_bound(r, fmax(cs.node_bound, z - r->o.gap * fabs(z)));
    } else if (ret == GLP_ETMLIM) {
        r->timed_out = 1;
    }
    mr_log(MR_LOG_INFO, "solve: branch-and-cut ended (%d, status %d) "
           "(%.2f s)", ret, st, mr_run_elapsed(r));
done:
    mr_free(cs.x);
    return rc;
}
