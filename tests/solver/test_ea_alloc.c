/* Tests of solver/ea_alloc.c: adviser caps, the senior share, continuity,
 * timeliness, site preference, referrals after every session, and no
 * double booking, on hand-worked December 2026 cases. Each 240-minute ea
 * session books 210 minutes: three 60-minute first appointments. */
#include <check.h>
#include <string.h>

#include "date.h"
#include "ea_alloc.h"
#include "fixture.h"
#include "mskrota.h"
#include "roster.h"
#include "slots.h"
#include "suites.h"

#define AM 0
#define PM 1
#define AM_PM 0x3u

static char warnings[4096];

static void keep_warning(int level, const char *text, void *user)
{
    (void)user;
    if (level == MR_LOG_WARN)
        strncat(warnings, text, sizeof warnings - strlen(warnings) - 1);
}

static void session(const mr_model *m, mr_solution *s, int staff, int day,
                    int period, int site)
{
    mr_assignment a = {staff, fx_dec(day), period,
                       mr_find_activity(m, "ea"), site, -1, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
}

/* Sessions on the first n working days of December (1-4, 7-11, ...). */
static void sessions(const mr_model *m, mr_solution *s, int staff, int n,
                     int site)
{
    static const int days[] = {1, 2, 3, 4, 7, 8, 9, 10, 11, 14};
    for (int i = 0; i < n; i++)
        session(m, s, staff, days[i], AM, site);
}

static int allocated_to(const mr_solution *s, int staff)
{
    int n = 0;
    for (int i = 0; i < s->n_ea; i++)
        n += s->ea[i].adviser == staff;
    return n;
}

static int unallocated(const mr_solution *s, const char *reason)
{
    int n = 0;
    for (int i = 0; i < s->n_ea; i++)
        if (s->ea[i].adviser < 0) {
            ck_assert_ptr_nonnull(s->ea[i].reason);
            n += strcmp(s->ea[i].reason, reason) == 0;
        }
    return n;
}

/* The date of referral r's first appointment. */
static int first_date(const mr_solution *s, int r)
{
    ck_assert_int_ge(s->ea[r].slot, 0);
    return s->assign[s->slots[s->ea[r].slot].assignment].date;
}

/* Every allocation has an ea_first slot in its adviser's session, on or
 * after the referral date, and no two slots of a person overlap. */
static void check_h11(const mr_model *m, const mr_solution *s)
{
    int first = mr_find_appt_type(m, "ea_first");
    ck_assert_int_eq(s->n_ea, m->n_referrals);
    for (int r = 0; r < s->n_ea; r++) {
        const mr_ea_alloc *e = &s->ea[r];
        ck_assert_int_eq(e->referral, r);
        if (e->adviser < 0) {
            ck_assert_int_eq(e->slot, -1);
            continue;
        }
        ck_assert_ptr_null(e->reason);
        const mr_slot *sl = &s->slots[e->slot];
        ck_assert_int_eq(sl->type, first);
        ck_assert_int_eq(s->assign[sl->assignment].staff, e->adviser);
        ck_assert_int_ge(s->assign[sl->assignment].date,
                         m->referrals[r].referred_on);
        for (int q = r + 1; q < s->n_ea; q++)
            ck_assert(s->ea[q].slot != e->slot);
    }
    for (int i = 0; i < s->n_slots; i++)
        for (int j = i + 1; j < s->n_slots; j++) {
            const mr_slot *a = &s->slots[i], *b = &s->slots[j];
            const mr_assignment *x = &s->assign[a->assignment];
            const mr_assignment *y = &s->assign[b->assignment];
            if (x->staff == y->staff && x->date == y->date)
                ck_assert(a->end <= b->start || b->end <= a->start);
        }
}

START_TEST(adviser_cap_and_escalation)
{
    /* 12 new referrals, one adviser with room for 24 first appointments:
     * 10 taken (the cap), on the earliest sessions (1-3 December three
     * each, then one on the 4th); 2 left, and a warning to escalate. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    warnings[0] = '\0';
    mr_set_log(keep_warning, NULL);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, a, 8, hub);
    for (int i = 0; i < 12; i++)
        fx_referral(m, mr_days_from_civil(2026, 11, 30), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a), 10);
    ck_assert_int_eq(unallocated(s, "no adviser capacity"), 2);
    for (int r = 0; r < 12; r++)
        if (s->ea[r].adviser >= 0)
            ck_assert_int_le(first_date(s, r), fx_dec(4));
    ck_assert_ptr_nonnull(strstr(warnings, "escalate"));
    check_h11(m, s);
    mr_set_log(NULL, NULL);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(senior_takes_a_share_of_the_average)
{
    /* One adviser at the cap of 10, one senior: ceil(0.1 * 10) = 1. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int b = fx_staff(m, "b", MR_ROLE_SEA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, a, 8, hub);
    sessions(m, s, b, 8, hub);
    for (int i = 0; i < 12; i++)
        fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a), 10);
    ck_assert_int_eq(allocated_to(s, b), 1);
    ck_assert_int_eq(unallocated(s, "no adviser capacity"), 1);
    check_h11(m, s);

    /* A larger share: ceil(0.25 * 10) = 3 -> all 12. */
    m->ea.senior_share = 0.25;
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a) + allocated_to(s, b), 12);
    ck_assert_int_le(allocated_to(s, b), 3);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(senior_cap_follows_what_advisers_can_take)
{
    /* The adviser has one session (3 first appointments): average 3, senior
     * cap ceil(0.3) = 1, so 4 of 10 referrals are allocated. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int b = fx_staff(m, "b", MR_ROLE_SEA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, a, 1, hub);
    sessions(m, s, b, 8, hub);
    for (int i = 0; i < 10; i++)
        fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a), 3);
    ck_assert_int_eq(allocated_to(s, b), 1);
    ck_assert_int_eq(unallocated(s, "no adviser capacity"), 6);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(senior_cap_values)
{
    mr_model *m = fx_month();
    ck_assert_int_eq(mr_ea_senior_cap(m, 10, 1), 1);
    ck_assert_int_eq(mr_ea_senior_cap(m, 30, 3), 1);   /* 0.1 * 10, not 2 */
    ck_assert_int_eq(mr_ea_senior_cap(m, 31, 3), 2);
    ck_assert_int_eq(mr_ea_senior_cap(m, 0, 2), 0);
    ck_assert_int_eq(mr_ea_senior_cap(m, 1, 2), 1);
    ck_assert_int_eq(mr_ea_senior_cap(m, 0, 0), 1);    /* no regular adviser */
    m->ea.senior_share = 2.0;
    ck_assert_int_eq(mr_ea_senior_cap(m, 10, 1), 10);  /* never above max */
    mr_model_free(m);
}
END_TEST

