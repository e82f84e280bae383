/* Turning a full column vector of the compact model into an mr_solution:
 * the assignments (x at 1), their rooms, and the figures the columns carry
 * (objective parts, shortfall counts, satisfaction). */
#ifndef MR_DECODE_H
#define MR_DECODE_H

#include "lp.h"
#include "roster.h"

/* Appends the roster of full to out (whose assignments are dropped first)
 * and fills its figures. MR_OK, MR_ENOMEM; MR_EINFEASIBLE when some
 * assignment found no room (a bug: the room rows forbid it). */
int mr_decode(const mr_lpb *b, const double *full, mr_solution *out);

#endif
