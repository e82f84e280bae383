/* The bound on a second thread, for large models: the compact relaxation
 * (warm-started from the constructed roster), a Lagrangian pass, Gomory
 * rounds each followed by a pass at the cut relaxation's duals, and the
 * varied passes, run beside the neighbourhood search instead of before
 * it (work() has the order). On L (150
 * people) the relaxation alone took 16 s of a 60 s limit, and on XL (400)
 * it did not finish within 120 s: the search had that time taken away.
 *
 * GLPK 5 keeps its environment per thread (glp_config("TLS")): the thread
 * builds, solves and deletes its own glp_prob and frees its environment;
 * nothing GLPK made crosses threads. What crosses is plain data, published
 * under a mutex: the bound, the relaxation's x values (for the
 * relaxation-guided neighbourhoods; published on the way as well as at
 * the end), the Lagrangian pass's guide, infeasibility, and the status. The
 * thread works on a copy of the run (its own best roster, no progress
 * callback) and stops by the same deadline, or when mr_bg_join() finds
 * the main run done. Once it has the bound, it
 * runs a second neighbourhood search; the two swap their best rosters
 * through a slot under the mutex before each search. */
#include "glpk_int.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

typedef struct mr_bg {
    pthread_t       th;
    pthread_mutex_t mu;
    mr_run          rb;         /* the thread's copy of the run */
    int             rc;
    double          bound;
    int             infeasible;
    double         *relax;      /* n_x values, or NULL */
    double         *lag;        /* the Lagrangian guide (run.h), or NULL */
    int             cb_rc;      /* the callbacks' MR_ code */
    atomic_int      stop;       /* set by mr_bg_join(): rb's time is up */
    double         *shared;     /* under mu: the best roster of either */
    double          shared_obj; /* thread (HUGE_VAL: none yet) */
} mr_bg;

/* Swaps rosters with the other thread through g->shared (mu held): r's
 * best goes there when better, and the other's comes back when better. */
static int exchange(mr_bg *g, mr_run *r)
{
    size_t n = (size_t)r->b->mip.n_cols;

    if (r->best != NULL && r->best_obj < g->shared_obj - 1e-9) {
        memcpy(g->shared, r->best, n * sizeof *g->shared);
        g->shared_obj = r->best_obj;
        return MR_OK;
    }
    if (g->shared_obj < r->best_obj - 1e-9)
        return mr_run_offer(r, g->shared, g->shared_obj);
    return MR_OK;
}

/* The relaxation in steps of STEP_SHARE of the limit (at least
 * STEP_MIN seconds), the values of its basis published after each
 * unfinished step: the primal simplex starts from the constructed
 * roster and stays feasible, so the values where it has moved away from
 * the roster guide the relaxation-guided searches long before it ends.
 * XL seed 1 at 300 s (the relaxation ends at about 113 s either way): at
 * 113 s 25,355 -> 22,006, at the end 2.39% -> 1.22% gap; L at 60 s
 * (relaxation at 14 s), 3 seeds: 0.83/0.12/0.82% -> 0.49/0.44/0.29%.
 * Each step restarts the simplex (a factorisation): kept to a few. */
#define STEP_SHARE 0.05
#define STEP_MIN   3.0
static int relax_in_steps(mr_bg *g)
{
    mr_run *rb = &g->rb;
    double step = fmax(STEP_MIN, STEP_SHARE * rb->o.time_limit);
    int rc;

    for (;;) {
        double *xv, t0 = mr_clock();
        rc = mr_stage_relax_within(rb, step);
        /* ended early, unsolved: the simplex failed, and would again */
        if (rc != MR_OK || rb->infeasible || mr_stage_relaxed(rb)
            || mr_run_left(rb) <= 0 || mr_clock() - t0 < 0.9 * step)
            return rc;
        if ((xv = mr_stage_relax_x_now(rb)) == NULL)
            continue;
        pthread_mutex_lock(&g->mu);
        mr_free(g->relax);
        g->relax = xv;
        g->bound = rb->bound;
        pthread_mutex_unlock(&g->mu);
    }
}

/* The Lagrangian pass's varied passes end this share of the time limit
 * after the pass starts (its bound by 0.1 of it). Measured at 10 s on a
 * generated M month (M-1, 20 runs each): without varied passes the gap
 * was 0.083% on average, over 0.1% in 8 runs, optimal in 12; at 0.15,
 * 0.036%, 3, 17; at 0.3, 0.016%, 1, 19. On XL at 300 s the passes take
 * 13 to 38 s each; seed 1 ended at 0.17% and 0.23% in two runs (0.19%
 * without). */
