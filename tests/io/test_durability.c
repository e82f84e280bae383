/* Durability: solve, regenerate and batch killed (SIGKILL) at many points,
 * from the start of the run to its end and past it. After each kill the
 * database must pass PRAGMA integrity_check, every version stored before
 * must read back exactly as it did (all its tables), and afterwards each
 * command must run to completion. The delays come from a fixed seed, so a
 * failure can be replayed; MR_TEST_SEED picks another. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_run.h"
#include "clock.h"
#include "fixture.h"
#include "store.h"
#include "suites.h"

#define MAX_VERSIONS 128
#define KILLS_EACH   6            /* runs cut per command */
#define TRIES_EACH   24           /* attempts per command to cut them */

/* What each stored version read back as, per month. */
typedef struct snap {
    const char *month;
    int         n;
    char       *text[MAX_VERSIONS + 1];
} snap;

typedef struct buf {
    char  *s;
    size_t len, cap;
} buf;

static int add_row(void *user, const char *const *cells, int n)
{
    buf *b = user;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(cells[i]);
        if (b->len + k + 2 >= b->cap) {
            b->cap = (b->cap + k + 2) * 2;
            b->s = realloc(b->s, b->cap);
            ck_assert_ptr_nonnull(b->s);
        }
        memcpy(b->s + b->len, cells[i], k);
        b->len += k;
        b->s[b->len++] = i + 1 < n ? '\t' : '\n';
        b->s[b->len] = '\0';
    }
    return MR_OK;
}

/* Every table of a version, its warnings and its figures, as one text. */
static char *dump(mr_store *st, const char *month, int v)
{
    buf b = {NULL, 0, 0};
    char *json = NULL;

    for (int t = 0; t < MR_N_TABLES; t++) {
        const char *name = mr_store_table_file(t);
        const char *cells[1] = {name};
        add_row(&b, cells, 1);
        ck_assert_int_eq(mr_store_rows(st, month, v, t, add_row, &b), MR_OK);
    }
    ck_assert_int_eq(mr_store_warning_rows(st, month, v, add_row, &b),
                     MR_OK);
    ck_assert_int_eq(mr_store_summary_json(st, month, v, &json), MR_OK);
    {
        const char *cells[1] = {json};
        add_row(&b, cells, 1);
    }
    free(json);
    return b.s;
}

/* Checks the database after a kill; records versions that appeared. */
static void check_db(const char *dir, snap *snaps, int n_snaps)
{
    char path[4200];
    mr_store *st = NULL;
    struct stat sb;

    snprintf(path, sizeof path, "%s/mskrota.db", dir);
    ck_assert_int_eq(mr_store_open(path, &st), MR_OK);
    ck_assert_msg(mr_store_check(st) == MR_OK, "integrity: %s",
                  mr_store_errmsg(st));
    for (int k = 0; k < n_snaps; k++) {
        snap *s = &snaps[k];
        int latest;
        ck_assert_int_eq(mr_store_latest(st, s->month, &latest), MR_OK);
        ck_assert_int_ge(latest, s->n);
        ck_assert_int_le(latest, MAX_VERSIONS);
        for (int v = 1; v <= s->n; v++) {
            char *now = dump(st, s->month, v);
            ck_assert_msg(strcmp(now, s->text[v]) == 0,
                          "version %d of %s changed after a kill", v,
                          s->month);
            free(now);
        }
        for (int v = s->n + 1; v <= latest; v++)
            s->text[v] = dump(st, s->month, v);
        s->n = latest;
    }
    mr_store_close(st);
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
}

static unsigned long rng;

/* A kill point from 0 to window ms. The window starts at three times a
 * measured solve (at most 2 s) and shrinks per command as runs end before
 * their kill, so the kills land inside runs however fast the solver gets. */
static int delay_ms(int window)
{
    rng = rng * 6364136223846793005ul + 1442695040888963407ul;
    return (int)((rng >> 33) % (unsigned long)(window + 1));
}

