/* The tree of the Curtois-Qu branch and price, and the LP-guided
 * heuristics that move through it.
 *
 * A node is a list of fixings x[e,d,t] = 1 or 0 (employee e works shift t
 * on day d, or does not). The pricers see them as per-day option masks and
 * the master switches off the columns that disagree, so a column is never
 * deleted for a branch. Search: from the current node, dive through the
 * x = 1 child of the fractional x nearest to 1, leaving its x = 0 sibling
 * open with the parent's bound; when a dive ends (integral, pruned), jump
 * to the open node of smallest bound. That is best-first search with dives,
 * as MIP solvers do it: dives find rosters, the best-first order raises the
 * proven bound, and no early mistake traps the search in one subtree. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "log.h"
#include "model.h"
#include "nrp_search.h"

/* Column generation rounds per dive step. With 4, the dive fixed
 * assignments on LPs far from converged and ended high (instance 8: 1412
 * against an optimum of 1300). */
#define DIVE_ROUNDS 25
#define DIVE_BACKTRACKS 3      /* undone steps per dive */
/* Of the search's time, for dives from its nodes. 0.5 slowed the
 * search's own plunges too much (instance 16: 3236 instead of 3225 at
 * 120 s); ruin and recreate slices in the search (a fifth of its time)
 * found nothing on instances 8, 14, 16 and are gone. */
#define DIVE_SEARCH_SHARE 0.25

void nrp_bp_apply(nrp_cg *c)
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
        const nrp_fix *f = &c->stack[i];
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

int nrp_bp_push(nrp_cg *c, int e, int d, int t, int up)
{
    if (mr_array_grow((void **)&c->stack, &c->cap, c->depth,
                      sizeof *c->stack) != MR_OK)
        return MR_ENOMEM;
    c->stack[c->depth].e = e;
    c->stack[c->depth].d = d;
    c->stack[c->depth].t = t;
    c->stack[c->depth].up = up;
    c->depth++;
    c->dirty[e] = 1;
    return MR_OK;
}

void nrp_bp_pop_to(nrp_cg *c, int depth)
{
    while (c->depth > depth)
        c->dirty[c->stack[--c->depth].e] = 1;
}

int nrp_bp_integral(nrp_cg *c)
{
    nrp_master *m = c->m;
    int h = c->h, n = 0;
    for (int e = 0; e < c->E; e++)
        if (m->art_val[e] > NRP_EPS)
            return 0;
    for (int j = 0; j < m->n_cols; j++) {
        double v = m->c_val[j];
        if (v > NRP_EPS && v < 1 - NRP_EPS)
            return 0;
        if (v >= 1 - NRP_EPS) {
            int e = m->c_staff[j];
            for (int d = 0; d < h; d++)
                c->tmp[(size_t)e * h + d] = m->c_sched[(size_t)j * h + d];
            n++;
        }
    }
    return n == c->E;
}

/* x[e,d,t] of the LP solution, into c->xval. */
static void assignments(nrp_cg *c)
{
    nrp_master *m = c->m;
    int h = c->h, T = c->T;
    memset(c->xval, 0, (size_t)c->E * h * T * sizeof(double));
    for (int j = 0; j < m->n_cols; j++) {
        double v = m->c_val[j];
        if (v <= NRP_EPS)
            continue;
        int e = m->c_staff[j];
        for (int d = 0; d < h; d++) {
            int s = m->c_sched[(size_t)j * h + d];
            if (s >= 0)
                c->xval[((size_t)e * h + d) * T + s] += v;
        }
    }
}

/* The assignment to branch on: the fractional x[e,d,t] nearest to 1. */
static int choose(nrp_cg *c, int *be, int *bd, int *bt)
{
    int h = c->h, T = c->T;
    double best = -1;
    assignments(c);
    for (size_t i = 0; i < (size_t)c->E * h * T; i++) {
        double x = c->xval[i];
        if (x > NRP_EPS && x < 1 - NRP_EPS && x > best) {
            best = x;
            *be = (int)(i / ((size_t)h * T));
            *bd = (int)(i / T % h);
            *bt = (int)(i % T);
        }
    }
    return best > 0;
}

