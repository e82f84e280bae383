/* Tests of solver/slots.c: slot layout, buffers, the type mix against
 * demand, equity, group capacity and PCN demand, on hand-worked cases in
 * December 2026 (periods am 08:30-12:30, pm 13:00-17:00, eve 17:00-20:00;
 * default buffer 30 minutes, so a 240-minute session books 210). */
#include <check.h>

#include "alloc.h"
#include "ea_alloc.h"
#include "fixture.h"
#include "roster.h"
#include "slots.h"
#include "suites.h"

#define AM 0
#define PM 1
#define EVE 2
#define ALL_PERIODS 0x7u
#define NO_LOC ((mr_loc){-1, 0, 0})

static int act(const mr_model *m, const char *id)
{
    int a = mr_find_activity(m, id);
    ck_assert_int_ge(a, 0);
    return a;
}

static int type(const mr_model *m, const char *id)
{
    int t = mr_find_appt_type(m, id);
    ck_assert_int_ge(t, 0);
    return t;
}

static int assign(mr_solution *s, int staff, int day, int period,
                  int activity, int site)
{
    mr_assignment a = {staff, fx_dec(day), period, activity, site, -1, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
    return s->n_assign - 1;
}

static int pcn(mr_model *m, const char *id)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, pcns, &i), MR_OK);
    m->pcns[i].id = mr_strdup(id);
    return i;
}

static void site_in_pcn(mr_model *m, int site, int p, int imd)
{
    ck_assert_int_eq(mr_ref_set(&m->sites[site].pcn, m->pcns[p].id, NO_LOC),
                     MR_OK);
    m->sites[site].pcn.index = p;
    m->sites[site].imd_decile = imd;
}

/* A demand line for a site (p < 0) or a PCN (site < 0). */
static int demand(mr_model *m, int site, int p, const char *type_id, int count)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, demand, &i), MR_OK);
    mr_demand *d = &m->demand[i];
    d->site.index = d->pcn.index = -1;
    if (site >= 0) {
        ck_assert_int_eq(mr_ref_set(&d->site, m->sites[site].id, NO_LOC), MR_OK);
        d->site.index = site;
    } else {
        ck_assert_int_eq(mr_ref_set(&d->pcn, m->pcns[p].id, NO_LOC), MR_OK);
        d->pcn.index = p;
    }
    ck_assert_int_eq(mr_ref_set(&d->type, type_id, NO_LOC), MR_OK);
    d->type.index = type(m, type_id);
    d->count = count;
    return i;
}

/* Slots of one assignment and type. */
static int count_slots(const mr_solution *s, int a, int t)
{
    int n = 0;
    for (int i = 0; i < s->n_slots; i++)
        if (s->slots[i].assignment == a && s->slots[i].type == t)
            n++;
    return n;
}

/* H12 and layout, checked from scratch: every slot lies within its
 * session's bookable minutes in a session its type allows, slots of one
 * assignment are back to back from the period's start, and no two slots
 * of a person overlap. */
static void check_layout(const mr_model *m, const mr_solution *s)
{
    for (int i = 0; i < s->n_slots; i++) {
        const mr_slot *a = &s->slots[i];
        const mr_assignment *as = &s->assign[a->assignment];
        const mr_period *p = &m->periods[as->period];
        ck_assert_int_ge(a->start, p->start);
        ck_assert_int_le(a->end, p->end - m->rules.session_buffer_minutes);
        ck_assert_int_eq(a->end - a->start, m->appt_types[a->type].minutes);
        ck_assert(mr_appt_type_allows(m, a->type, as->activity));
        if (i > 0 && s->slots[i - 1].assignment == a->assignment)
            ck_assert_int_eq(a->start, s->slots[i - 1].end);
        else
            ck_assert_int_eq(a->start, p->start);
        for (int j = i + 1; j < s->n_slots; j++) {
            const mr_slot *b = &s->slots[j];
            const mr_assignment *bs = &s->assign[b->assignment];
            if (bs->staff == as->staff && bs->date == as->date)
                ck_assert(a->end <= b->start || b->end <= a->start);
        }
    }
}

