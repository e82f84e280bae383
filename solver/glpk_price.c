/* The per-person pricing problems of the decomposition; see dw.h.
 *
 * Each is a small GLPK MIP over one person's columns and own rows whose
 * costs change every round: the basis of the last round is a warm start
 * for the next relaxation. Branching follows Driebeck and Tomlin: most
 * fractional branching stalls on pricing problems whose costs are mostly
 * zero (a person who can only do admin), and GLPK's B&B then never reaches
 * an integral leaf. A callback tracks the best open node's bound, so a
 * pricing stopped by the clock still gives a valid lower bound. */
#include "dw.h"

#include <math.h>

#include "alloc.h"

void mr_price_free(mr_price *pr, int n)
{
    if (pr == NULL)
        return;
    for (int i = 0; i < n; i++) {
        mr_free(pr[i].cols);
        if (pr[i].lp != NULL)
            glp_delete_prob(pr[i].lp);
    }
    mr_free(pr);
}

/* Loads person pr->owner's columns and own rows into pr->lp. */
static void load_person(const mr_mip *p, mr_price *pr, const int *local,
                        int *ind, double *val)
{
    glp_prob *lp = glp_create_prob();
    int n_rows = 0;

    pr->lp = lp;
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, pr->n_cols);
    for (int k = 0; k < pr->n_cols; k++) {
        const mr_mip_col *c = &p->cols[pr->cols[k]];
        if (c->integer)
            glp_set_col_kind(lp, k + 1, GLP_IV);
        mr_glpk_col_bnds(lp, k, c->lb, c->ub);
    }
    for (int i = 0; i < p->n_rows; i++)
        n_rows += p->rows[i].owner == pr->owner;
    if (n_rows == 0)
        return;
    glp_add_rows(lp, n_rows);
    n_rows = 0;
    for (int i = 0; i < p->n_rows; i++) {
        const mr_mip_row *r = &p->rows[i];
        if (r->owner != pr->owner)
            continue;
        mr_glpk_row_bnds(lp, n_rows, r->lb, r->ub);
        for (int k = 0; k < r->len; k++) {
            ind[k + 1] = local[p->ind[r->beg + k]] + 1;
            val[k + 1] = p->val[r->beg + k];
        }
        glp_set_mat_row(lp, n_rows + 1, r->len, ind, val);
        n_rows++;
    }
}

int mr_price_build(const mr_mip *p, mr_price **out, int *n_out, int *local)
{
    mr_price *pr = NULL;
    int n_owner = 0, n = 0, *which = NULL, *ind = NULL, max_len = 0;
    double *val = NULL;
    int rc = MR_ENOMEM;

    *out = NULL;
    *n_out = 0;
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].owner + 1 > n_owner)
            n_owner = p->cols[j].owner + 1;
    for (int i = 0; i < p->n_rows; i++)
        if (p->rows[i].len > max_len)
            max_len = p->rows[i].len;
    if ((which = mr_malloc(((size_t)n_owner + 1) * sizeof *which)) == NULL
        || (ind = mr_malloc(((size_t)max_len + 1) * sizeof *ind)) == NULL
        || (val = mr_malloc(((size_t)max_len + 1) * sizeof *val)) == NULL)
        goto done;
    for (int o = 0; o < n_owner; o++)
        which[o] = -1;
    for (int j = 0; j < p->n_cols; j++) {
        int o = p->cols[j].owner;
        local[j] = -1;
        if (o >= 0 && which[o] < 0)
            which[o] = n++;
    }
    if ((pr = mr_calloc((size_t)n + 1, sizeof *pr)) == NULL)
        goto done;
    for (int o = 0; o < n_owner; o++)
        if (which[o] >= 0)
            pr[which[o]].owner = o;
    for (int j = 0; j < p->n_cols; j++) {
        int o = p->cols[j].owner;
        if (o >= 0)
            local[j] = pr[which[o]].n_cols++;
    }
    for (int i = 0; i < n; i++)
        if ((pr[i].cols = mr_malloc((size_t)pr[i].n_cols * sizeof(int)))
            == NULL)
            goto done;
    for (int j = 0; j < p->n_cols; j++) {
        int o = p->cols[j].owner;
        if (o >= 0)
            pr[which[o]].cols[local[j]] = j;
    }
    for (int i = 0; i < n; i++)
        load_person(p, &pr[i], local, ind, val);
    *out = pr;
    *n_out = n;
    pr = NULL;
    rc = MR_OK;
