/* GLPK's branch-and-cut (glp_intopt) run for the solve: on the compact
 * model, or on a copy restricted by fixed bounds (the same columns).
 *
 * Without GLPK's presolver the callback sees the model's own column
 * numbering: the warm start goes in by index (glp_ios_heur_sol at the
 * first GLP_IHEUR) and every incumbent comes out by index, whichever
 * heuristic found it (GLPK's own store theirs without GLP_IBINGO). With
 * it (restricted copies, where it removes most of the model), incumbents
 * are read at the end. The search stops on our clock, when the gap is
 * within the requested one, or when it has not improved on the best
 * roster for bb->stall seconds. Only a search of the whole model raises
 * the run's bound. Pseudocost branching is not used: its initialisation
 * runs without callbacks, past any time limit, on large models. */
#include "glpk_int.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

typedef struct cb_state {
    mr_run       *r;
    const mr_bb  *bb;
    double        t_end;        /* this search's own deadline */
    double        t_better;     /* when the run's best last improved */
    double        best_seen;    /* best objective seen: run or tree */
    int           offered;      /* the warm start was handed over */
    double        node_bound;   /* best bound of the open nodes */
    double       *x;            /* scratch: n_cols + 1 values */
    int           rc;           /* first error in the callback */
} cb_state;

/* Offers the MIP solution stored in lp when better than the run's. */
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
    glp_prob *tp = glp_ios_get_prob(T);
    int n = r->b->mip.n_cols, best, st = glp_mip_status(tp);
    double now = mr_clock(), seen = r->best_obj, b = r->bound;

    if (!cs->bb->presolve) {
        if (glp_ios_reason(T) == GLP_IHEUR && !cs->offered && cs->bb->warm
            && r->best != NULL) {
            cs->offered = 1;
            for (int j = 0; j < n; j++)       /* GLPK reads x[1..n] */
                cs->x[j + 1] = r->best[j];
            glp_ios_heur_sol(T, cs->x);
        }
        take_incumbent(cs, tp);
        seen = r->best_obj;
    } else if (st == GLP_FEAS || st == GLP_OPT) {
        /* The presolved problem keeps the objective's value (its
         * constant included); its columns are not ours. */
        seen = fmin(seen, glp_mip_obj_val(tp));
    }
    if (seen < cs->best_seen - 1e-9) {
        cs->best_seen = seen;
        cs->t_better = now;
    }
    if (cs->bb->global && (best = glp_ios_best_node(T)) > 0) {
        cs->node_bound = glp_ios_node_bound(T, best);
        mr_run_bound(r, cs->node_bound);
    }
    mr_run_report(r, 0);
    if (mr_run_left(r) <= 0)
        r->timed_out = 1;
    if (b < r->bound)
        b = r->bound;
    if (mr_run_left(r) <= 0 || now >= cs->t_end || cs->rc != MR_OK
        || (seen < HUGE_VAL && b > -HUGE_VAL
            && (seen - fmin(b, seen)) / fmax(1, fabs(seen))
                   <= r->o.gap * (1 + 1e-9) + 1e-12)
        || (cs->bb->stall > 0 && seen < HUGE_VAL
            && now - cs->t_better >= cs->bb->stall))
        glp_ios_terminate(T);
}

int mr_glpk_bb(mr_run *r, glp_prob *lp, const mr_bb *bb, int *ret,
               int *status)
{
    const mr_mip *p = &r->b->mip;
    glp_iocp ip;
    cb_state cs;
    double limit = fmin(bb->time_limit, mr_run_left(r));
    double t_end = mr_clock() + limit;
    int rc = MR_OK;

    *ret = GLP_ETMLIM;
    *status = GLP_UNDEF;
    if (limit <= 0.01)
        return MR_OK;
    if (!bb->presolve && glp_get_status(lp) != GLP_OPT) {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_ERR;
        sp.tm_lim = (int)(limit * 1000);
        if (glp_simplex(lp, &sp) != 0)
            return MR_OK;                /* out of time */
        if (glp_get_status(lp) == GLP_NOFEAS) {
            *ret = GLP_ENOPFS;
            *status = GLP_NOFEAS;
            return MR_OK;
        }
        if (glp_get_status(lp) != GLP_OPT)
            return MR_OK;
    }
    /* The relaxation took its share of the time. */
    if ((limit = t_end - mr_clock()) <= 0.01)
        return MR_OK;
    memset(&cs, 0, sizeof cs);
    cs.r = r;
    cs.bb = bb;
    cs.t_end = t_end;
    cs.t_better = mr_clock();
    cs.best_seen = r->best_obj;
    cs.node_bound = -HUGE_VAL;
    if ((cs.x = mr_malloc(((size_t)p->n_cols + 1) * sizeof *cs.x)) == NULL)
        return MR_ENOMEM;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ON;
    ip.presolve = bb->presolve ? GLP_ON : GLP_OFF;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    if (bb->cuts) {
        ip.mir_cuts = GLP_ON;
        ip.gmi_cuts = GLP_ON;
        ip.cov_cuts = GLP_ON;
        ip.clq_cuts = GLP_ON;
    }
    if (bb->proximity) {
        /* Proximity search runs without callbacks: its own clock must end
         * within ours. */
        ip.ps_heur = GLP_ON;
        ip.ps_tm_lim = (int)(fmin(limit, bb->proximity_limit) * 1000);
    }
    ip.mip_gap = r->o.gap;
    ip.cb_func = callback;
    ip.cb_info = &cs;
    ip.tm_lim = (int)(limit * 1000);
    *ret = glp_intopt(lp, &ip);
    *status = glp_mip_status(lp);
    if (cs.rc == MR_OK)
        take_incumbent(&cs, lp);
    rc = cs.rc;
    if (rc == MR_OK && bb->global && *ret == 0 && *status == GLP_OPT) {
        /* GLPK closed its tree to within its gap. */
        double z = glp_mip_obj_val(lp);
        mr_run_bound(r, fmax(cs.node_bound, z - r->o.gap * fabs(z)));
    }
    mr_free(cs.x);
    return rc;
}
