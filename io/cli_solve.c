/* mskrota solve: validate, roster the month, verify, store, summarise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "evaluate.h"
#include "fingerprint.h"
#include "load.h"
#include "model.h"
#include "mskrota.h"
#include "slots.h"
#include "solve.h"
#include "store.h"
#include "verify.h"

/* Progress on a terminal: one line rewritten in place. */
static void show_progress(const mr_progress *p, void *user)
{
    (void)user;
    if (p->has_incumbent && p->bound > -1e300)
        fprintf(stderr, "\r  %7.1f s  roster %12.2f  bound %12.2f  gap %7.2f%%  ",
                p->seconds, p->incumbent, p->bound, 100.0 * p->gap);
    else if (p->has_incumbent)
        fprintf(stderr, "\r  %7.1f s  roster %12.2f  bound %12s  gap %8s  ",
                p->seconds, p->incumbent, "-", "-");
    else if (p->bound > -1e300)
        fprintf(stderr, "\r  %7.1f s  roster %12s  bound %12.2f  gap %8s  ",
                p->seconds, "-", p->bound, "-");
    else
        fprintf(stderr, "\r  %7.1f s  searching...  ", p->seconds);
    fflush(stderr);
}

/* MSKROTA_PROGRESS=FILE (for benchmarks/run): the same progress appended to
 * FILE as "seconds<TAB>incumbent<TAB>bound<TAB>gap", a field left empty
 * while unknown, whether or not stderr is a terminal. */
static void file_progress(const mr_progress *p, void *user)
{
    FILE *f = user;
    int has_bound = p->bound > -1e300;

    fprintf(f, "%.3f\t", p->seconds);
    if (p->has_incumbent)
        fprintf(f, "%.9g", p->incumbent);
    fputc('\t', f);
    if (has_bound)
        fprintf(f, "%.9g", p->bound);
    fputc('\t', f);
    if (p->has_incumbent && has_bound)
        fprintf(f, "%.9g", p->gap);
    fputc('\n', f);
    fflush(f);
}

static void print_summary(const mr_solution *s, const char *month,
                          int version, const char *db)
{
    const mr_objective_parts *q = &s->parts;
    printf("status        %s\n", mr_outcome_name(s->outcome));
    if (s->n_assign == 0) {
        printf("bound         %.4f\n", s->bound);
        printf("seconds       %.2f\n", s->seconds);
        printf("stored        version %d of %s in %s (no roster)\n", version,
               month, db);
        return;
    }
    printf("objective     %.4f\n", s->objective);
    printf("  parts       cover %.2f, pcn %.2f, demand %.2f, preference %.2f,"
           " fairness %.2f, specialism %.2f, ea %.2f\n", q->cover, q->pcn,
           q->demand, q->preference, q->fairness, q->specialism,
           q->ea_unallocated);
    printf("bound         %.4f\n", s->bound);
    printf("gap           %.4f%%\n", 100.0 * s->gap);
    printf("seconds       %.2f (first roster %.2f)\n", s->seconds,
           s->first_seconds);
    printf("assignments   %d, slots %d\n", s->n_assign, s->n_slots);
    printf("shortfalls    cover %d person-sessions, pcn %d sessions, demand %d"
           " appointments\n", s->cover_shortfall, s->pcn_shortfall,
           s->demand_shortfall);
    printf("referrals     %d unallocated\n", s->ea_unallocated);
    if (s->min_satisfaction >= 0)
        printf("satisfaction  lowest %.3f, mean %.3f\n", s->min_satisfaction,
               s->mean_satisfaction);
    printf("stored        version %d of %s in %s\n", version, month, db);
}

/* Stores the run; prints the JSON summary when asked. Returns an exit code. */
static int store_run(const mr_cli_args *a, const mr_model *m,
                     const mr_solution *sol, const mr_diags *warnings,
                     int *version)
{
    char dbbuf[4096], fp[17], params[128];
    const char *db = mr_cli_db_path(a, dbbuf, sizeof dbbuf);
    mr_store *st = NULL;
    mr_run_info info;
    char *json = NULL;
    int rc;

    mr_fingerprint(m, fp);
    snprintf(params, sizeof params, "time_limit=%g gap=%g",
             a->time_limit, a->gap);
    info = (mr_run_info){a->month, "solve", fp, params, warnings, -1};
    rc = mr_store_open(db, &st);
    if (rc == MR_OK)
        rc = mr_store_save(st, m, sol, &info, version);
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(st));
        mr_store_close(st);
        return rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    if (a->json) {
        if (mr_store_summary_json(st, a->month, *version, &json) != MR_OK) {
            fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(st));
            mr_store_close(st);
            return MR_EXIT_IO;
        }
        printf("%s\n", json);
        mr_free(json);
    } else if (!a->quiet) {
        print_summary(sol, a->month, *version, db);
    }
    mr_store_close(st);
    return MR_EXIT_OK;
}

