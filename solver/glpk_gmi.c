/* Gomory mixed-integer cuts from the optimal basis of an LP, the cuts of
 * GLPK's glp_gmi_gen() made faster. GLPK computes each tableau row by
 * walking every nonbasic column's list of entries (glp_eval_tab_row): on
 * a generated M month (about 30,000 columns) one round of 444 cuts took
 * 4.1 s with the second thread busy, more than the round's whole share of
 * a 10 s limit. Here the matrix is copied row-wise once per round, and
 * each tableau row is summed over only the rows where the row of the
 * basis inverse is nonzero, which are few.
 *
 * The cut is the textbook GMI cut, in GLPK's conventions (glpk's
 * doc/notes/gomory): the basic integer column x_j = beta (fractional)
 * reads xB = sum alfa_k xN_k over the nonbasic variables, with alfa_k =
 * -rho_k for the row (auxiliary) variables and rho'A_k for the columns,
 * rho the row of inv(B) of x_j. Each nonbasic variable is moved to its
 * active bound, the GMI coefficients taken, then the row variables are
 * replaced by their rows. Cuts with coefficients below 1e-3 or above
 * 1e+3 in magnitude are left out, as GLPK does (badly scaled). */
#include "glpk_int.h"

#include <math.h>
#include <stdlib.h>

#include "alloc.h"

#define FRAC(x) ((x) - floor(x))

typedef struct gmi {
    glp_prob *lp;
    int       m, n;
    int      *rbeg, *rind;      /* rows of lp, row-wise; columns 1..n */
    double   *rval;
    int      *rstat, *cstat, *ckind, *ctype;
    double   *rlb, *rub, *clb, *cub;
    double   *rho;              /* 1..m */
    double   *alfa, *phi;       /* per column 1..n: dense, reset after use */
    int      *touched, n_touched;
    unsigned char *mark;        /* per column: in touched */
} gmi;

typedef struct cand { int j; double f; } cand;

static int by_frac(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->f > y->f ? -1 : x->f < y->f ? 1 : x->j - y->j;
}

static void gmi_free(gmi *g)
{
    mr_free(g->rbeg);
    mr_free(g->rind);
    mr_free(g->rval);
    mr_free(g->rstat);
    mr_free(g->cstat);
    mr_free(g->ckind);
    mr_free(g->ctype);
    mr_free(g->rlb);
    mr_free(g->rub);
    mr_free(g->clb);
    mr_free(g->cub);
    mr_free(g->rho);
    mr_free(g->alfa);
    mr_free(g->phi);
    mr_free(g->touched);
    mr_free(g->mark);
}

/* Copies what the cuts need of lp. MR_OK or MR_ENOMEM. */
static int gmi_init(gmi *g, glp_prob *lp)
{
    size_t m, n;
    int nnz = 0;

    g->lp = lp;
    g->m = glp_get_num_rows(lp);
    g->n = glp_get_num_cols(lp);
    m = (size_t)g->m + 1;
    n = (size_t)g->n + 1;
    if ((g->rbeg = mr_malloc((m + 1) * sizeof *g->rbeg)) == NULL)
        return MR_ENOMEM;
    g->rbeg[1] = 1;
    for (int i = 1; i <= g->m; i++)
        g->rbeg[i + 1] = g->rbeg[i] + glp_get_mat_row(lp, i, NULL, NULL);
    nnz = g->rbeg[g->m + 1];
    if ((g->rind = mr_malloc(((size_t)nnz + 1) * sizeof *g->rind)) == NULL
        || (g->rval = mr_malloc(((size_t)nnz + 1) * sizeof *g->rval))
               == NULL
        || (g->rstat = mr_malloc(m * sizeof(int))) == NULL
        || (g->cstat = mr_malloc(n * sizeof(int))) == NULL
        || (g->ckind = mr_malloc(n * sizeof(int))) == NULL
        || (g->ctype = mr_malloc(n * sizeof(int))) == NULL
        || (g->rlb = mr_malloc(m * sizeof(double))) == NULL
        || (g->rub = mr_malloc(m * sizeof(double))) == NULL
        || (g->clb = mr_malloc(n * sizeof(double))) == NULL
        || (g->cub = mr_malloc(n * sizeof(double))) == NULL
        || (g->rho = mr_malloc(m * sizeof(double))) == NULL
        || (g->alfa = mr_calloc(n, sizeof(double))) == NULL
        || (g->phi = mr_calloc(n, sizeof(double))) == NULL
        || (g->touched = mr_malloc(n * sizeof(int))) == NULL
        || (g->mark = mr_calloc(n, 1)) == NULL)
        return MR_ENOMEM;
    /* glp_get_mat_row writes from position 1: rbeg counts from 1 */
    for (int i = 1; i <= g->m; i++)
        glp_get_mat_row(lp, i, g->rind + g->rbeg[i] - 1,
                        g->rval + g->rbeg[i] - 1);
    for (int i = 1; i <= g->m; i++) {
        g->rstat[i] = glp_get_row_stat(lp, i);
        g->rlb[i] = glp_get_row_lb(lp, i);
        g->rub[i] = glp_get_row_ub(lp, i);
    }
    for (int j = 1; j <= g->n; j++) {
        g->cstat[j] = glp_get_col_stat(lp, j);
        g->ckind[j] = glp_get_col_kind(lp, j) == GLP_CV ? GLP_CV : GLP_IV;
        g->ctype[j] = glp_get_col_type(lp, j);
        g->clb[j] = glp_get_col_lb(lp, j);
        g->cub[j] = glp_get_col_ub(lp, j);
    }
    return MR_OK;
}

static void touch(gmi *g, int j)
{
    if (!g->mark[j]) {
        g->mark[j] = 1;
        g->touched[g->n_touched++] = j;
    }
}

