/* A neighbourhood of the best roster as a small MIP of its own: the x it
 * frees, the other columns (cover and demand shortfalls, satisfaction,
 * the lowest satisfaction, ...) two steps away from them through the
 * rows, and every row that holds a free column, with the fixed columns'
 * share moved to the bounds. Rows with no free column hold already (the
 * best roster meets them), so any solution of the small MIP, completed by
 * the best roster, is a roster of the whole model.
 *
 * Why: the search used to fix bounds on a copy of the whole model and let
 * GLPK's presolver remove the fixed part, which costs time in proportion
 * to the whole model in every search (XL, 145,000 binaries: under a
 * second per search before any branching; 17 searches in 20 s). Built
 * here, a search costs in proportion to its neighbourhood. */
#include "glpk_int.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

/* Aux columns join in up to this many steps from the free x: one step
 * reaches a person's satisfaction and the cover shortfalls of their
 * sessions, two the lowest satisfaction, through the satisfaction. */
#define AUX_STEPS 2

void mr_sub_free(mr_sub *s)
{
    mr_free(s->cbeg);
    mr_free(s->crow);
    mr_free(s->col_in);
    mr_free(s->row_in);
    mr_free(s->cols);
    mr_free(s->rows);
    mr_free(s->full);
    mr_free(s->ind);
    mr_free(s->val);
    memset(s, 0, sizeof *s);
}

int mr_sub_init(mr_sub *s, mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    int nc = p->n_cols, nr = p->n_rows, *fill = NULL;
    size_t nnz = 0;

    memset(s, 0, sizeof *s);
    s->r = r;
    for (int i = 0; i < nr; i++)
        nnz += (size_t)p->rows[i].len;
    if ((s->cbeg = mr_calloc((size_t)nc + 2, sizeof *s->cbeg)) == NULL
        || (s->crow = mr_malloc((nnz + 1) * sizeof *s->crow)) == NULL
        || (s->col_in = mr_calloc((size_t)nc + 1, sizeof *s->col_in)) == NULL
        || (s->row_in = mr_calloc((size_t)nr + 1, sizeof *s->row_in)) == NULL
        || (s->cols = mr_malloc(((size_t)nc + 1) * sizeof *s->cols)) == NULL
        || (s->rows = mr_malloc(((size_t)nr + 1) * sizeof *s->rows)) == NULL
        || (s->full = mr_malloc(((size_t)nc + 1) * sizeof *s->full)) == NULL
        || (s->ind = mr_malloc(((size_t)nc + 2) * sizeof *s->ind)) == NULL
        || (s->val = mr_malloc(((size_t)nc + 2) * sizeof *s->val)) == NULL
        || (fill = mr_malloc(((size_t)nc + 1) * sizeof *fill)) == NULL) {
        mr_free(fill);
        mr_sub_free(s);
        return MR_ENOMEM;
    }
    for (int i = 0; i < nr; i++)
        for (int e = p->rows[i].beg; e < p->rows[i].beg + p->rows[i].len; e++)
            s->cbeg[p->ind[e] + 1]++;
    for (int j = 0; j < nc; j++)
        s->cbeg[j + 1] += s->cbeg[j];
    memcpy(fill, s->cbeg, (size_t)nc * sizeof *fill);
    for (int i = 0; i < nr; i++)
        for (int e = p->rows[i].beg; e < p->rows[i].beg + p->rows[i].len; e++)
            s->crow[fill[p->ind[e]]++] = i;
    mr_free(fill);
    return MR_OK;
}

/* Adds column j to the neighbourhood (col_in holds its index + 1). */
static void add_col(mr_sub *s, int j)
{
    s->col_in[j] = ++s->n_cols;
    s->cols[s->n_cols - 1] = j;
}

