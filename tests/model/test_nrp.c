/* Tests of model/nrp.c: the Curtois-Qu evaluator, rule by rule, on a tiny
 * instance built in code (two weeks, shifts E and L, L forbids E next day),
 * with the boundary conventions of FORMAT.md. The reference optima of the
 * real instances are checked in tests/io/test_nrp_reader.c, which can read
 * the files. */
#include <check.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "nrp.h"
#include "suites.h"

enum { E_ = 0, L_ = 1, O_ = MR_NRP_OFF, H = 14 };

static char *dup(const char *s)
{
    char *c = mr_malloc(strlen(s) + 1);
    ck_assert_ptr_nonnull(c);
    strcpy(c, s);
    return c;
}

/* One or two employees; limits loose unless a test tightens them; cover 0
 * everywhere with weights 0 so that only requests or the test's own cover
 * count. */
static mr_nrp *tiny(int n_staff)
{
    mr_nrp *p;
    ck_assert_int_eq(mr_nrp_new(H, 2, n_staff, &p), MR_OK);
    p->shift_ids[E_] = dup("E");
    p->shift_ids[L_] = dup("L");
    p->shift_len[E_] = 480;
    p->shift_len[L_] = 480;
    p->forbid[L_ * 2 + E_] = 1;
    for (int e = 0; e < n_staff; e++) {
        char id[8];
        id[0] = (char)('A' + e);
        id[1] = '\0';
        p->staff_ids[e] = dup(id);
        p->max_shifts[e * 2 + E_] = H;
        p->max_shifts[e * 2 + L_] = H;
        p->max_minutes[e] = 480 * H;
        p->min_minutes[e] = 0;
        p->max_consec[e] = H;
        p->min_consec[e] = 1;
        p->min_off[e] = 1;
        p->max_weekends[e] = 2;
    }
    return p;
}

/* Parses a schedule like "EE-LL--EEEEE--" into s[H]. */
static void sched(int *s, const char *txt)
{
    ck_assert_int_eq((int)strlen(txt), H);
    for (int d = 0; d < H; d++)
        s[d] = txt[d] == 'E' ? E_ : txt[d] == 'L' ? L_ : O_;
}

static int viol(const mr_nrp *p, int e, const char *txt, int rule)
{
    int s[H], v[MR_NRP_N_RULES] = {0};
    sched(s, txt);
    mr_nrp_check_staff(p, e, s, v, NULL, NULL);
    return v[rule];
}

static int total(const mr_nrp *p, const char *txt)
{
    int s[H];
    sched(s, txt);
    return mr_nrp_check_staff(p, 0, s, NULL, NULL, NULL);
}

START_TEST(loose_schedules_are_feasible)
{
    mr_nrp *p = tiny(1);
    ck_assert_int_eq(total(p, "--------------"), 0);
    ck_assert_int_eq(total(p, "EEEEEEEEEEEEEE"), 0);
    ck_assert_int_eq(total(p, "E-L-E-L-LL-EEL"), 0);
    mr_nrp_free(p);
}
END_TEST

START_TEST(forbidden_succession_inside_the_horizon_only)
{
    mr_nrp *p = tiny(1);
    int s[H], rule, day;
    /* L then E on the next day */
    ck_assert_int_eq(viol(p, 0, "---LE---------", MR_NRP_SUCCESSION), 1);
    /* E then L, and L then L, are allowed */
    ck_assert_int_eq(viol(p, 0, "---ELL--------", MR_NRP_SUCCESSION), 0);
    /* a day off between breaks the succession */
    ck_assert_int_eq(viol(p, 0, "---L-E--------", MR_NRP_SUCCESSION), 0);
    /* no wrap-around from day h-1 to day 0 */
    ck_assert_int_eq(viol(p, 0, "E------------L", MR_NRP_SUCCESSION), 0);
    sched(s, "LE----------LE");
    ck_assert_int_eq(mr_nrp_check_staff(p, 0, s, NULL, &rule, &day), 2);
    ck_assert_int_eq(rule, MR_NRP_SUCCESSION);
    ck_assert_int_eq(day, 1);
    mr_nrp_free(p);
}
END_TEST

