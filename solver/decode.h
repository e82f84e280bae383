/* Turning a full column vector of the compact model into the roster of an
 * mr_solution: the assignments (x at 1) and their rooms. */
#ifndef MR_DECODE_H
#define MR_DECODE_H

#include "lp.h"
#include "roster.h"

/* Replaces the assignments of out by the roster of full and names their
 * rooms. MR_OK, MR_ENOMEM; MR_EINFEASIBLE when some assignment found no
 * room (a bug: the room rows forbid it). */
int mr_decode(const mr_lpb *b, const double *full, mr_solution *out);

/* The part of full's objective that the evaluator counts from the roster
 * alone (cover, PCN, preference, fairness, specialism): the objective
 * without the demand family's columns, which the evaluator counts from
 * the slots laid out later. */
double mr_decode_roster_objective(const mr_lpb *b, const double *full);

#endif
