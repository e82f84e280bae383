/* The compact model in GLPK: its LP relaxation first (a cheap proof of
 * infeasibility, a first bound, and after probing often the optimum), and
 * at the end branch-and-cut started from the best roster so far, with
 * GLPK's cuts and proximity search, stopped by our clock and by the gap
 * measured against the best bound any stage proved.
 *
 * The relaxation starts from a basis of the best roster (primal feasible,
 * so the simplex skips its first phase) and, stopped on time, still
 * offers the Lagrangian bound of its current duals. GLPK's other methods
 * were slower on data/east-60 under load: dual simplex had not reached 10%
 * of the optimum in 90 s, the interior point stopped on numerical
 * instability after 52 s; scaling and textbook pricing changed nothing. */
#include "glpk_int.h"

#include <math.h>

#include "alloc.h"
#include "log.h"

void mr_stage_free(mr_run *r)
{
    if (r->compact != NULL)
        glp_delete_prob(r->compact);
    r->compact = NULL;
    mr_free(r->relax);
    r->relax = NULL;
    mr_free(r->lag);
    r->lag = NULL;
}

int mr_stage_relaxed(const mr_run *r)
{
    return r->compact != NULL && glp_get_status(r->compact) == GLP_OPT;
}

int mr_stage_relax(mr_run *r)
{
    return mr_stage_relax_within(r, mr_run_left(r));
}

/* A bound from any row duals y of the compact LP (Lagrangian duality):
 * for min c'x, lr <= Ax <= ur, lc <= x <= uc and any y,
 *   c0 + sum_i min_{r in [lr_i,ur_i]} y_i r + sum_j min_{x in [lc_j,uc_j]}
 *   (c_j - (A'y)_j) x
 * is at most the LP's optimum, so at most every roster's objective. Valid
 * for a simplex stopped on time, whose duals are not yet feasible: the
 * bound is only weaker. A dual that would multiply an absent row bound is
 * cut to 0; a column whose reduced cost points at its absent bound (a
 * shortfall whose cover row's dual exceeds its cost, in a basis not yet
 * optimal) has the duals of its rows shrunk until it does not. The
 * reduced costs are recomputed here from the model, so the bound does not
 * rest on GLPK's stopping state. -HUGE_VAL when no repair works. */
typedef struct dual_ws {
    double *y, *d;          /* per row, per column */
    int    *cbeg, *crow;    /* the matrix by column: rows of column j */
    double *cval;
} dual_ws;

static void reduced_costs(const mr_mip *p, dual_ws *w)
{
    for (int j = 0; j < p->n_cols; j++)
        w->d[j] = p->cols[j].obj;
    for (int i = 0; i < p->n_rows; i++) {
        const mr_mip_row *row = &p->rows[i];
        if (w->y[i] != 0)
            for (int e = row->beg; e < row->beg + row->len; e++)
                w->d[p->ind[e]] -= w->y[i] * p->val[e];
    }
}

/* Shrinks the duals of column j's rows that push its reduced cost to the
 * wrong side (sign 1: d_j < 0 with no upper bound; -1: d_j > 0 with no
 * lower bound) so that it reaches 0. */
static void repair_column(dual_ws *w, int j, int sign)
{
    double push = 0, need = -sign * w->d[j], f;
    for (int e = w->cbeg[j]; e < w->cbeg[j + 1]; e++) {
        double t = sign * w->cval[e] * w->y[w->crow[e]];
        if (t > 0)
            push += t;
    }
    if (push <= 0)
        return;
    f = need >= push ? 0 : 1 - need / push;
    for (int e = w->cbeg[j]; e < w->cbeg[j + 1]; e++)
        if (sign * w->cval[e] * w->y[w->crow[e]] > 0)
            w->y[w->crow[e]] *= f * (1 - 1e-12);
}

