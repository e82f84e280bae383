/* A first roster, fast, person by person (sequential pricing).
 *
 * Every rule of one person holds by construction: each person's schedule
 * is the optimum of their own pricing problem (dw.h). The rules that link
 * people are kept by the state of the linking rows: with the others'
 * schedules placed, an assignment that would overfill a room row or an
 * H9 row is forbidden, and one that helps a cover or PCN row still short
 * is rewarded by that row's shortfall cost (hard cover: HARD_REWARD).
 * The first pass places people in order, clinicians before advisers (H9
 * needs clinics in place); later passes take each person out and price
 * them again against everybody else, until every linking row holds. The
 * roster then seeds column generation, which starts from a feasible
 * master instead of from big-M artificials (and their huge duals).
 *
 * On the 60-person service of data/east-60 (25,000 binaries) this gives a
 * roster in about a second, where GLPK's branch-and-cut on the compact
 * model finds none in a minute. */
#include "dw.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

#define HARD_REWARD 1e4
/* Passes stop at the first roster that meets every hard rule. Passes
 * after it (each person priced again against the others) cost more than
 * they give: M seed 27, 10,853 -> 7,436 -> 7,292 at 0.15 s a pass, where
 * the search from the first roster reaches 5,558 by 1.0 s (1.66 s with
 * three passes first). */
#define PASSES 4

/* Adds (sign 1) or removes (-1) person i's schedule z from the rows'
 * activities. */
static void place(const mr_dw *d, int i, const double *z, double *act,
                  int sign)
{
    const mr_price *pr = &d->pr[i];
    for (int k = 0; k < pr->n_cols; k++) {
        int j = pr->cols[k];
        if (z[k] == 0)
            continue;
        for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++)
            act[d->lk_row[e]] += sign * d->lk_val[e] * z[k];
    }
}

/* The reward per unit for raising linking row k toward its lower bound:
 * the cost of the shared shortfall column that would otherwise fill it, or
 * HARD_REWARD when none can (hard cover). */
static double row_reward(const mr_dw *d, int k)
{
    const mr_mip *p = d->p;
    const mr_mip_row *r = &p->rows[d->link_row[k]];
    for (int e = r->beg; e < r->beg + r->len; e++) {
        int j = p->ind[e];
        if (d->pr_of[j] < 0 && p->val[e] > 0)
            return p->cols[j].obj / p->val[e];
    }
    return HARD_REWARD;
}

/* Prices person i against the others' activities; the schedule goes to z.
 * Returns 1 when one was found. A pricing gets 2% of the limit, from 0.1
 * to 0.5 s: any schedule that fits will do here, and at 300 s a few
 * people's pricings ran to 6 s each (XL seed 2: first roster at 13-15 s
 * with the limit at 300 s, at 4.5 s with it at 25 s). */
static int price_person(mr_dw *d, int i, const double *act,
                        const double *reward, double *z)
{
    const mr_mip *p = d->p;
    mr_price *pr = &d->pr[i];
    double value, cap = fmin(0.5, fmax(0.1, 0.02 * d->r->o.time_limit));
    int exact, found, infeasible;

    for (int k = 0; k < pr->n_cols; k++) {
        int j = pr->cols[k], forbid = 0;
        double c = p->cols[j].obj;
        for (int e = d->lk_beg[j]; e < d->lk_beg[j + 1]; e++) {
            const mr_mip_row *r = &p->rows[d->link_row[d->lk_row[e]]];
            double a = d->lk_val[e], now = act[d->lk_row[e]];
            if (a > 0 && r->ub < MR_MIP_INF && now + a > r->ub + 1e-9)
                forbid = 1;
            if (a > 0 && r->lb > -MR_MIP_INF && now < r->lb - 1e-9
                && !(r->ub < MR_MIP_INF))
                c -= reward[d->lk_row[e]] * a;
        }
        d->cost[k] = c;
        if (forbid && p->cols[j].lb == 0)
            glp_set_col_bnds(pr->lp, k + 1, GLP_FX, 0, 0);
    }
    mr_price_solve(pr, d->cost, fmin(cap, mr_run_left(d->r)), &value,
                   &exact, z, &found, &infeasible);
    for (int k = 0; k < pr->n_cols; k++)
        mr_glpk_col_bnds(pr->lp, k, p->cols[pr->cols[k]].lb,
                         p->cols[pr->cols[k]].ub);
    return found;
}

