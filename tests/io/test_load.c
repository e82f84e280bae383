/* Tests of io/load.c and the readers behind it (yaml_service.c,
 * yaml_month.c, referrals.c): the example service read raw, and one broken
 * input per check, each asserting the exact file:line:column of its
 * diagnostic and that nothing else is reported. Inputs are written to a
 * temporary directory. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "date.h"
#include "load.h"
#include "suites.h"

/* A small valid service. The five %s are slots where a case adds lines:
 * periods, sites, PCNs, staff, and new top-level keys. */
#define BASE_FMT                                                       \
    "service: {name: T, timezone: Europe/London}\n"                    \
    "periods:\n"                                                       \
    "  - {id: am, start: \"08:30\", end: \"12:30\"}\n"                 \
    "  - {id: pm, start: \"13:00\", end: \"17:00\"}\n"                 \
    "%s"                                                               \
    "sites:\n"                                                         \
    "  - {id: hub, kind: hub, open: {mon-fri: [am, pm]}, rooms: [{id: t1, kind: treatment}]}\n" \
    "%s"                                                               \
    "pcns:\n"                                                          \
    "  - {id: p1, fcp_sessions_per_week: 2}\n"                         \
    "%s"                                                               \
    "staff:\n"                                                         \
    "  - {id: s1, role: physio, sessions_per_week: 10, home_site: hub}\n" \
    "  - {id: s2, role: ea, sessions_per_week: 5, home_site: hub}\n"   \
    "%s%s"

/* One broken input: the file it goes to (service.yaml: into slot 1..5 of
 * the base, or the whole file when slot is 0; other files beside the base
 * service), the diagnostic expected (a prefix of the formatted message)
 * and the number of errors. The places were worked out by hand (a marker
 * in the source of the table). */
typedef struct t_row {
    const char *name, *path;
    int         slot;
    const char *text, *expect;
    int         n_errors;
} t_row;

#include "data/io_broken_inputs.h"

static char *tmp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *p = malloc(512);
    ck_assert_ptr_nonnull(p);
    snprintf(p, 512, "%s/mr_io_XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(p));
    return p;
}

/* Writes root/rel (creating its directories) with len bytes of text. */
static void put_n(const char *root, const char *rel, const char *text,
                  size_t len)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')) != NULL;
         s++) {
        *s = 0;
        mkdir(path, 0777);
        *s = '/';
    }
    ck_assert_ptr_nonnull(f = fopen(path, "wb"));
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

static void put(const char *root, const char *rel, const char *text)
{
    put_n(root, rel, text, strlen(text));
}

static void put_base(const char *root)
{
    char svc[2048];
    snprintf(svc, sizeof svc, BASE_FMT, "", "", "", "", "");
    put(root, "service.yaml", svc);
}

