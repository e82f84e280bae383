/* The solve pipeline of the command line, shared by solve, regenerate and
 * batch: solve the month (mr_solve_month, or the caller's solver), lay out
 * the appointments, evaluate, verify, store the run as the next version,
 * and report it. Part of the command line: it prints (the summary, the
 * JSON object, messages to stderr) and answers with an exit code of
 * SPEC.md section 7. */
#ifndef MR_IO_PIPELINE_H
#define MR_IO_PIPELINE_H

#include <stdio.h>

#include "cli.h"
#include "roster.h"
#include "solve.h"

typedef struct mr_pipeline mr_pipeline;

/* A solver in place of mr_solve_month(), with its contract (statuses,
 * outcomes, out filled with rooms). It may set p->changes and
 * p->json_extra. */
typedef int (*mr_pipeline_solver)(mr_pipeline *p, const mr_model *m,
                                  const mr_solve_opts *o, mr_solution *out);

struct mr_pipeline {
    /* Set by mr_pipeline_init() from the command line; the caller may
     * change them before mr_pipeline_solve(). Strings are borrowed. */
    const char   *dir, *month, *db;
    const char   *kind;            /* "solve" or "regenerate" */
    mr_solve_opts o;               /* time limit and gap already resolved */
    int           json, quiet;
    const char   *params_extra;    /* appended to the stored parameters */
    const mr_diags *warnings;      /* stored with the run (may be NULL) */
    const char   *fingerprint;     /* NULL: mr_fingerprint() of the model */
    const char   *infeasible_note; /* added to the "no roster" message */
    mr_pipeline_solver solver;     /* NULL: mr_solve_month() */
    void         *user;            /* for the solver */
    /* Set by the solver (regenerate). */
    int           changes;         /* -1: none */
    const char   *json_extra;      /* members added to the JSON object */
    /* Results. */
    int           version;         /* the stored version, 0 when none */
    /* Internal. */
    double        t_start;         /* monotonic seconds at init */
    double        limit;           /* the whole run's time limit */
    FILE         *progress_file;
    char          dbbuf[4096];
};

/* Fills p from the parsed command line: the database path, the solve
 * options (defaults where not given), json and quiet. */
void mr_pipeline_init(mr_pipeline *p, const mr_cli_args *a,
                      const char *kind);

/* Progress reports: to the file named by MSKROTA_PROGRESS (appended as
 * "seconds<TAB>incumbent<TAB>bound<TAB>gap"), else on a terminal's stderr
 * unless json or quiet. Returns MR_EXIT_OK, or MR_EXIT_IO when the file
 * cannot be opened (printed). */
int  mr_pipeline_progress(mr_pipeline *p);

/* Solves m into sol, finishes, verifies and stores the run, and prints
 * the summary (or the JSON object with --json; nothing with quiet).
 * Returns an exit code: MR_EXIT_OK with a stored roster; MR_EXIT_INFEASIBLE
 * (run stored) when no roster meets the hard rules; MR_EXIT_BUSY (run
 * stored) when no roster was found in time; MR_EXIT_IO; 70 when the
 * roster breaks a hard rule (a bug; nothing stored). sol holds the run's
 * figures afterwards. */
int  mr_pipeline_solve(mr_pipeline *p, const mr_model *m, mr_solution *sol);

/* Closes the progress file. */
void mr_pipeline_clear(mr_pipeline *p);

#endif
