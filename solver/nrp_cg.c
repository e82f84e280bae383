/* Branch and price for the Curtois-Qu benchmark: the run and the column
 * generation at a node.
 *
 * 1. A first roster by best-response local search from an empty roster
 *    (solver/nrp_heur.c); its schedules are the master's first columns,
 *    which spares the long phase in which artificial columns set the duals.
 * 2. Root column generation (dual smoothing, column purges) until no
 *    schedule prices out, or until the Lagrangian bound rounds up to the
 *    LP value rounded up, after which more columns cannot raise the
 *    integer bound; at most half the time.
 * 3. Rounding and a dive (solver/nrp_bp.c); rosters are polished by the
 *    local search. When the root LP did not converge in its time (the
 *    largest instances), no dive: ruin and recreate around the local
 *    search instead (solver/nrp_heur.c).
 * 4. An integer solve of the restricted master (GLPK's branch and cut over
 *    the generated columns), given the best roster as its incumbent.
 * 5. Best-first branch and price with dives (solver/nrp_bp.c); it proves
 *    optimality when it runs to the end. A quarter of its time goes to
 *    dives from its nodes.
 * Bounds are integers rounded up: every weight is an integer. Every roster
 * passes the independent evaluator before it is kept. */
#include "nrp_cg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "diag.h"
#include "log.h"
#include "nrp_int.h"
#include "nrp_search.h"

#define K_COLS 3               /* columns per employee per pricing round,
                                  one when there are many employees */
#define ALPHA 0.5              /* dual smoothing */
#define ROOT_SHARE 0.5         /* of the time for the root's columns */
#define DIVE_SHARE 0.4         /* of what is left, for the first dive */
#define ILS_SHARE 0.5          /* of what is left, for ruin and recreate
                                  when the root LP did not converge */

typedef nrp_cg cg;

double nrp_cg_clock(const cg *c)
{
    return nrp_clock(c->o.cpu_clock);
}

int nrp_cg_out_of_time(const cg *c)
{
    return nrp_cg_clock(c) >= c->deadline;
}

double nrp_cg_remaining(const cg *c)
{
    return c->deadline - nrp_cg_clock(c);
}

long nrp_ceil_bound(double v)
{
    if (v < -1e15)                 /* no bound yet (-NRP_INF) */
        return -1000000000000000L;
    return (long)ceil(v - 1e-6);
}

/* Ruin and recreate from the best roster for at most seconds; a better
 * roster is offered. MR_OK or MR_ENOMEM. */
int nrp_cg_ils(nrp_cg *c, double seconds)
{
    double t1 = nrp_cg_clock(c), end = t1 + seconds;
    if (c->best_val < 0 || c->o.no_local)
        return MR_OK;
    if (end > c->deadline)
        end = c->deadline;
    memcpy(c->work, c->best, (size_t)c->E * c->h * sizeof(int));
    int k = nrp_ruin_recreate(&c->x, c->work, c->tmp, end, &c->seed);
    c->t_ils += nrp_cg_clock(c) - t1;
    if (k < 0)
        return MR_ENOMEM;
    return k > 0 ? nrp_cg_offer(c, c->work, "ruin and recreate", 0) : MR_OK;
}

void mr_nrp_opts_default(mr_nrp_opts *o)
{
    memset(o, 0, sizeof *o);
}

void mr_nrp_result_clear(mr_nrp_result *r)
{
    if (r == NULL)
        return;
    mr_free(r->roster);
    memset(r, 0, sizeof *r);
}

double nrp_cg_cutoff(const cg *c)
{
    return c->best_val >= 0 ? (double)c->best_val : NRP_INF;
}

/* Offers a roster: kept when the evaluator finds it feasible and better;
 * its schedules join the column pool. With polish, a better roster is
 * then improved by the local search and offered again. */
