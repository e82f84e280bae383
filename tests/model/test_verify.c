/* Tests of model/verify.c and verify_ea.c: a valid roster passes, and a
 * roster breaking exactly one hard rule is caught under that rule's tag.
 *
 * December 2026 starts on a Tuesday; closed 25, 26 and 28. The base model:
 * hub (hub, mon-sat am/pm/eve, rooms t1 t2 treatment, gym, c1 consult),
 * remote (mon-fri am/pm), comm (community, mon-fri am/pm, room ct1
 * treatment), surgery (practice, mon-fri am/pm, room sc1 consult); c001, a
 * physio, 10 sessions a week mon-fri, periods am/pm/eve, 4 evenings, home
 * hub. The base roster gives c001 a clinic at hub in t1 every am and pm they
 * may work: 21 days, 42 sessions, 2 a day, exactly what H4 asks. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "fixture.h"
#include "suites.h"
#include "verify.h"

#define AM   0
#define PM   1
#define EVE  2
#define SAT  0x20u
#define BIT(p) (1u << (p))

enum { HUB, REMOTE, COMM, SURGERY };
enum { T1, T2, GYM, C1, CT1, SC1 };

static mr_model *base(void)
{
    mr_model *m = fx_month();
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI | SAT,
            BIT(AM) | BIT(PM) | BIT(EVE));
    fx_room(m, "t1", "treatment");
    fx_room(m, "t2", "treatment");
    fx_room(m, "gym", "gym");
    fx_room(m, "c1", "consult");
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_site(m, "comm", MR_SITE_COMMUNITY, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_room(m, "ct1", "treatment");
    fx_site(m, "surgery", MR_SITE_PRACTICE, MR_MON_FRI, BIT(AM) | BIT(PM));
    fx_room(m, "sc1", "consult");
    int p = fx_staff(m, "c001", MR_ROLE_PHYSIO, 10, MR_MON_FRI,
                     BIT(AM) | BIT(PM) | BIT(EVE));
    m->staff[p].max_evenings = 4;
    /* fx_month() leaves the appointment types' activities unresolved. */
    for (int t = 0; t < m->n_appt_types; t++)
        for (int k = 0; k < m->appt_types[t].activities.n_items; k++) {
            mr_ref *r = &m->appt_types[t].activities.items[k];
            r->index = mr_find_activity(m, r->id);
        }
    return m;
}

static void add(mr_solution *s, int staff, int day, int period,
                const char *act, const mr_model *m, int site, int room)
{
    mr_assignment a = {staff, fx_dec(day), period, mr_find_activity(m, act),
                       site, room, -1};
    ck_assert_int_ge(a.activity, 0);
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
}

/* c001's base roster (see the header comment). */
static mr_solution *roster(const mr_model *m)
{
    mr_solution *s = NULL;
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    for (int d = 1; d <= 31; d++) {
        int wd = d % 7;                /* 1 December 2026 is a Tuesday (1) */
        if (wd > 4 || d == 25 || d == 28)
            continue;
        add(s, 0, d, AM, "clinic", m, HUB, T1);
        add(s, 0, d, PM, "clinic", m, HUB, T1);
    }
    ck_assert_int_eq(s->n_assign, 42);
    return s;
}

/* The assignment of a person on a December day in a period. */
static mr_assignment *find(mr_solution *s, int staff, int day, int period)
{
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].staff == staff && s->assign[i].date == fx_dec(day)
            && s->assign[i].period == period)
            return &s->assign[i];
    ck_abort_msg("no assignment on %d/%d", day, period);
    return NULL;
}

/* Removes that assignment (the last one takes its place). */
static void drop(mr_solution *s, int staff, int day, int period)
{
    mr_assignment *a = find(s, staff, day, period);
    *a = s->assign[s->n_assign - 1];
    s->n_assign--;
}

