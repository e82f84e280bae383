/* Branch and price for the Curtois-Qu benchmark: the search.
 *
 * Root: column generation until no schedule prices out, or until the
 * Lagrangian bound (LP value plus every employee's most negative reduced
 * cost) rounds up to the LP value rounded up, the point after which more
 * columns cannot raise the integer bound. Then an integer solve of the
 * restricted master (GLPK's branch and cut over the generated columns)
 * for a first roster. Then depth-first branch and price on single
 * assignments x[e,d,t] (= 1 first, which dives along the LP), pruning
 * nodes whose bound reaches the best roster; it proves optimality when it
 * runs to the end. Bounds are integers rounded up: every weight is an
 * integer. */
#include "nrp_cg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "diag.h"
#include "log.h"
#include "nrp_int.h"

#define EPS 1e-6
#define K_COLS 3               /* columns per employee per pricing round */

typedef struct fix {
    int e, d, t, up;
    double parent_lb;
} fix;

typedef struct cg {
    const mr_nrp *p;
    mr_nrp_opts o;
    int h, T, E;
    double t0, deadline;
    nrp_track *track;
    nrp_pricer **pr;
    nrp_master *m;
    double *arc, *scost;
    int *sched;
    uint64_t *allowed;         /* E * h: options (bit T: off) */
    unsigned char *dirty;      /* E: fixings changed */
    fix *stack;
    int depth, cap;
    int *best, *tmp;
    long best_val;
    double best_time;
    long first_val;
    long rounds, nodes;
    double t_lp, t_price;
    int exact;
    double *xval;              /* E * h * T scratch for branching */
} cg;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int out_of_time(const cg *c)
{
    return c->o.time_limit > 0 && now() >= c->deadline;
}

static long ceil_bound(double v)
{
    return (long)ceil(v - 1e-6);
}

void mr_nrp_opts_default(mr_nrp_opts *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = 0;
}

void mr_nrp_result_clear(mr_nrp_result *r)
{
    if (r == NULL)
        return;
    mr_free(r->roster);
    memset(r, 0, sizeof *r);
}

/* Offers a roster: kept when the evaluator finds it feasible and better. */
static void offer(cg *c, const int *roster, const char *how)
{
    mr_nrp_eval ev;
    mr_nrp_evaluate(c->p, roster, &ev);
    if (ev.n_violations > 0) {
        mr_log(MR_LOG_ERROR, "nrp: %s gave a roster breaking %s "
               "(employee %d, day %d): ignored", how,
               mr_nrp_rule_name(ev.first_rule), ev.first_staff,
               ev.first_day);
        return;
    }
    if (c->best_val >= 0 && ev.objective >= c->best_val)
        return;
    memcpy(c->best, roster, (size_t)c->E * c->h * sizeof(int));
    c->best_val = ev.objective;
    c->best_time = now() - c->t0;
    if (c->first_val < 0)
        c->first_val = ev.objective;
    mr_log(MR_LOG_INFO, "nrp: roster %ld from %s at %.2fs", ev.objective,
           how, c->best_time);
}

static double cutoff(const cg *c)
{
    return c->best_val >= 0 ? (double)c->best_val : NRP_INF;
}

/* Prices every employee; adds the columns that price out. *sum receives
 * the sum of the most negative reduced costs (0 for none). */
static int price_all(cg *c, double *sum, int *added)
{
    const mr_nrp *p = c->p;
    nrp_master *m = c->m;
    int h = c->h, T = c->T, rc;

    *sum = 0;
    *added = 0;
    for (int e = 0; e < c->E; e++) {
        const double *pc = m->pc + (size_t)e * h * (T + 1);
        double dmin = m->d_min[e] / m->unit[e];
        for (int d = 0; d < h; d++) {
            uint64_t a = c->allowed[(size_t)e * h + d];
            double *ad = c->arc + (size_t)d * (T + 1);
            for (int s = 0; s < T; s++)
                ad[s] = !(a >> s & 1) ? NRP_INF
                        : pc[(size_t)d * (T + 1) + s] -
                              m->d_cover[(size_t)d * T + s] -
                              m->d_type[(size_t)e * T + s] -
                              dmin * p->shift_len[s];
            ad[T] = (a >> T & 1) ? pc[(size_t)d * (T + 1) + T] : NRP_INF;
        }
        int n = nrp_price(c->pr[e], c->arc, -m->d_wk[e], K_COLS, c->sched,
                          c->scost);
        if (n == 0)
            continue;
        double best = c->scost[0] - m->d_conv[e];
        if (best < 0)
            *sum += best;
        for (int i = 0; i < n; i++) {
            int j, add;
            if (c->scost[i] - m->d_conv[e] > -EPS)
                break;
            if ((rc = nrp_master_add(m, e, c->sched + (size_t)i * h, &j,
                                     &add)) != MR_OK)
                return rc;
            *added += add;
        }
    }
    c->rounds++;
    return MR_OK;
}

