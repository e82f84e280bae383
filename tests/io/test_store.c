/* Tests of io/store*.c: opening (mode 0600, schema), saving versions,
 * reading rows and figures back, publishing, and that a failed save leaves
 * no trace. The run is fx_run() of tests/fixture.h. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "csvout.h"
#include "fixture.h"
#include "stored_fixture.h"
#include "store.h"
#include "suites.h"

static const char SUMMARY_V1[] =
    "{\"status\": \"feasible\", \"objective\": 200, \"bound\": 150, "
    "\"gap\": 0.25, \"seconds\": 1.5, \"version\": 1, \"cover_shortfall\": 2, "
    "\"pcn_shortfall\": 3, \"demand_shortfall\": 149, "
    "\"min_satisfaction\": 0.5, \"mean_satisfaction\": 0.75, "
    "\"ea_unallocated\": 1}";

/* Per test: a temporary directory, a database in it, the fx_run model. */
static char *dir;
static char db[4200];
static mr_model *m;
static mr_solution *sol;
static mr_store *st;

static void setup(void)
{
    dir = fx_tmpdir();
    snprintf(db, sizeof db, "%s/runs.db", dir);
    m = fx_run(&sol);
    st = NULL;
}

static void teardown(void)
{
    fx_stored_teardown(dir, m, sol, st);
}

static void open_store(void)
{
    int rc = mr_store_open(db, &st);
    ck_assert_msg(rc == MR_OK, "open: %s", mr_store_errmsg(st));
}

static mr_run_info solve_info(void)
{
    mr_run_info info = {"2026-12", "solve", "fp-1", "time_limit=60", NULL, -1};
    return info;
}

static int save(const mr_run_info *info)
{
    int v = -1;
    int rc = mr_store_save(st, m, sol, info, &v);
    ck_assert_msg(rc == MR_OK, "save: %s", mr_store_errmsg(st));
    return v;
}

static int latest(void)
{
    int v = -1;
    ck_assert_int_eq(mr_store_latest(st, "2026-12", &v), MR_OK);
    return v;
}

/* Collects rows as CSV text. */
static int collect(void *user, const char *const *cells, int n)
{
    return mr_csv_row(user, cells, n);
}

static char *rows_text(int table, int version)
{
    mr_buf b;
    char *out;
    mr_buf_init(&b);
    ck_assert_int_eq(mr_store_rows(st, "2026-12", version, table, collect, &b),
                     MR_OK);
    ck_assert_int_eq(mr_buf_take(&b, &out), MR_OK);
    return out;
}

START_TEST(new_database_is_private)
{
    struct stat sb;
    open_store();
    ck_assert_int_eq(stat(db, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    save(&(mr_run_info){"2026-12", "solve", NULL, NULL, NULL, -1});
    /* WAL mode: the log exists beside the database, private too. */
    char wal[4300];
    snprintf(wal, sizeof wal, "%s-wal", db);
    ck_assert_int_eq(stat(wal, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    ck_assert_int_eq(mr_store_check(st), MR_OK);
    /* Reopening finds the schema made. */
    mr_store_close(st);
    st = NULL;
    open_store();
    ck_assert_int_eq(latest(), 1);
}
END_TEST

START_TEST(versions_count_per_month)
{
    mr_run_info info = solve_info();
    open_store();
    ck_assert_int_eq(latest(), 0);
    ck_assert_int_eq(save(&info), 1);
    ck_assert_int_eq(save(&info), 2);
    ck_assert_int_eq(latest(), 2);
    int v = -1;
    ck_assert_int_eq(mr_store_latest(st, "2027-01", &v), MR_OK);
    ck_assert_int_eq(v, 0);
    /* A second connection (another process) continues the numbering. */
    mr_store *other = NULL;
    ck_assert_int_eq(mr_store_open(db, &other), MR_OK);
    ck_assert_int_eq(mr_store_save(other, m, sol, &info, &v), MR_OK);
    ck_assert_int_eq(v, 3);
    mr_store_close(other);
    ck_assert_int_eq(latest(), 3);
}
END_TEST

START_TEST(save_refuses_bad_arguments)
{
    int v = -1;
    open_store();
    mr_run_info info = solve_info();
    info.month = "2027-01";                 /* not the model's month */
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_EINVAL);
    ck_assert_int_eq(v, 0);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "2026-12"));
    info.month = "2026-13";
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_EINVAL);
    info = solve_info();
    info.kind = "resolve";
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_EINVAL);
    info = solve_info();
    sol->outcome = MR_OUT_NONE;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_EINVAL);
    ck_assert_int_eq(latest(), 0);
}
END_TEST