START_TEST(max_shifts_per_type)
{
    mr_nrp *p = tiny(1);
    p->max_shifts[L_] = 2;
    p->max_shifts[E_] = 0;           /* eligibility: never E */
    ck_assert_int_eq(viol(p, 0, "-LL-----------", MR_NRP_MAX_SHIFTS), 0);
    ck_assert_int_eq(viol(p, 0, "-LL---L-------", MR_NRP_MAX_SHIFTS), 1);
    ck_assert_int_eq(viol(p, 0, "-LL---E-------", MR_NRP_MAX_SHIFTS), 1);
    ck_assert_int_eq(viol(p, 0, "-LLL--E-------", MR_NRP_MAX_SHIFTS), 2);
    mr_nrp_free(p);
}
END_TEST

START_TEST(total_minutes_both_bounds)
{
    mr_nrp *p = tiny(1);
    p->shift_len[L_] = 600;
    p->max_minutes[0] = 1560;        /* E + E + L = 1560 fits exactly */
    p->min_minutes[0] = 1440;
    ck_assert_int_eq(total(p, "EE---L--------"), 0);
    ck_assert_int_eq(viol(p, 0, "EE---L-L------", MR_NRP_MAX_MINUTES), 1);
    ck_assert_int_eq(viol(p, 0, "EE------------", MR_NRP_MIN_MINUTES), 1);
    ck_assert_int_eq(viol(p, 0, "EEE-----------", MR_NRP_MIN_MINUTES), 0);
    mr_nrp_free(p);
}
END_TEST

START_TEST(max_consecutive_counts_runs_at_the_ends)
{
    mr_nrp *p = tiny(1);
    p->max_consec[0] = 3;
    ck_assert_int_eq(viol(p, 0, "-EEE-LLL-EEE--", MR_NRP_MAX_CONSEC), 0);
    ck_assert_int_eq(viol(p, 0, "-EELL---------", MR_NRP_MAX_CONSEC), 1);
    /* no history is added, but a run touching an end is still measured */
    ck_assert_int_eq(viol(p, 0, "EEEE----------", MR_NRP_MAX_CONSEC), 1);
    ck_assert_int_eq(viol(p, 0, "----------EEEE", MR_NRP_MAX_CONSEC), 1);
    ck_assert_int_eq(viol(p, 0, "EEEE-EEEEEE-LL", MR_NRP_MAX_CONSEC), 2);
    mr_nrp_free(p);
}
END_TEST

START_TEST(min_consecutive_exempts_runs_at_the_ends)
{
    mr_nrp *p = tiny(1);
    p->min_consec[0] = 3;
    ck_assert_int_eq(viol(p, 0, "--EE----------", MR_NRP_MIN_CONSEC), 1);
    ck_assert_int_eq(viol(p, 0, "--E---L-------", MR_NRP_MIN_CONSEC), 2);
    ck_assert_int_eq(viol(p, 0, "--EEL---------", MR_NRP_MIN_CONSEC), 0);
    /* a run that includes day 0 or day h-1 is exempt */
    ck_assert_int_eq(viol(p, 0, "E-------------", MR_NRP_MIN_CONSEC), 0);
    ck_assert_int_eq(viol(p, 0, "EE-----------L", MR_NRP_MIN_CONSEC), 0);
    ck_assert_int_eq(viol(p, 0, "------------EE", MR_NRP_MIN_CONSEC), 0);
    /* ... but a run ending on day 1 or starting on day h-2 is inner */
    ck_assert_int_eq(viol(p, 0, "-E-----------E", MR_NRP_MIN_CONSEC), 1);
    ck_assert_int_eq(viol(p, 0, "------------E-", MR_NRP_MIN_CONSEC), 1);
    mr_nrp_free(p);
}
END_TEST