/* The columns: the free x, then aux columns up to AUX_STEPS rows away. */
static void gather(mr_sub *s, const unsigned char *free_x)
{
    const mr_mip *p = &s->r->b->mip;
    int n_x = s->r->b->n_x, from = 0;

    s->n_cols = 0;
    for (int j = 0; j < n_x; j++)
        if (free_x[j])
            add_col(s, j);
    for (int step = 0; step < AUX_STEPS; step++) {
        int to = s->n_cols;
        for (int c = from; c < to; c++) {
            int j = s->cols[c];
            for (int e = s->cbeg[j]; e < s->cbeg[j + 1]; e++) {
                const mr_mip_row *row = &p->rows[s->crow[e]];
                for (int f = row->beg; f < row->beg + row->len; f++) {
                    int k = p->ind[f];
                    if (k >= n_x && !s->col_in[k])
                        add_col(s, k);
                }
            }
        }
        from = to;
    }
}

/* The row objective <= best - a little: only a better roster is
 * feasible, so GLPK prunes every node whose bound cannot beat the best
 * and a neighbourhood with nothing better ends soon, often in the
 * presolver; the search then widens sooner. M at 10 s, 6 seeds, 6
 * rounds: mean gap 0.111% without, 0.088% with; runs above 0.1% 10 and
 * 8 of 36. "A little" is below the default gap, 1e-4. */
static void add_cutoff(mr_sub *s, glp_prob *lp, double obj0)
{
    const mr_mip *p = &s->r->b->mip;
    double best = s->r->best_obj;
    int row, len = 0;

    for (int c = 0; c < s->n_cols; c++)
        if (p->cols[s->cols[c]].obj != 0) {
            s->ind[++len] = c + 1;
            s->val[len] = p->cols[s->cols[c]].obj;
        }
    if (len == 0)
        return;
    row = glp_add_rows(lp, 1);
    glp_set_mat_row(lp, row, len, s->ind, s->val);
    glp_set_row_bnds(lp, row, GLP_UP, 0,
                     best - obj0 - 1e-5 * fmax(1, fabs(best)));
}

/* Builds the neighbourhood's MIP from the columns gathered. */
static glp_prob *build(mr_sub *s)
{
    const mr_mip *p = &s->r->b->mip;
    const double *best = s->r->best;
    glp_prob *lp = glp_create_prob();
    double obj0 = p->obj0;

    s->n_rows = 0;
    for (int c = 0; c < s->n_cols; c++) {
        int j = s->cols[c];
        for (int e = s->cbeg[j]; e < s->cbeg[j + 1]; e++)
            if (!s->row_in[s->crow[e]]) {
                s->row_in[s->crow[e]] = 1;
                s->rows[s->n_rows++] = s->crow[e];
            }
    }
    for (int j = 0; j < p->n_cols; j++)
        if (!s->col_in[j])
            obj0 += p->cols[j].obj * best[j];
    glp_set_obj_dir(lp, GLP_MIN);
    glp_set_obj_coef(lp, 0, obj0);
    glp_add_cols(lp, s->n_cols);
    for (int c = 0; c < s->n_cols; c++) {
        const mr_mip_col *col = &p->cols[s->cols[c]];
        mr_glpk_col_bnds(lp, c, col->lb, col->ub);
        glp_set_obj_coef(lp, c + 1, col->obj);
        if (col->integer)
            glp_set_col_kind(lp, c + 1, GLP_IV);
    }
    if (s->n_rows > 0)
        glp_add_rows(lp, s->n_rows);
    for (int q = 0; q < s->n_rows; q++) {
        const mr_mip_row *row = &p->rows[s->rows[q]];
        double fixed = 0;
        int len = 0;
        for (int e = row->beg; e < row->beg + row->len; e++) {
            int k = p->ind[e];
            if (s->col_in[k]) {
                s->ind[++len] = s->col_in[k];
                s->val[len] = p->val[e];
            } else {
                fixed += p->val[e] * best[k];
            }
        }
        mr_glpk_row_bnds(lp, q,
                         row->lb > -MR_MIP_INF ? row->lb - fixed : row->lb,
                         row->ub < MR_MIP_INF ? row->ub - fixed : row->ub);
        glp_set_mat_row(lp, q + 1, len, s->ind, s->val);
        s->row_in[s->rows[q]] = 0;
    }
    add_cutoff(s, lp, obj0);
    return lp;
}

