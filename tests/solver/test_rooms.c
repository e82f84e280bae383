/* Tests of solver/rooms.c: rooms named by bipartite matching per
 * site-session, the most preferred kind first. */
#include <check.h>

#include "alloc.h"
#include "fixture.h"
#include "rooms.h"
#include "suites.h"

static void add(mr_solution *s, int staff, int activity, int site, int day)
{
    mr_assignment a = {staff, fx_dec(day), 0, activity, site, -1, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
}

START_TEST(advice_takes_consult_then_treatment)
{
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int clinic = mr_find_activity(m, "clinic"), ea = mr_find_activity(m, "ea");
    int admin = mr_find_activity(m, "admin");
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, 0x3u);
    int t1 = fx_room(m, "t1", "treatment");
    int t2 = fx_room(m, "t2", "treatment");
    int c1 = fx_room(m, "c1", "consult");

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    /* Tuesday 1: ea listed first, then two clinics: ea gets the consult
     * room, the clinics both treatment rooms. */
    add(s, 0, ea, hub, 1);
    add(s, 1, clinic, hub, 1);
    add(s, 2, clinic, hub, 1);
    add(s, 3, admin, hub, 1);
    /* Wednesday 2: two ea and one clinic: consult, then a treatment room
     * left by the clinic. */
    add(s, 0, ea, hub, 2);
    add(s, 4, ea, hub, 2);
    add(s, 1, clinic, hub, 2);
    ck_assert_int_eq(mr_rooms_assign(m, s), MR_OK);
    ck_assert_int_eq(s->assign[0].room, c1);
    ck_assert(s->assign[1].room == t1 || s->assign[1].room == t2);
    ck_assert(s->assign[2].room == t1 || s->assign[2].room == t2);
    ck_assert_int_ne(s->assign[1].room, s->assign[2].room);
    ck_assert_int_eq(s->assign[3].room, -1);          /* admin: none */
    ck_assert(s->assign[4].room == c1 || s->assign[5].room == c1);
    ck_assert(s->assign[4].room != s->assign[5].room);
    ck_assert(s->assign[4].room >= 0 && s->assign[5].room >= 0);
    ck_assert(s->assign[6].room == t1 || s->assign[6].room == t2);
    ck_assert(s->assign[6].room != s->assign[4].room
              && s->assign[6].room != s->assign[5].room);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

START_TEST(augmenting_path_frees_a_room)
{
    /* drop_in made to accept consult, else treatment, like ea. Both want
     * the one consult room; the first takes it, the second's search moves
     * the first to the treatment room. */
    mr_model *m = fx_month();
    mr_solution *s = NULL;
    int drop = mr_find_activity(m, "drop_in"), ea = mr_find_activity(m, "ea");
    int clinic = mr_find_activity(m, "clinic");
    mr_activity *d = &m->activities[drop];
    char **kinds = mr_realloc(d->room_kinds, 2 * sizeof *kinds);
    ck_assert_ptr_nonnull(kinds);
    d->room_kinds = kinds;
    mr_free(kinds[0]);
    kinds[0] = mr_strdup("consult");
    kinds[1] = mr_strdup("treatment");
    d->n_room_kinds = 2;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, 0x3u);
    int t1 = fx_room(m, "t1", "treatment");
    int c1 = fx_room(m, "c1", "consult");

    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    add(s, 0, drop, hub, 1);
    add(s, 1, ea, hub, 1);
    ck_assert_int_eq(mr_rooms_assign(m, s), MR_OK);
    ck_assert_int_eq(s->assign[0].room, t1);
    ck_assert_int_eq(s->assign[1].room, c1);

    /* Three needing two rooms: one is left without, and said so. */
    add(s, 2, clinic, hub, 1);
    ck_assert_int_eq(mr_rooms_assign(m, s), MR_EINFEASIBLE);
    int n_without = 0;
    for (int i = 0; i < 3; i++)
        n_without += s->assign[i].room < 0;
    ck_assert_int_eq(n_without, 1);
    mr_solution_free(s);
    mr_model_free(m);
}
END_TEST

Suite *suite_rooms(void)
{
    Suite *s = suite_create("rooms");
    TCase *t = tcase_create("matching");
    tcase_add_test(t, advice_takes_consult_then_treatment);
    tcase_add_test(t, augmenting_path_frees_a_room);
    suite_add_tcase(s, t);
    return s;
}
