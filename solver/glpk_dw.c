/* Column generation over per-person monthly schedules; see dw.h.
 *
 * The master LP has the shared columns (cover and PCN shortfalls, the
 * lowest satisfaction), the linking rows, one convexity row per person, an
 * artificial column (cost BIG_M) on each linking row that no shared column
 * can satisfy, and one column per generated schedule. Each round solves the
 * master, prices every person with the duals, adds the schedules of
 * negative reduced cost and raises the Lagrangian bound. From time to time,
 * and at the end, the master restricted to its schedules is solved as a
 * MIP (one schedule per person) for rosters. */
#include "dw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

#define BIG_M 1e5
#define RC_TOL 1e-6

typedef struct dw_col {
    int      person;         /* pricing problem index */
    int      beg, len;       /* the schedule's nonzeros in zk/zv */
    unsigned hash;
} dw_col;

typedef struct dw {
    mr_run        *r;
    const mr_mip  *p;
    mr_price      *pr;
    int            n_pr;
    int           *local;        /* mip column -> local index, -1 shared */
    int           *pr_of;        /* mip column -> pricing index, -1 */
    int            n_link;
    int           *link_row;     /* master row k (0-based) -> mip row */
    int           *lk_beg, *lk_row;   /* per mip column: its linking */
    double        *lk_val;            /* entries (master row, value) */
    int            n_shared;
    int           *shared;       /* master column k + 1 -> mip column */
    int            n_art;
    glp_prob      *ms;
    MR_ARRAY(dw_col, cols);      /* master column 1 + n_shared + n_art + i */
    MR_ARRAY(int, zk);
    MR_ARRAY(double, zv);
    double        *pi, *mu;      /* duals of the last master solve */
    double        *cost, *z, *dense, *full, *xv;
    int           *ind;
    double        *val;
    double         lp_value;     /* the last master LP optimum */
} dw;

static void dw_free(dw *d)
{
    mr_price_free(d->pr, d->n_pr);
    mr_free(d->local);
    mr_free(d->pr_of);
    mr_free(d->link_row);
    mr_free(d->lk_beg);
    mr_free(d->lk_row);
    mr_free(d->lk_val);
    mr_free(d->shared);
    if (d->ms != NULL)
        glp_delete_prob(d->ms);
    mr_free(d->cols);
    mr_free(d->zk);
    mr_free(d->zv);
    mr_free(d->pi);
    mr_free(d->mu);
    mr_free(d->cost);
    mr_free(d->z);
    mr_free(d->dense);
    mr_free(d->full);
    mr_free(d->xv);
    mr_free(d->ind);
    mr_free(d->val);
}

/* The linking entries of each column, transposed from the linking rows. */
static int transpose_links(dw *d)
{
    const mr_mip *p = d->p;
    int *fill = NULL, n = 0;

    if ((d->lk_beg = mr_calloc((size_t)p->n_cols + 1, sizeof(int))) == NULL)
        return MR_ENOMEM;
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        for (int e = r->beg; e < r->beg + r->len; e++)
            d->lk_beg[p->ind[e] + 1]++;
        n += r->len;
    }
    for (int j = 0; j < p->n_cols; j++)
        d->lk_beg[j + 1] += d->lk_beg[j];
    if ((d->lk_row = mr_malloc(((size_t)n + 1) * sizeof(int))) == NULL
        || (d->lk_val = mr_malloc(((size_t)n + 1) * sizeof(double))) == NULL
        || (fill = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int))) == NULL) {
        mr_free(fill);
        return MR_ENOMEM;
    }
    memcpy(fill, d->lk_beg, (size_t)p->n_cols * sizeof(int));
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        for (int e = r->beg; e < r->beg + r->len; e++) {
            int j = p->ind[e];
            d->lk_row[fill[j]] = k;
            d->lk_val[fill[j]++] = p->val[e];
        }
    }
    mr_free(fill);
    return MR_OK;
}

/* The master without schedules: shared columns, linking rows, convexity
 * rows, artificials. */
