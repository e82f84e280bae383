/* End-to-end tests of the mskrota command line: exit codes of SPEC.md
 * section 7, messages with file:line:column, solve -> store -> export. The
 * binary is found through MR_BUILD_ROOT; the example through
 * MR_SOURCE_ROOT. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "clock.h"
#include "fixture.h"
#include "suites.h"

static char out_text[1 << 16];

/* Runs "mskrota ARGS" through the shell, capturing stdout and stderr
 * together into out_text; returns the exit code. */
static int run(const char *args)
{
    char cmd[8192];
    FILE *p;
    size_t n;
    int st;

    snprintf(cmd, sizeof cmd, "%s/mskrota %s 2>&1", getenv("MR_BUILD_ROOT"),
             args);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    n = fread(out_text, 1, sizeof out_text - 1, p);
    out_text[n] = '\0';
    st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *example(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/data/example", getenv("MR_SOURCE_ROOT"));
    return path;
}

/* Copies the example into a temp dir so that tests may break it. */
static char *copy_example(void)
{
    char cmd[8192];
    char *dir = fx_tmpdir();
    snprintf(cmd, sizeof cmd, "cp -R '%s/.' '%s/' && chmod -R u+w '%s'",
             example(), dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    return dir;
}

static void write_text(const char *dir, const char *rel, const char *text)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(help_and_version_exit_zero)
{
    ck_assert_int_eq(run("--help"), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "mskrota solve SERVICE_DIR"));
    ck_assert_ptr_nonnull(strstr(out_text, "mskrota export"));
    ck_assert_int_eq(run("--version"), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "mskrota "));
}
END_TEST

START_TEST(bad_usage_exits_64)
{
    ck_assert_int_eq(run(""), 64);
    ck_assert_int_eq(run("frobnicate"), 64);
    ck_assert_int_eq(run("validate"), 64);
    ck_assert_int_eq(run("solve /nonexistent"), 64);           /* no --month */
    ck_assert_int_eq(run("solve /x --month 2026-13"), 64);
    ck_assert_int_eq(run("validate /x --bogus"), 64);
    ck_assert_ptr_nonnull(strstr(out_text, "unknown option '--bogus'"));
    ck_assert_int_eq(run("solve /x --month 2026-12 --time-limit abc"), 64);
    ck_assert_int_eq(run("solve /x --month 2026-12 --threads 3"), 64);
    ck_assert_int_eq(run("solve /x --month 2026-12 --threads 1.5"), 64);
    ck_assert_int_eq(run("export --month 2026-12 --threads 1 --out /tmp"), 64);
    ck_assert_int_eq(run("export --month 2026-12 --format pdf --out /tmp"), 64);
}
END_TEST

START_TEST(validate_example_is_valid)
{
    char args[4200];
    snprintf(args, sizeof args, "validate %s --month 2026-12", example());
    ck_assert_int_eq(run(args), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "valid"));
    snprintf(args, sizeof args, "validate %s", example());
    ck_assert_int_eq(run(args), 0);
}
END_TEST

START_TEST(unreadable_service_exits_74)
{
    ck_assert_int_eq(run("validate /nonexistent/service --month 2026-12"), 74);
}
END_TEST

