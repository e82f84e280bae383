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
 * neighbourhood, since fairness is only ever improved through them. Once
 * the Lagrangian pass has priced everybody (run.h's guide), the others
 * grow around a person drawn by their excess over their cheapest
 * schedule, with the related people who have one first: on data/east-60
 * the excess is the whole gap (the slack terms are 0), held by 13 people
 * at first and 2 or 3 late in a run. M at 10 s, 6 seeds, mean gap over 3
 * rounds: 0.324% random seeds, 0.169% by excess; L at 60 s, 3 seeds:
 * 0.07/0.00/0.07% where ffc9f5f had 0.40/0.09/0.13%.
 *
 * Measured on benchmark service S seed 3 (16 people), where GLPK's
 * proximity search left a 3.8% gap after a minute, the search finds the
 * optimum in seconds; on data/east-60 (60 people) it takes the roster
 * built person by person from 5,841 to 3,820 in a minute (bound 3,681). */
#include "glpk_int.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

/* The kinds of neighbourhood, drawn by their recent success (choose()). */
enum { BY_PEOPLE, BY_DAYS, BY_LP, BY_POOL, N_KINDS };
/* Up to this many people, a days neighbourhood frees everybody; above it,
 * the people of one site. M (60 people) at 10 s, 6 seeds, mean gap over
 * rounds: everybody 0.69/0.38/0.30/0.48/0.42%, one site (with the
 * least-satisfied seeding only where it can help) 0.45/0.17/0.30/0.29/0.23%
 * (the first two rounds without that seeding). */
#define DAYS_ALL_PEOPLE 40
/* A kind's first score (better rosters per second) and how much of it one
 * search moves. */
#define SCORE0     4.0
#define SCORE_RATE 0.3
/* Seconds one search may take. More, shorter searches won at every size:
 * XL seed 1 at 300 s: 3% of the limit per search 7.0% gap, 2 s 2.5%, 1 s
 * 1.22%, 0.25 s 0.84%; L at 60 s, 3 seeds: 1 s 0.9/0.4/0.6%, 0.25 s
 * 0.5/0.1/0.2% (two runs each); M at 10 s, 6 seeds twice, mean gap: 1 s
 * 1.16%, 0.5 s 0.87%, 0.25 s 0.41%, 0.15 s 0.45%, 0.1 s 0.48%. */
#define SEARCH_CAP 0.25
/* But a people search that runs out of time at three people or fewer,
 * with nothing better, doubles the people searches' cap up to
 * PEOPLE_CAP_MAX (back to SEARCH_CAP on a better roster): at width 2
 * nothing is left to find and width 3 cannot be searched in 0.25 s on
 * some months (benchmark M seed 1). M at 10 s, 6 seeds, 9 rounds each:
 * mean gap 0.091% -> 0.067%, runs above 0.1% 12 -> 8 of 54; L at 60 s
 * never meets the condition (the same rosters). */
#define PEOPLE_CAP_MAX 1.0

typedef struct lns {
    mr_run        *r;
    glp_prob      *lp;
    int           *xbeg;       /* per person: first x, one past: xbeg[p+1] */
    unsigned char *in;         /* per person: in the neighbourhood */
    unsigned char *day_in;     /* per day offset: in the neighbourhood */
    unsigned char *free_x;     /* per x: free in the neighbourhood */
    mr_sub         sub;
    double        *relax;      /* n_x values of the relaxation, or NULL */
    double        *own;        /* relax when this stage made it */
    double        *excess;     /* per person: above their cheapest schedule
                                  at the Lagrangian duals (run.h) */
    const double  *excess_lag; /* the guide and best roster excess was */
    double         excess_obj; /* computed for */
    double         excess_sum; /* of the positive ones; 0: no guide */
    unsigned char *seen;       /* per x: 1 in some best roster so far */
    double         seen_obj;   /* the best roster last folded into seen */
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

/* The person with the lowest satisfaction in the best roster, or -1 when
 * nobody has requests or that person's satisfaction is already the most
 * their requests allow (probing's bounds): the lowest satisfaction cannot
 * rise then, and a neighbourhood around them is one like any other. */
static int least_satisfied(const mr_run *r)
{
    const mr_lpb *b = r->b;
    const mr_mip_col *cols = b->mip.cols;
    int who = -1;
    double lo = HUGE_VAL, most = 0;
    for (int p = 0; p < b->n_staff; p++) {
        double sat = 0, ub = 0;
        if (b->req_weight[p] <= 0)
            continue;
        for (int q = 0; q < r->m->n_requests; q++)
            if (b->req[q].staff == p && b->req[q].col >= 0) {
                sat += b->req[q].share * r->best[b->req[q].col];
                ub += b->req[q].share * cols[b->req[q].col].ub;
            }
        if (sat < lo) {
            lo = sat;
            most = ub;
            who = p;
        }
    }
    return who >= 0 && lo < most - 1e-9 ? who : -1;
}

/* Brings l->excess up to date with the best roster and the guide: each
 * person's cost at the guide's prices less their minimum there. */
static void update_excess(lns *l)
{
    const mr_run *r = l->r;
    const mr_mip *p = &r->b->mip;
    int n = r->b->n_staff;

    if (r->lag == NULL) {
        l->excess_sum = 0;
        return;
    }
    if (r->lag == l->excess_lag && r->best_obj == l->excess_obj)
        return;
    for (int s = 0; s < n; s++)
        l->excess[s] = -r->lag[p->n_cols + s];
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].owner >= 0 && p->cols[j].owner < n)
            l->excess[p->cols[j].owner] += r->lag[j] * r->best[j];
    l->excess_sum = 0;
    for (int s = 0; s < n; s++) {
        if (l->excess[s] < 1e-6)
            l->excess[s] = 0;
        l->excess_sum += l->excess[s];
    }
    l->excess_lag = r->lag;
    l->excess_obj = r->best_obj;
    mr_log(MR_LOG_DEBUG, "lns: excess %.6g over the guide's bound",
           l->excess_sum);
}

