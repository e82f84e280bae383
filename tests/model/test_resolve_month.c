/* Tests of model/resolve_month.c: the month's inputs of a valid service
 * (tests/fixture.h, fxr_service) resolve; each rule on preference files,
 * requests, absence, demand and referrals, broken on its own, gives exactly
 * one diagnostic at the offending item's place. */
#include <check.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "fixture.h"
#include "suites.h"

#define PREF "months/2026-12/preferences/c001.yaml"
#define PREF2 "months/2026-12/preferences/c001-copy.yaml"
#define PREFA "months/2026-12/preferences/a001.yaml"
#define ABS "months/2026-12/absence.yaml"
#define DEM "months/2026-12/demand.yaml"
#define REF "months/2026-12/referrals.csv"

/* The valid month: c001's preference file (on time, 11 points) with leave,
 * absence, demand and referrals. Files: 1 PREF, 2 ABS, 3 DEM, 4 REF. */
static mr_model *month(void)
{
    mr_model *m = fxr_service();
    int r;

    fxr_pref(m, PREF, "c001", mr_days_from_civil(2026, 11, 2), 1);
    r = fxr_request(m, MR_REQ_OFF, 5, NULL, NULL, NULL, 5);
    m->requests[r].date = fx_dec(4);
    r = fxr_request(m, MR_REQ_LOCATION, 3, NULL, "surgery", NULL, 6);
    m->requests[r].weekdays = 0x2u;
    r = fxr_request(m, MR_REQ_TASK, 2, NULL, NULL, "group", 7);
    m->requests[r].min_sessions = 2;
    r = fxr_request(m, MR_REQ_SESSION, 1, "am", NULL, "triage", 8);
    m->requests[r].date = fx_dec(10);
    fxr_absence(m, 1, "c001", fx_dec(21), fx_dec(24), 1, 3);
    ck_assert_int_eq(fxr_file(m, ABS), 2);
    fxr_absence(m, 2, "c001", fx_dec(14), fx_dec(16), 0, 2);
    ck_assert_int_eq(fxr_file(m, DEM), 3);
    fxr_demand(m, 3, "hub", NULL, "initial", 120, 2);
    fxr_demand(m, 3, NULL, "pcn-a", "fcp", 150, 3);
    ck_assert_int_eq(fxr_file(m, REF), 4);
    fxr_referral(m, 4, "R1", "hub", NULL, 2);
    fxr_referral(m, 4, "R2", "hub", "a001", 3);
    return m;
}

static void set_ref(mr_ref *r, const char *id)
{
    ck_assert_int_eq(mr_ref_set(r, id, r->loc), MR_OK);
}

/* --- one rule broken at a time ------------------------------------------ */

static void pref_twice(mr_model *m) { fxr_pref(m, PREF2, "c001", MR_NO_DATE, 1); }
static void pref_unknown_staff(mr_model *m)
{
    set_ref(&m->prefs[0].staff, "c00l");
    set_ref(&m->absences[0].staff, "c00l");     /* its leave: not again */
}
static void pref_other_month(mr_model *m)
{
    mr_free(m->prefs[0].month);
    m->prefs[0].month = mr_strdup("2027-01");
}
static void pref_late(mr_model *m) { m->prefs[0].submitted = mr_days_from_civil(2026, 11, 8); }
static void pref_over_budget(mr_model *m)
{
    fxr_request(m, MR_REQ_AVOID, 5, "pm", NULL, NULL, 9);
    fxr_request(m, MR_REQ_AVOID, 5, "am", NULL, NULL, 10);
}
static void req_unknown_period(mr_model *m) { fxr_request(m, MR_REQ_AVOID, 1, "evn", NULL, NULL, 9); }
static void req_unknown_site(mr_model *m) { set_ref(&m->requests[1].site, "surgry"); }
static void req_unknown_activity(mr_model *m) { set_ref(&m->requests[2].activity, "gruop"); }
static void req_date_outside(mr_model *m) { m->requests[0].date = fx_dec(32); }
static void req_site_not_theirs(mr_model *m)
{
    fxr_pref(m, PREFA, "a001", MR_NO_DATE, 1);
    fxr_request(m, MR_REQ_LOCATION, 2, NULL, "remote", NULL, 4);
}
static void req_activity_not_theirs(mr_model *m)
{
    fxr_pref(m, PREFA, "a001", MR_NO_DATE, 1);
    fxr_request(m, MR_REQ_TASK, 2, NULL, NULL, "group", 4);
}
static void req_activity_not_there(mr_model *m)
{
    /* triage is remote work: never at the hub */
    fxr_request(m, MR_REQ_SESSION, 1, "am", "hub", "triage", 9);
}
static void absence_unknown_staff(mr_model *m) { fxr_absence(m, 2, "c01", fx_dec(2), fx_dec(2), 0, 3); }
static void absence_outside(mr_model *m) { fxr_absence(m, 2, "c001", fx_dec(32), fx_dec(35), 0, 3); }
static void leave_outside(mr_model *m) { fxr_absence(m, 1, "c001", fx_dec(-5), fx_dec(0), 1, 4); }
static void absence_backwards(mr_model *m) { fxr_absence(m, 2, "c001", fx_dec(9), fx_dec(8), 0, 3); }
static void demand_unknown_site(mr_model *m) { set_ref(&m->demand[0].site, "hbu"); }
static void demand_unknown_pcn(mr_model *m) { set_ref(&m->demand[1].pcn, "pcn-x"); }
static void demand_unknown_type(mr_model *m) { set_ref(&m->demand[0].type, "intial"); }
static void demand_neither(mr_model *m) { fxr_demand(m, 3, NULL, NULL, "initial", 1, 4); }
static void demand_both(mr_model *m) { fxr_demand(m, 3, "hub", "pcn-a", "initial", 1, 4); }
static void demand_type_not_there(mr_model *m) { fxr_demand(m, 3, "hub", NULL, "fcp", 10, 4); }
static void referral_twice(mr_model *m) { fxr_referral(m, 4, "R1", "hub", NULL, 4); }
static void referral_unknown_site(mr_model *m) { set_ref(&m->referrals[0].site, "hbu"); }
static void referral_unknown_adviser(mr_model *m) { set_ref(&m->referrals[1].adviser, "a01"); }
static void referral_not_adviser(mr_model *m) { set_ref(&m->referrals[1].adviser, "c001"); }