done:
    mr_price_free(pr, n);
    mr_free(which);
    mr_free(ind);
    mr_free(val);
    return rc;
}

/* Keeps the best bound of the open nodes (the search's lower bound). */
static void track_bound(glp_tree *T, void *info)
{
    double *bound = info;
    int best = glp_ios_best_node(T);
    if (best > 0) {
        double b = glp_ios_node_bound(T, best);
        if (b > *bound)
            *bound = b;
    }
}

int mr_price_solve(mr_price *pr, const double *cost, double time_limit,
                   double *value, int *exact, double *z, int *found,
                   int *infeasible)
{
    glp_prob *lp = pr->lp;
    glp_smcp sp;
    glp_iocp ip;
    double tree_bound;
    int ret, st;

    *value = -HUGE_VAL;
    *exact = 0;
    *found = 0;
    *infeasible = 0;
    for (int k = 0; k < pr->n_cols; k++) {
        glp_set_obj_coef(lp, k + 1, cost[k]);
        z[k] = 0;
    }
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = time_limit > 0.001 ? (int)(time_limit * 1000) : 1;
    if (glp_simplex(lp, &sp) != 0) {
        /* A basis gone bad: start afresh once. */
        glp_std_basis(lp);
        if (glp_simplex(lp, &sp) != 0)
            return MR_OK;                /* no bound: out of time */
    }
    st = glp_get_status(lp);
    if (st == GLP_NOFEAS) {
        *infeasible = 1;
        return MR_OK;
    }
    if (st != GLP_OPT)
        return MR_OK;
    *value = tree_bound = glp_get_obj_val(lp);    /* a bound already */
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.mip_gap = 0;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    ip.cb_func = track_bound;
    ip.cb_info = &tree_bound;
    ip.tm_lim = sp.tm_lim;
    /* Gomory cuts: benchmark M seed 16, at the relaxation's duals, one
     * full-timer's pricing (specialism drift over 42 sessions) ran 20 s
     * without closing; with them the whole pass takes 2.4 s and the
     * Lagrangian bound rises from 1,780.18 to 1,783.71, and on seed 15
     * from 2,098.23 to the optimum, 2,107.40 (0.43% at 10 s, then
     * optimal or 0.08%). MIR cuts alone left that pricing open at 20 s.
     * They slow the small models' column generation a little (benchmark
     * S seed 3: 2.3 s to 2.75 s); switched off there, seed 15's pass lost
     * its bound (2,103.4), so they are on for every pricing. */
    ip.gmi_cuts = GLP_ON;
    ret = glp_intopt(lp, &ip);
    st = glp_mip_status(lp);
    if (st == GLP_NOFEAS && ret == 0) {
        *infeasible = 1;
        return MR_OK;
    }
    if (st == GLP_OPT || st == GLP_FEAS) {
        for (int k = 0; k < pr->n_cols; k++) {
            double v = glp_mip_col_val(lp, k + 1);
            z[k] = glp_get_col_kind(lp, k + 1) == GLP_IV ? floor(v + 0.5) : v;
        }
        *found = 1;
        if (ret == 0 && st == GLP_OPT) {
            *value = glp_mip_obj_val(lp);
            *exact = 1;
        } else if (tree_bound > *value) {
            *value = fmin(tree_bound, glp_mip_obj_val(lp));
        }
    }
    return MR_OK;
}
