/* The large models' path on the example month, forced by small_up_to:
 * the bound on a second thread (glpk_bound.c), the Lagrangian pass
 * (glpk_lagrange.c) and the four kinds of neighbourhood (glpk_lns.c).
 * The example and its optimum: example_run.h. */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "evaluate.h"
#include "example_run.h"
#include "glpk_int.h"
#include "load.h"
#include "log.h"
#include "run.h"
#include "solve.h"
#include "suites.h"
#include "verify.h"

/* Solves the example on the large path with the given threads: a verified
 * roster, its objective recounted by the evaluator, a bound no higher than
 * the optimum. */
static void solve_large(int threads)
{
    mr_model *m = ex_example();
    mr_solution *s = NULL;
    mr_solve_opts o;
    mr_diags d;

    mr_solve_opts_init(&o);
    o.time_limit = 6;
    o.threads = threads;
    o.small_up_to = 1;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    ck_assert_int_gt(s->n_assign, 0);
    mr_diags_init(&d);
    ck_assert_int_eq(mr_verify(m, s, &d), 0);
    mr_diags_clear(&d);
    ck_assert(s->objective >= EXAMPLE_OPTIMUM - 1e-6);
    /* the relaxation finishes here: a real bound, and a valid one */
    ck_assert(s->bound > 470);
    ck_assert(s->bound <= EXAMPLE_OPTIMUM + 1e-6);
    ck_assert(s->seconds <= o.time_limit + 1.0);
    mr_solution_free(s);
    mr_model_free(m);
}

START_TEST(bound_on_a_second_thread)
{
    solve_large(2);
}
END_TEST

START_TEST(bound_on_one_thread)
{
    solve_large(1);
}
END_TEST

/* Solves the example's relaxation, then the Lagrangian pass with its end
 * `until` seconds from now: the pass must give a bound above the
 * relaxation's and below the optimum. */
static void lagrange_beats_relaxation(double until)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double relaxed;

    ex_start_run(&r, m, 20);
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    ck_assert(mr_stage_relaxed(&r));
    relaxed = r.bound;
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + until, 0, NULL,
                                       NULL), MR_OK);
    ck_assert(r.bound > relaxed + 1.0);
    ck_assert(r.bound <= EXAMPLE_OPTIMUM + 1e-6);
    ex_end_run(&r, m);
}

/* The Lagrangian pass at the relaxation's duals prices every person's own
 * rules as integers: a bound above the relaxation, below the optimum
 * (measured: relaxation 475.56 without probing, Lagrangian 481.116). */
START_TEST(lagrangian_bound_beats_the_relaxation)
{
    lagrange_beats_relaxation(10);
}
END_TEST

/* A pass that starts past its time still prices everybody, each for a
 * moment, and ends with a valid bound (it used to end with none). */
START_TEST(lagrangian_pass_out_of_time_still_bounds)
{
    lagrange_beats_relaxation(-1);
}
END_TEST

/* Each person's cheapest schedule, kept with the guide: within the
 * columns' bounds, costing their minimum at the guide's prices. */
static void check_cheapest(const mr_run *r, double *cost)
{
    const mr_mip *p = &r->b->mip;
    const double *cheap = MR_LAG_CHEAPEST(r->lag, p->n_cols, r->b->n_staff);
    int n_x_cheap = 0;

    for (int s = 0; s < r->b->n_staff; s++)
        cost[s] = 0;
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].owner >= 0 && cheap[j] >= 0) {
            ck_assert(cheap[j] >= p->cols[j].lb - 1e-9
                      && cheap[j] <= p->cols[j].ub + 1e-9);
            cost[p->cols[j].owner] += r->lag[j] * cheap[j];
            n_x_cheap += j < r->b->n_x && cheap[j] > 0.5;
        }
    for (int s = 0; s < r->b->n_staff; s++)
        ck_assert_double_eq_tol(cost[s], r->lag[p->n_cols + s],
                                1e-6 * fmax(1, fabs(cost[s])));
    ck_assert_int_gt(n_x_cheap, 0);
}