#define VARY_SHARE 0.3
/* Column generation (glpk_dw.c) in place of the varied passes, after the
 * Gomory rounds: its bound converges to 1,797.60 on M seed 16, the
 * optimum, where the passes stop at 1,793.63 (the small models' path,
 * forced, converges in about 10 s). From the master's own duals the
 * first rounds' bounds are far below (-94,597 at round 1), and at 10 s
 * it ended at 1,760.10; with Wentges smoothing (0.7 toward the best
 * duals so far, the cut relaxation's at first) 1,796.35 at 9.5 s in one
 * run and 1,793.63 in another; the searches lost the passes' schedules
 * (rosters 1,798.60 and 1,800.26). Adaptive smoothing (0.9, halving the
 * distance to 1 after a round without gain), its schedules given to the
 * pool: 1,792.97 in two runs (11 rounds in 3 s, the master's duals still
 * far off). It needs about 40 rounds (4 s on M) from the cut
 * relaxation's duals. Nor did a master seeded with the best roster's and
 * the varied passes' schedules (half the passes' time, then rounds at
 * the master's duals) start nearer: bounds -38,039 and -18,793 in round
 * 1, 1,761.07 and 1,697.39 after 9 and 7 rounds. A box-step master
 * (two columns per linking row holding each dual within delta of the
 * best duals so far; a better bound moves the box there, delta doubled
 * when a round adds nothing or moves with the box active) does rise:
 * from 1,793.63 to 1,795.33 and 1,796.30 in 3 s (delta 0.01-0.03; 0.1
 * and more fall to 858-1,696 in round 1). But a round is a full pricing
 * pass (0.15-0.25 s; the master takes 0.03 s), 8 rounds go to building
 * the model around the box before the first gain (5 when seeded with the
 * varied passes' schedules, which then have half the time), and 13-15
 * rounds fit in 3 s: in 28 runs of seed 16 (deltas 0.003-1) the bound
 * reached 0.1% (1,795.80) twice. In place of the varied passes, M seeds
 * 1-3 and 7-45 had 5 runs above 0.1% (16 on its bound, 19, 27, 31, 41
 * on their rosters; 1-4 in earlier runs) and seed 16's roster was
 * 1,813.60-1,815.45 in 3 of the 28 runs (always 1,797.60 with the
 * passes); after the passes, in the second search's time, 6 rounds fit
 * and gained nothing. Not kept. */

/* Publishes the thread's guide (mr_stage_lagrange()'s callback). A copy
 * that cannot be made leaves the search without the newer one. */
static void publish_guide(mr_run *rb, void *arg)
{
    mr_bg *g = arg;
    size_t n = MR_LAG_LEN(rb->b->mip.n_cols, rb->b->n_staff);
    double *lag = mr_malloc(n * sizeof *lag + 1);

    if (lag != NULL)
        memcpy(lag, rb->lag, n * sizeof *lag);
    pthread_mutex_lock(&g->mu);
    g->bound = rb->bound;
    if (lag != NULL) {
        mr_free(g->lag);
        g->lag = lag;
    }
    /* the other search's roster, so that the passes stop once the gap
     * is closed (M seed 12: optimal at 5.7 s, the run ended at 8.5 s) */
    if (exchange(g, rb) != MR_OK)
        g->cb_rc = MR_ENOMEM;
    pthread_mutex_unlock(&g->mu);
}

/* The Gomory rounds end this share of the time limit after the first
 * Lagrangian pass. More rounds, while the last raised the cut relaxation
 * by 0.1% or more (up to 0.15 T, taken from the varied passes), brought M
 * seed 16 to 0.057% (round 4: 1,795.99, its Lagrangian pass 1,796.57),
 * but M seeds 1-30 twice then had 6 runs above 0.1% instead of 2: the
 * searches missed the varied passes' schedules. The same rounds after
 * the varied passes (the second search's time): 3 of 30 above 0.1%, seed
 * 16 among them (its round ended past the limit). Not kept. Nor
 * reduced-cost fixing at the cut relaxation before a branch-and-cut of
 * what is left: with the gap to the best roster (7.6-12.1 on seed 16)
 * it fixed 87-127 of 22,345 binaries, the reduced costs being small
 * against the gap. */
#define GOMORY_SHARE 0.3
/* Rounds that are about to raise the bound past the Lagrangian one may
 * run on to this share after the first pass (glpk_gomory.c, LEAD_GAIN):
 * M seed 16's fourth round, which takes it within 0.1%, ends at 7.4 s.
 * With 0.45 it did not start (1.3 s left, 1.5 times the last round
 * needed). */
#define LEAD_SHARE 0.6

/* The first round starts only when this share of the relaxation's time
 * is left (rounds of 0.5-1.2 s after relaxations of 2-4 s on M). */