static int build_master(dw *d)
{
    const mr_mip *p = d->p;
    glp_prob *ms;
    int n_art = 0;

    d->ms = ms = glp_create_prob();
    glp_set_obj_dir(ms, GLP_MIN);
    glp_set_obj_coef(ms, 0, p->obj0);
    glp_add_rows(ms, d->n_link + d->n_pr);
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        mr_glpk_row_bnds(ms, k, r->lb, r->ub);
    }
    for (int i = 0; i < d->n_pr; i++)
        glp_set_row_bnds(ms, d->n_link + i + 1, GLP_FX, 1, 1);
    if (d->n_shared > 0) {
        glp_add_cols(ms, d->n_shared);
        for (int k = 0; k < d->n_shared; k++) {
            const mr_mip_col *c = &p->cols[d->shared[k]];
            int j = d->shared[k], len = 0;
            mr_glpk_col_bnds(ms, k, c->lb, c->ub);
            glp_set_obj_coef(ms, k + 1, c->obj);
            for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++) {
                d->ind[++len] = d->lk_row[e] + 1;
                d->val[len] = d->lk_val[e];
            }
            if (len > 0)
                glp_set_mat_col(ms, k + 1, len, d->ind, d->val);
        }
    }
    /* Artificials on rows that no shared column can satisfy. */
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        int has_shared = 0;
        for (int e = r->beg; e < r->beg + r->len && !has_shared; e++)
            has_shared = d->pr_of[p->ind[e]] < 0;
        if (has_shared)
            continue;
        for (int side = 0; side < 2; side++) {
            if ((side == 0 && !(r->lb > -MR_MIP_INF))
                || (side == 1 && !(r->ub < MR_MIP_INF)))
                continue;
            int c = glp_add_cols(ms, 1);
            glp_set_col_bnds(ms, c, GLP_LO, 0, 0);
            glp_set_obj_coef(ms, c, BIG_M);
            d->ind[1] = k + 1;
            d->val[1] = side == 0 ? 1.0 : -1.0;
            glp_set_mat_col(ms, c, 1, d->ind, d->val);
            n_art++;
        }
    }
    d->n_art = n_art;
    return MR_OK;
}

static unsigned hash_schedule(const double *z, int n)
{
    unsigned h = 2166136261u;
    for (int k = 0; k < n; k++)
        if (z[k] != 0) {
            long q = lround(z[k] * 1e6);
            h = (h ^ (unsigned)k) * 16777619u;
            h = (h ^ (unsigned)q) * 16777619u;
        }
    return h;
}

/* 1 when person i already has this schedule. */
static int known(const dw *d, int i, const double *z, unsigned h)
{
    const mr_price *pr = &d->pr[i];
    for (int c = 0; c < d->n_cols; c++) {
        const dw_col *col = &d->cols[c];
        int same = 1, e = col->beg, nz = 0;
        if (col->person != i || col->hash != h)
            continue;
        for (int k = 0; k < pr->n_cols && same; k++) {
            if (z[k] == 0)
                continue;
            nz++;
            same = e < col->beg + col->len && d->zk[e] == k
                   && fabs(d->zv[e] - z[k]) < 1e-7;
            e++;
        }
        if (same && nz == col->len)
            return 1;
    }
    return 0;
}

/* Adds person i's schedule z (local values) as a master column. *added is
 * 0 when it was there already. */
static int add_schedule(dw *d, int i, const double *z, int *added)
{
    const mr_mip *p = d->p;
    const mr_price *pr = &d->pr[i];
    unsigned h = hash_schedule(z, pr->n_cols);
    double cost = 0;
    int c, len = 0, beg = d->n_zk;

    *added = 0;
    if (known(d, i, z, h))
        return MR_OK;
    for (int k = 0; k < d->n_link; k++)
        d->dense[k] = 0;
    for (int k = 0; k < pr->n_cols; k++) {
        int j = pr->cols[k];
        if (z[k] == 0)
            continue;
        cost += p->cols[j].obj * z[k];
        for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++)
            d->dense[d->lk_row[e]] += d->lk_val[e] * z[k];
        if (mr_array_grow((void **)&d->zv, &d->cap_zv, d->n_zv,
                          sizeof *d->zv) != MR_OK)
            return MR_ENOMEM;
        if (MR_PUSH(d, zk, &c) != MR_OK)
            return MR_ENOMEM;
        d->zk[c] = k;
        d->zv[d->n_zv++] = z[k];
    }
    for (int k = 0; k < d->n_link; k++)
        if (fabs(d->dense[k]) > 1e-12) {
            d->ind[++len] = k + 1;
            d->val[len] = d->dense[k];
        }
    d->ind[++len] = d->n_link + i + 1;
    d->val[len] = 1.0;
    if (MR_PUSH(d, cols, &c) != MR_OK)
        return MR_ENOMEM;
    d->cols[c] = (dw_col){i, beg, d->n_zk - beg, h};
    int mc = glp_add_cols(d->ms, 1);
    glp_set_col_bnds(d->ms, mc, GLP_DB, 0, 1);
    glp_set_obj_coef(d->ms, mc, cost);
    glp_set_mat_col(d->ms, mc, len, d->ind, d->val);
    *added = 1;
    return MR_OK;
}