START_TEST(seniors_alone_take_a_share_of_a_full_load)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int b = fx_staff(m, "b", MR_ROLE_SEA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, b, 4, hub);
    for (int i = 0; i < 5; i++)
        fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, b), 1);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(continuity_then_site)
{
    /* Two advisers on the same day, a at the hub and b at the community
     * centre. An existing client of b referred at the hub stays with b;
     * new clients go to the adviser at their own site. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int cc = fx_site(m, "cc", MR_SITE_COMMUNITY, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int b = fx_staff(m, "b", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    session(m, s, a, 2, AM, hub);
    session(m, s, b, 2, AM, cc);
    int r1 = fx_referral(m, fx_dec(1), hub, b);
    int r2 = fx_referral(m, fx_dec(1), hub, -1);
    int r3 = fx_referral(m, fx_dec(1), cc, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->ea[r1].adviser, b);
    ck_assert_int_eq(s->ea[r2].adviser, a);
    ck_assert_int_eq(s->ea[r3].adviser, b);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(existing_clients_are_not_new)
{
    /* 10 new clients fill the cap; 2 existing clients of the same adviser
     * still fit. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, a, 8, hub);
    for (int i = 0; i < 10; i++)
        fx_referral(m, fx_dec(1), hub, -1);
    fx_referral(m, fx_dec(1), hub, a);
    fx_referral(m, fx_dec(1), hub, a);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a), 12);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(referral_after_every_session)
{
    /* Sessions 1-4 December: a referral on the 20th has none on or after
     * it; one on the 4th takes the 4th's session (the same day counts). */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    sessions(m, s, a, 4, hub);
    int late = fx_referral(m, fx_dec(20), hub, -1);
    int same = fx_referral(m, fx_dec(4), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->ea[late].adviser, -1);
    ck_assert_str_eq(s->ea[late].reason, "no ea session on or after referral");
    ck_assert_int_eq(first_date(s, same), fx_dec(4));
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(on_or_after_referral_and_timeliness_before_site)
{
    /* r1, Wed 9th at cc: b's session on the 8th is too early, so the 10th.
     * r2, Tue 1st at the hub: c at the hub only on the 30th (far beyond 10
     * working days), a at cc on the 2nd: a, timely but at another site. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int cc = fx_site(m, "cc", MR_SITE_COMMUNITY, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int b = fx_staff(m, "b", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int c = fx_staff(m, "c", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    session(m, s, b, 8, AM, cc);
    session(m, s, b, 10, PM, cc);
    session(m, s, c, 30, AM, hub);
    session(m, s, a, 2, AM, cc);
    int r1 = fx_referral(m, fx_dec(9), cc, -1);
    int r2 = fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->ea[r1].adviser, b);
    ck_assert_int_eq(first_date(s, r1), fx_dec(10));
    ck_assert_int_eq(s->ea[r2].adviser, a);
    ck_assert_int_eq(first_date(s, r2), fx_dec(2));
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(no_double_booking)
{
    /* Two sessions of one adviser on the 1st hold six first appointments,
     * at 08:30, 09:30, 10:30 and 13:00, 14:00, 15:00. */
    static const int starts[] = {510, 570, 630, 780, 840, 900};
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int seen[6] = {0};

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    session(m, s, a, 1, AM, hub);
    session(m, s, a, 1, PM, hub);
    for (int i = 0; i < 8; i++)
        fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_appointments(m, s), MR_OK);
    ck_assert_int_eq(allocated_to(s, a), 6);
    for (int r = 0; r < 8; r++) {
        if (s->ea[r].slot < 0)
            continue;
        for (int k = 0; k < 6; k++)
            if (s->slots[s->ea[r].slot].start == starts[k])
                seen[k]++;
    }
    for (int k = 0; k < 6; k++)
        ck_assert_int_eq(seen[k], 1);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(first_appointments_then_reviews)
{
    /* Two referrals in one 210-minute session: 2 x 60 first, 2 x 45 review. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    int a = fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);
    int first = mr_find_appt_type(m, "ea_first");
    int review = mr_find_appt_type(m, "ea_review");

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    session(m, s, a, 3, AM, hub);
    fx_referral(m, fx_dec(1), hub, -1);
    fx_referral(m, fx_dec(2), hub, -1);
    ck_assert_int_eq(mr_appointments(m, s), MR_OK);
    ck_assert_int_eq(s->n_slots, 4);
    ck_assert_int_eq(s->slots[0].type, first);
    ck_assert_int_eq(s->slots[1].type, first);
    ck_assert_int_eq(s->slots[2].type, review);
    ck_assert_int_eq(s->slots[2].start, 630);
    ck_assert_int_eq(s->slots[3].type, review);
    ck_assert_int_eq(s->slots[3].end, 720);
    check_h11(m, s);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(no_adviser_at_all)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    fx_staff(m, "a", MR_ROLE_EA, 10, MR_MON_FRI, AM_PM);

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    fx_referral(m, fx_dec(1), hub, -1);
    ck_assert_int_eq(mr_ea_allocate(m, s), MR_OK);
    ck_assert_int_eq(s->n_ea, 1);
    ck_assert_str_eq(s->ea[0].reason, "no adviser with ea sessions");
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_ea_alloc(void)
{
    Suite *su = suite_create("ea_alloc");
    TCase *tc = tcase_create("ea_alloc");
    tcase_add_test(tc, adviser_cap_and_escalation);
    tcase_add_test(tc, senior_takes_a_share_of_the_average);
    tcase_add_test(tc, senior_cap_follows_what_advisers_can_take);
    tcase_add_test(tc, senior_cap_values);
    tcase_add_test(tc, seniors_alone_take_a_share_of_a_full_load);
    tcase_add_test(tc, continuity_then_site);
    tcase_add_test(tc, existing_clients_are_not_new);
    tcase_add_test(tc, referral_after_every_session);
    tcase_add_test(tc, on_or_after_referral_and_timeliness_before_site);
    tcase_add_test(tc, no_double_booking);
    tcase_add_test(tc, first_appointments_then_reviews);
    tcase_add_test(tc, no_adviser_at_all);
    suite_add_tcase(su, tc);
    return su;
}
