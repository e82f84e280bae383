/* Tests of the compact model's build (solver/mip.c, lp_vars.c,
 * lp_rows_*.c): which assignment variables exist, and rows read back by
 * name on hand-worked cases. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fixture.h"
#include "lp.h"
#include "suites.h"

#define AM  0x1u
#define PM  0x2u
#define EVE 0x4u
#define TUE 0x2u
#define NO_LOC ((mr_loc){-1, 0, 0})

static int row_named(const mr_mip *p, const char *name)
{
    for (int i = 0; i < p->n_rows; i++)
        if (strcmp(mr_mip_row_name(p, i), name) == 0)
            return i;
    return -1;
}

static int n_rows_prefixed(const mr_mip *p, const char *prefix)
{
    int n = 0;
    for (int i = 0; i < p->n_rows; i++)
        n += strncmp(mr_mip_row_name(p, i), prefix, strlen(prefix)) == 0;
    return n;
}

START_TEST(rows_merge_repeated_columns)
{
    mr_mip p;
    int a, b, i;

    mr_mip_init(&p);
    ck_assert_int_eq(mr_mip_add_col(&p, 0, 1, 1, 1, 0, "a", &a), MR_OK);
    ck_assert_int_eq(mr_mip_add_col(&p, 0, 1, 2, 1, 1, "b", &b), MR_OK);
    mr_mip_row_begin(&p);
    mr_mip_row_add(&p, b, 2);
    mr_mip_row_add(&p, a, 1);
    mr_mip_row_add(&p, b, -2);
    mr_mip_row_add(&p, a, 3);
    ck_assert_int_eq(mr_mip_row_end(&p, -MR_MIP_INF, 4, "r", &i), MR_OK);
    ck_assert_int_eq(p.rows[i].len, 1);          /* b cancelled out */
    ck_assert_int_eq(p.ind[p.rows[i].beg], a);
    ck_assert_double_eq(p.val[p.rows[i].beg], 4);
    ck_assert_int_eq(p.rows[i].owner, 0);
    ck_assert_int_eq(p.infeasible, 0);
    /* A row over two owners links them. */
    mr_mip_row_begin(&p);
    mr_mip_row_add(&p, a, 1);
    mr_mip_row_add(&p, b, 1);
    ck_assert_int_eq(mr_mip_row_end(&p, 1, MR_MIP_INF, "link", &i), MR_OK);
    ck_assert_int_eq(p.rows[i].owner, -1);
    double x[2] = {1, 0};
    ck_assert_double_eq(mr_mip_objective(&p, x), 1);
    ck_assert_double_eq(mr_mip_violation(&p, x, NULL), 0);
    x[0] = 0;
    ck_assert_double_eq(mr_mip_violation(&p, x, &i), 1);
    ck_assert_str_eq(mr_mip_row_name(&p, i), "link");
    /* An empty row that cannot hold marks the program infeasible. */
    mr_mip_row_begin(&p);
    ck_assert_int_eq(mr_mip_row_end(&p, 2, 2, "due", NULL), MR_OK);
    ck_assert_int_eq(p.infeasible, 1);
    mr_mip_clear(&p);
    mr_mip_clear(NULL);
}
END_TEST

