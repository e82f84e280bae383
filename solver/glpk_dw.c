/* Column generation over per-person monthly schedules; see dw.h.
 *
 * The master LP has the shared columns (cover, PCN and demand shortfalls,
 * the lowest satisfaction), the linking rows, one convexity row per person
 * and one column per schedule. It starts from the schedules of the best
 * roster (glpk_construct.c makes one) and each person's cheapest schedule;
 * without a roster, an artificial column (cost BIG_M) on each linking row
 * that no shared column can satisfy makes the first master feasible. Each
 * round solves the master, prices every person with its duals, adds the
 * schedules of negative reduced cost and raises the Lagrangian bound. Once
 * the master needs no artificial, and when the rounds end, the compact
 * model restricted to the schedules in use gives rosters
 * (glpk_support.c), which go back into the master.
 *
 * Measured on the example month (16 people, 3,455 binaries): about 12
 * rounds, 0.1 to 0.3 s, and the bound equals the optimum; on benchmark
 * service S seed 2 it is the optimum (274.40) where the compact relaxation,
 * even after probing, gives 263.03. */
#include "dw.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

#define BIG_M 1e5
#define RC_TOL 1e-6
/* The share of the time limit one pricing problem may take. */
#define PRICE_SHARE 0.1

void mr_dw_free(mr_dw *d)
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
    mr_free(d->adj);
}

/* The linking entries of each column, transposed from the linking rows. */
static int transpose_links(mr_dw *d)
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
static void build_master(mr_dw *d)
{
    const mr_mip *p = d->p;
    glp_prob *ms;

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
    if (d->n_shared > 0)
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
    /* With a roster to seed the master it is feasible from the start: no
     * artificials, whose cost would leak into the duals of degenerate
     * masters and ruin the bound for many rounds. */
    for (int k = 0; k < d->n_link && d->r->best == NULL; k++) {
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
            d->n_art++;
        }
    }
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

/* 1 when person i already has schedule z. */
static int known(const mr_dw *d, int i, const double *z, unsigned h)
{
    const mr_price *pr = &d->pr[i];
    for (int c = 0; c < d->n_cols; c++) {
        const mr_dw_col *col = &d->cols[c];
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

int mr_dw_add_schedule(mr_dw *d, int i, const double *z, int *added)
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
                          sizeof *d->zv) != MR_OK
            || MR_PUSH(d, zk, &c) != MR_OK) {
            d->n_zk = d->n_zv = beg;
            return MR_ENOMEM;
        }
        d->zk[c] = k;
        d->zv[d->n_zv++] = z[k];
    }
    if (MR_PUSH(d, cols, &c) != MR_OK) {
        d->n_zk = d->n_zv = beg;
        return MR_ENOMEM;
    }
    d->cols[c] = (mr_dw_col){i, beg, d->n_zk - beg, h};
    for (int k = 0; k < d->n_link; k++)
        if (fabs(d->dense[k]) > 1e-12) {
            d->ind[++len] = k + 1;
            d->val[len] = d->dense[k];
        }
    d->ind[++len] = d->n_link + i + 1;
    d->val[len] = 1.0;
    int mc = glp_add_cols(d->ms, 1);
    glp_set_col_bnds(d->ms, mc, GLP_DB, 0, 1);
    glp_set_obj_coef(d->ms, mc, cost);
    glp_set_mat_col(d->ms, mc, len, d->ind, d->val);
    *added = 1;
    return MR_OK;
}

double mr_dw_col_cost(const mr_dw *d, const double *pi, int j)
{
    double c = d->p->cols[j].obj;

    if (pi != NULL) {
        for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++)
            c -= pi[d->lk_row[e]] * d->lk_val[e];
        if (d->adj != NULL)
            c += d->adj[j];
    }
    return c;
}

/* The costs of person i's columns under duals pi (NULL: the plain costs). */
void mr_dw_person_costs(const mr_dw *d, int i, const double *pi,
                        double *cost)
{
    const mr_price *pr = &d->pr[i];
    for (int k = 0; k < pr->n_cols; k++)
        cost[k] = mr_dw_col_cost(d, pi, pr->cols[k]);
}

/* Reads the master's duals, with the sign each row's sense allows (any
 * duals of the right sign give a valid Lagrangian bound). */
static void read_duals(mr_dw *d)
{
    for (int k = 0; k < d->n_link; k++)
        d->pi[k] = mr_mip_dual_cut(&d->p->rows[d->link_row[k]],
                                   glp_get_row_dual(d->ms, k + 1));
    for (int i = 0; i < d->n_pr; i++)
        d->mu[i] = glp_get_row_dual(d->ms, d->n_link + i + 1);
}

/* The Lagrangian bound of the duals d->pi given each person's pricing
 * minimum (or a lower bound of it): obj0 + sum of the minima + duals times
 * the bound each row's dual sign selects + each shared column at the bound
 * its reduced cost prefers. */
