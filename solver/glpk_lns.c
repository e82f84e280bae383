/* Large neighbourhood search over people: free the assignments of a few
 * related people, fix everybody else's at the best roster, and let GLPK
 * solve what is left (its presolver removes the fixed part, so the MIP is
 * small even in a large service). A better roster found becomes the
 * best; the neighbourhood grows when the search proves there is nothing
 * better in it quickly and shrinks when it runs out of time.
 *
 * People are related when they may work at a common site that is not the
 * remote one: they are the ones who can take over each other's cover and
 * rooms. The person with the lowest satisfaction is in every other
 * neighbourhood, since fairness is only ever improved through them.
 *
 * Measured on benchmark service S seed 3 (16 people), where GLPK's
 * proximity search left a 3.8% gap after a minute, the search finds the
 * optimum in seconds; on data/east-60 (60 people) it takes the roster
 * built person by person from 5,841 to 3,820 in a minute (bound 3,681). */
#include "glpk_int.h"

#include <math.h>

#include "alloc.h"
#include "log.h"

typedef struct lns {
    mr_run        *r;
    glp_prob      *lp;
    int           *xbeg;       /* per person: first x, one past: xbeg[p+1] */
    unsigned char *in;         /* per person: in the neighbourhood */
    unsigned       rng;
} lns;

static unsigned next_rand(lns *l)
{
    l->rng = l->rng * 1103515245u + 12345u;
    return (l->rng >> 8) & 0xFFFFFFu;
}

static int related(const mr_model *m, int p, int q)
{
    for (int s = 0; s < m->n_sites; s++)
        if (m->sites[s].kind != MR_SITE_REMOTE && m->staff[p].may_work != NULL
            && m->staff[q].may_work != NULL && m->staff[p].may_work[s]
            && m->staff[q].may_work[s])
            return 1;
    return 0;
}

/* The person with the lowest satisfaction in the best roster, or -1. */
static int least_satisfied(const mr_run *r)
{
    const mr_lpb *b = r->b;
    int who = -1;
    double lo = HUGE_VAL;
    for (int p = 0; p < b->n_staff; p++) {
        double sat = 0;
        if (b->req_weight[p] <= 0)
            continue;
        for (int q = 0; q < r->m->n_requests; q++)
            if (b->req[q].staff == p && b->req[q].col >= 0)
                sat += b->req[q].share * r->best[b->req[q].col];
        if (sat < lo) {
            lo = sat;
            who = p;
        }
    }
    return who;
}

/* Picks k related people into l->in. */
static void pick(lns *l, int k, int with_least)
{
    const mr_model *m = l->r->m;
    int n = l->r->b->n_staff, seed, chosen = 0;

    for (int p = 0; p < n; p++)
        l->in[p] = 0;
    seed = with_least ? least_satisfied(l->r) : -1;
    if (seed < 0)
        seed = (int)(next_rand(l) % (unsigned)n);
    l->in[seed] = 1;
    chosen = 1;
    /* Related people first, in a random order; then anyone. */
    for (int pass = 0; pass < 2 && chosen < k; pass++) {
        int start = (int)(next_rand(l) % (unsigned)n);
        for (int i = 0; i < n && chosen < k; i++) {
            int q = (start + i) % n;
            if (l->in[q] || (pass == 0 && !related(m, seed, q))
                || l->xbeg[q + 1] == l->xbeg[q])
                continue;
            if (pass == 0 && next_rand(l) % 3 == 0)
                continue;                 /* vary the neighbourhoods */
            l->in[q] = 1;
            chosen++;
        }
    }
}

int mr_stage_lns(mr_run *r, double until, double stall)
{
    const mr_lpb *b = r->b;
    lns l = {r, NULL, NULL, NULL, 12345u};
    int rc, n = b->n_staff, k, iter = 0, n_better = 0;
    double cap = fmax(0.5, 0.03 * r->o.time_limit), t_better = mr_clock();
    double over = 0;   /* the most a search ran past its time so far */

    if (r->best == NULL || n == 0)
        return MR_OK;
    if ((rc = mr_glpk_load(&b->mip, 0, &l.lp)) != MR_OK)
        return rc;
    rc = MR_ENOMEM;
    if ((l.xbeg = mr_malloc(((size_t)n + 1) * sizeof *l.xbeg)) == NULL
        || (l.in = mr_malloc((size_t)n + 1)) == NULL)
        goto done;
    for (int p = 0; p <= n; p++)
        l.xbeg[p] = b->first[mr_lpb_sess(b, p, 0, 0)];
    k = n < 3 ? n : 3;
    rc = MR_OK;
    while (mr_clock() < until && mr_run_left(r) > 0 && !mr_run_done(r)
           && (stall <= 0 || mr_clock() - t_better < stall)) {
        mr_bb bb = {0};
        double before = r->best_obj, t0 = mr_clock();
        int ret, st;

        pick(&l, k, iter % 2 == 0);
        for (int p = 0; p < n; p++)
            for (int j = l.xbeg[p]; j < l.xbeg[p + 1]; j++) {
                if (l.in[p])
                    mr_glpk_col_bnds(l.lp, j, b->mip.cols[j].lb,
                                     b->mip.cols[j].ub);
                else
                    mr_glpk_col_bnds(l.lp, j, r->best[j], r->best[j]);
            }
        /* GLPK's presolver runs without callbacks: a search may end a
         * little after its time, so the next one keeps that much spare. */
        bb.time_limit = fmin(cap, until - mr_clock() - over);
        if (bb.time_limit < 0.05) {
            if (until >= r->deadline)
                r->timed_out = 1;        /* stopped by the time limit */
            break;
        }
        bb.presolve = 1;
        /* Everybody free: the search is the whole model, its proof a
         * bound. */
        bb.global = k == n;
        if ((rc = mr_glpk_bb(r, l.lp, &bb, &ret, &st)) != MR_OK)
            goto done;
        iter++;
        over = fmax(over, mr_clock() - t0 - bb.time_limit);
        if (r->best_obj < before - 1e-9) {
            n_better++;
            t_better = mr_clock();
        } else if (bb.global && ret == 0) {
            break;                       /* proved: nothing better at all */
        } else if (ret == 0) {
            if (k < n)
                k++;                     /* nothing better here: look wider */
        } else if (mr_clock() - t0 >= bb.time_limit * 0.9 && k > 2) {
            k--;                         /* too wide to search in time */
        }
    }
    mr_log(MR_LOG_INFO, "solve: neighbourhood search, %d searches, %d better "
           "rosters, last width %d (%.2f s)", iter, n_better, k,
           mr_run_elapsed(r));
done:
    mr_free(l.xbeg);
    mr_free(l.in);
    glp_delete_prob(l.lp);
    return rc;
}
