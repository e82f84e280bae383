/* Tests of model/resolve.c: a valid raw service resolves to the right
 * indices and masks; each rule of validation, broken on its own in
 * fxr_service() (tests/fixture.h gives its lines), gives exactly one
 * diagnostic at the offending item's place; several problems are all
 * reported; allocation failures give MR_ENOMEM and leak nothing. */
#include <check.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "fixture.h"
#include "suites.h"

#define SVC "service.yaml"
#define AM 0x1u
#define PM 0x2u
#define EVE 0x4u
#define SAT (1u << 5)
#define SUN (1u << 6)

/* Renames a reference where it stands. */
static void rename_ref(mr_ref *r, const char *id)
{
    ck_assert_int_eq(mr_ref_set(r, id, r->loc), MR_OK);
}

static int add_activity(mr_model *m, const char *id, const char *skill,
                        int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, activities, &i), MR_OK);
    mr_activity *a = &m->activities[i];
    a->id = mr_strdup(id);
    a->roles = 1u << MR_ROLE_PHYSIO;
    a->site_kinds = 1u << MR_SITE_HUB;
    a->skill.index = -1;
    if (skill != NULL)
        rename_ref(&a->skill, skill);
    a->skill.loc = fxr_loc(0, line, 10);
    a->loc = fxr_loc(0, line, 3);
    return i;
}

static int add_type(mr_model *m, const char *id, const char *activity,
                    int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, appt_types, &i), MR_OK);
    mr_appt_type *t = &m->appt_types[i];
    t->id = mr_strdup(id);
    t->minutes = 30;
    t->capacity = 1;
    ck_assert_int_eq(mr_ref_list_add(&t->activities, activity,
                                     fxr_loc(0, line, 10)), MR_OK);
    t->loc = fxr_loc(0, line, 3);
    return i;
}

/* --- one rule broken at a time ------------------------------------------ */