/* The Lagrangian guide (run.h) read against r's best roster: every
 * person's cost at its prices is at least their minimum there, and the
 * excesses add up to no more than the roster's objective less the bound
 * (the rest is the linking rows' slack terms, each at least 0).
 * And the cheapest schedules (check_cheapest). */
static void check_guide(const mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    double *excess = calloc((size_t)r->b->n_staff + 1, sizeof *excess);
    double sum = 0;

    ck_assert_ptr_nonnull(r->lag);
    ck_assert_ptr_nonnull(excess);
    for (int s = 0; s < r->b->n_staff; s++)
        excess[s] = -r->lag[p->n_cols + s];
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].owner >= 0)
            excess[p->cols[j].owner] += r->lag[j] * r->best[j];
    for (int s = 0; s < r->b->n_staff; s++) {
        ck_assert(excess[s] >= -1e-6);
        sum += excess[s];
    }
    ck_assert(sum <= r->best_obj - r->bound + 1e-6 * fabs(r->best_obj));
    check_cheapest(r, excess);
    free(excess);
}

/* On the constructed roster (far from the optimum) somebody is above
 * their cheapest schedule. */
START_TEST(lagrangian_guide_prices_each_person)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double sum = 0;

    ex_start_run(&r, m, 20);
    ck_assert_ptr_null(r.lag);
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 10, 0, NULL, NULL),
                     MR_OK);
    check_guide(&r);
    for (int j = 0; j < r.b->mip.n_cols; j++)
        if (r.b->mip.cols[j].owner >= 0)
            sum += r.lag[j] * r.best[j];
    for (int s = 0; s < r.b->n_staff; s++)
        sum -= r.lag[r.b->mip.n_cols + s];
    ck_assert(sum > 1.0);
    ex_end_run(&r, m);
}
END_TEST

/* How many times the Lagrangian pass published its guide. */
static int published;

static void count_published(mr_run *r, void *arg)
{
    (void)arg;
    ck_assert_ptr_nonnull(r->lag);
    published++;
}

/* The varied flags of r's guide: 0 or 1, set on every column of the
 * cheapest schedules; the number set on people's columns. */
static int count_varied(const mr_run *r)
{
    const mr_mip *p = &r->b->mip;
    const double *cheap = MR_LAG_CHEAPEST(r->lag, p->n_cols, r->b->n_staff);
    const double *varied = MR_LAG_VARIED(r->lag, p->n_cols, r->b->n_staff);
    int n = 0;

    for (int j = 0; j < p->n_cols; j++) {
        ck_assert(varied[j] == 0 || varied[j] == 1);
        if (cheap[j] > 0.5)
            ck_assert(varied[j] == 1);
        n += p->cols[j].owner >= 0 && varied[j] == 1;
    }
    return n;
}

/* Without time for varied passes the varied flags are the cheapest
 * schedules'; with it, the passes add columns (on the example the
 * first pass's schedules are among several cheapest ones), and each
 * pass that adds publishes the guide again. */
START_TEST(varied_passes_add_to_the_guide)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    int n_cheapest = 0, n_varied;

    ex_start_run(&r, m, 30);
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    published = 0;
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 5, 0,
                                       count_published, NULL), MR_OK);
    ck_assert_int_eq(published, 1);
    for (int j = 0; j < r.b->mip.n_cols; j++)
        n_cheapest += r.b->mip.cols[j].owner >= 0
                      && MR_LAG_CHEAPEST(r.lag, r.b->mip.n_cols,
                                         r.b->n_staff)[j] > 0.5;
    ck_assert_int_eq(count_varied(&r), n_cheapest);
    published = 0;
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 5,
                                       mr_clock() + 10,
                                       count_published, NULL), MR_OK);
    check_guide(&r);
    n_varied = count_varied(&r);
    ck_assert_int_gt(n_varied, n_cheapest);
    ck_assert_int_ge(published, 2);
    ex_end_run(&r, m);
}
END_TEST

