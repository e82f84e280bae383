/* The solve pipeline shared by solve, regenerate and batch; see
 * pipeline.h. Moved here from cli_solve.c unchanged in behaviour: solve's
 * output is what it was. */
#include "pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "evaluate.h"
#include "fingerprint.h"
#include "slots.h"
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
        if (s->bound > -1e300)
            printf("bound         %.4f\n", s->bound);
        printf("seconds       %.2f\n", s->seconds);
        printf("stored        version %d of %s in %s (no roster)\n", version,
               month, db);
        return;
    }
    printf("objective     %.4f\n", s->objective);
    printf("  parts       cover %.2f, pcn %.2f, demand %.2f, preference %.2f,"
           " fairness %.2f, specialism %.2f, ea %.2f", q->cover, q->pcn,
           q->demand, q->preference, q->fairness, q->specialism,
           q->ea_unallocated);
    if (q->change != 0)
        printf(", change %.2f", q->change);
    printf("\n");
    if (s->bound > -1e300) {
        printf("bound         %.4f\n", s->bound);
        printf("gap           %.4f%%\n", 100.0 * s->gap);
    } else {
        printf("bound         none proven within the time limit\n");
    }
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

/* Prints the stored run's JSON object, with the caller's extra members. */
static int print_json(mr_pipeline *p, mr_store *st)
{
    char *json = NULL;
    size_t n;

    if (mr_store_summary_json(st, p->month, p->version, &json) != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", p->db, mr_store_errmsg(st));
        return MR_EXIT_IO;
    }
    n = strlen(json);
    if (p->json_extra != NULL && n > 0 && json[n - 1] == '}')
        printf("%.*s, %s}\n", (int)(n - 1), json, p->json_extra);
    else
        printf("%s\n", json);
    mr_free(json);
    return MR_EXIT_OK;
}

/* Stores the run; prints the JSON summary when asked. Returns an exit code. */
static int store_run(mr_pipeline *p, const mr_model *m,
                     const mr_solution *sol)
{
    char fp[17], params[512];
    mr_store *st = NULL;
    mr_run_info info;
    int rc;

    if (p->fingerprint != NULL)
        snprintf(fp, sizeof fp, "%s", p->fingerprint);
    else
        mr_fingerprint(m, fp);
    snprintf(params, sizeof params, "time_limit=%g gap=%g%s%s",
             p->limit, p->o.gap, p->params_extra != NULL ? " " : "",
             p->params_extra != NULL ? p->params_extra : "");
    info = (mr_run_info){p->month, p->kind, fp, params, p->warnings,
                         p->changes};
    rc = mr_store_open(p->db, &st);
    if (rc == MR_OK)
        rc = mr_store_save(st, m, sol, &info, &p->version);
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", p->db, mr_store_errmsg(st));
        mr_store_close(st);
        return rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    rc = MR_EXIT_OK;
    if (p->json)
        rc = print_json(p, st);
    else if (!p->quiet)
        print_summary(sol, p->month, p->version, p->db);
    mr_store_close(st);
    return rc;
}

/* Lays out appointments, evaluates and verifies a roster. A roster that
 * breaks a hard rule is a bug: it is reported and never stored. */
