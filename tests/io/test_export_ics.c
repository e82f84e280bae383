/* Tests of io/export_ics.c: one RFC 5545 calendar per person of a stored
 * fx_run() (tests/fixture.h): events, stable UIDs, time zone, escaping,
 * folding, cancellations after a regenerate, failures; and, when
 * python3-icalendar is installed, that a real parser reads them and agrees
 * with roster.csv (tests/data/check_ics.py). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "export_csv.h"
#include "export_ics.h"
#include "fixture.h"
#include "stored_fixture.h"
#include "suites.h"

static char *dir;
static char db[4200], out[4200];
static mr_model *m;
static mr_solution *sol;
static mr_store *st;

static void setup(void)
{
    fx_stored_setup("ics", &dir, db, sizeof db, out, sizeof out, &m, &sol,
                    &st);
}

static void teardown(void)
{
    fx_stored_teardown(dir, m, sol, st);
}

static char *read_ics(const char *staff)
{
    char path[4400];
    char *text;

    snprintf(path, sizeof path, "%s/%s.ics", out, staff);
    text = fx_read_file(path);
    ck_assert_msg(text != NULL, "%s.ics not written", staff);
    return text;
}

/* The text with folds ("\r\n ") taken out. */
static char *unfold(const char *text)
{
    char *u = malloc(strlen(text) + 1), *o = u;
    ck_assert_ptr_nonnull(u);
    while (*text != '\0') {
        if (text[0] == '\r' && text[1] == '\n' && text[2] == ' ')
            text += 3;
        else
            *o++ = *text++;
    }
    *o = '\0';
    return u;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

/* Every line ends in CRLF, holds at most 75 octets, and a fold never
 * leaves a UTF-8 continuation byte at the start of a line. */
static void check_lines(const char *text)
{
    const char *line = text;

    ck_assert_int_gt((int)strlen(text), 2);
    ck_assert_str_eq(text + strlen(text) - 2, "\r\n");
    while (*line != '\0') {
        const char *eol = strstr(line, "\r\n");
        ck_assert_ptr_nonnull(eol);
        ck_assert_msg(eol - line <= 75, "a line of %d octets",
                      (int)(eol - line));
        ck_assert_ptr_null(memchr(line, '\n', (size_t)(eol - line)));
        if (line[0] == ' ')
            ck_assert_int_ne((unsigned char)line[1] & 0xC0, 0x80);
        line = eol + 2;
    }
}

/* A python3 that can import module, or NULL. apt installs modules for
 * /usr/bin/python3, which may not be the first python3 on the PATH. */
static const char *python_with(const char *module)
{
    static const char *const CANDIDATES[] = {"/usr/bin/python3", "python3"};
    char cmd[512];

    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "%s -c 'import %s' >/dev/null 2>&1",
                 CANDIDATES[i], module);
        if (system(cmd) == 0)
            return CANDIDATES[i];
    }
    return NULL;
}

/* Runs tests/data/check_ics.py on out against roster.csv of version v. */
static void check_with_parser(int version, int cancelled)
{
    const char *py = python_with("icalendar");
    char cmd[13000], csv[4300];

    if (py == NULL) {
        fprintf(stderr, "SKIP export_ics: python3-icalendar is not "
                        "installed (scripts/setup installs it)\n");
        return;
    }
    snprintf(csv, sizeof csv, "%s/csv", dir);
    ck_assert_int_eq(mr_export_csv(st, "2026-12", version, csv), MR_OK);
    snprintf(cmd, sizeof cmd, "%s '%s/tests/data/check_ics.py' '%s' "
             "'%s/roster.csv' --month 2026-12 --version %d --cancelled %d",
             py, getenv("MR_SOURCE_ROOT"), out, csv, version, cancelled);
    ck_assert_msg(system(cmd) == 0, "check_ics.py failed: %s", cmd);
}

