/* The in-memory mixed-integer program; see mip.h. */
#include "mip.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

struct mr_mip_ent {
    int    j;
    double v;
};

void mr_mip_init(mr_mip *p)
{
    memset(p, 0, sizeof *p);
}

void mr_mip_clear(mr_mip *p)
{
    if (p == NULL)
        return;
    mr_free(p->cols);
    mr_free(p->rows);
    mr_free(p->ind);
    mr_free(p->val);
    mr_free(p->names);
    mr_free(p->tmp);
    mr_mip_init(p);
}

/* Appends a name (NULL: the empty name) and returns its offset, or -1. */
static int add_name(mr_mip *p, const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;
    int off = p->n_names;

    while ((size_t)p->cap_names < (size_t)p->n_names + n + 1) {
        if (mr_array_grow((void **)&p->names, &p->cap_names, p->cap_names,
                          1) != MR_OK)
            return -1;
    }
    if (n > 0)
        memcpy(p->names + off, name, n);
    p->names[off + (int)n] = '\0';
    p->n_names += (int)n + 1;
    return off;
}

int mr_mip_add_col(mr_mip *p, double lb, double ub, double obj, int integer,
                   int owner, const char *name, int *out)
{
    int j, nm;

    assert(lb <= ub);
    if ((nm = add_name(p, name)) < 0)
        return MR_ENOMEM;
    if (MR_PUSH(p, cols, &j) != MR_OK)
        return MR_ENOMEM;
    p->cols[j].lb = lb;
    p->cols[j].ub = ub;
    p->cols[j].obj = obj;
    p->cols[j].integer = integer;
    p->cols[j].owner = owner;
    p->cols[j].name = nm;
    if (out != NULL)
        *out = j;
    return MR_OK;
}

void mr_mip_row_begin(mr_mip *p)
{
    p->row_open = p->n_ind;
}

int mr_mip_row_add(mr_mip *p, int col, double coef)
{
    int k;

    assert(col >= 0 && col < p->n_cols);
    if (coef == 0.0)
        return MR_OK;
    if (mr_array_grow((void **)&p->val, &p->cap_val, p->n_val,
                      sizeof *p->val) != MR_OK)
        return MR_ENOMEM;
    if (MR_PUSH(p, ind, &k) != MR_OK)
        return MR_ENOMEM;
    p->ind[k] = col;
    p->val[p->n_val++] = coef;
    return MR_OK;
}

void mr_mip_row_cancel(mr_mip *p)
{
    p->n_ind = p->n_val = p->row_open;
}

static int cmp_ent(const void *a, const void *b)
{
    const struct mr_mip_ent *x = a, *y = b;
    return (x->j > y->j) - (x->j < y->j);
}

/* Sorts the open row's entries by column and sums repeated columns; drops
 * entries that cancel. */
static int merge_open_row(mr_mip *p)
{
    int n = p->n_ind - p->row_open, k = 0;

    if (n <= 1)
        return MR_OK;
    if (n > p->cap_tmp) {
        struct mr_mip_ent *t = mr_realloc(p->tmp, (size_t)n * sizeof *t);
        if (t == NULL)
            return MR_ENOMEM;
        p->tmp = t;
        p->cap_tmp = n;
    }
    for (int i = 0; i < n; i++) {
        p->tmp[i].j = p->ind[p->row_open + i];
        p->tmp[i].v = p->val[p->row_open + i];
    }
    qsort(p->tmp, (size_t)n, sizeof *p->tmp, cmp_ent);
    for (int i = 0; i < n; i++) {
        if (k > 0 && p->ind[p->row_open + k - 1] == p->tmp[i].j) {
            p->val[p->row_open + k - 1] += p->tmp[i].v;
            continue;
        }
        p->ind[p->row_open + k] = p->tmp[i].j;
        p->val[p->row_open + k] = p->tmp[i].v;
        k++;
    }
    /* Coefficients that summed to (nearly) nothing are dropped. */
    int w = 0;
    for (int i = 0; i < k; i++) {
        if (fabs(p->val[p->row_open + i]) < 1e-12)
            continue;
        p->ind[p->row_open + w] = p->ind[p->row_open + i];
        p->val[p->row_open + w] = p->val[p->row_open + i];
        w++;
    }
    p->n_ind = p->n_val = p->row_open + w;
    return MR_OK;
}

int mr_mip_row_end(mr_mip *p, double lb, double ub, const char *name,
                   int *out)
{
    int i, nm, owner;

    if (merge_open_row(p) != MR_OK)
        return MR_ENOMEM;
    if ((nm = add_name(p, name)) < 0)
        return MR_ENOMEM;
    if (MR_PUSH(p, rows, &i) != MR_OK)
        return MR_ENOMEM;
    mr_mip_row *r = &p->rows[i];
    r->lb = lb;
    r->ub = ub;
    r->beg = p->row_open;
    r->len = p->n_ind - p->row_open;
    r->name = nm;
    owner = r->len == 0 ? MR_MIP_EMPTY_ROW : p->cols[p->ind[r->beg]].owner;
    for (int k = r->beg; k < r->beg + r->len; k++)
        if (p->cols[p->ind[k]].owner != owner)
            owner = -1;
    r->owner = owner;
    if (lb > ub || (r->len == 0 && (lb > 1e-9 || ub < -1e-9)))
        p->infeasible = 1;
    p->row_open = p->n_ind;
    if (out != NULL)
        *out = i;
    return MR_OK;
}

const char *mr_mip_col_name(const mr_mip *p, int j)
{
    return p->names + p->cols[j].name;
}

const char *mr_mip_row_name(const mr_mip *p, int i)
{
    return p->names + p->rows[i].name;
}

double mr_mip_objective(const mr_mip *p, const double *x)
{
    double z = p->obj0;
    for (int j = 0; j < p->n_cols; j++)
        z += p->cols[j].obj * x[j];
    return z;
}

double mr_mip_row_activity(const mr_mip *p, int i, const double *x)
{
    const mr_mip_row *r = &p->rows[i];
    double a = 0;
    for (int k = r->beg; k < r->beg + r->len; k++)
        a += p->val[k] * x[p->ind[k]];
    return a;
}

double mr_mip_violation(const mr_mip *p, const double *x, int *worst_row)
{
    double worst = 0;
    if (worst_row != NULL)
        *worst_row = -1;
    for (int j = 0; j < p->n_cols; j++) {
        double v = fmax(p->cols[j].lb - x[j], x[j] - p->cols[j].ub);
        if (v > worst)
            worst = v;
    }
    for (int i = 0; i < p->n_rows; i++) {
        double a = mr_mip_row_activity(p, i, x);
        double v = fmax(p->rows[i].lb - a, a - p->rows[i].ub);
        if (v > worst) {
            worst = v;
            if (worst_row != NULL)
                *worst_row = i;
        }
    }
    return worst;
}

double mr_mip_dual_cut(const mr_mip_row *row, double y)
{
    if (!isfinite(y) || (y > 0 && !(row->lb > -MR_MIP_INF))
        || (y < 0 && !(row->ub < MR_MIP_INF)))
        return 0;
    return y;
}