static int finish_roster(const mr_model *m, double want_gap, double seconds,
                         mr_solution *sol)
{
    mr_diags v;
    int n;

    if (mr_appointments_within(m, sol, seconds) != MR_OK
        || mr_evaluate(m, sol) != MR_OK) {
        fprintf(stderr, "mskrota: out of memory\n");
        return MR_EXIT_IO;
    }
    /* The evaluator's objective is the one reported; the gap follows it.
     * Without a proven bound both are unknown (null in JSON), never a
     * huge number that looks like a figure. */
    if (!(sol->bound > -1e300)) {
        sol->bound = -INFINITY;
        sol->gap = INFINITY;
    } else {
        sol->gap = (sol->objective - sol->bound)
                   / fmax(1.0, fabs(sol->objective));
        if (sol->gap < 0)
            sol->gap = 0;
    }
    /* "optimal" is a claim about the gap: it must hold for the figures
     * reported, appointments and referrals included. */
    if (sol->outcome == MR_OUT_OPTIMAL && sol->gap > want_gap + 1e-9)
        sol->outcome = MR_OUT_FEASIBLE;
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

static double since(const mr_pipeline *p)
{
    return mr_clock() - p->t_start;
}

/* --time-limit bounds the whole command: loading, the solve, the
 * appointments and referrals, checks and storing. The solver gets what
 * is left less this reserve, the appointments most of the reserve and
 * whatever the solver leaves. The reserve follows the size of the
 * service, not the limit: measured at 30 s, appointments and checks took
 * 0.03 s for 60 people, 0.15 s for 150, 0.29 s for 400, storing 0.06 to
 * 0.25 s. The solver may run up to 0.3 s over its limit, which the
 * second the limit allows covers: 0.3 s + 0.005 s a person, as it was,
 * ended M runs (60 people, 10 s) at 9.5 s of wall time, search time
 * lost where the last rosters of hard months come at 7-9 s; now 9.7 s
 * (L at 60 s: 59.3 s). */
static double reserve(const mr_pipeline *p, const mr_model *m)
{
    return fmin(0.1 * p->limit, 0.1 + 0.004 * m->n_staff);
}

void mr_pipeline_init(mr_pipeline *p, const mr_cli_args *a, const char *kind)
{
    memset(p, 0, sizeof *p);
    p->dir = a->dir;
    p->month = a->month;
    p->db = mr_cli_db_path(a, p->dbbuf, sizeof p->dbbuf);
    p->kind = kind;
    mr_solve_opts_init(&p->o);
    if (a->time_limit > 0)
        p->o.time_limit = a->time_limit;
    if (a->gap >= 0)
        p->o.gap = a->gap;
    if (a->threads > 0)
        p->o.threads = a->threads;
    p->t_start = mr_clock();
    p->limit = p->o.time_limit;
    p->o.write_lp = a->write_lp;
    p->json = a->json;
    p->quiet = a->quiet;
    p->changes = -1;
}

int mr_pipeline_progress(mr_pipeline *p)
{
    const char *pfile = getenv("MSKROTA_PROGRESS");

    if (pfile != NULL && *pfile != '\0') {
        if ((p->progress_file = fopen(pfile, "a")) == NULL) {
            fprintf(stderr, "mskrota: cannot open %s\n", pfile);
            return MR_EXIT_IO;
        }
        p->o.progress = file_progress;
        p->o.user = p->progress_file;
    } else if (!p->json && !p->quiet && isatty(STDERR_FILENO)) {
        p->o.progress = show_progress;
    }
    return MR_EXIT_OK;
}

void mr_pipeline_clear(mr_pipeline *p)
{
    if (p->progress_file != NULL)
        fclose(p->progress_file);
    p->progress_file = NULL;
}

int mr_pipeline_solve(mr_pipeline *p, const mr_model *m, mr_solution *sol)
{
    int rc, code;

    p->version = 0;
    p->o.time_limit = fmax(0.1, p->limit - since(p) - reserve(p, m));
    if (p->solver != NULL)
        rc = p->solver(p, m, &p->o, sol);
    else
        rc = mr_solve_month(m, &p->o, sol);
    if (p->o.progress == show_progress)
        fputc('\n', stderr);
    if (rc == MR_EIO) {
        fprintf(stderr, "mskrota: cannot write %s\n",
                p->o.write_lp != NULL ? p->o.write_lp : "the model");
        return MR_EXIT_IO;
    }
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota: %s failed: %s\n", p->kind,
                mr_status_name(rc));
        return rc == MR_ENOMEM ? MR_EXIT_IO
               : rc == MR_EINVAL ? MR_EXIT_INVALID : 70;
    }
    if (sol->outcome == MR_OUT_INFEASIBLE || sol->n_assign == 0) {
        if (!(sol->bound > -1e300)) {
            sol->bound = -INFINITY;         /* null in JSON: no bound */
            sol->gap = INFINITY;
        }
        if (sol->outcome != MR_OUT_INFEASIBLE)
            fprintf(stderr, "mskrota: no roster found within the time limit\n");
        else
            fprintf(stderr, "mskrota: no roster satisfies the hard rules for "
                    "%s%s; run 'mskrota explain %s --month %s' to see why\n",
                    p->month, p->infeasible_note != NULL ? p->infeasible_note
                                                         : "",
                    p->dir, p->month);
        sol->outcome = sol->outcome == MR_OUT_INFEASIBLE ? MR_OUT_INFEASIBLE
                                                          : MR_OUT_TIME_LIMIT;
        code = store_run(p, m, sol);
        /* No roster but no proof either: a temporary failure, to be
         * tried again with more time (EX_TEMPFAIL). */
        if (code == MR_EXIT_OK)
            code = sol->outcome == MR_OUT_INFEASIBLE ? MR_EXIT_INFEASIBLE
                                                     : MR_EXIT_BUSY;
        return code;
    }
    if ((code = finish_roster(m, p->o.gap,
                              fmax(0.2, p->limit - since(p)
                                            - 0.3 * reserve(p, m)),
                              sol)) != MR_EXIT_OK)
        return code;
    return store_run(p, m, sol);
}
