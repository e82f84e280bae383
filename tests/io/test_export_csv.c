/* Tests of io/export_csv.c: the files of SPEC.md section 8, byte for byte,
 * from a stored fx_run() (tests/fixture.h); which version is exported; and
 * failures that must leave no file behind. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "export_csv.h"
#include "fixture.h"
#include "stored_fixture.h"
#include "fsutil.h"
#include "suites.h"

static const char ROSTER[] =
    "date,period,start,end,staff_id,staff_name,role,activity,specialty,"
    "site_id,room_id,pcn_id\r\n"
    "2026-12-01,am,08:30,12:30,c002,Ben Jones,physio,clinic,,central-hub,"
    "ch-t1,\r\n"
    "2026-12-01,am,08:30,12:30,c001,\"Shah, Amrita \"\"Amy\"\"\",physio,fcp,,"
    "lewes-surgery,ls-1,lewes-pcn\r\n"
    "2026-12-02,am,08:30,12:30,a001,Cara Lee,ea,ea,,central-hub,ch-c1,\r\n"
    "2026-12-02,am,08:30,12:30,c001,\"Shah, Amrita \"\"Amy\"\"\",physio,"
    "clinic,spinal,central-hub,ch-t1,\r\n"
    "2026-12-02,pm,13:00,17:00,c002,Ben Jones,physio,clinic,,central-hub,"
    "ch-t1,\r\n";

static const char SLOTS[] =
    "date,start,end,site_id,room_id,staff_id,activity,appointment_type,"
    "capacity\r\n"
    "2026-12-01,08:30,08:50,lewes-surgery,ls-1,c001,fcp,fcp,1\r\n"
    "2026-12-02,08:30,09:15,central-hub,ch-t1,c001,clinic,initial,1\r\n"
    "2026-12-02,09:00,10:00,central-hub,ch-c1,a001,ea,ea_first,1\r\n"
    "2026-12-02,09:15,09:45,central-hub,ch-t1,c001,clinic,follow_up,1\r\n";

static const char EA[] =
    "referral_id,adviser_id,date,start,end,site_id,room_id,status\r\n"
    "R1001,a001,2026-12-02,09:00,10:00,central-hub,ch-c1,allocated\r\n"
    "R1002,,,,,,,unallocated:no_adviser_session\r\n";

static const char SATISFACTION[] =
    "staff_id,requested_weight,satisfied_weight,satisfaction\r\n"
    "a001,3,1.5,0.5\r\n"
    "c001,5,5,1\r\n";

static const char SHORTFALLS[] =
    "kind,site_id,pcn_id,activity,specialty,appointment_type,date,period,"
    "week,required,provided,shortfall\r\n"
    "cover,central-hub,,clinic,,,2026-12-01,am,,2,1,1\r\n"
    "cover,central-hub,,clinic,spinal,,2026-12-02,pm,,1,0,1\r\n"
    "pcn,,lewes-pcn,,,,,,2026-11-30,4,1,3\r\n"
    "demand,,lewes-pcn,,,fcp,,,,150,1,149\r\n";

static const char SUMMARY[] =
    "{\"status\": \"feasible\", \"objective\": 200, \"bound\": 150, "
    "\"gap\": 0.25, \"seconds\": 1.5, \"version\": 1, \"cover_shortfall\": 2, "
    "\"pcn_shortfall\": 3, \"demand_shortfall\": 149, "
    "\"min_satisfaction\": 0.5, \"mean_satisfaction\": 0.75, "
    "\"ea_unallocated\": 1}\n";

static char *dir;
static char db[4200], out[4200];
static mr_model *m;
static mr_solution *sol;
static mr_store *st;

static void setup(void)
{
    fx_stored_setup("exports/2026-12", &dir, db, sizeof db, out, sizeof out, &m, &sol,
                    &st);
}

static void teardown(void)
{
    fx_stored_teardown(dir, m, sol, st);
}

static void check_file(const char *name, const char *expected)
{
    char path[4400];
    char *text;

    snprintf(path, sizeof path, "%s/%s", out, name);
    text = fx_read_file(path);
    ck_assert_msg(text != NULL, "%s not written", name);
    ck_assert_str_eq(text, expected);
    free(text);
}

START_TEST(writes_the_spec_files_exactly)
{
    char names[512];

    ck_assert_msg(mr_export_csv(st, "2026-12", 1, out) == MR_OK, "%s",
                  mr_store_errmsg(st));
    check_file("roster.csv", ROSTER);
    check_file("slots.csv", SLOTS);
    check_file("ea_allocations.csv", EA);
    check_file("satisfaction.csv", SATISFACTION);
    check_file("shortfalls.csv", SHORTFALLS);
    check_file("summary.json", SUMMARY);
    /* Nothing else: no temporary file left over. */
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "ea_allocations.csv roster.csv satisfaction.csv "
                            "shortfalls.csv slots.csv summary.json");
    /* Exporting again replaces the files with the same bytes. */
    ck_assert_int_eq(mr_export_csv(st, "2026-12", 1, out), MR_OK);
    check_file("roster.csv", ROSTER);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "ea_allocations.csv roster.csv satisfaction.csv "
                            "shortfalls.csv slots.csv summary.json");
}
END_TEST

