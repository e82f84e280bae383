/* A Lagrangian bound on large models, where column generation cannot
 * converge in time: the linking rows (cover, rooms, PCN, demand, the
 * lowest satisfaction) are priced with the compact relaxation's duals and
 * each person's own rows are solved as a small MIP (dw.h); Gomory cuts
 * in the relaxation are priced with their duals too (price_cuts()). With
 * the LP's duals the bound is at least the relaxation's, less the pricing
 * MIPs' tolerance: each person's schedule is integral where the relaxation
 * could split a person between sessions, days or requests.
 *
 * Measured on data/east-60 (60 people, 25,062 binaries): relaxation
 * 3,680.92, this bound 3,684.04 in 0.4 s. Subgradient steps from there
 * (Polyak steps toward the best roster, 0.1 to 1 of it, halved without
 * progress) never raised it in 30 s: each pass costs 0.3 to 12 s when
 * some person's pricing MIP turns hard, so only the one pass is kept.
 * Column generation run to convergence after it (29 rounds, 31 s)
 * ends at the same 3,684.04: the relaxation's duals already give the
 * decomposition's bound there, and it is the optimum (the search found a
 * roster of 3,684.04 at 38.8 s of a 60 s run, benchmark M seed 1, the
 * same month): what is left of the gap there is the search's. */
#include "dw.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

/* Seconds each pricing gets once a pass is past its end (pass()). */
#define LATE_CAP 0.05

/* Prices person i at the costs `costs` (per mip column; NULL: priced by
 * the duals d->pi), each of their columns' cost raised by eps times flag
 * (flag NULL: none), within the pass's time rule; the outcome as for
 * mr_dw_price(). */
static void price_person(mr_dw *d, int i, const double *costs, double until,
                         double eps, const double *flag, double *value,
                         int *found, int *infeasible)
{
    const mr_price *pr = &d->pr[i];
    int exact;

    d->cap = fmax(LATE_CAP, fmin(1.0, until - mr_clock()));
    if (costs == NULL)
        mr_dw_person_costs(d, i, d->pi, d->cost);
    else
        for (int k = 0; k < pr->n_cols; k++)
            d->cost[k] = costs[pr->cols[k]];
    for (int k = 0; flag != NULL && k < pr->n_cols; k++)
        d->cost[k] += eps * flag[pr->cols[k]];
    mr_dw_price(d, i, value, &exact, found, infeasible);
}

/* Prices every person at the duals d->pi, each one's minimum (or a
 * lower bound of it) into pmin. Past `until` each pricing gets LATE_CAP
 * seconds and gives its relaxation's or its search tree's bound: the pass
 * still ends with a valid bound (benchmark M seed 2: stopped at 1 s it
 * gave none and the gap stayed at the relaxation's 0.62%; completed in
 * 1.2 s it proved the optimum). 0 when no bound can be had: the run's
 * time is out, or some person's pricing gave none. */
static int pass(mr_dw *d, double until, double *pmin, double *cheap)
{
    for (int i = 0; i < d->n_pr; i++) {
        double value;
        int found, infeasible;

        if (mr_run_left(d->r) <= 0)
            return 0;
        price_person(d, i, NULL, until, 0, NULL, &value, &found,
                     &infeasible);
        if (infeasible || value == -HUGE_VAL)
            return 0;
        pmin[i] = value;
        for (int k = 0; k < d->pr[i].n_cols; k++)
            cheap[d->pr[i].cols[k]] = found ? d->z[k] : -1;
    }
    return 1;
}

/* Keeps the pass's priced costs and each person's minimum in r->lag for
 * the search: at these duals a roster's objective less the bound is the
 * sum of each person's excess over their minimum and of the linking rows'
 * and shared columns' slack terms, all at least 0, so where the bound is
 * the optimum (data/east-60) an optimal roster gives every person one of
 * their cheapest schedules, and the people above theirs are where the
 * roster must change (glpk_lns.c). Fixing to 0 the columns whose reduced
 * cost in their person's pricing LP at these prices exceeds the gap
 * (less the person's LP-to-MIP loss) leaves the search little smaller:
 * M seeds 27 and 41, 376-528 of 22,193-22,743 binaries have a positive
 * one, 212-528 would be fixed at gaps of 0.3-0.01%. Not done. */