int nrp_bp_round(nrp_cg *c)
{
    nrp_master *m = c->m;
    int h = c->h;
    for (int e = 0; e < c->E; e++)
        c->pick[e] = -1;
    /* each employee's largest schedule among those that obey every rule
     * (with rules left to the master, a column alone may break one) */
    for (int j = 0; j < m->n_cols; j++) {
        int e = m->c_staff[j];
        if (m->c_val[j] <= NRP_EPS ||
            (c->pick[e] >= 0 && m->c_val[j] <= m->c_val[c->pick[e]]))
            continue;
        for (int d = 0; d < h; d++)
            c->tmp[d] = m->c_sched[(size_t)j * h + d];
        if (c->exact || mr_nrp_check_staff(c->p, e, c->tmp, NULL, NULL,
                                           NULL) == 0)
            c->pick[e] = j;
    }
    /* an employee the LP covers by an artificial column gets a schedule
     * from the local search */
    for (int e = 0; e < c->E; e++)
        for (int d = 0; d < h; d++)
            c->work[(size_t)e * h + d] = c->pick[e] < 0 ? NRP_UNSET
                : m->c_sched[(size_t)c->pick[e] * h + d];
    int rc = c->o.no_local ? 1 : nrp_local_search(&c->x, c->work,
                                  nrp_cg_clock(c) +
                                  nrp_cg_remaining(c) * 0.02);
    if (rc < 0)
        return MR_ENOMEM;
    return rc == 1 ? nrp_cg_offer(c, c->work, "rounding", 0) : MR_OK;
}

/* The dive: fixes every x[e,d,t] at 1 in the LP and the fractional ones
 * nearest to 1 (2 per cent of them, ranked with a little noise from seed
 * so that repeated dives differ), re-generating columns after each step;
 * every few steps the LP is also rounded. When a step's bound reaches the
 * best roster, the step is undone and its first candidate fixed at 0
 * instead (at most DIVE_BACKTRACKS times). Leaves the node as it found
 * it. */
