/* Tests of model/evaluate.c and satisfaction.c on hand-worked December 2026
 * cases (starts on a Tuesday; closed 25, 26, 28; weeks start on Mondays
 * 30 Nov, 7, 14, 21 and 28 Dec).
 *
 * The base model: hub (hub, mon-fri am/pm/eve, rooms t1 t2 treatment, gym),
 * remote (mon-fri am/pm), comm (community, mon-fri am/pm, room ct1),
 * surgery (practice, mon-fri am/pm, room sc1); c001, a physio, 10 a week
 * mon-fri am/pm. The base roster gives c001 a clinic at hub in t1 every am
 * and pm they may work: 21 days, 42 sessions. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "evaluate.h"
#include "fixture.h"
#include "suites.h"

#define AM   0
#define PM   1
#define EVE  2
#define BIT(p) (1u << (p))
#define TUE  0x2u
#define WED  0x4u
#define THU  0x8u
#define SAT  0x20u
#define SUN  0x40u

enum { HUB, REMOTE, COMM, SURGERY };
enum { T1, T2, GYM, CT1, SC1 };

static mr_model *base(void)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, BIT(AM) | BIT(PM) | BIT(EVE));
    fx_room(m, "t1", "treatment");
    fx_room(m, "t2", "treatment");
    fx_room(m, "gym", "gym");
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_site(m, "comm", MR_SITE_COMMUNITY, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_room(m, "ct1", "treatment");
    fx_site(m, "surgery", MR_SITE_PRACTICE, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_room(m, "sc1", "consult");
    fx_staff(m, "c001", MR_ROLE_PHYSIO, 10, MR_MON_FRI, BIT(AM) | BIT(PM));
    return m;
}

static int add(mr_solution *s, const mr_model *m, int staff, int day,
               int period, const char *act, int site, int room)
{
    mr_assignment a = {staff, fx_dec(day), period, mr_find_activity(m, act),
                       site, room, -1};
    ck_assert_int_ge(a.activity, 0);
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
    return s->n_assign - 1;
}

static mr_solution *roster(const mr_model *m)
{
    mr_solution *s = NULL;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    for (int d = 1; d <= 31; d++) {
        if (d % 7 > 4 || d == 25 || d == 28)   /* d % 7: 0 is a Monday */
            continue;
        add(s, m, 0, d, AM, "clinic", HUB, T1);
        add(s, m, 0, d, PM, "clinic", HUB, T1);
    }
    ck_assert_int_eq(s->n_assign, 42);
    return s;
}

static mr_assignment *find(mr_solution *s, int staff, int day, int period)
{
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].staff == staff && s->assign[i].date == fx_dec(day)
            && s->assign[i].period == period)
            return &s->assign[i];
    ck_abort_msg("no assignment on %d/%d", day, period);
    return NULL;
}

static void retarget(const mr_model *m, mr_assignment *a, const char *act,
                     int site, int room)
{
    a->activity = mr_find_activity(m, act);
    a->site = site;
    a->room = room;
}

static int count_kind(const mr_solution *s, int kind, int cover)
{
    int n = 0;
    for (int i = 0; i < s->n_shortfalls; i++)
        n += s->shortfalls[i].kind == kind
             && (cover < 0 || s->shortfalls[i].cover == cover);
    return n;
}

static const mr_shortfall *shortfall_on(const mr_solution *s, int kind,
                                        int cover, int date, int week)
{
    for (int i = 0; i < s->n_shortfalls; i++) {
        const mr_shortfall *f = &s->shortfalls[i];
        if (f->kind == kind && f->cover == cover && f->date == date
            && f->week == week)
            return f;
    }
    return NULL;
}