int nrp_cg_offer(cg *c, const int *roster, const char *how, int polish)
{
    mr_nrp_eval ev;
    int rc, j, added;

    mr_nrp_evaluate(c->p, roster, &ev);
    if (ev.n_violations > 0) {
        mr_log(MR_LOG_ERROR, "nrp: %s gave a roster breaking %s "
               "(employee %d, day %d): ignored", how,
               mr_nrp_rule_name(ev.first_rule), ev.first_staff,
               ev.first_day);
        return MR_OK;
    }
    if (c->best_val >= 0 && ev.objective >= c->best_val)
        return MR_OK;
    if (roster != c->best)
        memcpy(c->best, roster, (size_t)c->E * c->h * sizeof(int));
    c->best_val = ev.objective;
    c->best_time = nrp_cg_clock(c) - c->t0;
    if (c->first_val < 0)
        c->first_val = ev.objective;
    mr_log(MR_LOG_INFO, "nrp: roster %ld from %s at %.2fs", ev.objective,
           how, c->best_time);
    for (int e = 0; e < c->E; e++) {
        const int *s = c->best + (size_t)e * c->h;
        if ((rc = nrp_master_add(c->m, e, s, &j, &added)) != MR_OK)
            return rc;
        /* a column that disagrees with the node's fixings stays off */
        for (int d = 0; d < c->h && added; d++)
            if (!(c->allowed[(size_t)e * c->h + d] >>
                  (s[d] < 0 ? c->T : s[d]) & 1)) {
                nrp_master_enable(c->m, j, 0);
                break;
            }
    }
    if (polish && !c->o.no_local) {
        double limit = nrp_cg_remaining(c) * 0.05;
        memcpy(c->work, c->best, (size_t)c->E * c->h * sizeof(int));
        if (nrp_local_search(&c->x, c->work, nrp_cg_clock(c) + limit) < 0)
            return MR_ENOMEM;
        return nrp_cg_offer(c, c->work, "the local search", 0);
    }
    return MR_OK;
}

/* Arc costs of employee e under duals y, with the branching fixings. */
static double build_arcs(cg *c, int e, const nrp_duals *y)
{
    const mr_nrp *p = c->p;
    nrp_master *m = c->m;
    int h = c->h, T = c->T;
    const double *pc = m->pc + (size_t)e * h * (T + 1);
    double dmin = y->min[e] / m->unit[e];
    for (int d = 0; d < h; d++) {
        uint64_t a = c->allowed[(size_t)e * h + d];
        double *ad = c->arc + (size_t)d * (T + 1);
        for (int s = 0; s < T; s++)
            ad[s] = !(a >> s & 1) ? NRP_INF
                    : pc[(size_t)d * (T + 1) + s] -
                          y->cover[(size_t)d * T + s] -
                          y->type[(size_t)e * T + s] -
                          dmin * p->shift_len[s];
        ad[T] = (a >> T & 1) ? pc[(size_t)d * (T + 1) + T] : NRP_INF;
    }
    return -y->wk[e];
}

/* The reduced cost of a schedule of e under the LP's current duals. */
static double current_rc(const cg *c, int e, const int *s)
{
    const mr_nrp *p = c->p;
    const nrp_master *m = c->m;
    int h = c->h, T = c->T;
    const double *pc = m->pc + (size_t)e * h * (T + 1);
    double v = -m->d_conv[e], dmin = m->d_min[e] / m->unit[e];
    for (int d = 0; d < h; d++) {
        if (s[d] < 0) {
            v += pc[(size_t)d * (T + 1) + T];
            continue;
        }
        v += pc[(size_t)d * (T + 1) + s[d]] - m->d_cover[(size_t)d * T + s[d]]
             - m->d_type[(size_t)e * T + s[d]] - dmin * p->shift_len[s[d]];
    }
    for (int k = 0; 7 * k + 5 < h; k++)
        if (s[7 * k + 5] >= 0 || (7 * k + 6 < h && s[7 * k + 6] >= 0))
            v -= m->d_wk[e];
    return v;
}

/* Prices every employee under duals y (the LP's, or smoothed ones); adds
 * the schedules whose reduced cost under the LP's duals is negative.
 * *lagr receives the Lagrangian bound at y, valid for the current node. */