START_TEST(rows_read_back_in_export_order)
{
    mr_run_info info = solve_info();
    char *t;
    int n;

    open_store();
    save(&info);
    t = rows_text(MR_TABLE_ROSTER, 1);
    ck_assert_str_eq(t,
        "2026-12-01,am,08:30,12:30,c002,Ben Jones,physio,clinic,,central-hub,"
        "ch-t1,\r\n"
        "2026-12-01,am,08:30,12:30,c001,\"Shah, Amrita \"\"Amy\"\"\",physio,"
        "fcp,,lewes-surgery,ls-1,lewes-pcn\r\n"
        "2026-12-02,am,08:30,12:30,a001,Cara Lee,ea,ea,,central-hub,ch-c1,\r\n"
        "2026-12-02,am,08:30,12:30,c001,\"Shah, Amrita \"\"Amy\"\"\",physio,"
        "clinic,spinal,central-hub,ch-t1,\r\n"
        "2026-12-02,pm,13:00,17:00,c002,Ben Jones,physio,clinic,,central-hub,"
        "ch-t1,\r\n");
    mr_free(t);
    t = rows_text(MR_TABLE_SATISFACTION, 1);
    ck_assert_str_eq(t, "a001,3,1.5,0.5\r\nc001,5,5,1\r\n");
    mr_free(t);
    t = rows_text(MR_TABLE_EA, 0);           /* 0: the latest */
    ck_assert_str_eq(t, "R1001,a001,2026-12-02,09:00,10:00,central-hub,ch-c1,"
                        "allocated\r\nR1002,,,,,,,"
                        "unallocated:no_adviser_session\r\n");
    mr_free(t);
    const char *const *cols = mr_store_table_columns(MR_TABLE_SLOTS, &n);
    ck_assert_int_eq(n, 9);
    ck_assert_str_eq(cols[8], "capacity");
    ck_assert_str_eq(mr_store_table_file(MR_TABLE_SHORTFALLS),
                     "shortfalls.csv");
    /* No such version. */
    mr_buf b;
    mr_buf_init(&b);
    ck_assert_int_eq(mr_store_rows(st, "2026-12", 2, MR_TABLE_ROSTER, collect,
                                   &b), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "no version 2"));
    mr_buf_free(&b);
}
END_TEST

static int stop_at_second(void *user, const char *const *cells, int n)
{
    (void)cells;
    (void)n;
    return ++*(int *)user == 2 ? MR_EINVAL : MR_OK;
}

START_TEST(row_callback_can_stop)
{
    mr_run_info info = solve_info();
    int calls = 0;
    open_store();
    save(&info);
    ck_assert_int_eq(mr_store_roster_rows(st, "2026-12", 1, stop_at_second,
                                          &calls), MR_EINVAL);
    ck_assert_int_eq(calls, 2);
}
END_TEST

START_TEST(run_figures_and_warnings_read_back)
{
    mr_diags d;
    mr_store_run r;
    mr_buf b;
    char *t;

    mr_diags_init(&d);
    mr_diag_add(&d, MR_WARNING, "months/2026-12/preferences/c001.yaml", 0, 0,
                "late preference file");
    mr_diag_add(&d, MR_WARNING, NULL, 0, 0, "c002 can do nothing but admin");
    mr_run_info info = {"2026-12", "regenerate", "abc123", "gap=0.01", &d, 7};
    open_store();
    save(&info);
    mr_diags_clear(&d);

    ck_assert_int_eq(mr_store_run_get(st, "2026-12", 1, &r), MR_OK);
    ck_assert_str_eq(r.month, "2026-12");
    ck_assert_int_eq(r.version, 1);
    ck_assert_str_eq(r.kind, "regenerate");
    ck_assert_str_eq(r.status, "feasible");
    ck_assert_str_eq(r.fingerprint, "abc123");
    ck_assert_str_eq(r.params, "gap=0.01");
    ck_assert_int_eq(strlen(r.created_at), 20);
    ck_assert_int_eq(r.created_at[19], 'Z');
    ck_assert_double_eq(r.first_seconds, 0.25);
    ck_assert_double_eq(r.parts.pcn, 600);
    ck_assert_double_eq(r.parts.fairness, -100);
    ck_assert_int_eq(r.changes, 7);
    ck_assert_int_eq(r.n_assignments, 5);
    ck_assert_int_eq(r.published, 0);
    ck_assert_ptr_null(r.published_by);
    mr_store_run_clear(&r);

    mr_buf_init(&b);
    ck_assert_int_eq(mr_store_warning_rows(st, "2026-12", 1, collect, &b),
                     MR_OK);
    ck_assert_int_eq(mr_buf_take(&b, &t), MR_OK);
    ck_assert_str_eq(t, "months/2026-12/preferences/c001.yaml: warning: late "
                        "preference file\r\nwarning: c002 can do nothing but "
                        "admin\r\n");
    mr_free(t);

    ck_assert_int_eq(mr_store_summary_json(st, "2026-12", 1, &t), MR_OK);
    ck_assert_ptr_nonnull(strstr(t, "\"ea_unallocated\": 1, \"changes\": 7}"));
    mr_free(t);
}
END_TEST

