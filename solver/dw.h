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

#endif