static void retarget(const mr_model *m, mr_assignment *a, const char *act,
                     int site, int room)
{
    a->activity = mr_find_activity(m, act);
    a->site = site;
    a->room = room;
}

/* Verifies and checks that there are exactly n violations, every one tagged
 * tag (e.g. "H4:"), and that one of them contains phrase (if not NULL). */
static void expect(const mr_model *m, const mr_solution *s, int n,
                   const char *tag, const char *phrase)
{
    mr_diags d;
    int found = phrase == NULL;
    mr_diags_init(&d);
    int got = mr_verify(m, s, &d);
    for (int i = 0; i < d.n; i++) {
        ck_assert_msg(strncmp(d.items[i].message, tag, strlen(tag)) == 0,
                      "expected %s, got: %s", tag, d.items[i].message);
        ck_assert_ptr_null(d.items[i].file);
        ck_assert_int_eq(d.items[i].severity, MR_ERROR);
        if (phrase != NULL && strstr(d.items[i].message, phrase) != NULL)
            found = 1;
    }
    ck_assert_msg(got == n && d.n == n, "%d violations (%d diagnostics), "
                  "expected %d; first: %s", got, d.n, n,
                  d.n > 0 ? d.items[0].message : "-");
    ck_assert_msg(found, "no diagnostic contains '%s'; first: %s", phrase,
                  d.n > 0 ? d.items[0].message : "-");
    mr_diags_clear(&d);
}