/* 1 when every linking row holds at act (shared columns at their best:
 * a row with a shared column can always be met). */
static int rows_hold(const mr_dw *d, const double *act, const double *reward)
{
    for (int k = 0; k < d->n_link; k++) {
        const mr_mip_row *r = &d->p->rows[d->link_row[k]];
        int has_shared = reward[k] < HARD_REWARD;
        if (r->ub < MR_MIP_INF && act[k] > r->ub + 1e-9 && !has_shared)
            return 0;
        if (r->lb > -MR_MIP_INF && act[k] < r->lb - 1e-9 && !has_shared)
            return 0;
    }
    return 1;
}

/* Clinical roles first: an adviser's ea needs a clinic placed (H9). */
static int order_key(const mr_dw *d, int i)
{
    int role = d->r->m->staff[d->pr[i].owner].role;
    return role == MR_ROLE_EA || role == MR_ROLE_SEA;
}

int mr_dw_construct(mr_dw *d)
{
    mr_run *r = d->r;
    double *act = NULL, *reward = NULL, *zs = NULL, obj;
    int *off = NULL, *order = NULL, n_order = 0, total = 0, rc = MR_ENOMEM;
    int have = 0;

    if ((act = mr_calloc((size_t)d->n_link + 1, sizeof *act)) == NULL
        || (reward = mr_malloc(((size_t)d->n_link + 1) * sizeof *reward))
               == NULL
        || (off = mr_malloc(((size_t)d->n_pr + 1) * sizeof *off)) == NULL
        || (order = mr_malloc(((size_t)d->n_pr + 1) * sizeof *order)) == NULL)
        goto done;
    for (int i = 0; i < d->n_pr; i++) {
        off[i] = total;
        total += d->pr[i].n_cols;
    }
    if ((zs = mr_calloc((size_t)total + 1, sizeof *zs)) == NULL)
        goto done;
    for (int k = 0; k < d->n_link; k++)
        reward[k] = row_reward(d, k);
    for (int key = 0; key < 2; key++)
        for (int i = 0; i < d->n_pr; i++)
            if (order_key(d, i) == key)
                order[n_order++] = i;
    rc = MR_OK;
    for (int pass = 0; pass < PASSES && !have && mr_run_left(r) > 0; pass++) {
        for (int o = 0; o < n_order && mr_run_left(r) > 0; o++) {
            int i = order[o];
            if (pass > 0)
                place(d, i, zs + off[i], act, -1);
            if (price_person(d, i, act, reward, d->z))
                for (int k = 0; k < d->pr[i].n_cols; k++)
                    zs[off[i] + k] = d->z[k];
            place(d, i, zs + off[i], act, 1);
        }
        have = rows_hold(d, act, reward);
        mr_log(MR_LOG_DEBUG, "construct: pass %d %s (%.2f s)", pass + 1,
               have ? "meets every hard rule" : "breaks a hard rule",
               mr_run_elapsed(r));
    }
    if (!have)
        goto done;
    for (int j = 0; j < r->b->n_x; j++)
        d->xv[j] = 0;
    for (int i = 0; i < d->n_pr; i++)
        for (int k = 0; k < d->pr[i].n_cols; k++)
            if (d->pr[i].cols[k] < r->b->n_x)
                d->xv[d->pr[i].cols[k]] = zs[off[i] + k];
    rc = mr_glpk_complete(r, d->xv, d->full, &obj);
    if (rc == MR_OK)
        rc = mr_run_offer(r, d->full, obj);
    else if (rc == MR_EINFEASIBLE)
        rc = MR_OK;          /* a person's schedule left empty: no roster */
done:
    mr_free(act);
    mr_free(reward);
    mr_free(off);
    mr_free(order);
    mr_free(zs);
    return rc;
}

int mr_stage_construct(mr_run *r)
{
    mr_dw d;
    int rc;

    memset(&d, 0, sizeof d);
    if (r->b->n_x == 0)
        return MR_OK;
    if ((rc = mr_dw_setup(&d, r)) == MR_OK && d.n_pr > 0)
        rc = mr_dw_construct(&d);
    mr_dw_free(&d);
    return rc;
}