START_TEST(cover_shortfall_with_and_without_specialty)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int sp = fx_skill(m, 0, "spinal", 1);
    int c2 = fx_staff(m, "c002", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    int a = fx_cover(m, HUB, "clinic", MR_MON_FRI, BIT(AM) | BIT(PM), 1);
    int b = fx_cover(m, HUB, "clinic", WED, BIT(PM), 1);
    int c = fx_cover(m, HUB, "clinic", MR_MON_FRI, BIT(AM), 2);
    int d = fx_cover(m, COMM, "clinic", SAT, BIT(AM), 1);
    int e = fx_cover(m, HUB, "admin", SAT, BIT(AM), 1);
    fx_ref(&m->cover[b].specialty, "spinal", sp);
    m->cover[b].weight = 10;
    find(s, 0, 9, PM)->specialty = sp;
    /* A specialist assignment counts for an entry without specialty. */
    s->assign[add(s, m, c2, 9, AM, "clinic", HUB, T2)].specialty = sp;

    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    /* a: met everywhere, the spinal session included. */
    ck_assert_int_eq(count_kind(s, MR_SHORT_COVER, a), 0);
    /* b: Wednesdays 2, 16, 23, 30 lack a spinal clinic (9th has one). */
    ck_assert_int_eq(count_kind(s, MR_SHORT_COVER, b), 4);
    const mr_shortfall *f = shortfall_on(s, MR_SHORT_COVER, b, fx_dec(2),
                                         MR_NO_DATE);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->site, HUB);
    ck_assert_int_eq(f->activity, mr_find_activity(m, "clinic"));
    ck_assert_int_eq(f->specialty, sp);
    ck_assert_int_eq(f->period, PM);
    ck_assert_int_eq(f->required, 1);
    ck_assert_int_eq(f->provided, 0);
    ck_assert_ptr_null(shortfall_on(s, MR_SHORT_COVER, b, fx_dec(9),
                                    MR_NO_DATE));
    /* c: 21 weekday mornings with one person; on the 9th c002 makes two. */
    ck_assert_int_eq(count_kind(s, MR_SHORT_COVER, c), 20);
    f = shortfall_on(s, MR_SHORT_COVER, c, fx_dec(1), MR_NO_DATE);
    ck_assert_int_eq(f->required, 2);
    ck_assert_int_eq(f->provided, 1);
    ck_assert_int_eq(f->specialty, -1);
    /* d: comm holds no Saturday session: nothing is due. */
    ck_assert_int_eq(count_kind(s, MR_SHORT_COVER, d), 0);
    /* e: desk work needs no open site: Saturdays 5, 12, 19 (26 closed). */
    ck_assert_int_eq(count_kind(s, MR_SHORT_COVER, e), 3);

    ck_assert_int_eq(s->cover_shortfall, 4 + 20 + 3);
    ck_assert_double_eq_tol(s->parts.cover, 10 * 4 + 100 * 20 + 100 * 3,
                            1e-9);
    ck_assert_int_eq(s->n_shortfalls, 27);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(pcn_pro_rata_part_weeks)
{
    mr_model *m = base();
    int p = fx_pcn(m, "pcn-a", 4);
    int q = fx_pcn(m, "pcn-b", 0);
    fx_ref(&m->sites[SURGERY].pcn, "pcn-a", p);
    int other = fx_site(m, "surgery2", MR_SITE_PRACTICE, MR_MON_FRI,
                        BIT(AM) | BIT(PM));
    fx_ref(&m->sites[other].pcn, "pcn-b", q);
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "fcp", SURGERY, SC1);
    retarget(m, find(s, 0, 8, PM), "fcp", SURGERY, SC1);
    retarget(m, find(s, 0, 29, AM), "fcp", SURGERY, SC1);
    retarget(m, find(s, 0, 16, AM), "fcp", other, -1);   /* pcn-b's */

    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    /* Required ceil(4 * d / 5): d = 4, 5, 5, 4 (25th closed), 3 (28th
     * closed) -> 4, 4, 4, 4, 3. Provided 0, 2, 0, 0, 1. */
    int mondays[] = {0, 7, 14, 21, 28};
    int need[] = {4, 4, 4, 4, 3}, got[] = {0, 2, 0, 0, 1};
    for (int w = 0; w < 5; w++) {
        const mr_shortfall *f = shortfall_on(s, MR_SHORT_PCN, -1, MR_NO_DATE,
                                             fx_dec(mondays[w]));
        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(f->pcn, p);
        ck_assert_int_eq(f->required, need[w]);
        ck_assert_int_eq(f->provided, got[w]);
        ck_assert_int_eq(f->period, -1);
    }
    ck_assert_int_eq(count_kind(s, MR_SHORT_PCN, -1), 5);
    ck_assert_int_eq(s->pcn_shortfall, 4 + 2 + 4 + 4 + 2);
    ck_assert_double_eq_tol(s->parts.pcn, 200.0 * 16, 1e-9);

    /* 2 a week: the part week of the 28th needs ceil(6/5) = 2, which the
     * 29th's single session leaves 1 short. */
    m->pcns[p].fcp_sessions_per_week = 2;
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    const mr_shortfall *f = shortfall_on(s, MR_SHORT_PCN, -1, MR_NO_DATE,
                                         fx_dec(28));
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->required, 2);
    ck_assert_int_eq(s->pcn_shortfall, 2 + 0 + 2 + 2 + 1);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