typedef struct sub_cb {
    mr_run *r;
    double  t_end;
} sub_cb;

static void callback(glp_tree *T, void *info)
{
    sub_cb *cb = info;
    mr_run_report(cb->r, 0);
    if (mr_clock() >= cb->t_end || mr_run_left(cb->r) <= 0)
        glp_ios_terminate(T);
}

int mr_sub_search(mr_sub *s, const unsigned char *free_x, double time_limit,
                  int *finished)
{
    mr_run *r = s->r;
    const mr_mip *p = &r->b->mip;
    glp_prob *lp;
    glp_iocp ip;
    sub_cb cb = {r, mr_clock() + time_limit};
    int ret, st, rc = MR_OK;

    *finished = 0;
    if (r->best == NULL || time_limit <= 0.01)
        return MR_OK;
    gather(s, free_x);
    if (s->n_cols == 0) {
        *finished = 1;                /* nothing free: nothing to find */
        return MR_OK;
    }
    lp = build(s);
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    /* GLPK's cuts pay in these small MIPs (the whole model's run without
     * callbacks, see glpk_run.c): M at 10 s, 6 seeds, mean gap over
     * rounds 0.242% without (6 rounds), 0.105% with all four (9 rounds);
     * Gomory, MIR or clique cuts alone 0.137, 0.212, 0.137% (3 rounds).
     * Handing GLPK the best roster as its first incumbent (presolver
     * off) did worse: 0.305% (3 rounds). Gomory cuts take 16% of these
     * searches' time in a profile (GLPK's tableau rows), but without
     * them M seeds 1-30 twice gave a mean gap of 0.029% against 0.021%
     * (runs above 0.1%: 5 without, 4 with). Nor did GLPK's feasibility
     * pump or best-projection backtracking pay here: M seeds 1-3 and 7-45
     * at 10 s, runs above 0.1% (mean time to the best known roster within
     * 0.1%): as is 4 and 2 (5.47, 4.94 s), pump 1 and 3 (5.36, 4.84 s),
     * best projection 4 (5.69 s); not kept. */
    ip.gmi_cuts = GLP_ON;
    ip.mir_cuts = GLP_ON;
    ip.cov_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    ip.mip_gap = r->o.gap;
    ip.cb_func = callback;
    ip.cb_info = &cb;
    ip.tm_lim = (int)(time_limit * 1000);
    ret = glp_intopt(lp, &ip);
    st = glp_mip_status(lp);
    /* the presolver may find the cutoff row infeasible: nothing better */
    *finished = ((ret == 0 || ret == GLP_EMIPGAP)
                 && (st == GLP_OPT || st == GLP_NOFEAS))
                || ret == GLP_ENOPFS;
    if (st == GLP_OPT || st == GLP_FEAS) {
        double z;
        memcpy(s->full, r->best, (size_t)p->n_cols * sizeof *s->full);
        for (int c = 0; c < s->n_cols; c++) {
            double v = glp_mip_col_val(lp, c + 1);
            s->full[s->cols[c]] = p->cols[s->cols[c]].integer ? floor(v + 0.5)
                                                              : v;
        }
        z = mr_mip_objective(p, s->full);
        if (z < r->best_obj - 1e-9)
            rc = mr_run_offer(r, s->full, z);
    }
    for (int c = 0; c < s->n_cols; c++)
        s->col_in[s->cols[c]] = 0;
    glp_delete_prob(lp);
    return rc;
}

void mr_sub_fillers(const mr_sub *s, int col, unsigned char *in)
{
    const mr_lpb *b = s->r->b;
    const mr_mip *p = &b->mip;

    for (int e = s->cbeg[col]; e < s->cbeg[col + 1]; e++) {
        const mr_mip_row *row = &p->rows[s->crow[e]];
        for (int f = row->beg; f < row->beg + row->len; f++) {
            int q = p->cols[p->ind[f]].owner;
            if (p->ind[f] < b->n_x && q >= 0 && q < b->n_staff)
                in[q] = 1;
        }
    }
}