START_TEST(killed_runs_leave_the_database_intact)
{
    char *dir = ct_copy_example();
    const char *seed = getenv("MR_TEST_SEED");
    const char *solve[] = {"mskrota", "solve", dir, "--month", "2026-12",
                           "--time-limit", "5", "--quiet", NULL};
    const char *regen[] = {"mskrota", "regenerate", dir, "--month",
                           "2026-12", "--from", "2026-12-15", "--time-limit",
                           "5", "--quiet", NULL};
    const char *batch[] = {"mskrota", "batch", dir, "--time-limit", "5",
                           NULL};
    const char *const *cmds[] = {solve, regen, batch};
    snap snaps[2];
    char line[64];
    int killed = 0, window;
    double t0;

    rng = seed != NULL ? strtoul(seed, NULL, 10) : 20261215ul;
    memset(snaps, 0, sizeof snaps);
    snaps[0].month = "2026-12";
    snaps[1].month = "2027-01";
    /* A published December to regenerate, and a January for the batch. */
    t0 = mr_clock();
    ck_assert_int_eq(ct_run("solve %s --month 2026-12 --time-limit 5 "
                            "--quiet", dir), 0);
    window = (int)(3000 * (mr_clock() - t0));
    if (window > 2000)
        window = 2000;
    if (window < 100)
        window = 100;
    ck_assert_int_eq(ct_run("publish --month 2026-12 --db %s/mskrota.db",
                            dir), 0);
    ct_write(dir, "months/2026-12/absence.yaml", "absence:\n"
             "  - {staff: s004, from: 2026-12-15, to: 2026-12-17, "
             "reason: sickness}\n");
    {
        char path[4200];
        snprintf(path, sizeof path, "%s/months/2027-01", dir);
        ck_assert_int_eq(mkdir(path, 0700), 0);
    }
    ct_write(dir, "months/2027-01/absence.yaml", "absence:\n"
             "  - {staff: s001, from: 2027-01-05, to: 2027-01-05, "
             "reason: sickness}\n");
    check_db(dir, snaps, 2);

    /* A run that ended before its kill shrinks that command's window to
     * where it ended: the commands differ in length (regenerate is shorter
     * than solve) and a loaded machine changes them, and the kills must
     * land inside runs, from the start to the commit. */
    for (int c = 0; c < 3; c++) {
        int w = window, cuts = 0;
        for (int i = 0; i < TRIES_EACH && cuts < KILLS_EACH; i++) {
            pid_t pid;
            int ms = delay_ms(w), cut;
            if (cmds[c] == batch) {          /* something for it to do */
                snprintf(line, sizeof line, "# edit %d\n", i);
                ct_append(dir, "months/2027-01/absence.yaml", line);
            }
            pid = ct_spawn(cmds[c]);
            usleep((useconds_t)ms * 1000);
            kill(pid, SIGKILL);
            cut = ct_wait(pid) == -1;
            cuts += cut;
            if (!cut && ms < w)          /* ended before: aim earlier */
                w = ms * 3 / 4 > 20 ? ms * 3 / 4 : 20;
            check_db(dir, snaps, 2);
        }
        killed += cuts;
    }
    /* The runs must really have been cut short: each command keeps being
     * killed until KILLS_EACH of its runs were, so a fast or a loaded
     * machine costs attempts, not the check. */
    ck_assert_int_eq(killed, 3 * KILLS_EACH);

    /* And each command runs to the end afterwards. */
    ck_assert_int_eq(ct_run("solve %s --month 2026-12 --time-limit 5 "
                            "--quiet", dir), 0);
    ck_assert_int_eq(ct_run("regenerate %s --month 2026-12 --from "
                            "2026-12-15 --time-limit 5 --quiet", dir), 0);
    ct_append(dir, "months/2027-01/absence.yaml", "# last\n");
    ck_assert_int_eq(ct_run("batch %s --time-limit 5", dir), 0);
    ck_assert_ptr_nonnull(strstr(ct_out, "2027-01  solved"));
    check_db(dir, snaps, 2);
    for (int k = 0; k < 2; k++)
        for (int v = 1; v <= snaps[k].n; v++)
            free(snaps[k].text[v]);
    fx_rmtree(dir);
    free(dir);
}
END_TEST

Suite *suite_durability(void)
{
    Suite *s = suite_create("durability");
    TCase *tc = tcase_create("durability");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, killed_runs_leave_the_database_intact);
    suite_add_tcase(s, tc);
    return s;
}