START_TEST(default_mix_fills_bookable_minutes)
{
    /* No demand: 210 bookable -> 4 initial (180) + 1 follow_up (30). */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int ini = type(m, "initial"), fu = type(m, "follow_up");
    static const int starts[] = {510, 555, 600, 645, 690};

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, p, 1, AM, act(m, "clinic"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 5);
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(s->slots[i].start, starts[i]);
        ck_assert_int_eq(s->slots[i].type, i < 4 ? ini : fu);
        ck_assert_int_eq(s->slots[i].capacity, 1);
    }
    ck_assert_int_eq(s->slots[4].end, 720);     /* 12:30 less 30 */
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(buffer_and_period_end)
{
    /* eve is 180 minutes: buffer 30 -> 150 -> 3 initial (135), 15 idle;
     * buffer 0 -> 4 initial ending exactly at 20:00. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int ini = type(m, "initial");

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    int a = assign(s, p, 2, EVE, act(m, "clinic"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 3);
    ck_assert_int_eq(count_slots(s, a, ini), 3);
    ck_assert_int_eq(s->slots[2].end, 1155);
    check_layout(m, s);

    m->rules.session_buffer_minutes = 0;
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 4);
    ck_assert_int_eq(s->slots[3].end, 1200);
    check_layout(m, s);

    /* A buffer longer than the session leaves nothing bookable. */
    m->rules.session_buffer_minutes = 200;
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 0);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(demand_met_exactly_when_capacity_is_exact)
{
    /* Two 210-minute clinics = 420 minutes = 4 x 45 + 8 x 30. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int li = demand(m, hub, -1, "initial", 4);
    int lf = demand(m, hub, -1, "follow_up", 8);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, p, 1, AM, act(m, "clinic"), hub);
    assign(s, p, 1, PM, act(m, "clinic"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(mr_demand_provided(m, s, li), 4);
    ck_assert_int_eq(mr_demand_provided(m, s, lf), 8);
    ck_assert_int_eq(s->n_slots, 12);
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(short_capacity_minimises_unmet)
{
    /* One clinic, 10 initial and 10 follow_up wanted: 7 follow_up leaves 13
     * unmet, the best of 13 (0+7), 14 (1+5, 2+4), 15 (3+2, 4+1). */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int li = demand(m, hub, -1, "initial", 10);
    int lf = demand(m, hub, -1, "follow_up", 10);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, p, 3, AM, act(m, "clinic"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(mr_demand_provided(m, s, li), 0);
    ck_assert_int_eq(mr_demand_provided(m, s, lf), 7);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* Two practices of one PCN, each with one fcp session (210 minutes = ten
 * 20-minute fcp slots). A custom 30-minute "review" type, also booked in
 * fcp sessions, is wanted once across the PCN. The review costs 30 minutes
 * and so one fcp slot at whichever practice holds it: the less deprived
 * practice should be the one left short. */
static void equity_case(int imd1, int imd2, int *fcp1, int *fcp2)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int pa = pcn(m, "pcn-a");
    int s1 = fx_site(m, "p1", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int s2 = fx_site(m, "p2", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int ph = fx_staff(m, "ph", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int t;

    site_in_pcn(m, s1, pa, imd1);
    site_in_pcn(m, s2, pa, imd2);
    ck_assert_int_eq(MR_PUSH(m, appt_types, &t), MR_OK);
    m->appt_types[t].id = mr_strdup("review");
    m->appt_types[t].minutes = 30;
    m->appt_types[t].capacity = 1;
    ck_assert_int_eq(mr_ref_list_add(&m->appt_types[t].activities, "fcp",
                                     NO_LOC), MR_OK);
    int l1 = demand(m, s1, -1, "fcp", 10);
    int l2 = demand(m, s2, -1, "fcp", 10);
    int lr = demand(m, -1, pa, "review", 1);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, ph, 1, AM, act(m, "fcp"), s1);
    assign(s, ph, 2, AM, act(m, "fcp"), s2);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(mr_demand_provided(m, s, lr), 1);
    *fcp1 = mr_demand_provided(m, s, l1);
    *fcp2 = mr_demand_provided(m, s, l2);
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}

START_TEST(equity_decides_which_site_is_short)
{
    int f1, f2;
    equity_case(1, 9, &f1, &f2);      /* p1 deprived: p2 short */
    ck_assert_int_eq(f1, 10);
    ck_assert_int_eq(f2, 9);
    equity_case(9, 1, &f1, &f2);      /* p2 deprived: p1 short */
    ck_assert_int_eq(f1, 9);
    ck_assert_int_eq(f2, 10);
}
END_TEST

START_TEST(group_slots_hold_eight)
{
    /* A 210-minute group session: three 60-minute groups of 8 = 24. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int lg = demand(m, hub, -1, "group", 20);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    int a = assign(s, p, 4, PM, act(m, "group"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(count_slots(s, a, type(m, "group")), 3);
    ck_assert_int_eq(s->slots[0].capacity, 8);
    ck_assert_int_eq(mr_demand_provided(m, s, lg), 24);
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(fcp_demand_counts_the_practices_of_its_pcn)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int pa = pcn(m, "pcn-a"), pb = pcn(m, "pcn-b");
    int s1 = fx_site(m, "p1", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int s2 = fx_site(m, "p2", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int s3 = fx_site(m, "p3", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int ph = fx_staff(m, "ph", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    site_in_pcn(m, s1, pa, 1);
    site_in_pcn(m, s2, pa, 9);
    site_in_pcn(m, s3, pb, 5);
    int la = demand(m, -1, pa, "fcp", 15);
    int lb = demand(m, -1, pb, "fcp", 15);
    int l1 = demand(m, s1, -1, "fcp", 5);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, ph, 1, AM, act(m, "fcp"), s1);
    assign(s, ph, 1, PM, act(m, "fcp"), s2);
    assign(s, ph, 2, AM, act(m, "fcp"), s3);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(mr_demand_provided(m, s, la), 20);
    ck_assert_int_eq(mr_demand_provided(m, s, lb), 10);
    ck_assert_int_eq(mr_demand_provided(m, s, l1), 10);
    /* PCN equity is the mean over its practices: (1.9 + 1.1) / 2. */
    ck_assert_double_eq_tol(mr_demand_equity(m, la), 1.5, 1e-9);
    ck_assert_double_eq_tol(mr_demand_equity(m, l1), 1.9, 1e-9);
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(surplus_goes_to_demanded_types)
{
    /* drop_in has one type; a clinic with only follow_up wanted (2) fills
     * the rest with follow_up too: 7 of them, no initial. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    demand(m, hub, -1, "follow_up", 2);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    int a = assign(s, p, 7, AM, act(m, "clinic"), hub);
    int b = assign(s, p, 7, PM, act(m, "drop_in"), hub);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(count_slots(s, a, type(m, "follow_up")), 7);
    ck_assert_int_eq(count_slots(s, a, type(m, "initial")), 0);
    ck_assert_int_eq(count_slots(s, b, type(m, "drop_in")), 10);
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(activities_without_types_get_no_slots)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int rem = fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, ALL_PERIODS);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    assign(s, p, 7, AM, act(m, "admin"), hub);
    assign(s, p, 7, PM, act(m, "triage"), rem);
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 0);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* A small month with every kind of session, demand and referrals. */
static mr_model *mixed_month(mr_solution **out)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int pa = pcn(m, "pcn-a");
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, ALL_PERIODS);
    int pr = fx_site(m, "pr", MR_SITE_PRACTICE, MR_MON_FRI, ALL_PERIODS);
    int p1 = fx_staff(m, "p1", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int p2 = fx_staff(m, "p2", MR_ROLE_PHYSIO, 10, MR_MON_FRI, ALL_PERIODS);
    int ea = fx_staff(m, "ea", MR_ROLE_EA, 10, MR_MON_FRI, ALL_PERIODS);
    site_in_pcn(m, pr, pa, 2);
    demand(m, hub, -1, "initial", 12);
    demand(m, hub, -1, "follow_up", 30);
    demand(m, -1, pa, "fcp", 25);
    demand(m, hub, -1, "group", 10);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    for (int d = 1; d <= 4; d++) {
        assign(s, p1, d, AM, act(m, "clinic"), hub);
        assign(s, p1, d, PM, act(m, d % 2 ? "group" : "drop_in"), hub);
        assign(s, p2, d, AM, act(m, "fcp"), pr);
        assign(s, p2, d, EVE, act(m, "clinic"), hub);
        assign(s, ea, d, PM, act(m, "ea"), hub);
    }
    for (int r = 0; r < 5; r++) {
        int i;
        ck_assert_int_eq(MR_PUSH(m, referrals, &i), MR_OK);
        m->referrals[i].id = mr_strdup("R");
        m->referrals[i].referred_on = fx_dec(1 + r % 3);
        ck_assert_int_eq(mr_ref_set(&m->referrals[i].site, "hub", NO_LOC), MR_OK);
        m->referrals[i].site.index = hub;
        m->referrals[i].adviser.index = -1;
    }
    *out = s;
    return m;
}

START_TEST(mixed_month_layout_and_rerun)
{
    mr_solution *s = NULL;
    mr_model *m = mixed_month(&s);
    int n;
    ck_assert_int_eq(mr_appointments(m, s), MR_OK);
    check_layout(m, s);
    ck_assert_int_eq(mr_demand_provided(m, s, 0), 12);
    ck_assert_int_eq(mr_demand_provided(m, s, 2), 40);
    ck_assert_int_eq(mr_demand_provided(m, s, 3), 48);
    for (int r = 0; r < 5; r++) {
        ck_assert_int_ge(s->ea[r].slot, 0);
        ck_assert_int_eq(s->slots[s->ea[r].slot].type, type(m, "ea_first"));
    }
    n = s->n_slots;
    /* Refilling keeps the first appointments and gives the same slots. */
    mr_slot first = s->slots[n / 2];
    ck_assert_int_eq(mr_slots_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, n);
    ck_assert_int_eq(s->slots[n / 2].start, first.start);
    ck_assert_int_eq(s->slots[n / 2].type, first.type);
    for (int r = 0; r < 5; r++)
        ck_assert_int_eq(s->slots[s->ea[r].slot].type, type(m, "ea_first"));
    check_layout(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* With a time budget (a run's time limit covers the appointments), the
 * small month's MIPs finish well within it: the same slots as without. */
START_TEST(budgeted_layout_matches_the_default)
{
    mr_solution *s = NULL;
    mr_model *m = mixed_month(&s);
    int n;

    ck_assert_int_eq(mr_appointments(m, s), MR_OK);
    n = s->n_slots;
    mr_slot mid = s->slots[n / 2];
    ck_assert_int_eq(mr_appointments_within(m, s, 2.0), MR_OK);
    check_layout(m, s);
    ck_assert_int_eq(s->n_slots, n);
    ck_assert_int_eq(s->slots[n / 2].start, mid.start);
    ck_assert_int_eq(s->slots[n / 2].type, mid.type);
    ck_assert_int_eq(mr_demand_provided(m, s, 0), 12);
    for (int r = 0; r < 5; r++)
        ck_assert_int_eq(s->slots[s->ea[r].slot].type, type(m, "ea_first"));
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    mr_solution *s = NULL;
    mr_model *m = mixed_month(&s);
    long total;
    int n_slots;

    mr_alloc_fail_at(0);
    ck_assert_int_eq(mr_appointments(m, s), MR_OK);
    total = mr_alloc_fail_at(0);
    n_slots = s->n_slots;
    ck_assert_int_gt(total, 0);
    for (long k = 1; k <= total; k++) {
        mr_alloc_fail_at(k);
        int rc = mr_appointments(m, s);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_ENOMEM || rc == MR_OK, "rc %d at %ld", rc, k);
        if (rc == MR_OK)
            ck_assert_int_eq(s->n_slots, n_slots);
    }
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_slots(void)
{
    Suite *su = suite_create("slots");
    TCase *tc = tcase_create("slots");
    tcase_add_test(tc, default_mix_fills_bookable_minutes);
    tcase_add_test(tc, budgeted_layout_matches_the_default);
    tcase_add_test(tc, buffer_and_period_end);
    tcase_add_test(tc, demand_met_exactly_when_capacity_is_exact);
    tcase_add_test(tc, short_capacity_minimises_unmet);
    tcase_add_test(tc, equity_decides_which_site_is_short);
    tcase_add_test(tc, group_slots_hold_eight);
    tcase_add_test(tc, fcp_demand_counts_the_practices_of_its_pcn);
    tcase_add_test(tc, surplus_goes_to_demanded_types);
    tcase_add_test(tc, activities_without_types_get_no_slots);
    tcase_add_test(tc, mixed_month_layout_and_rerun);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(su, tc);
    return su;
}
