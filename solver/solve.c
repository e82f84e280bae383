/* The solve driver: build the compact model, run the stages within the
 * time limit, decode the best roster, and say honestly how good it is.
 *
 * Stages, each leaving its rosters and bounds in the shared mr_run
 * (run_stages() below has the order and the time shares):
 *   probing     the most each request can be satisfied, per person
 *               (glpk_probe.c): tightens the relaxation to the optimum on
 *               the example month;
 *   construct   a roster person by person (glpk_construct.c);
 *   relaxation  the compact LP (glpk_run.c): a bound, often a proof of
 *               infeasibility, and on small models a roster from the
 *               assignments it uses (glpk_support.c);
 *   columns     column generation over per-person schedules (glpk_dw.c):
 *               a bound at least as strong, and rosters from its master;
 *   search      large neighbourhood search over people (glpk_lns.c);
 *   B&B         GLPK's branch-and-cut on the compact model, started from
 *               the best roster.
 * Every bound reported is valid for the compact model, whichever stage
 * proved it. */
#include "solve.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "decode.h"
#include "evaluate.h"
#include "log.h"
#include "run.h"

void mr_solve_opts_init(mr_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = 60;
    o->gap = 1e-4;
    o->threads = 2;
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

/* The evaluator recounts the roster's objective from the inputs; it must
 * agree with the model's (the contract of --write-lp). The evaluator
 * counts demand from slots laid out after the solve, EA from allocations,
 * so those parts are left out on both sides. */
static int check_objective(mr_run *r, mr_solution *out)
{
    double mine = mr_decode_roster_objective(r->b, r->best), theirs;
    int rc;

    if ((rc = mr_evaluate(r->m, out)) != MR_OK)
        return rc;
    theirs = out->objective - out->parts.demand - out->parts.ea_unallocated
             - out->parts.change;
    if (fabs(mine - theirs) > 1e-6 * fmax(1.0, fabs(mine)))
        mr_log(MR_LOG_WARN, "solve: the evaluator counts %.9g for the "
               "roster, the model %.9g (a bug)", theirs, mine);
    return MR_OK;
}

/* 1 while a stage may start: no proof of infeasibility, the gap not yet
 * within the requested one, time left. */
static int more(const mr_run *r)
{
    return !r->infeasible && !mr_run_done(r) && mr_run_left(r) > 0;
}

/* The stages in turn, each within its share of the time limit T:
 * probing (at most 0.1 T), a constructed roster,
 * the compact relaxation (up to 0.25 T; 0.5 T on large models), a
 * roster from it on small models and a short search from that roster
 * (0.05 T, ended by 0.02 T without a better one: generated S seeds 1-15
 * at 10 s reach 1% at 0.40 s on average, at most 0.94 s, where they took
 * 0.72 s and at most 1.40 s with column generation first; CBC takes 0.5
 * to 4.8 s), column generation (until 0.5 T),
 * neighbourhood search (until 0.9 T, or 0.15 T without a better roster;
 * 0.7 T on large models while the relaxation is open), branch-and-cut on the
 * compact model for what is left. On large models (over 10,000 binaries)
 * the search takes all the time after the relaxation: there, column
 * generation does not converge in time and its bound stays below the
 * relaxation's, while the search improves the roster steadily (data/east-60
 * at 60 s: 3.6% gap with the search alone, 9.2% when column generation
 * takes half the time). The bound comes first there: the relaxation,
 * started from a basis of the constructed roster (data/east-60: 3.5 s
 * where it took 25 s from GLPK's own basis), has up to 0.5 T before the
 * search, and if it still has not finished, all the time after the search
 * stops at 0.7 T; a relaxation stopped on time still gives the bound of
 * its duals (glpk_run.c), weak but valid. A finished relaxation is
 * followed by Gomory rounds (glpk_gomory.c; until 0.1 T after it on small
 * models, 0.3 T and then a Lagrangian pass on large ones with one
 * thread; with two, glpk_bound.c has the order). */
static int run_stages(mr_run *r)
{
    double t = r->o.time_limit;
    int small = mr_run_small(r);
    double relax_s;
    int relaxed, rc;

    if (more(r) && (rc = mr_stage_probe(r)) != MR_OK)
        return rc;
    if (more(r) && (rc = mr_stage_construct(r)) != MR_OK)
        return rc;
    /* Large models: the bound on a second thread, the search here. */
    if (!small && r->o.threads > 1 && more(r) && (rc = mr_bg_start(r)) != MR_OK)
        return rc;
    if (mr_bg_running(r)) {
        if (more(r) && (rc = mr_stage_lns(r, r->deadline, 0)) != MR_OK)
            return rc;
        return mr_bg_join(r);
    }
    relax_s = mr_clock();
    if (more(r)
        && (rc = mr_stage_relax_within(r, (small ? 0.25 : 0.5) * t)) != MR_OK)
        return rc;
    relax_s = mr_clock() - relax_s;
    /* Gomory rounds: for 0.3 T on large models, as on the bound thread
     * (glpk_bound.c), before the Lagrangian pass; for 0.1 T on small
     * ones (benchmark S seeds 1-3 at 10 s proven optimal at 0.9/1.0/1.0 s
     * instead of 0.5/2.5/2.6 s). The LP stays solved either way. */
    if (mr_stage_relaxed(r) && more(r)
        && (rc = mr_stage_gomory(r, mr_clock() + (small ? 0.1 : 0.3) * t,
                                 0, relax_s, NULL, NULL)) != MR_OK)
        return rc;
    if (small && more(r)
        && (rc = mr_stage_relax_roster(r, fmin(1.0, 0.1 * t))) != MR_OK)
        return rc;
    if (small && more(r)
        && (rc = mr_stage_lns(r, mr_clock() + 0.05 * t, 0.02 * t)) != MR_OK)
        return rc;
    if (small && more(r) && (rc = mr_stage_dw(r, r->t0 + 0.5 * t)) != MR_OK)
        return rc;
    /* A relaxation stopped by its share of the time keeps its basis and
     * resumes at the end, for the bound. */
    relaxed = mr_stage_relaxed(r);
    if (!small && relaxed && more(r)
        && (rc = mr_stage_lagrange(r, mr_clock() + 0.1 * t, 0, NULL, NULL))
           != MR_OK)
        return rc;
    if (more(r)
        && (rc = mr_stage_lns(r, r->t0 + (small ? 0.9 : relaxed ? 1.0 : 0.7)
                                             * t, small ? 0.15 * t : 0))
               != MR_OK)
        return rc;

    if (!relaxed && more(r)) {
        if ((rc = mr_stage_relax(r)) != MR_OK)
            return rc;
        if (more(r) && (rc = mr_stage_lns(r, r->t0 + (small ? 0.9 : 1.0) * t,
                                          small ? 0.15 * t : 0)) != MR_OK)
            return rc;
    }
    /* GLPK's branch-and-cut needs whole LPs of the model at every node,
     * and parts of it run without callbacks: on large models it can
     * neither prove nor find anything in time, and overruns the limit. */
    if (small && more(r) && (rc = mr_stage_compact(r)) != MR_OK)
        return rc;
    return MR_OK;
}

/* Sets the outcome and the figures of the run into out. */
static int finish(mr_run *r, mr_solution *out)
{
    int rc;

    out->seconds = mr_run_elapsed(r);
    out->first_seconds = r->first_seconds;
    out->bound = r->bound == -HUGE_VAL ? -DBL_MAX : r->bound;
    if (r->best == NULL) {
        out->outcome = r->infeasible ? MR_OUT_INFEASIBLE : MR_OUT_TIME_LIMIT;
        out->objective = 0;
        out->gap = HUGE_VAL;
        return MR_OK;
    }
    if ((rc = mr_decode(r->b, r->best, out)) != MR_OK) {
        if (rc == MR_EINFEASIBLE) {
            mr_log(MR_LOG_ERROR, "solve: an assignment without a room");
            rc = MR_ESOLVER;
        }
        return rc;
    }
    if ((rc = check_objective(r, out)) != MR_OK)
        return rc;
    out->objective = r->best_obj;
    if (out->bound > r->best_obj)
        out->bound = r->best_obj;
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
    mr_glpk_hook();

    if ((rc = mr_lpb_build(m, &r.b)) != MR_OK)
        goto done;
    mr_log(MR_LOG_INFO, "solve: %d binaries, %d columns, %d rows (%.2f s)",
           r.b->n_x, r.b->mip.n_cols, r.b->mip.n_rows, mr_run_elapsed(&r));
    if (r.o.write_lp != NULL
        && (rc = mr_glpk_write_lp(&r.b->mip, r.o.write_lp)) != MR_OK)
        goto done;
    if (r.b->mip.infeasible) {
        r.infeasible = 1;
        mr_log(MR_LOG_INFO, "solve: a hard rule cannot hold whatever the "
               "roster (a due week or hard cover with nobody to meet it)");
    }
    if ((rc = run_stages(&r)) != MR_OK)
        goto done;
    if (!mr_run_done(&r) && mr_run_left(&r) <= 0)
        r.timed_out = 1;
    rc = finish(&r, out);
    mr_run_report(&r, 1);
    mr_log(MR_LOG_INFO, "solve: %s, objective %.6g, bound %.6g, gap %.4g, "
           "first roster %.2f s, %.2f s", mr_outcome_name(out->outcome),
           out->objective, out->bound, out->gap, out->first_seconds,
           out->seconds);
done:
    if (mr_bg_running(&r)) {
        int bg_rc = mr_bg_join(&r);
        if (rc == MR_OK)
            rc = bg_rc;
    }
    mr_stage_free(&r);
    mr_free(r.best);
    mr_lpb_free(r.b);
    return rc;
}
