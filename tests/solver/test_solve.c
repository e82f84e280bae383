/* Tests of solver/solve.c on tiny December 2026 services whose optimum is
 * worked by hand: outcomes (optimal, infeasible), hard rules H1-H10 as the
 * model enforces them, rooms, the time limit and progress.
 *
 * December 2026: Tuesdays 1, 8, 15, 22, 29; Wednesdays 2, 9, 16, 23, 30;
 * closed 25, 26, 28. A person working only Tuesdays (n = 1) with
 * sessions_per_week 1 is due one session every Tuesday (a = 1). Every
 * solved roster is checked by the independent verifier, and its objective
 * against the independent evaluator. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "derive.h"
#include "evaluate.h"
#include "fixture.h"
#include "solve.h"
#include "suites.h"
#include "verify.h"

#define AM      0x1u
#define PM      0x2u
#define EVE     0x4u
#define TUE     0x2u
#define WED     0x4u
#define NO_LOC  ((mr_loc){-1, 0, 0})

/* A hub (one treatment room, one consult room) and a remote site, both
 * open Monday to Friday, am and pm. */
static mr_model *world(void)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM | EVE);
    fx_room(m, "t1", "treatment");
    fx_room(m, "c1", "consult");
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, AM | PM);
    return m;
}

static int add_cover(mr_model *m, int site, const char *activity,
                     unsigned days, unsigned periods, int min, double weight,
                     int hard)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, cover, &i), MR_OK);
    mr_cover *c = &m->cover[i];
    ck_assert_int_eq(mr_ref_set(&c->site, m->sites[site].id, NO_LOC), MR_OK);
    c->site.index = site;
    ck_assert_int_eq(mr_ref_set(&c->activity, activity, NO_LOC), MR_OK);
    c->activity.index = mr_find_activity(m, activity);
    c->specialty.index = -1;
    c->days = days;
    c->pmask = periods;
    c->min = min;
    c->weight = weight;
    c->hard = hard;
    return i;
}

/* Adds a session request (date, period, activity, site or -1) to the
 * person's preference file, made when the last file is someone else's. */
static void want_session(mr_model *m, int staff, int day, int period,
                         const char *activity, int site, int weight)
{
    int i = m->n_prefs - 1, r;
    if (i < 0 || m->prefs[i].staff.index != staff) {
        ck_assert_int_eq(MR_PUSH(m, prefs, &i), MR_OK);
        m->prefs[i].staff.index = staff;
        m->prefs[i].first_request = m->n_requests;
    }
    m->prefs[i].n_requests++;
    ck_assert_int_eq(MR_PUSH(m, requests, &r), MR_OK);
    mr_request *q = &m->requests[r];
    q->kind = MR_REQ_SESSION;
    q->date = fx_dec(day);
    q->weight = weight;
    q->period.index = period;
    ck_assert_int_eq(mr_ref_set(&q->activity, activity, NO_LOC), MR_OK);
    q->activity.index = mr_find_activity(m, activity);
    q->site.index = -1;
    if (site >= 0) {
        ck_assert_int_eq(mr_ref_set(&q->site, m->sites[site].id, NO_LOC),
                         MR_OK);
        q->site.index = site;
    }
}

/* Solves with a tight gap, checks the roster with the verifier and the
 * objective with the evaluator. */
static mr_solution *solve(const mr_model *m)
{
    mr_solve_opts o;
    mr_solution *s = NULL;
    mr_diags d;

    mr_solve_opts_init(&o);
    o.time_limit = 20;
    o.gap = 1e-6;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    if (s->outcome == MR_OUT_INFEASIBLE)
        return s;
    mr_diags_init(&d);
    ck_assert_int_eq(mr_verify(m, s, &d), 0);
    mr_diags_clear(&d);
    double solver = s->objective;
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_double_eq_tol(s->objective, solver, 1e-6);
    s->objective = solver;
    return s;
}

