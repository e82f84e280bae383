/* The solve driver: build the compact model, run the stages within the
 * time limit, decode the best roster, and say honestly how good it is.
 *
 * Stages, each leaving its rosters and bounds in the shared mr_run:
 * column generation over per-person monthly schedules (a strong bound and
 * good rosters fast), then branch-and-cut on the compact model started
 * from the best roster, until the gap is within the requested one or the
 * time is up. The reported bound is always one valid for the compact
 * model. */
#include "solve.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "decode.h"
#include "log.h"
#include "run.h"

void mr_solve_opts_init(mr_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = 60;
    o->gap = 1e-4;
}

int mr_write_lp(const mr_model *m, const char *path)
{
    mr_lpb *b = NULL;
    int rc;

    if ((rc = mr_lpb_build(m, &b)) != MR_OK)
        return rc;
    rc = mr_glpk_write_lp(&b->mip, path);
    mr_lpb_free(b);
    return rc;
}

/* Sets the outcome and the figures of the run into out. */
static int finish(mr_run *r, mr_solution *out)
{
    int rc = MR_OK;

    out->seconds = mr_run_elapsed(r);
    out->first_seconds = r->first_seconds;
    if (r->best == NULL) {
        out->outcome = r->infeasible ? MR_OUT_INFEASIBLE : MR_OUT_TIME_LIMIT;
        out->objective = 0;
        out->bound = r->bound == -HUGE_VAL ? -DBL_MAX : r->bound;
        out->gap = HUGE_VAL;
        return MR_OK;
    }
    if ((rc = mr_decode(r->b, r->best, out)) != MR_OK) {
        if (rc == MR_EINFEASIBLE) {
            mr_log(MR_LOG_ERROR, "solve: a roster without a room (a bug)");
            rc = MR_ESOLVER;
        }
        return rc;
    }
    out->objective = r->best_obj;
    out->bound = r->bound > r->best_obj ? r->best_obj : r->bound;
    if (r->bound == -HUGE_VAL)
        out->bound = -DBL_MAX;
    out->gap = mr_run_gap(r);
    if (mr_run_done(r))
        out->outcome = MR_OUT_OPTIMAL;
    else if (r->timed_out)
        out->outcome = MR_OUT_TIME_LIMIT;
    else
        out->outcome = MR_OUT_FEASIBLE;
    return MR_OK;
}

int mr_solve_month(const mr_model *m, const mr_solve_opts *o,
                   mr_solution *out)
{
    mr_run r;
    int rc;

    memset(&r, 0, sizeof r);
    mr_solution_reset(out);
    if (o != NULL)
        r.o = *o;
    else
        mr_solve_opts_init(&r.o);
    if (!(r.o.time_limit > 0))
        r.o.time_limit = 60;
    if (!(r.o.gap >= 0))
        r.o.gap = 1e-4;
    r.m = m;
    r.t0 = mr_clock();
    r.deadline = r.t0 + r.o.time_limit;
    r.best_obj = HUGE_VAL;
    r.bound = -HUGE_VAL;
    r.first_seconds = -1;
    r.last_report = -1;

    if ((rc = mr_lpb_build(m, &r.b)) != MR_OK)
        goto done;
    mr_log(MR_LOG_INFO, "solve: %d binaries, %d columns, %d rows (%.2f s)",
           r.b->n_x, r.b->mip.n_cols, r.b->mip.n_rows, mr_run_elapsed(&r));
    if (r.o.write_lp != NULL
        && (rc = mr_glpk_write_lp(&r.b->mip, r.o.write_lp)) != MR_OK)
        goto done;
    if (r.b->mip.infeasible) {
        r.infeasible = 1;
    } else {
        if ((rc = mr_stage_dw(&r)) != MR_OK)
            goto done;
        if (!r.infeasible && !mr_run_done(&r) && mr_run_left(&r) > 0
            && (rc = mr_stage_compact(&r)) != MR_OK)
            goto done;
    }
    if (mr_run_left(&r) <= 0 && !mr_run_done(&r))
        r.timed_out = 1;
    rc = finish(&r, out);
    mr_run_report(&r, 1);
done:
    mr_free(r.best);
    mr_lpb_free(r.b);
    return rc;
}