/* A person drawn with odds in proportion to their excess; -1 when nobody
 * has any. */
static int most_costly(lns *l)
{
    double u;
    int n = l->r->b->n_staff;

    update_excess(l);
    if (l->excess_sum <= 0)
        return -1;
    u = l->excess_sum * (double)next_rand(l) / (double)0x1000000u;
    for (int p = 0; p < n; p++)
        if (l->excess[p] > 0 && (u -= l->excess[p]) < 0)
            return p;
    for (int p = n - 1; p >= 0; p--)
        if (l->excess[p] > 0)
            return p;
    return -1;
}

/* Picks k related people into l->in around a seed: the least satisfied
 * person (with_least), else one drawn by excess, else anyone. Related
 * people with an excess come first, then other related people, then
 * anyone, each in a random order. Every other excess-drawn seed's
 * neighbourhood made instead of the people who work most often, in the
 * best roster, at a site and on a day where the seed's schedule differs
 * from their cheapest one (an ejection chain's people): M seeds 1-3 and
 * 7-45 at 10 s, two runs each, 11 of 84 runs above 0.1% (mean 0.036%)
 * against 8 of 84 (0.037%) without; not kept. Nor, every third
 * excess-drawn seed, the people with an x in the row of one of the best
 * roster's cover or FCP shortfalls (those who could fill it; the rosters
 * M seeds 18 and 41 stick at differ from the optimum in where unavoidable
 * specialty shortfalls fall): 5 of 42 above 0.1%, seed 35 at 1.25%. */
static void pick(lns *l, int k, int with_least)
{
    const mr_model *m = l->r->m;
    int n = l->r->b->n_staff, seed, chosen = 0;

    for (int p = 0; p < n; p++)
        l->in[p] = 0;
    seed = with_least ? least_satisfied(l->r) : -1;
    if (seed < 0)
        seed = most_costly(l);
    if (seed < 0)
        seed = (int)(next_rand(l) % (unsigned)n);
    l->in[seed] = 1;
    chosen = 1;
    for (int pass = l->excess_sum > 0 ? 0 : 1; pass < 3 && chosen < k;
         pass++) {
        int start = (int)(next_rand(l) % (unsigned)n);
        for (int i = 0; i < n && chosen < k; i++) {
            int q = (start + i) % n;
            if (l->in[q] || (pass < 2 && !related(m, seed, q))
                || (pass == 0 && l->excess[q] <= 0)
                || l->xbeg[q + 1] == l->xbeg[q])
                continue;
            if (pass == 1 && next_rand(l) % 3 == 0)
                continue;                 /* vary the neighbourhoods */
            l->in[q] = 1;
            chosen++;
        }
    }
}

