/* The compact integer programme of the Curtois-Qu benchmark (the model of
 * the 2014 report, as FORMAT.md restates it), written as a CPLEX LP file so
 * that a general MIP solver (CBC) can be run on exactly the same problem.
 *
 * Two exact reductions keep the files small: x[e,d,t] exists only when e
 * may work t at all (MaxShifts > 0) and d is not one of e's days off (the
 * report fixes those at 0), and the forbidden successions of a shift are
 * one row per (e, d, t), x[e,d,t] + sum over forbidden u of x[e,d+1,u] <= 1,
 * which with one shift a day allows the same integer points as the
 * report's pairwise rows (and is no weaker). The under/over cover
 * variables are continuous: with integer x they are integer at any
 * optimum. */
#include <glpk.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "nrp_cg.h"

typedef struct mip {
    const mr_nrp *p;
    glp_prob *lp;
    int *x;          /* [(e * h + d) * T + t]: column, 0 when absent */
    int *ind;
    double *val;
    int cap;
} mip;

static void add_row(mip *m, const char *name, int n, int type, double lo,
                    double hi)
{
    if (n == 0)
        return;                    /* holds (or the instance is hopeless) */
    int r = glp_add_rows(m->lp, 1);
    glp_set_row_name(m->lp, r, name);
    glp_set_row_bnds(m->lp, r, type, lo, hi);
    glp_set_mat_row(m->lp, r, n, m->ind, m->val);
}

/* Appends the x of employee e on day d (every shift) with coefficient c;
 * returns the new count. */
static int add_day(mip *m, int n, int e, int d, double c)
{
    int T = m->p->n_shifts, h = m->p->n_days;
    for (int t = 0; t < T; t++) {
        int j = m->x[((size_t)e * h + d) * T + t];
        if (j) {
            m->ind[++n] = j;
            m->val[n] = c;
        }
    }
    return n;
}

static void staff_rows(mip *m, int e)
{
    const mr_nrp *p = m->p;
    int h = p->n_days, T = p->n_shifts, n;
    char name[64];
    const int *xe = m->x + (size_t)e * h * T;
    int cmax = p->max_consec[e], cmin = p->min_consec[e], mo = p->min_off[e];

    for (int d = 0; d < h; d++) {
        n = add_day(m, 0, e, d, 1.0);
        snprintf(name, sizeof name, "one_%d_%d", e, d);
        if (n > 1)
            add_row(m, name, n, GLP_UP, 0, 1);
    }
    for (int d = 0; d + 1 < h; d++)
        for (int t = 0; t < T; t++) {
            if (!xe[d * T + t])
                continue;
            n = 0;
            m->ind[++n] = xe[d * T + t];
            m->val[n] = 1.0;
            for (int u = 0; u < T; u++)
                if (p->forbid[(size_t)t * T + u] && xe[(d + 1) * T + u]) {
                    m->ind[++n] = xe[(d + 1) * T + u];
                    m->val[n] = 1.0;
                }
            snprintf(name, sizeof name, "succ_%d_%d_%d", e, d, t);
            if (n > 1)
                add_row(m, name, n, GLP_UP, 0, 1);
        }
    for (int t = 0; t < T; t++) {
        n = 0;
        for (int d = 0; d < h; d++)
            if (xe[d * T + t]) {
                m->ind[++n] = xe[d * T + t];
                m->val[n] = 1.0;
            }
        snprintf(name, sizeof name, "maxshifts_%d_%d", e, t);
        if (n > p->max_shifts[(size_t)e * T + t])
            add_row(m, name, n, GLP_UP, 0, p->max_shifts[(size_t)e * T + t]);
    }
    n = 0;
    for (int d = 0; d < h; d++)
        for (int t = 0; t < T; t++)
            if (xe[d * T + t]) {
                m->ind[++n] = xe[d * T + t];
                m->val[n] = p->shift_len[t];
            }
    snprintf(name, sizeof name, "minutes_%d", e);
    add_row(m, name, n, p->min_minutes[e] < p->max_minutes[e] ? GLP_DB
                                                              : GLP_FX,
            p->min_minutes[e], p->max_minutes[e]);
    /* max consecutive: every window of cmax + 1 days */
    for (int d = 0; d + cmax < h; d++) {
        n = 0;
        for (int j = d; j <= d + cmax; j++)
            n = add_day(m, n, e, j, 1.0);
        snprintf(name, sizeof name, "maxcons_%d_%d", e, d);
        if (n > cmax)
            add_row(m, name, n, GLP_UP, 0, cmax);
    }
    /* min consecutive shifts: w_d + (s - sum w_{d+1..d+s}) + w_{d+s+1} >= 1
     * i.e. w_d - sum + w_{d+s+1} >= 1 - s */
    for (int s = 1; s < cmin; s++)
        for (int d = 0; d + s + 1 < h; d++) {
            n = add_day(m, 0, e, d, 1.0);
            for (int j = d + 1; j <= d + s; j++)
                n = add_day(m, n, e, j, -1.0);
            n = add_day(m, n, e, d + s + 1, 1.0);
            snprintf(name, sizeof name, "mincons_%d_%d_%d", e, s, d);
            add_row(m, name, n, GLP_LO, 1.0 - s, 0);
        }
    /* min days off: (1 - w_d) + sum w_{d+1..d+s} + (1 - w_{d+s+1}) >= 1
     * i.e. -w_d + sum - w_{d+s+1} >= -1 */
    for (int s = 1; s < mo; s++)
        for (int d = 0; d + s + 1 < h; d++) {
            n = add_day(m, 0, e, d, -1.0);
            for (int j = d + 1; j <= d + s; j++)
                n = add_day(m, n, e, j, 1.0);
            n = add_day(m, n, e, d + s + 1, -1.0);
            snprintf(name, sizeof name, "minoff_%d_%d_%d", e, s, d);
            add_row(m, name, n, GLP_LO, -1.0, 0);
        }
}