static void dup_period(mr_model *m) { fxr_period(m, "am", "20:00", "21:00", 6); }
static void dup_site(mr_model *m) { fxr_site(m, "remote", MR_SITE_REMOTE, 27); }
static void dup_room(mr_model *m) { fxr_room(m, 2, "hub-t1", "treatment", 28); }
static void dup_pcn(mr_model *m) { fxr_pcn(m, "pcn-a", 1, 31); }
static void dup_staff(mr_model *m)
{
    int p = fxr_staff(m, "c001", MR_ROLE_PHYSIO, 2, 55);
    fxr_staff_home(m, p, "hub", 56);
}
static void dup_activity(mr_model *m)
{
    add_activity(m, "hydro", NULL, 70);
    add_activity(m, "hydro", NULL, 71);
}
static void dup_type(mr_model *m)
{
    add_type(m, "long", "clinic", 72);
    add_type(m, "long", "clinic", 73);
}
static void period_backwards(mr_model *m) { m->periods[0].end = m->periods[0].start; }
static void periods_overlap(mr_model *m) { m->periods[1].start = 12 * 60; }
static void open_unknown_period(mr_model *m)
{
    rename_ref(&m->sites[0].openings[0].periods.items[2], "evening");
}
static void site_unknown_pcn(mr_model *m) { rename_ref(&m->sites[1].pcn, "pcn-b"); }
static void practice_no_pcn(mr_model *m) { mr_ref_clear(&m->sites[1].pcn); }
static void hub_with_pcn(mr_model *m) { fxr_site_pcn(m, 0, "pcn-a", 16); }
static void unknown_home(mr_model *m) { rename_ref(&m->staff[0].home_site, "hbu"); }
static void unknown_staff_site(mr_model *m)
{
    rename_ref(&m->staff[0].sites.items[1], "surgry");
}
static void unknown_staff_period(mr_model *m)
{
    rename_ref(&m->staff[0].periods.items[1], "pn");
    m->staff[0].sessions_per_week = 5;     /* fits am alone */
}
static void no_periods(mr_model *m) { mr_ref_list_clear(&m->staff[0].periods); }
static void no_days(mr_model *m) { m->staff[0].days = 0; }
static void contract_over_days(mr_model *m) { m->staff[0].days = 0xFu; }
static void contract_over_day_cap(mr_model *m)
{
    fxr_staff_periods(m, 0, "eve", 46);
    m->staff[0].sessions_per_week = 11;
}
static void cover_unknown_site(mr_model *m) { rename_ref(&m->cover[0].site, "hbu"); }
static void cover_unknown_activity(mr_model *m)
{
    rename_ref(&m->cover[0].activity, "clinc");
}
static void cover_unknown_period(mr_model *m)
{
    rename_ref(&m->cover[0].periods.items[0], "morning");
}
static void cover_misspelt_specialty(mr_model *m) { fxr_cover_specialty(m, 0, "spinl", 62); }
static void cover_unheld_specialty(mr_model *m) { fxr_cover_specialty(m, 0, "hand", 62); }
static void activity_unheld_skill(mr_model *m) { add_activity(m, "hydro", "hydrotherapy", 70); }
static void type_unknown_activity(mr_model *m) { add_type(m, "long", "clinc", 72); }
static void cover_wrong_kind(mr_model *m) { rename_ref(&m->cover[0].activity, "fcp"); }
static void cover_min_zero(mr_model *m) { m->cover[0].min = 0; }
static void cover_nobody_in_sessions(mr_model *m)
{
    fxr_cover(m, "hub", "clinic", SAT, "am", 1, 62);
}
static void cover_no_session(mr_model *m) { fxr_cover(m, "hub", "clinic", SUN, "am", 1, 62); }
static void cover_no_room(mr_model *m)
{
    int s = fxr_site(m, "comm", MR_SITE_COMMUNITY, 27);
    fxr_open(m, s, MR_MON_FRI, "am,pm", 28);
    fxr_room(m, s, "cm-t1", "treatment", 29);
    fxr_staff_sites(m, 0, "comm", 47);
    fxr_cover(m, "comm", "group", MR_MON_FRI, "am", 1, 62);
}
static void cover_specialty_not_clinic(mr_model *m)
{
    int c = fxr_cover(m, "hub", "drop_in", MR_MON_FRI, "am", 1, 62);
    fxr_cover_specialty(m, c, "spinal", 63);
}
static void cover_no_specialist(mr_model *m)
{
    int p = fxr_staff(m, "h001", MR_ROLE_PHYSIO, 2, 55);
    fxr_staff_home(m, p, "hub", 56);
    fxr_staff_specialism(m, p, "hand", 57);
    m->staff[p].days = 0x1u;                        /* Mondays only */
    int c = fxr_cover(m, "hub", "clinic", 0x4u, "pm", 1, 62);   /* Wed */
    fxr_cover_specialty(m, c, "hand", 63);
}
static void admin_only(mr_model *m)
{
    int p = fxr_staff(m, "t001", MR_ROLE_TI, 4, 55);
    fxr_staff_home(m, p, "hub", 56);
}
static void rules_sessions(mr_model *m) { m->rules.max_sessions_per_day = 0; }
static void rules_share(mr_model *m) { m->rules.specialist_share = 1.5; }
static void rules_deadline(mr_model *m) { m->rules.request_deadline_day = 0; }
static void rules_weight(mr_model *m) { m->weights.fairness = -1; }