static int price_all(cg *c, const nrp_duals *y, double *lagr, int *added)
{
    nrp_master *m = c->m;
    int h = c->h, rc;

    *lagr = nrp_master_dual_const(m, y);
    *added = 0;
    for (int e = 0; e < c->E; e++) {
        double wk = build_arcs(c, e, y), best;
        int n = nrp_price(c->pr[e], &c->sc, c->arc, wk,
                          c->E > 60 ? 1 : K_COLS, c->sched,
                          c->scost);
        if (n < 0)
            return MR_ENOMEM;
        best = nrp_master_art_cost(m, e, y);
        if (n > 0 && c->scost[0] < best)
            best = c->scost[0];
        *lagr += best;
        for (int i = 0; i < n; i++) {
            int j, add;
            const int *s = c->sched + (size_t)i * h;
            if (current_rc(c, e, s) > -NRP_EPS)
                continue;
            if ((rc = nrp_master_add(m, e, s, &j, &add)) != MR_OK)
                return rc;
            *added += add;
        }
    }
    c->rounds++;
    return MR_OK;
}

static void duals_mix(cg *c, nrp_duals *out, const nrp_duals *a,
                      const nrp_duals *b, double alpha)
{
    size_t E = (size_t)c->E, hT = (size_t)c->h * c->T, ET = E * c->T;
    for (size_t i = 0; i < E; i++) {
        out->conv[i] = alpha * a->conv[i] + (1 - alpha) * b->conv[i];
        out->wk[i] = alpha * a->wk[i] + (1 - alpha) * b->wk[i];
        out->min[i] = alpha * a->min[i] + (1 - alpha) * b->min[i];
    }
    for (size_t i = 0; i < hT; i++)
        out->cover[i] = alpha * a->cover[i] + (1 - alpha) * b->cover[i];
    for (size_t i = 0; i < ET; i++)
        out->type[i] = alpha * a->type[i] + (1 - alpha) * b->type[i];
}

/* Column generation at the current node, with Wentges' dual smoothing:
 * pricing at a mix of the LP's duals and the duals of the best bound so
 * far (the stability centre) damps the oscillation of the LP's duals; when
 * the mix finds no column for the LP (a mispricing), the next round prices
 * at the LP's own duals, so no column is missed. *lb receives the node's
 * bound (NRP_INF when no roster lies below the node); *done is 1 when the
 * LP is optimal over all columns or the bound cannot rise further. */
int nrp_cg_node(cg *c, int dual, int max_rounds, double *lb, int *done)
{
    nrp_master *m = c->m;
    nrp_duals cur = {m->d_conv, m->d_cover, m->d_type, m->d_wk, m->d_min};
    int rc, added, have_centre = 0, resolve = 1;
    double lagr, alpha = c->o.no_smoothing ? 0.0 : ALPHA;

    *lb = -NRP_INF;
    *done = 0;
    for (;;) {
        double t1 = nrp_cg_clock(c), t2 = t1, a;
        if (resolve) {
            m->deadline = c->deadline;
            if ((rc = nrp_master_solve(m, dual)) != MR_OK)
                return rc;
            if (m->stopped)
                break;             /* out of time; no duals to price at */
            if (m->n_cols > 2 * c->keep &&
                (rc = nrp_master_purge(m, c->keep)) != MR_OK)
                return rc;
            t2 = nrp_cg_clock(c);
            dual = 0;
        }
        a = have_centre && resolve ? alpha : 0.0;
        if (a > 0)
            duals_mix(c, &c->mix, &c->centre, &cur, a);
        if ((rc = price_all(c, a > 0 ? &c->mix : &cur, &lagr, &added))
            != MR_OK)
            return rc;
        c->t_lp += t2 - t1;
        c->t_price += nrp_cg_clock(c) - t2;
        if (lagr > *lb || !have_centre) {
            duals_mix(c, &c->centre, a > 0 ? &c->mix : &cur, &cur, 1.0);
            have_centre = 1;
        }
        if (lagr > *lb)
            *lb = lagr;
        if (c->nodes == 0)
            mr_log(MR_LOG_DEBUG, "nrp: round %ld: LP %.3f (%.2fs), "
                   "Lagrangian %.3f (alpha %.2f), %d columns added (%.2fs)",
                   c->rounds, m->obj, t2 - t1, lagr, a, added,
                   nrp_cg_clock(c) - t2);
        if (added == 0 && a == 0) {
            *lb = m->obj;          /* the LP is optimal over all columns */
            *done = 1;
            break;
        }
        resolve = added > 0;       /* a mispricing: price at the LP duals */
        if (nrp_ceil_bound(*lb) >= nrp_ceil_bound(m->obj) ||
            (double)nrp_ceil_bound(*lb) >= nrp_cg_cutoff(c)) {
            *done = 1;
            /* values for the columns just added */
            m->deadline = c->deadline;
            if (added > 0 && (rc = nrp_master_solve(m, 0)) != MR_OK)
                return rc;
            break;
        }
        if (nrp_cg_out_of_time(c) || --max_rounds == 0)
            break;
    }
    if (*lb >= m->big * 0.5)
        *lb = NRP_INF;             /* an artificial column is needed */
    return MR_OK;
}