static double lagrangian_bound(const mr_mip *p, dual_ws *w)
{
    double bound;
    int bad = 1;

    for (int i = 0; i < p->n_rows; i++)
        w->y[i] = mr_mip_dual_cut(&p->rows[i], w->y[i]);
    for (int pass = 0; pass < 8 && bad; pass++) {
        reduced_costs(p, w);
        bad = 0;
        for (int j = 0; j < p->n_cols; j++) {
            const mr_mip_col *c = &p->cols[j];
            if (w->d[j] < -1e-9 && !(c->ub < MR_MIP_INF)) {
                repair_column(w, j, 1);
                bad = 1;
            } else if (w->d[j] > 1e-9 && !(c->lb > -MR_MIP_INF)) {
                repair_column(w, j, -1);
                bad = 1;
            }
        }
    }
    if (bad)
        reduced_costs(p, w);
    bound = p->obj0;
    for (int i = 0; i < p->n_rows; i++)
        if (w->y[i] != 0)
            bound += w->y[i] > 0 ? w->y[i] * p->rows[i].lb
                                 : w->y[i] * p->rows[i].ub;
    for (int j = 0; j < p->n_cols; j++) {
        const mr_mip_col *c = &p->cols[j];
        /* Reduced costs of an optimal dual are exact zeros up to
         * round-off. */
        if (fabs(w->d[j]) <= 1e-9)
            continue;
        if (w->d[j] > 0) {
            if (!(c->lb > -MR_MIP_INF))
                return -HUGE_VAL;
            bound += w->d[j] * c->lb;
        } else {
            if (!(c->ub < MR_MIP_INF))
                return -HUGE_VAL;
            bound += w->d[j] * c->ub;
        }
    }
    return bound;
}

/* Offers the Lagrangian bound of the LP's current duals. */
static int offer_dual_bound(mr_run *r, glp_prob *lp)
{
    const mr_mip *p = &r->b->mip;
    dual_ws w = {0};
    double bound;
    int rc = MR_ENOMEM, nnz = 0;

    for (int i = 0; i < p->n_rows; i++)
        nnz += p->rows[i].len;
    if ((w.y = mr_malloc(((size_t)p->n_rows + 1) * sizeof *w.y)) == NULL
        || (w.d = mr_malloc(((size_t)p->n_cols + 1) * sizeof *w.d)) == NULL
        || (w.cbeg = mr_calloc((size_t)p->n_cols + 2, sizeof *w.cbeg))
               == NULL
        || (w.crow = mr_malloc(((size_t)nnz + 1) * sizeof *w.crow)) == NULL
        || (w.cval = mr_malloc(((size_t)nnz + 1) * sizeof *w.cval)) == NULL)
        goto done;
    for (int i = 0; i < p->n_rows; i++) {
        const mr_mip_row *row = &p->rows[i];
        w.y[i] = glp_get_row_dual(lp, i + 1);
        for (int e = row->beg; e < row->beg + row->len; e++)
            w.cbeg[p->ind[e] + 2]++;
    }
    for (int j = 0; j < p->n_cols; j++)
        w.cbeg[j + 2] += w.cbeg[j + 1];
    for (int i = 0; i < p->n_rows; i++) {
        const mr_mip_row *row = &p->rows[i];
        for (int e = row->beg; e < row->beg + row->len; e++) {
            int k = w.cbeg[p->ind[e] + 1]++;
            w.crow[k] = i;
            w.cval[k] = p->val[e];
        }
    }
    rc = MR_OK;
    bound = lagrangian_bound(p, &w);
    mr_log(MR_LOG_DEBUG, "solve: dual bound %.6g (%.2f s)", bound,
           mr_run_elapsed(r));
    if (bound > r->bound) {
        mr_run_bound(r, bound);
        mr_log(MR_LOG_INFO, "solve: dual bound %.6g from the relaxation "
               "(%.2f s)", bound, mr_run_elapsed(r));
        mr_run_report(r, 0);
    }
done:
    mr_free(w.y);
    mr_free(w.d);
    mr_free(w.cbeg);
    mr_free(w.crow);
    mr_free(w.cval);
    return rc;
}

/* Starts the relaxation from a basis of the best roster: the x fixed at
 * the roster, the rest solved, then the x freed at the bound they sit
 * on. The primal simplex then starts feasible and skips its first phase
 * (data/east-60: half of its iterations). */