START_TEST(writes_a_calendar_per_person)
{
    mr_store_run run;
    char names[512], stamp[32];
    char *text, *u;
    int k = 0;

    ck_assert_msg(mr_export_ics(st, "2026-12", 1, out) == MR_OK, "%s",
                  mr_store_errmsg(st));
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "a001.ics c001.ics c002.ics");

    text = read_ics("c001");
    check_lines(text);
    u = unfold(text);
    ck_assert_int_eq(strncmp(u, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30), 0);
    ck_assert_int_eq(count(u, "BEGIN:VEVENT\r\n"), 2);
    ck_assert_int_eq(count(u, "END:VEVENT\r\n"), 2);
    ck_assert_int_eq(count(u, "STATUS:CONFIRMED\r\n"), 2);
    /* The time zone, with both rules. */
    ck_assert_ptr_nonnull(strstr(u, "BEGIN:VTIMEZONE\r\nTZID:Europe/London"));
    ck_assert_ptr_nonnull(strstr(u, "TZNAME:BST\r\nDTSTART:19700329T010000"
                                    "\r\nRRULE:FREQ=YEARLY;BYMONTH=3;"
                                    "BYDAY=-1SU\r\n"));
    ck_assert_ptr_nonnull(strstr(u, "TZNAME:GMT\r\nDTSTART:19701025T020000"
                                    "\r\nRRULE:FREQ=YEARLY;BYMONTH=10;"
                                    "BYDAY=-1SU\r\n"));
    /* 1 Dec am: fcp at the surgery; UID without the version. */
    ck_assert_ptr_nonnull(strstr(u,
        "UID:2026-12-2026-12-01-am-c001@mskrota\r\n"));
    ck_assert_ptr_nonnull(strstr(u,
        "DTSTART;TZID=Europe/London:20261201T083000\r\n"
        "DTEND;TZID=Europe/London:20261201T123000\r\n"
        "SEQUENCE:1\r\n"));
    ck_assert_ptr_nonnull(strstr(u, "SUMMARY:fcp at lewes-surgery\r\n"));
    ck_assert_ptr_nonnull(strstr(u,
        "LOCATION:lewes-surgery\\, room ls-1\r\n"));
    ck_assert_ptr_nonnull(strstr(u, "\\nPCN: lewes-pcn\\n"));
    /* 2 Dec am: the spinal clinic and its slot mix. */
    ck_assert_ptr_nonnull(strstr(u,
        "SUMMARY:clinic (spinal) at central-hub\r\n"));
    ck_assert_ptr_nonnull(strstr(u,
        "DESCRIPTION:Activity: clinic\\nSpecialty: spinal\\nSite: "
        "central-hub\\nRoom: ch-t1\\nAppointments: 1 initial\\, "
        "1 follow_up\\nFrom the roster for 2026-12\\, version 1\r\n"));
    /* DTSTAMP is the run's creation, in UTC. */
    ck_assert_int_eq(mr_store_run_get(st, "2026-12", 1, &run), MR_OK);
    for (const char *p = run.created_at; *p != '\0' && k < 31; p++)
        if (*p != '-' && *p != ':')
            stamp[k++] = *p;
    stamp[k] = '\0';
    mr_store_run_clear(&run);
    ck_assert_int_eq(count(u, "DTSTAMP:"), 2);
    ck_assert_ptr_nonnull(strstr(u, stamp));
    /* The calendar's name: escaped text. */
    ck_assert_ptr_nonnull(strstr(u,
        "X-WR-CALNAME:Roster: Shah\\, Amrita \"Amy\" (c001)\r\n"));
    ck_assert_str_eq(u + strlen(u) - 15, "END:VCALENDAR\r\n");
    free(u);
    free(text);

    text = read_ics("a001");
    ck_assert_int_eq(count(text, "BEGIN:VEVENT"), 1);
    ck_assert_ptr_nonnull(strstr(text, "SUMMARY:ea at central-hub\r\n"));
    free(text);
    text = read_ics("c002");
    ck_assert_int_eq(count(text, "BEGIN:VEVENT"), 2);
    free(text);
    check_with_parser(1, 0);
}
END_TEST

START_TEST(long_utf8_text_is_folded_between_characters)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    char name[200] = "", want[300];
    char *text, *u;
    int v;

    /* 40 two-byte characters, then characters TEXT must escape. */
    for (int i = 0; i < 40; i++)
        strcat(name, "\xC3\xA9");
    strcat(name, "; back\\slash, end");
    mr_free(m->staff[0].name);
    m->staff[0].name = mr_strdup(name);
    ck_assert_ptr_nonnull(m->staff[0].name);
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    ck_assert_int_eq(mr_export_ics(st, "2026-12", v, out), MR_OK);
    text = read_ics("c001");
    check_lines(text);
    u = unfold(text);
    snprintf(want, sizeof want, "X-WR-CALNAME:Roster: ");
    for (int i = 0; i < 40; i++)
        strcat(want, "\xC3\xA9");
    strcat(want, "\\; back\\\\slash\\, end (c001)\r\n");
    ck_assert_ptr_nonnull(strstr(u, want));
    ck_assert_ptr_nonnull(strstr(u, "SEQUENCE:2\r\n"));
    /* The name line was folded: it is longer than 75 octets. */
    ck_assert_ptr_null(strstr(text, want));
    free(u);
    free(text);
    check_with_parser(v, 0);
}
END_TEST

START_TEST(slots_for_several_count_places)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    char *text, *u;
    int v;

    sol->slots[0].capacity = 3;             /* c001's initial, 2 Dec am */
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    ck_assert_int_eq(mr_export_ics(st, "2026-12", v, out), MR_OK);
    text = read_ics("c001");
    u = unfold(text);
    ck_assert_ptr_nonnull(strstr(u, "\\nAppointments: 1 initial (3 places)"
                                    "\\, 1 follow_up\\n"));
    free(u);
    free(text);
}
END_TEST