static int count(const mr_solution *s, const mr_model *m, int staff,
                 const char *activity)
{
    int n = 0, a = mr_find_activity(m, activity);
    for (int i = 0; i < s->n_assign; i++)
        n += s->assign[i].staff == staff && s->assign[i].activity == a;
    return n;
}

START_TEST(due_sessions_are_worked)
{
    mr_model *m = world();
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE, AM);
    mr_solution *s = solve(m);

    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_int_eq(s->n_assign, 5);              /* every Tuesday */
    for (int i = 0; i < s->n_assign; i++)
        ck_assert_int_eq(s->assign[i].staff, p);
    ck_assert_double_eq_tol(s->objective, 0, 1e-9);
    ck_assert_double_eq_tol(s->bound, 0, 1e-6);
    ck_assert(s->first_seconds >= 0 && s->first_seconds <= s->seconds);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(hard_cover_beats_a_wish)
{
    /* Due one session a week on Tuesday or Wednesday; wants Wednesday 2 pm
     * at the hub doing admin. Triage at the remote site is hard on
     * Tuesdays: only p can do it, so the first week's one session is
     * Tuesday 1 and the wish loses: 50 * (1 - 0) - 200 * 0 = 50. */
    mr_model *m = world();
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE | WED, AM | PM);
    want_session(m, p, 2, 1, "admin", -1, 3);
    add_cover(m, 1, "triage", TUE, AM, 1, -1, 1);
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, 50, 1e-6);
    ck_assert_int_eq(count(s, m, p, "triage"), 5);
    mr_solution_free(s);

    /* Without the hard cover the wish is granted: 0 - 200 * 1. */
    m->cover[0].hard = 0;
    m->cover[0].min = 0;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, -200, 1e-6);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(hard_cover_nobody_can_meet_is_infeasible)
{
    /* Two triage people on Tuesdays, one physio: an outcome, not an
     * error. */
    mr_model *m = world();
    fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE, AM);
    add_cover(m, 1, "triage", TUE, AM, 2, -1, 1);
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);
    ck_assert_int_eq(s->n_assign, 0);
    mr_solution_free(s);

    /* Nobody may triage at all (a technical instructor): the row is empty
     * and the build says so before GLPK runs. */
    m->staff[0].role = MR_ROLE_TI;
    m->cover[0].min = 1;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(room_shortage_forces_cover_shortfall)
{
    /* Clinic cover of 2 at the hub on Tuesday mornings, two physios due
     * every Tuesday morning, one treatment room: one clinic a Tuesday,
     * 5 * 100 missing. */
    mr_model *m = world();
    int a = fx_staff(m, "a", MR_ROLE_PHYSIO, 1, TUE, AM);
    int b = fx_staff(m, "b", MR_ROLE_PHYSIO, 1, TUE, AM);
    add_cover(m, 0, "clinic", TUE, AM, 2, -1, 0);
    mr_solution *s = solve(m);
    int clinic = mr_find_activity(m, "clinic");

    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, 500, 1e-6);
    ck_assert_int_eq(count(s, m, a, "clinic") + count(s, m, b, "clinic"), 5);
    ck_assert_int_eq(s->cover_shortfall, 5);
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].activity == clinic)
            ck_assert_str_eq(m->rooms[s->assign[i].room].id, "t1");
        else
            ck_assert_int_eq(s->assign[i].room, -1);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(evenings_and_day_caps_can_make_a_month_infeasible)
{
    mr_model *m = world();
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE, EVE);
    m->staff[p].max_evenings = 3;
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);   /* 5 due, 3 allowed */
    mr_solution_free(s);
    m->staff[p].max_evenings = 5;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_int_eq(s->n_assign, 5);
    mr_solution_free(s);

    /* Three sessions due every Tuesday, at most two a day. */
    m->staff[p].pmask = AM | PM | EVE;
    m->staff[p].sessions_per_week = 3;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);
    mr_solution_free(s);
    m->rules.max_sessions_per_day = 3;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_int_eq(s->n_assign, 15);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(consecutive_days_are_capped)
{
    /* Every day of the week, one session due each: every date of the
     * month that is not closed is worked, so the runs are 1-24, 27 and
     * 29-31. The hub is open at weekends for the test. */
    mr_model *m = world();
    for (int d = 0; d < 7; d++)
        m->sites[0].open[d] = AM | PM | EVE;
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 7, MR_ALL_DAYS, AM);
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);
    mr_solution_free(s);
    /* The longest run the month allows: 1 to 24 (25 is closed). */
    m->rules.max_consecutive_days = 23;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_INFEASIBLE);
    mr_solution_free(s);
    m->rules.max_consecutive_days = 24;
    s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_int_eq(count(s, m, p, "admin") + count(s, m, p, "clinic"),
                     s->n_assign);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(rest_between_days)
{
    /* Two sessions due in each Tuesday-Wednesday week, am or evening.
     * Wishes: Tuesday 1 evening and Wednesday 2 morning, both admin. The
     * evening ends at 20:00, the morning starts at 08:30: 12.5 hours.
     * With 13 hours of rest only one wish holds: 50 * 0.5 - 200 * 0.5. */
    mr_model *m = world();
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 2, TUE | WED, AM | EVE);
    m->staff[p].max_evenings = 10;
    want_session(m, p, 1, 2, "admin", -1, 1);
    want_session(m, p, 2, 0, "admin", -1, 1);
    m->rules.min_rest_hours = 13;
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, 25 - 100, 1e-6);
    mr_solution_free(s);
    m->rules.min_rest_hours = 12;
    s = solve(m);
    ck_assert_double_eq_tol(s->objective, -200, 1e-6);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(one_site_a_day)
{
    /* Two sessions due every Tuesday; wishes: Tuesday 1 am clinic at the
     * hub, pm clinic at the community centre. One non-remote site a day:
     * one wish, 50 * 0.5 - 200 * 0.5; two sites a day: both. */
    mr_model *m = world();
    int cc = fx_site(m, "cc", MR_SITE_COMMUNITY, MR_MON_FRI, AM | PM);
    fx_room(m, "cc-t1", "treatment");
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 2, TUE, AM | PM);
    want_session(m, p, 1, 0, "clinic", 0, 1);
    want_session(m, p, 1, 1, "clinic", cc, 1);
    mr_solution *s = solve(m);
    ck_assert_double_eq_tol(s->objective, 25 - 100, 1e-6);
    mr_solution_free(s);
    m->rules.max_sites_per_day = 2;
    s = solve(m);
    ck_assert_double_eq_tol(s->objective, -200, 1e-6);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(advice_needs_a_clinic)
{
    /* An adviser wants an ea session on Tuesday 1 am. With nobody who can
     * hold a clinic there is no ea at all: 50. With a physio due the same
     * session, the physio holds a clinic and the wish holds: -200. */
    mr_model *m = world();
    int e = fx_staff(m, "e", MR_ROLE_EA, 1, TUE, AM);
    want_session(m, e, 1, 0, "ea", 0, 1);
    mr_solution *s = solve(m);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, 50, 1e-6);
    ck_assert_int_eq(count(s, m, e, "ea"), 0);
    mr_solution_free(s);

    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE, AM);
    s = solve(m);
    ck_assert_double_eq_tol(s->objective, -200, 1e-6);
    ck_assert_int_ge(count(s, m, e, "ea"), 1);
    ck_assert_int_ge(count(s, m, p, "clinic"), 1);
    /* The ea session takes the consult room, the clinic the treatment. */
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].staff == e && s->assign[i].room >= 0)
            ck_assert_str_eq(m->rooms[s->assign[i].room].id, "c1");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

