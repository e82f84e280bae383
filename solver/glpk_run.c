/* Branch-and-cut on the compact model with GLPK (glp_intopt), started from
 * the best roster found so far (glp_ios_heur_sol), stopped by our own clock
 * and by the gap measured against the best bound of any stage. Also the
 * completion of a roster's x into a full column vector. */
#include "glpk_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "log.h"
#include "run.h"

typedef struct cb_state {
    mr_run *r;
    int     offered;        /* the warm start was handed over */
    double  node_bound;     /* best bound of the open nodes seen last */
    double *x;              /* scratch: n_cols values */
    int     rc;             /* first error in the callback */
} cb_state;

static void callback(glp_tree *T, void *info)
{
    cb_state *cs = info;
    mr_run *r = cs->r;
    glp_prob *lp = glp_ios_get_prob(T);
    int n = r->b->mip.n_cols;

    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (!cs->offered && r->best != NULL) {
            cs->offered = 1;
            for (int j = 0; j < n; j++)      /* GLPK reads x[1..n] */
                cs->x[j + 1] = r->best[j];
            glp_ios_heur_sol(T, cs->x);
        }
        break;
    case GLP_IBINGO:
        for (int j = 0; j < n; j++) {
            double v = glp_get_col_prim(lp, j + 1);
            cs->x[j] = r->b->mip.cols[j].integer ? floor(v + 0.5) : v;
        }
        if (cs->rc == MR_OK)
            cs->rc = mr_run_offer(r, cs->x, mr_mip_objective(&r->b->mip,
                                                             cs->x));
        break;
    default:
        break;
    }
    /* Heuristics (GLPK's own included) store incumbents without
     * GLP_IBINGO: take any better one from the problem. */
    if (glp_mip_status(lp) == GLP_FEAS
        && glp_mip_obj_val(lp) < r->best_obj - 1e-9 && cs->rc == MR_OK) {
        for (int j = 0; j < n; j++) {
            double v = glp_mip_col_val(lp, j + 1);
            cs->x[j] = r->b->mip.cols[j].integer ? floor(v + 0.5) : v;
        }
        cs->rc = mr_run_offer(r, cs->x, mr_mip_objective(&r->b->mip, cs->x));
    }
    int best = glp_ios_best_node(T);
    if (best > 0) {
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

/* Solves the LP relaxation; returns the GLPK status (GLP_OPT, GLP_NOFEAS,
 * ...) or 0 when the simplex failed. */
static int solve_relaxation(mr_run *r, glp_prob *lp)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.presolve = GLP_OFF;
    double left = mr_run_left(r);
    sp.tm_lim = left > 0 ? (int)(left * 1000) : 1;
    if (glp_simplex(lp, &sp) != 0) {
        if (mr_run_left(r) <= 0)
            r->timed_out = 1;
        return 0;
    }
    return glp_get_status(lp);
}

int mr_stage_compact(mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    glp_prob *lp = NULL;
    glp_iocp ip;
    cb_state cs = {r, 0, -HUGE_VAL, NULL, MR_OK};
    int rc, st, ret;

    if ((rc = mr_glpk_load(p, 0, &lp)) != MR_OK)
        return rc;
    rc = MR_ENOMEM;
    if ((cs.x = mr_malloc(((size_t)p->n_cols + 1) * sizeof *cs.x)) == NULL)
        goto done;
    rc = MR_OK;
    st = solve_relaxation(r, lp);
    if (st == GLP_NOFEAS) {
        r->infeasible = 1;
        goto done;
    }
    if (st != GLP_OPT)
        goto done;                       /* out of time (or GLPK gave up) */
    mr_run_bound(r, glp_get_obj_val(lp));
    mr_log(MR_LOG_INFO, "solve: compact relaxation %.6g at %.2f s",
           glp_get_obj_val(lp), mr_run_elapsed(r));
    mr_run_report(r, 0);
    if (mr_run_done(r))
        goto done;

    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ON;
    ip.presolve = GLP_OFF;               /* keep the column numbering */
    ip.br_tech = GLP_BR_PCH;
    ip.bt_tech = GLP_BT_BLB;
    ip.mir_cuts = GLP_ON;
    ip.gmi_cuts = GLP_ON;
    ip.cov_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    ip.fp_heur = GLP_OFF;
    ip.mip_gap = r->o.gap;
    { /* EXPERIMENT */
        const char *e = getenv("MR_EXP");
        if (e && strchr(e, 'f')) ip.fp_heur = GLP_ON;
        if (e && strchr(e, 'p')) ip.ps_heur = GLP_ON;
        if (e && strchr(e, 'd')) ip.bt_tech = GLP_BT_DFS;
        if (e && strchr(e, 'b')) ip.bt_tech = GLP_BT_BPH;
        if (e && strchr(e, 'n')) ip.gmi_cuts = ip.mir_cuts = ip.cov_cuts = ip.clq_cuts = GLP_OFF;
        if (e && strchr(e, 'g')) ip.gmi_cuts = GLP_OFF;
        if (e && strchr(e, 'm')) ip.mir_cuts = GLP_OFF;
        if (e && strchr(e, 'v')) ip.br_tech = GLP_BR_DTH;
        if (e && strchr(e, 'w')) ip.br_tech = GLP_BR_MFV;
    }
    ip.cb_func = callback;
    ip.cb_info = &cs;
    double left = mr_run_left(r);
    ip.tm_lim = left > 0 ? (int)(left * 1000) : 1;
    ret = glp_intopt(lp, &ip);
    if (cs.rc != MR_OK) {
        rc = cs.rc;
        goto done;
    }
    st = glp_mip_status(lp);
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS || st == GLP_NOFEAS) {
        r->infeasible = r->best == NULL;
    } else if (ret == 0 && st == GLP_OPT) {
        /* Finished by GLPK: the tree is closed to within its gap. */
        double z = glp_mip_obj_val(lp);
        mr_run_bound(r, fmax(cs.node_bound, z - r->o.gap * fabs(z)));
    } else if (ret == GLP_ETMLIM) {
        r->timed_out = 1;
    }
    if (glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT) {
        for (int j = 0; j < p->n_cols; j++) {
            double v = glp_mip_col_val(lp, j + 1);
            cs.x[j] = p->cols[j].integer ? floor(v + 0.5) : v;
        }
        if ((rc = mr_run_offer(r, cs.x, mr_mip_objective(p, cs.x))) != MR_OK)
            goto done;
    }
    mr_log(MR_LOG_INFO, "solve: compact branch-and-cut ended (%d, %d) at %.2f s",
           ret, st, mr_run_elapsed(r));
done:
    mr_free(cs.x);
    if (lp != NULL)
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
    sp.presolve = GLP_ON;
    rc = MR_EINFEASIBLE;
    if (glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT) {
        for (int j = 0; j < p->n_cols; j++)
            full[j] = j < r->b->n_x ? x[j] : glp_get_col_prim(lp, j + 1);
        *obj = glp_get_obj_val(lp);
        rc = MR_OK;
    }
    glp_delete_prob(lp);
    return rc;
}