START_TEST(regenerated_version_moves_and_cancels_events)
{
    mr_run_info info = {"2026-12", "regenerate", "fp", "", NULL, 4};
    char names[512];
    char *v1, *v2;
    int v, n_ea = sol->n_ea;

    ck_assert_int_eq(mr_export_ics(st, "2026-12", 1, out), MR_OK);
    v1 = read_ics("c002");
    /* Version 2 keeps only c002's 2 Dec pm clinic. */
    sol->n_assign = 1;
    sol->n_slots = sol->n_ea = sol->n_shortfalls = 0;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    sol->n_ea = n_ea;
    ck_assert_int_eq(v, 2);
    ck_assert_int_eq(mr_export_ics(st, "2026-12", 0, out), MR_OK);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "a001.ics c001.ics c002.ics");

    v2 = read_ics("c002");
    ck_assert_int_eq(count(v2, "BEGIN:VEVENT"), 2);
    ck_assert_int_eq(count(v2, "STATUS:CONFIRMED"), 1);
    ck_assert_int_eq(count(v2, "STATUS:CANCELLED"), 1);
    ck_assert_int_eq(count(v2, "SEQUENCE:2\r\n"), 2);
    /* The same UIDs as version 1: a re-import updates, not doubles. */
    ck_assert_ptr_nonnull(strstr(v1,
        "UID:2026-12-2026-12-02-pm-c002@mskrota\r\n"));
    ck_assert_ptr_nonnull(strstr(v2,
        "UID:2026-12-2026-12-02-pm-c002@mskrota\r\n"));
    ck_assert_ptr_nonnull(strstr(v1,
        "UID:2026-12-2026-12-01-am-c002@mskrota\r\n"));
    ck_assert_ptr_nonnull(strstr(v2,
        "UID:2026-12-2026-12-01-am-c002@mskrota\r\nDTSTAMP:"));
    ck_assert_ptr_nonnull(strstr(v2, "SUMMARY:Cancelled: clinic at "
                                     "central-hub\r\n"));
    free(v1);
    free(v2);
    /* c001 has no session left: a calendar of two cancellations. */
    v2 = read_ics("c001");
    ck_assert_int_eq(count(v2, "STATUS:CANCELLED"), 2);
    ck_assert_int_eq(count(v2, "STATUS:CONFIRMED"), 0);
    free(v2);
    check_with_parser(2, 4);

    /* Exporting version 1 again knows nothing of version 2. */
    ck_assert_int_eq(mr_export_ics(st, "2026-12", 1, out), MR_OK);
    v1 = read_ics("c001");
    ck_assert_int_eq(count(v1, "STATUS:CANCELLED"), 0);
    ck_assert_int_eq(count(v1, "STATUS:CONFIRMED"), 2);
    free(v1);
}
END_TEST

START_TEST(missing_run_writes_nothing)
{
    char names[512];

    ck_assert_int_eq(mr_export_ics(st, "2026-12", 5, out), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "no version 5"));
    ck_assert_int_eq(mr_export_ics(st, "2027-01", 0, out), MR_EINVAL);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "");
}
END_TEST

START_TEST(unwritable_target_is_an_io_error)
{
    char path[4400];
    FILE *f;

    snprintf(path, sizeof path, "%s/ics", dir);
    f = fopen(path, "w");                   /* a file where the dir goes */
    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(mr_export_ics(st, "2026-12", 1, out), MR_EIO);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "ics"));
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    mr_run_info info = {"2026-12", "regenerate", "fp", "", NULL, 4};
    int k, v, rc = MR_ENOMEM, n_ea = sol->n_ea;
    char names[512], *text;

    /* Version 2 drops sessions, so the cancellation path runs too. */
    sol->n_assign = 3;
    sol->n_slots = sol->n_ea = 0;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    sol->n_ea = n_ea;
    for (k = 1; k < 1000 && rc != MR_OK; k++) {
        mr_alloc_fail_at(k);
        rc = mr_export_ics(st, "2026-12", 2, out);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_OK || rc == MR_ENOMEM, "rc %d at %d: %s", rc,
                      k, mr_store_errmsg(st));
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_gt(k, 10);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "a001.ics c001.ics c002.ics");
    text = read_ics("a001");
    ck_assert_int_eq(count(text, "STATUS:CANCELLED"), 1);
    free(text);
}
END_TEST

Suite *suite_export_ics(void)
{
    Suite *s = suite_create("export_ics");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, writes_a_calendar_per_person);
    tcase_add_test(tc, long_utf8_text_is_folded_between_characters);
    tcase_add_test(tc, slots_for_several_count_places);
    tcase_add_test(tc, regenerated_version_moves_and_cancels_events);
    tcase_add_test(tc, missing_run_writes_nothing);
    tcase_add_test(tc, unwritable_target_is_an_io_error);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(s, tc);
    return s;
}
