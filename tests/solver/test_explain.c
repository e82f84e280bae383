/* Tests of the conflict search (solver/explain_iis.c, glpk_feasible.c):
 * months built to be infeasible for each family of hard rule, each with
 * the irreducible set worked by hand, and the check that lifting any one
 * item of a reported set (done here on the model itself, independently of
 * the search) gives a month that can be rostered. Also: every shortfall
 * and every request of the example month is explained.
 *
 * December 2026: Mondays 7, 14, 21, 28 (closed); Tuesdays 1, 8, 15, 22,
 * 29; Wednesdays 2, 9, 16, 23, 30; Thursdays 3, 10, 17, 24, 31. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "evaluate.h"
#include "example_run.h"
#include "explain.h"
#include "feasible.h"
#include "fixture.h"
#include "solve.h"
#include "suites.h"

#define AM  0x1u
#define PM  0x2u
#define EVE 0x4u
#define MON 0x1u
#define TUE 0x2u
#define WED 0x4u
#define THU 0x8u
#define LIMIT 30.0

/* A hub (rooms as asked) and a remote site, both open mon-fri all day. */
static mr_model *world(int n_treatment)
{
    mr_model *m = fx_month();
    char id[16];
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM | EVE);
    for (int i = 0; i < n_treatment; i++) {
        snprintf(id, sizeof id, "t%d", i + 1);
        fx_room(m, id, "treatment");
    }
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, AM | PM);
    return m;
}

static int hard_cover(mr_model *m, int site, const char *activity,
                      unsigned days, unsigned periods, int min)
{
    int c = fx_cover(m, site, activity, days, periods, min);
    m->cover[c].hard = 1;
    return c;
}

static int feasible(const mr_model *m)
{
    int res;
    ck_assert_int_eq(mr_feasible(m, LIMIT, &res), MR_OK);
    ck_assert_int_ne(res, MR_FEAS_UNKNOWN);
    return res == MR_FEAS_FEASIBLE;
}

static void conflict(const mr_model *m, mr_conflict *c)
{
    mr_conflict_init(c);
    ck_assert_int_eq(mr_explain_conflict(m, LIMIT, c), MR_OK);
    ck_assert_int_eq(c->status, MR_CONFLICT_MINIMAL);
    for (int i = 0; i < c->items.n_items; i++)
        ck_assert_int_eq(c->proven[i], 1);
}

/* How many items of a kind (for a person, -1 any) the set holds. */
static int count(const mr_conflict *c, int kind, int staff)
{
    int n = 0;
    for (int i = 0; i < c->items.n_items; i++)
        n += c->items.items[i].kind == kind
             && (staff < 0 || c->items.items[i].staff == staff);
    return n;
}

static int has_cover(const mr_conflict *c, int cover, int dec, int period)
{
    for (int i = 0; i < c->items.n_items; i++) {
        const mr_xitem *it = &c->items.items[i];
        if (it->kind == MR_XI_COVER && it->cover == cover
            && it->date == fx_dec(dec) && it->period == period)
            return 1;
    }
    return 0;
}