static void weekend_rows(mip *m, int e)
{
    const mr_nrp *p = m->p;
    int h = p->n_days, nk = mr_nrp_n_weekends(p), n, first;
    char name[64];

    first = glp_add_cols(m->lp, nk);
    for (int k = 0; k < nk; k++) {
        snprintf(name, sizeof name, "k_%s_%d", p->staff_ids[e], k);
        glp_set_col_name(m->lp, first + k, name);
        glp_set_col_kind(m->lp, first + k, GLP_BV);
        for (int dd = 5; dd <= 6; dd++) {
            int d = 7 * k + dd;
            if (d >= h)
                continue;
            n = add_day(m, 0, e, d, -1.0);
            m->ind[++n] = first + k;
            m->val[n] = 1.0;
            snprintf(name, sizeof name, "wk_%d_%d_%d", e, k, dd);
            if (n > 1)
                add_row(m, name, n, GLP_LO, 0, 0);
        }
    }
    n = 0;
    for (int k = 0; k < nk; k++) {
        m->ind[++n] = first + k;
        m->val[n] = 1.0;
    }
    snprintf(name, sizeof name, "maxwk_%d", e);
    add_row(m, name, n, GLP_UP, 0, p->max_weekends[e]);
}

int mr_nrp_write_lp(const mr_nrp *p, const char *path, long *offset)
{
    int h = p->n_days, T = p->n_shifts, E = p->n_staff, rc = MR_ENOMEM;
    mip m;
    char name[96];
    size_t nx = (size_t)E * h * T;

    memset(&m, 0, sizeof m);
    m.p = p;
    *offset = 0;
    m.cap = h * (T + 2) + E * (T + 2) + 16;
    m.x = mr_calloc(nx, sizeof(int));
    m.ind = mr_malloc((size_t)(m.cap + 1) * sizeof(int));
    m.val = mr_malloc((size_t)(m.cap + 1) * sizeof(double));
    if (m.x == NULL || m.ind == NULL || m.val == NULL)
        goto done;
    m.lp = glp_create_prob();
    glp_set_prob_name(m.lp, "curtois_qu");
    glp_set_obj_dir(m.lp, GLP_MIN);
    for (int e = 0; e < E; e++)
        for (int d = 0; d < h; d++)
            for (int t = 0; t < T; t++) {
                if (p->max_shifts[(size_t)e * T + t] <= 0 ||
                    p->day_off[(size_t)e * h + d])
                    continue;
                int j = glp_add_cols(m.lp, 1);
                snprintf(name, sizeof name, "x_%s_%d_%s", p->staff_ids[e], d,
                         p->shift_ids[t]);
                glp_set_col_name(m.lp, j, name);
                glp_set_col_kind(m.lp, j, GLP_BV);
                m.x[((size_t)e * h + d) * T + t] = j;
            }
    /* objective: sum q (1 - x) + sum p x + sum wu y + sum wo z */
    for (int i = 0; i < p->n_on; i++) {
        const mr_nrp_request *r = &p->on_req[i];
        int j = m.x[((size_t)r->staff * h + r->day) * T + r->shift];
        *offset += r->weight;
        if (j)
            glp_set_obj_coef(m.lp, j, glp_get_obj_coef(m.lp, j) - r->weight);
    }
    for (int i = 0; i < p->n_off; i++) {
        const mr_nrp_request *r = &p->off_req[i];
        int j = m.x[((size_t)r->staff * h + r->day) * T + r->shift];
        if (j)
            glp_set_obj_coef(m.lp, j, glp_get_obj_coef(m.lp, j) + r->weight);
    }
    for (int e = 0; e < E; e++) {
        staff_rows(&m, e);
        weekend_rows(&m, e);
    }
    for (int d = 0; d < h; d++)
        for (int t = 0; t < T; t++) {
            int k = d * T + t, n = 0, y = glp_add_cols(m.lp, 2);
            snprintf(name, sizeof name, "y_%d_%s", d, p->shift_ids[t]);
            glp_set_col_name(m.lp, y, name);
            snprintf(name, sizeof name, "z_%d_%s", d, p->shift_ids[t]);
            glp_set_col_name(m.lp, y + 1, name);
            glp_set_col_bnds(m.lp, y, GLP_LO, 0, 0);
            glp_set_col_bnds(m.lp, y + 1, GLP_LO, 0, 0);
            glp_set_obj_coef(m.lp, y, p->cover_under[k]);
            glp_set_obj_coef(m.lp, y + 1, p->cover_over[k]);
            for (int e = 0; e < E; e++) {
                int j = m.x[((size_t)e * h + d) * T + t];
                if (j) {
                    m.ind[++n] = j;
                    m.val[n] = 1.0;
                }
            }
            m.ind[++n] = y;
            m.val[n] = 1.0;
            m.ind[++n] = y + 1;
            m.val[n] = -1.0;
            snprintf(name, sizeof name, "cover_%d_%s", d, p->shift_ids[t]);
            add_row(&m, name, n, GLP_FX, p->cover_req[k], p->cover_req[k]);
        }
    int was = glp_term_out(GLP_OFF);      /* the library never prints */
    rc = glp_write_lp(m.lp, NULL, path) == 0 ? MR_OK : MR_EIO;
    glp_term_out(was);
done:
    if (m.lp != NULL)
        glp_delete_prob(m.lp);
    mr_free(m.x);
    mr_free(m.ind);
    mr_free(m.val);
    return rc;
}