START_TEST(min_days_off_exempts_runs_at_the_ends)
{
    mr_nrp *p = tiny(1);
    p->min_off[0] = 2;
    ck_assert_int_eq(viol(p, 0, "EE-EE--EEEEEEE", MR_NRP_MIN_OFF), 1);
    ck_assert_int_eq(viol(p, 0, "EE--EE-E-EEEEE", MR_NRP_MIN_OFF), 2);
    /* off runs touching day 0 or day h-1 are exempt */
    ck_assert_int_eq(viol(p, 0, "-EEEEEEEEEEEE-", MR_NRP_MIN_OFF), 0);
    /* a run that is all off is exempt too */
    ck_assert_int_eq(viol(p, 0, "--------------", MR_NRP_MIN_OFF), 0);
    /* a hard day off is an ordinary day off */
    p->day_off[5] = 1;
    ck_assert_int_eq(viol(p, 0, "EEEEE-EEEEEEEE", MR_NRP_MIN_OFF), 1);
    ck_assert_int_eq(viol(p, 0, "EEEE--EEEEEEEE", MR_NRP_MIN_OFF), 0);
    mr_nrp_free(p);
}
END_TEST

START_TEST(weekends_are_saturday_or_sunday)
{
    mr_nrp *p = tiny(1);
    p->max_weekends[0] = 1;
    ck_assert_int_eq(mr_nrp_n_weekends(p), 2);
    /* Friday 4 and Monday 7 are not weekend days */
    ck_assert_int_eq(viol(p, 0, "----E--E---E--", MR_NRP_MAX_WEEKENDS), 0);
    /* Saturday 5 only, then Sunday 13 only: two weekends */
    ck_assert_int_eq(viol(p, 0, "-----E-------E", MR_NRP_MAX_WEEKENDS), 1);
    /* both days of one weekend count once */
    ck_assert_int_eq(viol(p, 0, "-----EE-------", MR_NRP_MAX_WEEKENDS), 0);
    p->max_weekends[0] = 0;
    ck_assert_int_eq(viol(p, 0, "------------E-", MR_NRP_MAX_WEEKENDS), 1);
    mr_nrp_free(p);
}
END_TEST

START_TEST(hard_days_off_and_bad_values)
{
    mr_nrp *p = tiny(1);
    int s[H];
    p->day_off[3] = 1;
    p->day_off[4] = 1;
    ck_assert_int_eq(viol(p, 0, "---L----------", MR_NRP_DAY_OFF), 1);
    ck_assert_int_eq(viol(p, 0, "---EE---------", MR_NRP_DAY_OFF), 2);
    ck_assert_int_eq(viol(p, 0, "--E--E--------", MR_NRP_DAY_OFF), 0);
    sched(s, "--------------");
    s[6] = 2;                          /* not a shift */
    s[7] = -5;
    int v[MR_NRP_N_RULES] = {0};
    ck_assert_int_eq(mr_nrp_check_staff(p, 0, s, v, NULL, NULL), 2);
    ck_assert_int_eq(v[MR_NRP_BAD_SHIFT], 2);
    mr_nrp_free(p);
}
END_TEST