START_TEST(variables_only_where_they_can_exist)
{
    mr_model *m = fx_month();
    mr_lpb *b = NULL;
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM | EVE);
    fx_room(m, "t1", "treatment");
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, AM | PM);
    int p = fx_staff(m, "p", MR_ROLE_PHYSIO, 1, TUE, AM | EVE);

    /* Each Tuesday am: clinic and drop_in at the hub (treatment room),
     * triage at the remote site, admin at both. No group (skill), no
     * fcp (no practice), no ea (role); no evening (max_evenings 0). */
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    ck_assert_int_eq(b->n_x, 5 * 5);
    for (int k = 0; k < b->n_x; k++)
        ck_assert_int_eq(b->x[k].period, 0);
    ck_assert_int_ge(row_named(&b->mip, "h4.p.w0"), 0);
    ck_assert_int_eq(n_rows_prefixed(&b->mip, "h4."), 5);
    ck_assert_int_eq(n_rows_prefixed(&b->mip, "h1.p."), 5);
    mr_lpb_free(b);

    /* Evenings allowed: the hub's evening adds clinic, drop_in, admin at
     * the hub and admin at the remote site (desk work needs no opening). */
    m->staff[p].max_evenings = 2;
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    ck_assert_int_eq(b->n_x, 5 * 5 + 5 * 4);
    int eve = row_named(&b->mip, "h7eve.p");
    ck_assert_int_ge(eve, 0);
    ck_assert_double_eq(b->mip.rows[eve].ub, 2);
    mr_lpb_free(b);

    /* A specialism adds a clinic variant carrying it; no room, no
     * clinic nor drop_in. */
    m->staff[p].max_evenings = 0;
    int k;
    ck_assert_int_eq(MR_PUSH(m, skills, &k), MR_OK);
    m->skills[k] = mr_strdup("spinal");
    ck_assert_int_eq(mr_ref_set(&m->staff[p].specialism, "spinal", NO_LOC),
                     MR_OK);
    m->staff[p].specialism.index = k;
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    ck_assert_int_eq(b->n_x, 6 * 5);
    ck_assert_int_ge(row_named(&b->mip, "spec.p"), 0);
    mr_lpb_free(b);
    mr_free(m->rooms[0].kind);
    m->rooms[0].kind = mr_strdup("gym");
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    ck_assert_int_eq(b->n_x, 3 * 5);
    mr_lpb_free(b);
    mr_model_free(m);
}
END_TEST

START_TEST(rooms_as_hall_rows)
{
    /* A hub with one treatment and one consult room; three physios and
     * an adviser due Tuesday mornings. Groups: treatment (clinic,
     * drop_in) and consult-else-treatment (ea). Closed sets: {treatment}
     * <= 1 room, {treatment, ea} <= 2 rooms ({ea} alone is not closed:
     * its union holds treatment). */
    mr_model *m = fx_month();
    mr_lpb *b = NULL;
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM);
    fx_room(m, "t1", "treatment");
    fx_room(m, "c1", "consult");
    for (int i = 0; i < 3; i++)
        fx_staff(m, i == 0 ? "a" : i == 1 ? "b" : "c", MR_ROLE_PHYSIO, 1,
                 TUE, AM);
    fx_staff(m, "e", MR_ROLE_EA, 1, TUE, AM);
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);
    ck_assert_int_eq(n_rows_prefixed(&b->mip, "h6.hub.20261201.am."), 2);
    int one = -1, two = -1;
    for (int i = 0; i < b->mip.n_rows; i++) {
        if (strncmp(mr_mip_row_name(&b->mip, i), "h6.hub.20261201.am.", 19))
            continue;
        if (b->mip.rows[i].ub == 1)
            one = i;
        else if (b->mip.rows[i].ub == 2)
            two = i;
    }
    ck_assert_int_ge(one, 0);
    ck_assert_int_ge(two, 0);
    ck_assert_int_eq(b->mip.rows[one].len, 3 * 2);   /* clinic, drop_in */
    ck_assert_int_eq(b->mip.rows[two].len, 3 * 2 + 1);
    /* H9: the ea x needs a clinic there: x_e - sum of clinic x <= 0. */
    int h9 = row_named(&b->mip, "h9.e.20261201.am.hub");
    ck_assert_int_ge(h9, 0);
    ck_assert_int_eq(b->mip.rows[h9].len, 1 + 3);
    mr_lpb_free(b);
    mr_model_free(m);
}
END_TEST

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when the n names are all different (the CPLEX LP format needs it). */
static int unique(const char **names, int n)
{
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 1; i < n; i++)
        if (strcmp(names[i - 1], names[i]) == 0)
            return 0;
    return 1;
}