static void rm_rf(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    if (d != NULL) {
        while ((e = readdir(d)) != NULL) {
            char sub[1024];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            rm_rf(sub);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static const char *dump(const mr_diags *d)
{
    static char out[16384];
    size_t k = 0;
    out[0] = 0;
    for (int i = 0; i < d->n && k < sizeof out - 1; i++) {
        mr_diag_format(&d->items[i], out + k, (int)(sizeof out - k));
        k += strlen(out + k);
        if (k < sizeof out - 1)
            out[k++] = '\n', out[k] = 0;
    }
    return out;
}

static int has(const mr_diags *d, const char *prefix)
{
    char buf[1200];
    for (int i = 0; i < d->n; i++) {
        mr_diag_format(&d->items[i], buf, sizeof buf);
        if (strncmp(buf, prefix, strlen(prefix)) == 0)
            return 1;
    }
    return 0;
}

#define EXPECT(d, prefix) \
    ck_assert_msg(has(&(d), prefix), "no '%s' in:\n%s", prefix, dump(&(d)))

/* A loaded directory and its diagnostics. */
typedef struct t_load {
    char     *dir;
    mr_model *m;
    mr_diags  d;
    int       rc;
} t_load;

static void load(t_load *t, const char *month)
{
    mr_diags_init(&t->d);
    t->m = NULL;
    t->rc = mr_load_raw(t->dir, month, &t->m, &t->d);
}

static void done(t_load *t)
{
    mr_model_free(t->m);
    mr_diags_clear(&t->d);
    if (t->dir != NULL && strncmp(t->dir, "/", 1) == 0
        && strstr(t->dir, "mr_io_") != NULL) {
        rm_rf(t->dir);
        free(t->dir);
    }
}

static char *example_dir(void)
{
    const char *root = getenv("MR_SOURCE_ROOT");
    char *p = malloc(1024);
    ck_assert_ptr_nonnull(p);
    snprintf(p, 1024, "%s/../shared/spec/example", root ? root : ".");
    return p;
}

static int dec(int d)
{
    return mr_days_from_civil(2026, 12, d);
}

START_TEST(broken_input_reported_at_its_place)
{
    const t_row *r = &ROWS[_i];
    t_load t;
    char svc[4096];

    t.dir = tmp_dir();
    if (strcmp(r->path, "service.yaml") == 0 && r->slot == 0) {
        put(t.dir, "service.yaml", r->text);
    } else if (strcmp(r->path, "service.yaml") == 0) {
        const char *s[5] = {"", "", "", "", ""};
        s[r->slot - 1] = r->text;
        snprintf(svc, sizeof svc, BASE_FMT, s[0], s[1], s[2], s[3], s[4]);
        put(t.dir, "service.yaml", svc);
    } else {
        put_base(t.dir);
        put(t.dir, r->path, r->text);
    }
    load(&t, "2026-12");
    ck_assert_msg(t.rc == MR_EINVAL, "%s: status %d", r->name, t.rc);
    ck_assert_msg(has(&t.d, r->expect), "%s: no '%s' in:\n%s", r->name,
                  r->expect, dump(&t.d));
    ck_assert_msg(t.d.n_errors == r->n_errors, "%s: %d errors, not %d:\n%s",
                  r->name, t.d.n_errors, r->n_errors, dump(&t.d));
    done(&t);
}
END_TEST

START_TEST(base_service_is_clean_with_defaults)
{
    t_load t;
    const mr_staff *s;
    t.dir = tmp_dir();
    put_base(t.dir);
    load(&t, NULL);
    ck_assert_msg(t.rc == MR_OK && t.d.n == 0, "%s", dump(&t.d));
    ck_assert_int_eq(t.m->n_staff, 2);
    s = &t.m->staff[0];
    ck_assert_str_eq(s->name, "s1");                 /* name defaults to id */
    ck_assert_uint_eq(s->days, MR_MON_FRI);
    ck_assert_int_eq(s->periods_given, 0);
    ck_assert_int_eq(s->periods.n_items, 0);
    ck_assert_int_eq(s->max_evenings, 0);
    ck_assert_ptr_null(s->specialism.id);
    ck_assert_str_eq(s->home_site.id, "hub");
    ck_assert_int_eq(s->home_site.index, -1);
    ck_assert_int_eq(s->home_site.loc.line, 10);
    ck_assert_int_eq(s->home_site.loc.col, 62);
    ck_assert_str_eq(t.m->files[s->home_site.loc.file], "service.yaml");
    ck_assert_int_eq(t.m->staff[1].role, MR_ROLE_EA);
    ck_assert_int_eq(t.m->sites[0].imd_decile, 5);
    ck_assert_int_eq(t.m->sites[0].n_openings, 1);
    ck_assert_uint_eq(t.m->sites[0].openings[0].days, MR_MON_FRI);
    ck_assert_int_eq(t.m->sites[0].openings[0].periods.n_items, 2);
    ck_assert_int_eq(t.m->month.month, 0);
    ck_assert_int_eq(t.m->rules.request_budget, 20);  /* defaults kept */
    done(&t);
}
END_TEST

START_TEST(example_read_raw)
{
    t_load t;
    const mr_model *m;
    const mr_staff *s;
    const mr_pref *p = NULL;
    int leave = 0;

    t.dir = example_dir();
    load(&t, "2026-12");
    ck_assert_msg(t.rc == MR_OK && t.d.n == 0, "%s", dump(&t.d));
    m = t.m;
    ck_assert_str_eq(m->dir, t.dir);
    ck_assert_str_eq(m->service_name, "Generated MSK service 14/3");
    ck_assert_str_eq(m->timezone, "Europe/London");
    ck_assert_int_eq(m->n_staff, 16);
    ck_assert_int_eq(m->n_sites, 7);
    ck_assert_int_eq(m->n_rooms, 17);
    ck_assert_int_eq(m->n_pcns, 1);
    ck_assert_int_eq(m->n_cover, 8);
    ck_assert_int_eq(m->n_periods, 3);
    ck_assert_int_eq(m->n_closed_dates, 3);
    ck_assert_int_eq(m->n_prefs, 12);       /* the example has 12 files */
    ck_assert_int_eq(m->n_requests, 42);
    ck_assert_int_eq(m->n_referrals, 7);
    ck_assert_int_eq(m->n_demand, 5);
    ck_assert_int_eq(m->n_activities, 7);
    ck_assert_int_eq(m->n_appt_types, 7);
    for (int i = 0; i < m->n_absences; i++)
        leave += m->absences[i].is_leave;
    ck_assert_int_eq(m->n_absences, 2);
    ck_assert_int_eq(leave, 2);
    ck_assert_int_eq(m->month.year * 100 + m->month.month, 202612);
    ck_assert_int_eq(m->month.first_day, dec(1));

    /* periods, closed dates, sites and rooms */
    ck_assert_str_eq(m->periods[0].id, "am");
    ck_assert_int_eq(m->periods[0].start, 510);
    ck_assert_int_eq(m->periods[2].end, 1200);
    ck_assert_int_eq(m->closed_dates[2], dec(28));
    ck_assert_str_eq(m->sites[0].id, "hub-1");
    ck_assert_int_eq(m->sites[0].kind, MR_SITE_HUB);
    ck_assert_int_eq(m->sites[0].imd_decile, 4);
    ck_assert_int_eq(m->sites[0].n_openings, 2);
    ck_assert_uint_eq(m->sites[0].openings[1].days, 1u << 5);
    ck_assert_int_eq(m->sites[0].first_room, 0);
    ck_assert_int_eq(m->sites[0].n_rooms, 9);
    ck_assert_int_eq(m->sites[1].first_room, 9);
    ck_assert_int_eq(m->sites[1].n_rooms, 4);
    ck_assert_str_eq(m->rooms[6].kind, "gym");
    ck_assert_int_eq(m->rooms[9].site, 1);
    ck_assert_int_eq(m->sites[6].n_rooms, 0);
    ck_assert_int_eq(m->sites[6].kind, MR_SITE_REMOTE);
    ck_assert_str_eq(m->sites[2].pcn.id, "pcn-1");
    ck_assert_ptr_null(m->sites[0].pcn.id);
    ck_assert_int_eq(m->pcns[0].fcp_sessions_per_week, 2);

    /* staff */
    s = &m->staff[0];
    ck_assert_str_eq(s->id, "s001");
    ck_assert_str_eq(s->name, "Raj Reid");
    ck_assert_int_eq(s->role, MR_ROLE_PHYSIO);
    ck_assert_double_eq(s->sessions_per_week, 6);
    ck_assert_uint_eq(s->days, (1u << 1) | (1u << 2) | (1u << 4));
    ck_assert_int_eq(s->skills.n_items, 2);
    ck_assert_str_eq(s->skills.items[1].id, "fit_note");
    ck_assert_int_eq(s->periods_given, 1);
    ck_assert_int_eq(s->sites.n_items, 5);
    ck_assert_int_eq(s->loc.line, 19);
    ck_assert_int_eq(s->loc.col, 5);
    ck_assert_int_eq(s->home_site.loc.line, 19);
    ck_assert_int_eq(s->home_site.loc.col, 148);
    ck_assert_str_eq(m->staff[4].specialism.id, "spinal");
    ck_assert_int_eq(m->staff[6].max_evenings, 4);
    ck_assert_int_eq(m->staff[14].role, MR_ROLE_SEA);

    /* cover, rules, weights */
    ck_assert_str_eq(m->cover[0].site.id, "hub-1");
    ck_assert_uint_eq(m->cover[0].days, MR_MON_FRI);
    ck_assert_int_eq(m->cover[0].min, 2);
    ck_assert_double_eq(m->cover[0].weight, -1);
    ck_assert_str_eq(m->cover[4].specialty.id, "spinal");
    ck_assert_uint_eq(m->cover[4].days, 1u << 4);
    ck_assert_int_eq(m->cover[7].hard, 1);
    ck_assert_str_eq(m->cover[7].activity.id, "triage");
    ck_assert_int_eq(m->rules.max_consecutive_days, 5);
    ck_assert_double_eq_tol(m->ea.senior_share, 0.10, 1e-12);
    ck_assert_double_eq_tol(m->weights.carry_over, 0.5, 1e-12);

    /* the preference file of s003: leave and five requests */
    for (int i = 0; i < m->n_prefs; i++)
        if (strcmp(m->prefs[i].staff.id, "s003") == 0)
            p = &m->prefs[i];
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(m->files[p->file], "months/2026-12/preferences/s003.yaml");
    ck_assert_str_eq(p->month, "2026-12");
    ck_assert_int_eq(p->submitted, mr_days_from_civil(2026, 11, 3));
    ck_assert_int_eq(p->n_requests, 5);
    {
        const mr_request *r = &m->requests[p->first_request];
        ck_assert_int_eq(r[0].kind, MR_REQ_OFF);
        ck_assert_int_eq(r[0].date, dec(30));
        ck_assert_int_eq(r[0].weight, 4);
        ck_assert_int_eq(r[1].kind, MR_REQ_TASK);
        ck_assert_str_eq(r[1].activity.id, "clinic");
        ck_assert_int_eq(r[1].min_sessions, 3);
        ck_assert_int_eq(r[2].kind, MR_REQ_AVOID);
        ck_assert_str_eq(r[2].period.id, "am");
        ck_assert_int_eq(r[2].date, MR_NO_DATE);
        ck_assert_int_eq(r[3].kind, MR_REQ_LOCATION);
        ck_assert_uint_eq(r[3].weekdays, 1u << 1);
        ck_assert_str_eq(r[3].site.id, "hub-1");
        ck_assert_int_eq(r[3].loc.line, 10);
        ck_assert_int_eq(r[3].loc.col, 5);
    }
    for (int i = 0; i < m->n_absences; i++)
        if (strcmp(m->absences[i].staff.id, "s003") == 0) {
            ck_assert_int_eq(m->absences[i].from, dec(1));
            ck_assert_int_eq(m->absences[i].to, dec(5));
            ck_assert_str_eq(m->absences[i].kind, "annual");
            ck_assert_int_eq(m->absences[i].loc.line, 5);
        }
    /* a session request of s001 */
    ck_assert_int_eq(m->requests[3].kind, MR_REQ_SESSION);
    ck_assert_str_eq(m->requests[3].activity.id, "admin");

    /* demand and referrals */
    ck_assert_str_eq(m->demand[4].pcn.id, "pcn-1");
    ck_assert_ptr_null(m->demand[4].site.id);
    ck_assert_str_eq(m->demand[4].type.id, "fcp");
    ck_assert_int_eq(m->demand[4].count, 88);
    ck_assert_str_eq(m->referrals[2].id, "R1002");
    ck_assert_int_eq(m->referrals[2].referred_on, mr_days_from_civil(2026, 11, 28));
    ck_assert_str_eq(m->referrals[2].site.id, "hub-1");
    ck_assert_str_eq(m->referrals[2].pathway, "inflammatory");
    ck_assert_str_eq(m->referrals[2].employment_status, "off_sick");
    ck_assert_ptr_null(m->referrals[2].adviser.id);
    ck_assert_int_eq(m->referrals[2].loc.line, 4);
    ck_assert_str_eq(m->files[m->referrals[2].loc.file],
                     "months/2026-12/referrals.csv");
    free(t.dir);
    t.dir = NULL;
    done(&t);
}
END_TEST

START_TEST(example_resolves)
{
    mr_model *m = NULL;
    mr_diags d;
    char *dir = example_dir();
    mr_diags_init(&d);
    ck_assert_int_eq(mr_load(dir, "2026-12", &m, &d), MR_OK);
    ck_assert_msg(d.n_errors == 0, "%s", dump(&d));
    ck_assert_int_eq(m->staff[0].home_site.index,
                     mr_find_site(m, "community-1"));
    mr_model_free(m);
    mr_diags_clear(&d);
    free(dir);
}
END_TEST

START_TEST(reader_problems_not_reported_again_by_resolve)
{
    t_load t;
    t.dir = tmp_dir();
    put_base(t.dir);
    put(t.dir, "months/2026-12/preferences/s1.yaml",
        "staff: s1\nmonth: 2026-11\nrequests:\n"
        "  - {date: 2026-12-04, off: true, weight: 5}\n");
    put(t.dir, "months/2026-12/absence.yaml",
        "absence:\n  - {staff: s2, from: 2026-12-16, to: 2026-12-14}\n");
    mr_diags_init(&t.d);
    t.rc = mr_load(t.dir, "2026-12", &t.m, &t.d);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "months/2026-12/preferences/s1.yaml:2:8: error: month '2026-11' does not match the folder 'months/2026-12'");
    EXPECT(t.d, "months/2026-12/absence.yaml:2:23: error: 'from' (2026-12-16) is after 'to' (2026-12-14)");
    ck_assert_msg(t.d.n_errors == 2, "%s", dump(&t.d));
    ck_assert_int_eq(t.m->n_requests, 1);       /* the request is kept */
    done(&t);
}
END_TEST

START_TEST(several_problems_all_reported)
{
    t_load t;
    char svc[4096];
    t.dir = tmp_dir();
    snprintf(svc, sizeof svc, BASE_FMT, "",
             "  - {id: s-2, kind: hubb, imd_decile: 11}\n",      /* line 7 */
             "",                                     /* staff: 13, 14 */
             "  - {id: s3, role: ot, sesions_per_week: 1, home_site: hub}\n"
             "  - {id: s4, role: ot, sessions_per_week: 1, home_site: hub, days: [mon, sun-sat]}\n",
             "cover:\n  - {site: hub, activity: clinic, periods: [am], min: two, hard: yes}\n"); /* 16 */
    put(t.dir, "service.yaml", svc);
    put(t.dir, "months/2026-12/preferences/s1.yaml",
        "staff: s1\nmonth: 2026-12\nrequests:\n"
        "  - {date: 2026-12-04, off: true, weight: 9}\n"
        "  - {site: hub, weight: 1}\n");
    put(t.dir, "months/2026-12/demand.yaml",
        "demand:\n  - {site: hub, type: initial, count: lots}\n");
    load(&t, "2026-12");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "service.yaml:7:21: error: unknown site kind 'hubb'");
    EXPECT(t.d, "service.yaml:7:39: error: 'imd_decile' must be between 1 and 10, got 11");
    EXPECT(t.d, "service.yaml:13:5: error: missing required key 'sessions_per_week' in staff");
    EXPECT(t.d, "service.yaml:13:24: error: unknown key 'sesions_per_week' in staff");
    EXPECT(t.d, "service.yaml:14:74: error: expected a weekday (mon..sun) or a range such as mon-fri for 'days', got 'sun-sat'");
    EXPECT(t.d, "service.yaml:16:55: error: expected an integer for 'min', got 'two'");
    EXPECT(t.d, "service.yaml:16:66: error: expected true or false for 'hard', got 'yes'");
    EXPECT(t.d, "months/2026-12/preferences/s1.yaml:4:43: error: 'weight' must be between 1 and 5, got 9");
    EXPECT(t.d, "months/2026-12/preferences/s1.yaml:5:5: error: a location request (site without activity) needs 'date' or 'weekday'");
    EXPECT(t.d, "months/2026-12/demand.yaml:2:39: error: expected an integer for 'count', got 'lots'");
    ck_assert_msg(t.d.n_errors == 10, "%s", dump(&t.d));
    /* entries with problems are left out; the rest is kept */
    ck_assert_int_eq(t.m->n_cover, 0);
    ck_assert_int_eq(t.m->n_requests, 0);
    ck_assert_int_eq(t.m->n_prefs, 1);
    ck_assert_int_eq(t.m->n_staff, 4);
    done(&t);
}
END_TEST

START_TEST(missing_service_is_an_io_error)
{
    t_load t;
    t.dir = tmp_dir();
    load(&t, NULL);
    ck_assert_int_eq(t.rc, MR_EIO);
    ck_assert_ptr_null(t.m);
    EXPECT(t.d, "service.yaml: error: cannot read the file: No such file or directory");
    done(&t);
}
END_TEST

START_TEST(directories_and_empty_files_refused)
{
    t_load t;
    char path[600];
    t.dir = tmp_dir();
    snprintf(path, sizeof path, "%s/service.yaml", t.dir);
    ck_assert_int_eq(mkdir(path, 0777), 0);
    load(&t, NULL);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "service.yaml: error: is a directory, expected a file");
    ck_assert_int_eq(t.d.n, 1);
    mr_model_free(t.m);
    mr_diags_clear(&t.d);
    rmdir(path);
    put(t.dir, "service.yaml", "# nothing yet\n");
    load(&t, NULL);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "service.yaml: error: the file is empty");
    mr_model_free(t.m);
    mr_diags_clear(&t.d);
    put_base(t.dir);
    snprintf(path, sizeof path, "%s/months/2026-12/demand.yaml", t.dir);
    put(t.dir, "months/2026-12/absence.yaml", "");    /* empty: nothing */
    mkdir(path, 0777);     /* months/2026-12 exists after put() */
    load(&t, "2026-12");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "months/2026-12/demand.yaml: error: is a directory, expected a file");
    ck_assert_int_eq(t.d.n, 1);
    done(&t);
}
END_TEST