/* Column generation at the current node. *lb receives the node's bound
 * (NRP_INF when infeasible); *done is 1 when the LP is optimal over all
 * columns or the bound cannot rise further. */
static int node_cg(cg *c, int dual, double *lb, int *done)
{
    int rc, added;
    double sum;

    *lb = -NRP_INF;
    *done = 0;
    for (;;) {
        double t1 = now();
        if ((rc = nrp_master_solve(c->m, dual)) != MR_OK)
            return rc;
        double t2 = now();
        dual = 0;
        if ((rc = price_all(c, &sum, &added)) != MR_OK)
            return rc;
        c->t_lp += t2 - t1;
        c->t_price += now() - t2;
        if (c->nodes == 0)
            mr_log(MR_LOG_DEBUG, "nrp: round %ld: LP %.3f (%.2fs), "
                   "Lagrangian %.3f, %d columns added (%.2fs)", c->rounds,
                   c->m->obj, t2 - t1, c->m->obj + sum, added, now() - t2);
        double lagr = c->m->obj + sum;
        if (lagr > *lb)
            *lb = lagr;
        if (added == 0) {
            *lb = c->m->obj;
            *done = 1;
            break;
        }
        if (ceil_bound(*lb) >= ceil_bound(c->m->obj) ||
            (double)ceil_bound(*lb) >= cutoff(c)) {
            *done = 1;
            /* the LP is not optimal over all columns: solve once more so
             * that values match the columns just added */
            if ((rc = nrp_master_solve(c->m, 0)) != MR_OK)
                return rc;
            break;
        }
        if (out_of_time(c))
            break;
    }
    if (*lb >= c->m->big * 0.5)
        *lb = NRP_INF;             /* an artificial column is needed */
    return MR_OK;
}

/* 1 when every employee has one column at 1 (then the LP solution is a
 * roster, written to c->tmp). */
static int integral(cg *c)
{
    nrp_master *m = c->m;
    int h = c->h, n = 0;
    for (int e = 0; e < c->E; e++)
        if (m->art_val[e] > EPS)
            return 0;
    for (int j = 0; j < m->n_cols; j++) {
        double v = m->c_val[j];
        if (v > EPS && v < 1 - EPS)
            return 0;
        if (v >= 1 - EPS) {
            int e = m->c_staff[j];
            for (int d = 0; d < h; d++)
                c->tmp[(size_t)e * h + d] = m->c_sched[(size_t)j * h + d];
            n++;
        }
    }
    return n == c->E;
}

/* The assignment to branch on: the fractional x[e,d,t] nearest to 1. */
static int choose(cg *c, int *be, int *bd, int *bt)
{
    nrp_master *m = c->m;
    int h = c->h, T = c->T;
    double best = -1;
    memset(c->xval, 0, (size_t)c->E * h * T * sizeof(double));
    for (int j = 0; j < m->n_cols; j++) {
        double v = m->c_val[j];
        if (v <= EPS)
            continue;
        int e = m->c_staff[j];
        for (int d = 0; d < h; d++) {
            int s = m->c_sched[(size_t)j * h + d];
            if (s >= 0)
                c->xval[((size_t)e * h + d) * T + s] += v;
        }
    }
    for (size_t i = 0; i < (size_t)c->E * h * T; i++) {
        double x = c->xval[i];
        if (x > EPS && x < 1 - EPS && x > best) {
            best = x;
            *be = (int)(i / ((size_t)h * T));
            *bd = (int)(i / T % h);
            *bt = (int)(i % T);
        }
    }
    return best > 0;
}

/* Rebuilds the pricers' option masks from the stack and switches off the
 * columns that disagree with a fixing. */