int nrp_bp_dive(nrp_cg *c, unsigned seed)
{
    int h = c->h, T = c->T, base = c->depth, rc = MR_OK, done, step = 0;
    int last = -1, backtracks = 0;     /* depth before the last step */
    size_t last_top = 0;
    double lb;

    while (!nrp_cg_out_of_time(c)) {
        if ((rc = nrp_cg_node(c, 1, DIVE_ROUNDS, &lb, &done)) != MR_OK)
            break;
        if (lb >= NRP_INF || (double)nrp_ceil_bound(lb) >= nrp_cg_cutoff(c)) {
            if (last < 0 || backtracks++ >= DIVE_BACKTRACKS)
                break;
            nrp_bp_pop_to(c, last);
            rc = nrp_bp_push(c, (int)(last_top / ((size_t)h * T)),
                             (int)(last_top / T % h), (int)(last_top % T), 0);
            if (rc != MR_OK)
                break;
            last = -1;
            nrp_bp_apply(c);
            continue;
        }
        if (nrp_bp_integral(c)) {
            rc = nrp_cg_offer(c, c->tmp, "the dive", 1);
            break;
        }
        if (step++ % 8 == 0 && (rc = nrp_bp_round(c)) != MR_OK)
            break;
        assignments(c);
        int depth0 = c->depth;
        size_t n = 0, nf = 0;
        for (size_t i = 0; i < (size_t)c->E * h * T && rc == MR_OK; i++) {
            double x = c->xval[i];
            uint64_t a = c->allowed[i / T];
            if (x <= NRP_EPS || (a & (a - 1)) == 0)
                continue;              /* nothing, or fixed already */
            if (x >= 1 - NRP_EPS) {
                rc = nrp_bp_push(c, (int)(i / ((size_t)h * T)),
                                 (int)(i / T % h), (int)(i % T), 1);
                n++;
            } else
                c->frac[nf++] = i;
        }
        if (rc != MR_OK)
            break;
        if (n == 0 && nf == 0) {
            /* a dead end (an employee needs an artificial column): the
             * restricted master IP over the columns left, then rounding */
            double v;
            if (!c->o.no_rmip &&
                nrp_master_rmip(c->m, nrp_cg_remaining(c) * 0.05, lb, NULL,
                                c->tmp, &v))
                rc = nrp_cg_offer(c, c->tmp, "the dive's IP", 1);
            if (rc == MR_OK)
                rc = nrp_bp_round(c);
            break;
        }
        /* (fixing whole columns instead, the employee of the largest
         * fractional column taking that schedule, was tried: instance 14
         * went from 1379 to 1478 in 60 s, the LP jumping at once) */
        /* the score: x plus noise of up to 0.1 (none on the first dive) */
        for (size_t b = 0; b < nf; b++) {
            uint32_t r = (uint32_t)c->frac[b] * 2654435761u ^
                         seed * 40503u ^ (uint32_t)step * 9973u;
            r ^= r >> 15;
            r *= 2246822519u;
            r ^= r >> 13;
            c->xval[c->frac[b]] += seed ? 0.1 * (r & 1023) / 1024.0 : 0.0;
        }
        size_t k = nf / 50 + 1;
        if (k > nf)
            k = nf;
        for (size_t a = 0; a < k && rc == MR_OK; a++) {  /* partial sort */
            size_t bi = a;
            for (size_t b = a + 1; b < nf; b++)
                if (c->xval[c->frac[b]] > c->xval[c->frac[bi]])
                    bi = b;
            size_t i = c->frac[bi];
            c->frac[bi] = c->frac[a];
            c->frac[a] = i;
            int dup = 0;               /* one shift a day */
            for (size_t b = 0; b < a; b++)
                dup |= c->frac[b] / T == i / T;
            if (!dup)
                rc = nrp_bp_push(c, (int)(i / ((size_t)h * T)),
                                 (int)(i / T % h), (int)(i % T), 1);
        }
        if (k > 0) {
            last = depth0;
            last_top = c->frac[0];
        } else
            last = -1;
        mr_log(MR_LOG_DEBUG, "nrp: dive: LP %.3f, bound %.3f, fixing %zu+%zu,"
               " %d columns, %.2fs", c->m->obj, lb, n, k, c->m->n_cols,
               nrp_cg_clock(c) - c->t0);
        if (rc != MR_OK)
            break;
        nrp_bp_apply(c);
    }
    nrp_bp_pop_to(c, base);
    nrp_bp_apply(c);
    return rc;
}

/* Stores the current node plus one more fixing as an open node. */
static int open_child(nrp_cg *c, int e, int d, int t, int up, double lb)
{
    nrp_node *n;
    if (mr_array_grow((void **)&c->open, &c->cap_open, c->n_open,
                      sizeof *c->open) != MR_OK)
        return MR_ENOMEM;
    n = &c->open[c->n_open];
    n->path = mr_malloc(((size_t)c->depth + 1) * sizeof *n->path);
    if (n->path == NULL)
        return MR_ENOMEM;
    memcpy(n->path, c->stack, (size_t)c->depth * sizeof *n->path);
    n->path[c->depth].e = e;
    n->path[c->depth].d = d;
    n->path[c->depth].t = t;
    n->path[c->depth].up = up;
    n->len = c->depth + 1;
    n->lb = lb;
    c->n_open++;
    return MR_OK;
}

/* Moves to the open node of smallest bound that can still beat the best
 * roster; drops the others. 1, 0 when none is left, -1 out of memory. */
static int next_node(nrp_cg *c, double *lb)
{
    int best = -1;
    for (int i = 0; i < c->n_open;) {
        if ((double)nrp_ceil_bound(c->open[i].lb) >= nrp_cg_cutoff(c)) {
            mr_free(c->open[i].path);
            c->open[i] = c->open[--c->n_open];
            continue;
        }
        if (best < 0 || c->open[i].lb < c->open[best].lb ||
            (c->open[i].lb == c->open[best].lb &&
             c->open[i].len > c->open[best].len))
            best = i;
        i++;
    }
    if (best < 0)
        return 0;
    nrp_node n = c->open[best];
    c->open[best] = c->open[--c->n_open];
    nrp_bp_pop_to(c, 0);
    int rc = MR_OK;
    for (int i = 0; i < n.len && rc == MR_OK; i++)
        rc = nrp_bp_push(c, n.path[i].e, n.path[i].d, n.path[i].t,
                         n.path[i].up);
    *lb = n.lb;
    mr_free(n.path);
    return rc == MR_OK ? 1 : -1;
}