/* A day offset and site where the best roster falls short of cover or of
 * a PCN's FCP sessions, drawn at random among them: the day and site of
 * an assignment that would count there, and the shortfall's column. 0
 * when there is none. */
static int shortfall_at(lns *l, int *day, int *site, int *short_col)
{
    const mr_lpb *b = l->r->b;
    const mr_mip *p = &b->mip;
    int n_seen = 0, col = -1;

    for (int j = b->n_x; j < p->n_cols; j++)
        if ((p->cols[j].tag == MR_TAG_COVER || p->cols[j].tag == MR_TAG_PCN)
            && l->r->best[j] > 0.5
            && next_rand(l) % (unsigned)++n_seen == 0)
            col = j;                     /* one of them, uniformly */
    if (col < 0)
        return 0;
    *short_col = col;
    for (int e = l->sub.cbeg[col]; e < l->sub.cbeg[col + 1]; e++) {
        const mr_mip_row *row = &p->rows[l->sub.crow[e]];
        for (int f = row->beg; f < row->beg + row->len; f++)
            if (p->ind[f] < b->n_x) {
                const mr_xvar *x = &b->x[p->ind[f]];
                *day = x->date - b->first_day;
                *site = x->site;
                return 1;
            }
    }
    return 0;
}

/* Picks w consecutive days into l->day_in: every other time around a
 * shortfall of cover or of FCP sessions, if there is one, else anywhere.
 * With many people, only those who may work at one site (not the remote
 * one; the shortfall's, when aimed at one, with those who could fill it)
 * are free on those days, in l->in: a whole large service on even one day
 * was too much for GLPK in the time of one search (L, 150 people: most
 * such searches stopped on time with nothing better). Aimed searches: a
 * shortfall that only moves across people and days together (a
 * part-timer's day swapped within a week) was left in some runs on M at
 * 10 s (seed 4: 2.6-2.9% gap in two runs of four, the rest 0.2-0.3%).
 * Freeing also, every other time, a person drawn by their excess for the whole
 * month gave nothing under the noise (M at 10 s, 6 seeds: mean gap 0.069%
 * over 36 runs, 0.079% without over 72; runs above 0.1% 25% and 19%): not
 * kept. Nor with, in place of random days, the days where that person's
 * schedule differs from their cheapest one at the guide's prices (the
 * pricing's schedules kept with the guide): 0.032% against 0.024% over 18
 * runs each. Nor, in place of a random site (most are practices with 2-4
 * FCP physios, searched in 0.01 s), one of the sites of a person drawn by
 * their excess every other time, else of anyone: M seeds 1-3 and 7-45 at
 * 10 s had 6 runs above 0.1% with it and 6 without; XL seed 1 at 300 s
 * reached 1% at 156 s (66-94 s in five runs without). Nor a site drawn
 * with odds in proportion to its people (hubs and community sites more
 * often than practices): M seeds 1-3 and 7-45 at 10 s, 1 and 3 runs above
 * 0.1% (seed 27 within it in both) against 2-4 without; months short of
 * staff (M seeds 1-12, `--leavers 8`) 2 above 0.1%, seed 12 at 1.73%
 * (0.30% without). */