START_TEST(file_size_limit)
{
    t_load t;
    char svc[2048];
    size_t n = (size_t)IO_MAX_FILE, k;
    char *buf = malloc(n + 1);
    ck_assert_ptr_nonnull(buf);
    snprintf(svc, sizeof svc, BASE_FMT, "", "", "", "", "");
    /* exactly 4 MiB: the base service padded with a comment line */
    k = strlen(svc);
    memcpy(buf, svc, k);
    buf[k] = '#';
    memset(buf + k + 1, 'x', n - k - 2);
    buf[n - 1] = '\n';
    t.dir = tmp_dir();
    put_n(t.dir, "service.yaml", buf, n);
    load(&t, NULL);
    ck_assert_msg(t.rc == MR_OK, "%s", dump(&t.d));
    mr_model_free(t.m);
    mr_diags_clear(&t.d);
    buf[n - 1] = 'x';
    buf[n] = '\n';
    put_n(t.dir, "service.yaml", buf, n + 1);
    load(&t, NULL);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "service.yaml: error: the file is larger than 4 MiB");
    ck_assert_int_eq(t.d.n, 1);
    done(&t);
    free(buf);
}
END_TEST

START_TEST(bom_and_crlf_accepted)
{
    t_load t;
    char svc[2048], crlf[4096];
    size_t k = 3;
    t.dir = tmp_dir();
    snprintf(svc, sizeof svc, BASE_FMT, "", "", "", "", "");
    memcpy(crlf, "\xef\xbb\xbf", 3);
    for (const char *s = svc; *s; s++) {
        if (*s == '\n')
            crlf[k++] = '\r';
        crlf[k++] = *s;
    }
    crlf[k] = 0;
    put(t.dir, "service.yaml", crlf);
    put(t.dir, "months/2026-12/preferences/s1.yaml",
        "\xef\xbb\xbfstaff: s1\r\nmonth: 2026-12\r\nrequests:\r\n"
        "  - {date: 2026-12-04, off: true, weight: 5}\r\n");
    put(t.dir, "months/2026-12/referrals.csv",
        "\xef\xbb\xbfid,referred_on,site,pathway,employment_status,adviser\r\n"
        "R1,2026-12-01,hub,pain,off_sick,\r\n");
    load(&t, "2026-12");
    ck_assert_msg(t.rc == MR_OK && t.d.n == 0, "%s", dump(&t.d));
    ck_assert_int_eq(t.m->n_staff, 2);
    ck_assert_str_eq(t.m->staff[1].home_site.id, "hub");
    ck_assert_int_eq(t.m->n_requests, 1);
    ck_assert_int_eq(t.m->requests[0].loc.line, 4);
    ck_assert_int_eq(t.m->n_referrals, 1);
    ck_assert_str_eq(t.m->referrals[0].employment_status, "off_sick");
    done(&t);
}
END_TEST