static void apply_fixings(cg *c)
{
    nrp_master *m = c->m;
    int h = c->h, T = c->T;
    uint64_t full = (T + 1 >= 64) ? ~(uint64_t)0
                                  : (((uint64_t)1 << (T + 1)) - 1);
    for (int e = 0; e < c->E; e++)
        if (c->dirty[e])
            for (int d = 0; d < h; d++)
                c->allowed[(size_t)e * h + d] = full;
    for (int i = 0; i < c->depth; i++) {
        const fix *f = &c->stack[i];
        if (!c->dirty[f->e])
            continue;
        uint64_t *a = &c->allowed[(size_t)f->e * h + f->d];
        if (f->up)
            *a &= (uint64_t)1 << f->t;
        else
            *a &= ~((uint64_t)1 << f->t);
    }
    for (int j = 0; j < m->n_cols; j++) {
        int e = m->c_staff[j], on = 1;
        if (!c->dirty[e])
            continue;
        for (int d = 0; d < h && on; d++) {
            int s = m->c_sched[(size_t)j * h + d];
            on = (c->allowed[(size_t)e * h + d] >> (s < 0 ? T : s)) & 1;
        }
        nrp_master_enable(m, j, on);
    }
    memset(c->dirty, 0, (size_t)c->E);
}

static int push(cg *c, int e, int d, int t, double lb)
{
    if (c->depth == c->cap) {
        int nc = c->cap ? 2 * c->cap : 256;
        fix *s = mr_realloc(c->stack, (size_t)nc * sizeof *s);
        if (s == NULL)
            return MR_ENOMEM;
        c->stack = s;
        c->cap = nc;
    }
    c->stack[c->depth].e = e;
    c->stack[c->depth].d = d;
    c->stack[c->depth].t = t;
    c->stack[c->depth].up = 1;
    c->stack[c->depth].parent_lb = lb;
    c->depth++;
    c->dirty[e] = 1;
    return MR_OK;
}

/* Moves to the next open node: the = 0 sibling of the deepest = 1 fixing
 * whose parent bound is still below the best roster. 0 when none. */
static int backtrack(cg *c)
{
    while (c->depth > 0) {
        fix *f = &c->stack[c->depth - 1];
        c->dirty[f->e] = 1;
        if (f->up && (double)ceil_bound(f->parent_lb) < cutoff(c)) {
            f->up = 0;
            return 1;
        }
        c->depth--;
    }
    return 0;
}

/* The smallest bound of an open node, including the current one. */
static double open_bound(const cg *c, double current)
{
    double lb = current;
    for (int i = 0; i < c->depth; i++)
        if (c->stack[i].up && c->stack[i].parent_lb < lb)
            lb = c->stack[i].parent_lb;
    return lb;
}

static int setup(cg *c, const mr_nrp *p, const mr_nrp_opts *o)
{
    int h = p->n_days, T = p->n_shifts, E = p->n_staff, rc;
    long budget = o->state_budget > 0 ? o->state_budget : 20000;

    c->p = p;
    c->o = *o;
    c->h = h;
    c->T = T;
    c->E = E;
    c->t0 = now();
    c->deadline = c->t0 + o->time_limit;
    c->best_val = -1;
    c->first_val = -1;
    c->exact = 1;
    c->track = mr_calloc((size_t)E, sizeof *c->track);
    c->pr = mr_calloc((size_t)E, sizeof *c->pr);
    c->arc = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    c->scost = mr_malloc(K_COLS * sizeof(double));
    c->sched = mr_malloc((size_t)K_COLS * h * sizeof(int));
    c->allowed = mr_malloc((size_t)E * h * sizeof(uint64_t));
    c->dirty = mr_malloc((size_t)E);
    c->best = mr_malloc((size_t)E * h * sizeof(int));
    c->tmp = mr_malloc((size_t)E * h * sizeof(int));
    c->xval = mr_malloc((size_t)E * h * T * sizeof(double));
    if (!c->track || !c->pr || !c->arc || !c->scost || !c->sched ||
        !c->allowed || !c->dirty || !c->best || !c->tmp || !c->xval)
        return MR_ENOMEM;
    memset(c->dirty, 1, (size_t)E);
    for (int e = 0; e < E; e++) {
        nrp_track need;
        nrp_choose_tracking(p, e, budget, 40 * budget * 28, &c->track[e]);
        nrp_needed(p, e, &need);
        if (need.minutes > c->track[e].minutes ||
            need.weekends > c->track[e].weekends)
            c->exact = 0;
        for (int t = 0; t < T; t++)
            if (need.type[t] > c->track[e].type[t])
                c->exact = 0;
        if ((rc = nrp_pricer_new(p, e, &c->track[e], &c->pr[e])) != MR_OK)
            return rc;
    }
    if ((rc = nrp_master_new(p, c->track, &c->m)) != MR_OK)
        return rc;
    apply_fixings(c);
    return MR_OK;
}