static void pick_days(lns *l, int w)
{
    const mr_model *m = l->r->m;
    int nd = l->r->b->n_days, n = l->r->b->n_staff, d0, site = -1, day;
    int col = -1;

    if (w > nd)
        w = nd;
    d0 = (int)(next_rand(l) % (unsigned)(nd - w + 1));
    if (next_rand(l) % 2 == 0 && shortfall_at(l, &day, &site, &col)) {
        d0 = day - (int)(next_rand(l) % (unsigned)w);
        d0 = d0 < 0 ? 0 : d0 > nd - w ? nd - w : d0;
        if (n <= DAYS_ALL_PEOPLE
            || (site >= 0 && m->sites[site].kind == MR_SITE_REMOTE))
            site = -1;
    }
    for (int d = 0; d < nd; d++)
        l->day_in[d] = d >= d0 && d < d0 + w;
    if (n > DAYS_ALL_PEOPLE && m->n_sites > 0)
        for (int tries = 0; tries < 8 && site < 0; tries++) {
            int s = (int)(next_rand(l) % (unsigned)m->n_sites);
            if (m->sites[s].kind != MR_SITE_REMOTE)
                site = s;
        }
    for (int p = 0; p < n; p++)
        l->in[p] = site < 0 || (m->staff[p].may_work != NULL
                                && m->staff[p].may_work[site]);
    /* With those who could fill the shortfall, wherever they work now
     * (mr_sub_fillers()): where a specialty's shortfalls cannot all be
     * filled, which site is left short changes the cost, and moving the
     * shortfall means a specialist leaving one site for another on a
     * day. M seeds 18 and 41 stuck at 4,205.16 and 3,163.67 (optima
     * 4,193.16 and 3,151.12), their unfilled shoulder clinics at other
     * sites than the optimum's. The 42 December M seeds at 10 s: 40, 41
     * and 39 within 0.1% (37-40 in three runs without), seed 18 done by
     * 4.2 s in each (stuck in 2 of 3 runs without); M months with 8 of
     * 60 clinicians gone (seeds 10-12, 22, 24), two runs each: 3 misses
     * of 10 against 5. */
    if (col >= 0)
        mr_sub_fillers(&l->sub, col, l->in);
}

/* Folds the best roster into l->seen, when it has changed. */
static void remember_best(lns *l)
{
    const mr_run *r = l->r;

    if (r->best_obj == l->seen_obj)
        return;
    for (int j = 0; j < r->b->n_x; j++)
        l->seen[j] |= r->best[j] > 0.5;
    l->seen_obj = r->best_obj;
}

/* 1 when x j is in the pool of a BY_POOL neighbourhood: in a best
 * roster of this search so far (its own or one taken from the other
 * search; remember_best() has folded in the current one), in the
 * person's cheapest schedules at the guide's prices (the first pass's
 * and the varied passes', glpk_lagrange.c), or in the support of the
 * relaxation. Such a neighbourhood recombines the
 * schedules the searches have met across many people at once, a move
 * that changes many people a little (benchmark M seed 1, whose last
 * steps to the optimum move specialist sessions among eight people of
 * five specialisms, which no people neighbourhood of up to 13 found). */
static int in_pool(const lns *l, int j, const double *varied)
{
    return l->seen[j] || (varied != NULL && varied[j] > 0.5)
           || (l->relax != NULL && l->relax[j] > 1e-3);
}

/* Marks the x of the neighbourhood in l->free_x. BY_LP frees, on the
 * days picked, only the x where the roster and the relaxation disagree
 * (RINS). */
static void mark_free(lns *l, int kind)
{
    const mr_lpb *b = l->r->b;
    const double *best = l->r->best;
    const double *varied = l->r->lag != NULL
                           ? MR_LAG_VARIED(l->r->lag, b->mip.n_cols,
                                           b->n_staff)
                           : NULL;

    for (int p = 0; p < b->n_staff; p++)
        for (int dd = 0; dd < b->n_days; dd++) {
            int i = mr_lpb_sess(b, p, dd, 0);
            int in = kind == BY_PEOPLE || kind == BY_POOL ? l->in[p]
                     : kind == BY_DAYS ? l->in[p] && l->day_in[dd]
                                       : l->day_in[dd];
            for (int j = b->first[i]; j < b->first[i + b->n_periods]; j++)
                l->free_x[j] = in && (kind == BY_LP
                                      ? fabs(l->relax[j] - best[j]) > 1e-6
                                      : kind == BY_POOL
                                      ? in_pool(l, j, varied)
                                      : 1);
        }
}