START_TEST(broken_inputs_exit_65_with_places)
{
    char *dir = copy_example();
    char args[4200];

    write_text(dir, "months/2026-12/preferences/s010.yaml",
               "staff: s010\nmonth: 2026-12\nrequests:\n"
               "  - {weekday: tue, site: remot, weight: 4}\n"
               "  - {date: 2026-12-40, off: true, weight: 1}\n");
    snprintf(args, sizeof args, "validate %s --month 2026-12", dir);
    ck_assert_int_eq(run(args), 65);
    /* Both problems, each with its place. */
    ck_assert_ptr_nonnull(strstr(out_text,
        "months/2026-12/preferences/s010.yaml:4:"));
    ck_assert_ptr_nonnull(strstr(out_text, "did you mean 'remote'"));
    ck_assert_ptr_nonnull(strstr(out_text,
        "months/2026-12/preferences/s010.yaml:5:"));
    /* solve refuses invalid input the same way. */
    snprintf(args, sizeof args, "solve %s --month 2026-12 --db %s/x.db", dir,
             dir);
    ck_assert_int_eq(run(args), 65);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(solve_store_export_agree)
{
    char *dir = copy_example();
    char args[8400], path[4200];
    char *summary, *roster;
    struct stat st;
    int lines = 0;

    snprintf(args, sizeof args, "solve %s --month 2026-12 --time-limit 20 "
             "--json --threads 1", dir);
    ck_assert_int_eq(run(args), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "\"version\": 1"));
    snprintf(path, sizeof path, "%s/mskrota.db", dir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    snprintf(args, sizeof args, "export --month 2026-12 --format csv --out "
             "%s/out --db %s/mskrota.db", dir, dir);
    ck_assert_int_eq(run(args), 0);
    snprintf(path, sizeof path, "%s/out/summary.json", dir);
    summary = fx_read_file(path);
    ck_assert_ptr_nonnull(summary);
    ck_assert_ptr_nonnull(strstr(summary, "\"version\": 1"));
    snprintf(path, sizeof path, "%s/out/roster.csv", dir);
    roster = fx_read_file(path);
    ck_assert_ptr_nonnull(roster);
    ck_assert_ptr_nonnull(strstr(roster, "date,period,start,end,staff_id,"
        "staff_name,role,activity,specialty,site_id,room_id,pcn_id"));
    for (const char *p = roster; *p; p++)
        lines += *p == '\n';
    /* Every contracted session is rostered: the example's dues sum to 520. */
    ck_assert_int_eq(lines - 1, 520);
    /* A second solve is a new version; the first stays. */
    snprintf(args, sizeof args, "solve %s --month 2026-12 --time-limit 20 "
             "--json", dir);
    ck_assert_int_eq(run(args), 0);
    ck_assert_ptr_nonnull(strstr(out_text, "\"version\": 2"));
    free(summary);
    free(roster);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

/* --time-limit bounds the whole command, and the solver gets all of it
 * but a reserve that follows the size of the service: data/east-60 (60
 * people, not proved optimal in a minute) at 20 s. The reserve used to be
 * a tenth of the limit, 2 s here. */
START_TEST(time_limit_bounds_the_whole_command)
{
    char args[8400];
    char *dir = fx_tmpdir();
    const char *sec, *asan = getenv("ASAN_OPTIONS");
    char *saved = asan != NULL ? strdup(asan) : NULL;
    double wall;

    /* A sanitizer build's leak check at exit scans the whole heap (over a
     * second for this run's 900 MB): not part of the command. */
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    snprintf(args, sizeof args, "solve %s/data/east-60 --month 2026-12 "
             "--time-limit 20 --json --db %s/x.db", getenv("MR_SOURCE_ROOT"),
             dir);
    wall = mr_clock();
    ck_assert_int_eq(run(args), 0);
    wall = mr_clock() - wall;
    if (saved != NULL)
        setenv("ASAN_OPTIONS", saved, 1);
    else
        unsetenv("ASAN_OPTIONS");
    free(saved);
    ck_assert_msg(wall <= 21.0, "the command took %.2f s", wall);
    sec = strstr(out_text, "\"seconds\": ");
    ck_assert_ptr_nonnull(sec);
    if (strstr(out_text, "\"optimal\"") == NULL)
        ck_assert_msg(strtod(sec + 11, NULL) >= 18.5, "the solver had "
                      "%.2f s of 20", strtod(sec + 11, NULL));
    fx_rmtree(dir);
    free(dir);
}
END_TEST

Suite *suite_cli(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, help_and_version_exit_zero);
    tcase_add_test(tc, bad_usage_exits_64);
    tcase_add_test(tc, validate_example_is_valid);
    tcase_add_test(tc, unreadable_service_exits_74);
    tcase_add_test(tc, broken_inputs_exit_65_with_places);
    tcase_add_test(tc, solve_store_export_agree);
    tcase_add_test(tc, time_limit_bounds_the_whole_command);
    suite_add_tcase(s, tc);
    return s;
}
