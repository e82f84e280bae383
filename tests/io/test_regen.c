/* Regenerating a published month (solver/regen.h, io/cli_regen.c): the
 * change list on a hand-built case, rooms kept, and on the example: a
 * published month, three days of sickness, and a regeneration that keeps
 * the past, passes the verifier and changes far less than a fresh solve. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli_run.h"
#include "date.h"
#include "derive.h"
#include "fixture.h"
#include "load.h"
#include "regen.h"
#include "roster_load.h"
#include "slots.h"
#include "solve.h"
#include "store.h"
#include "suites.h"
#include "verify.h"

#define FROM "2026-12-15"

/* --- hand-built: the diff and the rooms -------------------------------- */

typedef struct tiny {
    mr_model *m;
    int hub, remote, t1, t2, t3, clinic, triage, s1, s2, s3;
} tiny;

static void tiny_model(tiny *t)
{
    t->m = fx_month();
    t->hub = fx_site(t->m, "hub", MR_SITE_HUB, MR_MON_FRI, 3u);
    t->t1 = fx_room(t->m, "t1", "treatment");
    t->t2 = fx_room(t->m, "t2", "treatment");
    t->t3 = fx_room(t->m, "t3", "treatment");
    t->remote = fx_site(t->m, "remote", MR_SITE_REMOTE, MR_MON_FRI, 3u);
    t->s1 = fx_staff(t->m, "s1", MR_ROLE_PHYSIO, 10, MR_MON_FRI, 3u);
    t->s2 = fx_staff(t->m, "s2", MR_ROLE_PHYSIO, 10, MR_MON_FRI, 3u);
    t->s3 = fx_staff(t->m, "s3", MR_ROLE_PHYSIO, 10, MR_MON_FRI, 3u);
    t->clinic = mr_find_activity(t->m, "clinic");
    t->triage = mr_find_activity(t->m, "triage");
}

static void add(mr_solution *s, int staff, int day, int period, int act,
                int site, int room)
{
    mr_assignment a = {staff, fx_dec(day), period, act, site, room, -1};
    ck_assert_int_eq(mr_solution_add(s, &a), MR_OK);
}

/* The warnings in w whose message contains text. */
static int count_with(const mr_diags *w, const char *text)
{
    int n = 0;
    for (int i = 0; i < w->n; i++)
        n += strstr(w->items[i].message, text) != NULL;
    return n;
}

