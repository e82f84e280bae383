/* Tests of solver/lp_rows_demand.c: the demand rows of the roster MILP on a
 * hand-worked case. One physio, a hub with a treatment room, clinics of 210
 * bookable minutes; 4 initial and 8 follow_up wanted. Two clinics laid out
 * as (2 initial, 4 follow_up) each meet both lines exactly. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "fixture.h"
#include "lp.h"
#include "slots.h"
#include "suites.h"

#define AM_PM 0x3u
#define NO_LOC ((mr_loc){-1, 0, 0})

static void demand(mr_model *m, int site, const char *type_id, int count)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, demand, &i), MR_OK);
    mr_demand *d = &m->demand[i];
    ck_assert_int_eq(mr_ref_set(&d->site, m->sites[site].id, NO_LOC), MR_OK);
    d->site.index = site;
    d->pcn.index = -1;
    ck_assert_int_eq(mr_ref_set(&d->type, type_id, NO_LOC), MR_OK);
    d->type.index = mr_find_appt_type(m, type_id);
    d->count = count;
}

static int row_named(const mr_mip *p, const char *name)
{
    for (int i = 0; i < p->n_rows; i++)
        if (strcmp(mr_mip_row_name(p, i), name) == 0)
            return i;
    return -1;
}

START_TEST(two_clinics_meet_demand_exactly)
{
    mr_model *m = fx_month();
    mr_lpb *b = NULL;
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    fx_room(m, "t1", "treatment");
    fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM_PM);
    demand(m, hub, "initial", 4);
    demand(m, hub, "follow_up", 8);
    int clinic = mr_find_activity(m, "clinic");

    /* The family comes last in the build: its columns end the model.
     * One group (am and pm both book 210): 5 mixes, then 2 shortfalls. */
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    int c0 = b->mip.n_cols - 7;
    ck_assert_int_eq(b->mip.n_cols, c0 + 7);
    ck_assert_double_eq_tol(b->mip.cols[c0 + 5].obj, 1.5, 1e-9);  /* imd 5 */
    ck_assert_double_eq_tol(b->mip.cols[c0 + 5].ub, 4, 1e-9);

    double *full = calloc((size_t)b->mip.n_cols, sizeof(double));
    ck_assert_ptr_nonnull(full);
    int set = 0;
    for (int j = 0; j < b->n_x && set < 2; j++)
        if (b->x[j].activity == clinic) {
            full[j] = 1;
            set++;
        }
    ck_assert_int_eq(set, 2);
    full[c0 + 2] = 2;              /* mixes: (4,1) (3,2) (2,4) (1,5) (0,7) */
    int g = row_named(&b->mip, "dgroup0.hub.clinic.210");
    int l0 = row_named(&b->mip, "demand0"), l1 = row_named(&b->mip, "demand1");
    ck_assert_int_ge(g, 0);
    ck_assert_int_ge(l0, 0);
    ck_assert_int_ge(l1, 0);
    ck_assert_double_eq_tol(mr_mip_row_activity(&b->mip, g, full), 0, 1e-9);
    ck_assert_double_eq_tol(mr_mip_row_activity(&b->mip, l0, full), 4, 1e-9);
    ck_assert_double_eq_tol(mr_mip_row_activity(&b->mip, l1, full), 8, 1e-9);
    ck_assert_double_eq_tol(b->mip.rows[l1].lb, 8, 1e-9);
    /* (4,1) twice instead: 8 initial but only 2 follow_up; u must make 6. */
    full[c0 + 2] = 0;
    full[c0] = 2;
    ck_assert_double_eq_tol(mr_mip_row_activity(&b->mip, l1, full), 2, 1e-9);
    free(full);
    mr_lpb_free(b);
    mr_model_free(m);
}
END_TEST

START_TEST(patterns_of_a_clinic)
{
    mr_model *m = fx_month();
    int *pat = NULL, n = 0, nt = m->n_appt_types;
    int ini = mr_find_appt_type(m, "initial"), fu = mr_find_appt_type(m, "follow_up");
    static const int want[5][2] = {{4, 1}, {3, 2}, {2, 4}, {1, 5}, {0, 7}};

    ck_assert_int_eq(mr_slot_patterns(m, mr_find_activity(m, "clinic"), 210,
                                      &pat, &n), MR_OK);
    ck_assert_int_eq(n, 5);
    for (int p = 0; p < 5; p++) {
        ck_assert_int_eq(pat[p * nt + ini], want[p][0]);
        ck_assert_int_eq(pat[p * nt + fu], want[p][1]);
    }
    mr_free(pat);
    /* ea: ea_review only (ea_first is never filler): 210 -> 4. */
    ck_assert_int_eq(mr_slot_patterns(m, mr_find_activity(m, "ea"), 210,
                                      &pat, &n), MR_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(pat[mr_find_appt_type(m, "ea_review")], 4);
    ck_assert_int_eq(pat[mr_find_appt_type(m, "ea_first")], 0);
    mr_free(pat);
    /* No types (admin) or too little time: none. */
    ck_assert_int_eq(mr_slot_patterns(m, mr_find_activity(m, "admin"), 210,
                                      &pat, &n), MR_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_ptr_null(pat);
    ck_assert_int_eq(mr_slot_patterns(m, mr_find_activity(m, "clinic"), 29, &pat, &n), MR_OK);
    ck_assert_int_eq(n, 0);
    mr_model_free(m);
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    mr_model *m = fx_month();
    int hub = fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM_PM);
    fx_room(m, "t1", "treatment");
    fx_staff(m, "p", MR_ROLE_PHYSIO, 10, MR_MON_FRI, AM_PM);
    demand(m, hub, "initial", 4);
    demand(m, hub, "drop_in", 8);
    for (long k = 1;; k++) {
        mr_lpb *b = NULL;
        ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
        mr_alloc_fail_at(k);
        int rc = mr_rows_demand(b);
        long used = mr_alloc_fail_at(0);
        mr_lpb_free(b);
        ck_assert_msg(rc == MR_OK || rc == MR_ENOMEM, "rc %d at %ld", rc, k);
        if (rc == MR_OK && used < k)
            break;
    }
    mr_model_free(m);
}
END_TEST

Suite *suite_lp_rows_demand(void)
{
    Suite *su = suite_create("lp_rows_demand");
    TCase *tc = tcase_create("lp_rows_demand");
    tcase_add_test(tc, two_clinics_meet_demand_exactly);
    tcase_add_test(tc, patterns_of_a_clinic);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(su, tc);
    return su;
}