/* The whole model's copy with the neighbourhood's bounds (for searches
 * whose proof is a bound of the run). */
static void set_bounds(lns *l)
{
    const mr_lpb *b = l->r->b;

    for (int j = 0; j < b->n_x; j++)
        if (l->free_x[j])
            mr_glpk_col_bnds(l->lp, j, b->mip.cols[j].lb, b->mip.cols[j].ub);
        else
            mr_glpk_col_bnds(l->lp, j, l->r->best[j], l->r->best[j]);
}

/* A search's seconds are counted as at least this in the odds (searches
 * that end at once, found nothing to free). */
#define ODDS_SECS_MIN 0.02

void mr_lns_odds(const double *rate, const double *secs, const int *on,
                 int n, double *odds)
{
    double top = 0;

    for (int k = 0; k < n; k++)
        if (on[k])
            top = fmax(top, rate[k]);
    for (int k = 0; k < n; k++)
        odds[k] = on[k] ? (fmax(rate[k], 0.1 * top) + 1e-9)
                              / fmax(ODDS_SECS_MIN, secs[k])
                        : 0;
}

/* Draws a kind by mr_lns_odds(); BY_LP only once the relaxation is
 * known, BY_POOL once the guide is. Odds in proportion to the rate
 * alone (as draws, not as time) gave the quick kinds (a RINS search
 * takes 0.03 s on M, a people search 0.1-0.25 s) a small share of the
 * time where their rate was the highest: on the 42 December M months at
 * 10 s, in the searches after the roster came within 1% of the bound,
 * RINS found 30 and the pool 17 in objective per second of search,
 * people 8 and days 2, while people and pool took 70% of the time. With
 * the time shared by rate: mean time to 0.1% 4.88 and 4.75 s in two runs
 * (1 and 0 of 42 above 0.1% at 10 s) against 5.37, 5.50 and 5.76 s
 * (2, 2 and 2 above); heavy FCP M seeds 1-16 16 within 0.1% (13
 * without), M seeds 1-12 with 8 clinicians gone 12 (11); L seeds 1-3 at
 * 60 s: time to 0.1% 14.4 s against 21.7 s on average, the same final
 * gaps; XL seed 1 at 300 s: 1% at 106.6 s (90.4 s without, the same
 * hour; 66-126 s in earlier runs), 0.21% (0.15%). The tenth kept for
 * the kinds that find little is a tenth of the top rate, so of the top
 * kind's time (a tenth of its odds as draws gave a slow kind as much
 * time as a quick top one): 4.10 and 3.98 s against 4.28 and 4.41 s in
 * the same hour, heavy FCP 16 of 16 against 14. A better roster counted
 * in the rate by the share of the gap it closed (ten times it, at most
 * 1) instead of as one: 4.38 s against 4.23 s; not kept. */
static int choose(lns *l, const double *rate, const double *secs)
{
    double odds[N_KINDS], sum = 0, u;
    int on[N_KINDS] = {1, 1, l->relax != NULL, l->r->lag != NULL};
    int last = BY_PEOPLE;

    mr_lns_odds(rate, secs, on, N_KINDS, odds);
    for (int k = 0; k < N_KINDS; k++)
        if (on[k]) {
            sum += odds[k];
            last = k;
        }
    u = sum * (double)next_rand(l) / (double)0x1000000u;
    for (int k = 0; k < last; k++)
        if (on[k] && (u -= odds[k]) < 0)
            return k;
    return last;
}

