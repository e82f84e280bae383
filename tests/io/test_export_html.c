/* Tests of io/export_html.c and export_html_charts.c: the page of a stored
 * fx_run() (tests/fixture.h) holds the figures, heatmap, chart, caseloads
 * and calendars, names no outside file, escapes every name and id; with
 * python3 its calendars agree with the CSV export (tests/data/
 * check_html.py); with chromium it renders, and hostile names run
 * nothing. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "export_csv.h"
#include "export_html.h"
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
    fx_stored_setup("html", &dir, db, sizeof db, out, sizeof out, &m, &sol,
                    &st);
}

static void teardown(void)
{
    fx_stored_teardown(dir, m, sol, st);
}

static char *read_page(void)
{
    char path[4400];
    char *text;

    snprintf(path, sizeof path, "%s/roster.html", out);
    text = fx_read_file(path);
    ck_assert_msg(text != NULL, "roster.html not written");
    return text;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

/* The first of the commands that exists, or NULL. */
static const char *chromium(void)
{
    static const char *const NAMES[] = {"chromium", "chromium-browser",
                                        "google-chrome"};
    char cmd[256];

    for (int i = 0; i < 3; i++) {
        snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", NAMES[i]);
        if (system(cmd) == 0)
            return NAMES[i];
    }
    return NULL;
}

/* Runs headless chromium on the page with extra arguments (output to
 * redirect); returns the exit status. */
static int run_chromium(const char *browser, const char *args)
{
    char cmd[16000];

    snprintf(cmd, sizeof cmd, "timeout 120 %s --headless --no-sandbox "
             "--disable-gpu --disable-background-networking "
             "--disable-component-update --disable-sync --no-first-run "
             "--user-data-dir='%s/chrome' %s 'file://%s/roster.html'",
             browser, dir, args, out);
    return system(cmd);
}

START_TEST(page_holds_the_month_and_nothing_outside)
{
    char *page;

    ck_assert_msg(mr_export_html(st, "2026-12", 1, out) == MR_OK, "%s",
                  mr_store_errmsg(st));
    page = read_page();
    ck_assert_int_eq(strncmp(page, "<!DOCTYPE html>\n", 16), 0);
    ck_assert_ptr_nonnull(strstr(page, "<meta charset=\"utf-8\">"));
    /* Self-contained: no script, no outside file, not even a URL. */
    ck_assert_ptr_null(strstr(page, "<script"));
    ck_assert_ptr_null(strstr(page, "src="));
    ck_assert_ptr_null(strstr(page, "<link"));
    ck_assert_ptr_null(strstr(page, "url("));
    ck_assert_ptr_null(strstr(page, "http"));
    /* Printable. */
    ck_assert_ptr_nonnull(strstr(page, "@page{size:A4 landscape"));
    ck_assert_ptr_nonnull(strstr(page, "@media print"));
    /* The run's figures. */
    ck_assert_ptr_nonnull(strstr(page, "<h1>Roster for December 2026</h1>"));
    ck_assert_ptr_nonnull(strstr(page,
                                 "<tr><th>objective</th><td>200.00</td>"));
    ck_assert_ptr_nonnull(strstr(page, "<tr><th>bound</th><td>150.00</td>"));
    ck_assert_ptr_nonnull(strstr(page, "<tr><th>gap</th><td>25.00%</td>"));
    ck_assert_ptr_nonnull(strstr(page, "<th>demand shortfall (appointments)"
                                       "</th><td>149</td>"));
    /* Heatmap: 1 Dec am 1 of 2 short (half: h2), 2 Dec pm 1 of 1 (h4). */
    ck_assert_ptr_nonnull(strstr(page, "<tr><th class=\"r\">central-hub</th>"
                                       "<th class=\"r\">am</th><td class=\"h2"
                                       "\" title=\"clinic: required 2, "
                                       "provided 1\">1</td>"));
    ck_assert_ptr_nonnull(strstr(page, "<th class=\"r\">pm</th><td class="
                                       "\"h0\"></td><td class=\"h4\" title="
                                       "\"clinic (spinal): required 1, "
                                       "provided 0\">1</td>"));
    ck_assert_ptr_nonnull(strstr(page, "<td>lewes-pcn</td><td>2026-11-30"
                                       "</td>"));
    /* Satisfaction: two bars and the spread. */
    ck_assert_int_eq(count(page, "<rect class=\"s\""), 2);
    ck_assert_ptr_nonnull(strstr(page, "min <b>0.500</b>, mean <b>0.750</b>"
                                       ", max <b>1.000</b>"));
    ck_assert_ptr_nonnull(strstr(page, "<svg "));
    /* EA: Cara Lee has R1001 and one ea session; R1002 is unallocated. */
    ck_assert_ptr_nonnull(strstr(page, "<tr><td>a001</td><td>Cara Lee</td>"
                                       "<td class=\"n\">1</td><td class=\"n"
                                       "\">1</td>"));
    ck_assert_ptr_nonnull(strstr(page, "1 referral allocated, 1 not: "
                                       "no_adviser_session 1."));
    /* Calendars, with the names escaped. */
    ck_assert_ptr_nonnull(strstr(page, "<section class=\"cal site\" "
                                       "id=\"site-central-hub\">"));
    ck_assert_ptr_nonnull(strstr(page, ">Shah, Amrita &quot;Amy&quot; "
                                       "(ch-t1) clinic: spinal</li>"));
    ck_assert_ptr_nonnull(strstr(page, "<li title=\"08:30\xE2\x80\x93"
                                       "12:30, 1 initial, 1 follow_up\">"
                                       "clinic: spinal at central-hub "
                                       "(ch-t1)</li>"));
    ck_assert_int_eq(count(page, "<section class=\"cal person\""), 3);
    ck_assert_int_eq(count(page, "<li title="), 10);     /* 5 sessions x 2 */
    ck_assert_str_eq(page + strlen(page) - 8, "</html>\n");
    free(page);
}
END_TEST

