/* An in-memory mixed-integer program: columns, rows and an objective
 * constant, built once by the row families (lp_rows_*.c) and then either
 * loaded whole into GLPK (the compact model) or split by owner for column
 * generation (dw*.c). Keeping it apart from glp_prob is what lets one build
 * feed both, and lets tests read a row back without GLPK.
 *
 * Every column has an owner: the staff index whose schedule it describes, or
 * -1 for a column shared by the month (shortfalls, the lowest satisfaction).
 * A row's owner is the common owner of its columns, or -1 when it links
 * people (cover, rooms, H9, fairness). Column generation prices each owner's
 * columns and rows on their own. */
#ifndef MR_MIP_H
#define MR_MIP_H

#include <float.h>

#include "model.h"

#define MR_MIP_INF DBL_MAX          /* an absent bound */
#define MR_MIP_EMPTY_ROW (-2)       /* owner of a row with no entries */

typedef struct mr_mip_col {
    double lb, ub, obj;             /* lb may be -MR_MIP_INF, ub MR_MIP_INF */
    int    integer;
    int    owner;                   /* staff index or -1 */
    int    name;                    /* offset in names */
    int    tag;                     /* what the column stands for, the
                                       builder's own enum (0 by default) */
} mr_mip_col;

typedef struct mr_mip_row {
    double lb, ub;                  /* -MR_MIP_INF / MR_MIP_INF when absent */
    int    beg, len;                /* entries ind[beg..beg+len), val[...] */
    int    owner;                   /* staff, -1 linking, MR_MIP_EMPTY_ROW */
    int    name;
} mr_mip_row;

typedef struct mr_mip {
    MR_ARRAY(mr_mip_col, cols);
    MR_ARRAY(mr_mip_row, rows);
    MR_ARRAY(int, ind);             /* column of each entry */
    MR_ARRAY(double, val);
    MR_ARRAY(char, names);          /* NUL-terminated names back to back */
    double obj0;                    /* objective constant */
    int    row_open;                /* entries of the open row start here */
    int    infeasible;              /* a row can never hold (empty, or lb>ub) */
    struct mr_mip_ent *tmp;         /* scratch for merging a row's entries */
    int    cap_tmp;
} mr_mip;

void mr_mip_init(mr_mip *p);
void mr_mip_clear(mr_mip *p);       /* frees everything; p may be NULL */

/* Adds a column; *out (may be NULL) receives its index. lb <= ub is the
 * caller's to ensure (asserted). Returns MR_OK or MR_ENOMEM. */
int  mr_mip_add_col(mr_mip *p, double lb, double ub, double obj, int integer,
                    int owner, const char *name, int *out);

/* Rows are built one at a time: begin, add terms (a column may appear more
 * than once: the coefficients are summed), end. A row whose terms cancel to
 * nothing is still added (owner MR_MIP_EMPTY_ROW) and, when 0 is outside
 * [lb, ub], marks the program infeasible. */
void mr_mip_row_begin(mr_mip *p);
int  mr_mip_row_add(mr_mip *p, int col, double coef);
int  mr_mip_row_end(mr_mip *p, double lb, double ub, const char *name,
                    int *out);
/* Drops the open row. */
void mr_mip_row_cancel(mr_mip *p);

const char *mr_mip_col_name(const mr_mip *p, int j);
const char *mr_mip_row_name(const mr_mip *p, int i);

/* The objective of a full column vector x (n_cols values), constant
 * included. */
double mr_mip_objective(const mr_mip *p, const double *x);
/* Dual y of row, or 0 where its sign would multiply an absent bound (or
 * it is not finite): any duals so cut give a valid Lagrangian bound. */
double mr_mip_dual_cut(const mr_mip_row *row, double y);
/* The activity (left-hand side) of row i at x. */
double mr_mip_row_activity(const mr_mip *p, int i, const double *x);
/* The largest violation of any row or column bound at x (0 when x is
 * feasible), ignoring integrality. */
double mr_mip_violation(const mr_mip *p, const double *x, int *worst_row);

#endif
