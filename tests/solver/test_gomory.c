/* Gomory rounds on the compact relaxation (glpk_gomory.c), on the example
 * month (example_run.h). */
#include <check.h>
#include <math.h>
#include <stdio.h>

#include "example_run.h"
#include "glpk_int.h"
#include "suites.h"

/* The example up to its solved relaxation, without probing (which
 * tightens the relaxation to nearly the optimum). */
static void relaxed_run(mr_run *r, mr_model *m)
{
    ex_start_run(r, m, 30);
    ck_assert_int_eq(mr_stage_relax(r), MR_OK);
    ck_assert(mr_stage_relaxed(r));
}

static int published;
static void count(mr_run *r, void *arg)
{
    (void)r;
    (void)arg;
    published++;
}

/* Runs the rounds on r and checks that none was made: nothing
 * published, no cut left in the LP. */
static void no_round(mr_run *r, double until, double first)
{
    published = 0;
    ck_assert_int_eq(mr_stage_gomory(r, until, first, count, NULL), MR_OK);
    ck_assert_int_eq(published, 0);
    ck_assert_int_eq(glp_get_num_rows(r->compact), r->b->mip.n_rows);
}

/* The rounds raise the bound above the relaxation's, never above the
 * optimum, publish each round, and leave the LP solved for the
 * Lagrangian pass, whose bound stays valid. */
START_TEST(rounds_raise_the_bound)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double relaxed;

    relaxed_run(&r, m);
    relaxed = r.bound;
    published = 0;
    ck_assert_int_eq(mr_stage_gomory(&r, mr_clock() + 10, 0, count, NULL),
                     MR_OK);
    printf("gomory: relaxation %.4f, with cuts %.4f, %d rounds\n", relaxed,
           r.bound, published);
    ck_assert(r.bound > relaxed + 0.5);
    ck_assert(r.bound <= EXAMPLE_OPTIMUM + 1e-6);
    ck_assert_int_gt(published, 0);
    ck_assert(glp_get_num_rows(r.compact) > r.b->mip.n_rows);
    ck_assert(mr_stage_relaxed(&r));
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 10, 0, NULL, NULL),
                     MR_OK);
    ck_assert(r.bound <= EXAMPLE_OPTIMUM + 1e-6);
    ex_end_run(&r, m);
}
END_TEST

/* No round starts when the estimate of its time is not left: the bound
 * and the LP are the relaxation's. */
START_TEST(no_round_without_its_time)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double relaxed;

    relaxed_run(&r, m);
    relaxed = r.bound;
    no_round(&r, mr_clock() + 1, 2);
    ck_assert(r.bound == relaxed);
    ex_end_run(&r, m);
}
END_TEST

/* Once the bound has reached the best roster no round starts. */
START_TEST(no_round_once_the_gap_is_closed)
{
    mr_model *m = ex_example();
    mr_run r = {0};

    relaxed_run(&r, m);
    ck_assert_ptr_nonnull(r.best);
    r.bound = r.best_obj;
    no_round(&r, mr_clock() + 10, 0);
    ex_end_run(&r, m);
}
END_TEST

Suite *suite_gomory(void)
{
    Suite *s = suite_create("gomory");
    TCase *tc = tcase_create("gomory");

    tcase_add_test(tc, rounds_raise_the_bound);
    tcase_add_test(tc, no_round_without_its_time);
    tcase_add_test(tc, no_round_once_the_gap_is_closed);
    suite_add_tcase(s, tc);
    return s;
}