static int keep_guide(mr_run *r, const mr_dw *d, const double *pmin,
                      const double *cheap)
{
    const mr_mip *p = d->p;
    double *g;

    if ((g = mr_malloc(MR_LAG_LEN(p->n_cols, r->b->n_staff) * sizeof *g + 1))
        == NULL)
        return MR_ENOMEM;
    for (int j = 0; j < p->n_cols; j++)
        g[j] = mr_dw_col_cost(d, d->pi, j);
    for (int s = 0; s < r->b->n_staff; s++)
        g[p->n_cols + s] = 0;
    for (int i = 0; i < d->n_pr; i++)
        g[p->n_cols + d->pr[i].owner] += pmin[i];
    memcpy(MR_LAG_CHEAPEST(g, p->n_cols, r->b->n_staff), cheap,
           (size_t)p->n_cols * sizeof *g);
    for (int j = 0; j < p->n_cols; j++)
        MR_LAG_VARIED(g, p->n_cols, r->b->n_staff)[j] = cheap[j] > 0.5;
    mr_free(r->lag);
    r->lag = g;
    return MR_OK;
}

/* Varied passes: everybody priced again at the guide's prices, with
 * VARY_EPS added to the cost of each column already in a schedule of
 * theirs, so that the pricing picks, among their cheapest schedules (or
 * those within VARY_EPS a column of them), one with columns not met yet.
 * Every schedule found is added to the guide's varied flags, which the
 * search's pool neighbourhoods draw on (glpk_lns.c): where the bound is
 * the optimum, an optimal roster is made of cheapest schedules, but
 * seldom of the ones the first pass happened to find. Passes end at
 * until, or when one adds nothing. Figures: glpk_bound.c, VARY_SHARE.
 * Each pricing may take 1 s: capped at 0.2 s, more passes fit (M seed
 * 16: 6 instead of 5) but M seeds 1-30 had 5 runs above 0.1% against 3
 * (one run each), not kept. */
#define VARY_EPS 1e-3
static void vary(mr_run *r, mr_dw *d, double until,
                 void (*publish)(mr_run *r, void *arg), void *arg)
{
    const mr_mip *p = d->p;
    double *flag = MR_LAG_VARIED(r->lag, p->n_cols, r->b->n_staff);

    for (int t = 1; mr_clock() < until && mr_run_left(r) > 0
                    && !mr_run_done(r); t++) {
        int added = 0;
        for (int i = 0; i < d->n_pr && mr_clock() < until
                        && mr_run_left(r) > 0; i++) {
            const mr_price *pr = &d->pr[i];
            double value;
            int found, infeasible;

            price_person(d, i, r->lag, until, VARY_EPS, flag, &value,
                         &found, &infeasible);
            if (!found)
                continue;
            for (int k = 0; k < pr->n_cols; k++)
                if (d->z[k] > 0.5 && flag[pr->cols[k]] < 0.5) {
                    flag[pr->cols[k]] = 1;
                    added++;
                }
        }
        mr_log(MR_LOG_DEBUG, "lagrange: varied pass %d adds %d columns "
               "(%.2f s)", t, added, mr_run_elapsed(r));
        if (added == 0)
            break;
        if (publish != NULL)
            publish(r, arg);
    }
}

/* Prices the rows of c past the model's (Gomory cuts, glpk_gomory.c)
 * with their duals, into d->adj and d->adj0. Cuts hold for every roster,
 * so the bound stays valid; without their duals the pass at the cut
 * relaxation's duals fell below the plain relaxation (M seed 27:
 * 2,758.45 against 2,766.63), and its guide's prices with it. */
static int price_cuts(mr_dw *d, glp_prob *c)
{
    int n_model = d->p->n_rows, n = d->p->n_cols, *ind;
    double *val;

    if (glp_get_num_rows(c) <= n_model)
        return MR_OK;
    if ((d->adj = mr_calloc((size_t)n + 1, sizeof *d->adj)) == NULL
        || (ind = mr_malloc(((size_t)n + 1) * sizeof *ind)) == NULL)
        return MR_ENOMEM;
    if ((val = mr_malloc(((size_t)n + 1) * sizeof *val)) == NULL) {
        mr_free(ind);
        return MR_ENOMEM;
    }
    for (int i = n_model + 1; i <= glp_get_num_rows(c); i++) {
        int type = glp_get_row_type(c, i), len;
        mr_mip_row row = {0};
        double y;

        row.lb = type == GLP_LO || type == GLP_DB || type == GLP_FX
                 ? glp_get_row_lb(c, i) : -MR_MIP_INF;
        row.ub = type == GLP_UP || type == GLP_DB || type == GLP_FX
                 ? glp_get_row_ub(c, i) : MR_MIP_INF;
        if ((y = mr_mip_dual_cut(&row, glp_get_row_dual(c, i))) == 0)
            continue;
        d->adj0 += y * (y > 0 ? row.lb : row.ub);
        len = glp_get_mat_row(c, i, ind, val);
        for (int e = 1; e <= len; e++)
            if (ind[e] >= 1 && ind[e] <= n)
                d->adj[ind[e] - 1] -= y * val[e];
    }
    mr_free(ind);
    mr_free(val);
    return MR_OK;
}