START_TEST(diff_lists_each_changed_person_session)
{
    tiny t;
    mr_solution *pub, *now;
    mr_change *ch = NULL;
    char buf[300];
    int n;

    tiny_model(&t);
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    ck_assert_int_eq(mr_solution_new(&now), MR_OK);
    add(pub, t.s1, 15, 0, t.clinic, t.hub, t.t2);
    add(pub, t.s2, 15, 0, t.clinic, t.hub, t.t1);
    add(pub, t.s1, 16, 0, t.clinic, t.hub, t.t1);
    add(pub, t.s3, 17, 1, t.clinic, t.hub, t.t3);
    /* s1 15 am moves; s2 15 am stays; s1 16 am changes room only; s2 16 pm
     * appears; s3 17 pm disappears. */
    add(now, t.s2, 15, 0, t.clinic, t.hub, t.t1);
    add(now, t.s1, 15, 0, t.triage, t.remote, -1);
    add(now, t.s2, 16, 1, t.clinic, t.hub, t.t1);
    add(now, t.s1, 16, 0, t.clinic, t.hub, t.t2);
    ck_assert_int_eq(mr_regen_diff(t.m, pub, now, &ch, &n), MR_OK);
    ck_assert_int_eq(n, 4);
    ck_assert_str_eq(mr_change_format(t.m, pub, now, &ch[0], buf, sizeof buf),
                     "s1 Tue 15 Dec am: clinic at hub (t2) -> triage at remote");
    ck_assert_str_eq(mr_change_format(t.m, pub, now, &ch[1], buf, sizeof buf),
                     "s1 Wed 16 Dec am: clinic at hub (t1) -> clinic at hub (t2)");
    ck_assert_str_eq(mr_change_format(t.m, pub, now, &ch[2], buf, sizeof buf),
                     "s2 Wed 16 Dec pm: off -> clinic at hub (t1)");
    ck_assert_str_eq(mr_change_format(t.m, pub, now, &ch[3], buf, sizeof buf),
                     "s3 Thu 17 Dec pm: clinic at hub (t3) -> off");
    mr_free(ch);
    /* A roster against itself has no changes. */
    ck_assert_int_eq(mr_regen_diff(t.m, pub, pub, &ch, &n), MR_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_ptr_null(ch);
    mr_solution_free(pub);
    mr_solution_free(now);
    mr_model_free(t.m);
}
END_TEST

START_TEST(rooms_keep_the_published_room)
{
    tiny t;
    mr_solution *pub, *now;

    tiny_model(&t);
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    ck_assert_int_eq(mr_solution_new(&now), MR_OK);
    /* Published: s1 in t3, s2 in t1, the reverse of room order. */
    add(pub, t.s1, 17, 0, t.clinic, t.hub, t.t3);
    add(pub, t.s2, 17, 0, t.clinic, t.hub, t.t1);
    add(now, t.s3, 17, 0, t.clinic, t.hub, -1);     /* new: takes t2 */
    add(now, t.s1, 17, 0, t.clinic, t.hub, -1);
    add(now, t.s2, 17, 0, t.clinic, t.hub, -1);
    ck_assert_int_eq(mr_regen_rooms(t.m, pub, now), MR_OK);
    ck_assert_int_eq(now->assign[1].room, t.t3);
    ck_assert_int_eq(now->assign[2].room, t.t1);
    ck_assert_int_eq(now->assign[0].room, t.t2);
    /* A room no longer free is given up for a complete matching: four
     * people, three rooms, is no matching at all. */
    add(now, t.s3, 17, 0, t.clinic, t.hub, -1);
    ck_assert_int_eq(mr_regen_rooms(t.m, pub, now), MR_EINFEASIBLE);
    mr_solution_free(pub);
    mr_solution_free(now);
    mr_model_free(t.m);
}
END_TEST

START_TEST(past_absence_gives_way_to_published_days)
{
    tiny t;
    mr_solution *pub;
    mr_diags w;

    tiny_model(&t);
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    add(pub, t.s1, 14, 0, t.clinic, t.hub, t.t1);    /* Monday */
    fx_leave(t.m, t.s1, 11, 16);                      /* Fri 11 - Wed 16 */
    mr_diags_init(&w);
    ck_assert_int_eq(mr_regen_keep_past(t.m, pub, fx_dec(15), &w), MR_OK);
    /* (the others, published nowhere, also get warnings: their past
     * weeks are due the nothing they worked, past_decides_...) */
    ck_assert_int_eq(count_with(&w, "past cannot change"), 1);
    ck_assert_int_eq(count_with(&w, "2026-12-14 is before"), 1);
    /* The 14th is no longer absence; the days around it still are. */
    ck_assert(!mr_on_leave(t.m, t.s1, fx_dec(14)));
    ck_assert(mr_on_leave(t.m, t.s1, fx_dec(11)));
    ck_assert(mr_on_leave(t.m, t.s1, fx_dec(15)));
    ck_assert(mr_on_leave(t.m, t.s1, fx_dec(16)));
    mr_diags_clear(&w);
    mr_solution_free(pub);
    mr_model_free(t.m);
}
END_TEST

/* A part-timer (4 sessions a week) who worked Monday and is sick from
 * Tuesday to Friday: H4's pro rata share would ask 1 session of that
 * week, the past holds 2 and nothing is left to work. Regenerating from
 * Tuesday must keep the 2 (before, no roster could: generated M seed 1). */
START_TEST(past_decides_the_week_it_fills)
{
    tiny t;
    mr_solution *pub;
    mr_diags w;
    int pt, wk, next;

    tiny_model(&t);
    pt = fx_staff(t.m, "pt", MR_ROLE_PHYSIO, 4, MR_MON_FRI, 3u);
    wk = mr_week_of(t.m, fx_dec(14));
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    add(pub, pt, 14, 0, t.clinic, t.hub, t.t1);       /* Monday am, pm */
    add(pub, pt, 14, 1, t.clinic, t.hub, t.t1);
    fx_leave(t.m, pt, 15, 18);
    ck_assert_int_eq(mr_due(t.m, pt, wk), 1);
    next = mr_due(t.m, pt, wk + 1);               /* 3: 25 Dec is closed */
    mr_diags_init(&w);
    ck_assert_int_eq(mr_regen_keep_past(t.m, pub, fx_dec(15), &w), MR_OK);
    ck_assert_int_eq(count_with(&w, "pt: the week of 2026-12-14"), 1);
    ck_assert_int_eq(count_with(&w, "the week is due 2"), 1);
    ck_assert_int_eq(mr_due(t.m, pt, wk), 2);
    /* Later weeks keep H4's count. */
    ck_assert_int_eq(mr_due(t.m, pt, wk + 1), next);
    mr_diags_clear(&w);
    mr_solution_free(pub);
    mr_model_free(t.m);
}
END_TEST

/* The same part-timer, with nothing published that week: regenerating
 * from Monday fixes nothing (due 1, Monday free to work); from Tuesday the
 * past holds 0 sessions and no day is left to work, so the week is due 0
 * (H4's share would still ask 1). */
START_TEST(past_with_nothing_left_is_due_what_was_worked)
{
    tiny t;
    mr_solution *pub;
    mr_diags w;
    int pt, wk;

    tiny_model(&t);
    pt = fx_staff(t.m, "pt", MR_ROLE_PHYSIO, 4, MR_MON_FRI, 3u);
    wk = mr_week_of(t.m, fx_dec(14));
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    fx_leave(t.m, pt, 15, 18);
    mr_diags_init(&w);
    ck_assert_int_eq(mr_regen_keep_past(t.m, pub, fx_dec(14), &w), MR_OK);
    ck_assert_int_eq(count_with(&w, "pt: the week of 2026-12-14"), 0);
    ck_assert_int_eq(mr_due(t.m, pt, wk), 1);
    ck_assert_int_eq(mr_regen_keep_past(t.m, pub, fx_dec(15), &w), MR_OK);
    ck_assert_int_eq(count_with(&w, "pt: the week of 2026-12-14"), 1);
    ck_assert_int_eq(mr_due(t.m, pt, wk), 0);
    mr_diags_clear(&w);
    mr_solution_free(pub);
    mr_model_free(t.m);
}
END_TEST

/* --- the example through the library ----------------------------------- */

static mr_model *load_example(const char *dir)
{
    mr_model *m = NULL;
    mr_diags d;
    mr_diags_init(&d);
    ck_assert_int_eq(mr_load(dir, "2026-12", &m, &d), MR_OK);
    mr_diags_clear(&d);
    return m;
}

START_TEST(unchanged_inputs_regenerate_without_changes)
{
    char dir[4200];
    mr_model *m;
    mr_solution *pub, *now;
    mr_solve_opts o;
    mr_regen_info info;
    int from;

    snprintf(dir, sizeof dir, "%s/data/example", getenv("MR_SOURCE_ROOT"));
    m = load_example(dir);
    mr_solve_opts_init(&o);
    o.time_limit = 10;
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    ck_assert_int_eq(mr_solution_new(&now), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, pub), MR_OK);
    ck_assert_int_gt(pub->n_assign, 0);
    ck_assert_int_eq(mr_date_parse(FROM, &from), 0);
    ck_assert_int_eq(mr_regen_solve(m, pub, from, &o, now, &info), MR_OK);
    /* The published roster is itself a best answer to stages 1 and 2. */
    ck_assert_int_eq(info.changes, 0);
    ck_assert_int_eq(info.moves_bound, 0);
    ck_assert_int_eq(now->changes, 0);
    ck_assert_int_eq(now->n_assign, pub->n_assign);
    mr_solution_free(pub);
    mr_solution_free(now);
    mr_model_free(m);
}
END_TEST