START_TEST(objective_requests_and_cover)
{
    mr_nrp *p = tiny(2);
    int r[2 * H];
    mr_nrp_eval ev;

    sched(r, "EE------------");
    sched(r + H, "LL------------");
    /* on: A wants L on day 0 (w 3): A works E, so 3; B wants L on day 1:
     * met. off: A does not want E on day 1 (w 2): 2; B does not want E on
     * day 0: B works L, met. */
    ck_assert_int_eq(mr_nrp_add_request(p, 1, 0, 0, L_, 3), MR_OK);
    ck_assert_int_eq(mr_nrp_add_request(p, 1, 1, 1, L_, 1), MR_OK);
    ck_assert_int_eq(mr_nrp_add_request(p, 0, 0, 1, E_, 2), MR_OK);
    ck_assert_int_eq(mr_nrp_add_request(p, 0, 1, 0, E_, 1), MR_OK);
    /* cover: day 0 E needs 3 (n=1: under 2 x 100); day 2 L needs 1
     * (n=0: 100); day 1 L requirement 0 (n=1: over 1 x 7) */
    p->cover_req[0 * 2 + E_] = 3;
    p->cover_under[0 * 2 + E_] = 100;
    p->cover_req[2 * 2 + L_] = 1;
    p->cover_under[2 * 2 + L_] = 100;
    p->cover_over[1 * 2 + L_] = 7;
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 0);
    ck_assert_int_eq(ev.first_rule, -1);
    ck_assert_int_eq(ev.on_penalty, 3);
    ck_assert_int_eq(ev.off_penalty, 2);
    ck_assert_int_eq(ev.under_penalty, 300);
    ck_assert_int_eq(ev.over_penalty, 7);
    ck_assert_int_eq(ev.objective, 312);
    /* an on-request is missed by a day off too */
    r[H + 1] = O_;
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.on_penalty, 4);
    ck_assert_int_eq(ev.over_penalty, 0);
    mr_nrp_free(p);
}
END_TEST

START_TEST(evaluate_reports_the_first_violation)
{
    mr_nrp *p = tiny(2);
    int r[2 * H];
    mr_nrp_eval ev;
    sched(r, "EE------------");
    sched(r + H, "LE------------");
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 1);
    ck_assert_int_eq(ev.first_staff, 1);
    ck_assert_int_eq(ev.first_rule, MR_NRP_SUCCESSION);
    ck_assert_int_eq(ev.first_day, 1);
    p->day_off[H + 9] = 1;
    r[H + 9] = E_;
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 2);
    ck_assert_int_eq(ev.first_staff, 1);
    ck_assert_int_eq(ev.violations[MR_NRP_DAY_OFF], 1);
    ck_assert_int_eq(ev.violations[MR_NRP_SUCCESSION], 1);
    ck_assert_str_eq(mr_nrp_rule_name(MR_NRP_MIN_OFF),
                     "min consecutive days off");
    mr_nrp_free(p);
}
END_TEST

START_TEST(new_checks_sizes_and_survives_oom)
{
    mr_nrp *p = NULL;
    ck_assert_int_eq(mr_nrp_new(0, 1, 1, &p), MR_EINVAL);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(mr_nrp_new(7, MR_NRP_MAX_TYPES + 1, 1, &p), MR_EINVAL);
    for (long k = 1;; k++) {
        mr_alloc_fail_at(k);
        int rc = mr_nrp_new(7, 2, 3, &p);
        mr_alloc_fail_at(0);
        if (rc == MR_OK) {
            ck_assert_int_gt(k, 10);
            break;
        }
        ck_assert_int_eq(rc, MR_ENOMEM);
        ck_assert_ptr_null(p);
    }
    mr_nrp_free(p);
    mr_nrp_free(NULL);
}
END_TEST

Suite *suite_nrp(void)
{
    Suite *s = suite_create("nrp");
    TCase *tc = tcase_create("nrp");
    tcase_add_test(tc, loose_schedules_are_feasible);
    tcase_add_test(tc, forbidden_succession_inside_the_horizon_only);
    tcase_add_test(tc, max_shifts_per_type);
    tcase_add_test(tc, total_minutes_both_bounds);
    tcase_add_test(tc, max_consecutive_counts_runs_at_the_ends);
    tcase_add_test(tc, min_consecutive_exempts_runs_at_the_ends);
    tcase_add_test(tc, min_days_off_exempts_runs_at_the_ends);
    tcase_add_test(tc, weekends_are_saturday_or_sunday);
    tcase_add_test(tc, hard_days_off_and_bad_values);
    tcase_add_test(tc, objective_requests_and_cover);
    tcase_add_test(tc, evaluate_reports_the_first_violation);
    tcase_add_test(tc, new_checks_sizes_and_survives_oom);
    suite_add_tcase(s, tc);
    return s;
}
