/* Branch and price for the Curtois-Qu shift scheduling benchmark.
 *
 * Column generation over per-employee schedules (solver/nrp_price.c prices
 * them with an exact dynamic programme), a master LP with under/over cover
 * slacks (solver/nrp_master.c) whose value, once no column prices out, is a
 * valid lower bound; rosters from integer solves of the restricted master
 * and from depth-first branch and price on single assignments (employee e
 * works shift t on day d, or not). Every roster is checked by the
 * independent evaluator (model/nrp.c) before it is reported.
 *
 * Also here: the benchmark authors' compact integer programme written as a
 * CPLEX LP file, so that CBC can be run on the same instance. */
#ifndef MR_NRP_CG_H
#define MR_NRP_CG_H

#include "nrp.h"

enum mr_nrp_status {
    MR_NRP_OPTIMAL,      /* roster found and proven optimal */
    MR_NRP_FEASIBLE,     /* roster found, optimality not proven */
    MR_NRP_NO_ROSTER     /* time ran out before any roster */
};

typedef struct mr_nrp_opts {
    double time_limit;   /* seconds of wall clock; <= 0: none */
    int    no_branch;    /* 1: stop after the root and restricted-master IP */
    int    no_rmip;      /* 1: no integer solve of the restricted master */
    int    no_smoothing; /* 1: price at the LP's duals only */
    int    no_dive;      /* 1: no diving heuristic */
    int    no_local;     /* 1: no best-response local search */
    int    cpu_clock;    /* 1: time_limit counts this process's CPU time
                            (for benchmarks on a shared machine) */
    long   state_budget; /* per employee and day of the pricer; 0: default */
} mr_nrp_opts;

typedef struct mr_nrp_result {
    int   *roster;        /* n_staff * n_days, or NULL; owned */
    long   objective;     /* the evaluator's value of roster, or -1 */
    long   lower_bound;   /* proven: ceil of the best bound */
    double root_bound;    /* the root LP bound (fractional) */
    double seconds;       /* wall clock */
    double cpu_seconds;   /* this process's CPU time */
    int    status;        /* enum mr_nrp_status */
    int    exact_pricing; /* 1: every resource tracked by every pricer */
    long   columns, cg_rounds, nodes;
    double seconds_root;  /* when the root bound was proven */
    double seconds_best;  /* when the best roster was found */
    long   first_objective;   /* the first roster's value (root rounding) */
} mr_nrp_result;

void mr_nrp_opts_default(mr_nrp_opts *o);

/* Solves p. MR_OK with *out filled (status tells whether a roster was
 * found), or MR_ENOMEM / MR_ESOLVER. The caller frees out->roster with
 * mr_nrp_result_clear(). */
int  mr_nrp_solve(const mr_nrp *p, const mr_nrp_opts *opts,
                  mr_nrp_result *out);
void mr_nrp_result_clear(mr_nrp_result *r);

/* Writes the compact IP model of FORMAT.md (Curtois & Qu 2014) to path as
 * a CPLEX LP file. Its objective omits the constant sum of the on-request
 * weights, which is returned in *offset (objective = LP value + offset).
 * MR_OK, MR_EIO or MR_ENOMEM. */
int  mr_nrp_write_lp(const mr_nrp *p, const char *path, long *offset);

#endif