/* --- the example through the command line ------------------------------ */

typedef struct rows {
    char  *text;
    size_t len, cap;
    const char *before;          /* keep rows dated before this (or all) */
} rows;

static int keep_row(void *user, const char *const *cells, int n)
{
    rows *r = user;
    if (r->before != NULL && strcmp(cells[0], r->before) >= 0)
        return MR_OK;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(cells[i]);
        if (r->len + k + 2 > r->cap) {
            r->cap = (r->cap + k + 2) * 2;
            r->text = realloc(r->text, r->cap);
            ck_assert_ptr_nonnull(r->text);
        }
        memcpy(r->text + r->len, cells[i], k);
        r->len += k;
        r->text[r->len++] = i + 1 < n ? ',' : '\n';
    }
    if (r->text != NULL)
        r->text[r->len] = '\0';
    return MR_OK;
}

/* The roster rows of a version dated before `before` (NULL: all). */
static char *roster_text(mr_store *st, int version, const char *before)
{
    rows r = {NULL, 0, 0, before};
    ck_assert_int_eq(mr_store_roster_rows(st, "2026-12", version, keep_row,
                                          &r), MR_OK);
    return r.text != NULL ? r.text : strdup("");
}

static mr_store *open_db(const char *dir)
{
    char path[4200];
    mr_store *st = NULL;
    snprintf(path, sizeof path, "%s/mskrota.db", dir);
    ck_assert_int_eq(mr_store_open(path, &st), MR_OK);
    return st;
}