/* Neighbourhoods of four kinds, each with its own width: people (all
 * their month), days (everybody on a few consecutive days: the ones who
 * can cover a session for each other), days where the roster disagrees
 * with the relaxation (RINS), and, once the Lagrangian guide is known,
 * people held to a pool of schedules (in_pool()). Measured on
 * data/east-60 at 10 s: people only 4,117 (10.6% gap), the first three
 * kinds in turn 3,755 (2.0%). The pool, on M seed 1 at 10 s (30 runs
 * without, 21 with): optimal in 17 and 16, mean gap 0.222% and 0.050%,
 * worst 1.01% and 0.31%; M at 10 s, 6 seeds, 6 rounds: mean gap 0.046%
 * (0.024-0.069% in rounds without); L at 60 s: 0.086/0.008/0.044%
 * (0.12/0.10/0.04% without). The pool of the best roster and the
 * cheapest schedules alone, without the searches' earlier rosters and
 * the relaxation's support, was exhausted within seconds (searches of
 * 26 people ending in 0.01 s with nothing better).
 * Drawn by their recent success rather than in turn, since which one wins
 * changes with the model and as the relaxation arrives (no measurable
 * change on M at 10 s, where runs vary by +-0.5%; with the relaxation's
 * values published on the way, see glpk_bound.c). Taking
 * rosters as good as the best (plateau moves) gave nothing measurable
 * under the noise of time-limited searches; not kept. */