double mr_dw_lagrangian(const mr_dw *d, const double *pmin)
{
    const mr_mip *p = d->p;
    double l = p->obj0 + d->adj0;

    for (int i = 0; i < d->n_pr; i++) {
        if (pmin[i] == -HUGE_VAL)
            return -HUGE_VAL;
        l += pmin[i];
    }
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &p->rows[d->link_row[k]];
        if (d->pi[k] > 0)
            l += d->pi[k] * r->lb;
        else if (d->pi[k] < 0)
            l += d->pi[k] * r->ub;
    }
    for (int s = 0; s < d->n_shared; s++) {
        int j = d->shared[s];
        const mr_mip_col *c = &p->cols[j];
        double dj = mr_dw_col_cost(d, d->pi, j);
        if (dj > 0) {
            if (!(c->lb > -MR_MIP_INF))
                return -HUGE_VAL;
            l += dj * c->lb;
        } else if (dj < 0) {
            /* An unbounded column priced out at the master's optimum up to
             * the simplex tolerance counts as priced out. */
            if (!(c->ub < MR_MIP_INF)) {
                if (dj < -1e-9)
                    return -HUGE_VAL;
                continue;
            }
            l += dj * c->ub;
        }
    }
    /* Room for the tolerances of the simplex and of the pricing MIPs. */
    return l - 1e-7 * fmax(1.0, fabs(l));
}

static int solve_master(mr_dw *d)
{
    glp_smcp sp;
    double left = mr_run_left(d->r);

    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.meth = GLP_PRIMAL;
    sp.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    if (glp_simplex(d->ms, &sp) != 0) {
        glp_std_basis(d->ms);
        if (glp_simplex(d->ms, &sp) != 0)
            return 0;
    }
    if (glp_get_status(d->ms) != GLP_OPT)
        return 0;
    d->lp_value = glp_get_obj_val(d->ms);
    read_duals(d);
    return 1;
}

/* 1 when the master LP uses no artificial column. */
static int artificials_out(const mr_dw *d)
{
    for (int c = 1 + d->n_shared; c < mr_dw_first(d); c++)
        if (glp_get_col_prim(d->ms, c) > 1e-7)
            return 0;
    return 1;
}

/* d->xv[j] = 1 for the x that a schedule of the master uses (in the LP
 * solution, or with all_cols any schedule generated). */
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

/* A roster from the master's schedules; the best roster's schedules go
 * back to the master. */
static int support(mr_dw *d, double time_limit, int all_cols, int *found)
{
    int rc, added;

    mark_support(d, all_cols);
    if ((rc = mr_support_mip(d->r, d->xv, time_limit, found)) != MR_OK
        || !*found)
        return rc;
    for (int i = 0; i < d->n_pr; i++) {
        const mr_price *pr = &d->pr[i];
        for (int k = 0; k < pr->n_cols; k++)
            d->z[k] = d->r->best[pr->cols[k]];
        if (mr_dw_add_schedule(d, i, d->z, &added) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_dw_setup(mr_dw *d, mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    int max_pc = 0, max_len;

    d->r = r;
    d->p = p;
    if ((d->local = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int))) == NULL
        || (d->pr_of = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int)))
               == NULL
        || (d->link_row = mr_malloc(((size_t)p->n_rows + 1) * sizeof(int)))
               == NULL
        || (d->shared = mr_malloc(((size_t)p->n_cols + 1) * sizeof(int)))
               == NULL
        || mr_price_build(p, &d->pr, &d->n_pr, d->local) != MR_OK)
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
        || (d->cost = mr_malloc(((size_t)max_pc + 1) * sizeof(double)))
               == NULL
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
    build_master(d);
    return MR_OK;
}

/* Prices person i with costs d->cost; the outcome as for
 * mr_price_solve(). The time of one pricing is capped so that one hard
 * person cannot take the whole run. */
void mr_dw_price(mr_dw *d, int i, double *value, int *exact, int *found,
                 int *infeasible)
{
    mr_run *r = d->r;
    /* at most a second: one person's pricing with plain costs took 5.4 s
     * of a 60 s run on benchmark S seed 1, all of it before the first
     * round, where a stopped pricing's bound serves as well */
    double cap = d->cap > 0 ? d->cap
                 : fmax(0.2, fmin(1.0, PRICE_SHARE * r->o.time_limit));
    double t0 = mr_clock();
    mr_price_solve(&d->pr[i], d->cost, fmin(mr_run_left(r), cap), value,
                   exact, d->z, found, infeasible);
    if (mr_clock() - t0 > 0.1)
        mr_log(MR_LOG_DEBUG, "dw: pricing %s: %.2f s%s",
               r->m->staff[d->pr[i].owner].id, mr_clock() - t0,
               *exact ? "" : " (stopped)");
}

/* Seeds each person with the best roster's schedule (when there is one)
 * and with their individually cheapest schedule. *complete is 0 when some
 * person has none (a pricing problem stopped by its time cap): the master
 * cannot start then. */
