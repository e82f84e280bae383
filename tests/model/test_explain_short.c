/* Tests of model/explain_short.c and explain_req.c on rosters written by
 * hand: what kept each able person away from a session short of cover,
 * grouped by entry, and why a request was or was not met.
 *
 * December 2026: Tuesday 1, Wednesday 2 ... Friday 4; Monday 7 to Friday
 * 11 is a full week. */
#include <check.h>
#include <string.h>

#include "alloc.h"
#include "evaluate.h"
#include "explain.h"
#include "fixture.h"
#include "suites.h"

#define AM  0x1u
#define PM  0x2u
#define EVE 0x4u
#define TUE 0x2u

/* A hub with two treatment rooms, open mon-fri am and pm; clinic cover
 * of 2 every Tuesday morning; three physios a, b, c. */
static mr_model *world(void)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM);
    fx_room(m, "t1", "treatment");
    fx_room(m, "t2", "treatment");
    fx_staff(m, "a", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM | PM);
    fx_staff(m, "b", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM | PM);
    fx_staff(m, "c", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM | PM);
    fx_cover(m, 0, "clinic", TUE, AM, 2);
    return m;
}

static void put(mr_solution *s, const mr_model *m, int staff, int dec,
                int period, const char *activity, int room)
{
    mr_assignment a = {staff, fx_dec(dec), period,
                       mr_find_activity(m, activity), 0, room, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
}

static const mr_xperson *person(const mr_xshort *x, const mr_xgroup *g,
                                int staff)
{
    for (int q = g->first_person; q < g->first_person + g->n_people; q++)
        if (x->people[q].staff == staff)
            return &x->people[q];
    return NULL;
}

START_TEST(cover_short_by_leave_elsewhere_and_contract)
{
    /* Tue 8 Dec am: a on leave, b on admin, c (8 a week) has all 8 of
     * the week on Monday, Wednesday, Thursday and Friday: nobody at the
     * hub clinic; every other Tuesday both a and b hold it. */
    mr_model *m = world();
    mr_solution *s;
    mr_xshort x;
    const mr_xgroup *g;

    fx_leave(m, 0, 8, 8);
    m->staff[2].sessions_per_week = 8;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    for (int d = 1; d <= 29; d += 7)
        if (d != 8) {
            put(s, m, 0, d, 0, "clinic", 0);
            put(s, m, 1, d, 0, "clinic", 1);
        }
    put(s, m, 1, 8, 0, "admin", -1);
    for (int d = 7; d <= 11; d++)
        for (int t = 0; t < 2; t++)
            if (d != 8)
                put(s, m, 2, d, t, "admin", -1);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_int_eq(s->cover_shortfall, 2);

    mr_xshort_init(&x);
    ck_assert_int_eq(mr_explain_shortfalls(m, s, &x), MR_OK);
    ck_assert_int_eq(x.n_groups, 1);
    g = &x.groups[0];
    ck_assert_int_eq(g->kind, MR_SHORT_COVER);
    ck_assert_int_eq(g->cover, 0);
    ck_assert_int_eq(g->n, 1);
    ck_assert_int_eq(g->missing, 2);
    ck_assert_int_eq(g->n_people, 3);
    ck_assert_int_eq(person(&x, g, 0)->count[MR_XC_LEAVE], 1);
    ck_assert_int_eq(person(&x, g, 0)->ref[MR_XC_LEAVE], 0);
    ck_assert_int_eq(person(&x, g, 1)->count[MR_XC_ELSEWHERE], 1);
    ck_assert_int_eq(person(&x, g, 2)->count[MR_XC_CONTRACT], 1);
    ck_assert_int_eq(g->total[MR_XC_LEAVE] + g->total[MR_XC_ELSEWHERE]
                     + g->total[MR_XC_CONTRACT], 3);
    mr_xshort_clear(&x);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(needed_elsewhere)
{
    /* The same Tuesday, but b's admin there is itself wanted (an admin
     * cover of 1 at the hub): b was needed where b was. */
    mr_model *m = world();
    mr_solution *s;
    mr_xshort x;
    const mr_xgroup *g = NULL;

    fx_cover(m, 0, "admin", TUE, AM, 1);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    put(s, m, 1, 8, 0, "admin", -1);
    put(s, m, 0, 8, 0, "clinic", 0);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    mr_xshort_init(&x);
    ck_assert_int_eq(mr_explain_shortfalls(m, s, &x), MR_OK);
    for (int i = 0; i < x.n_groups; i++)
        if (x.groups[i].cover == 0)
            g = &x.groups[i];
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(person(&x, g, 1)->count[MR_XC_NEEDED], 1);
    ck_assert_int_eq(person(&x, g, 1)->count[MR_XC_ELSEWHERE], 0);
    ck_assert_int_eq(person(&x, g, 0)->count[MR_XC_ELSEWHERE], 0);
    mr_xshort_clear(&x);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(static_causes)
{
    mr_model *m = world();
    int ref;

    m->staff[1].days = 0x1u;                      /* Mondays only */
    m->staff[2].pmask = AM;
    fx_leave(m, 0, 1, 2);
    ck_assert_int_eq(mr_x_static_cause(m, 0, fx_dec(2), 0, &ref),
                     MR_XC_LEAVE);
    ck_assert_int_eq(ref, 0);
    ck_assert_int_eq(mr_x_static_cause(m, 1, fx_dec(2), 0, &ref),
                     MR_XC_DAYS);
    ck_assert_int_eq(mr_x_static_cause(m, 2, fx_dec(2), 1, &ref),
                     MR_XC_PERIODS);
    ck_assert_int_eq(mr_x_static_cause(m, 2, fx_dec(25), 0, &ref),
                     MR_XC_CLOSED);
    ck_assert_int_eq(mr_x_static_cause(m, 2, fx_dec(2), 0, &ref),
                     MR_XC_FREE);
    mr_model_free(m);
}
END_TEST

START_TEST(requests_met_forced_and_lost_to_cover)
{
    /* c asks Wednesday 9 Dec off (weight 2) but works 10 sessions a week
     * Monday to Friday: every session is due, so it cannot be met. a asks
     * Tuesday 15 Dec off and is on clinic there, where the cover had
     * exactly its 2: lost to cover. b asks 22 Dec off and gets it. */
    mr_model *m = world();
    mr_solution *s;
    mr_xreqs xr;
    int r_c, r_a, r_b;

    m->staff[0].sessions_per_week = 4;
    r_c = fx_request(m, 2, MR_REQ_OFF, 2);
    m->requests[r_c].date = fx_dec(9);
    r_a = fx_request(m, 0, MR_REQ_OFF, 3);
    m->requests[r_a].date = fx_dec(15);
    r_b = fx_request(m, 1, MR_REQ_OFF, 1);
    m->requests[r_b].date = fx_dec(22);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    put(s, m, 2, 9, 0, "admin", -1);
    put(s, m, 0, 15, 0, "clinic", 0);
    put(s, m, 1, 15, 0, "clinic", 1);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);

    mr_xreqs_init(&xr);
    ck_assert_int_eq(mr_explain_requests(m, s, &xr), MR_OK);
    ck_assert_int_eq(xr.n_items, 3);
    ck_assert_int_eq(xr.items[r_c].reason, MR_XR_CONTRACT);
    ck_assert_int_eq(xr.items[r_c].n1, 10);
    ck_assert_int_eq(xr.items[r_c].n2, 8);
    ck_assert_int_eq(xr.items[r_a].reason, MR_XR_COVER);
    ck_assert_int_eq(xr.items[r_a].ref, 0);
    ck_assert_int_eq(xr.items[r_a].n1, 2);
    ck_assert_int_eq(xr.items[r_a].n2, 2);
    ck_assert_int_eq(xr.items[r_b].reason, MR_XR_MET);
    mr_xreqs_clear(&xr);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(session_request_on_leave)
{
    mr_model *m = world();
    mr_solution *s;
    mr_xreqs xr;
    int r = fx_request(m, 0, MR_REQ_SESSION, 4);

    m->requests[r].date = fx_dec(3);
    fx_ref(&m->requests[r].period, "am", 0);
    fx_ref(&m->requests[r].activity, "clinic", mr_find_activity(m, "clinic"));
    fx_leave(m, 0, 3, 4);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    mr_xreqs_init(&xr);
    ck_assert_int_eq(mr_explain_requests(m, s, &xr), MR_OK);
    ck_assert_int_eq(xr.items[0].reason, MR_XR_LEAVE);
    ck_assert_int_eq(xr.items[0].ref, 0);
    mr_xreqs_clear(&xr);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* Every allocation failure of the explainers and the item list returns
 * MR_ENOMEM and leaves nothing behind (the sweep stops at the first run
 * that needs no more). */
START_TEST(allocation_failures)
{
    mr_model *m = world();
    mr_solution *s;
    mr_xshort x;
    mr_xreqs xr;
    mr_xitems it;
    mr_model *r;
    int rc = MR_ENOMEM, q;

    fx_leave(m, 0, 8, 8);
    q = fx_request(m, 1, MR_REQ_OFF, 2);
    m->requests[q].date = fx_dec(8);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    put(s, m, 1, 8, 0, "admin", -1);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    mr_xshort_init(&x);
    mr_xreqs_init(&xr);
    mr_xitems_init(&it);
    for (long k = 1; rc != MR_OK && k < 1000; k++) {
        mr_alloc_fail_at(k);
        rc = mr_explain_shortfalls(m, s, &x);
        if (rc == MR_OK)
            rc = mr_explain_requests(m, s, &xr);
        if (rc == MR_OK)
            rc = mr_xitems_universe(m, &it);
        if (rc == MR_OK) {
            rc = mr_xrelaxed_new(m, &r);
            mr_xrelaxed_free(r);
        }
        mr_alloc_fail_at(0);
        if (rc != MR_OK) {
            ck_assert_int_eq(rc, MR_ENOMEM);
            mr_xshort_clear(&x);
            mr_xreqs_clear(&xr);
            mr_xitems_clear(&it);
        }
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_eq(x.n_groups, 1);
    ck_assert_int_eq(xr.n_items, 1);
    ck_assert_int_gt(it.n_items, 0);
    mr_xshort_clear(&x);
    mr_xreqs_clear(&xr);
    mr_xitems_clear(&it);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_explain_short(void)
{
    Suite *s = suite_create("explain_short");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, cover_short_by_leave_elsewhere_and_contract);
    tcase_add_test(tc, needed_elsewhere);
    tcase_add_test(tc, static_causes);
    tcase_add_test(tc, requests_met_forced_and_lost_to_cover);
    tcase_add_test(tc, session_request_on_leave);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