START_TEST(non_yaml_preference_skipped_with_warning)
{
    t_load t;
    t.dir = tmp_dir();
    put_base(t.dir);
    put(t.dir, "months/2026-12/preferences/s1.yml", "staff: s1\n");
    put(t.dir, "months/2026-12/preferences/s2.yaml",
        "staff: s2\nmonth: 2026-12\n");
    load(&t, "2026-12");
    ck_assert_int_eq(t.rc, MR_OK);
    EXPECT(t.d, "months/2026-12/preferences/s1.yml: warning: not a preference file (the name must be <staff-id>.yaml): skipped");
    ck_assert_int_eq(t.d.n, 1);
    ck_assert_int_eq(t.m->n_prefs, 1);
    ck_assert_str_eq(t.m->prefs[0].staff.id, "s2");
    ck_assert_int_eq(t.m->prefs[0].n_requests, 0);
    done(&t);
}
END_TEST

START_TEST(invalid_staff_drops_the_file)
{
    t_load t;
    t.dir = tmp_dir();
    put_base(t.dir);
    put(t.dir, "months/2026-12/preferences/s1.yaml",
        "staff: S1\nmonth: 2026-12\nrequests:\n"
        "  - {date: 2026-12-04, off: true, weight: 5}\n"
        "leave:\n  - {from: 2026-12-01, to: 2026-12-02}\n");
    load(&t, "2026-12");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "months/2026-12/preferences/s1.yaml:1:8: error: invalid id 'S1' for 'staff'");
    ck_assert_int_eq(t.d.n_errors, 1);
    ck_assert_int_eq(t.m->n_prefs, 0);
    ck_assert_int_eq(t.m->n_requests, 0);
    ck_assert_int_eq(t.m->n_absences, 0);
    done(&t);
}
END_TEST