/* Whether the node at the LP's values, with bound lb, is done: *prune when
 * its bound reaches the cutoff or its LP solution is a roster (offered). */
static int settle(nrp_cg *c, double lb, int *prune)
{
    *prune = lb >= NRP_INF || (double)nrp_ceil_bound(lb) >= nrp_cg_cutoff(c);
    if (!*prune && nrp_bp_integral(c)) {
        *prune = 1;
        return nrp_cg_offer(c, c->tmp, "branch and price", 1);
    }
    return MR_OK;
}

int nrp_bp_search(nrp_cg *c, double root_lb, double *lb_out, int *complete)
{
    int rc, done, lost = 0;
    double lb = root_lb, parent, lost_lb = NRP_INF;
    double t_start = nrp_cg_clock(c);

    *complete = 0;
    *lb_out = root_lb;
    if ((rc = nrp_cg_node(c, 1, -1, &lb, &done)) != MR_OK)
        return rc;
    while (!nrp_cg_out_of_time(c)) {
        int e = 0, d = 0, t = 0;
        int prune;
        if ((rc = settle(c, lb, &prune)) != MR_OK)
            return rc;
        if (!prune && !c->o.no_dive &&
            c->t_dive < DIVE_SEARCH_SHARE * (nrp_cg_clock(c) - t_start)) {
            /* a dive from this node: the best-first tree alone rarely
             * reaches a leaf on the larger instances (instance 8 found no
             * roster in 118 s), dives from ever other nodes do */
            double t1 = nrp_cg_clock(c), lb2;
            if ((rc = nrp_bp_dive(c, (unsigned)++c->dives)) != MR_OK)
                return rc;
            c->t_dive += nrp_cg_clock(c) - t1;
            /* the LP's values again for this node (both bounds hold) */
            if ((rc = nrp_cg_node(c, 1, -1, &lb2, &done)) != MR_OK)
                return rc;
            if (lb2 > lb)
                lb = lb2;
            if ((rc = settle(c, lb, &prune)) != MR_OK)
                return rc;
        }
        if (!prune && !choose(c, &e, &d, &t)) {
            /* nothing to branch on: give the node up, keeping its bound */
            lost = 1;
            if (lb < lost_lb)
                lost_lb = lb;
            prune = 1;
        }
        if (prune) {
            int k = next_node(c, &parent);
            if (k < 0)
                return MR_ENOMEM;
            if (k == 0) {
                *complete = !lost;
                lb = NRP_INF;
                break;
            }
        } else {
            if ((rc = open_child(c, e, d, t, 0, lb)) != MR_OK ||
                (rc = nrp_bp_push(c, e, d, t, 1)) != MR_OK)
                return rc;
        }
        nrp_bp_apply(c);
        c->nodes++;
        if ((rc = nrp_cg_node(c, 1, -1, &lb, &done)) != MR_OK)
            return rc;
    }
    /* the proven bound: the smallest over the open nodes and the current */
    double g = lb < lost_lb ? lb : lost_lb;
    for (int i = 0; i < c->n_open; i++)
        if (c->open[i].lb < g)
            g = c->open[i].lb;
    if (g < root_lb)
        g = root_lb;
    if (g > nrp_cg_cutoff(c))
        g = nrp_cg_cutoff(c);
    *lb_out = *complete ? nrp_cg_cutoff(c) : g;
    return MR_OK;
}

void nrp_bp_free(nrp_cg *c)
{
    for (int i = 0; i < c->n_open; i++)
        mr_free(c->open[i].path);
    mr_free(c->open);
    mr_free(c->stack);
    c->open = NULL;
    c->stack = NULL;
    c->n_open = c->cap_open = c->depth = c->cap = 0;
}