/* Changes of version b against version a, as regenerate counts them. */
static int changes_between(mr_store *st, const mr_model *m, int a, int b,
                           int *n_a, int *n_b)
{
    mr_solution *sa, *sb;
    mr_change *ch = NULL;
    int n;
    ck_assert_int_eq(mr_solution_new(&sa), MR_OK);
    ck_assert_int_eq(mr_solution_new(&sb), MR_OK);
    ck_assert_int_eq(mr_roster_from_store(st, m, "2026-12", a, sa, NULL,
                                          NULL), MR_OK);
    ck_assert_int_eq(mr_roster_from_store(st, m, "2026-12", b, sb, NULL,
                                          NULL), MR_OK);
    ck_assert_int_eq(mr_regen_diff(m, sa, sb, &ch, &n), MR_OK);
    if (n_a != NULL)
        *n_a = sa->n_assign;
    if (n_b != NULL)
        *n_b = sb->n_assign;
    mr_free(ch);
    mr_solution_free(sa);
    mr_solution_free(sb);
    return n;
}

/* Published sessions of a person between two dates (inclusive). */
static int sessions_of(mr_store *st, const mr_model *m, int version,
                       const char *who, int d1, int d2)
{
    mr_solution *s;
    int n = 0, p = mr_find_staff(m, who);
    ck_assert_int_eq(mr_solution_new(&s), MR_OK);
    ck_assert_int_eq(mr_roster_from_store(st, m, "2026-12", version, s, NULL,
                                          NULL), MR_OK);
    for (int i = 0; i < s->n_assign; i++)
        n += s->assign[i].staff == p && s->assign[i].date >= d1
             && s->assign[i].date <= d2;
    mr_solution_free(s);
    return n;
}

