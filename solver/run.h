/* The state of one solve shared by its stages: the model and its compact
 * build, the clock and deadline, the best roster found so far (as a full
 * column vector of the compact model) and the best proven lower bound.
 * Stages (column generation, branch-and-bound on the compact model) offer
 * rosters and bounds here; the driver decodes what is left at the end. */
#ifndef MR_RUN_H
#define MR_RUN_H

#include <stdatomic.h>

#include "clock.h"
#include "lp.h"
#include "solve.h"

typedef struct mr_run {
    const mr_model *m;
    mr_lpb         *b;
    mr_solve_opts   o;
    double          t0, deadline;     /* monotonic seconds */
    double         *best;             /* n_cols values, NULL: no roster yet */
    double          best_obj;         /* HUGE_VAL: none */
    double          bound;            /* -HUGE_VAL: none */
    double          first_seconds;    /* -1: no roster yet */
    double          last_report;
    int             infeasible;       /* proven: no roster meets H1-H10 */
    int             timed_out;        /* a stage stopped on the deadline */
    void           *compact;          /* the compact glp_prob (glpk_run.c) */
    void           *bg;               /* the bound thread (glpk_bound.c) */
    double         *relax;            /* n_x values of the relaxation
                                         from it (solved, or on its way
                                         there), or NULL */
    double         *lag;              /* the Lagrangian pass's guide, or
                                         NULL: n_cols costs priced by its
                                         duals, then per person the
                                         minimum of their own schedule at
                                         those costs, then n_cols values
                                         of each person's cheapest
                                         schedule (-1: none; shared
                                         columns), then n_cols flags: 1
                                         in some schedule of the varied
                                         passes (glpk_lagrange.c) */
    double          lag_bound;        /* the bound r->lag came with */
    int             lns_stream;       /* 0 main search, 1 the thread's */
    const atomic_int *stop;           /* set (the bound thread's copy,
                                         once the main thread is done):
                                         no time left */
} mr_run;

/* The length of r->lag for n_cols columns and n_staff people, and
 * where its cheapest schedules and the varied ones start. */
#define MR_LAG_LEN(n_cols, n_staff) \
    (3 * (size_t)(n_cols) + (size_t)(n_staff))
#define MR_LAG_CHEAPEST(lag, n_cols, n_staff) \
    ((lag) + (size_t)(n_cols) + (size_t)(n_staff))
#define MR_LAG_VARIED(lag, n_cols, n_staff) \
    ((lag) + 2 * (size_t)(n_cols) + (size_t)(n_staff))

double mr_run_elapsed(const mr_run *r);
/* 1 on models small enough for the one-thread path of solve.c. */
int    mr_run_small(const mr_run *r);
/* Seconds left before the deadline (may be negative; 0 once r->stop is
 * set). */
double mr_run_left(const mr_run *r);

/* Offers a roster: a full column vector (copied) with its objective. Kept
 * when better than the best so far. MR_OK or MR_ENOMEM. */
int    mr_run_offer(mr_run *r, const double *x, double obj);
/* Raises the proven bound to b when b is higher. */
void   mr_run_bound(mr_run *r, double b);
/* (best - bound) / max(1, |best|); HUGE_VAL without a roster or bound. */
double mr_run_gap(const mr_run *r);
/* 1 when the gap is within the requested one. */
int    mr_run_done(const mr_run *r);
/* Calls the progress callback when 0.5 s passed since the last call (or
 * always with force). */
void   mr_run_report(mr_run *r, int force);

/* The stages (glpk_*.c). Each returns MR_OK, MR_ENOMEM or MR_ESOLVER and
 * leaves its findings in r. */
int    mr_stage_probe(mr_run *r);     /* satisfaction bounds by person */
int    mr_stage_construct(mr_run *r); /* a first roster, person by person */
/* The compact model's relaxation, with all the time left or for at most
 * time_limit seconds. */
int    mr_stage_relax(mr_run *r);
int    mr_stage_relax_within(mr_run *r, double time_limit);
/* 1 when the relaxation has been solved to optimality. */
int    mr_stage_relaxed(const mr_run *r);
/* The solved relaxation's n_x values (the caller frees them); NULL when it
 * is not solved or memory ran out. */