/* The GMI coefficient of a nonbasic variable with tableau entry ksi
 * (integer kind: is_int), and so its term and rhs change. 0: skip it; -1:
 * no cut (a free variable in the row, or an entry too large). */
static int coef(double ksi, int stat, int is_int, double lb, double ub,
                double fb, double *phi, double *rhs)
{
    double a, p;

    if (fabs(ksi) > 1e5)
        return -1;
    if (fabs(ksi) < 1e-10 || stat == GLP_NS)
        return 0;
    if (stat != GLP_NL && stat != GLP_NU)
        return -1;                        /* GLP_NF */
    a = stat == GLP_NL ? -ksi : ksi;
    if (is_int) {
        if (fabs(a - floor(a + 0.5)) < 1e-10)
            return 0;
        p = FRAC(a) <= fb ? FRAC(a) : fb / (1 - fb) * (1 - FRAC(a));
    } else {
        p = a >= 0 ? a : fb / (1 - fb) * -a;
    }
    if (stat == GLP_NL) {
        *phi = p;
        *rhs += p * lb;
    } else {
        *phi = -p;
        *rhs -= p * ub;
    }
    return 1;
}

/* The cut of basic integer column j (value beta) into ind/val (1..len)
 * and *rhs: sum val x >= rhs. Its length, or 0 when there is none. */
static int cut(gmi *g, int j, double beta, int *ind, double *val,
               double *rhs)
{
    int m = g->m, len = 0, ok = 1, bi = glp_get_col_bind(g->lp, j);
    double fb = FRAC(beta);

    if (bi < 1 || bi > m)
        return 0;
    for (int i = 1; i <= m; i++)
        g->rho[i] = 0;
    g->rho[bi] = 1;
    glp_btran(g->lp, g->rho);
    g->n_touched = 0;
    for (int i = 1; i <= m; i++)
        if (g->rho[i] != 0)
            for (int e = g->rbeg[i]; e < g->rbeg[i + 1]; e++) {
                g->alfa[g->rind[e]] += g->rho[i] * g->rval[e];
                touch(g, g->rind[e]);
            }
    *rhs = fb;
    /* row variables: their terms go straight into phi over the columns */
    for (int i = 1; i <= m && ok; i++) {
        double p;
        int c;
        if (g->rho[i] == 0 || g->rstat[i] == GLP_BS)
            continue;
        if ((c = coef(-g->rho[i], g->rstat[i], 0, g->rlb[i], g->rub[i], fb,
                      &p, rhs)) < 0)
            ok = 0;
        else if (c > 0 && fabs(p) >= 1e-10)
            for (int e = g->rbeg[i]; e < g->rbeg[i + 1]; e++) {
                g->phi[g->rind[e]] += p * g->rval[e];
                touch(g, g->rind[e]);
            }
    }
    for (int t = 0; t < g->n_touched && ok; t++) {
        int k = g->touched[t];
        double p;
        int c;
        if (g->cstat[k] == GLP_BS)
            continue;
        if ((c = coef(g->alfa[k], g->cstat[k], g->ckind[k] == GLP_IV,
                      g->clb[k], g->cub[k], fb, &p, rhs)) < 0)
            ok = 0;
        else if (c > 0)
            g->phi[k] += p;
    }
    for (int t = 0; t < g->n_touched; t++) {
        int k = g->touched[t];
        if (ok && fabs(g->phi[k]) >= 1e-10) {
            if (g->ctype[k] == GLP_FX) {
                *rhs -= g->phi[k] * g->clb[k];
            } else {
                ind[++len] = k;
                val[len] = g->phi[k];
                if (fabs(val[len]) < 1e-3 || fabs(val[len]) > 1e3)
                    ok = 0;               /* badly scaled */
            }
        }
        g->alfa[k] = g->phi[k] = 0;
        g->mark[k] = 0;
    }
    if (fabs(*rhs) < 1e-12)
        *rhs = 0;
    return ok ? len : 0;
}

int mr_gmi_gen(glp_prob *lp, glp_prob *pool, int max_cuts, int *n_cuts)
{
    gmi g = {0};
    cand *cv = NULL;
    int *ind = NULL, nv = 0, rc;
    double *val = NULL;

    *n_cuts = 0;
    if ((rc = gmi_init(&g, lp)) != MR_OK
        || (cv = mr_malloc(((size_t)g.n + 1) * sizeof *cv)) == NULL
        || (ind = mr_malloc(((size_t)g.n + 1) * sizeof *ind)) == NULL
        || (val = mr_malloc(((size_t)g.n + 1) * sizeof *val)) == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    for (int j = 1; j <= g.n; j++) {
        double f = FRAC(glp_get_col_prim(lp, j));
        if (g.ckind[j] == GLP_IV && g.ctype[j] != GLP_FX
            && g.cstat[j] == GLP_BS && f >= 0.05 && f <= 0.95) {
            cv[nv].j = j;
            cv[nv++].f = f;
        }
    }
    qsort(cv, (size_t)nv, sizeof *cv, by_frac);
    for (int t = 0; t < nv && *n_cuts < max_cuts; t++) {
        double rhs;
        int len = cut(&g, cv[t].j, glp_get_col_prim(lp, cv[t].j), ind, val,
                      &rhs), i;
        if (len < 1)
            continue;
        i = glp_add_rows(pool, 1);
        glp_set_row_bnds(pool, i, GLP_LO, rhs, 0);
        glp_set_mat_row(pool, i, len, ind, val);
        (*n_cuts)++;
    }
done:
    mr_free(cv);
    mr_free(ind);
    mr_free(val);
    gmi_free(&g);
    return rc;
}