START_TEST(calendars_agree_with_the_csv_export)
{
    char cmd[13000], csv[4300];

    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP export_html: no python3\n");
        return;
    }
    ck_assert_int_eq(mr_export_html(st, "2026-12", 1, out), MR_OK);
    snprintf(csv, sizeof csv, "%s/csv", dir);
    ck_assert_int_eq(mr_export_csv(st, "2026-12", 1, csv), MR_OK);
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/data/check_html.py' "
             "'%s/roster.html' '%s'", getenv("MR_SOURCE_ROOT"), out, csv);
    ck_assert_msg(system(cmd) == 0, "check_html.py failed: %s", cmd);
}
END_TEST

START_TEST(hostile_names_are_text_and_run_nothing)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    const char *browser;
    char path[4400], *page, *dom;
    int v;

    mr_free(m->staff[1].name);
    m->staff[1].name = mr_strdup("<script>alert(1)</script>");
    mr_free(m->staff[2].name);
    m->staff[2].name = mr_strdup("<img src=x onerror=\"document.title="
                                 "'pwned'\">");
    /* An id lands in attributes (id, href) as well as in text. */
    mr_free(m->sites[0].id);
    m->sites[0].id = mr_strdup("hub\"><script>document.body.dataset."
                               "pwned=1</script>'&");
    ck_assert_ptr_nonnull(m->staff[1].name);
    ck_assert_ptr_nonnull(m->staff[2].name);
    ck_assert_ptr_nonnull(m->sites[0].id);
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    ck_assert_int_eq(mr_export_html(st, "2026-12", v, out), MR_OK);

    page = read_page();
    ck_assert_ptr_null(strstr(page, "<script"));
    ck_assert_ptr_null(strstr(page, "<img"));
    ck_assert_ptr_nonnull(strstr(page, "&lt;script&gt;alert(1)&lt;/script"
                                       "&gt;"));
    ck_assert_ptr_nonnull(strstr(page, "&lt;img src=x onerror=&quot;"
                                       "document.title=&#39;pwned&#39;"
                                       "&quot;&gt;"));
    ck_assert_ptr_nonnull(strstr(page, "id=\"site-hub&quot;&gt;&lt;script"
                                       "&gt;document.body.dataset.pwned=1"
                                       "&lt;/script&gt;&#39;&amp;\""));
    free(page);

    if ((browser = chromium()) == NULL) {
        fprintf(stderr, "SKIP export_html: chromium is not installed "
                        "(scripts/setup installs it)\n");
        return;
    }
    /* The DOM after loading: the names are text, no element came of them
     * and nothing ran (the title and body are untouched). */
    snprintf(path, sizeof path, "--dump-dom > '%s/dom.html' 2>/dev/null",
             dir);
    ck_assert_int_eq(run_chromium(browser, path), 0);
    snprintf(path, sizeof path, "%s/dom.html", dir);
    dom = fx_read_file(path);
    ck_assert_ptr_nonnull(dom);
    ck_assert_ptr_nonnull(strstr(dom, "<title>Roster 2026-12, version 2"
                                      "</title>"));
    ck_assert_ptr_null(strstr(dom, "<script"));
    ck_assert_ptr_null(strstr(dom, "<img"));
    ck_assert_ptr_null(strstr(dom, "pwned=\""));        /* no data-pwned */
    ck_assert_ptr_null(strstr(dom, "data-pwned"));
    ck_assert_ptr_nonnull(strstr(dom, "&lt;script&gt;alert(1)&lt;/script"
                                      "&gt;"));
    free(dom);
    /* And it renders. */
    snprintf(path, sizeof path, "--window-size=1400,2000 "
             "--screenshot='%s/page.png' >/dev/null 2>&1", dir);
    ck_assert_int_eq(run_chromium(browser, path), 0);
    snprintf(path, sizeof path, "%s/page.png", dir);
    dom = fx_read_file(path);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(memcmp(dom, "\x89PNG", 4), 0);
    free(dom);
}
END_TEST