/* The costs of person i's columns under duals pi (NULL: the plain costs). */
static void person_costs(const dw *d, int i, const double *pi, double *cost)
{
    const mr_price *pr = &d->pr[i];
    for (int k = 0; k < pr->n_cols; k++) {
        int j = pr->cols[k];
        double c = d->p->cols[j].obj;
        if (pi != NULL)
            for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++)
                c -= pi[d->lk_row[e]] * d->lk_val[e];
        cost[k] = c;
    }
}

/* Reads the master's duals, with the sign each row's sense allows. */
static void read_duals(dw *d)
{
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &d->p->rows[d->link_row[k]];
        double y = glp_get_row_dual(d->ms, k + 1);
        int has_lb = r->lb > -MR_MIP_INF, has_ub = r->ub < MR_MIP_INF;
        if (has_lb && !has_ub && y < 0)
            y = 0;
        if (has_ub && !has_lb && y > 0)
            y = 0;
        d->pi[k] = y;
    }
    for (int i = 0; i < d->n_pr; i++)
        d->mu[i] = glp_get_row_dual(d->ms, d->n_link + i + 1);
}

/* The Lagrangian bound of duals pi given each person's pricing minimum
 * (or a lower bound of it). */
static double lagrangian(const dw *d, const double *pmin)
{
    const mr_mip *p = d->p;
    double l = p->obj0;
    for (int i = 0; i < d->n_pr; i++) {
        if (pmin[i] == -HUGE_VAL)
            return -HUGE_VAL;
        l += pmin[i];
    }
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        double y = d->pi[k];
        if (y > 0)
            l += y * r->lb;
        else if (y < 0)
            l += y * r->ub;
    }
    for (int s = 0; s < d->n_shared; s++) {
        int j = d->shared[s];
        const mr_mip_col *c = &p->cols[j];
        double dj = c->obj;
        for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++)
            dj -= d->pi[d->lk_row[e]] * d->lk_val[e];
        if (dj > 0) {
            if (!(c->lb > -MR_MIP_INF))
                return -HUGE_VAL;
            l += dj * c->lb;
        } else if (dj < 0) {
            if (!(c->ub < MR_MIP_INF))
                return -HUGE_VAL;
            l += dj * c->ub;
        }
    }
    return l;
}

static int solve_master_lp(dw *d)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.meth = GLP_PRIMAL;
    double left = mr_run_left(d->r);
    sp.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    if (glp_simplex(d->ms, &sp) != 0) {
        glp_std_basis(d->ms);
        if (glp_simplex(d->ms, &sp) != 0)
            return MR_ESOLVER;
    }
    if (glp_get_status(d->ms) != GLP_OPT)
        return MR_ESOLVER;
    d->lp_value = glp_get_obj_val(d->ms);
    read_duals(d);
    return MR_OK;
}

/* Solves the master with one schedule per person (a MIP) and offers the
 * roster it gives. */