START_TEST(summary_json_is_spec_object)
{
    mr_run_info info = solve_info();
    char *t = NULL;
    open_store();
    save(&info);
    ck_assert_int_eq(mr_store_summary_json(st, "2026-12", 1, &t), MR_OK);
    ck_assert_str_eq(t, SUMMARY_V1);
    mr_free(t);
    /* Nobody with requests: the satisfaction figures are null, no rows. */
    sol->min_satisfaction = sol->mean_satisfaction = -1;
    for (int p = 0; p < 3; p++)
        sol->satisfaction[p] = -1;
    sol->objective = NAN;
    ck_assert_int_eq(save(&info), 2);
    ck_assert_int_eq(mr_store_summary_json(st, "2026-12", 2, &t), MR_OK);
    ck_assert_ptr_nonnull(strstr(t, "{\"status\": \"feasible\", \"objective\": "
                                    "null, "));
    ck_assert_ptr_nonnull(strstr(t, "\"min_satisfaction\": null, "
                                    "\"mean_satisfaction\": null, "));
    mr_free(t);
    t = rows_text(MR_TABLE_SATISFACTION, 2);
    ck_assert_str_eq(t, "");
    mr_free(t);
}
END_TEST

START_TEST(publish_marks_versions)
{
    mr_run_info info = solve_info();
    mr_store_run r;
    int v = -1;

    open_store();
    save(&info);
    save(&info);
    ck_assert_int_eq(mr_store_published(st, "2026-12", &v), MR_OK);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(mr_store_pick(st, "2026-12", 0, &v), MR_OK);
    ck_assert_int_eq(v, 2);                  /* none published: the latest */
    ck_assert_int_eq(mr_store_publish(st, "2026-12", 1, "ops"), MR_OK);
    ck_assert_int_eq(mr_store_published(st, "2026-12", &v), MR_OK);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(mr_store_pick(st, "2026-12", 0, &v), MR_OK);
    ck_assert_int_eq(v, 1);                  /* the published one */
    ck_assert_int_eq(mr_store_publish(st, "2026-12", 1, "ops"), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "already published"));
    ck_assert_int_eq(mr_store_publish(st, "2026-12", 0, NULL), MR_OK);
    ck_assert_int_eq(mr_store_published(st, "2026-12", &v), MR_OK);
    ck_assert_int_eq(v, 2);
    ck_assert_int_eq(mr_store_run_get(st, "2026-12", 1, &r), MR_OK);
    ck_assert_int_eq(r.published, 1);        /* the earlier one stays */
    ck_assert_str_eq(r.published_by, "ops");
    ck_assert_int_eq(strlen(r.published_at), 20);
    mr_store_run_clear(&r);
    ck_assert_int_eq(mr_store_publish(st, "2026-12", 9, NULL), MR_EINVAL);
    ck_assert_int_eq(mr_store_publish(st, "2027-01", 0, NULL), MR_EINVAL);
    /* An infeasible run has no roster to publish. */
    sol->outcome = MR_OUT_INFEASIBLE;
    ck_assert_int_eq(save(&info), 3);
    ck_assert_int_eq(mr_store_publish(st, "2026-12", 3, NULL), MR_EINVAL);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "infeasible"));
    ck_assert_int_eq(mr_store_published(st, "2026-12", &v), MR_OK);
    ck_assert_int_eq(v, 2);
}
END_TEST

