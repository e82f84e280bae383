/* Dantzig-Wolfe decomposition of the compact model by person.
 *
 * Every hard rule but cover, rooms, H9 and hard cover concerns one person,
 * and so does satisfaction: the mip's rows split into each person's own
 * rows (owner >= 0) and the rows that link people (owner -1). A person's
 * monthly schedule is an integral point of their own rows; the master LP
 * chooses a convex combination of schedules per person subject to the
 * linking rows. Its bound is much stronger than the compact relaxation's
 * (the fairness and preference terms of one person are integral in each
 * schedule). The pricing problem of a person is a small GLPK MIP over their
 * own columns and rows, with costs lowered by the linking rows' duals.
 *
 * The bound reported is Lagrangian: for any duals of the right sign,
 * sum of the people's pricing minima + duals times right-hand sides + the
 * shared columns at their best bound is a lower bound of the compact
 * model. It holds at every iteration, whatever the master looks like. */
#ifndef MR_DW_H
#define MR_DW_H

#include "glpk_int.h"
#include "run.h"

/* One person's pricing problem. */
typedef struct mr_price {
    int       owner;        /* staff index */
    int       n_cols;
    int      *cols;         /* local column k is mip column cols[k] */
    glp_prob *lp;           /* columns k + 1, the person's own rows */
    int       solved_once;  /* a basis exists to warm start from */
} mr_price;

/* Builds the pricing problems of every person owning a column; local[j]
 * receives the local index of mip column j in its owner's problem (-1 for
 * shared columns). MR_OK, MR_ENOMEM. */
int  mr_price_build(const mr_mip *p, mr_price **out, int *n_out, int *local);
void mr_price_free(mr_price *pr, int n);

/* Solves pricing problem pr with costs cost[k] for its local columns. On
 * MR_OK, *value is the optimum (or, when the time ran out, a lower bound
 * with *exact 0) and z[k] the best schedule found (all 0 and *found 0 when
 * none). *infeasible is set when the person's own rows cannot all hold. */
int  mr_price_solve(mr_price *pr, const double *cost, double time_limit,
                    double *value, int *exact, double *z, int *found,
                    int *infeasible);

/* The decomposition's state (glpk_dw.c; rosters from it in
 * glpk_dw_heur.c). Master columns: 1..n_shared the shared mip columns,
 * then n_art artificials, then one per schedule (cols[i] is master column
 * 1 + n_shared + n_art + i). Master rows: 1..n_link the linking rows, then
 * one convexity row per pricing problem. */
typedef struct mr_dw_col {
    int      person;        /* pricing problem index */
    int      beg, len;      /* the schedule's nonzeros in zk/zv */
    unsigned hash;
} mr_dw_col;

typedef struct mr_dw {
    mr_run       *r;
    const mr_mip *p;
    mr_price     *pr;
    int           n_pr;
    int          *local;          /* mip column -> local index, -1 shared */
    int          *pr_of;          /* mip column -> pricing index, -1 */
    int           n_link;
    int          *link_row;       /* master row k + 1 -> mip row */
    int          *lk_beg, *lk_row;    /* per mip column: its entries in */
    double       *lk_val;             /* the linking rows (master row k) */
    int           n_shared;
    int          *shared;         /* master column k + 1 -> mip column */
    int           n_art;
    glp_prob     *ms;
    MR_ARRAY(mr_dw_col, cols);
    MR_ARRAY(int, zk);            /* schedules: local column, value */
    MR_ARRAY(double, zv);
    double       *pi, *mu;        /* duals of the last master solve */
    double       *cost, *z, *dense, *full, *xv;
    int          *ind;
    double       *val;
    double        lp_value;       /* the last master LP optimum */
    double        cap;            /* > 0: seconds one pricing may take */
    /* Rows priced beside the model's linking rows (the Gomory cuts of
     * the Lagrangian pass): each column's cost less their duals times its
     * coefficients, and their duals times their right-hand sides. NULL
     * and 0: none. */
    double       *adj;            /* per mip column */
    double        adj0;
} mr_dw;

/* 1 + n_shared + n_art: the master column of the first schedule. */
static inline int mr_dw_first(const mr_dw *d)
{
    return 1 + d->n_shared + d->n_art;
}

/* Sets d up for r's compact model: pricing problems, linking rows, the
 * master without schedules. The caller frees d with mr_dw_free() (also
 * after a failure). MR_OK, MR_ENOMEM. */
int  mr_dw_setup(mr_dw *d, mr_run *r);
void mr_dw_free(mr_dw *d);

/* glpk_construct.c: builds a roster person by person, each one's best
 * schedule given the people placed before (rewards for cover still short,
 * assignments that would overfill a room or break H9 forbidden), in a few
 * passes, and offers it when it meets every hard rule. MR_OK, MR_ENOMEM. */
int mr_dw_construct(mr_dw *d);

/* Adds person i's schedule z (local values) to the master; *added is 0
 * when it was there already. MR_OK, MR_ENOMEM. */
int mr_dw_add_schedule(mr_dw *d, int i, const double *z, int *added);
/* The cost of mip column j under duals pi of the linking rows and the
 * priced extra rows (d->adj) (pi NULL: its plain cost). */
double mr_dw_col_cost(const mr_dw *d, const double *pi, int j);
/* The costs of person i's columns under duals pi of the linking rows
 * (NULL: the plain costs) into cost. */
void mr_dw_person_costs(const mr_dw *d, int i, const double *pi,
                        double *cost);
/* Prices person i with costs d->cost (mr_price_solve(), its time capped);
 * the schedule found in d->z. */
void mr_dw_price(mr_dw *d, int i, double *value, int *exact, int *found,
                 int *infeasible);
/* The Lagrangian bound of the duals d->pi given each person's pricing
 * minimum (or a lower bound of it) in pmin; -HUGE_VAL when none. */
double mr_dw_lagrangian(const mr_dw *d, const double *pmin);

#endif