static int integer_master(dw *d, double time_limit)
{
    glp_iocp ip;
    int first = 1 + d->n_shared + d->n_art, n = glp_get_num_cols(d->ms);
    int ret, st, rc = MR_OK;
    double obj;

    for (int c = 1 + d->n_shared; c < first; c++)
        glp_set_col_bnds(d->ms, c, GLP_FX, 0, 0);
    for (int c = first; c <= n; c++)
        glp_set_col_kind(d->ms, c, GLP_IV);
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ERR;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_PCH;
    ip.mip_gap = d->r->o.gap;
    ip.tm_lim = time_limit > 0.01 ? (int)(time_limit * 1000) : 10;
    ret = glp_intopt(d->ms, &ip);
    st = glp_mip_status(d->ms);
    if ((ret == 0 || ret == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        /* The schedules chosen give x; the compact model completes them. */
        for (int j = 0; j < d->r->b->n_x; j++)
            d->xv[j] = 0;
        for (int c = first; c <= n; c++) {
            const dw_col *col = &d->cols[c - first];
            if (glp_mip_col_val(d->ms, c) < 0.5)
                continue;
            for (int e = col->beg; e < col->beg + col->len; e++) {
                int j = d->pr[col->person].cols[d->zk[e]];
                if (j < d->r->b->n_x)
                    d->xv[j] = d->zv[e];
            }
        }
        rc = mr_glpk_complete(d->r, d->xv, d->full, &obj);
        if (rc == MR_OK)
            rc = mr_run_offer(d->r, d->full, obj);
        else if (rc == MR_EINFEASIBLE) {
            mr_log(MR_LOG_WARN, "solve: a master roster breaks a hard rule");
            rc = MR_OK;
        }
    }
    for (int c = first; c <= n; c++)
        glp_set_col_kind(d->ms, c, GLP_CV);
    for (int c = 1 + d->n_shared; c < first; c++)
        glp_set_col_bnds(d->ms, c, GLP_LO, 0, 0);
    return rc;
}

/* Solves the compact model restricted to the assignments of the schedules
 * the master LP uses (the rest fixed at 0; with fix_ones, those every used
 * schedule shares fixed at 1) and offers the roster it finds. Much freer
 * than the integer master (schedules recombine by day), and small. */
static int support_mip(dw *d, double time_limit, int fix_ones)
{
    const mr_mip *p = d->p;
    int first = 1 + d->n_shared + d->n_art, n = glp_get_num_cols(d->ms);
    glp_prob *lp = NULL;
    glp_iocp ip;
    int rc, ret, st, n_free = 0;

    for (int j = 0; j < d->r->b->n_x; j++)
        d->xv[j] = 0;
    for (int c = first; c <= n; c++) {
        const dw_col *col = &d->cols[c - first];
        double lam = glp_get_col_prim(d->ms, c);
        if (lam < 1e-9)
            continue;
        for (int e = col->beg; e < col->beg + col->len; e++) {
            int j = d->pr[col->person].cols[d->zk[e]];
            if (j < d->r->b->n_x)
                d->xv[j] += lam * d->zv[e];
        }
    }
    if ((rc = mr_glpk_load(p, 0, &lp)) != MR_OK)
        return rc;
    for (int j = 0; j < d->r->b->n_x; j++) {
        if (d->xv[j] < 1e-6)
            mr_glpk_col_bnds(lp, j, 0, 0);
        else if (fix_ones && d->xv[j] > 1 - 1e-6)
            mr_glpk_col_bnds(lp, j, 1, 1);
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
    mr_log(MR_LOG_DEBUG, "dw: support mip, %d free x, ret %d status %d "
           "(%.2f s)", n_free, ret, st, mr_run_elapsed(d->r));
    if ((ret == 0 || ret == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        for (int j = 0; j < p->n_cols; j++) {
            double v = glp_mip_col_val(lp, j + 1);
            d->full[j] = p->cols[j].integer ? floor(v + 0.5) : v;
        }
        rc = mr_run_offer(d->r, d->full, mr_mip_objective(p, d->full));
    }
    glp_delete_prob(lp);
    return rc;
}

static int setup(dw *d, mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    int max_len = 0, max_pc = 0;

    d->r = r;
    d->p = p;
    if ((d->local = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int))) == NULL
        || (d->pr_of = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int))) == NULL
        || (d->link_row = mr_malloc(((size_t)p->n_rows + 1) * sizeof(int)))
               == NULL
        || (d->shared = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int)))
               == NULL)
        return MR_ENOMEM;
    if (mr_price_build(p, &d->pr, &d->n_pr, d->local) != MR_OK)
        return MR_ENOMEM;
    for (int j = 0; j < p->n_cols; j++)
        d->pr_of[j] = -1;
    for (int i = 0; i < d->n_pr; i++) {
        for (int k = 0; k < d->pr[i].n_cols; k++)
            d->pr_of[d->pr[i].cols[k]] = i;
        if (d->pr[i].n_cols > max_pc)
            max_pc = d->pr[i].n_cols;
    }
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].owner < 0)
            d->shared[d->n_shared++] = j;
    for (int i = 0; i < p->n_rows; i++)
        if (p->rows[i].owner == -1)
            d->link_row[d->n_link++] = i;
    max_len = d->n_link + d->n_pr + 2;
    if (transpose_links(d) != MR_OK
        || (d->pi = mr_calloc((size_t)d->n_link + 1, sizeof(double))) == NULL
        || (d->mu = mr_calloc((size_t)d->n_pr + 1, sizeof(double))) == NULL
        || (d->cost = mr_malloc(((size_t)max_pc + 1) * sizeof(double))) == NULL
        || (d->z = mr_malloc(((size_t)max_pc + 1) * sizeof(double))) == NULL
        || (d->dense = mr_malloc(((size_t)d->n_link + 1) * sizeof(double)))
               == NULL
        || (d->full = mr_malloc(((size_t)p->n_cols + 1) * sizeof(double)))
               == NULL
        || (d->xv = mr_malloc(((size_t)r->b->n_x + 1) * sizeof(double)))
               == NULL
        || (d->ind = mr_malloc(((size_t)max_len + 1) * sizeof(int))) == NULL
        || (d->val = mr_malloc(((size_t)max_len + 1) * sizeof(double)))
               == NULL)
        return MR_ENOMEM;
    return build_master(d);
}

