/* mskrota batch: the nightly run over one service (SPEC 1, 7).
 *
 * Under an exclusive lock (flock on the database path + ".lock": a second
 * batch on the same database exits 75 at once), every month under
 * SERVICE_DIR/months/ that has no published version is re-solved when its
 * inputs changed since its latest run (the fingerprint of its input files,
 * fingerprint.h, against the one stored with that run) and left alone
 * otherwise. A month whose only errors lie in preference files is still
 * solved, with those files set aside: the files are not touched (nothing
 * a clinician submitted is deleted or rewritten); the problem is printed
 * and stored with the run as a warning. One summary line per month.
 *
 * Exit: 0 every month done; 65 some input was set aside (now, or in the
 * latest run of an unchanged month: the problem stands until fixed) or a
 * month is invalid; 74 an I/O or database error; else 2 when some month has no
 * roster that meets the hard rules, 75 when some month found no roster in
 * time (try again) or another batch holds the lock.
 *
 * Durability comes from the store: each run is saved in one transaction,
 * so a batch killed at any point leaves every stored version intact and
 * the next batch simply redoes the month it was on. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "date.h"
#include "fingerprint.h"
#include "load.h"
#include "model.h"
#include "pipeline.h"
#include "store.h"

#define MAX_MONTHS 240
#define MAX_ASIDE  64

/* What happened to a month, for the exit code. */
enum { M_DONE, M_ASIDE, M_INVALID, M_IO, M_INFEASIBLE, M_NO_ROSTER };

/* Takes the batch lock of the database; prints and returns an exit code.
 * The lock goes with the process: a killed batch leaves none behind. */
static int take_lock(const char *db, int *fd)
{
    char path[4200];

    snprintf(path, sizeof path, "%s.lock", db);
    if ((*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        fprintf(stderr, "mskrota batch: cannot open the lock %s: %s\n", path,
                strerror(errno));
        return MR_EXIT_IO;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        fprintf(stderr, "mskrota batch: %s\n", busy
                ? "another batch is running on this database (it holds the "
                  "lock); try again later"
                : strerror(errno));
        fprintf(stderr, "  lock %s\n", path);
        close(*fd);
        *fd = -1;
        return busy ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    return MR_EXIT_OK;
}

static int cmp_month(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The months under DIR/months, sorted; *n of them in names[]. Prints and
 * returns an exit code. */
static int list_months(const char *dir, char names[][8], int *n)
{
    char path[4200], sub[4500];
    DIR *dh;
    struct dirent *e;
    struct stat sb;
    int y, mo, k = 0;

    *n = 0;
    snprintf(path, sizeof path, "%s/months", dir);
    if ((dh = opendir(path)) == NULL) {
        if (errno == ENOENT)
            return MR_EXIT_OK;
        fprintf(stderr, "mskrota batch: cannot read %s: %s\n", path,
                strerror(errno));
        return MR_EXIT_IO;
    }
    while ((e = readdir(dh)) != NULL && k < MAX_MONTHS) {
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (strlen(e->d_name) != 7 || mr_month_parse(e->d_name, &y, &mo) != 0
            || stat(sub, &sb) != 0 || !S_ISDIR(sb.st_mode))
            continue;
        snprintf(names[k++], 8, "%s", e->d_name);
    }
    closedir(dh);
    qsort(names, (size_t)k, sizeof names[0], cmp_month);
    *n = k;
    return MR_EXIT_OK;
}

/* 1 when rel is a preference file of the month. */
static int is_pref_file(const char *rel, const char *month)
{
    char prefix[64];
    size_t n, len = strlen(rel);
    snprintf(prefix, sizeof prefix, "months/%.7s/preferences/", month);
    n = strlen(prefix);
    return len > n + 5 && strncmp(rel, prefix, n) == 0
           && strcmp(rel + len - 5, ".yaml") == 0;
}

/* The files to set aside: every file with an error, when all are
 * preference files of the month (else *n is -1: the month is invalid). */
static void files_to_set_aside(const mr_diags *d, const char *month,
                               const char **aside, int *n)
{
    *n = 0;
    for (int i = 0; i < d->n; i++) {
        const mr_diag *g = &d->items[i];
        int seen = 0;
        if (g->severity != MR_ERROR)
            continue;
        if (g->file == NULL || !is_pref_file(g->file, month)
            || *n >= MAX_ASIDE) {
            *n = -1;
            return;
        }
        for (int k = 0; k < *n && !seen; k++)
            seen = strcmp(aside[k], g->file) == 0;
        if (!seen)
            aside[(*n)++] = g->file;
    }
}

/* Counts the warnings of a run that set a file aside. */
static int count_set_aside(void *user, const char *const *cells, int n)
{
    *(int *)user += n > 0 && strstr(cells[0], ": set aside: ") != NULL;
    return MR_OK;
}

/* Whether the month must be solved: 0 when its latest run has the same
 * fingerprint (and a roster or a proof that none exists). *published is
 * the published version (0: none); *aside the files that run set aside.
 * Prints and returns -1 on a database error. */
static int needs_solve(const char *db, const char *month, const char *fp,
                       int *published, int *latest, int *aside)
{
    mr_store *st = NULL;
    mr_store_run run;
    int rc, need = 1;

    *published = *latest = 0;
    memset(&run, 0, sizeof run);
    if ((rc = mr_store_open(db, &st)) != MR_OK
        || (rc = mr_store_published(st, month, published)) != MR_OK
        || (rc = mr_store_latest(st, month, latest)) != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(st));
        mr_store_close(st);
        return -1;
    }
    if (*published == 0 && *latest > 0) {
        if ((rc = mr_store_run_get(st, month, *latest, &run)) != MR_OK) {
            fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(st));
            mr_store_close(st);
            return -1;
        }
        need = run.fingerprint == NULL || strcmp(run.fingerprint, fp) != 0
               || (run.n_assignments == 0 && run.status != NULL
                   && strcmp(run.status, "infeasible") != 0);
        mr_store_run_clear(&run);
        *aside = 0;
        if (!need && (rc = mr_store_warning_rows(st, month, *latest,
                                                 count_set_aside, aside))
                         != MR_OK) {
            fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(st));
            mr_store_close(st);
            return -1;
        }
    }
    mr_store_close(st);
    return need;
}