/* One pass at d's duals: its bound (-HUGE_VAL: none), pmin and cheap
 * as for pass(). */
static double pass_bound(mr_dw *d, double until, double *pmin, double *cheap)
{
    for (int j = 0; j < d->p->n_cols; j++)
        cheap[j] = -1;
    return pass(d, until, pmin, cheap) ? mr_dw_lagrangian(d, pmin)
                                       : -HUGE_VAL;
}

/* Sets d up for r's solved relaxation, or leaves d->n_pr 0 (no LP). */
static int setup(mr_dw *d, mr_run *r)
{
    glp_prob *c = r->compact;

    memset(d, 0, sizeof *d);
    if (c == NULL || glp_get_status(c) != GLP_OPT || r->b->n_x == 0)
        return MR_OK;
    return mr_dw_setup(d, r);
}

/* With Gomory cuts in the LP, two passes at its duals: without the cuts'
 * duals and with them, the better one kept. Either can win: M seed 16,
 * without 1,797.60 (the optimum), with 1,785.91; M seed 13, without
 * 2,979.34, with 2,984.67 (the optimum); the example with the cut
 * "objective >= optimum", without it far below. The guide is replaced
 * only by a better bound's (r->lag_bound): its excess is then smaller. */
int mr_stage_lagrange(mr_run *r, double until, double vary_until,
                      void (*publish)(mr_run *r, void *arg), void *arg)
{
    glp_prob *c = r->compact;
    mr_dw d;
    double *pmin = NULL, *cheap = NULL, *pmin2 = NULL, *cheap2 = NULL;
    double *adj, adj0, lb, lb2;
    int rc;

    if ((rc = setup(&d, r)) != MR_OK || d.n_pr == 0)
        goto done;
    rc = MR_ENOMEM;
    if ((pmin = mr_malloc(((size_t)d.n_pr + 1) * sizeof *pmin)) == NULL
        || (pmin2 = mr_malloc(((size_t)d.n_pr + 1) * sizeof *pmin)) == NULL
        || (cheap = mr_malloc(((size_t)r->b->mip.n_cols + 1)
                              * sizeof *cheap)) == NULL
        || (cheap2 = mr_malloc(((size_t)r->b->mip.n_cols + 1)
                               * sizeof *cheap)) == NULL)
        goto done;
    for (int k = 0; k < d.n_link; k++)
        d.pi[k] = mr_mip_dual_cut(&r->b->mip.rows[d.link_row[k]],
                                  glp_get_row_dual(c, d.link_row[k] + 1));
    if ((rc = price_cuts(&d, c)) != MR_OK)
        goto done;
    adj = d.adj;
    adj0 = d.adj0;
    d.adj = NULL;
    d.adj0 = 0;
    lb = pass_bound(&d, until, pmin, cheap);
    if (adj != NULL && mr_clock() < until && mr_run_left(r) > 0) {
        d.adj = adj;
        d.adj0 = adj0;
        lb2 = pass_bound(&d, until, pmin2, cheap2);
        mr_log(MR_LOG_DEBUG, "lagrange: without the cuts' duals %.6g, with "
               "them %.6g (%.2f s)", lb, lb2, mr_run_elapsed(r));
        if (lb2 > lb) {
            double *t = pmin;
            pmin = pmin2;
            pmin2 = t;
            t = cheap;
            cheap = cheap2;
            cheap2 = t;
            lb = lb2;
        } else {
            d.adj = NULL;
            d.adj0 = 0;
        }
    }
    if (d.adj == NULL)
        mr_free(adj);
    if (lb > -HUGE_VAL) {
        mr_run_bound(r, lb);
        mr_run_report(r, 0);
        mr_log(MR_LOG_INFO, "solve: Lagrangian bound %.6g (%.2f s)", lb,
               mr_run_elapsed(r));
        if (r->lag == NULL || lb > r->lag_bound) {
            if ((rc = keep_guide(r, &d, pmin, cheap)) != MR_OK)
                goto done;
            r->lag_bound = lb;
            if (publish != NULL)
                publish(r, arg);
        }
    }
    if (r->lag != NULL)
        vary(r, &d, vary_until, publish, arg);
done:
    mr_free(pmin);
    mr_free(cheap);
    mr_free(pmin2);
    mr_free(cheap2);
    mr_dw_free(&d);
    return rc;
}

int mr_stage_lagrange_vary(mr_run *r, double until,
                           void (*publish)(mr_run *r, void *arg), void *arg)
{
    mr_dw d;
    int rc;

    if ((rc = setup(&d, r)) == MR_OK && d.n_pr > 0 && r->lag != NULL)
        vary(r, &d, until, publish, arg);
    mr_dw_free(&d);
    return rc;
}