START_TEST(month_argument_and_absent_month)
{
    t_load t;
    t.dir = tmp_dir();
    put_base(t.dir);
    load(&t, "2026-13");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t.d, "error: invalid month '2026-13' (expected YYYY-MM)");
    mr_model_free(t.m);
    mr_diags_clear(&t.d);
    load(&t, "2027-01");                 /* no months/2027-01: nothing */
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_int_eq(t.d.n, 0);
    ck_assert_int_eq(t.m->month.year * 100 + t.m->month.month, 202701);
    ck_assert_int_eq(t.m->month.n_days, 31);
    done(&t);
}
END_TEST

START_TEST(referral_columns_in_any_order)
{
    t_load t;
    const mr_referral *r;
    t.dir = tmp_dir();
    put_base(t.dir);
    put(t.dir, "months/2026-12/referrals.csv",
        "adviser,id,referred_on,site,pathway,employment_status\n"
        "s2,R9,2026-12-03,hub,\"back, neck\",off_sick\n"
        ",R10,2026-11-30,hub,\"two\nlines\",out_of_work\n"
        ",R11,2026-12-01,hub,pain,off_sick");
    load(&t, "2026-12");
    ck_assert_msg(t.rc == MR_OK && t.d.n == 0, "%s", dump(&t.d));
    ck_assert_int_eq(t.m->n_referrals, 3);
    r = &t.m->referrals[0];
    ck_assert_str_eq(r->id, "R9");
    ck_assert_str_eq(r->pathway, "back, neck");
    ck_assert_str_eq(r->adviser.id, "s2");
    ck_assert_int_eq(r->adviser.loc.line, 2);
    ck_assert_int_eq(r->adviser.loc.col, 1);
    ck_assert_int_eq(r->site.loc.col, 18);
    ck_assert_int_eq(r->referred_on, dec(3));
    ck_assert_ptr_null(t.m->referrals[1].adviser.id);
    ck_assert_str_eq(t.m->referrals[1].pathway, "two\nlines");
    ck_assert_int_eq(t.m->referrals[2].loc.line, 5);
    done(&t);
}
END_TEST