double *mr_stage_relax_x(const mr_run *r);
/* The same for a relaxation still on its way: the values of its current
 * basis, once primal feasible. */
double *mr_stage_relax_x_now(const mr_run *r);
/* A roster from the assignments the relaxation uses (mr_support_mip). */
int    mr_stage_relax_roster(mr_run *r, double time_limit);
int    mr_stage_compact(mr_run *r);   /* branch-and-cut on the compact model */
/* Neighbourhood search from the best roster until the clock reads until,
 * or (stall > 0) until stall seconds pass without a better roster
 * (glpk_lns.c). */
int    mr_stage_lns(mr_run *r, double until, double stall);
void   mr_stage_free(mr_run *r);      /* frees what the stages keep in r */
/* Column generation per person until the clock reads until, then rosters
 * from its master. */
int    mr_stage_dw(mr_run *r, double until);
/* A Lagrangian bound from the solved relaxation's duals (and its cuts'),
 * with people's own rows solved as MIPs by until, kept with its guide in
 * r->lag unless r->lag came with a better bound; then, until the clock
 * reads vary_until, varied passes at the guide's prices that add
 * schedules to it (glpk_lagrange.c). publish (or NULL) is called with arg
 * each time r->lag changes. mr_stage_lagrange_vary(): the varied passes
 * alone, on the guide r->lag has. */
int    mr_stage_lagrange(mr_run *r, double until, double vary_until,
                         void (*publish)(mr_run *r, void *arg), void *arg);
int    mr_stage_lagrange_vary(mr_run *r, double until,
                              void (*publish)(mr_run *r, void *arg),
                              void *arg);
/* Rounds of Gomory cuts on the solved relaxation until the clock reads
 * until (or lead_until, see mr_gomory_end()), the first only when
 * `first` seconds (an estimate of its time) are left, ending once a round
 * (the first too) raises the bound by less than 0.01%; each round's
 * optimum is kept as the bound and publish (or NULL) called with arg.
 * r->compact stays a solved LP, with the cuts (or, when a round runs out
 * of time, without). None on models of over 60,000 integer columns.
 * glpk_gomory.c. MR_OK, MR_ENOMEM. */
int    mr_stage_gomory(mr_run *r, double until, double lead_until,
                       double first, void (*publish)(mr_run *r, void *arg),
                       void *arg);
/* When the next round must end, after one that took the cut relaxation
 * to v, gain above the last: lead_until while the cuts gain at least
 * 0.1% a round and one more such round would pass r's Lagrangian bound
 * (r->lag_bound; any, without one), else until. */
double mr_gomory_end(const mr_run *r, double until, double lead_until,
                     double v, double gain);
/* glpk_bound.c: the relaxation and the Lagrangian pass on a second thread,
 * from the best roster, then a second search (a no-op without a roster,
 * or when no thread can be made). mr_bg_poll() swaps best rosters with
 * the other thread and, on the main thread, takes the bound and r->relax
 * published so far (MR_OK, MR_ENOMEM); mr_bg_join() waits for the thread,
 * takes all and returns its MR_ code. mr_bg_running(): a thread exists. */
int    mr_bg_start(mr_run *r);
int    mr_bg_poll(mr_run *r);
int    mr_bg_join(mr_run *r);
int    mr_bg_running(const mr_run *r);
/* glpk_support.c: solves the compact model with every x whose value in
 * xv (n_x values) is 0 fixed at 0, for at most time_limit seconds, and
 * offers the roster found (*found). MR_OK, MR_ENOMEM. */
int    mr_support_mip(mr_run *r, const double *xv, double time_limit,
                      int *found);
/* Completes the x of a roster (n_x values, integral) into a full column
 * vector of the compact model, the other columns at their best, and its
 * objective. MR_OK; MR_EINFEASIBLE when the x break a hard rule;
 * MR_ENOMEM. */
int    mr_glpk_complete(mr_run *r, const double *x, double *full,
                        double *obj);
/* Routes GLPK's terminal output to mr_log at MR_LOG_DEBUG, never to
 * stdout. Idempotent; every entry point calls it. */
void   mr_glpk_hook(void);
/* Writes the compact model in CPLEX LP format. MR_OK, MR_ENOMEM, MR_EIO. */
int    mr_glpk_write_lp(const mr_mip *p, const char *path);

#endif