/* Chooses what each pricer tracks: the largest per-employee budget whose
 * states over all employees and days fit the total budget. */
static void choose_tracking(cg *c, long total)
{
    static const long DAY[] = {2000000, 1000000, 500000, 200000, 100000,
                                50000, 20000, 10000, 5000, 2000, 1000, 500,
                                200, 0};
    const mr_nrp *p = c->p;
    long per_emp = 8000000;        /* states over the horizon */
    for (int i = 0; DAY[i] > 0; i++) {
        double sum = 0;
        for (int e = 0; e < c->E; e++)
            sum += (double)nrp_choose_tracking(p, e, DAY[i], per_emp, 0,
                                               &c->track[e]) * c->h;
        if (sum <= (double)total || DAY[i + 1] == 0)
            break;
    }
    c->exact = 1;
    for (int e = 0; e < c->E; e++) {
        nrp_track need;
        nrp_needed(p, e, &need);
        if (need.minutes > c->track[e].minutes ||
            need.weekends > c->track[e].weekends)
            c->exact = 0;
        for (int t = 0; t < c->T; t++)
            if (need.type[t] > c->track[e].type[t])
                c->exact = 0;
    }
}

static int duals_alloc(nrp_duals *y, int E, int h, int T)
{
    y->conv = mr_calloc((size_t)E, sizeof(double));
    y->cover = mr_calloc((size_t)h * T, sizeof(double));
    y->type = mr_calloc((size_t)E * T, sizeof(double));
    y->wk = mr_calloc((size_t)E, sizeof(double));
    y->min = mr_calloc((size_t)E, sizeof(double));
    return y->conv && y->cover && y->type && y->wk && y->min ? MR_OK
                                                              : MR_ENOMEM;
}

static void duals_free(nrp_duals *y)
{
    mr_free(y->conv);
    mr_free(y->cover);
    mr_free(y->type);
    mr_free(y->wk);
    mr_free(y->min);
}