/* Lays out appointments, evaluates and verifies a roster. A roster that
 * breaks a hard rule is a bug: it is reported and never stored. */
static int finish_roster(const mr_model *m, mr_solution *sol)
{
    mr_diags v;
    int n;

    if (mr_appointments(m, sol) != MR_OK || mr_evaluate(m, sol) != MR_OK) {
        fprintf(stderr, "mskrota: out of memory\n");
        return MR_EXIT_IO;
    }
    /* The evaluator's objective is the one reported; the gap follows it. */
    sol->gap = (sol->objective - sol->bound) / fmax(1.0, fabs(sol->objective));
    if (sol->gap < 0)
        sol->gap = 0;
    mr_diags_init(&v);
    n = mr_verify(m, sol, &v);
    if (n != 0) {
        mr_cli_print_diags(&v);
        fprintf(stderr, "mskrota: internal error: the roster breaks %d hard "
                "rule%s; it was not stored (please report this)\n", n,
                n == 1 ? "" : "s");
        mr_diags_clear(&v);
        return 70;
    }
    mr_diags_clear(&v);
    return MR_EXIT_OK;
}

int mr_cli_solve(int argc, char **argv)
{
    mr_cli_args a;
    mr_model *m = NULL;
    mr_solution *sol = NULL;
    mr_solve_opts o;
    mr_diags d;
    FILE *pf = NULL;
    const char *pfile = getenv("MSKROTA_PROGRESS");
    int rc, code, version = 0;

    if ((code = mr_cli_parse(argc, argv,
                             "month db time-limit gap json write-lp quiet", 1,
                             &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    mr_diags_init(&d);
    rc = mr_load(a.dir, a.month, &m, &d);
    mr_cli_print_diags(&d);
    if (rc != MR_OK || d.n_errors > 0) {
        code = rc == MR_EIO || rc == MR_ENOMEM ? MR_EXIT_IO : MR_EXIT_INVALID;
        goto done;
    }
    mr_solve_opts_init(&o);
    if (a.time_limit > 0)
        o.time_limit = a.time_limit;
    if (a.gap >= 0)
        o.gap = a.gap;
    a.time_limit = o.time_limit;
    a.gap = o.gap;
    o.write_lp = a.write_lp;
    if (pfile != NULL && *pfile != '\0') {
        if ((pf = fopen(pfile, "a")) == NULL) {
            fprintf(stderr, "mskrota: cannot open %s\n", pfile);
            code = MR_EXIT_IO;
            goto done;
        }
        o.progress = file_progress;
        o.user = pf;
    } else if (!a.json && !a.quiet && isatty(STDERR_FILENO)) {
        o.progress = show_progress;
    }
    if (mr_solution_new(&sol) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    rc = mr_solve_month(m, &o, sol);
    if (o.progress == show_progress)
        fputc('\n', stderr);
    if (rc == MR_EIO) {
        fprintf(stderr, "mskrota: cannot write %s\n", a.write_lp);
        code = MR_EXIT_IO;
        goto done;
    }
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota: solve failed: %s\n", mr_status_name(rc));
        code = rc == MR_ENOMEM ? MR_EXIT_IO : 70;
        goto done;
    }
    if (sol->outcome == MR_OUT_INFEASIBLE || sol->n_assign == 0) {
        if (sol->outcome != MR_OUT_INFEASIBLE)
            fprintf(stderr, "mskrota: no roster found within the time limit\n");
        else
            fprintf(stderr, "mskrota: no roster satisfies the hard rules for "
                    "%s; run 'mskrota explain %s --month %s' to see why\n",
                    a.month, a.dir, a.month);
        sol->outcome = sol->outcome == MR_OUT_INFEASIBLE ? MR_OUT_INFEASIBLE
                                                          : MR_OUT_TIME_LIMIT;
        code = store_run(&a, m, sol, &d, &version);
        /* No roster but no proof either: a temporary failure, to be
         * tried again with more time (EX_TEMPFAIL). */
        if (code == MR_EXIT_OK)
            code = sol->outcome == MR_OUT_INFEASIBLE ? MR_EXIT_INFEASIBLE
                                                     : MR_EXIT_BUSY;
        goto done;
    }
    if ((code = finish_roster(m, sol)) != MR_EXIT_OK)
        goto done;
    code = store_run(&a, m, sol, &d, &version);
done:
    if (pf != NULL)
        fclose(pf);
    mr_solution_free(sol);
    mr_model_free(m);
    mr_diags_clear(&d);
    return code;
}