static void warm_basis(mr_run *r, glp_prob *lp, double left)
{
    const mr_mip *p = &r->b->mip;
    glp_smcp sp;

    if (r->best == NULL)
        return;
    for (int j = 0; j < r->b->n_x; j++)
        mr_glpk_col_bnds(lp, j, r->best[j], r->best[j]);
    glp_adv_basis(lp, 0);
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.tm_lim = (int)(fmax(0.01, left) * 1000);
    glp_simplex(lp, &sp);
    for (int j = 0; j < r->b->n_x; j++) {
        mr_glpk_col_bnds(lp, j, p->cols[j].lb, p->cols[j].ub);
        if (glp_get_col_stat(lp, j + 1) != GLP_BS)
            glp_set_col_stat(lp, j + 1,
                             r->best[j] > p->cols[j].lb + 0.5 ? GLP_NU
                                                               : GLP_NL);
    }
}

int mr_stage_relax_within(mr_run *r, double time_limit)
{
    glp_prob *lp;
    glp_smcp sp;
    double left = fmin(time_limit, mr_run_left(r)), t_end = mr_clock() + left;
    int rc, st;

    if (r->compact == NULL) {
        if ((rc = mr_glpk_load(&r->b->mip, 0, &lp)) != MR_OK)
            return rc;
        r->compact = lp;
        /* Large models: the referral rows left out (free) of the
         * relaxation. With them a generated month of 200 staff took 37-38
         * s to solve it, 18 s without. The bound stays valid (a relaxation
         * of the model), the duals of those rows are 0 for the Lagrangian
         * pass, and the searches' MIPs keep the rows; what no roster can
         * place is in u's lower bound (lp_rows_referrals.c). Keeping each
         * date's sum row in instead (the advisers' caps are its y's
         * bounds) gave the same bound but slowed XL's relaxation: XL
         * seeds 1 and 2 at 300 s reached 1% at 153 and 114 s instead of
         * 92 and 69 s. Small models keep the rows: their branch-and-cut
         * runs on this LP. Emptying the rows too (so that they do not
         * weigh in the scaling) let M seed 16's bound reach its optimum
         * (1,797.60 against 1,793.63, 6 runs of 10) but its roster then
         * stopped at 1,815.45 in 2 runs of 11 (it is found in every run
         * with the rows as they are); M seeds 1-3 and 7-45 at 10 s, runs
         * above 0.1%: 2, 2 and 6 of 42 emptied, 3 and 2 of 42 not. Not
         * kept. */
        if (!mr_run_small(r))
            for (int i = r->b->ref_row0; i < r->b->ref_row1; i++)
                glp_set_row_bnds(lp, i + 1, GLP_FR, 0, 0);
        glp_scale_prob(lp, GLP_SF_AUTO);
        warm_basis(r, lp, left);
        mr_log(MR_LOG_DEBUG, "solve: relaxation warm basis (%.2f s)",
               mr_run_elapsed(r));
    }
    lp = r->compact;
    left = t_end - mr_clock();
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    if (glp_simplex(lp, &sp) != 0)
        return offer_dual_bound(r, lp);  /* out of time */
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

static double *relax_x(const mr_run *r, int feasible_will_do)
{
    glp_prob *lp = r->compact;
    double *xv;
    int st = lp != NULL ? glp_get_status(lp) : GLP_UNDEF;

    if (!(st == GLP_OPT || (feasible_will_do && st == GLP_FEAS))
        || (xv = mr_malloc(((size_t)r->b->n_x + 1) * sizeof *xv)) == NULL)
        return NULL;
    for (int j = 0; j < r->b->n_x; j++)
        xv[j] = glp_get_col_prim(lp, j + 1);
    return xv;
}

double *mr_stage_relax_x(const mr_run *r)
{
    return relax_x(r, 0);
}

double *mr_stage_relax_x_now(const mr_run *r)
{
    return relax_x(r, 1);
}

int mr_stage_relax_roster(mr_run *r, double time_limit)
{
    double *xv;
    int rc, found;

    if (!mr_stage_relaxed(r))
        return MR_OK;
    if ((xv = mr_stage_relax_x(r)) == NULL)
        return MR_ENOMEM;
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