START_TEST(valid_roster_passes)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    expect(m, s, 0, "", NULL);
    /* Counting without diagnostics works too. */
    ck_assert_int_eq(mr_verify(m, s, NULL), 0);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h1_two_assignments_in_a_session)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    mr_assignment *a = find(s, 0, 8, PM);
    a->period = AM;
    a->room = T2;
    expect(m, s, 1, "H1:", "H1: c001 has 2 assignments on 2026-12-08 am");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h2_closed_date)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    find(s, 0, 24, PM)->date = fx_dec(25);
    expect(m, s, 1, "H2:", "2026-12-25 pm at hub, a closed date");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h2_outside_the_month)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    mr_assignment a = {0, fx_dec(0), AM, mr_find_activity(m, "clinic"), HUB,
                       T1, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
    expect(m, s, 1, "H2:", "2026-11-30 am at hub, outside the month");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h2_site_not_open)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "clinic", COMM, CT1);
    mr_assignment *a = find(s, 0, 8, PM);
    retarget(m, a, "clinic", COMM, CT1);
    a->period = EVE;                  /* comm has no evening */
    expect(m, s, 1, "H2:", "clinic at comm 2026-12-08 eve, when the site is "
           "not open");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h2_not_their_day_or_period)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    find(s, 0, 4, PM)->date = fx_dec(5);       /* Saturday: hub is open */
    expect(m, s, 1, "H2:", "c001 works 2026-12-05 (sat), not one of their "
           "days");
    mr_solution_free(s);

    s = roster(m);
    find(s, 0, 8, PM)->period = EVE;
    m->staff[0].pmask = BIT(AM) | BIT(PM);
    expect(m, s, 1, "H2:", "c001 works 2026-12-08 eve, not one of their "
           "periods");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h3_leave)
{
    /* c002 works one session a week: 1 is due in every week of December
     * (floor(0.2 * a + 0.5) = 1 for a = 3, 4 or 5), with or without a day
     * of leave, so leave on the day of the session breaks only H3. */
    mr_model *m = base();
    int c2 = fx_staff(m, "c002", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    mr_solution *s = roster(m);
    int days[] = {1, 9, 15, 22, 29};
    for (int k = 0; k < 5; k++)
        add(s, c2, days[k], AM, "clinic", m, HUB, T2);
    expect(m, s, 0, "", NULL);
    fx_leave(m, c2, 9, 9);
    m->absences[0].kind = mr_strdup("annual");
    expect(m, s, 1, "H3:", "H3: c002 works 2026-12-09 am during leave "
           "(annual) from 2026-12-09 to 2026-12-09");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h4_weekly_contract)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    drop(s, 0, 8, PM);
    expect(m, s, 1, "H4:", "H4: c001 has 9 sessions in the week of "
           "2026-12-07, due 10");
    mr_solution_free(s);

    /* Leave makes less due: a = 4 in the week of the 14th -> 8. */
    s = roster(m);
    fx_leave(m, 0, 16, 16);
    drop(s, 0, 16, AM);
    drop(s, 0, 16, PM);
    expect(m, s, 0, "", NULL);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_role)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    m->staff[0].role = MR_ROLE_TI;
    expect(m, s, 42, "H5:", "H5: c001 (ti) may not do clinic (2026-12-08 am "
           "at hub)");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_site_kind)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "triage", HUB, -1);
    expect(m, s, 1, "H5:", "c001 does triage at hub, a hub site");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_skill)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "group", HUB, GYM);
    expect(m, s, 1, "H5:", "c001 does group without the skill group");
    fx_skill(m, 0, "group", 0);
    expect(m, s, 0, "", NULL);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_not_their_site)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "clinic", COMM, CT1);
    retarget(m, find(s, 0, 8, PM), "clinic", COMM, CT1);
    expect(m, s, 0, "", NULL);
    m->staff[0].may_work[COMM] = 0;
    expect(m, s, 2, "H5:", "c001 works at comm, not one of their sites");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_desk_work_at_home_or_remote)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, AM), "admin", HUB, -1);
    retarget(m, find(s, 0, 9, AM), "admin", REMOTE, -1);
    retarget(m, find(s, 0, 9, PM), "triage", REMOTE, -1);
    expect(m, s, 0, "", NULL);
    retarget(m, find(s, 0, 10, AM), "admin", COMM, -1);
    retarget(m, find(s, 0, 10, PM), "admin", COMM, -1);
    expect(m, s, 2, "H5:", "c001 does admin at comm, neither their home site "
           "nor remote (2026-12-10 am)");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h5_specialty)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int k = fx_skill(m, 0, "fcp", 0);   /* a skill c001 has */
    int sp;
    ck_assert_int_eq(MR_PUSH(m, skills, &sp), MR_OK);
    m->skills[sp] = mr_strdup("spinal");
    find(s, 0, 8, AM)->specialty = sp;
    expect(m, s, 1, "H5:", "c001 carries specialty spinal without that skill "
           "or specialism (2026-12-08 am)");
    fx_skill(m, 0, "spinal", 1);
    expect(m, s, 0, "", NULL);
    /* A skill held counts as well as the specialism. */
    find(s, 0, 9, AM)->specialty = k;
    expect(m, s, 0, "", NULL);
    /* Only clinic assignments may carry a specialty. */
    mr_assignment *a = find(s, 0, 10, AM);
    retarget(m, a, "admin", HUB, -1);
    a->specialty = sp;
    expect(m, s, 1, "H5:", "c001 carries specialty spinal on admin "
           "(2026-12-10 am); only clinic may");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h6_rooms)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    find(s, 0, 8, AM)->room = GYM;
    expect(m, s, 1, "H6:", "H6: c001 has room gym (gym) for clinic at hub on "
           "2026-12-08 am, which needs a treatment room");
    find(s, 0, 8, AM)->room = -1;
    expect(m, s, 1, "H6:", "c001 has no room for clinic at hub on 2026-12-08 "
           "am");
    find(s, 0, 8, AM)->room = CT1;
    expect(m, s, 1, "H6:", "c001 has room ct1 for clinic at hub on "
           "2026-12-08 am, a room of comm");
    find(s, 0, 8, AM)->room = T2;
    retarget(m, find(s, 0, 9, AM), "admin", HUB, T2);
    expect(m, s, 1, "H6:", "c001 has room t2 for admin, which needs none");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h6_room_used_twice)
{
    mr_model *m = base();
    int c2 = fx_staff(m, "c002", MR_ROLE_PHYSIO, 1, MR_MON_FRI, BIT(AM));
    mr_solution *s = roster(m);
    int days[] = {1, 8, 15, 22, 29};
    for (int k = 0; k < 5; k++)
        add(s, c2, days[k], AM, "clinic", m, HUB, T2);
    expect(m, s, 0, "", NULL);
    find(s, c2, 8, AM)->room = T1;
    expect(m, s, 1, "H6:", "H6: room t1 at hub is used 2 times on 2026-12-08 "
           "am (c001, c002)");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h7_sessions_per_day)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    mr_assignment *a = find(s, 0, 9, PM);
    a->date = fx_dec(8);
    a->period = EVE;
    expect(m, s, 1, "H7:", "H7: c001 has 3 sessions on 2026-12-08, at most 2");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h7_evenings)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    find(s, 0, 8, PM)->period = EVE;
    find(s, 0, 9, PM)->period = EVE;
    expect(m, s, 0, "", NULL);
    m->staff[0].max_evenings = 1;
    expect(m, s, 1, "H7:", "H7: c001 works 2 evening sessions, at most 1");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h7_consecutive_days)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    m->rules.max_consecutive_days = 4;
    /* Runs: 1-4, 7-11, 14-18, 21-24, 29-31: two of five days. */
    expect(m, s, 2, "H7:", "H7: c001 works 5 days in a row from 2026-12-07 "
           "to 2026-12-11, at most 4");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h7_rest)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    find(s, 0, 8, PM)->period = EVE;   /* ends 20:00; 9th starts 08:30 */
    expect(m, s, 0, "", NULL);         /* 12.5 hours >= 11 */
    m->rules.min_rest_hours = 13;
    expect(m, s, 1, "H7:", "H7: c001 rests 12.5 hours between 2026-12-08 and "
           "2026-12-09, at least 13");
    /* pm to the next am is 15.5 hours: every pair of working days. */
    m->rules.min_rest_hours = 16;
    expect(m, s, 16, "H7:", "rests 15.5 hours between 2026-12-01 and "
           "2026-12-02");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h8_sites_per_day)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    retarget(m, find(s, 0, 8, PM), "triage", REMOTE, -1);
    expect(m, s, 0, "", NULL);         /* the remote site does not count */
    retarget(m, find(s, 0, 9, PM), "clinic", COMM, CT1);
    expect(m, s, 1, "H8:", "H8: c001 works at 2 sites on 2026-12-09 (hub, "
           "comm), at most 1");
    /* Admin at the home site counts too. */
    retarget(m, find(s, 0, 9, AM), "admin", HUB, -1);
    expect(m, s, 1, "H8:", "2 sites on 2026-12-09");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* e001, an adviser (1 session a week), holds ea at hub in c1 beside c001's
 * clinic every Tuesday am. */