static int seed(mr_dw *d, int *complete)
{
    mr_run *r = d->r;
    double value;
    int exact, found, infeasible, added;

    *complete = 1;
    for (int i = 0; i < d->n_pr; i++) {
        const mr_price *pr = &d->pr[i];
        if (r->best != NULL) {
            for (int k = 0; k < pr->n_cols; k++)
                d->z[k] = r->best[pr->cols[k]];
            if (mr_dw_add_schedule(d, i, d->z, &added) != MR_OK)
                return MR_ENOMEM;
        }
        mr_dw_person_costs(d, i, NULL, d->cost);
        mr_dw_price(d, i, &value, &exact, &found, &infeasible);
        if (infeasible) {
            r->infeasible = 1;
            mr_log(MR_LOG_INFO, "solve: %s cannot meet their own rules "
                   "(H1, H4, H7, H8)", r->m->staff[pr->owner].id);
            return MR_OK;
        }
        if (!found) {
            *complete &= r->best != NULL;
            continue;
        }
        if (mr_dw_add_schedule(d, i, d->z, &added) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

/* One round of pricing. *n_added schedules added, *lb the Lagrangian
 * bound. */
static int price_round(mr_dw *d, double *pmin, int *n_added, double *lb)
{
    mr_run *r = d->r;

    *n_added = 0;
    *lb = -HUGE_VAL;
    for (int i = 0; i < d->n_pr; i++) {
        double value;
        int exact, found, infeasible, added;
        mr_dw_person_costs(d, i, d->pi, d->cost);
        mr_dw_price(d, i, &value, &exact, &found, &infeasible);
        if (infeasible) {
            r->infeasible = 1;
            return MR_OK;
        }
        pmin[i] = value;
        if (found && value - d->mu[i] < -RC_TOL) {
            if (mr_dw_add_schedule(d, i, d->z, &added) != MR_OK)
                return MR_ENOMEM;
            *n_added += added;
        }
        if (mr_run_left(r) <= 0)
            return MR_OK;
    }
    *lb = mr_dw_lagrangian(d, pmin);
    return MR_OK;
}

/* Seconds one pricing may take in the first rounds. */
#define EARLY_ROUNDS 3
#define EARLY_CAP    0.1
int mr_stage_dw(mr_run *r, double until)
{
    mr_dw d;
    double *pmin = NULL, lb;
    double cg_end = until;
    int rc, round = 0, n_added, found, converged = 0, last_try = -99;
    int complete;

    memset(&d, 0, sizeof d);
    if (r->b->n_x == 0)
        return MR_OK;
    if ((rc = mr_dw_setup(&d, r)) != MR_OK)
        goto done;
    rc = MR_ENOMEM;
    if (d.n_pr == 0
        || (pmin = mr_malloc(((size_t)d.n_pr + 1) * sizeof *pmin)) == NULL)
        goto done;
    if ((rc = seed(&d, &complete)) != MR_OK || r->infeasible || !complete)
        goto done;
    mr_log(MR_LOG_DEBUG, "dw: seeded %d schedules (%.2f s)", d.n_cols,
           mr_run_elapsed(r));
    while (mr_clock() < cg_end && mr_run_left(r) > 0) {
        if (!solve_master(&d))
            break;
        round++;
        /* The first masters' duals are those of the artificial columns:
         * a pricing there can be hard and its schedule is soon beaten
         * (benchmark S seed 1: one took 0.9 s in round 1, the optimum
         * came at 1.45-1.74 s, now at 0.68-0.85 s). */
        d.cap = round <= EARLY_ROUNDS ? EARLY_CAP : 0;
        if ((rc = price_round(&d, pmin, &n_added, &lb)) != MR_OK
            || r->infeasible)
            goto done;
        mr_run_bound(r, lb);
        mr_log(MR_LOG_DEBUG, "dw: round %d master %.6g bound %.6g, %d new "
               "schedules, %d in all (%.2f s)", round, d.lp_value, lb,
               n_added, d.n_cols, mr_run_elapsed(r));
        mr_run_report(r, 0);
        converged = n_added == 0
                    || (lb > -HUGE_VAL
                        && d.lp_value - lb <= 1e-6 * fmax(1, fabs(lb)));
        if (converged || mr_run_done(r))
            break;
        /* A first roster as soon as the schedules can make one. */
        if (r->best == NULL && round - last_try >= 5 && artificials_out(&d)) {
            last_try = round;
            if ((rc = support(&d, fmin(mr_run_left(r), 1.0), 0,
                                        &found)) != MR_OK)
                goto done;
        }
    }
    mr_log(MR_LOG_INFO, "dw: %s after %d rounds, bound %.6g, %d schedules "
           "(%.2f s)", converged ? "converged" : "stopped", round, r->bound,
           d.n_cols, mr_run_elapsed(r));
    /* Rosters from the last master: its schedules in use, else all. */
    rc = MR_OK;
    if (round > 0 && !mr_run_done(r) && mr_run_left(r) > 0) {
        double cap = fmax(1.0, 0.25 * r->o.time_limit);
        if ((rc = support(&d, fmin(mr_run_left(r), cap), 0,
                                    &found)) != MR_OK)
            goto done;
        if (!found && mr_run_left(r) > 0
            && (rc = support(&d, fmin(mr_run_left(r), cap), 1,
                                       &found)) != MR_OK)
            goto done;
    }
done:
    mr_free(pmin);
    mr_dw_free(&d);
    return rc;
}