/* Approved leave is hard: a set-aside file's leave entries that read
 * well (in full, the model of every file) are added to m, so that nobody
 * is rostered in leave because a request beside it is wrong. Returns the
 * number kept in *n (per file, n_aside counts) or MR_ENOMEM. */
static int keep_leave(mr_model *m, const mr_model *full,
                      const char *const *aside, int n_aside, int *kept)
{
    for (int k = 0; k < n_aside; k++) {
        int file = -1;
        kept[k] = 0;
        for (int i = 0; i < full->n_absences; i++) {
            const mr_absence *a = &full->absences[i];
            mr_absence *b;
            int staff, j;
            if (!a->is_leave || a->loc.file < 0
                || a->loc.file >= full->n_files
                || strcmp(full->files[a->loc.file], aside[k]) != 0
                || a->staff.id == NULL || a->from > a->to
                || (staff = mr_find_staff(m, a->staff.id)) < 0)
                continue;
            if (file < 0 && mr_model_add_file(m, aside[k], &file) != MR_OK)
                return MR_ENOMEM;
            if (MR_PUSH(m, absences, &j) != MR_OK)
                return MR_ENOMEM;
            b = &m->absences[j];
            b->loc = a->loc;
            b->loc.file = file;
            if (mr_ref_set(&b->staff, a->staff.id, b->loc) != MR_OK
                || (a->kind != NULL
                    && (b->kind = mr_strdup(a->kind)) == NULL))
                return MR_ENOMEM;
            b->staff.index = staff;
            b->from = a->from;
            b->to = a->to;
            b->is_leave = 1;
            kept[k]++;
        }
    }
    return MR_OK;
}

/* Adds the problems of the set-aside files to the run's warnings. */
static void note_set_aside(mr_diags *w, const mr_diags *d,
                           const char *const *aside, int n_aside,
                           const int *kept)
{
    for (int k = 0; k < n_aside; k++) {
        int n_err = 0;
        const mr_diag *first = NULL;
        for (int i = 0; i < d->n; i++)
            if (d->items[i].severity == MR_ERROR && d->items[i].file != NULL
                && strcmp(d->items[i].file, aside[k]) == 0) {
                if (first == NULL)
                    first = &d->items[i];
                n_err++;
            }
        mr_diag_add(w, MR_WARNING, aside[k], first ? first->line : 0,
                    first ? first->col : 0, "set aside: %d error%s (first: %s);"
                    " the file is kept as it is; its requests are not used "
                    "until it is fixed, its leave is (%d entr%s)", n_err,
                    n_err == 1 ? "" : "s", first ? first->message : "?",
                    kept[k], kept[k] == 1 ? "y" : "ies");
    }
}

