/* The nightly batch (io/cli_batch.c): it solves what changed and only
 * that, sets an invalid preference file aside without touching it, leaves
 * published months alone, and a second batch on the same database exits
 * 75 at once. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_run.h"
#include "clock.h"
#include "fixture.h"
#include "store.h"
#include "suites.h"

static int latest(const char *dir)
{
    char path[4200];
    mr_store *st = NULL;
    int v = -1;
    snprintf(path, sizeof path, "%s/mskrota.db", dir);
    ck_assert_int_eq(mr_store_open(path, &st), MR_OK);
    ck_assert_int_eq(mr_store_latest(st, "2026-12", &v), MR_OK);
    mr_store_close(st);
    return v;
}

START_TEST(batch_twice_does_nothing_the_second_time)
{
    char *dir = ct_copy_example();

    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "2026-12  solved: version 1"));
    ck_assert_int_eq(latest(dir), 1);
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "2026-12  unchanged since version "
                                         "1: left alone"));
    ck_assert_int_eq(latest(dir), 1);
    /* A changed input is picked up, once. */
    ct_append(dir, "months/2026-12/preferences/s001.yaml", "# seen\n");
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "solved: version 2"));
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_int_eq(latest(dir), 2);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

typedef struct found {
    int set_aside;
} found;

static int find_set_aside(void *user, const char *const *cells, int n)
{
    found *f = user;
    f->set_aside += n > 0 && strstr(cells[0], "preferences/s003.yaml") != NULL
                    && strstr(cells[0], "set aside") != NULL;
    return MR_OK;
}

typedef struct leave_rows {
    int in_leave;
} leave_rows;

static int count_leave(void *user, const char *const *cells, int n)
{
    leave_rows *l = user;
    /* s003's annual leave in the file: 1 - 5 December. */
    l->in_leave += n > 4 && strcmp(cells[4], "s003") == 0
                   && strcmp(cells[0], "2026-12-05") <= 0;
    return MR_OK;
}

START_TEST(invalid_preference_file_is_set_aside_untouched)
{
    char *dir = ct_copy_example(), path[4200], *before, *after;
    mr_store *st = NULL;
    found f = {0};
    leave_rows l = {0};

    /* An unknown site in a request: the file is invalid. */
    ct_append(dir, "months/2026-12/preferences/s003.yaml",
              "\n  - {weekday: mon, site: hub-9, weight: 1}\n");
    snprintf(path, sizeof path, "%s/months/2026-12/preferences/s003.yaml",
             dir);
    before = fx_read_file(path);
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 65);
    ck_assert_ptr_nonnull(strstr(ct_out, "s003.yaml"));
    ck_assert_ptr_nonnull(strstr(ct_out, "set aside"));
    ck_assert_ptr_nonnull(strstr(ct_out, "solved: version 1"));
    after = fx_read_file(path);
    ck_assert_str_eq(before, after);          /* never rewritten */
    snprintf(path, sizeof path, "%s/mskrota.db", dir);
    ck_assert_int_eq(mr_store_open(path, &st), MR_OK);
    ck_assert_int_eq(mr_store_warning_rows(st, "2026-12", 1, find_set_aside,
                                           &f), MR_OK);
    ck_assert_int_eq(f.set_aside, 1);
    /* The approved leave in the set-aside file still holds. */
    ck_assert_int_eq(mr_store_roster_rows(st, "2026-12", 1, count_leave, &l),
                     MR_OK);
    ck_assert_int_eq(l.in_leave, 0);
    mr_store_close(st);
    /* Nothing changed since: nothing to do, but the file is still set
     * aside, and said so. */
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 65);
    ck_assert_ptr_nonnull(strstr(ct_out, "unchanged since version 1: left "
                                         "alone (1 preference file still "
                                         "set aside)"));
    ck_assert_int_eq(latest(dir), 1);
    free(before);
    free(after);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(published_month_is_left_alone)
{
    char *dir = ct_copy_example();

    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_int_eq(ct_run("publish --month 2026-12 --db %s/mskrota.db",
                            dir), 0);
    ct_append(dir, "months/2026-12/preferences/s001.yaml", "# late edit\n");
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "published (version 1): left alone"));
    ck_assert_int_eq(latest(dir), 1);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(invalid_service_is_not_solved)
{
    char *dir = ct_copy_example();

    ct_append(dir, "service.yaml", "\nbogus_key: 1\n");
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 65);
    ck_assert_ptr_nonnull(strstr(ct_out, "invalid input: not solved"));
    fx_rmtree(dir);
    free(dir);
}
END_TEST

/* 1 once some process holds a flock on path (Linux: /proc/locks), so the
 * test never takes the lock itself while the batch may be reaching for it.
 * Without /proc/locks, 1 after a pause. */
static int lock_held(const char *path)
{
    struct stat sb;
    char line[256], want[64];
    FILE *f;
    int held = 0;

    if (stat(path, &sb) != 0)
        return 0;
    if ((f = fopen("/proc/locks", "r")) == NULL) {
        usleep(400000);
        return 1;
    }
    snprintf(want, sizeof want, ":%lu ", (unsigned long)sb.st_ino);
    while (!held && fgets(line, sizeof line, f) != NULL)
        held = strstr(line, "FLOCK") != NULL && strstr(line, want) != NULL;
    fclose(f);
    return held;
}

START_TEST(second_batch_exits_75_at_once)
{
    char *dir = ct_copy_example(), path[4200];
    const char *argv[] = {"mskrota", "batch", dir, "--time-limit", "10",
                          NULL};
    double t;
    pid_t first;
    int fd, code;

    /* Held by someone else (here, this test). */
    snprintf(path, sizeof path, "%s/mskrota.db.lock", dir);
    fd = open(path, O_RDWR | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
    t = mr_clock();
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 75);
    ck_assert_double_lt(mr_clock() - t, 2.0);
    ck_assert_ptr_nonnull(strstr(ct_out, "another batch is running"));
    close(fd);
    /* Two real batches: the first solves, the second is turned away. */
    first = ct_spawn(argv);
    for (int i = 0; i < 500 && !lock_held(path); i++)
        usleep(10000);
    ck_assert_int_eq(ct_run("batch %s --time-limit 10", dir), 75);
    code = ct_wait(first);
    ck_assert_int_eq(code, 0);
    ck_assert_int_eq(latest(dir), 1);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

Suite *suite_batch(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("batch");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, batch_twice_does_nothing_the_second_time);
    tcase_add_test(tc, invalid_preference_file_is_set_aside_untouched);
    tcase_add_test(tc, published_month_is_left_alone);
    tcase_add_test(tc, invalid_service_is_not_solved);
    tcase_add_test(tc, second_batch_exits_75_at_once);
    suite_add_tcase(s, tc);
    return s;
}