static void add_request(mr_model *m, int staff, int kind, unsigned weekdays,
                        int period, const char *activity, int site)
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
    q->kind = kind;
    q->date = kind == MR_REQ_SESSION ? fx_dec(1) : MR_NO_DATE;
    q->weekdays = weekdays;
    q->weight = 1;
    q->min_sessions = kind == MR_REQ_TASK ? 2 : 0;
    q->period.index = period;
    q->site.index = -1;
    q->activity.index = -1;
    if (activity != NULL) {
        ck_assert_int_eq(mr_ref_set(&q->activity, activity, NO_LOC), MR_OK);
        q->activity.index = mr_find_activity(m, activity);
    }
    if (site >= 0) {
        ck_assert_int_eq(mr_ref_set(&q->site, m->sites[site].id, NO_LOC),
                         MR_OK);
        q->site.index = site;
    }
}

START_TEST(names_are_unique)
{
    mr_model *m = fx_month();
    mr_lpb *b = NULL;
    fx_site(m, "hub", MR_SITE_HUB, MR_MON_FRI, AM | PM | EVE);
    fx_room(m, "t1", "treatment");
    int cc = fx_site(m, "cc-1", MR_SITE_COMMUNITY, MR_MON_FRI, AM | PM);
    fx_room(m, "cc-t1", "treatment");
    fx_site(m, "remote", MR_SITE_REMOTE, MR_MON_FRI, AM | PM);
    int p = fx_staff(m, "p-1", MR_ROLE_PHYSIO, 6, MR_MON_FRI, AM | PM | EVE);
    int q = fx_staff(m, "q", MR_ROLE_OT, 4, MR_MON_FRI, AM | PM);
    m->staff[p].max_evenings = 3;
    m->rules.max_consecutive_days = 3;
    add_request(m, p, MR_REQ_OFF, TUE, -1, NULL, -1);
    add_request(m, p, MR_REQ_AVOID, 0, 1, NULL, -1);
    add_request(m, p, MR_REQ_TASK, 0, -1, "clinic", -1);
    add_request(m, q, MR_REQ_LOCATION, TUE, -1, NULL, cc);
    add_request(m, q, MR_REQ_SESSION, 0, 0, "admin", -1);
    ck_assert_int_eq(mr_lpb_build(m, &b), MR_OK);

    const mr_mip *mp = &b->mip;
    int n = mp->n_cols > mp->n_rows ? mp->n_cols : mp->n_rows;
    const char **names = malloc((size_t)n * sizeof *names);
    ck_assert_ptr_nonnull(names);
    for (int j = 0; j < mp->n_cols; j++)
        names[j] = mr_mip_col_name(mp, j);
    ck_assert(unique(names, mp->n_cols));
    for (int i = 0; i < mp->n_rows; i++)
        names[i] = mr_mip_row_name(mp, i);
    ck_assert(unique(names, mp->n_rows));
    /* Every family is there. */
    ck_assert_int_gt(n_rows_prefixed(mp, "off.r0."), 1);
    ck_assert_int_gt(n_rows_prefixed(mp, "avoid.r1."), 1);
    ck_assert_int_eq(n_rows_prefixed(mp, "task.r2."), 1);
    ck_assert_int_eq(n_rows_prefixed(mp, "location.r3."), 1);
    ck_assert_int_eq(n_rows_prefixed(mp, "session.r4."), 1);
    ck_assert_int_gt(n_rows_prefixed(mp, "h7run.p_1."), 0);
    ck_assert_int_gt(n_rows_prefixed(mp, "h8.p_1."), 0);
    ck_assert_int_gt(n_rows_prefixed(mp, "fair."), 1);
    free(names);
    mr_lpb_free(b);
    mr_model_free(m);
}
END_TEST

Suite *suite_lp_build(void)
{
    Suite *s = suite_create("lp_build");
    TCase *t = tcase_create("build");
    tcase_add_test(t, rows_merge_repeated_columns);
    tcase_add_test(t, variables_only_where_they_can_exist);
    tcase_add_test(t, rooms_as_hall_rows);
    tcase_add_test(t, names_are_unique);
    suite_add_tcase(s, t);
    return s;
}