#define FIRST_SHARE 0.25

/* Publishes the thread's bound. */
static void publish_bound(mr_run *rb, void *arg)
{
    mr_bg *g = arg;

    pthread_mutex_lock(&g->mu);
    g->bound = rb->bound;
    pthread_mutex_unlock(&g->mu);
}

/* After each Gomory round: its bound, then a Lagrangian pass at the cut
 * relaxation's duals (glpk_lagrange.c; 0.2-0.5 s on M), whose bound does
 * not rise with the rounds: M seed 12 gave 3,026.01 (its optimum) after
 * one round and 3,023.38 after three. */
static void after_round(mr_run *rb, void *arg)
{
    mr_bg *g = arg;

    publish_bound(rb, g);
    if (g->cb_rc == MR_OK && mr_run_left(rb) > 0)
        g->cb_rc = mr_stage_lagrange(rb, mr_clock() + 0.1
                                                * rb->o.time_limit,
                                        0, publish_guide, g);
}

/* Publishes the solved relaxation's values and the bound. A roster from
 * it by GLPK on its support (glpk_support.c), as small models do, found
 * none on M seed 27 (2,503 free x, stopped after 0.5 s without one): not
 * done here. */
static int publish_relax(mr_bg *g)
{
    double *xv = mr_stage_relax_x(&g->rb);

    if (xv == NULL)
        return MR_ENOMEM;
    pthread_mutex_lock(&g->mu);
    mr_free(g->relax);
    g->relax = xv;
    g->bound = g->rb.bound;
    pthread_mutex_unlock(&g->mu);
    return MR_OK;
}