static int add_adviser(mr_model *m, mr_solution *s, const char *id, int role,
                       int room)
{
    int e = fx_staff(m, id, role, 1, MR_MON_FRI, BIT(AM) | BIT(PM));
    int days[] = {1, 8, 15, 22, 29};
    for (int k = 0; k < 5; k++)
        add(s, e, days[k], AM, "ea", m, HUB, room);
    return e;
}

START_TEST(h9_ea_beside_a_clinic)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int e = add_adviser(m, s, "e001", MR_ROLE_EA, C1);
    expect(m, s, 0, "", NULL);
    /* ea may take a treatment room when no consult room is at hand. */
    retarget(m, find(s, e, 8, AM), "ea", COMM, CT1);
    expect(m, s, 1, "H9:", "H9: e001 has ea at comm on 2026-12-08 am without "
           "a clinic there");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h10_hard_cover)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int c = fx_cover(m, HUB, "clinic", MR_MON_FRI, BIT(AM) | BIT(PM), 1);
    m->cover[c].hard = 1;
    expect(m, s, 0, "", NULL);
    retarget(m, find(s, 0, 8, AM), "triage", REMOTE, -1);
    expect(m, s, 1, "H10:", "H10: hard cover of clinic at hub on 2026-12-08 "
           "am: 0 of 1");
    /* A soft entry is no hard rule. */
    m->cover[c].hard = 0;
    expect(m, s, 0, "", NULL);
    mr_solution_free(s);

    /* With a specialty, only assignments carrying it count. */
    s = roster(m);
    int sp = fx_skill(m, 0, "spinal", 1);
    c = fx_cover(m, HUB, "clinic", 0x4u, BIT(PM), 1);     /* Wednesdays */
    fx_ref(&m->cover[c].specialty, "spinal", sp);
    m->cover[c].hard = 1;
    int weds[] = {2, 9, 16, 23, 30};
    for (int k = 0; k < 5; k++)
        find(s, 0, weds[k], PM)->specialty = sp;
    expect(m, s, 0, "", NULL);
    find(s, 0, 16, PM)->specialty = -1;
    expect(m, s, 1, "H10:", "H10: hard cover of clinic (spinal) at hub on "
           "2026-12-16 pm: 0 of 1");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(corrupt_indices_are_reported_not_followed)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    mr_assignment bad[] = {
        {99, fx_dec(8), AM, 0, HUB, T1, -1},
        {0, fx_dec(8), -3, 0, HUB, T1, -1},
        {0, fx_dec(8), AM, 1000, HUB, T1, -1},
        {0, fx_dec(8), AM, 0, 7, T1, -1},
        {0, fx_dec(8), AM, 0, HUB, 55, -1},
        {0, fx_dec(8), AM, 0, HUB, T1, 9},
        {0, 2000000000, AM, 0, HUB, T1, -1},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        ck_assert_int_eq(mr_solution_add(s, &bad[k]), MR_OK);
    int j;
    ck_assert_int_eq(MR_PUSH(s, slots, &j), MR_OK);
    s->slots[j] = (mr_slot){500, 540, 585, 0, 1};
    ck_assert_int_eq(MR_PUSH(s, ea, &j), MR_OK);
    s->ea[j] = (mr_ea_alloc){3, 0, -1, NULL};
    expect(m, s, 9, "INDEX:", "INDEX: assignment 42 is corrupt (staff 99 of "
           "1");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* --- H12: appointment slots ---------------------------------------------- */

static void slot(mr_solution *s, int assignment, int start, int end,
                 const mr_model *m, const char *type, int cap)
{
    int j;
    ck_assert_int_eq(MR_PUSH(s, slots, &j), MR_OK);
    s->slots[j] = (mr_slot){assignment, start, end,
                            mr_find_appt_type(m, type), cap};
}

static int index_of(mr_solution *s, int staff, int day, int period)
{
    return (int)(find(s, staff, day, period) - s->assign);
}

START_TEST(h12_slots)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int a = index_of(s, 0, 8, AM);     /* 08:30-12:30, 210 bookable */
    slot(s, a, 510, 555, m, "initial", 1);
    slot(s, a, 555, 585, m, "follow_up", 1);
    expect(m, s, 0, "", NULL);

    slot(s, a, 740, 785, m, "initial", 1);
    expect(m, s, 1, "H12:", "H12: slot 2026-12-08 am 12:20-13:05 of c001 "
           "lies outside its period");
    s->slots[2] = (mr_slot){a, 600, 620, mr_find_appt_type(m, "fcp"), 1};
    expect(m, s, 1, "H12:", "slot 2026-12-08 am 10:00-10:20 of c001 is a fcp "
           "appointment in a clinic session");
    s->slots[2] = (mr_slot){a, 540, 570, mr_find_appt_type(m, "follow_up"), 1};
    expect(m, s, 2, "H12:", "H12: c001 has overlapping slots 2026-12-08 am "
           "08:30-09:15 and 2026-12-08 am 09:00-09:30");
    s->slots[2] = (mr_slot){a, 600, 630, mr_find_appt_type(m, "follow_up"), 2};
    expect(m, s, 1, "H12:", "has capacity 2; follow_up takes 1 to 1");
    s->slots[2].capacity = 1;
    expect(m, s, 0, "", NULL);

    /* 210 bookable minutes: five 45-minute slots fill 225. */
    s->n_slots = 0;
    for (int k = 0; k < 5; k++)
        slot(s, a, 510 + 45 * k, 555 + 45 * k, m, "initial", 1);
    expect(m, s, 1, "H12:", "H12: slots of c001 on 2026-12-08 am take 225 "
           "minutes, 210 bookable");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

/* --- H11: employment advice ---------------------------------------------- */

static int referral(mr_model *m, const char *id, int day, int adviser)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, referrals, &i), MR_OK);
    m->referrals[i].id = mr_strdup(id);
    m->referrals[i].referred_on = fx_dec(day);
    m->referrals[i].site.index = HUB;
    m->referrals[i].adviser.index = adviser;
    if (adviser >= 0)
        m->referrals[i].adviser.id = mr_strdup(m->staff[adviser].id);
    return i;
}