int mr_stage_lns(mr_run *r, double until, double stall)
{
    const mr_lpb *b = r->b;
    lns l;
    int rc, n = b->n_staff, iter = 0, n_better = 0;
    int width[N_KINDS], maxw[N_KINDS], tried[N_KINDS] = {0},
        won[N_KINDS] = {0};
    double t_better = mr_clock();
    double over = 0;   /* the most a search ran past its time so far */
    double cap = SEARCH_CAP;
    /* better rosters per second of search, smoothed: each kind starts
     * high so that all are tried */
    double score[N_KINDS] = {SCORE0, SCORE0, SCORE0, SCORE0};
    /* seconds one search of each kind takes, smoothed the same way */
    double secs[N_KINDS] = {0.1, 0.1, 0.1, 0.1};
    int had_relax;

    if (r->best == NULL || n == 0 || b->n_days == 0)
        return MR_OK;
    memset(&l, 0, sizeof l);
    l.r = r;
    l.rng = 12345u + 7919u * (unsigned)r->lns_stream;
    l.seen_obj = HUGE_VAL;
    if ((rc = mr_sub_init(&l.sub, r)) != MR_OK)
        return rc;
    rc = MR_ENOMEM;
    if ((l.xbeg = mr_malloc(((size_t)n + 1) * sizeof *l.xbeg)) == NULL
        || (l.in = mr_malloc((size_t)n + 1)) == NULL
        || (l.day_in = mr_malloc((size_t)b->n_days)) == NULL
        || (l.free_x = mr_malloc((size_t)b->n_x + 1)) == NULL
        || (l.seen = mr_calloc((size_t)b->n_x + 1, 1)) == NULL
        || (l.excess = mr_calloc((size_t)n + 1, sizeof *l.excess)) == NULL)
        goto done;
    l.relax = l.own = mr_stage_relax_x(r);
    for (int p = 0; p <= n; p++)
        l.xbeg[p] = b->first[mr_lpb_sess(b, p, 0, 0)];
    had_relax = l.relax != NULL;
    width[BY_PEOPLE] = n < 3 ? n : 3;
    maxw[BY_PEOPLE] = n;
    width[BY_DAYS] = 1;
    width[BY_LP] = b->n_days < 3 ? b->n_days : 3;
    width[BY_POOL] = n < 10 ? n : 10;
    maxw[BY_POOL] = n;
    maxw[BY_DAYS] = maxw[BY_LP] = b->n_days;
    rc = MR_OK;
    while (mr_clock() < until && mr_run_left(r) > 0 && !mr_run_done(r)
           && (stall <= 0 || mr_clock() - t_better < stall)) {
        mr_bb bb = {0};
        double before, t0 = mr_clock();
        int ret, st, kind, *k;

        /* The bound thread publishes the relaxation when it has it, and
         * the two searches swap rosters (a roster taken from the other
         * is not this search's success). */
        if ((rc = mr_bg_poll(r)) != MR_OK)
            goto done;
        before = r->best_obj;
        if (l.own == NULL)
            l.relax = r->relax;      /* the thread's latest values */
        if (mr_run_done(r))
            break;
        if (!had_relax && l.relax != NULL) {
            had_relax = 1;
            score[BY_LP] = fmax(SCORE0, fmax(score[BY_PEOPLE],
                                             score[BY_DAYS]));
        }
        remember_best(&l);
        kind = choose(&l, score, secs);
        k = &width[kind];
        if (kind == BY_PEOPLE || kind == BY_POOL)
            pick(&l, *k, kind == BY_PEOPLE && iter % 2 == 0);
        else
            pick_days(&l, *k);
        mark_free(&l, kind);
        /* GLPK's presolver runs without callbacks: a search may end a
         * little after its time, so the next one keeps that much spare. */
        bb.time_limit = fmin(kind == BY_PEOPLE ? cap : SEARCH_CAP,
                             until - mr_clock() - over);
        if (bb.time_limit < 0.05) {
            if (until >= r->deadline)
                r->timed_out = 1;        /* stopped by the time limit */
            break;
        }
        bb.presolve = 1;
        /* Everybody free: the search is the whole model, its proof a
         * bound. */
        bb.global = *k == maxw[kind]
                    && (kind == BY_PEOPLE
                        || (kind == BY_DAYS && n <= DAYS_ALL_PEOPLE));
        if (bb.global) {
            /* the whole model, loaded the first time it is needed (large
             * models seldom get there) */
            if (l.lp == NULL && (rc = mr_glpk_load(&b->mip, 0, &l.lp))
                                    != MR_OK)
                goto done;
            set_bounds(&l);
            if ((rc = mr_glpk_bb(r, l.lp, &bb, &ret, &st)) != MR_OK)
                goto done;
        } else {
            int finished;
            if ((rc = mr_sub_search(&l.sub, l.free_x, bb.time_limit,
                                    &finished)) != MR_OK)
                goto done;
            ret = finished ? 0 : GLP_ESTOP;
        }
        iter++;
        tried[kind]++;
        mr_log(MR_LOG_DEBUG, "lns: kind %d width %d ret %d %.2f s of %.2f%s",
               kind, *k, ret, mr_clock() - t0, bb.time_limit,
               r->best_obj < before - 1e-9 ? " better" : "");
        over = fmax(over, mr_clock() - t0 - bb.time_limit);
        secs[kind] = (1 - SCORE_RATE) * secs[kind]
                     + SCORE_RATE * (mr_clock() - t0);
        score[kind] = (1 - SCORE_RATE) * score[kind]
                      + SCORE_RATE * (r->best_obj < before - 1e-9)
                            / fmax(0.05, mr_clock() - t0);
        if (kind == BY_PEOPLE) {
            if (r->best_obj < before - 1e-9)
                cap = SEARCH_CAP;
            else if (ret != 0 && *k <= 3)
                cap = fmin(PEOPLE_CAP_MAX, 2 * cap);
        }
        if (r->best_obj < before - 1e-9) {
            n_better++;
            won[kind]++;
            t_better = mr_clock();
        } else if (bb.global && ret == 0) {
            break;                       /* proved: nothing better at all */
        } else if (ret == 0) {
            if (*k < maxw[kind])
                (*k)++;                  /* nothing better here: look wider */
        } else if (mr_clock() - t0 >= bb.time_limit * 0.9 && *k > 1
                   && (kind != BY_PEOPLE || *k > 2)) {
            (*k)--;                      /* too wide to search in time */
        }
    }
    mr_log(MR_LOG_INFO, "solve: neighbourhood search, %d searches, %d better "
           "rosters (people %d/%d, days %d/%d, relaxation %d/%d, pool %d/%d), "
           "widths %d people, %d days, %d days, %d people (%.2f s)", iter,
           n_better, won[BY_PEOPLE], tried[BY_PEOPLE], won[BY_DAYS],
           tried[BY_DAYS], won[BY_LP], tried[BY_LP], won[BY_POOL],
           tried[BY_POOL], width[BY_PEOPLE], width[BY_DAYS], width[BY_LP],
           width[BY_POOL], mr_run_elapsed(r));
done:
    mr_free(l.xbeg);
    mr_free(l.in);
    mr_free(l.day_in);
    mr_free(l.own);
    mr_free(l.free_x);
    mr_free(l.seen);
    mr_free(l.excess);
    mr_sub_free(&l.sub);
    if (l.lp != NULL)
        glp_delete_prob(l.lp);
    return rc;
}