static const struct broken {
    const char *name;
    void (*brk)(mr_model *);
    int severity;
    const char *file;
    int line, col;
    const char *phrase;
} CASES[] = {
    {"pref_twice", pref_twice, MR_ERROR, PREF2, 1, 10,
     "a second preference file for 'c001' (the first is " PREF ":1)"},
    {"pref_unknown_staff", pref_unknown_staff, MR_ERROR, PREF, 1, 10,
     "unknown staff 'c00l' (did you mean 'c001'?)"},
    {"pref_other_month", pref_other_month, MR_ERROR, PREF, 1, 3,
     "preference file is for month '2027-01', but the month being planned "
     "is 2026-12"},
    {"pref_late", pref_late, MR_WARNING, PREF, 1, 3,
     "late preference file: submitted 2026-11-08, after the deadline "
     "2026-11-07"},
    {"pref_over_budget", pref_over_budget, MR_ERROR, PREF, 1, 3,
     "request weights sum to 21, over the request budget of 20"},
    {"req_unknown_period", req_unknown_period, MR_ERROR, PREF, 9, 10,
     "unknown period 'evn' (did you mean 'eve'?)"},
    {"req_unknown_site", req_unknown_site, MR_ERROR, PREF, 6, 20,
     "unknown site 'surgry' (did you mean 'surgery'?)"},
    {"req_unknown_activity", req_unknown_activity, MR_ERROR, PREF, 7, 30,
     "unknown activity 'gruop' (did you mean 'group'?)"},
    {"req_date_outside", req_date_outside, MR_ERROR, PREF, 5, 3,
     "request date 2027-01-01 is outside the month 2026-12"},
    {"req_site_not_theirs", req_site_not_theirs, MR_WARNING, PREFA, 4, 20,
     "person 'a001' may not work at site 'remote': this request can never "
     "be met"},
    {"req_activity_not_theirs", req_activity_not_theirs, MR_WARNING, PREFA, 4,
     30, "person 'a001' may never do 'group': this request can never be met"},
    {"req_activity_not_there", req_activity_not_there, MR_WARNING, PREF, 9, 30,
     "person 'c001' may never do 'triage' at site hub"},
    {"absence_unknown_staff", absence_unknown_staff, MR_ERROR, ABS, 3, 10,
     "unknown staff 'c01' (did you mean 'c001'?)"},
    {"absence_outside", absence_outside, MR_WARNING, ABS, 3, 3,
     "absence from 2027-01-01 to 2027-01-04 does not meet the month 2026-12"},
    {"leave_outside", leave_outside, MR_WARNING, PREF, 4, 3,
     "leave from 2026-11-25 to 2026-11-30 does not meet the month 2026-12"},
    {"absence_backwards", absence_backwards, MR_ERROR, ABS, 3, 3,
     "absence ends on 2026-12-08, before it starts on 2026-12-09"},
    {"demand_unknown_site", demand_unknown_site, MR_ERROR, DEM, 2, 10,
     "unknown site 'hbu' (did you mean 'hub'?)"},
    {"demand_unknown_pcn", demand_unknown_pcn, MR_ERROR, DEM, 3, 20,
     "unknown pcn 'pcn-x' (did you mean 'pcn-a'?)"},
    {"demand_unknown_type", demand_unknown_type, MR_ERROR, DEM, 2, 30,
     "unknown appointment type 'intial' (did you mean 'initial'?)"},
    {"demand_neither", demand_neither, MR_ERROR, DEM, 4, 3,
     "a demand line names exactly one of site and pcn"},
    {"demand_both", demand_both, MR_ERROR, DEM, 4, 3,
     "a demand line names exactly one of site and pcn"},
    {"demand_type_not_there", demand_type_not_there, MR_WARNING, DEM, 4, 30,
     "appointment type 'fcp' is never offered at a hub site"},
    {"referral_twice", referral_twice, MR_ERROR, REF, 4, 3,
     "duplicate referral id 'R1' (first defined at line 2)"},
    {"referral_unknown_site", referral_unknown_site, MR_ERROR, REF, 2, 10,
     "unknown site 'hbu' (did you mean 'hub'?)"},
    {"referral_unknown_adviser", referral_unknown_adviser, MR_ERROR, REF, 3, 20,
     "unknown adviser 'a01' (did you mean 'a001'?)"},
    {"referral_not_adviser", referral_not_adviser, MR_ERROR, REF, 3, 20,
     "adviser 'c001' is a physio, not an employment adviser (role ea or sea)"},
};
#define N_CASES ((int)(sizeof CASES / sizeof CASES[0]))