static const struct broken {
    const char *name;
    void (*brk)(mr_model *);
    int severity, line, col;
    const char *phrase;
} CASES[] = {
    {"dup_period", dup_period, MR_ERROR, 6, 3,
     "duplicate period id 'am' (first defined at line 3)"},
    {"dup_site", dup_site, MR_ERROR, 27, 3,
     "duplicate site id 'remote' (first defined at line 25)"},
    {"dup_room", dup_room, MR_ERROR, 28, 3,
     "duplicate room id 'hub-t1' (first defined at line 13)"},
    {"dup_pcn", dup_pcn, MR_ERROR, 31, 3,
     "duplicate pcn id 'pcn-a' (first defined at line 30)"},
    {"dup_staff", dup_staff, MR_ERROR, 55, 3,
     "duplicate staff id 'c001' (first defined at line 40)"},
    {"dup_activity", dup_activity, MR_ERROR, 71, 3,
     "duplicate activity id 'hydro' (first defined at line 70)"},
    {"dup_type", dup_type, MR_ERROR, 73, 3,
     "duplicate appointment type id 'long' (first defined at line 72)"},
    {"period_backwards", period_backwards, MR_ERROR, 3, 3,
     "period 'am' must start before it ends (start 08:30, end 08:30)"},
    {"periods_overlap", periods_overlap, MR_ERROR, 4, 3,
     "period 'pm' overlaps period 'am' (line 3)"},
    {"open_unknown_period", open_unknown_period, MR_ERROR, 11, 30,
     "unknown period 'evening' (expected one of: am, pm, eve)"},
    {"site_unknown_pcn", site_unknown_pcn, MR_ERROR, 21, 10,
     "unknown pcn 'pcn-b' (did you mean 'pcn-a'?)"},
    {"practice_no_pcn", practice_no_pcn, MR_ERROR, 20, 3,
     "practice site 'surgery' has no pcn"},
    {"hub_with_pcn", hub_with_pcn, MR_ERROR, 16, 10,
     "site 'hub' is a hub site with a pcn: only practice sites"},
    {"unknown_home", unknown_home, MR_ERROR, 41, 10,
     "unknown site 'hbu' (did you mean 'hub'?)"},
    {"unknown_staff_site", unknown_staff_site, MR_ERROR, 42, 20,
     "unknown site 'surgry' (did you mean 'surgery'?)"},
    {"unknown_staff_period", unknown_staff_period, MR_ERROR, 45, 20,
     "unknown period 'pn' (did you mean 'pm'?)"},
    {"no_periods", no_periods, MR_ERROR, 40, 3,
     "person 'c001' has no periods"},
    {"no_days", no_days, MR_ERROR, 40, 3,
     "person 'c001' has no working days"},
    {"contract_over_days", contract_over_days, MR_ERROR, 40, 3,
     "contracted for 10 sessions a week, but their days and periods allow "
     "at most 8 (4 days, 2 sessions a day)"},
    {"contract_over_day_cap", contract_over_day_cap, MR_ERROR, 40, 3,
     "contracted for 11 sessions a week, but their days and periods allow "
     "at most 10 (5 days, 2 sessions a day)"},
    {"cover_unknown_site", cover_unknown_site, MR_ERROR, 60, 10,
     "unknown site 'hbu' (did you mean 'hub'?)"},
    {"cover_unknown_activity", cover_unknown_activity, MR_ERROR, 60, 20,
     "unknown activity 'clinc' (did you mean 'clinic'?)"},
    {"cover_unknown_period", cover_unknown_period, MR_ERROR, 60, 30,
     "unknown period 'morning'"},
    {"cover_misspelt_specialty", cover_misspelt_specialty, MR_ERROR, 62, 10,
     "unknown skill 'spinl' (did you mean 'spinal'?)"},
    {"cover_unheld_specialty", cover_unheld_specialty, MR_ERROR, 62, 10,
     "unknown skill 'hand' (expected one of: fcp, group, spinal)"},
    {"activity_unheld_skill", activity_unheld_skill, MR_ERROR, 70, 10,
     "unknown skill 'hydrotherapy'"},
    {"type_unknown_activity", type_unknown_activity, MR_ERROR, 72, 10,
     "unknown activity 'clinc' (did you mean 'clinic'?)"},
    {"cover_wrong_kind", cover_wrong_kind, MR_ERROR, 60, 20,
     "activity 'fcp' cannot run at site 'hub': a hub site cannot host it"},
    {"cover_min_zero", cover_min_zero, MR_ERROR, 60, 3,
     "cover min must be at least 1 (found 0)"},
    {"cover_nobody_in_sessions", cover_nobody_in_sessions, MR_WARNING, 62, 3,
     "no one can ever meet this cover entry: nobody eligible for 'clinic' "
     "works at site 'hub' in its sessions"},
    {"cover_no_session", cover_no_session, MR_WARNING, 62, 3,
     "this cover entry applies to no session: site 'hub' is not open"},
    {"cover_no_room", cover_no_room, MR_WARNING, 62, 3,
     "no one can ever meet this cover entry: site 'comm' has no gym room "
     "for 'group'"},
    {"cover_specialty_not_clinic", cover_specialty_not_clinic, MR_WARNING, 62,
     3, "a specialty is carried only by clinic sessions, not 'drop_in'"},
    {"cover_no_specialist", cover_no_specialist, MR_WARNING, 62, 3,
     "nobody eligible for 'clinic' (specialty 'hand') works at site 'hub'"},
    {"admin_only", admin_only, MR_WARNING, 55, 3,
     "person 't001' (t001) can do nothing but admin"},
    {"rules_sessions", rules_sessions, MR_ERROR, 0, 0,
     "rules: max_sessions_per_day must be at least 1 (found 0)"},
    {"rules_share", rules_share, MR_ERROR, 0, 0,
     "rules: specialist_share must be between 0 and 1 (found 1.5)"},
    {"rules_deadline", rules_deadline, MR_ERROR, 0, 0,
     "rules: request_deadline_day must be a day of the month"},
    {"rules_weight", rules_weight, MR_ERROR, 0, 0,
     "weights: fairness must not be negative (found -1)"},
};
#define N_CASES ((int)(sizeof CASES / sizeof CASES[0]))