/* The bound thread hands its guide to the main search. */
START_TEST(lagrangian_guide_crosses_the_thread)
{
    mr_model *m = ex_example();
    mr_run r = {0};

    ex_start_run(&r, m, 3);
    r.o.time_limit = 3;
    ck_assert_int_eq(mr_bg_start(&r), MR_OK);
    ck_assert(mr_bg_running(&r));
    ck_assert_int_eq(mr_bg_join(&r), MR_OK);
    check_guide(&r);
    ex_end_run(&r, m);
}
END_TEST

/* The lowest roster either thread has logged (the log is shared). */
static pthread_mutex_t lowest_mu = PTHREAD_MUTEX_INITIALIZER;
static double lowest;

static void keep_lowest(int level, const char *text, void *user)
{
    double v;
    (void)level;
    (void)user;
    if (sscanf(text, "solve: roster %lf at", &v) == 1) {
        pthread_mutex_lock(&lowest_mu);
        lowest = fmin(lowest, v);
        pthread_mutex_unlock(&lowest_mu);
    }
}

/* Every roster the thread's search finds reaches the main run, its last
 * one too: with the whole time on the thread, the main run ends with the
 * best roster either has logged. */
START_TEST(thread_hands_over_its_last_roster)
{
    mr_model *m = ex_example();
    mr_run r = {0};

    ex_start_run(&r, m, 4);
    r.o.time_limit = 4;
    lowest = r.best_obj;
    mr_set_log(keep_lowest, NULL);
    ck_assert_int_eq(mr_bg_start(&r), MR_OK);
    ck_assert_int_eq(mr_bg_join(&r), MR_OK);
    mr_set_log(NULL, NULL);
    ck_assert(lowest < EXAMPLE_OPTIMUM + 50);      /* the thread did search */
    /* the log prints six digits */
    ck_assert_double_eq_tol(r.best_obj, lowest, 1e-5 * fabs(lowest));
    ex_end_run(&r, m);
}
END_TEST

/* Once the main run has closed the gap, joining the thread stops its
 * stages at once instead of letting them run to the deadline (30 s
 * here; the thread's own search would not close the gap of its copy). */
START_TEST(thread_stops_once_the_main_run_is_done)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double t0;

    ex_start_run(&r, m, 30);
    r.o.time_limit = 30;
    r.o.gap = 0;                        /* the thread's copy never done */
    ck_assert_int_eq(mr_bg_start(&r), MR_OK);
    ck_assert(mr_bg_running(&r));
    r.bound = r.best_obj;               /* as if proven optimal */
    t0 = mr_clock();
    ck_assert_int_eq(mr_bg_join(&r), MR_OK);
    ck_assert(mr_clock() - t0 < 10);
    ex_end_run(&r, m);
}
END_TEST

/* The values of a relaxation on its way: none before it starts, within
 * every column's bounds once solved, and then the same as the solved
 * relaxation's. */
START_TEST(relaxation_values_on_the_way)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double *now, *solved;

    ex_start_run(&r, m, 20);
    ck_assert_ptr_null(mr_stage_relax_x_now(&r));
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    now = mr_stage_relax_x_now(&r);
    solved = mr_stage_relax_x(&r);
    ck_assert_ptr_nonnull(now);
    ck_assert_ptr_nonnull(solved);
    for (int j = 0; j < r.b->n_x; j++) {
        ck_assert(now[j] >= r.b->mip.cols[j].lb - 1e-9);
        ck_assert(now[j] <= r.b->mip.cols[j].ub + 1e-9);
        ck_assert_double_eq(now[j], solved[j]);
    }
    mr_free(now);
    mr_free(solved);
    ex_end_run(&r, m);
}
END_TEST

/* The pool neighbourhoods' share of the search, from its closing log. */
static int pool_tried = -1;

static void keep_pool(int level, const char *text, void *user)
{
    const char *at = strstr(text, "pool ");
    int won, tried;
    (void)level;
    (void)user;
    if (strncmp(text, "solve: neighbourhood search", 27) == 0 && at != NULL
        && sscanf(at, "pool %d/%d", &won, &tried) == 2)
        pool_tried = tried;
}

/* Without the guide there is no pool; with it, the search draws pool
 * neighbourhoods too, and its roster still meets every row. */