START_TEST(a_run_without_roster_still_makes_a_page)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    char *page;
    int v, n_ea = sol->n_ea, n_staff = sol->n_staff;

    sol->outcome = MR_OUT_INFEASIBLE;
    sol->n_assign = sol->n_slots = sol->n_ea = sol->n_shortfalls = 0;
    sol->n_staff = 0;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    sol->n_ea = n_ea;
    sol->n_staff = n_staff;
    ck_assert_int_eq(mr_export_html(st, "2026-12", v, out), MR_OK);
    page = read_page();
    ck_assert_ptr_nonnull(strstr(page, "status <b>infeasible</b>"));
    ck_assert_ptr_nonnull(strstr(page, "This run has no roster."));
    /* No empty chart claiming all cover met or nobody asked. */
    ck_assert_ptr_null(strstr(page, "Every cover requirement is met"));
    ck_assert_ptr_null(strstr(page, "<svg"));
    ck_assert_ptr_null(strstr(page, "<table class=\"month\""));
    free(page);
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    int k, rc = MR_ENOMEM;
    char *page;

    for (k = 1; k < 1000 && rc != MR_OK; k++) {
        mr_alloc_fail_at(k);
        rc = mr_export_html(st, "2026-12", 1, out);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_OK || rc == MR_ENOMEM, "rc %d at %d: %s", rc,
                      k, mr_store_errmsg(st));
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_gt(k, 10);
    page = read_page();
    ck_assert_ptr_nonnull(strstr(page, "</html>\n"));
    free(page);
    ck_assert_int_eq(mr_export_html(st, "2026-12", 7, out), MR_EINVAL);
}
END_TEST

Suite *suite_export_html(void)
{
    Suite *s = suite_create("export_html");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, page_holds_the_month_and_nothing_outside);
    tcase_add_test(tc, calendars_agree_with_the_csv_export);
    tcase_add_test(tc, hostile_names_are_text_and_run_nothing);
    tcase_add_test(tc, a_run_without_roster_still_makes_a_page);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(s, tc);
    return s;
}
