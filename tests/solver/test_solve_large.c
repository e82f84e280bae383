/* The large models' path on the example month, forced by small_up_to:
 * the bound on a second thread (glpk_bound.c), the Lagrangian pass
 * (glpk_lagrange.c) and the three kinds of neighbourhood (glpk_lns.c).
 * The example's optimum, 481.11631016, is proven by the small path and by
 * CBC on the written model. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "evaluate.h"
#include "load.h"
#include "run.h"
#include "solve.h"
#include "suites.h"
#include "verify.h"

#define OPTIMUM 481.11631016

static mr_model *example(void)
{
    const char *root = getenv("MR_SOURCE_ROOT");
    char dir[4096];
    mr_model *m = NULL;
    mr_diags d;

    snprintf(dir, sizeof dir, "%s/data/example", root != NULL ? root : ".");
    mr_diags_init(&d);
    ck_assert_int_eq(mr_load(dir, "2026-12", &m, &d), MR_OK);
    mr_diags_clear(&d);
    return m;
}

/* Solves the example on the large path with the given threads: a verified
 * roster, its objective recounted by the evaluator, a bound no higher than
 * the optimum. */
static void solve_large(int threads)
{
    mr_model *m = example();
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
    ck_assert(s->objective >= OPTIMUM - 1e-6);
    /* the relaxation finishes here: a real bound, and a valid one */
    ck_assert(s->bound > 470);
    ck_assert(s->bound <= OPTIMUM + 1e-6);
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

/* The Lagrangian pass at the relaxation's duals prices every person's own
 * rules as integers: a bound above the relaxation, below the optimum
 * (measured: relaxation 475.56 without probing, Lagrangian 481.116). */
START_TEST(lagrangian_bound_beats_the_relaxation)
{
    mr_model *m = example();
    mr_run r = {0};
    double relaxed;

    mr_glpk_hook();
    mr_solve_opts_init(&r.o);
    r.m = m;
    r.t0 = mr_clock();
    r.deadline = r.t0 + 20;
    r.best_obj = HUGE_VAL;
    r.bound = -HUGE_VAL;
    r.first_seconds = -1;
    ck_assert_int_eq(mr_lpb_build(m, &r.b), MR_OK);
    ck_assert_int_eq(mr_stage_construct(&r), MR_OK);
    ck_assert_int_eq(mr_stage_relax(&r), MR_OK);
    ck_assert(mr_stage_relaxed(&r));
    relaxed = r.bound;
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 10), MR_OK);
    ck_assert(r.bound > relaxed + 1.0);
    ck_assert(r.bound <= OPTIMUM + 1e-6);
    mr_stage_free(&r);
    mr_free(r.best);
    mr_lpb_free(r.b);
    mr_model_free(m);
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
    suite_add_tcase(s, t);
    return s;
}