static void slot(mr_solution *s, const mr_model *m, int assignment, int start,
                 const char *type, int cap)
{
    int j, t = mr_find_appt_type(m, type);
    ck_assert_int_eq(MR_PUSH(s, slots, &j), MR_OK);
    s->slots[j] = (mr_slot){assignment, start,
                            start + m->appt_types[t].minutes, t, cap};
}

START_TEST(demand_from_slot_capacity_with_equity)
{
    mr_model *m = base();
    int p = fx_pcn(m, "pcn-a", 0);
    fx_ref(&m->sites[SURGERY].pcn, "pcn-a", p);
    int s3 = fx_site(m, "surgery3", MR_SITE_PRACTICE, MR_MON_FRI, BIT(AM));
    fx_ref(&m->sites[s3].pcn, "pcn-a", p);
    m->sites[HUB].imd_decile = 3;          /* equity 1.7 */
    m->sites[SURGERY].imd_decile = 1;      /* 1.9 */
    m->sites[s3].imd_decile = 9;           /* 1.1: the PCN's mean is 1.5 */
    const char *types[] = {"initial", "follow_up", "fcp"};
    int counts[] = {5, 1, 10}, lines[3];
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(MR_PUSH(m, demand, &lines[k]), MR_OK);
        mr_demand *d = &m->demand[lines[k]];
        fx_ref(&d->type, types[k], mr_find_appt_type(m, types[k]));
        d->count = counts[k];
        if (k < 2)
            fx_ref(&d->site, "hub", HUB);
        else
            fx_ref(&d->pcn, "pcn-a", p);
    }
    mr_solution *s = roster(m);
    int a = (int)(find(s, 0, 1, AM) - s->assign);
    slot(s, m, a, 510, "initial", 1);
    slot(s, m, a, 555, "initial", 1);
    slot(s, m, a, 600, "follow_up", 1);
    mr_assignment *f = find(s, 0, 8, AM);
    retarget(m, f, "fcp", SURGERY, SC1);
    a = (int)(f - s->assign);
    for (int k = 0; k < 3; k++)
        slot(s, m, a, 510 + 20 * k, "fcp", 1);

    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_int_eq(count_kind(s, MR_SHORT_DEMAND, -1), 2);
    ck_assert_int_eq(s->demand_shortfall, 3 + 7);
    ck_assert_double_eq_tol(s->parts.demand, 3 * 1.7 + 7 * 1.5, 1e-9);
    for (int i = 0; i < s->n_shortfalls; i++) {
        const mr_shortfall *sh = &s->shortfalls[i];
        ck_assert_int_eq(sh->kind, MR_SHORT_DEMAND);
        if (sh->appt_type == mr_find_appt_type(m, "initial")) {
            ck_assert_int_eq(sh->site, HUB);
            ck_assert_int_eq(sh->pcn, -1);
            ck_assert_int_eq(sh->required, 5);
            ck_assert_int_eq(sh->provided, 2);
        } else {
            ck_assert_int_eq(sh->appt_type, mr_find_appt_type(m, "fcp"));
            ck_assert_int_eq(sh->site, -1);
            ck_assert_int_eq(sh->pcn, p);
            ck_assert_int_eq(sh->provided, 3);
        }
    }
    /* A group slot provides its capacity, not one. */
    m->demand[lines[0]].type.index = mr_find_appt_type(m, "group");
    m->demand[lines[0]].count = 10;
    retarget(m, find(s, 0, 2, AM), "group", HUB, GYM);
    slot(s, m, (int)(find(s, 0, 2, AM) - s->assign), 510, "group", 8);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_int_eq(s->demand_shortfall, 2 + 7);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(specialism_drift)
{
    mr_model *m = base();
    int sp = fx_skill(m, 0, "spinal", 1);
    fx_staff(m, "c002", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    int c3 = fx_staff(m, "c003", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    fx_skill(m, c3, "spinal", 1);       /* nothing assigned: no drift */
    mr_solution *s = roster(m);
    add(s, m, 1, 9, AM, "clinic", HUB, T2);    /* c002: no specialism */
    find(s, 0, 1, AM)->specialty = sp;
    find(s, 0, 2, AM)->specialty = sp;
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    /* |2 - 0.2 * 42| * 20 */
    ck_assert_double_eq_tol(s->parts.specialism, 6.4 * 20, 1e-9);
    /* Admin is not clinical: |2 - 0.2 * 41| * 20; triage is. */
    retarget(m, find(s, 0, 3, AM), "admin", HUB, -1);
    retarget(m, find(s, 0, 4, AM), "triage", REMOTE, -1);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_double_eq_tol(s->parts.specialism, 6.2 * 20, 1e-9);
    /* Above the target counts as much as below it: |12 - 8.2| * 20. */
    for (int d = 7; d <= 11; d++) {
        find(s, 0, d, AM)->specialty = sp;
        find(s, 0, d, PM)->specialty = sp;
    }
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_double_eq_tol(s->parts.specialism, 3.8 * 20, 1e-9);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* A request of c001 with the given fields set. */
static int req(mr_model *m, int kind, int weight, int date, unsigned wdays,
               int period, int site, const char *activity, int min)
{
    static const char *const P[] = {"am", "pm", "eve"};
    int r = fx_request(m, 0, kind, weight);
    mr_request *q = &m->requests[r];
    q->date = date > 0 ? fx_dec(date) : MR_NO_DATE;
    q->weekdays = wdays;
    if (period >= 0)
        fx_ref(&q->period, P[period], period);
    if (site >= 0)
        fx_ref(&q->site, m->sites[site].id, site);
    if (activity != NULL)
        fx_ref(&q->activity, activity, mr_find_activity(m, activity));
    q->min_sessions = min;
    return r;
}

/* The base roster with c001 at comm on the 8th (am and pm) and the 15th
 * (pm), and a group at hub on the 10th am. */
static mr_solution *pref_roster(mr_model *m)
{
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "clinic", COMM, CT1);
    retarget(m, find(s, 0, 8, PM), "clinic", COMM, CT1);
    retarget(m, find(s, 0, 15, PM), "clinic", COMM, CT1);
    retarget(m, find(s, 0, 10, AM), "group", HUB, GYM);
    return s;
}

#define SAT_IS(r, v) \
    ck_assert_double_eq_tol(mr_request_satisfaction(m, s, (r)), (v), 1e-12)

START_TEST(satisfaction_off_and_avoid)
{
    mr_model *m = base();
    mr_solution *s = pref_roster(m);
    SAT_IS(req(m, MR_REQ_OFF, 5, 5, 0, -1, -1, NULL, 0), 1);    /* a Sat */
    SAT_IS(req(m, MR_REQ_OFF, 5, 8, 0, -1, -1, NULL, 0), 0);
    SAT_IS(req(m, MR_REQ_OFF, 2, 0, SAT | SUN, -1, -1, NULL, 0), 1);
    SAT_IS(req(m, MR_REQ_OFF, 2, 0, TUE, -1, -1, NULL, 0), 0);
    SAT_IS(req(m, MR_REQ_AVOID, 2, 0, 0, EVE, -1, NULL, 0), 1);
    SAT_IS(req(m, MR_REQ_AVOID, 2, 8, 0, PM, -1, NULL, 0), 0);
    SAT_IS(req(m, MR_REQ_AVOID, 2, 0, THU, AM, -1, NULL, 0), 0);
    SAT_IS(req(m, MR_REQ_AVOID, 2, 5, 0, PM, -1, NULL, 0), 1);
    /* An off day on leave is met: there is no session. */
    int r = req(m, MR_REQ_OFF, 1, 9, 0, -1, -1, NULL, 0);
    find(s, 0, 9, AM)->date = fx_dec(12);
    find(s, 0, 9, PM)->date = fx_dec(12);
    SAT_IS(r, 1);
    /* Out of range: -1. */
    ck_assert_double_eq(mr_request_satisfaction(m, s, m->n_requests), -1);
    ck_assert_double_eq(mr_request_satisfaction(m, s, -1), -1);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(satisfaction_task)
{
    mr_model *m = base();
    mr_solution *s = pref_roster(m);
    SAT_IS(req(m, MR_REQ_TASK, 2, 0, 0, -1, -1, "group", 4), 0.25);
    SAT_IS(req(m, MR_REQ_TASK, 2, 0, 0, -1, -1, "clinic", 2), 1); /* 41 */
    SAT_IS(req(m, MR_REQ_TASK, 2, 0, 0, -1, -1, "fcp", 3), 0);
    retarget(m, find(s, 0, 11, AM), "group", HUB, GYM);
    retarget(m, find(s, 0, 14, PM), "group", HUB, GYM);
    SAT_IS(0, 0.75);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(satisfaction_location)
{
    mr_model *m = base();
    mr_solution *s = pref_roster(m);
    /* Tuesdays 1, 8, 15, 22, 29: at comm on the 8th and the 15th. */
    int tue = req(m, MR_REQ_LOCATION, 3, 0, TUE, -1, COMM, NULL, 0);
    SAT_IS(tue, 0.4);
    SAT_IS(req(m, MR_REQ_LOCATION, 3, 0, TUE, PM, COMM, NULL, 0), 0.4);
    int tue_am = req(m, MR_REQ_LOCATION, 3, 0, TUE, AM, COMM, NULL, 0);
    SAT_IS(tue_am, 0.2);
    SAT_IS(req(m, MR_REQ_LOCATION, 3, 8, 0, -1, COMM, NULL, 0), 1);
    SAT_IS(req(m, MR_REQ_LOCATION, 3, 9, 0, -1, COMM, NULL, 0), 0);
    /* No matching date they may work: 1. */
    SAT_IS(req(m, MR_REQ_LOCATION, 3, 0, SAT, -1, COMM, NULL, 0), 1);
    SAT_IS(req(m, MR_REQ_LOCATION, 3, 25, 0, -1, COMM, NULL, 0), 1);
    /* Leave days are left out: Tuesday 22nd -> 2 of 4. */
    fx_leave(m, 0, 22, 22);
    SAT_IS(tue, 0.5);
    SAT_IS(tue_am, 0.25);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(satisfaction_session)
{
    mr_model *m = base();
    mr_solution *s = pref_roster(m);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 10, 0, AM, -1, "group", 0), 1);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 10, 0, AM, HUB, "group", 0), 1);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 10, 0, AM, COMM, "group", 0), 0);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 10, 0, PM, -1, "group", 0), 0);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 8, 0, PM, COMM, "clinic", 0), 1);
    SAT_IS(req(m, MR_REQ_SESSION, 1, 8, 0, PM, -1, "triage", 0), 0);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(person_satisfaction_and_objective_sum)
{
    mr_model *m = base();
    int sp = fx_skill(m, 0, "spinal", 0);
    int c2 = fx_staff(m, "c002", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    fx_staff(m, "c003", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    fx_skill(m, c2, "spinal", 1);
    mr_solution *s = roster(m);
    int tues[] = {1, 8, 15, 22, 29};
    for (int k = 0; k < 5; k++)
        s->assign[add(s, m, c2, tues[k], AM, "clinic", HUB, T2)].specialty =
            k < 2 ? sp : -1;
    /* Cover: weekday mornings at hub want 2 (weight 30): 16 mornings that
     * are not Tuesdays have 1 -> 480. */
    int c = fx_cover(m, HUB, "clinic", MR_MON_FRI, BIT(AM), 2);
    m->cover[c].weight = 30;
    /* PCN: 1 a week, no practice: 1 short in each of 5 weeks -> 1000. */
    fx_pcn(m, "pcn-a", 1);
    /* Demand: 4 initial at hub, no slots, equity 1.5 -> 6. */
    int l;
    ck_assert_int_eq(MR_PUSH(m, demand, &l), MR_OK);
    fx_ref(&m->demand[l].type, "initial", mr_find_appt_type(m, "initial"));
    fx_ref(&m->demand[l].site, "hub", HUB);
    m->demand[l].count = 4;
    /* Requests: c001 off the 8th (5, s 0) and the 5th (3, s 1): 3/8;
     * c002 10 clinics (2, s 0.5): 0.5; c003 none. */
    req(m, MR_REQ_OFF, 5, 8, 0, -1, -1, NULL, 0);
    req(m, MR_REQ_OFF, 3, 5, 0, -1, -1, NULL, 0);
    int r = fx_request(m, c2, MR_REQ_TASK, 2);
    fx_ref(&m->requests[r].activity, "clinic", mr_find_activity(m, "clinic"));
    m->requests[r].min_sessions = 10;
    /* Specialism: c002 has 2 of 5 clinical in spinal: |2 - 1| * 20 = 20;
     * c001's spinal is a skill, not a specialism. */
    /* EA: one referral unallocated -> 50. Change: kept at 90. */
    int e;
    ck_assert_int_eq(MR_PUSH(s, ea, &e), MR_OK);
    s->ea[e] = (mr_ea_alloc){0, -1, -1, NULL};
    ck_assert_int_eq(MR_PUSH(s, ea, &e), MR_OK);
    s->ea[e] = (mr_ea_alloc){1, 2, -1, NULL};
    s->parts.change = 90;

    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_int_eq(s->n_staff, 3);
    ck_assert_double_eq_tol(s->requested_weight[0], 8, 1e-12);
    ck_assert_double_eq_tol(s->satisfied_weight[0], 3, 1e-12);
    ck_assert_double_eq_tol(s->satisfaction[0], 0.375, 1e-12);
    ck_assert_double_eq_tol(s->satisfaction[1], 0.5, 1e-12);
    ck_assert_double_eq_tol(s->requested_weight[2], 0, 1e-12);
    ck_assert_double_eq(s->satisfaction[2], -1);
    ck_assert_double_eq_tol(s->min_satisfaction, 0.375, 1e-12);
    ck_assert_double_eq_tol(s->mean_satisfaction, 0.4375, 1e-12);
    ck_assert_int_eq(s->cover_shortfall, 16);
    ck_assert_int_eq(s->pcn_shortfall, 5);
    ck_assert_int_eq(s->demand_shortfall, 4);
    ck_assert_int_eq(s->ea_unallocated, 1);
    ck_assert_double_eq_tol(s->parts.cover, 480, 1e-9);
    ck_assert_double_eq_tol(s->parts.pcn, 1000, 1e-9);
    ck_assert_double_eq_tol(s->parts.demand, 6, 1e-9);
    ck_assert_double_eq_tol(s->parts.preference, 50 * (0.625 + 0.5), 1e-9);
    ck_assert_double_eq_tol(s->parts.fairness, -200 * 0.375, 1e-9);
    ck_assert_double_eq_tol(s->parts.specialism, 20, 1e-9);
    ck_assert_double_eq_tol(s->parts.ea_unallocated, 50, 1e-9);
    ck_assert_double_eq_tol(s->parts.change, 90, 1e-9);
    ck_assert_double_eq_tol(s->objective,
                            480 + 1000 + 6 + 56.25 - 75 + 20 + 50 + 90, 1e-9);

    /* Evaluating again gives the same figures (nothing accumulates). */
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_int_eq(s->n_shortfalls, 16 + 5 + 1);
    ck_assert_double_eq_tol(s->objective, 1627.25, 1e-9);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(no_requests_no_fairness)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    ck_assert_int_eq(mr_evaluate(m, s), MR_OK);
    ck_assert_double_eq(s->min_satisfaction, -1);
    ck_assert_double_eq(s->mean_satisfaction, -1);
    ck_assert_double_eq(s->satisfaction[0], -1);
    ck_assert_double_eq(s->parts.fairness, 0);
    ck_assert_double_eq(s->parts.preference, 0);
    ck_assert_double_eq(s->objective, 0);
    ck_assert_int_eq(s->n_shortfalls, 0);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(allocation_failures_leave_the_figures)
{
    mr_model *m = base();
    fx_cover(m, HUB, "clinic", MR_MON_FRI, BIT(AM), 2);
    mr_solution *s = roster(m);
    int rc = MR_ENOMEM;
    s->objective = 12345;
    for (long k = 1; rc != MR_OK && k < 1000; k++) {
        mr_alloc_fail_at(k);
        rc = mr_evaluate(m, s);
        mr_alloc_fail_at(0);
        if (rc != MR_OK) {
            ck_assert_int_eq(rc, MR_ENOMEM);
            ck_assert_double_eq(s->objective, 12345);
            ck_assert_int_eq(s->n_shortfalls, 0);
            ck_assert_ptr_null(s->satisfaction);
        }
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_eq(s->n_shortfalls, 21);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_evaluate(void)
{
    Suite *s = suite_create("evaluate");
    TCase *tc = tcase_create("evaluate");
    tcase_add_test(tc, cover_shortfall_with_and_without_specialty);
    tcase_add_test(tc, pcn_pro_rata_part_weeks);
    tcase_add_test(tc, demand_from_slot_capacity_with_equity);
    tcase_add_test(tc, specialism_drift);
    tcase_add_test(tc, satisfaction_off_and_avoid);
    tcase_add_test(tc, satisfaction_task);
    tcase_add_test(tc, satisfaction_location);
    tcase_add_test(tc, satisfaction_session);
    tcase_add_test(tc, person_satisfaction_and_objective_sum);
    tcase_add_test(tc, no_requests_no_fairness);
    tcase_add_test(tc, allocation_failures_leave_the_figures);
    suite_add_tcase(s, tc);
    return s;
}
