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

#endif
