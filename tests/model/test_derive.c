/* Tests of model/derive.c on hand-worked December 2026 cases. December 2026
 * starts on a Tuesday; weeks: 0 = 1-6, 1 = 7-13, 2 = 14-20, 3 = 21-27,
 * 4 = 28-31; closed 25, 26, 28. */
#include <check.h>

#include "derive.h"
#include "fixture.h"
#include "suites.h"

#define TUE_WED_FRI (0x2u | 0x4u | 0x10u)
#define AM_PM 0x3u

START_TEST(due_formula)
{
    /* 10 sessions a week, mon-fri, a week with 2 days in the month -> 4 */
    ck_assert_int_eq(mr_due_sessions(10, 5, 2), 4);
    ck_assert_int_eq(mr_due_sessions(4, 5, 3), 2);   /* 2.4 + .5 -> 2 */
    ck_assert_int_eq(mr_due_sessions(3, 5, 3), 2);   /* 1.8 + .5 -> 2 */
    ck_assert_int_eq(mr_due_sessions(3, 5, 2), 1);   /* 1.2 + .5 -> 1 */
    ck_assert_int_eq(mr_due_sessions(5, 2, 1), 3);   /* 2.5 + .5 -> 3 */
    ck_assert_int_eq(mr_due_sessions(6, 0, 0), 0);
}
END_TEST

START_TEST(weeks_of_december)
{
    mr_model *m = fx_month();
    ck_assert_int_eq(mr_n_weeks(m), 5);
    ck_assert_int_eq(mr_week_of(m, fx_dec(1)), 0);
    ck_assert_int_eq(mr_week_of(m, fx_dec(6)), 0);
    ck_assert_int_eq(mr_week_of(m, fx_dec(7)), 1);
    ck_assert_int_eq(mr_week_of(m, fx_dec(31)), 4);
    ck_assert_int_eq(mr_week_start(m, 0), fx_dec(1) - 1);
    mr_model_free(m);
}
END_TEST

START_TEST(due_in_part_weeks_and_closures)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int ft = fx_staff(m, "ft", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM_PM);
    int pt = fx_staff(m, "pt", MR_ROLE_PHYSIO, 6, TUE_WED_FRI, AM_PM);
    int p4 = fx_staff(m, "p4", MR_ROLE_PHYSIO, 4, MR_MON_FRI, AM_PM);

    /* Week 0: Tue 1 - Fri 4 in the month. */
    ck_assert_int_eq(mr_due(m, ft, 0), 8);
    ck_assert_int_eq(mr_due(m, pt, 0), 6);
    ck_assert_int_eq(mr_due(m, ft, 1), 10);
    /* Week 3: Fri 25 closed. */
    ck_assert_int_eq(mr_due(m, ft, 3), 8);
    ck_assert_int_eq(mr_due(m, pt, 3), 4);
    /* Week 4: Mon 28 closed; Tue 29 - Thu 31. */
    ck_assert_int_eq(mr_due(m, ft, 4), 6);
    ck_assert_int_eq(mr_due(m, pt, 4), 4);
    ck_assert_int_eq(mr_due(m, p4, 4), 2);
    mr_model_free(m);
}
END_TEST

START_TEST(due_with_leave)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int ft = fx_staff(m, "ft", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM_PM);
    fx_leave(m, ft, 1, 5);
    fx_leave(m, ft, 9, 9);
    ck_assert_int_eq(mr_due(m, ft, 0), 0);
    ck_assert_int_eq(mr_due(m, ft, 1), 8);
    ck_assert(!mr_available(m, ft, fx_dec(9), 0));
    ck_assert(mr_available(m, ft, fx_dec(10), 0));
    ck_assert(!mr_available(m, ft, fx_dec(10), 2));    /* not their period */
    ck_assert(!mr_available(m, ft, fx_dec(12), 0));    /* Saturday */
    ck_assert(!mr_available(m, ft, fx_dec(25), 0));    /* closed */
    ck_assert(!mr_available(m, ft, fx_dec(1) - 1, 0)); /* 30 Nov */
    mr_model_free(m);
}
END_TEST

