/* What the GLPK files of solver/ share: loading an mr_mip into a glp_prob,
 * and the terminal hook that sends GLPK's output to mr_log. Only
 * solver/glpk_*.c include this header (and so glpk.h). */
#ifndef MR_GLPK_INT_H
#define MR_GLPK_INT_H

#include <glpk.h>

#include "mip.h"
#include "run.h"

/* Loads the program into a new glp_prob (minimisation, constant included;
 * names when with_names). The caller owns *out (glp_delete_prob). MR_OK,
 * MR_ENOMEM. */
int  mr_glpk_load(const mr_mip *p, int with_names, glp_prob **out);

/* Sets column j (0-based) of lp to the bounds lb..ub (MR_MIP_INF for
 * none), choosing the GLPK bound type. */
void mr_glpk_col_bnds(glp_prob *lp, int j, double lb, double ub);
void mr_glpk_row_bnds(glp_prob *lp, int i, double lb, double ub);

/* Gomory mixed-integer cuts from lp's optimal, factorised basis, one per
 * basic integer column with a fractional value (the most fractional
 * first), at most max_cuts, added to pool (of lp's columns) as rows
 * sum a_j x_j >= b; *n_cuts of them (glpk_gmi.c). MR_OK, MR_ENOMEM. */
int  mr_gmi_gen(glp_prob *lp, glp_prob *pool, int max_cuts, int *n_cuts);

/* How mr_glpk_bb() searches. */
typedef struct mr_bb {
    double time_limit;      /* seconds for this search (the run's clock
                               stops it too) */
    double stall;           /* stop after this long without a better roster
                               for the run, once it has one (0: never) */
    int    global;          /* lp is the whole compact model: its bounds
                               are bounds of the run */
    int    warm;            /* start from the run's best roster */
    int    presolve;        /* GLPK's MIP presolver (no warm start; the
                               incumbent is read once, at the end) */
    int    cuts;            /* GLPK's cut generators */
    int    proximity;       /* GLPK's proximity search ... */
    double proximity_limit; /* ... for at most this long */
} mr_bb;

/* Branch-and-cut on lp, the compact model or a copy of it with tighter
 * bounds (same columns, numbering kept). Offers every incumbent to r.
 * *ret and *status are glp_intopt's return and the MIP status. MR_OK,
 * MR_ENOMEM. */
int mr_glpk_bb(mr_run *r, glp_prob *lp, const mr_bb *bb, int *ret,
               int *status);

/* Neighbourhoods of the best roster as MIPs of their own (glpk_sub.c). */
typedef struct mr_sub {
    mr_run *r;
    int    *cbeg, *crow;    /* the rows of each column */
    int    *col_in;         /* per column: index in the MIP + 1, or 0 */
    unsigned char *row_in;
    int    *cols, n_cols;   /* the MIP's columns, rows (mip indices) */
    int    *rows, n_rows;
    double *full, *val;
    int    *ind;
} mr_sub;
/* MR_OK or MR_ENOMEM (s freed). */
int  mr_sub_init(mr_sub *s, mr_run *r);
void mr_sub_free(mr_sub *s);
/* Searches the neighbourhood where the x with free_x[j] set are free and
 * every other x stays as in the best roster, for at most time_limit
 * seconds; offers a better roster to the run. *finished: the search ended
 * before its time (nothing better is left in the neighbourhood, to the
 * run's gap). MR_OK, MR_ENOMEM. */
int  mr_sub_search(mr_sub *s, const unsigned char *free_x, double time_limit,
                   int *finished);
/* Sets in[q] (per person) for everybody with an x in a row of column col
 * (a shortfall: the people who could fill it). */
void mr_sub_fillers(const mr_sub *s, int col, unsigned char *in);
/* The neighbourhood search's odds of drawing each of n kinds (odds[k],
 * not normalised; 0 where on[k] is 0): a kind's rate of better rosters
 * per second of its searches over the seconds one of them takes, so that
 * each kind's share of the time follows its rate; the rate of those on
 * counted as at least a tenth of the top one's. */
void mr_lns_odds(const double *rate, const double *secs, const int *on,
                 int n, double *odds);
#endif