START_TEST(failed_save_leaves_no_version)
{
    mr_run_info info = solve_info();
    int v = -1;
    char *t;

    open_store();
    save(&info);
    /* The EA rows come after the roster and slots: those are written when
     * the bad referral index stops the save. */
    sol->ea[1].referral = 9;
    ck_assert_int_eq(mr_store_save(st, m, sol, &info, &v), MR_EINVAL);
    ck_assert_int_eq(v, 0);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(st), "EA allocation 1"));
    ck_assert_int_eq(latest(), 1);
    ck_assert_int_eq(mr_store_check(st), MR_OK);
    ck_assert_int_eq(mr_store_rows(st, "2026-12", 2, MR_TABLE_ROSTER, collect,
                                   NULL), MR_EINVAL);
    sol->ea[1].referral = 0;
    ck_assert_int_eq(save(&info), 2);        /* no gap in the numbering */
    t = rows_text(MR_TABLE_ROSTER, 2);
    char *t1 = rows_text(MR_TABLE_ROSTER, 1);
    ck_assert_str_eq(t, t1);
    mr_free(t1);
    mr_free(t);
}
END_TEST

START_TEST(allocation_failures_roll_back)
{
    mr_diags d;
    mr_run_info info = solve_info();
    int v, rc, k, failures = 0;

    mr_diags_init(&d);
    mr_diag_add(&d, MR_WARNING, "service.yaml", 3, 5, "something odd");
    info.warnings = &d;
    open_store();
    save(&info);
    for (k = 1; k < 100; k++) {
        mr_alloc_fail_at(k);
        rc = mr_store_save(st, m, sol, &info, &v);
        mr_alloc_fail_at(0);
        if (rc == MR_OK)
            break;
        failures++;
        ck_assert_int_eq(rc, MR_ENOMEM);
        ck_assert_int_eq(v, 0);
        ck_assert_int_eq(latest(), 1);
        ck_assert_int_eq(mr_store_check(st), MR_OK);
    }
    ck_assert_int_lt(k, 100);
    ck_assert_int_ge(failures, 2);           /* the warning and an EA status */
    ck_assert_int_eq(v, 2);
    mr_diags_clear(&d);
    char *t = rows_text(MR_TABLE_EA, 2);
    ck_assert_ptr_nonnull(strstr(t, "unallocated:no_adviser_session"));
    mr_free(t);
}
END_TEST

START_TEST(open_failures_report)
{
    FILE *f;
    mr_store *bad = NULL;

    /* Out of memory at the first allocation: nothing to close. */
    mr_alloc_fail_at(1);
    ck_assert_int_eq(mr_store_open(db, &bad), MR_ENOMEM);
    mr_alloc_fail_at(0);
    ck_assert_ptr_null(bad);
    ck_assert_str_eq(mr_store_errmsg(bad), "out of memory");
    /* Not a database. */
    f = fopen(db, "w");
    ck_assert_ptr_nonnull(f);
    fputs("this is not a database, just some text that is long enough to "
          "fill a header of one hundred bytes or so................\n", f);
    fclose(f);
    ck_assert_int_eq(mr_store_open(db, &bad), MR_EIO);
    ck_assert_ptr_nonnull(bad);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(bad), db));
    mr_store_close(bad);
    /* A directory that does not exist. */
    char path[4300];
    snprintf(path, sizeof path, "%s/no/such/dir/x.db", dir);
    ck_assert_int_eq(mr_store_open(path, &bad), MR_EIO);
    ck_assert_ptr_nonnull(strstr(mr_store_errmsg(bad), "cannot open"));
    int v;
    ck_assert_int_eq(mr_store_latest(bad, "2026-12", &v), MR_EIO);
    mr_store_close(bad);
}
END_TEST

Suite *suite_store(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, new_database_is_private);
    tcase_add_test(tc, versions_count_per_month);
    tcase_add_test(tc, save_refuses_bad_arguments);
    tcase_add_test(tc, rows_read_back_in_export_order);
    tcase_add_test(tc, row_callback_can_stop);
    tcase_add_test(tc, run_figures_and_warnings_read_back);
    tcase_add_test(tc, summary_json_is_spec_object);
    tcase_add_test(tc, publish_marks_versions);
    tcase_add_test(tc, failed_save_leaves_no_version);
    tcase_add_test(tc, allocation_failures_roll_back);
    tcase_add_test(tc, open_failures_report);
    suite_add_tcase(s, tc);
    return s;
}
