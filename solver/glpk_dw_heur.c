/* Rosters from the decomposition: the compact model restricted to the
 * assignments that the master's schedules use. The master LP mixes a few
 * schedules per person; their union leaves GLPK a small MIP in which the
 * schedules recombine day by day, far freer than choosing whole schedules
 * (the restricted master as a MIP), and solved in a fraction of a second.
 * The roster found goes back to the master as schedules. */
#include "dw.h"

#include <math.h>

#include "log.h"

/* d->xv[j] > 0 for the x that some chosen schedule uses. */
static void mark_support(mr_dw *d, int all_cols)
{
    int first = mr_dw_first(d);

    for (int j = 0; j < d->r->b->n_x; j++)
        d->xv[j] = 0;
    for (int c = 0; c < d->n_cols; c++) {
        const mr_dw_col *col = &d->cols[c];
        if (!all_cols && glp_get_col_prim(d->ms, first + c) < 1e-9)
            continue;
        for (int e = col->beg; e < col->beg + col->len; e++) {
            int j = d->pr[col->person].cols[d->zk[e]];
            if (j < d->r->b->n_x && d->zv[e] > 0.5)
                d->xv[j] = 1;
        }
    }
}

/* The roster's schedules back into the master. */
static int feed_back(mr_dw *d)
{
    int added;
    for (int i = 0; i < d->n_pr; i++) {
        const mr_price *pr = &d->pr[i];
        for (int k = 0; k < pr->n_cols; k++)
            d->z[k] = d->r->best[pr->cols[k]];
        if (mr_dw_add_schedule(d, i, d->z, &added) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_dw_support_mip(mr_dw *d, double time_limit, int all_cols, int *found)
{
    const mr_mip *p = d->p;
    glp_prob *lp = NULL;
    glp_iocp ip;
    int rc, ret, st, n_free = 0;

    *found = 0;
    mark_support(d, all_cols);
    if ((rc = mr_glpk_load(p, 0, &lp)) != MR_OK)
        return rc;
    for (int j = 0; j < d->r->b->n_x; j++) {
        if (d->xv[j] == 0)
            mr_glpk_col_bnds(lp, j, 0, 0);
        else
            n_free++;
    }
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ERR;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_PCH;
    ip.mip_gap = d->r->o.gap;
    ip.tm_lim = time_limit > 0.01 ? (int)(time_limit * 1000) : 10;
    ret = glp_intopt(lp, &ip);
    st = glp_mip_status(lp);
    mr_log(MR_LOG_DEBUG, "dw: support mip over %d x: %d, status %d (%.2f s)",
           n_free, ret, st, mr_run_elapsed(d->r));
    if ((ret == 0 || ret == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        double *full = d->full;
        for (int j = 0; j < p->n_cols; j++) {
            double v = glp_mip_col_val(lp, j + 1);
            full[j] = p->cols[j].integer ? floor(v + 0.5) : v;
        }
        *found = 1;
        if ((rc = mr_run_offer(d->r, full, mr_mip_objective(p, full)))
            == MR_OK)
            rc = feed_back(d);
    }
    glp_delete_prob(lp);
    return rc;
}