static int n_progress;
static double last_progress_at;

static void on_progress(const mr_progress *p, void *user)
{
    ck_assert_ptr_eq(user, &n_progress);
    ck_assert(p->seconds >= last_progress_at);
    if (p->has_incumbent && p->bound > -1e300)
        ck_assert(p->gap >= 0);
    last_progress_at = p->seconds;
    n_progress++;
}

START_TEST(progress_is_reported_and_lp_written)
{
    char path[] = "/tmp/mr_solve_lp_XXXXXX";
    mr_model *m = world();
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE | WED, AM | PM);
    want_session(m, p, 2, 1, "admin", -1, 3);
    add_cover(m, 1, "triage", TUE, AM, 1, -1, 1);
    mr_solve_opts o;
    mr_solution *s = NULL;
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);

    mr_solve_opts_init(&o);
    o.progress = on_progress;
    o.user = &n_progress;
    o.write_lp = path;
    n_progress = 0;
    last_progress_at = 0;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    ck_assert_int_ge(n_progress, 1);            /* at least the last one */
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);

    /* The written model names its rows and carries the constant (50 for
     * the one person with requests) as a column fixed at 1. */
    FILE *f = fopen(path, "r");
    char buf[256];
    int constant = 0, hcover = 0, h4 = 0;
    ck_assert_ptr_nonnull(f);
    while (fgets(buf, sizeof buf, f) != NULL) {
        constant |= strstr(buf, "+ 50 constant") != NULL;
        hcover |= strstr(buf, "hcover0.20261201.am:") != NULL;
        h4 |= strstr(buf, "h4.p.w0:") != NULL;
    }
    fclose(f);
    remove(path);
    ck_assert(constant && hcover && h4);

    o.write_lp = "/nonexistent-dir/x.lp";
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_EIO);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* Every allocation of a solve that goes through every stage (probing, a
 * constructed roster, the relaxation, column generation, neighbourhood
 * search: two people sharing five hard triage mornings, both wishing to
 * be at the hub) fails in turn: each must give MR_ENOMEM (unless that run,
 * whose searches stop on the clock, allocated less), and the sanitizer
 * build checks that nothing leaks. */