static int setup(cg *c, const mr_nrp *p, const mr_nrp_opts *o)
{
    int h = p->n_days, T = p->n_shifts, E = p->n_staff, rc;

    c->p = p;
    c->o = *o;
    c->h = h;
    c->T = T;
    c->E = E;
    c->t0 = nrp_cg_clock(c);
    c->wall0 = mr_clock();
    c->cpu0 = nrp_clock(1);
    c->x.cpu = o->cpu_clock;
    c->deadline = c->t0 + (o->time_limit > 0 ? o->time_limit : 1e9);
    c->best_val = -1;
    c->first_val = -1;
    c->track = mr_calloc((size_t)E, sizeof *c->track);
    c->pr = mr_calloc((size_t)E, sizeof *c->pr);
    c->arc = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    c->scost = mr_malloc(K_COLS * sizeof(double));
    c->sched = mr_malloc((size_t)K_COLS * h * sizeof(int));
    c->allowed = mr_malloc((size_t)E * h * sizeof(uint64_t));
    c->dirty = mr_malloc((size_t)E);
    c->pick = mr_malloc((size_t)E * sizeof(int));
    c->frac = mr_malloc((size_t)E * h * T * sizeof(size_t));
    c->best = mr_malloc((size_t)E * h * sizeof(int));
    c->tmp = mr_malloc((size_t)E * h * sizeof(int));
    c->work = mr_malloc((size_t)E * h * sizeof(int));
    c->xval = mr_malloc((size_t)E * h * T * sizeof(double));
    c->x.arc = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    c->x.arc2 = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    c->x.sched = mr_malloc((size_t)h * sizeof(int));
    c->x.best_sched = mr_malloc((size_t)h * sizeof(int));
    c->x.count = mr_malloc((size_t)h * T * sizeof(int));
    if (!c->track || !c->pr || !c->arc || !c->scost || !c->sched ||
        !c->allowed || !c->dirty || !c->pick || !c->frac || !c->best ||
        !c->tmp || !c->work || !c->xval || !c->x.arc || !c->x.arc2 ||
        !c->x.sched || !c->x.best_sched ||
        !c->x.count || duals_alloc(&c->centre, E, h, T) != MR_OK ||
        duals_alloc(&c->mix, E, h, T) != MR_OK)
        return MR_ENOMEM;
    memset(c->dirty, 1, (size_t)E);
    /* long horizons can afford more states: their LPs are slow anyway */
    long budget = 10000000L * h / 28;
    choose_tracking(c, o->state_budget > 0 ? o->state_budget
                       : budget > 20000000L ? budget : 20000000L);
    for (int e = 0; e < E; e++)
        if ((rc = nrp_pricer_new(p, e, &c->track[e], &c->pr[e])) != MR_OK)
            return rc;
    if ((rc = nrp_master_new(p, c->track, &c->m)) != MR_OK)
        return rc;
    c->m->cpu = o->cpu_clock;
    c->keep = 5 * c->m->n_rows > 2000 ? 5 * c->m->n_rows : 2000;
    c->x.p = p;
    c->x.h = h;
    c->x.T = T;
    c->x.E = E;
    c->x.pr = c->pr;
    c->x.sc = &c->sc;
    c->x.track = c->track;
    c->x.pc = c->m->pc;
    c->x.full = mr_calloc((size_t)E, sizeof *c->x.full);
    c->x.full_track = mr_calloc((size_t)E, sizeof *c->x.full_track);
    if (c->x.full == NULL || c->x.full_track == NULL)
        return MR_ENOMEM;
    nrp_bp_apply(c);
    return MR_OK;
}

static void teardown(cg *c)
{
    if (c->pr != NULL)
        for (int e = 0; e < c->E; e++)
            nrp_pricer_free(c->pr[e]);
    if (c->x.full != NULL)
        for (int e = 0; e < c->E; e++)
            nrp_pricer_free(c->x.full[e]);
    mr_free(c->x.full);
    mr_free(c->x.full_track);
    nrp_master_free(c->m);
    nrp_scratch_free(&c->sc);
    mr_free(c->track);
    mr_free(c->pr);
    mr_free(c->arc);
    mr_free(c->scost);
    mr_free(c->sched);
    mr_free(c->allowed);
    mr_free(c->dirty);
    mr_free(c->pick);
    mr_free(c->frac);
    nrp_bp_free(c);
    mr_free(c->best);
    mr_free(c->tmp);
    mr_free(c->work);
    mr_free(c->xval);
    mr_free(c->x.arc);
    mr_free(c->x.arc2);
    mr_free(c->x.sched);
    mr_free(c->x.best_sched);
    mr_free(c->x.count);
    duals_free(&c->centre);
    duals_free(&c->mix);
}

