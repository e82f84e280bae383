/* Gomory rounds on the compact relaxation (glpk_gomory.c), on the example
 * month (example_run.h). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "example_run.h"
/* glp_gmi_gen(), GLPK's own cuts, to compare against */
#define GLP_UNDOC 1
#include "glpk_int.h"
#include "mskrota.h"
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
    ck_assert_int_eq(mr_stage_gomory(r, until, 0, first, count, NULL), MR_OK);
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
    ck_assert_int_eq(mr_stage_gomory(&r, mr_clock() + 10, 0, 0, count,
                                     NULL),
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

/* The Lagrangian pass prices every row the LP has past the model's, as
 * it must the Gomory cuts: with the cut "objective >= the optimum" (valid
 * for every roster) the LP's optimum is the example's, and so must be the
 * pass's bound, at most the pricing's tolerance below. Without the cut's
 * dual the pass is left with the model rows' and falls short. */
START_TEST(lagrangian_pass_prices_the_cuts)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    const mr_mip *p;
    glp_smcp sp;
    int *ind, n = 0, row;
    double *val;

    relaxed_run(&r, m);
    p = &r.b->mip;
    ind = malloc(((size_t)p->n_cols + 1) * sizeof *ind);
    val = malloc(((size_t)p->n_cols + 1) * sizeof *val);
    ck_assert(ind != NULL && val != NULL);
    for (int j = 0; j < p->n_cols; j++)
        if (p->cols[j].obj != 0) {
            ind[++n] = j + 1;
            val[n] = p->cols[j].obj;
        }
    row = glp_add_rows(r.compact, 1);
    glp_set_mat_row(r.compact, row, n, ind, val);
    glp_set_row_bnds(r.compact, row, GLP_LO, EXAMPLE_OPTIMUM - p->obj0, 0);
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    ck_assert_int_eq(glp_simplex(r.compact, &sp), 0);
    ck_assert(mr_stage_relaxed(&r));
    ck_assert_double_eq_tol(glp_get_obj_val(r.compact), EXAMPLE_OPTIMUM,
                            1e-6);
    r.bound = -HUGE_VAL;
    ck_assert_int_eq(mr_stage_lagrange(&r, mr_clock() + 10, 0, NULL, NULL),
                     MR_OK);
    printf("gomory: Lagrangian pass with the objective cut %.6f\n", r.bound);
    ck_assert(r.bound >= EXAMPLE_OPTIMUM * (1 - 1e-6));
    ck_assert(r.bound <= EXAMPLE_OPTIMUM + 1e-6);
    free(ind);
    free(val);
    ex_end_run(&r, m);
}
END_TEST

static int unsolved;
static void count_unsolved(int level, const char *text, void *user)
{
    (void)level;
    (void)user;
    unsolved += strstr(text, "gomory: round 1 unsolved") != NULL;
}

/* A round whose re-solve runs out of time takes its cuts out and puts
 * the relaxation back, solved, for the stages that read its duals and
 * values; the bound stays the relaxation's. */
START_TEST(round_out_of_time_puts_the_relaxation_back)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    double relaxed, obj;

    relaxed_run(&r, m);
    relaxed = r.bound;
    obj = glp_get_obj_val(r.compact);
    /* the round starts (no estimate to wait for) with no time for its
     * re-solve */
    unsolved = 0;
    mr_set_log(count_unsolved, NULL);
    no_round(&r, mr_clock(), -1);
    mr_set_log(NULL, NULL);
    ck_assert_int_eq(unsolved, 1);
    ck_assert(r.bound == relaxed);
    ck_assert(mr_stage_relaxed(&r));
    ck_assert(fabs(glp_get_obj_val(r.compact) - obj) <= 1e-9 * fabs(obj));
    ex_end_run(&r, m);
}
END_TEST

/* The cuts of mr_gmi_gen() are GLPK's glp_gmi_gen() cuts, one for one
 * up to round-off, and every one holds for a roster that meets the hard
 * rules (the constructed one). */