START_TEST(activity_and_type_overrides)
{
    t_load t;
    char svc[4096];
    const mr_activity *a;
    const mr_appt_type *ty;
    t.dir = tmp_dir();
    snprintf(svc, sizeof svc, BASE_FMT, "", "", "", "",
             "activities:\n"
             "  - {id: clinic, desk: true, rooms: [consult, treatment]}\n"
             "  - {id: group, skill: }\n"
             "  - {id: hydro_pool, roles: [physio, ot], site_kinds: [hub], rooms: [pool], counts_as: clinical}\n"
             "appointment_types:\n"
             "  - {id: initial, minutes: 60}\n"
             "  - {id: hydro, minutes: 40, activities: [hydro_pool], capacity: 4}\n");
    put(t.dir, "service.yaml", svc);
    load(&t, NULL);
    ck_assert_msg(t.rc == MR_OK && t.d.n == 0, "%s", dump(&t.d));
    ck_assert_int_eq(t.m->n_activities, 8);
    a = &t.m->activities[mr_find_activity(t.m, "clinic")];
    ck_assert_int_eq(a->desk, 1);
    ck_assert_int_eq(a->n_room_kinds, 2);
    ck_assert_str_eq(a->room_kinds[0], "consult");
    ck_assert_uint_eq(a->roles, (1u << MR_ROLE_PHYSIO) | (1u << MR_ROLE_OT)
                                | (1u << MR_ROLE_SET));  /* kept */
    ck_assert_int_eq(a->loc.line, 13);
    ck_assert_ptr_null(t.m->activities[mr_find_activity(t.m, "group")].skill.id);
    a = &t.m->activities[7];
    ck_assert_str_eq(a->id, "hydro_pool");
    ck_assert_uint_eq(a->site_kinds, 1u << MR_SITE_HUB);
    ck_assert_str_eq(a->room_kinds[0], "pool");
    ck_assert_int_eq(t.m->n_appt_types, 8);
    ty = &t.m->appt_types[mr_find_appt_type(t.m, "initial")];
    ck_assert_int_eq(ty->minutes, 60);
    ck_assert_str_eq(ty->activities.items[0].id, "clinic");   /* kept */
    ty = &t.m->appt_types[7];
    ck_assert_int_eq(ty->capacity, 4);
    ck_assert_str_eq(ty->activities.items[0].id, "hydro_pool");
    done(&t);
}
END_TEST