START_TEST(each_rule_reports_once_at_its_place)
{
    const struct broken *c = &CASES[_i];
    mr_model *m = month();
    mr_diags d;
    int rc;

    c->brk(m);
    mr_diags_init(&d);
    rc = mr_model_resolve(m, &d);
    ck_assert_msg(d.n == 1 && fxr_has(&d, c->severity, c->file, c->line,
                                      c->col, c->phrase),
                  "%s: expected one %s at %s:%d:%d with \"%s\"; got:\n%s",
                  c->name, c->severity == MR_ERROR ? "error" : "warning",
                  c->file, c->line, c->col, c->phrase, fxr_text(&d));
    ck_assert_int_eq(rc, c->severity == MR_ERROR ? MR_EINVAL : MR_OK);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

/* --- whole months --------------------------------------------------------- */

START_TEST(valid_month_resolves)
{
    mr_model *m = month();
    mr_diags d;

    mr_diags_init(&d);
    ck_assert_msg(mr_model_resolve(m, &d) == MR_OK && d.n == 0, "%s",
                  fxr_text(&d));
    ck_assert_int_eq(m->resolved, 1);
    ck_assert_int_eq(m->prefs[0].staff.index, 0);
    ck_assert_int_eq(m->prefs[0].late, 0);
    ck_assert_int_eq(m->requests[1].site.index, 1);
    ck_assert_int_eq(m->requests[2].activity.index, mr_find_activity(m, "group"));
    ck_assert_int_eq(m->requests[3].period.index, 0);
    ck_assert_int_eq(m->requests[0].site.index, -1);
    ck_assert_int_eq(m->absences[0].staff.index, 0);
    ck_assert_int_eq(m->absences[1].staff.index, 0);
    ck_assert(mr_on_leave(m, 0, fx_dec(22)));
    ck_assert_int_eq(m->demand[0].site.index, 0);
    ck_assert_int_eq(m->demand[0].pcn.index, -1);
    ck_assert_int_eq(m->demand[1].pcn.index, 0);
    ck_assert_int_eq(m->demand[1].type.index, mr_find_appt_type(m, "fcp"));
    ck_assert_int_eq(m->referrals[0].adviser.index, -1);
    ck_assert_int_eq(m->referrals[1].adviser.index, 1);
    ck_assert_int_eq(m->referrals[1].site.index, 0);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

START_TEST(deadline_and_budget_edges)
{
    /* Submitted on the deadline itself: on time; exactly the budget: fine;
     * leave partly in the month: fine. */
    mr_model *m = month();
    mr_diags d;
    m->prefs[0].submitted = mr_days_from_civil(2026, 11, 7);
    fxr_request(m, MR_REQ_AVOID, 5, "pm", NULL, NULL, 9);
    fxr_request(m, MR_REQ_AVOID, 4, "am", NULL, NULL, 10);   /* 20 in all */
    fxr_absence(m, 1, "c001", fx_dec(-2), fx_dec(1), 1, 4);
    mr_diags_init(&d);
    ck_assert_msg(mr_model_resolve(m, &d) == MR_OK && d.n == 0, "%s",
                  fxr_text(&d));
    ck_assert_int_eq(m->prefs[0].late, 0);
    mr_diags_clear(&d);

    /* The deadline day past the end of the previous month is its last
     * day: 31 for March 2027 means 28 February. */
    mr_model_set_month(m, 2027, 3);
    mr_free(m->prefs[0].month);
    m->prefs[0].month = mr_strdup("2027-03");
    m->rules.request_deadline_day = 31;
    m->requests[0].date = mr_days_from_civil(2027, 3, 4);
    m->requests[3].date = mr_days_from_civil(2027, 3, 10);
    for (int k = 0; k < m->n_absences; k++)
        m->absences[k].from = m->absences[k].to = mr_days_from_civil(2027, 3, 1);
    m->prefs[0].submitted = mr_days_from_civil(2027, 2, 28);
    ck_assert_msg(mr_model_resolve(m, &d) == MR_OK && d.n == 0, "%s",
                  fxr_text(&d));
    ck_assert_int_eq(m->prefs[0].late, 0);
    ck_assert_int_eq(m->closed[0], 0);
    mr_diags_clear(&d);
    m->prefs[0].submitted = mr_days_from_civil(2027, 3, 1);
    ck_assert_int_eq(mr_model_resolve(m, &d), MR_OK);
    ck_assert(fxr_has(&d, MR_WARNING, PREF, 1, 3, "after the deadline "
                      "2027-02-28"));
    ck_assert_int_eq(m->prefs[0].late, 1);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

START_TEST(no_month_loaded)
{
    /* Without a month: no closed flags and no date checks; references are
     * still resolved. */
    mr_model *m = month();
    mr_diags d;
    m->month = (mr_month){0, 0, 0, 0};
    m->requests[0].date = fx_dec(40);
    m->prefs[0].submitted = fx_dec(20);
    mr_diags_init(&d);
    ck_assert_msg(mr_model_resolve(m, &d) == MR_OK && d.n == 0, "%s",
                  fxr_text(&d));
    ck_assert_ptr_null(m->closed);
    ck_assert_int_eq(m->prefs[0].late, 0);
    ck_assert_int_eq(m->requests[1].site.index, 1);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

START_TEST(month_problems_all_reported)
{
    mr_model *m = month();
    mr_diags d;
    pref_twice(m);
    req_date_outside(m);
    absence_outside(m);
    demand_unknown_type(m);
    referral_not_adviser(m);
    mr_diags_init(&d);
    ck_assert_int_eq(mr_model_resolve(m, &d), MR_EINVAL);
    ck_assert_msg(d.n == 5 && d.n_errors == 4, "%s", fxr_text(&d));
    ck_assert(fxr_has(&d, MR_ERROR, PREF2, 1, 10, "second preference file"));
    ck_assert(fxr_has(&d, MR_ERROR, PREF, 5, 3, "outside the month"));
    ck_assert(fxr_has(&d, MR_WARNING, ABS, 3, 3, "does not meet the month"));
    ck_assert(fxr_has(&d, MR_ERROR, DEM, 2, 30, "unknown appointment type"));
    ck_assert(fxr_has(&d, MR_ERROR, REF, 3, 20, "not an employment adviser"));
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

START_TEST(month_allocation_failures_give_enomem)
{
    for (int broken = 0; broken < 2; broken++) {
        mr_model *m = month();
        mr_diags d;
        long n;
        if (broken)
            pref_late(m);
        mr_diags_init(&d);
        mr_alloc_fail_at(0);
        mr_model_resolve(m, &d);
        n = mr_alloc_fail_at(0);
        mr_diags_clear(&d);
        mr_model_free(m);
        for (long k = 1; k <= n; k++) {
            m = month();
            if (broken)
                pref_late(m);
            mr_diags_init(&d);
            mr_alloc_fail_at(k);
            int rc = mr_model_resolve(m, &d);
            mr_alloc_fail_at(0);
            ck_assert_msg(rc == MR_ENOMEM, "allocation %ld of %ld", k, n);
            mr_diags_clear(&d);
            mr_model_free(m);
        }
    }
}
END_TEST

Suite *suite_resolve_month(void)
{
    Suite *s = suite_create("resolve_month");
    TCase *t = tcase_create("rules");
    tcase_add_loop_test(t, each_rule_reports_once_at_its_place, 0, N_CASES);
    suite_add_tcase(s, t);
    t = tcase_create("months");
    tcase_add_test(t, valid_month_resolves);
    tcase_add_test(t, deadline_and_budget_edges);
    tcase_add_test(t, no_month_loaded);
    tcase_add_test(t, month_problems_all_reported);
    tcase_add_test(t, month_allocation_failures_give_enomem);
    suite_add_tcase(s, t);
    return s;
}