START_TEST(hard_cover_against_leave)
{
    /* Triage at remote needs 2 every Tuesday morning; a and b are the only
     * two who can triage, and b is on leave 14-16 Dec. */
    mr_model *m = world(1);
    int a = fx_staff(m, "a", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    int b = fx_staff(m, "b", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    int cv = hard_cover(m, 1, "triage", TUE, AM, 2);
    mr_conflict c;

    fx_leave(m, b, 14, 16);
    ck_assert(!feasible(m));
    conflict(m, &c);
    ck_assert_int_eq(c.items.n_items, 2);
    ck_assert(has_cover(&c, cv, 15, 0));
    ck_assert_int_eq(count(&c, MR_XI_LEAVE, b), 1);
    ck_assert_int_eq(c.lp, 1);

    /* lifting either one on the model itself gives a roster */
    m->n_absences = 0;
    ck_assert(feasible(m));
    m->n_absences = 1;
    m->cover[cv].hard = 0;
    ck_assert(feasible(m));
    (void)a;
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(contract_against_pattern)
{
    /* p works Tuesdays only, am and eve, 2 sessions a week: every Tuesday
     * needs an evening, 5 in the month, but max_evenings is 4. All five
     * weeks' contracts, the days, the periods and the evening limit are
     * needed: lift the days and they could work Monday instead. */
    mr_model *m = world(1);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 2, TUE, AM | EVE);
    mr_conflict c;

    m->staff[p].max_evenings = 4;
    ck_assert(!feasible(m));
    conflict(m, &c);
    ck_assert_int_eq(c.items.n_items, 8);
    ck_assert_int_eq(count(&c, MR_XI_CONTRACT, p), 5);
    ck_assert_int_eq(count(&c, MR_XI_DAYS, p), 1);
    ck_assert_int_eq(count(&c, MR_XI_PERIODS, p), 1);
    ck_assert_int_eq(count(&c, MR_XI_EVENINGS, p), 1);

    m->staff[p].max_evenings = 5;
    ck_assert(feasible(m));
    m->staff[p].max_evenings = 4;
    m->staff[p].pmask = AM | PM | EVE;
    ck_assert(feasible(m));
    m->staff[p].pmask = AM | EVE;
    m->staff[p].days = MON | TUE;        /* due: one a day, mornings do */
    ck_assert(feasible(m));
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(rooms_against_hard_cover)
{
    /* Clinic at the hub needs 2 every Wednesday morning; three people
     * could, but the hub has one treatment room. */
    mr_model *m = world(1);
    int cv;
    mr_conflict c;

    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%d", i);
        fx_staff(m, id, MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    }
    cv = hard_cover(m, 0, "clinic", WED, AM, 2);
    ck_assert(!feasible(m));
    conflict(m, &c);
    ck_assert_int_eq(c.items.n_items, 2);
    ck_assert_int_eq(count(&c, MR_XI_ROOMS, -1), 1);
    ck_assert_int_eq(count(&c, MR_XI_COVER, -1), 1);
    ck_assert_int_eq(c.items.items[0].cover, cv);
    ck_assert_int_eq(c.items.items[1].site, 0);

    m->cover[cv].hard = 0;
    ck_assert(feasible(m));
    m->cover[cv].hard = 1;
    fx_room(m, "remote-t", "treatment");   /* on the last site: remote */
    ck_assert(!feasible(m));
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(evenings_against_hard_cover)
{
    /* A drop-in every Thursday evening (5 in December), one person who
     * works evenings, at most 4 of them: every session and the limit. */
    mr_model *m = world(2);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM | EVE);
    int cv = hard_cover(m, 0, "drop_in", THU, EVE, 1);
    mr_conflict c;

    m->staff[p].max_evenings = 4;
    ck_assert(!feasible(m));
    conflict(m, &c);
    ck_assert_int_eq(c.items.n_items, 6);
    ck_assert_int_eq(count(&c, MR_XI_EVENINGS, p), 1);
    for (int d = 3; d <= 31; d += 7)
        ck_assert(has_cover(&c, cv, d, 2));

    m->staff[p].max_evenings = 5;
    ck_assert(feasible(m));
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(rest_against_hard_cover)
{
    /* Monday evening drop-in and Tuesday morning triage, both hard, one
     * person for both; 12.5 h from 20:00 to 08:30 but 13 h of rest asked.
     * Any Monday with its Tuesday conflicts (7/8, 14/15, 21/22). */
    mr_model *m = world(1);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 2, MON | TUE, AM | EVE);
    int eve = hard_cover(m, 0, "drop_in", MON, EVE, 1);
    int am = hard_cover(m, 1, "triage", TUE, AM, 1);
    mr_conflict c;

    m->staff[p].max_evenings = 10;
    m->rules.min_rest_hours = 13;
    ck_assert(!feasible(m));
    conflict(m, &c);
    ck_assert_int_eq(c.items.n_items, 3);
    ck_assert_int_eq(count(&c, MR_XI_REST, p), 1);
    ck_assert(has_cover(&c, eve, 7, 2) || has_cover(&c, eve, 14, 2)
              || has_cover(&c, eve, 21, 2));
    for (int i = 0; i < c.items.n_items; i++) {
        const mr_xitem *it = &c.items.items[i];
        if (it->kind == MR_XI_COVER && it->cover == eve)
            ck_assert(has_cover(&c, am, it->date - fx_dec(1) + 2, 0));
    }
    m->rules.min_rest_hours = 12;
    ck_assert(feasible(m));
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(feasible_month_has_no_conflict)
{
    mr_model *m = world(2);
    mr_conflict c;
    fx_staff(m, "a", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    hard_cover(m, 1, "triage", TUE, AM, 1);
    mr_conflict_init(&c);
    ck_assert_int_eq(mr_explain_conflict(m, LIMIT, &c), MR_OK);
    ck_assert_int_eq(c.status, MR_CONFLICT_FEASIBLE);
    ck_assert_int_eq(c.items.n_items, 0);
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

START_TEST(allocation_failures)
{
    /* the conflict of hard_cover_against_leave under every failure */
    mr_model *m = world(1);
    int b, rc = MR_ENOMEM;
    mr_conflict c;

    fx_staff(m, "a", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    b = fx_staff(m, "b", MR_ROLE_PHYSIO, 1, MR_MON_FRI, AM | PM);
    hard_cover(m, 1, "triage", TUE, AM, 2);
    fx_leave(m, b, 14, 16);
    mr_conflict_init(&c);
    for (long k = 1; rc != MR_OK && k < 100000; k += 1 + k / 16) {
        mr_alloc_fail_at(k);
        rc = mr_explain_conflict(m, LIMIT, &c);
        mr_alloc_fail_at(0);
        if (rc != MR_OK)
            ck_assert_int_eq(rc, MR_ENOMEM);
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_eq(c.status, MR_CONFLICT_MINIMAL);
    ck_assert_int_eq(c.items.n_items, 2);
    mr_conflict_clear(&c);
    mr_model_free(m);
}
END_TEST

/* The example month: every shortfall in exactly one group, every cover
 * group's sessions accounted for, every request explained, and s005's
 * days off in week 1 impossible by contract (every session due). */
START_TEST(example_month_explained)
{
    mr_model *m = ex_example();
    mr_solution *s = NULL;
    mr_solve_opts o;
    mr_xshort x;
    mr_xreqs xr;
    int *seen;

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    mr_solve_opts_init(&o);
    o.time_limit = LIMIT;
    ck_assert_int_eq(mr_solve_month(m, &o, s), MR_OK);
    ck_assert_int_gt(s->n_assign, 0);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    mr_xshort_init(&x);
    mr_xreqs_init(&xr);
    ck_assert_int_eq(mr_explain_shortfalls(m, s, &x), MR_OK);
    ck_assert_int_eq(mr_explain_requests(m, s, &xr), MR_OK);

    seen = calloc((size_t)s->n_shortfalls + 1, sizeof *seen);
    ck_assert_ptr_nonnull(seen);
    for (int g = 0; g < x.n_groups; g++) {
        const mr_xgroup *gr = &x.groups[g];
        int total = 0;
        for (int k = gr->first; k < gr->first + gr->n; k++)
            seen[x.shorts[k]]++;
        for (int c = 0; c < MR_N_XC; c++)
            total += gr->total[c];
        if (gr->kind == MR_SHORT_COVER && gr->n_people > 0)
            ck_assert_int_gt(total, 0);
    }
    for (int i = 0; i < s->n_shortfalls; i++)
        ck_assert_int_eq(seen[i], 1);
    free(seen);

    ck_assert_int_eq(xr.n_items, m->n_requests);
    for (int i = 0; i < xr.n_items; i++) {
        const mr_xreq *q = &xr.items[i];
        double sat = mr_request_satisfaction(m, s, q->request);
        ck_assert_int_eq(q->reason == MR_XR_MET, sat >= 1.0 - 1e-9);
        if (strcmp(m->staff[q->staff].id, "s005") == 0
            && m->requests[q->request].date == fx_dec(2))
            ck_assert_int_eq(q->reason, MR_XR_CONTRACT);
    }
    mr_xshort_clear(&x);
    mr_xreqs_clear(&xr);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_explain(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("conflicts");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, hard_cover_against_leave);
    tcase_add_test(tc, contract_against_pattern);
    tcase_add_test(tc, rooms_against_hard_cover);
    tcase_add_test(tc, evenings_against_hard_cover);
    tcase_add_test(tc, rest_against_hard_cover);
    tcase_add_test(tc, feasible_month_has_no_conflict);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, example_month_explained);
    suite_add_tcase(s, tc);
    return s;
}
