/* Gomory rounds on the compact relaxation (glpk_gomory.c), on the example
 * month, whose optimum, 481.11631016, is proven by the small path and by
 * CBC on the written model. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>

#include "alloc.h"
#include "glpk_int.h"
#include "load.h"
#include "run.h"
#include "suites.h"

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

/* The example up to its solved relaxation, without probing (which
 * tightens the relaxation to nearly the optimum). */
static void relaxed_run(mr_run *r, mr_model *m)
{
    mr_glpk_hook();
    mr_solve_opts_init(&r->o);
    r->m = m;
    r->t0 = mr_clock();
    r->deadline = r->t0 + 30;
    r->best_obj = HUGE_VAL;
    r->bound = -HUGE_VAL;
    r->first_seconds = -1;
    ck_assert_int_eq(mr_lpb_build(m, &r->b), MR_OK);
    ck_assert_int_eq(mr_stage_construct(r), MR_OK);
    ck_assert_int_eq(mr_stage_relax(r), MR_OK);
    ck_assert(mr_stage_relaxed(r));
}

static void end_run(mr_run *r, mr_model *m)
{
    mr_stage_free(r);
    mr_free(r->best);
    mr_lpb_free(r->b);
    mr_model_free(m);
}

static int published;
static void count(mr_run *r, void *arg)
{
    (void)r;
    (void)arg;
    published++;
}

/* The rounds raise the bound above the relaxation's, never above the
 * optimum, publish each round, and leave the LP solved for the
 * Lagrangian pass, whose bound stays valid. */
START_TEST(rounds_raise_the_bound)
{
    mr_model *m = example();
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
    ck_assert(r.bound <= OPTIMUM + 1e-6);
    ck_assert_int_gt(published, 0);
    ck_assert(glp_get_num_rows(r.compact) > r.b->mip.n_rows);
    ck_assert(mr_stage_relaxed(&r));
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 10, 0, NULL, NULL),
                     MR_OK);
    ck_assert(r.bound <= OPTIMUM + 1e-6);
    end_run(&r, m);
}
END_TEST

/* No round starts when the estimate of its time is not left: the bound
 * and the LP are the relaxation's. */
START_TEST(no_round_without_its_time)
{
    mr_model *m = example();
    mr_run r = {0};
    double relaxed;

    relaxed_run(&r, m);
    relaxed = r.bound;
    published = 0;
    ck_assert_int_eq(mr_stage_gomory(&r, mr_clock() + 1, 2, count, NULL),
                     MR_OK);
    ck_assert(r.bound == relaxed);
    ck_assert_int_eq(published, 0);
    ck_assert_int_eq(glp_get_num_rows(r.compact), r.b->mip.n_rows);
    end_run(&r, m);
}
END_TEST

/* Once the bound has reached the best roster no round starts. */
START_TEST(no_round_once_the_gap_is_closed)
{
    mr_model *m = example();
    mr_run r = {0};

    relaxed_run(&r, m);
    ck_assert_ptr_nonnull(r.best);
    r.bound = r.best_obj;
    published = 0;
    ck_assert_int_eq(mr_stage_gomory(&r, mr_clock() + 10, 0, count, NULL),
                     MR_OK);
    ck_assert_int_eq(published, 0);
    ck_assert_int_eq(glp_get_num_rows(r.compact), r.b->mip.n_rows);
    end_run(&r, m);
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
