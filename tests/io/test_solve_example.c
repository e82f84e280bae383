/* The solver on real services read by the loader: the example month of
 * SPEC.md solves to within 1% with a proven bound and a roster that
 * breaks no hard rule, and the 60-person service of data/east-60 keeps its
 * time limit and still gives a valid roster. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evaluate.h"
#include "load.h"
#include "solve.h"
#include "suites.h"
#include "verify.h"

static mr_model *load(const char *rel)
{
    const char *root = getenv("MR_SOURCE_ROOT");
    char dir[1024];
    mr_model *m = NULL;
    mr_diags d;

    snprintf(dir, sizeof dir, "%s/%s", root ? root : ".", rel);
    mr_diags_init(&d);
    ck_assert_int_eq(mr_load(dir, "2026-12", &m, &d), MR_OK);
    ck_assert_int_eq(d.n_errors, 0);
    mr_diags_clear(&d);
    return m;
}

/* No hard rule broken, and the evaluator counts the objective the model
 * gives the roster (demand and EA aside: they are counted from slots and
 * allocations laid out after the solve). */
static void check_roster(const mr_model *m, mr_solution *s)
{
    mr_diags d;
    double model = s->objective;

    mr_diags_init(&d);
    ck_assert_int_eq(mr_verify(m, s, &d), 0);
    mr_diags_clear(&d);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_double_eq_tol(s->objective - s->parts.demand
                                - s->parts.ea_unallocated,
                            model, 1e-6 * fmax(1, fabs(model)));
}

START_TEST(example_month_within_one_percent)
{
    mr_model *m = load("../shared/spec/example");
    mr_solve_opts o;
    mr_solution *s = NULL;

    mr_solve_opts_init(&o);
    o.time_limit = 10;
    o.gap = 0.01;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert(s->gap <= 0.01);
    ck_assert(s->bound > -1e300 && s->bound <= s->objective);
    ck_assert(s->seconds <= 11);
    ck_assert(s->first_seconds >= 0 && s->first_seconds <= s->seconds);
    ck_assert_int_gt(s->n_assign, 0);
    check_roster(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(example_lp_carries_the_constant)
{
    mr_model *m = load("../shared/spec/example");
    char path[] = "/tmp/mr_example_lp_XXXXXX", line[512];
    int fd = mkstemp(path), constant = 0, bounds = 0;
    FILE *f;

    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(mr_write_lp(m, path), MR_OK);
    ck_assert_ptr_nonnull(f = fopen(path, "r"));
    /* 12 people with requests: 50 * 12 = 600, fixed at 1. */
    while (fgets(line, sizeof line, f) != NULL) {
        constant |= strstr(line, "+ 600 constant") != NULL;
        bounds |= strstr(line, "constant = 1") != NULL;
    }
    fclose(f);
    remove(path);
    ck_assert(constant && bounds);
    mr_model_free(m);
}
END_TEST

START_TEST(large_service_keeps_the_time_limit)
{
    mr_model *m = load("data/east-60");
    mr_solve_opts o;
    mr_solution *s = NULL;

    mr_solve_opts_init(&o);
    o.time_limit = 3;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    ck_assert(s->seconds <= o.time_limit + 1);
    ck_assert(s->outcome == MR_OUT_TIME_LIMIT
              || s->outcome == MR_OUT_FEASIBLE);
    if (s->n_assign > 0)
        check_roster(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_solve_example(void)
{
    Suite *s = suite_create("solve_example");
    TCase *t = tcase_create("services");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, example_month_within_one_percent);
    tcase_add_test(t, example_lp_carries_the_constant);
    tcase_add_test(t, large_service_keeps_the_time_limit);
    suite_add_tcase(s, t);
    return s;
}