/* Steps 1 to 4 of the header. */
static int root(cg *c, double *root_lb)
{
    int rc, done;
    double v, root_end;

    for (int i = 0; i < c->E * c->h; i++)
        c->work[i] = NRP_UNSET;
    rc = c->o.no_local ? 0
         : nrp_local_search(&c->x, c->work,
                            nrp_cg_clock(c) + nrp_cg_remaining(c) * 0.1);
    if (rc < 0)
        return MR_ENOMEM;
    if (rc == 1 && (rc = nrp_cg_offer(c, c->work, "the greedy construction",
                                      0)) != MR_OK)
        return rc;
    /* the root's columns get at most ROOT_SHARE of the time */
    root_end = c->deadline;
    c->deadline = nrp_cg_clock(c) + nrp_cg_remaining(c) * ROOT_SHARE;
    rc = nrp_cg_node(c, 0, -1, root_lb, &done);
    c->deadline = root_end;
    if (rc != MR_OK)
        return rc;
    mr_log(MR_LOG_INFO, "nrp: root bound %.3f, LP %.3f, %d columns, %ld "
           "rounds, %.2fs", *root_lb, c->m->obj, c->m->n_cols, c->rounds,
           nrp_cg_clock(c) - c->t0);
    if (nrp_bp_integral(c) &&
        (rc = nrp_cg_offer(c, c->tmp, "the root LP", 1)) != MR_OK)
        return rc;
    if ((rc = nrp_bp_round(c)) != MR_OK)
        return rc;
    if (!done && nrp_ceil_bound(*root_lb) < nrp_cg_cutoff(c) &&
        (rc = nrp_cg_ils(c, nrp_cg_remaining(c) * ILS_SHARE)) != MR_OK)
        return rc;
    /* a dive needs a converged LP: on an unconverged one (instance 13 at
     * 120 s) it fixes at random and each step costs seconds */
    if (!c->o.no_dive && done && nrp_ceil_bound(*root_lb) < nrp_cg_cutoff(c)) {
        double end = c->deadline;     /* the dive gets at most DIVE_SHARE */
        c->deadline = nrp_cg_clock(c) + nrp_cg_remaining(c) * DIVE_SHARE;
        rc = nrp_bp_dive(c, 0);
        c->deadline = end;
        if (rc != MR_OK)
            return rc;
    }
    if (!c->o.no_rmip && nrp_ceil_bound(*root_lb) < nrp_cg_cutoff(c) &&
        nrp_cg_remaining(c) > 0) {
        double limit = nrp_cg_remaining(c) * 0.1;
        if (limit > 30)
            limit = 30;
        if (nrp_master_rmip(c->m, limit, (double)nrp_ceil_bound(*root_lb),
                            c->best_val >= 0 ? c->best : NULL, c->tmp, &v) &&
            (rc = nrp_cg_offer(c, c->tmp, "the restricted master IP", 1))
                != MR_OK)
            return rc;
    }
    return MR_OK;
}

int mr_nrp_solve(const mr_nrp *p, const mr_nrp_opts *opts,
                 mr_nrp_result *out)
{
    cg c;
    int rc, complete = 0;
    double root_lb, global_lb;

    memset(out, 0, sizeof *out);
    out->objective = -1;
    memset(&c, 0, sizeof c);
    if ((rc = setup(&c, p, opts)) != MR_OK)
        goto fail;
    mr_log(MR_LOG_INFO, "nrp: %d employees, %d days, %d types; pricing "
           "%s", c.E, c.h, c.T, c.exact ? "exact (every rule tracked)"
                                        : "with some rules in the master");
    if ((rc = root(&c, &root_lb)) != MR_OK)
        goto fail;
    out->root_bound = root_lb;
    out->seconds_root = nrp_cg_clock(&c) - c.t0;
    global_lb = root_lb;
    if (!opts->no_branch && !nrp_cg_out_of_time(&c) &&
        nrp_ceil_bound(root_lb) < nrp_cg_cutoff(&c) &&
        (rc = nrp_bp_search(&c, root_lb, &global_lb, &complete)) != MR_OK)
        goto fail;
    if (global_lb > nrp_cg_cutoff(&c))
        global_lb = nrp_cg_cutoff(&c);
    out->lower_bound = global_lb >= NRP_INF ? -1 : nrp_ceil_bound(global_lb);
    out->seconds = mr_clock() - c.wall0;
    out->cpu_seconds = nrp_clock(1) - c.cpu0;
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