START_TEST(pool_neighbourhoods_follow_the_guide)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double before;
    int worst;

    ex_start_run(&r, m, 8);
    mr_set_log(keep_pool, NULL);
    ck_assert_int_eq(mr_stage_lns(&r, mr_clock() + 1, 0), MR_OK);
    ck_assert_int_eq(pool_tried, 0);
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 3, 0, NULL, NULL),
                     MR_OK);
    ck_assert_ptr_nonnull(r.lag);
    before = r.best_obj;
    pool_tried = -1;
    r.bound = -HUGE_VAL;       /* not stopped by an optimum proven */
    ck_assert_int_eq(mr_stage_lns(&r, mr_clock() + 2, 0), MR_OK);
    mr_set_log(NULL, NULL);
    ck_assert_int_gt(pool_tried, 0);
    ck_assert(r.best_obj <= before);
    ck_assert(mr_mip_violation(&r.b->mip, r.best, &worst) < 1e-6);
    ex_end_run(&r, m);
}
END_TEST

/* The people who could fill a cover shortfall are exactly those with an
 * x in the shortfall's cover row, found here by walking the rows (the
 * search's index goes by column); nobody else is marked, and a cover
 * entry nobody can work marks nobody. */
START_TEST(shortfall_fillers_are_the_rows_people)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    mr_sub sub;
    const mr_mip *p;
    unsigned char *in, *want;
    int n_checked = 0;

    ex_start_run(&r, m, 30);
    p = &r.b->mip;
    ck_assert_int_eq(mr_sub_init(&sub, &r), MR_OK);
    in = calloc((size_t)r.b->n_staff + 1, 1);
    want = calloc((size_t)r.b->n_staff + 1, 1);
    ck_assert(in != NULL && want != NULL);
    for (int col = r.b->n_x; col < p->n_cols; col++) {
        int n_in = 0;
        if (p->cols[col].tag != MR_TAG_COVER)
            continue;
        memset(in, 0, (size_t)r.b->n_staff);
        memset(want, 0, (size_t)r.b->n_staff);
        for (int i = 0; i < p->n_rows; i++) {
            const mr_mip_row *row = &p->rows[i];
            int has = 0;
            for (int e = row->beg; e < row->beg + row->len; e++)
                has |= p->ind[e] == col;
            for (int e = row->beg; has && e < row->beg + row->len; e++)
                if (p->ind[e] < r.b->n_x)
                    want[p->cols[p->ind[e]].owner] = 1;
        }
        mr_sub_fillers(&sub, col, in);
        for (int q = 0; q < r.b->n_staff; q++) {
            ck_assert_int_eq(in[q], want[q]);
            n_in += in[q];
        }
        n_checked += n_in > 0;
    }
    ck_assert_int_gt(n_checked, 0);     /* somebody can cover something */
    free(in);
    free(want);
    mr_sub_free(&sub);
    ex_end_run(&r, m);
}
END_TEST

/* The search shares its time among the kinds of neighbourhood by their
 * rates: a quick kind is drawn more often for the same rate, time spent
 * per kind follows the rate, a kind with nothing found yet keeps a tenth
 * of the top kind's time, and a kind that is off is never drawn. */
START_TEST(kinds_share_the_time_by_their_rate)
{
    const double rate[4] = {2.0, 0.0, 0.5, 5.0};
    const double secs[4] = {0.25, 0.25, 0.025, 0.1};
    const int on[4] = {1, 1, 1, 0};
    double odds[4];

    mr_lns_odds(rate, secs, on, 4, odds);
    ck_assert(odds[2] > odds[0]);         /* a quarter the rate, ten times
                                             as quick */
    ck_assert_double_eq_tol(odds[0] * secs[0] / (odds[2] * secs[2]),
                            rate[0] / rate[2], 1e-6);
    ck_assert_double_eq_tol(odds[1] * secs[1], 0.1 * odds[0] * secs[0],
                            1e-6);
    ck_assert(odds[3] == 0);
}
END_TEST

/* A neighbourhood built as its own MIP (glpk_sub.c): from the constructed
 * roster, freeing a few people at a time, each roster it offers is better
 * and meets every row of the whole model; with nothing free it finishes
 * at once and changes nothing. */