/* Solves one month when its inputs changed. Prints its summary line. */
static int batch_month(const mr_cli_args *a, const char *month)
{
    mr_cli_args ma = *a;
    mr_model *full = NULL, *m = NULL;
    mr_solution *sol = NULL;
    mr_pipeline p;
    mr_diags d, d2;
    const char *aside[MAX_ASIDE];
    int kept[MAX_ASIDE];
    char fp[17];
    int rc, code, result = M_DONE, n_aside = 0, published, latest, need;

    ma.month = month;
    ma.json = 0;
    ma.quiet = 1;
    mr_pipeline_init(&p, &ma, "solve");
    mr_diags_init(&d);
    mr_diags_init(&d2);
    rc = mr_load(a->dir, month, &full, &d);
    if (rc == MR_EIO || rc == MR_ENOMEM) {
        mr_cli_print_diags(&d);
        printf("%s  cannot read the inputs\n", month);
        result = M_IO;
        goto done;
    }
    mr_fingerprint(full, fp);
    if ((need = needs_solve(p.db, month, fp, &published, &latest,
                            &n_aside)) < 0) {
        printf("%s  database error\n", month);
        result = M_IO;
        goto done;
    }
    if (published > 0) {
        printf("%s  published (version %d): left alone\n", month, published);
        goto done;
    }
    if (!need) {
        /* Still reported: a file set aside stays a problem until fixed. */
        printf("%s  unchanged since version %d: left alone", month, latest);
        if (n_aside > 0)
            printf(" (%d preference file%s still set aside)", n_aside,
                   n_aside == 1 ? "" : "s");
        printf("\n");
        result = n_aside > 0 ? M_ASIDE : M_DONE;
        goto done;
    }
    n_aside = 0;
    if (d.n_errors > 0) {
        mr_cli_print_diags(&d);
        files_to_set_aside(&d, month, aside, &n_aside);
        if (n_aside < 0) {
            printf("%s  invalid input: not solved (see the errors above)\n",
                   month);
            result = M_INVALID;
            goto done;
        }
        for (int k = 0; k < n_aside; k++)
            fprintf(stderr, "mskrota batch: %s: set aside (its errors are "
                    "above); %s is solved without its requests, its leave "
                    "kept\n", aside[k], month);
        rc = mr_load_skip(a->dir, month, aside, n_aside, &m, &d2);
        if (rc == MR_EIO || rc == MR_ENOMEM || d2.n_errors > 0) {
            mr_cli_print_diags(&d2);
            printf("%s  %s\n", month, d2.n_errors > 0
                   ? "invalid input: not solved (see the errors above)"
                   : "cannot read the inputs");
            result = d2.n_errors > 0 ? M_INVALID : M_IO;
            goto done;
        }
        if (keep_leave(m, full, aside, n_aside, kept) != MR_OK) {
            printf("%s  out of memory\n", month);
            result = M_IO;
            goto done;
        }
        note_set_aside(&d2, &d, aside, n_aside, kept);
        result = M_ASIDE;
    } else {
        mr_cli_print_diags(&d);
        m = full;
        full = NULL;
        /* The run's warnings are those of the month's own files. */
        mr_diags_clear(&d2);
        d2 = d;
        mr_diags_init(&d);
    }
    p.warnings = &d2;
    p.fingerprint = fp;
    if (mr_solution_new(&sol) != MR_OK) {
        result = M_IO;
        goto done;
    }
    code = mr_pipeline_solve(&p, m, sol);
    if (code == MR_EXIT_OK) {
        printf("%s  solved: version %d, %s, objective %.2f, cover shortfall "
               "%d, pcn shortfall %d", month, p.version,
               mr_outcome_name(sol->outcome), sol->objective,
               sol->cover_shortfall, sol->pcn_shortfall);
        if (n_aside > 0)
            printf(", %d preference file%s set aside", n_aside,
                   n_aside == 1 ? "" : "s");
        printf("\n");
    } else if (code == MR_EXIT_INFEASIBLE) {
        printf("%s  no roster meets the hard rules: version %d stored\n",
               month, p.version);
        result = result == M_ASIDE ? M_ASIDE : M_INFEASIBLE;
    } else if (code == MR_EXIT_BUSY && p.version > 0) {
        printf("%s  no roster within the time limit: version %d stored; the "
               "next batch tries again\n", month, p.version);
        result = result == M_ASIDE ? M_ASIDE : M_NO_ROSTER;
    } else {
        printf("%s  failed (exit %d)\n", month, code);
        result = code == MR_EXIT_INVALID ? M_INVALID : M_IO;
    }
done:
    mr_pipeline_clear(&p);
    mr_solution_free(sol);
    mr_model_free(m);
    mr_model_free(full);
    mr_diags_clear(&d);
    mr_diags_clear(&d2);
    return result;
}

int mr_cli_batch(int argc, char **argv)
{
    static char months[MAX_MONTHS][8];
    mr_cli_args a;
    mr_pipeline p;
    int code, fd = -1, n = 0, seen[6] = {0};

    if ((code = mr_cli_parse(argc, argv, "db time-limit gap threads", 1, &a)) != 0)
        return code;
    mr_pipeline_init(&p, &a, "solve");
    if ((code = take_lock(p.db, &fd)) != MR_EXIT_OK)
        return code;
    if ((code = list_months(a.dir, months, &n)) != MR_EXIT_OK)
        goto done;
    if (n == 0)
        printf("no months under %s/months: nothing to do\n", a.dir);
    for (int i = 0; i < n; i++) {
        fflush(stdout);
        seen[batch_month(&a, months[i])]++;
    }
    code = seen[M_IO] ? MR_EXIT_IO
           : seen[M_ASIDE] || seen[M_INVALID] ? MR_EXIT_INVALID
           : seen[M_INFEASIBLE] ? MR_EXIT_INFEASIBLE
           : seen[M_NO_ROSTER] ? MR_EXIT_BUSY : MR_EXIT_OK;
done:
    close(fd);                   /* releases the lock */
    return code;
}
