/* Solving one month: the engine's entry to the solver.
 *
 * mr_solve_month() builds the month's MILP from a resolved model (SPEC 3-5,
 * docs/semantics.md), solves it with GLPK, and decodes the best roster into
 * an mr_solution with a room for every assignment that needs one. It reports
 * the objective, a bound valid for the whole compact model, and the gap
 * honestly. mr_write_lp() writes that compact model (every hard rule and
 * the whole objective, constant included) in CPLEX LP format, whatever
 * algorithm the solve uses: the written model's objective value for a
 * roster is the engine's objective of that roster. */
#ifndef MR_SOLVE_H
#define MR_SOLVE_H

#include "model.h"
#include "roster.h"

typedef struct mr_progress {
    double seconds;        /* since the solve started */
    int    has_incumbent;
    double incumbent;      /* objective of the best roster so far */
    double bound;          /* best proven lower bound (-DBL_MAX: none) */
    double gap;            /* (incumbent - bound) / max(1, |incumbent|) */
} mr_progress;

typedef void (*mr_progress_fn)(const mr_progress *p, void *user);

typedef struct mr_solve_opts {
    double         time_limit;   /* seconds, default 60 */
    double         gap;          /* relative, default 1e-4 */
    int            threads;      /* 2 (default): on large models the bound
                                    runs on a second thread; 1: one */
    int            small_up_to;  /* binaries up to which a model takes the
                                    small models' stages (0: 10,000) */
    const char    *write_lp;     /* CPLEX LP path, or NULL */
    mr_progress_fn progress;     /* called at most every 0.5 s, or NULL */
    void          *user;
} mr_solve_opts;

void mr_solve_opts_init(mr_solve_opts *o);

/* Solves the month of a resolved model. Returns MR_OK with out->outcome one
 * of MR_OUT_OPTIMAL (gap <= o->gap), MR_OUT_FEASIBLE, MR_OUT_TIME_LIMIT (the
 * best roster kept, or none), MR_OUT_INFEASIBLE (the hard rules cannot all
 * be met: an outcome, not an error). Fills out->assign (rooms set),
 * objective, bound, gap = (objective - bound) / max(1, |objective|), seconds
 * and first_seconds (time to the first roster). out is reset first; o may
 * be NULL (defaults). MR_ENOMEM, MR_EIO (write_lp could not be written),
 * MR_ESOLVER (GLPK failed in a way that is our bug). */
int mr_solve_month(const mr_model *m, const mr_solve_opts *o,
                   mr_solution *out);

/* Writes the month's complete compact model to path in CPLEX LP format.
 * MR_OK, MR_ENOMEM, MR_EIO. */
int mr_write_lp(const mr_model *m, const char *path);

#endif
