/* Feasibility questions in GLPK: one program loaded once and asked many
 * times with changed bounds.
 *
 * Why the objective is 0: every basis is then dual feasible, so after a
 * change of bounds the dual simplex starts from the last basis and only
 * repairs what changed (usually a few pivots, where a fresh load would
 * redo everything); and a MIP search ends at its first integer solution.
 * The elastic filter of explain_iis.c sets costs on slack columns and uses
 * mr_feas_minimise, then sets them back to 0. */
#include "feasible.h"

#include <math.h>

#include "alloc.h"
#include "glpk_int.h"
#include "lp.h"
#include "log.h"

struct mr_feas {
    glp_prob *lp;
    int       n_cols;          /* columns in lp */
};

static int ms(double seconds)
{
    if (!(seconds > 0.01))
        return 10;
    if (seconds > 1e6)
        return 1000000000;
    return (int)(seconds * 1000);
}

int mr_feas_new(const mr_mip *p, mr_feas **out)
{
    mr_feas *f;
    int rc;

    *out = NULL;
    mr_glpk_hook();
    if ((f = mr_calloc(1, sizeof *f)) == NULL)
        return MR_ENOMEM;
    if ((rc = mr_glpk_load(p, 0, &f->lp)) != MR_OK) {
        mr_free(f);
        return rc;
    }
    f->n_cols = p->n_cols;
    glp_set_obj_coef(f->lp, 0, 0);
    for (int j = 1; j <= p->n_cols; j++)
        glp_set_obj_coef(f->lp, j, 0);
    glp_std_basis(f->lp);
    *out = f;
    return MR_OK;
}

void mr_feas_free(mr_feas *f)
{
    if (f == NULL)
        return;
    if (f->lp != NULL)
        glp_delete_prob(f->lp);
    mr_free(f);
}

int mr_feas_n_cols(const mr_feas *f)
{
    return f->n_cols;
}

int mr_feas_add_slacks(mr_feas *f, int n, const int *rows,
                       const double *coef, int *first)
{
    int ind[2];
    double val[2];

    *first = f->n_cols;
    if (n <= 0)
        return MR_OK;
    glp_add_cols(f->lp, n);
    for (int k = 0; k < n; k++) {
        int j = f->n_cols + k + 1;
        ind[1] = rows[k] + 1;
        val[1] = coef[k];
        glp_set_mat_col(f->lp, j, 1, ind, val);
        glp_set_col_bnds(f->lp, j, GLP_FX, 0, 0);
        glp_set_col_stat(f->lp, j, GLP_NS);
    }
    f->n_cols += n;
    return MR_OK;
}

void mr_feas_set_col(mr_feas *f, int j, double lb, double ub)
{
    mr_glpk_col_bnds(f->lp, j, lb, ub);
}

void mr_feas_set_row(mr_feas *f, int i, double lb, double ub)
{
    mr_glpk_row_bnds(f->lp, i, lb, ub);
}

void mr_feas_set_obj(mr_feas *f, int j, double c)
{
    glp_set_obj_coef(f->lp, j + 1, c);
}

/* The LP relaxation from the last basis: the primal simplex for
 * feasibility (with a zero objective the dual simplex stalls on
 * degenerate pivots), the dual one after a change of costs. Returns the GLPK status
 * (GLP_OPT, GLP_NOFEAS, ...) or -1 when stopped by the time limit. */
static int solve_lp(mr_feas *f, double time_limit, int meth)
{
    glp_smcp sp;
    int ret;

    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = meth;
    sp.tm_lim = ms(time_limit);
    ret = glp_simplex(f->lp, &sp);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND
        || ret == GLP_EFAIL) {
        /* A basis the bounds made singular: start afresh. */
        glp_adv_basis(f->lp, 0);
        ret = glp_simplex(f->lp, &sp);
    }
    if (ret != 0)
        return -1;
    return glp_get_status(f->lp);
}

/* The MIP from the LP just solved (optimal). Returns a mr_feas_result. */
static int solve_mip(mr_feas *f, double time_limit, int *st)
{
    glp_iocp ip;
    int ret;

    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.fp_heur = GLP_ON;
    ip.tm_lim = ms(time_limit);
    ret = glp_intopt(f->lp, &ip);
    *st = glp_mip_status(f->lp);
    if (*st == GLP_OPT || *st == GLP_FEAS)
        return MR_FEAS_FEASIBLE;
    if ((ret == 0 && *st == GLP_NOFEAS) || ret == GLP_ENOPFS)
        return MR_FEAS_INFEASIBLE;
    return MR_FEAS_UNKNOWN;
}

int mr_feas_check_lp(mr_feas *f, double time_limit, int *result)
{
    int st = solve_lp(f, time_limit, GLP_PRIMAL);
    *result = st == GLP_NOFEAS ? MR_FEAS_INFEASIBLE
              : st == GLP_OPT  ? MR_FEAS_FEASIBLE
                               : MR_FEAS_UNKNOWN;
    return MR_OK;
}

int mr_feas_check(mr_feas *f, double time_limit, int *result, int *lp_only)
{
    double t0 = mr_clock();
    int st, mst;

    *lp_only = 0;
    st = solve_lp(f, time_limit, GLP_PRIMAL);
    if (st == GLP_NOFEAS) {
        *result = MR_FEAS_INFEASIBLE;
        *lp_only = 1;
        return MR_OK;
    }
    if (st != GLP_OPT) {
        *result = MR_FEAS_UNKNOWN;
        return MR_OK;
    }
    *result = solve_mip(f, time_limit - (mr_clock() - t0), &mst);
    return MR_OK;
}

int mr_feas_minimise(mr_feas *f, int integer, double time_limit,
                     int *result, double *value, double *x)
{
    double t0 = mr_clock();
    int st, mst;

    *value = 0;
    st = solve_lp(f, time_limit, GLP_PRIMAL);
    if (st == GLP_NOFEAS) {
        *result = MR_FEAS_INFEASIBLE;
        return MR_OK;
    }
    if (st != GLP_OPT) {
        *result = MR_FEAS_UNKNOWN;
        return MR_OK;
    }
    if (!integer) {
        *result = MR_FEAS_FEASIBLE;
        *value = glp_get_obj_val(f->lp);
        for (int j = 0; x != NULL && j < f->n_cols; j++)
            x[j] = glp_get_col_prim(f->lp, j + 1);
        return MR_OK;
    }
    *result = solve_mip(f, time_limit - (mr_clock() - t0), &mst);
    if (*result == MR_FEAS_FEASIBLE) {
        *value = glp_mip_obj_val(f->lp);
        for (int j = 0; x != NULL && j < f->n_cols; j++)
            x[j] = glp_mip_col_val(f->lp, j + 1);
    }
    return MR_OK;
}

int mr_feasible(const mr_model *m, double time_limit, int *result)
{
    mr_lpb *b = NULL;
    mr_feas *f = NULL;
    int rc, lp_only;

    *result = MR_FEAS_UNKNOWN;
    if ((rc = mr_lpb_build(m, &b)) != MR_OK)
        return rc;
    if (b->mip.infeasible) {
        *result = MR_FEAS_INFEASIBLE;
        goto done;
    }
    if ((rc = mr_feas_new(&b->mip, &f)) != MR_OK)
        goto done;
    rc = mr_feas_check(f, time_limit, result, &lp_only);
done:
    mr_feas_free(f);
    mr_lpb_free(b);
    return rc;
}