START_TEST(default_version_is_published_else_latest)
{
    mr_run_info info = {"2026-12", "regenerate", "fp", "", NULL, 2};
    int v;
    char *text, path[4400];

    int n_ea = sol->n_ea;

    sol->n_assign = 1;                       /* version 2: one assignment */
    sol->n_slots = sol->n_ea = sol->n_shortfalls = 0;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_OK);
    sol->n_ea = n_ea;                        /* so the reasons are freed */
    ck_assert_int_eq(v, 2);
    snprintf(path, sizeof path, "%s/summary.json", out);

    ck_assert_int_eq(mr_export_csv(st, "2026-12", 0, out), MR_OK);
    check_file("roster.csv",
               "date,period,start,end,staff_id,staff_name,role,activity,"
               "specialty,site_id,room_id,pcn_id\r\n"
               "2026-12-02,pm,13:00,17:00,c002,Ben Jones,physio,clinic,,"
               "central-hub,ch-t1,\r\n");
    check_file("slots.csv", "date,start,end,site_id,room_id,staff_id,"
                            "activity,appointment_type,capacity\r\n");
    text = fx_read_file(path);
    ck_assert_ptr_nonnull(strstr(text, "\"version\": 2,"));
    ck_assert_ptr_nonnull(strstr(text, "\"changes\": 2}\n"));
    free(text);

    ck_assert_int_eq(mr_store_publish(st, "2026-12", 1, "ops"), MR_OK);
    ck_assert_int_eq(mr_export_csv(st, "2026-12", 0, out), MR_OK);
    check_file("roster.csv", ROSTER);
    check_file("summary.json", SUMMARY);

    ck_assert_int_eq(mr_export_csv(st, "2026-12", 2, out), MR_OK);
    text = fx_read_file(path);
    ck_assert_ptr_nonnull(strstr(text, "\"version\": 2,"));
    free(text);
}
END_TEST

START_TEST(missing_run_writes_nothing)
{
    char names[512];

    ck_assert_int_eq(mr_export_csv(st, "2026-12", 5, out), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "no version 5"));
    ck_assert_int_eq(mr_export_csv(st, "2027-01", 0, out), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "no run of 2027-01"));
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "");
}
END_TEST

START_TEST(unwritable_target_is_an_io_error)
{
    char path[4400];
    FILE *f;

    /* out's parent is a plain file: the directory cannot be made. */
    snprintf(path, sizeof path, "%s/exports", dir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(mr_export_csv(st, "2026-12", 1, out), MR_EIO);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "exports"));
}
END_TEST

START_TEST(allocation_failures_are_reported)
{
    int k, rc = MR_ENOMEM;
    char names[512];

    for (k = 1; k < 500 && rc != MR_OK; k++) {
        mr_alloc_fail_at(k);
        rc = mr_export_csv(st, "2026-12", 1, out);
        mr_alloc_fail_at(0);
        ck_assert_msg(rc == MR_OK || rc == MR_ENOMEM, "rc %d at %d: %s", rc,
                      k, mr_store_errmsg(st));
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_gt(k, 5);
    check_file("roster.csv", ROSTER);
    fx_list_dir(out, names, sizeof names);
    ck_assert_str_eq(names, "ea_allocations.csv roster.csv satisfaction.csv "
                            "shortfalls.csv slots.csv summary.json");
}
END_TEST

START_TEST(atomic_write_and_mkdir_p)
{
    char path[4400], err[256];
    char *text;

    snprintf(path, sizeof path, "%s/a/b/c", dir);
    ck_assert_int_eq(mr_mkdir_p(path, err, sizeof err), MR_OK);
    ck_assert_int_eq(mr_mkdir_p(path, err, sizeof err), MR_OK);  /* exists */
    snprintf(path, sizeof path, "%s/a/b/c/f.txt", dir);
    ck_assert_int_eq(mr_write_file_atomic(path, "one", 3, err, sizeof err),
                     MR_OK);
    ck_assert_int_eq(mr_write_file_atomic(path, "two\n", 4, err, sizeof err),
                     MR_OK);
    text = fx_read_file(path);
    ck_assert_str_eq(text, "two\n");
    free(text);
    /* A missing directory: refused, with the reason. */
    snprintf(path, sizeof path, "%s/nope/f.txt", dir);
    ck_assert_int_eq(mr_write_file_atomic(path, "x", 1, err, sizeof err),
                     MR_EIO);
    ck_assert_ptr_nonnull(strstr(err, "cannot create"));
    /* mkdir -p through a file. */
    snprintf(path, sizeof path, "%s/a/b/c/f.txt/d", dir);
    ck_assert_int_eq(mr_mkdir_p(path, err, sizeof err), MR_EIO);
}
END_TEST

Suite *suite_export_csv(void)
{
    Suite *s = suite_create("export_csv");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, writes_the_spec_files_exactly);
    tcase_add_test(tc, default_version_is_published_else_latest);
    tcase_add_test(tc, missing_run_writes_nothing);
    tcase_add_test(tc, unwritable_target_is_an_io_error);
    tcase_add_test(tc, allocation_failures_are_reported);
    tcase_add_test(tc, atomic_write_and_mkdir_p);
    suite_add_tcase(s, tc);
    return s;
}
