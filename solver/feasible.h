/* Feasibility questions about a month, and the search for a set of input
 * items that cannot all hold.
 *
 * glpk_feasible.c: a program loaded once into GLPK and asked, again and
 * again with changed bounds, whether it has a solution: the LP relaxation
 * first (a warm-started dual simplex, cheap, and often already a proof of
 * infeasibility), then the MIP with a time limit. The objective is 0, so
 * the first integer solution ends a MIP search.
 *
 * explain_iis.c: an irreducible conflicting set of the items of
 * model/explain.h: infeasible with them, feasible if any one is lifted. */
#ifndef MR_FEASIBLE_H
#define MR_FEASIBLE_H

#include "explain.h"
#include "mip.h"

enum mr_feas_result {
    MR_FEAS_FEASIBLE,
    MR_FEAS_INFEASIBLE,
    MR_FEAS_UNKNOWN      /* the time limit came first */
};

typedef struct mr_feas mr_feas;

/* Loads p (its objective set to 0; integer columns kept) for repeated
 * questions. The caller owns *out (mr_feas_free). MR_OK, MR_ENOMEM. */
int  mr_feas_new(const mr_mip *p, mr_feas **out);
void mr_feas_free(mr_feas *f);                       /* NULL is fine */

/* Columns so far: p's columns, then the slacks added. */
int  mr_feas_n_cols(const mr_feas *f);
/* Adds n continuous columns, the k-th with one entry coef[k] in row
 * rows[k], fixed at 0 until mr_feas_set_col frees them; *first gets the
 * index of the first. MR_OK, MR_ENOMEM. */
int  mr_feas_add_slacks(mr_feas *f, int n, const int *rows,
                        const double *coef, int *first);
/* Bounds (MR_MIP_INF for none) and objective coefficient, 0-based. */
void mr_feas_set_col(mr_feas *f, int j, double lb, double ub);
void mr_feas_set_row(mr_feas *f, int i, double lb, double ub);
void mr_feas_set_obj(mr_feas *f, int j, double c);

/* Is there a solution? The LP relaxation, then (when it is feasible) the
 * MIP within time_limit seconds. *lp_only is set to 1 when the answer came
 * from the LP relaxation alone (an infeasible relaxation). MR_OK,
 * MR_ENOMEM. */
int  mr_feas_check(mr_feas *f, double time_limit, int *result, int *lp_only);

/* The LP relaxation alone: INFEASIBLE proves the MIP infeasible too;
 * FEASIBLE says only that the relaxation has a solution. */
int  mr_feas_check_lp(mr_feas *f, double time_limit, int *result);

/* Minimises the current objective over the LP relaxation (integer 0) or
 * the MIP (integer 1, best solution within time_limit). *result: FEASIBLE
 * with *value and x (mr_feas_n_cols values, may be NULL) filled,
 * INFEASIBLE, or UNKNOWN. MR_OK, MR_ENOMEM. */
int  mr_feas_minimise(mr_feas *f, int integer, double time_limit,
                      int *result, double *value, double *x);

/* Builds a resolved model's month and asks whether any roster meets the
 * hard rules, within time_limit seconds. MR_OK, MR_ENOMEM. */
int  mr_feasible(const mr_model *m, double time_limit, int *result);

/* --- irreducible conflicts (explain_iis.c) ----------------------------- */

enum mr_conflict_status {
    MR_CONFLICT_MINIMAL,     /* infeasible; each item's lifting proven to
                                give a roster */
    MR_CONFLICT_UNPROVEN,    /* infeasible; some liftings not decided
                                within the time (see proven) */
    MR_CONFLICT_FEASIBLE,    /* the month has a roster: no conflict */
    MR_CONFLICT_UNKNOWN      /* neither proven within the time */
};

typedef struct mr_conflict {
    mr_xitems items;         /* the conflicting items */
    int      *proven;        /* per item: 1 when lifting it alone was
                                proven to give a roster */
    int       status;        /* enum mr_conflict_status */
    int       lp;            /* 1: the items conflict already in the LP
                                relaxation (the numbers do not add up) */
    int       n_checks;      /* feasibility questions asked */
    int       n_universe;    /* items considered */
    int       n_candidates;  /* items the elastic filter kept */
    double    seconds;
} mr_conflict;

void mr_conflict_init(mr_conflict *c);
void mr_conflict_clear(mr_conflict *c);              /* NULL is fine */

/* Finds an irreducible set of items of m (a resolved model with a month)
 * that cannot all hold, within about time_limit seconds: an elastic filter
 * (every item softened with a penalty; items that must give way are made
 * hard, until the hard ones alone conflict) gives a small candidate set,
 * then QuickXplain reduces it, and each item of the result is lifted alone
 * to prove it is needed. out is cleared first. MR_OK, MR_ENOMEM. */
int  mr_explain_conflict(const mr_model *m, double time_limit,
                         mr_conflict *out);

#endif