static void *work(void *arg)
{
    mr_bg *g = arg;
    mr_run *rb = &g->rb;
    double relax_s = mr_clock();
    int rc;

    mr_glpk_hook();
    rc = relax_in_steps(g);
    relax_s = mr_clock() - relax_s;
    if (rc == MR_OK && mr_stage_relaxed(rb)) {
        /* Publish the relaxation before the slower Lagrangian pass. */
        rc = publish_relax(g);
        /* The main search's best roster comes first, so that no round
         * starts once the bound has reached it. */
        if (rc == MR_OK) {
            pthread_mutex_lock(&g->mu);
            rc = exchange(g, rb);
            pthread_mutex_unlock(&g->mu);
        }
        /* A first Lagrangian pass at the relaxation's duals gives the
         * search its guide early; then Gomory rounds, then the passes at
         * the cut relaxation's duals (its guide kept if its bound is
         * better) and the varied passes. Before, the guide waited for
         * the rounds, and the rounds had 0.3 T: on a slower machine
         * (round 1 of M seed 16: 2.0 s, later 3.5-4 s) the round was
         * cut off in every run and the bound stayed 0.77% short. The
         * varied passes before the rounds (35 of the 42 M seeds need no
         * round for a bound within 0.1%; the rounds' guide then keeping
         * the passes' schedules): 3 and 3 runs above 0.1% at 10 s, mean
         * time to the best known roster within 0.1% 5.20/6.07 s (4.94-
         * 5.47 s as is), the bounds of the months that need the rounds
         * 2-3 s later (7.2-8.4 s); not kept. */
        if (rc == MR_OK && !rb->infeasible && mr_run_left(rb) > 0)
            rc = mr_stage_lagrange(rb, mr_clock() + 0.1 * rb->o.time_limit,
                                   0, publish_guide, g);
        if (rc == MR_OK && !rb->infeasible && mr_stage_relaxed(rb)) {
            double t = mr_clock();
            rc = mr_stage_gomory(rb, t + GOMORY_SHARE * rb->o.time_limit,
                                 t + LEAD_SHARE * rb->o.time_limit,
                                 FIRST_SHARE * relax_s, after_round, g);
            if (rc == MR_OK)
                rc = g->cb_rc;
        }
        /* the cut relaxation's values, nearer a roster, for the
         * relaxation-guided searches (published after each round
         * instead: M seeds 1-3 and 7-45 at 10 s, 2 runs above 0.1%, as
         * in 2 of the 3 runs without; not kept) */
        if (rc == MR_OK && !rb->infeasible && mr_stage_relaxed(rb)
            && glp_get_num_rows(rb->compact) > rb->b->mip.n_rows)
            rc = publish_relax(g);
        if (rc == MR_OK && !rb->infeasible && mr_run_left(rb) > 0)
            rc = mr_stage_lagrange_vary(rb, mr_clock() + VARY_SHARE
                                                          * rb->o.time_limit,
                                        publish_guide, g);
        publish_bound(rb, g);
        if (rc == MR_OK)
            rc = g->cb_rc;
        /* The bound is all the relaxation gives: the rest of the time
         * goes to a second neighbourhood search, its rosters swapped
         * with the first's (its own random neighbourhoods). Started at
         * the main search's widths instead of the first ones (10 people
         * where it starts at 3), M seeds 1-3 and 7-45 at 10 s: 2 and 2
         * runs above 0.1% (seed 16 on its bound in both), against 2-6
         * in seven runs without; where it ran, it found a better roster
         * in 7 of 18 runs (7 of 16 in two runs without). Not kept. */
        if (rc == MR_OK && !rb->infeasible && mr_run_left(rb) > 0) {
            rb->bg = g;
            rb->lns_stream = 1;
            rc = mr_stage_lns(rb, rb->deadline, 0);
            rb->bg = NULL;
            /* Its last roster too: the search ends without another
             * exchange when that roster closes the gap or the time is
             * out (benchmark M seed 1: the optimum found here at 5.0 s
             * was lost and the run ended at 0.20% gap). */
            pthread_mutex_lock(&g->mu);
            if (rc == MR_OK)
                rc = exchange(g, rb);
            pthread_mutex_unlock(&g->mu);
        }
    }
    mr_stage_free(rb);
    glp_free_env();
    pthread_mutex_lock(&g->mu);
    g->rc = rc;
    g->bound = rb->bound;
    g->infeasible = rb->infeasible;
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

int mr_bg_start(mr_run *r)
{
    mr_bg *g;
    size_t n = (size_t)r->b->mip.n_cols;

    if (r->bg != NULL || r->best == NULL)
        return MR_OK;
    if ((g = mr_calloc(1, sizeof *g)) == NULL)
        return MR_ENOMEM;
    g->rb = *r;
    g->rb.o.progress = NULL;
    g->rb.compact = NULL;
    g->rb.bg = NULL;
    g->rb.relax = NULL;
    g->rb.lag = NULL;
    g->bound = r->bound;
    g->shared_obj = HUGE_VAL;
    if ((g->rb.best = mr_malloc(n * sizeof *g->rb.best + 1)) == NULL
        || (g->shared = mr_malloc(n * sizeof *g->shared + 1)) == NULL) {
        mr_free(g->rb.best);
        mr_free(g);
        return MR_ENOMEM;
    }
    memcpy(g->rb.best, r->best, n * sizeof *r->best);
    atomic_init(&g->stop, 0);
    g->rb.stop = &g->stop;
    pthread_mutex_init(&g->mu, NULL);
    if (pthread_create(&g->th, NULL, work, g) != 0) {
        /* No thread: the caller solves the relaxation itself. */
        pthread_mutex_destroy(&g->mu);
        mr_free(g->rb.best);
        mr_free(g->shared);
        mr_free(g);
        return MR_OK;
    }
    r->bg = g;
    return MR_OK;
}

/* Takes what the thread published into r: its bound, and the
 * relaxation's latest values (r->relax). */
static void take(mr_run *r, mr_bg *g)
{
    mr_run_bound(r, g->bound);
    if (g->relax != NULL) {
        mr_free(r->relax);
        r->relax = g->relax;
        g->relax = NULL;
    }
    if (g->lag != NULL) {
        mr_free(r->lag);
        r->lag = g->lag;
        g->lag = NULL;
    }
}

int mr_bg_poll(mr_run *r)
{
    mr_bg *g = r->bg;
    int rc;

    if (g == NULL)
        return MR_OK;
    pthread_mutex_lock(&g->mu);
    rc = exchange(g, r);
    if (r != &g->rb)
        take(r, g);            /* the main thread: the bound too */
    pthread_mutex_unlock(&g->mu);
    return rc;
}

int mr_bg_join(mr_run *r)
{
    mr_bg *g = r->bg;
    int rc;

    if (g == NULL)
        return MR_OK;
    /* Once the main thread has closed the gap (or is out of time) the
     * thread's stages stop too, instead of running on to their own ends
     * (benchmark M seed 3 at 60 s: optimal at 4.8 s, the run ended at
     * 22.2 s when the thread's varied passes did). */
    if (mr_run_done(r) || mr_run_left(r) <= 0)
        atomic_store(&g->stop, 1);
    pthread_join(g->th, NULL);
    take(r, g);
    if (g->infeasible)
        r->infeasible = 1;
    rc = g->rc;
    if (rc == MR_OK)
        rc = exchange(g, r);
    pthread_mutex_destroy(&g->mu);
    mr_free(g->relax);
    mr_free(g->lag);
    mr_free(g->rb.best);
    mr_free(g->shared);
    mr_free(g);
    r->bg = NULL;
    return rc;
}

int mr_bg_running(const mr_run *r)
{
    return r->bg != NULL;
}