static void teardown(cg *c)
{
    if (c->pr != NULL)
        for (int e = 0; e < c->E; e++)
            nrp_pricer_free(c->pr[e]);
    nrp_master_free(c->m);
    mr_free(c->track);
    mr_free(c->pr);
    mr_free(c->arc);
    mr_free(c->scost);
    mr_free(c->sched);
    mr_free(c->allowed);
    mr_free(c->dirty);
    mr_free(c->stack);
    mr_free(c->best);
    mr_free(c->tmp);
    mr_free(c->xval);
}

static double remaining(const cg *c)
{
    return c->o.time_limit > 0 ? c->deadline - now() : 1e9;
}

int mr_nrp_solve(const mr_nrp *p, const mr_nrp_opts *opts,
                 mr_nrp_result *out)
{
    cg c;
    int rc, done, complete = 0, lost = 0;
    double lb, root_lb, global_lb;

    memset(out, 0, sizeof *out);
    out->objective = -1;
    memset(&c, 0, sizeof c);
    if ((rc = setup(&c, p, opts)) != MR_OK)
        goto fail;
    mr_log(MR_LOG_INFO, "nrp: %d employees, %d days, %d types; pricing "
           "%s", c.E, c.h, c.T, c.exact ? "exact (every rule tracked)"
                                        : "with some rules in the master");
    /* the root */
    if ((rc = node_cg(&c, 0, &root_lb, &done)) != MR_OK)
        goto fail;
    out->root_bound = root_lb;
    out->seconds_root = now() - c.t0;
    global_lb = root_lb;
    mr_log(MR_LOG_INFO, "nrp: root bound %.3f, LP %.3f, %d columns, %ld "
           "rounds, %.2fs", root_lb, c.m->obj, c.m->n_cols, c.rounds,
           out->seconds_root);
    if (integral(&c))
        offer(&c, c.tmp, "the root LP");
    if (!opts->no_rmip && ceil_bound(root_lb) < cutoff(&c) &&
        remaining(&c) > 0) {
        double v, limit = remaining(&c) * 0.25;
        if (limit > 60)
            limit = 60;
        if (nrp_master_rmip(c.m, limit, (double)ceil_bound(root_lb),
                            c.best_val >= 0 ? c.best : NULL, c.tmp, &v))
            offer(&c, c.tmp, "the restricted master IP");
    }
    /* depth-first branch and price; lb is the current node's bound */
    lb = root_lb;
    while (!opts->no_branch && !out_of_time(&c)) {
        int e = 0, d = 0, t = 0, prune = lb >= NRP_INF ||
                             (double)ceil_bound(lb) >= cutoff(&c);
        if (!prune && integral(&c)) {
            offer(&c, c.tmp, "branch and price");
            prune = 1;
        }
        if (!prune && !choose(&c, &e, &d, &t)) {
            lost = 1;           /* nothing to branch on: give the node up */
            prune = 1;
        }
        if (prune) {
            if (!backtrack(&c)) {
                complete = !lost;
                break;
            }
        } else if ((rc = push(&c, e, d, t, lb)) != MR_OK)
            goto fail;
        apply_fixings(&c);
        c.nodes++;
        if ((rc = node_cg(&c, 1, &lb, &done)) != MR_OK)
            goto fail;
    }
    /* open nodes: the current one and every = 0 sibling not yet tried */
    if (complete)
        global_lb = cutoff(&c);
    else {
        global_lb = open_bound(&c, lb);
        if (global_lb < root_lb)
            global_lb = root_lb;
        if (global_lb > cutoff(&c))
            global_lb = cutoff(&c);
    }
    out->lower_bound = global_lb >= NRP_INF ? -1 : ceil_bound(global_lb);
    out->seconds = now() - c.t0;
    mr_log(MR_LOG_INFO, "nrp: %.2fs in the LP, %.2fs pricing, %ld nodes",
           c.t_lp, c.t_price, c.nodes);
    out->columns = c.m->n_cols;
    out->cg_rounds = c.rounds;
    out->nodes = c.nodes;
    out->exact_pricing = c.exact;
    out->first_objective = c.first_val;
    out->seconds_best = c.best_time;
    if (c.best_val >= 0) {
        out->roster = c.best;
        c.best = NULL;
        out->objective = c.best_val;
        out->status = out->lower_bound >= c.best_val ? MR_NRP_OPTIMAL
                                                     : MR_NRP_FEASIBLE;
    } else
        out->status = MR_NRP_NO_ROSTER;
    teardown(&c);
    return MR_OK;
fail:
    teardown(&c);
    mr_nrp_result_clear(out);
    return rc;
}