START_TEST(every_allocation_failure_is_reported)
{
    mr_model *m = world();
    mr_solve_opts o;
    mr_solution *s = NULL;
    long n;
    int rc;

    for (int k = 0; k < 2; k++) {
        int p = fx_staff(m, k == 0 ? "p" : "q", MR_ROLE_PHYSIO, 1, TUE, AM);
        want_session(m, p, 1 + 7 * k, 0, "admin", 0, 1);
        m->requests[k].kind = MR_REQ_LOCATION;
        m->requests[k].date = MR_NO_DATE;
        m->requests[k].weekdays = TUE;
    }
    add_cover(m, 1, "triage", TUE, AM, 1, -1, 1);
    mr_solve_opts_init(&o);
    o.gap = 1e-6;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    mr_alloc_fail_at(0);
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    n = mr_alloc_fail_at(0);
    ck_assert_int_eq(s->outcome, MR_OUT_OPTIMAL);
    ck_assert_double_eq_tol(s->objective, 50 - 80, 1e-6);
    for (long k = 1; k <= n; k++) {
        long used;
        mr_alloc_fail_at(k);
        rc = mr_solve_month(m, &o, s);
        used = mr_alloc_fail_at(0);
        /* The search stops on the clock: a run may allocate less. */
        ck_assert_msg(rc == MR_ENOMEM || (rc == MR_OK && used < k),
                      "allocation %ld of %ld: %d", k, n, rc);
    }
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_solve(void)
{
    Suite *s = suite_create("solve");
    TCase *t = tcase_create("solve");
    tcase_add_test(t, due_sessions_are_worked);
    tcase_add_test(t, hard_cover_beats_a_wish);
    tcase_add_test(t, hard_cover_nobody_can_meet_is_infeasible);
    tcase_add_test(t, room_shortage_forces_cover_shortfall);
    tcase_add_test(t, evenings_and_day_caps_can_make_a_month_infeasible);
    tcase_add_test(t, consecutive_days_are_capped);
    tcase_add_test(t, rest_between_days);
    tcase_add_test(t, one_site_a_day);
    tcase_add_test(t, advice_needs_a_clinic);
    tcase_add_test(t, progress_is_reported_and_lp_written);
    tcase_add_test(t, every_allocation_failure_is_reported);
    suite_add_tcase(s, t);
    return s;
}