/* Seeds each person with the best roster's schedule (when there is one)
 * and with their individually cheapest schedule. */
static int seed(dw *d)
{
    mr_run *r = d->r;
    double value;
    int exact, found, infeasible, added;

    for (int i = 0; i < d->n_pr; i++) {
        const mr_price *pr = &d->pr[i];
        if (r->best != NULL) {
            for (int k = 0; k < pr->n_cols; k++)
                d->z[k] = r->best[pr->cols[k]];
            if (add_schedule(d, i, d->z, &added) != MR_OK)
                return MR_ENOMEM;
        }
        person_costs(d, i, NULL, d->cost);
        if (mr_price_solve(&d->pr[i], d->cost, mr_run_left(r), &value,
                           &exact, d->z, &found, &infeasible) != MR_OK)
            return MR_ESOLVER;
        if (infeasible) {
            r->infeasible = 1;
            mr_log(MR_LOG_INFO, "solve: %s cannot meet their own rules",
                   r->m->staff[pr->owner].id);
            return MR_OK;
        }
        if (!found) {
            r->timed_out = 1;
            return MR_OK;
        }
        if (add_schedule(d, i, d->z, &added) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_stage_dw(mr_run *r)
{
    dw d;
    double *pmin = NULL;
    int rc, round = 0, last_int = 0;

    memset(&d, 0, sizeof d);
    mr_glpk_hook();
    if ((rc = setup(&d, r)) != MR_OK)
        goto done;
    rc = MR_ENOMEM;
    if ((pmin = mr_malloc(((size_t)d.n_pr + 1) * sizeof *pmin)) == NULL)
        goto done;
    if ((rc = seed(&d)) != MR_OK || r->infeasible || r->timed_out)
        goto done;
    for (;;) {
        int n_added = 0, all_exact = 1;
        double rc_sum = 0;

        if ((rc = solve_master_lp(&d)) != MR_OK)
            goto done;
        round++;
        for (int i = 0; i < d.n_pr; i++) {
            double value;
            int exact, found, infeasible, added;
            person_costs(&d, i, d.pi, d.cost);
            double t_p = mr_clock();
            if (mr_price_solve(&d.pr[i], d.cost, mr_run_left(r), &value,
                               &exact, d.z, &found, &infeasible) != MR_OK) {
                rc = MR_ESOLVER;
                goto done;
            }
            if (mr_clock() - t_p > 0.05)
                mr_log(MR_LOG_DEBUG, "dw: pricing %s took %.2f s",
                       r->m->staff[d.pr[i].owner].id, mr_clock() - t_p);
            if (infeasible) {
                r->infeasible = 1;
                goto done;
            }
            pmin[i] = value;
            all_exact &= exact;
            if (found && value - d.mu[i] < -RC_TOL) {
                if ((rc = add_schedule(&d, i, d.z, &added)) != MR_OK)
                    goto done;
                n_added += added;
            }
            if (value > -HUGE_VAL)
                rc_sum += fmin(0, value - d.mu[i]);
        }
        double lb = lagrangian(&d, pmin);
        mr_run_bound(r, lb);
        mr_log(MR_LOG_DEBUG,
               "dw: round %d master %.6g lagrangian %.6g added %d cols %d "
               "(%.2f s)", round, d.lp_value, lb, n_added, d.n_cols,
               mr_run_elapsed(r));
        mr_run_report(r, 0);
        int converged = n_added == 0
                        || d.lp_value - lb <= 1e-6 * fmax(1, fabs(lb));
        if (mr_run_left(r) <= 0) {
            r->timed_out = 1;
            break;
        }
        if (converged || round - last_int >= 10) {
            last_int = round;
            if (getenv("MR_IM") && (rc = integer_master(&d, fmin(mr_run_left(r), 2.0))) != MR_OK)
                goto done;
            if (converged && (rc = support_mip(&d, fmin(mr_run_left(r), 5.0), 0)) != MR_OK)
                goto done;
            mr_run_report(r, 0);
            if (mr_run_done(r))
                break;
        }
        if (converged) {
            mr_log(MR_LOG_INFO, "dw: converged in %d rounds, bound %.6g, "
                   "%d schedules (%.2f s)", round, r->bound, d.n_cols,
                   mr_run_elapsed(r));
            break;
        }
        (void)all_exact;
        (void)rc_sum;
    }
    rc = MR_OK;
done:
    mr_free(pmin);
    dw_free(&d);
    return rc;
}