START_TEST(cuts_are_glpks_and_valid)
{
    mr_model *m = ex_example();
    mr_run r = {0};
    glp_prob *mine = glp_create_prob(), *theirs = glp_create_prob();
    int n, k, k_glpk, *ind;
    double *val, *dense;

    relaxed_run(&r, m);
    ck_assert_ptr_nonnull(r.best);
    n = glp_get_num_cols(r.compact);
    glp_add_cols(mine, n);
    glp_add_cols(theirs, n);
    ck_assert_int_eq(mr_gmi_gen(r.compact, mine, 500, &k), MR_OK);
    k_glpk = glp_gmi_gen(r.compact, theirs, 500);
    ck_assert_int_gt(k, 0);
    ck_assert_int_eq(k, k_glpk);
    ind = malloc(((size_t)n + 1) * sizeof *ind);
    val = malloc(((size_t)n + 1) * sizeof *val);
    dense = calloc((size_t)n + 1, sizeof *dense);
    ck_assert(ind != NULL && val != NULL && dense != NULL);
    for (int q = 1; q <= k; q++) {
        int len = glp_get_mat_row(mine, q, ind, val);
        double lhs = 0, rhs = glp_get_row_lb(mine, q);
        ck_assert_int_eq(glp_get_row_type(mine, q), GLP_LO);
        ck_assert_double_eq_tol(rhs, glp_get_row_lb(theirs, q), 1e-9);
        for (int e = 1; e <= len; e++) {
            dense[ind[e]] += val[e];
            lhs += val[e] * r.best[ind[e] - 1];
        }
        ck_assert(lhs >= rhs - 1e-6);
        len = glp_get_mat_row(theirs, q, ind, val);
        for (int e = 1; e <= len; e++)
            dense[ind[e]] -= val[e];
        for (int j = 1; j <= n; j++) {
            ck_assert(fabs(dense[j]) <= 1e-9);
            dense[j] = 0;
        }
    }
    free(ind);
    free(val);
    free(dense);
    glp_delete_prob(mine);
    glp_delete_prob(theirs);
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

/* Rounds run on past until only while the cuts gain at least 0.1% a
 * round and one more such round would pass the Lagrangian bound: M seed
 * 16's rounds 2 and 3 (1,790.03 after a gain of 6.29, 1,793.08 after
 * 3.05) against its pass's 1,792.97 go on; a round short of the bound by
 * more than its gain, or gaining less, ends at until. */
START_TEST(rounds_go_on_only_while_the_cuts_lead)
{
    mr_run r = {0};
    double guide = 0;

    ck_assert_double_eq(mr_gomory_end(&r, 5, 7, 1785.00, 6.29), 7);
    r.lag = &guide;
    r.lag_bound = 1792.97;
    ck_assert_double_eq(mr_gomory_end(&r, 5, 7, 1790.03, 6.29), 7);
    ck_assert_double_eq(mr_gomory_end(&r, 5, 7, 1793.08, 3.05), 7);
    ck_assert_double_eq(mr_gomory_end(&r, 5, 7, 1785.00, 6.29), 5);
    ck_assert_double_eq(mr_gomory_end(&r, 5, 7, 1793.08, 1.70), 5);
    /* never earlier than until */
    ck_assert_double_eq(mr_gomory_end(&r, 5, 0, 1793.08, 3.05), 5);
}
END_TEST

Suite *suite_gomory(void)
{
    Suite *s = suite_create("gomory");
    TCase *tc = tcase_create("gomory");

    tcase_add_test(tc, rounds_raise_the_bound);
    tcase_add_test(tc, cuts_are_glpks_and_valid);
    tcase_add_test(tc, lagrangian_pass_prices_the_cuts);
    tcase_add_test(tc, round_out_of_time_puts_the_relaxation_back);
    tcase_add_test(tc, no_round_without_its_time);
    tcase_add_test(tc, no_round_once_the_gap_is_closed);
    tcase_add_test(tc, rounds_go_on_only_while_the_cuts_lead);
    suite_add_tcase(s, tc);
    return s;
}