START_TEST(load_survives_allocation_failures)
{
    char *dir = example_dir();
    long total;
    mr_diags d;
    mr_model *m = NULL;

    mr_diags_init(&d);
    mr_alloc_fail_at(0);
    ck_assert_int_eq(mr_load_raw(dir, "2026-12", &m, &d), MR_OK);
    total = mr_alloc_count();
    mr_model_free(m);
    /* every allocation failing in turn */
    for (long k = 1; k <= total; k++) {
        int rc;
        m = NULL;
        mr_alloc_fail_at(k);
        rc = mr_load_raw(dir, "2026-12", &m, &d);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_ENOMEM, "allocation %ld: status %d", k, rc);
        ck_assert_ptr_null(m);
        mr_diags_clear(&d);
    }
    free(dir);
}
END_TEST

Suite *suite_load(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, broken_input_reported_at_its_place, 0,
                        (int)(sizeof ROWS / sizeof ROWS[0]));
    tcase_add_test(tc, base_service_is_clean_with_defaults);
    tcase_add_test(tc, example_read_raw);
    tcase_add_test(tc, example_resolves);
    tcase_add_test(tc, reader_problems_not_reported_again_by_resolve);
    tcase_add_test(tc, several_problems_all_reported);
    tcase_add_test(tc, missing_service_is_an_io_error);
    tcase_add_test(tc, directories_and_empty_files_refused);
    tcase_add_test(tc, file_size_limit);
    tcase_add_test(tc, bom_and_crlf_accepted);
    tcase_add_test(tc, non_yaml_preference_skipped_with_warning);
    tcase_add_test(tc, invalid_staff_drops_the_file);
    tcase_add_test(tc, month_argument_and_absent_month);
    tcase_add_test(tc, referral_columns_in_any_order);
    tcase_add_test(tc, activity_and_type_overrides);
    tcase_add_test(tc, load_survives_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