START_TEST(neighbourhood_mips_keep_the_whole_model)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    mr_sub sub;
    unsigned char *free_x;
    double first;
    int finished, worst;

    ex_start_run(&r, m, 30);
    ck_assert_ptr_nonnull(r.best);
    first = r.best_obj;
    ck_assert_int_eq(mr_sub_init(&sub, &r), MR_OK);
    free_x = calloc((size_t)r.b->n_x + 1, 1);
    ck_assert_ptr_nonnull(free_x);
    ck_assert_int_eq(mr_sub_search(&sub, free_x, 5, &finished), MR_OK);
    ck_assert_int_eq(finished, 1);
    ck_assert_double_eq(r.best_obj, first);
    for (int p = 0; p + 2 < r.b->n_staff; p += 3) {
        double before = r.best_obj;
        int lo = r.b->first[mr_lpb_sess(r.b, p, 0, 0)];
        int hi = r.b->first[mr_lpb_sess(r.b, p + 3, 0, 0)];
        for (int j = 0; j < r.b->n_x; j++)
            free_x[j] = j >= lo && j < hi;
        ck_assert_int_eq(mr_sub_search(&sub, free_x, 5, &finished), MR_OK);
        ck_assert(r.best_obj <= before);
        ck_assert(mr_mip_violation(&r.b->mip, r.best, &worst) < 1e-6);
        ck_assert_double_eq_tol(mr_mip_objective(&r.b->mip, r.best),
                                r.best_obj, 1e-6);
    }
    /* the construction is far from the optimum: the searches improve it */
    ck_assert(r.best_obj < first - 1.0);
    ck_assert(r.best_obj >= EXAMPLE_OPTIMUM - 1e-6);
    /* everybody free: better rosters until none is left, and the search
     * that finds none (its cutoff row infeasible) says it has finished */
    memset(free_x, 1, (size_t)r.b->n_x);
    for (int i = 0; i < 5; i++) {
        double before = r.best_obj;
        ck_assert_int_eq(mr_sub_search(&sub, free_x, 20, &finished), MR_OK);
        if (r.best_obj == before)
            break;
    }
    ck_assert_int_eq(finished, 1);
    ck_assert_double_eq_tol(r.best_obj, EXAMPLE_OPTIMUM, EXAMPLE_OPTIMUM * r.o.gap + 1e-6);
    /* a best far below what any roster costs: the presolver proves the
     * cutoff row infeasible, which is finished too */
    r.best_obj = EXAMPLE_OPTIMUM - 100;
    finished = 0;
    ck_assert_int_eq(mr_sub_search(&sub, free_x, 20, &finished), MR_OK);
    ck_assert_int_eq(finished, 1);
    ck_assert_double_eq(r.best_obj, EXAMPLE_OPTIMUM - 100);
    free(free_x);
    mr_sub_free(&sub);
    ex_end_run(&r, m);
}
END_TEST

Suite *suite_solve_large(void)
{
    Suite *s = suite_create("solve_large");
    TCase *t = tcase_create("core");

    tcase_set_timeout(t, 60);
    tcase_add_test(t, bound_on_a_second_thread);
    tcase_add_test(t, bound_on_one_thread);
    tcase_add_test(t, lagrangian_bound_beats_the_relaxation);
    tcase_add_test(t, lagrangian_pass_out_of_time_still_bounds);
    tcase_add_test(t, lagrangian_guide_prices_each_person);
    tcase_add_test(t, lagrangian_guide_crosses_the_thread);
    tcase_add_test(t, varied_passes_add_to_the_guide);
    tcase_add_test(t, thread_hands_over_its_last_roster);
    tcase_add_test(t, thread_stops_once_the_main_run_is_done);
    tcase_add_test(t, relaxation_values_on_the_way);
    tcase_add_test(t, neighbourhood_mips_keep_the_whole_model);
    tcase_add_test(t, pool_neighbourhoods_follow_the_guide);
    tcase_add_test(t, shortfall_fillers_are_the_rows_people);
    tcase_add_test(t, kinds_share_the_time_by_their_rate);
    suite_add_tcase(s, t);
    return s;
}