START_TEST(each_rule_reports_once_at_its_place)
{
    const struct broken *c = &CASES[_i];
    mr_model *m = fxr_service();
    mr_diags d;
    int rc;

    c->brk(m);
    mr_diags_init(&d);
    rc = mr_model_resolve(m, &d);
    ck_assert_msg(d.n == 1 && fxr_has(&d, c->severity, SVC, c->line, c->col,
                                      c->phrase),
                  "%s: expected one %s at %d:%d with \"%s\"; got:\n%s",
                  c->name, c->severity == MR_ERROR ? "error" : "warning",
                  c->line, c->col, c->phrase, fxr_text(&d));
    /* warnings alone do not stop resolution */
    ck_assert_int_eq(rc, c->severity == MR_ERROR ? MR_EINVAL : MR_OK);
    ck_assert_int_eq(m->resolved, c->severity != MR_ERROR);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

/* --- whole models -------------------------------------------------------- */

static mr_model *resolved_ok(mr_model *m)
{
    mr_diags d;
    mr_diags_init(&d);
    ck_assert_msg(mr_model_resolve(m, &d) == MR_OK && d.n == 0, "%s",
                  fxr_text(&d));
    mr_diags_clear(&d);
    return m;
}

START_TEST(valid_service_resolves)
{
    mr_model *m = resolved_ok(fxr_service());
    const mr_staff *c = &m->staff[0], *a = &m->staff[1];

    ck_assert_int_eq(m->resolved, 1);
    ck_assert_int_eq(m->evening, 2);
    /* openings: hub mon-fri am pm eve, sat am; surgery, remote mon-fri */
    ck_assert_uint_eq(m->sites[0].open[0], AM | PM | EVE);
    ck_assert_uint_eq(m->sites[0].open[4], AM | PM | EVE);
    ck_assert_uint_eq(m->sites[0].open[5], AM);
    ck_assert_uint_eq(m->sites[0].open[6], 0);
    ck_assert_uint_eq(m->sites[1].open[2], AM | PM);
    ck_assert_uint_eq(m->sites[2].open[5], 0);
    ck_assert_int_eq(m->sites[1].pcn.index, 0);
    ck_assert_int_eq(m->sites[0].pcn.index, -1);
    /* people: c001 [am, pm] given; a001 the default [am, pm] */
    ck_assert_uint_eq(c->pmask, AM | PM);
    ck_assert_uint_eq(a->pmask, AM | PM);
    ck_assert_int_eq(c->home_site.index, 0);
    ck_assert_int_eq(c->sites.items[2].index, 2);
    ck_assert(c->may_work[0] && c->may_work[1] && c->may_work[2]);
    ck_assert(a->may_work[0] && !a->may_work[1] && !a->may_work[2]);
    /* skills: held ones first, in order met */
    ck_assert_int_eq(m->n_skills, 3);
    ck_assert_str_eq(m->skills[0], "fcp");
    ck_assert_str_eq(m->skills[1], "group");
    ck_assert_str_eq(m->skills[2], "spinal");
    ck_assert_int_eq(c->skills.items[1].index, 1);
    ck_assert_int_eq(c->specialism.index, 2);
    ck_assert_int_eq(a->specialism.index, -1);
    ck_assert_int_eq(m->activities[mr_find_activity(m, "group")].skill.index, 1);
    ck_assert_int_eq(m->activities[mr_find_activity(m, "fcp")].skill.index, 0);
    ck_assert(mr_eligible(m, 0, mr_find_activity(m, "fcp"), 1));
    ck_assert(!mr_eligible(m, 1, mr_find_activity(m, "ea"), 1));
    ck_assert_int_eq(m->appt_types[0].activities.items[0].index,
                     mr_find_activity(m, "clinic"));
    /* cover */
    ck_assert_int_eq(m->cover[1].site.index, 2);
    ck_assert_int_eq(m->cover[1].activity.index, mr_find_activity(m, "triage"));
    ck_assert_uint_eq(m->cover[1].pmask, AM | PM);
    ck_assert_int_eq(m->cover[0].specialty.index, -1);
    /* closed: 25, 26, 28 December; 1 January is outside and fine */
    ck_assert_ptr_nonnull(m->closed);
    for (int k = 0; k < 31; k++)
        ck_assert_int_eq(m->closed[k], k == 24 || k == 25 || k == 27);
    mr_model_free(m);
}
END_TEST

START_TEST(default_periods_are_am_pm_else_every_period)
{
    mr_model *m = fxr_new();
    int s = fxr_site(m, "hub", MR_SITE_HUB, 10);
    fxr_period(m, "early", "07:00", "11:00", 3);
    fxr_period(m, "late", "11:00", "15:00", 4);
    fxr_period(m, "pm", "15:00", "19:00", 5);
    fxr_open(m, s, MR_MON_FRI, "early,late,pm", 11);
    fxr_room(m, s, "t1", "treatment", 12);
    int p = fxr_staff(m, "p1", MR_ROLE_PHYSIO, 5, 20);
    fxr_staff_home(m, p, "hub", 21);
    resolved_ok(m);
    ck_assert_uint_eq(m->staff[p].pmask, 0x4u);       /* pm alone */
    ck_assert_int_eq(m->evening, -1);
    mr_model_free(m);

    m = fxr_new();
    s = fxr_site(m, "hub", MR_SITE_HUB, 10);
    fxr_period(m, "early", "07:00", "11:00", 3);
    fxr_period(m, "late", "11:00", "15:00", 4);
    fxr_open(m, s, MR_MON_FRI, "early,late", 11);
    fxr_room(m, s, "t1", "treatment", 12);
    p = fxr_staff(m, "p1", MR_ROLE_PHYSIO, 5, 20);
    fxr_staff_home(m, p, "hub", 21);
    resolved_ok(m);
    ck_assert_uint_eq(m->staff[p].pmask, 0x3u);       /* no am/pm: all */
    mr_model_free(m);
}
END_TEST

START_TEST(default_skills_need_no_holder)
{
    /* Nobody holds fcp or group: the default catalogue still resolves, the
     * skills get indices, and nobody is eligible for them. An ea adviser
     * with a skill is fine. */
    mr_model *m = fxr_service();
    mr_ref_list_clear(&m->staff[0].skills);
    fxr_staff_skills(m, 1, "fit_note", 52);
    resolved_ok(m);
    int fcp = mr_find_activity(m, "fcp");
    ck_assert_int_ge(m->activities[fcp].skill.index, 2);
    ck_assert_str_eq(m->skills[m->activities[fcp].skill.index], "fcp");
    ck_assert(!mr_eligible(m, 0, fcp, 1));
    mr_model_free(m);
}
END_TEST

START_TEST(override_of_a_default_is_no_duplicate)
{
    /* A reader that appends service.yaml's "clinic" after the default:
     * the written one takes the default's place. */
    mr_model *m = fxr_service();
    int n = m->n_activities, clinic = mr_find_activity(m, "clinic");
    add_activity(m, "clinic", NULL, 70);
    resolved_ok(m);
    ck_assert_int_eq(m->n_activities, n);
    ck_assert_int_eq(mr_find_activity(m, "clinic"), clinic);
    ck_assert_int_eq(m->activities[clinic].loc.line, 70);
    ck_assert_uint_eq(m->activities[clinic].roles, 1u << MR_ROLE_PHYSIO);
    mr_model_free(m);
}
END_TEST

START_TEST(several_problems_all_reported)
{
    mr_model *m = fxr_service();
    mr_diags d;
    unknown_staff_site(m);
    dup_pcn(m);
    periods_overlap(m);
    cover_min_zero(m);
    admin_only(m);
    mr_diags_init(&d);
    ck_assert_int_eq(mr_model_resolve(m, &d), MR_EINVAL);
    ck_assert_msg(d.n == 5, "%s", fxr_text(&d));
    ck_assert_int_eq(d.n_errors, 4);
    ck_assert(fxr_has(&d, MR_ERROR, SVC, 42, 20, "unknown site 'surgry'"));
    ck_assert(fxr_has(&d, MR_ERROR, SVC, 31, 3, "duplicate pcn id"));
    ck_assert(fxr_has(&d, MR_ERROR, SVC, 4, 3, "overlaps period 'am'"));
    ck_assert(fxr_has(&d, MR_ERROR, SVC, 60, 3, "cover min"));
    ck_assert(fxr_has(&d, MR_WARNING, SVC, 55, 3, "nothing but admin"));
    ck_assert_int_eq(m->resolved, 0);
    mr_diags_clear(&d);
    mr_model_free(m);
}
END_TEST

START_TEST(resolving_twice_gives_the_same)
{
    mr_model *m = resolved_ok(resolved_ok(fxr_service()));
    ck_assert_int_eq(m->n_skills, 3);
    ck_assert_uint_eq(m->staff[0].pmask, AM | PM);
    ck_assert(m->staff[1].may_work[0] && !m->staff[1].may_work[2]);
    mr_model_free(m);
}
END_TEST

/* Every allocation of a resolution, failed in turn: MR_ENOMEM each time,
 * never a crash; leaks show under the sanitizer build. */
static void sweep(void (*brk)(mr_model *))
{
    mr_model *m = fxr_service();
    mr_diags d;
    long n;

    if (brk)
        brk(m);
    mr_diags_init(&d);
    mr_alloc_fail_at(0);
    mr_model_resolve(m, &d);
    n = mr_alloc_fail_at(0);
    mr_diags_clear(&d);
    mr_model_free(m);
    ck_assert_int_gt(n, 0);
    for (long k = 1; k <= n; k++) {
        int rc;
        m = fxr_service();
        if (brk)
            brk(m);
        mr_diags_init(&d);
        mr_alloc_fail_at(k);
        rc = mr_model_resolve(m, &d);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_ENOMEM, "allocation %ld of %ld: %d", k, n, rc);
        ck_assert_int_eq(m->resolved, 0);
        mr_diags_clear(&d);
        mr_model_free(m);
    }
}

START_TEST(allocation_failures_give_enomem)
{
    sweep(NULL);
    sweep(unknown_staff_site);
    sweep(cover_nobody_in_sessions);
}
END_TEST

Suite *suite_resolve(void)
{
    Suite *s = suite_create("resolve");
    TCase *t = tcase_create("rules");
    tcase_add_loop_test(t, each_rule_reports_once_at_its_place, 0, N_CASES);
    suite_add_tcase(s, t);
    t = tcase_create("models");
    tcase_add_test(t, valid_service_resolves);
    tcase_add_test(t, default_periods_are_am_pm_else_every_period);
    tcase_add_test(t, default_skills_need_no_holder);
    tcase_add_test(t, override_of_a_default_is_no_duplicate);
    tcase_add_test(t, several_problems_all_reported);
    tcase_add_test(t, resolving_twice_gives_the_same);
    tcase_add_test(t, allocation_failures_give_enomem);
    suite_add_tcase(s, t);
    return s;
}
