/* Tests of io/export_xlsx.c: the workbook of a stored fx_run()
 * (tests/fixture.h) is a zip written in place atomically; with
 * python3-openpyxl installed, its cells agree with the CSV export
 * (tests/data/check_xlsx.py) and its sheet names are valid, unique and
 * the ones expected; failures leave no file behind. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "export_csv.h"
#include "export_xlsx.h"
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
    fx_stored_setup("xlsx", &dir, db, sizeof db, out, sizeof out, &m, &sol,
                    &st);
}

static void teardown(void)
{
    fx_stored_teardown(dir, m, sol, st);
}

/* A python3 that can import module, or NULL (apt installs modules for
 * /usr/bin/python3, which may not be the first python3 on the PATH). */
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

/* Exports version v as csv too and runs check_xlsx.py; 0 when skipped. */
static int check_with_openpyxl(int version)
{
    const char *py = python_with("openpyxl");
    char cmd[13000], csv[4300];

    if (py == NULL) {
        fprintf(stderr, "SKIP export_xlsx: python3-openpyxl is not "
                        "installed (scripts/setup installs it)\n");
        return 0;
    }
    snprintf(csv, sizeof csv, "%s/csv", dir);
    ck_assert_int_eq(mr_export_csv(st, "2026-12", version, csv), MR_OK);
    snprintf(cmd, sizeof cmd, "%s '%s/tests/data/check_xlsx.py' "
             "'%s/roster.xlsx' '%s'", py, getenv("MR_SOURCE_ROOT"), out, csv);
    ck_assert_msg(system(cmd) == 0, "check_xlsx.py failed: %s", cmd);
    return 1;
}

/* The workbook's sheet names joined by '|', read by openpyxl. */
static char *sheet_names(void)
{
    static char buf[4096];
    const char *py = python_with("openpyxl");
    char cmd[9000];
    FILE *p;
    size_t n;

    snprintf(cmd, sizeof cmd, "%s -c 'import openpyxl, sys; "
             "print(\"|\".join(openpyxl.load_workbook(sys.argv[1])"
             ".sheetnames))' '%s/roster.xlsx'", py, out);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    ck_assert_int_eq(pclose(p), 0);
    if (n > 0 && buf[n - 1] == '\n')
        buf[n - 1] = '\0';
    return buf;
}

START_TEST(writes_one_workbook_atomically)
{
    char names[512], path[4400];
    char *text;

    ck_assert_msg(mr_export_xlsx(st, "2026-12", 1, out) == MR_OK, "%s",
                  mr_store_errmsg(st));
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "roster.xlsx");
    snprintf(path, sizeof path, "%s/roster.xlsx", out);
    text = fx_read_file(path);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(memcmp(text, "PK\x03\x04", 4), 0);    /* a zip */
    free(text);
    /* Again: replaced, no temporary file left. */
    ck_assert_int_eq(mr_export_xlsx(st, "2026-12", 1, out), MR_OK);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "roster.xlsx");
}
END_TEST

START_TEST(cells_agree_with_the_csv_export)
{
    ck_assert_int_eq(mr_export_xlsx(st, "2026-12", 1, out), MR_OK);
    if (!check_with_openpyxl(1))
        return;
    ck_assert_str_eq(sheet_names(),
                     "Summary|central-hub|lewes-surgery|Cara Lee (a001)|"
                     "Shah, Amrita \"Amy\" (c001)|Ben Jones (c002)|"
                     "Shortfalls|EA allocations");
}
END_TEST

START_TEST(sheet_names_are_valid_and_unique)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    int v;

    /* A name with every character Excel refuses and too long; a person
     * and a site that would take the summary's name; a name that starts
     * with an apostrophe. */
    mr_free(m->staff[0].name);
    m->staff[0].name = mr_strdup("Dr. Very/Long:Name*With?[Brackets]\\Etc");
    mr_free(m->staff[1].name);
    m->staff[1].name = mr_strdup("'Summary");
    mr_free(m->sites[0].id);
    m->sites[0].id = mr_strdup("SUMMARY");
    ck_assert_ptr_nonnull(m->staff[0].name);
    ck_assert_ptr_nonnull(m->staff[1].name);
    ck_assert_ptr_nonnull(m->sites[0].id);
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    ck_assert_msg(mr_export_xlsx(st, "2026-12", v, out) == MR_OK, "%s",
                  mr_store_errmsg(st));
    if (!check_with_openpyxl(v))
        return;
    ck_assert_str_eq(sheet_names(),
                     "Summary|SUMMARY~2|lewes-surgery|Cara Lee (a001)|"
                     "Dr. Very_Long_Name_With_ (c001)|_Summary (c002)|"
                     "Shortfalls|EA allocations");
}
END_TEST

START_TEST(missing_run_writes_nothing)
{
    char names[512];

    ck_assert_int_eq(mr_export_xlsx(st, "2026-12", 3, out), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "no version 3"));
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "");
}
END_TEST

START_TEST(unwritable_target_is_an_io_error)
{
    char path[4400];
    FILE *f;

    snprintf(path, sizeof path, "%s/xlsx", dir);
    f = fopen(path, "w");                   /* a file where the dir goes */
    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(mr_export_xlsx(st, "2026-12", 1, out), MR_EIO);
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    int k, rc = MR_ENOMEM;
    char names[512];

    for (k = 1; k < 1000 && rc != MR_OK; k++) {
        mr_alloc_fail_at(k);
        rc = mr_export_xlsx(st, "2026-12", 1, out);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_OK || rc == MR_ENOMEM, "rc %d at %d: %s", rc,
                      k, mr_store_errmsg(st));
        /* Never a temporary file left behind. */
        fx_list_dir(out, names, sizeof names);
        ck_assert_msg(strcmp(names, "") == 0
                      || strcmp(names, "roster.xlsx") == 0, "left: %s",
                      names);
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_gt(k, 10);
}
END_TEST

Suite *suite_export_xlsx(void)
{
    Suite *s = suite_create("export_xlsx");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, writes_one_workbook_atomically);
    tcase_add_test(tc, cells_agree_with_the_csv_export);
    tcase_add_test(tc, sheet_names_are_valid_and_unique);
    tcase_add_test(tc, missing_run_writes_nothing);
    tcase_add_test(tc, unwritable_target_is_an_io_error);
    tcase_add_test(tc, allocation_failures_are_reported);
    suite_add_tcase(s, tc);
    return s;
}