START_TEST(regenerate_after_sickness_changes_little)
{
    char *dir = ct_copy_example();
    mr_store *st;
    mr_store_run run;
    mr_model *m;
    mr_solution *sol;
    char *past1, *past2;
    int n, lost, fresh, n_pub, n_new, from;

    ck_assert_int_eq(mr_date_parse(FROM, &from), 0);
    ck_assert_int_eq(ct_run("solve %s --month 2026-12 --time-limit 10 "
                            "--quiet", dir), 0);
    /* Nothing published yet: regenerate refuses, saying why. */
    ck_assert_int_eq(ct_run("regenerate %s --month 2026-12 --from " FROM
                            " --time-limit 10", dir), 65);
    ck_assert_ptr_nonnull(strstr(ct_out, "no published version"));
    ck_assert_int_eq(ct_run("publish --month 2026-12 --db %s/mskrota.db",
                            dir), 0);
    /* s004 (10 sessions a week, mon-fri) is off sick Tue 15 - Thu 17. */
    ct_write(dir, "months/2026-12/absence.yaml", "absence:\n"
             "  - {staff: s004, from: 2026-12-15, to: 2026-12-17, "
             "reason: sickness}\n");
    ck_assert_int_eq(ct_run("regenerate %s --month 2026-12 --from " FROM
                            " --time-limit 10 --json", dir), 0);
    n = (int)ct_json_int(ct_out, "changes");
    ck_assert_int_eq(ct_json_int(ct_out, "version"), 2);
    ck_assert_ptr_nonnull(strstr(ct_out, "\"change_list\": ["));
    ck_assert_ptr_nonnull(strstr(ct_out, "s004 Tue 15 Dec am: "));

    m = load_example(dir);                 /* with the absence */
    st = open_db(dir);
    /* Stored as an unpublished regeneration with its count. */
    ck_assert_int_eq(mr_store_run_get(st, "2026-12", 2, &run), MR_OK);
    ck_assert_str_eq(run.kind, "regenerate");
    ck_assert_int_eq(run.changes, n);
    ck_assert_int_eq(run.published, 0);
    mr_store_run_clear(&run);
    /* Nothing before the date changed, to the last cell. */
    past1 = roster_text(st, 1, FROM);
    past2 = roster_text(st, 2, FROM);
    ck_assert_int_gt(strlen(past1), 1000);
    ck_assert_str_eq(past1, past2);
    /* The stored roster passes the verifier on today's inputs. */
    ck_assert_int_eq(mr_solution_new(&sol), MR_OK);
    ck_assert_int_eq(mr_roster_from_store(st, m, "2026-12", 2, sol, NULL,
                                          NULL), MR_OK);
    ck_assert_int_eq(mr_appointments(m, sol), MR_OK);
    ck_assert_int_eq(mr_verify(m, sol, NULL), 0);
    mr_solution_free(sol);
    /* Each of s004's lost sessions is a change; re-covering one needs at
     * most one more (someone moves in). */
    lost = sessions_of(st, m, 1, "s004", from, from + 2);
    ck_assert_int_eq(lost, 6);
    ck_assert_int_eq(changes_between(st, m, 1, 2, &n_pub, &n_new), n);
    ck_assert_int_ge(n, lost);
    ck_assert_int_le(n, 2 * lost);
    ck_assert_int_eq(n_new, n_pub - lost);
    /* A fresh solve of the same inputs moves far more. */
    ck_assert_int_eq(ct_run("solve %s --month 2026-12 --time-limit 10 "
                            "--quiet", dir), 0);
    fresh = changes_between(st, m, 1, 3, NULL, NULL);
    ck_assert_msg(2 * n < fresh, "regenerate %d changes, fresh solve %d",
                  n, fresh);
    free(past1);
    free(past2);
    mr_store_close(st);
    mr_model_free(m);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

/* The large models' stages (forced on the example): the last stage
 * searches instead of running GLPK's branch-and-cut; the roster keeps the
 * past, passes the verifier and moves little. */
START_TEST(large_path_regenerates_after_sickness)
{
    char *dir = ct_copy_example();
    mr_model *m = load_example(dir);
    mr_solve_opts o;
    mr_solution *pub, *now;
    mr_regen_info info;
    mr_diags w;
    int from, s4, lost = 0, past_pub = 0, past_now = 0;

    ck_assert_int_eq(mr_date_parse(FROM, &from), 0);
    mr_solve_opts_init(&o);
    o.time_limit = 5;
    ck_assert_int_eq(mr_solution_new(&pub), MR_OK);
    ck_assert_int_eq(mr_solution_new(&now), MR_OK);
    ck_assert_int_eq(mr_solve_month(m, &o, pub), MR_OK);
    ck_assert_int_gt(pub->n_assign, 0);
    s4 = mr_find_staff(m, "s004");
    ck_assert_int_ge(s4, 0);
    fx_leave(m, s4, 15, 17);
    for (int i = 0; i < pub->n_assign; i++) {
        const mr_assignment *a = &pub->assign[i];
        lost += a->staff == s4 && a->date >= from && a->date <= from + 2;
        past_pub += a->date < from;
    }
    ck_assert_int_gt(lost, 0);
    mr_diags_init(&w);
    ck_assert_int_eq(mr_regen_keep_past(m, pub, from, &w), MR_OK);
    o.small_up_to = 1;
    ck_assert_int_eq(mr_regen_solve(m, pub, from, &o, now, &info), MR_OK);
    ck_assert_int_ne(now->outcome, MR_OUT_INFEASIBLE);
    ck_assert_int_gt(now->n_assign, 0);
    ck_assert_int_eq(mr_appointments(m, now), MR_OK);
    ck_assert_int_eq(mr_verify(m, now, NULL), 0);
    /* every published assignment before the date is there unchanged */
    for (int i = 0; i < now->n_assign; i++) {
        const mr_assignment *a = &now->assign[i];
        int kept = 0;
        if (a->date >= from)
            continue;
        past_now++;
        for (int k = 0; k < pub->n_assign && !kept; k++) {
            const mr_assignment *b = &pub->assign[k];
            kept = b->staff == a->staff && b->date == a->date
                   && b->period == a->period && b->activity == a->activity
                   && b->site == a->site;
        }
        ck_assert(kept);
    }
    ck_assert_int_eq(past_now, past_pub);
    ck_assert_int_ge(info.moves, lost);
    ck_assert_int_le(info.moves, 2 * lost);
    mr_diags_clear(&w);
    mr_solution_free(pub);
    mr_solution_free(now);
    mr_model_free(m);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(absence_before_the_date_keeps_the_past)
{
    char *dir = ct_copy_example();
    mr_store *st;
    char *past1, *past2;

    ck_assert_int_eq(ct_run("solve %s --month 2026-12 --time-limit 10 "
                            "--quiet", dir), 0);
    ck_assert_int_eq(ct_run("publish --month 2026-12 --db %s/mskrota.db",
                            dir), 0);
    /* Entered late: from Thu 10, five days before the regeneration. */
    ct_write(dir, "months/2026-12/absence.yaml", "absence:\n"
             "  - {staff: s004, from: 2026-12-10, to: 2026-12-16, "
             "reason: sickness}\n");
    ck_assert_int_eq(ct_run("regenerate %s --month 2026-12 --from " FROM
                            " --time-limit 10", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "warning: s004 is absent"));
    ck_assert_ptr_nonnull(strstr(ct_out, "the past cannot change"));
    ck_assert_ptr_nonnull(strstr(ct_out, "proven bound"));
    st = open_db(dir);
    past1 = roster_text(st, 1, FROM);
    past2 = roster_text(st, 2, FROM);
    ck_assert_str_eq(past1, past2);
    free(past1);
    free(past2);
    mr_store_close(st);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(regenerate_usage_errors)
{
    ck_assert_int_eq(ct_run("regenerate /x --month 2026-12"), 64);
    ck_assert_ptr_nonnull(strstr(ct_out, "--from"));
    ck_assert_int_eq(ct_run("regenerate /x --month 2026-12 --from "
                            "2027-01-04"), 64);
    ck_assert_int_eq(ct_run("regenerate /x --month 2026-12 --from "
                            "2026-12-40"), 64);
}
END_TEST

Suite *suite_regen(void)
{
    Suite *s = suite_create("regen");
    TCase *tc = tcase_create("regen");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, diff_lists_each_changed_person_session);
    tcase_add_test(tc, rooms_keep_the_published_room);
    tcase_add_test(tc, past_absence_gives_way_to_published_days);
    tcase_add_test(tc, past_decides_the_week_it_fills);
    tcase_add_test(tc, past_with_nothing_left_is_due_what_was_worked);
    tcase_add_test(tc, unchanged_inputs_regenerate_without_changes);
    tcase_add_test(tc, regenerate_after_sickness_changes_little);
    tcase_add_test(tc, absence_before_the_date_keeps_the_past);
    tcase_add_test(tc, large_path_regenerates_after_sickness);
    tcase_add_test(tc, regenerate_usage_errors);
    suite_add_tcase(s, tc);
    return s;
}