START_TEST(pcn_pro_rata)
{
    mr_model *m = fx_month();
    int i;
    ck_assert_int_eq(MR_PUSH(m, pcns, &i), MR_OK);
    m->pcns[i].fcp_sessions_per_week = 4;
    ck_assert_int_eq(mr_pcn_required(m, i, 0), 4);   /* ceil(16/5) */
    ck_assert_int_eq(mr_pcn_required(m, i, 1), 4);
    ck_assert_int_eq(mr_pcn_required(m, i, 3), 4);   /* d = 4 */
    ck_assert_int_eq(mr_pcn_required(m, i, 4), 3);   /* d = 3: ceil(12/5) */
    m->pcns[i].fcp_sessions_per_week = 2;
    ck_assert_int_eq(mr_pcn_required(m, i, 4), 2);   /* ceil(6/5) */
    m->pcns[i].fcp_sessions_per_week = 0;
    ck_assert_int_eq(mr_pcn_required(m, i, 1), 0);
    mr_model_free(m);
}
END_TEST

START_TEST(sessions_exist_only_when_open)
{
    mr_model *m = fx_month();
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI | 0x20u, AM_PM);
    int clinic = mr_find_activity(m, "clinic");
    int admin = mr_find_activity(m, "admin");
    ck_assert(mr_session_exists(m, clinic, hub, fx_dec(1), 0));
    ck_assert(!mr_session_exists(m, clinic, hub, fx_dec(1), 2));
    ck_assert(mr_session_exists(m, clinic, hub, fx_dec(5), 1));   /* Sat */
    ck_assert(!mr_session_exists(m, clinic, hub, fx_dec(6), 0));  /* Sun */
    ck_assert(!mr_session_exists(m, clinic, hub, fx_dec(25), 0)); /* closed */
    /* Desk work needs no open site, but never on a closed date. */
    ck_assert(mr_session_exists(m, admin, hub, fx_dec(6), 2));
    ck_assert(!mr_session_exists(m, admin, hub, fx_dec(25), 0));
    mr_model_free(m);
}
END_TEST

START_TEST(equity_factor)
{
    mr_model *m = fx_month();
    int s = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    m->sites[s].imd_decile = 1;
    ck_assert_double_eq_tol(mr_equity(m, s), 1.9, 1e-12);
    m->sites[s].imd_decile = 10;
    ck_assert_double_eq_tol(mr_equity(m, s), 1.0, 1e-12);
    m->weights.deprivation = 0.5;
    m->sites[s].imd_decile = 4;
    ck_assert_double_eq_tol(mr_equity(m, s), 4.0, 1e-12);
    mr_model_free(m);
}
END_TEST

START_TEST(eligibility_by_role_and_site_kind)
{
    mr_model *m = fx_month();
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int rem = fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, AM_PM);
    int physio = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM_PM);
    int ea = fx_staff(m, "e", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int ti = fx_staff(m, "t", MR_ROLE_TI, 10, MR_MON_FRI, AM_PM);
    int clinic = mr_find_activity(m, "clinic");
    int triage = mr_find_activity(m, "triage");
    int eaact = mr_find_activity(m, "ea");
    int group = mr_find_activity(m, "group");
    ck_assert(mr_eligible(m, physio, clinic, hub));
    ck_assert(!mr_eligible(m, physio, clinic, rem));
    ck_assert(mr_eligible(m, physio, triage, rem));
    ck_assert(!mr_eligible(m, ea, clinic, hub));
    ck_assert(mr_eligible(m, ea, eaact, hub));
    ck_assert(!mr_eligible(m, physio, eaact, hub));
    /* group needs the skill: nobody has it here */
    ck_assert(!mr_eligible(m, ti, group, hub));
    m->staff[physio].may_work[hub] = 0;
    ck_assert(!mr_eligible(m, physio, clinic, hub));
    mr_model_free(m);
}
END_TEST

Suite *suite_derive(void)
{
    Suite *s = suite_create("derive");
    TCase *tc = tcase_create("derive");
    tcase_add_test(tc, due_formula);
    tcase_add_test(tc, weeks_of_december);
    tcase_add_test(tc, due_in_part_weeks_and_closures);
    tcase_add_test(tc, due_with_leave);
    tcase_add_test(tc, pcn_pro_rata);
    tcase_add_test(tc, sessions_exist_only_when_open);
    tcase_add_test(tc, equity_factor);
    tcase_add_test(tc, eligibility_by_role_and_site_kind);
    suite_add_tcase(s, tc);
    return s;
}