static void allocate(mr_solution *s, int ref, int adviser, int slot_index)
{
    int j;
    ck_assert_int_eq(MR_PUSH(s, ea, &j), MR_OK);
    s->ea[j] = (mr_ea_alloc){ref, adviser, slot_index, NULL};
}

/* An ea_first slot of the adviser's ea session on a day, at hour h. */
static int first_slot(mr_solution *s, const mr_model *m, int adviser, int day,
                      int h)
{
    slot(s, index_of(s, adviser, day, AM), h * 60, h * 60 + 60, m,
         "ea_first", 1);
    return s->n_slots - 1;
}

START_TEST(h11_first_appointments)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int e = add_adviser(m, s, "e001", MR_ROLE_EA, C1);
    int f = add_adviser(m, s, "e002", MR_ROLE_EA, C1);
    for (int k = 0; k < 5; k++)      /* e002 beside e001: another room */
        s->assign[s->n_assign - 1 - k].room = T2;
    int r1 = referral(m, "r1", 1, -1), r2 = referral(m, "r2", 5, -1);
    int r3 = referral(m, "r3", 1, -1);
    allocate(s, r1, e, first_slot(s, m, e, 1, 9));
    allocate(s, r2, e, first_slot(s, m, e, 8, 9));
    allocate(s, r3, -1, -1);
    expect(m, s, 0, "", NULL);

    /* Before the referral date. */
    s->ea[1].slot = 0;
    expect(m, s, 2, "H11:", "H11: referral r2's first appointment "
           "(2026-12-01 am 09:00-10:00) is before its referral date "
           "2026-12-05");
    /* (and slot 0 now holds two) */
    expect(m, s, 2, "H11:", "H11: slot 2026-12-01 am 09:00-10:00 of e001 "
           "holds 2 first appointments");
    s->ea[1].slot = 1;
    /* Not in the adviser's session. */
    s->ea[1].adviser = f;
    expect(m, s, 1, "H11:", "H11: referral r2's first appointment "
           "(2026-12-08 am 09:00-10:00) is not in an ea session of e002");
    s->ea[1].adviser = e;
    /* Not an ea_first slot. */
    s->slots[1].type = mr_find_appt_type(m, "ea_review");
    s->slots[1].end = s->slots[1].start + 45;
    expect(m, s, 1, "H11:", "is a ea_review slot, not ea_first");
    s->slots[1].type = mr_find_appt_type(m, "ea_first");
    s->slots[1].end = s->slots[1].start + 60;
    /* No appointment at all; an allocation to someone not an adviser. */
    s->ea[1].slot = -1;
    expect(m, s, 1, "H11:", "H11: referral r2, allocated to e001, has no "
           "first appointment");
    s->ea[1].slot = 1;
    s->ea[2].adviser = 0;
    expect(m, s, 2, "H11:", "H11: referral r3 is allocated to c001, who is "
           "not an employment adviser");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(h11_caps)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int e = add_adviser(m, s, "e001", MR_ROLE_EA, C1);
    int sa = add_adviser(m, s, "s001", MR_ROLE_SEA, T2);
    char id[16];
    /* e001: 3 new clients and one existing; s001: 1 new client. */
    int days[] = {1, 8, 15, 22};
    for (int k = 0; k < 4; k++) {
        snprintf(id, sizeof id, "r%d", k);
        allocate(s, referral(m, id, 1, k == 3 ? e : -1), e,
                 first_slot(s, m, e, days[k], 9));
    }
    allocate(s, referral(m, "r9", 1, -1), sa, first_slot(s, m, sa, 8, 9));
    /* ceil(0.10 * 3) = 1 */
    expect(m, s, 0, "", NULL);
    m->ea.new_clients_per_adviser_max = 2;
    expect(m, s, 1, "H11:", "H11: e001 has 3 new clients, at most 2");
    m->ea.new_clients_per_adviser_max = 10;
    allocate(s, referral(m, "r10", 1, -1), sa, first_slot(s, m, sa, 8, 10));
    expect(m, s, 1, "H11:", "H11: senior adviser s001 has 2 new clients, at "
           "most 1");
    m->ea.senior_share = 0.7;                  /* ceil(2.1) = 3 */
    expect(m, s, 0, "", NULL);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    mr_model *m = base();
    mr_solution *s = roster(m);
    int e = add_adviser(m, s, "e001", MR_ROLE_EA, C1);
    allocate(s, referral(m, "r1", 1, -1), e, first_slot(s, m, e, 1, 9));
    find(s, 0, 8, PM)->period = AM;            /* one H1, one H6 */
    int n = -1;
    for (long k = 1; n < 0 && k < 1000; k++) {
        mr_alloc_fail_at(k);
        n = mr_verify(m, s, NULL);
        mr_alloc_fail_at(0);
    }
    ck_assert_int_eq(n, 2);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_verify(void)
{
    Suite *s = suite_create("verify");
    TCase *tc = tcase_create("verify");
    tcase_add_test(tc, valid_roster_passes);
    tcase_add_test(tc, h1_two_assignments_in_a_session);
    tcase_add_test(tc, h2_closed_date);
    tcase_add_test(tc, h2_outside_the_month);
    tcase_add_test(tc, h2_site_not_open);
    tcase_add_test(tc, h2_not_their_day_or_period);
    tcase_add_test(tc, h3_leave);
    tcase_add_test(tc, h4_weekly_contract);
    tcase_add_test(tc, h5_role);
    tcase_add_test(tc, h5_site_kind);
    tcase_add_test(tc, h5_skill);
    tcase_add_test(tc, h5_not_their_site);
    tcase_add_test(tc, h5_desk_work_at_home_or_remote);
    tcase_add_test(tc, h5_specialty);
    tcase_add_test(tc, h6_rooms);
    tcase_add_test(tc, h6_room_used_twice);
    tcase_add_test(tc, h7_sessions_per_day);
    tcase_add_test(tc, h7_evenings);
    tcase_add_test(tc, h7_consecutive_days);
    tcase_add_test(tc, h7_rest);
    tcase_add_test(tc, h8_sites_per_day);
    tcase_add_test(tc, h9_ea_beside_a_clinic);
    tcase_add_test(tc, h10_hard_cover);
    tcase_add_test(tc, corrupt_indices_are_reported_not_followed);
    tcase_add_test(tc, h12_slots);
    tcase_add_test(tc, h11_first_appointments);
    tcase_add_test(tc, h11_caps);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(s, tc);
    return s;
}
