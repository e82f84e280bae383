/* Allocation-failure sweeps (issue 9): the n-th allocation of a whole run
 * is made to fail, for every n, over (1) mr_load() of data/example with its
 * month, which reads every file and resolves, and (2) mr_solve_month() of a
 * tiny fixture service. Each failure must come back as MR_ENOMEM with
 * nothing half-built handed out; leaks are caught by the sanitizer build
 * (meson setup ... -Db_sanitize=address,undefined), where LeakSanitizer
 * fails the test's process at exit and is also asked once at the end of
 * each sweep for a message that names the sweep. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fixture.h"
#include "load.h"
#include "model.h"
#include "roster.h"
#include "solve.h"
#include "suites.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#if SANITIZED
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK(what) \
    ck_assert_msg(__lsan_do_recoverable_leak_check() == 0, "%s leaked", what)
#else
#define LEAK_CHECK(what) ((void)(what))
#endif

static void example_dir(char *buf, size_t size)
{
    const char *r = getenv("MR_SOURCE_ROOT");
    snprintf(buf, size, "%s/data/example", r != NULL && *r ? r : ".");
}

START_TEST(load_example_every_allocation_fails_in_turn)
{
    char dir[1024];
    mr_model *m = NULL;
    mr_diags d;
    long n;
    int rc;

    example_dir(dir, sizeof dir);
    mr_diags_init(&d);
    mr_alloc_fail_at(0);
    rc = mr_load(dir, "2026-12", &m, &d);
    n = mr_alloc_fail_at(0);
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_gt(m->n_staff, 0);
    ck_assert_int_gt(m->n_prefs, 0);
    ck_assert_int_gt(m->n_referrals, 0);
    mr_model_free(m);
    mr_diags_clear(&d);
    ck_assert_int_gt(n, 100);
    for (long k = 1; k <= n; k++) {
        m = NULL;
        mr_diags_init(&d);
        mr_alloc_fail_at(k);
        rc = mr_load(dir, "2026-12", &m, &d);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_ENOMEM, "allocation %ld of %ld: status %d",
                      k, n, rc);
        ck_assert_msg(m == NULL, "allocation %ld of %ld: a model came back",
                      k, n);
        mr_diags_clear(&d);
    }
    LEAK_CHECK("mr_load");
}
END_TEST

#define AM   0x1u
#define PM   0x2u
#define TUE  0x2u
#define WED  0x4u

/* One hub with a room, two people: the smallest month with a roster. */
static mr_model *tiny(void)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM);
    fx_room(m, "t1", "treatment");
    fx_staff(m, "a", MR_ROLE_PHYSIO, 2, TUE | WED, AM | PM);
    fx_staff(m, "b", MR_ROLE_PHYSIO, 1, TUE, AM);
    return m;
}

START_TEST(solve_tiny_every_allocation_fails_in_turn)
{
    mr_model *m = tiny();
    mr_solve_opts o;
    mr_solution *s = NULL;
    long n;
    int rc;

    mr_solve_opts_init(&o);
    o.time_limit = 10;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    mr_alloc_fail_at(0);
    rc = mr_solve_month(m, &o, s);
    n = mr_alloc_fail_at(0);
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_int_gt(s->n_assign, 0);
    mr_solution_free(s);
    ck_assert_int_gt(n, 10);
    for (long k = 1; k <= n; k++) {
        s = NULL;
        ck_assert_int_eq(mr_solution_new(&s), MR_OK);
        mr_alloc_fail_at(k);
        rc = mr_solve_month(m, &o, s);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_ENOMEM, "allocation %ld of %ld: status %d",
                      k, n, rc);
        mr_solution_free(s);
    }
    mr_model_free(m);
    LEAK_CHECK("mr_solve_month");
}
END_TEST

Suite *suite_alloc_sweep(void)
{
    Suite *s = suite_create("alloc_sweep");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, load_example_every_allocation_fails_in_turn);
    tcase_add_test(tc, solve_tiny_every_allocation_fails_in_turn);
    suite_add_tcase(s, tc);
    return s;
}
