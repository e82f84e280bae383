/* The evaluator: every figure of a run recomputed from the inputs and the
 * solution, exactly as docs/semantics.md defines them.
 *
 * Like the verifier, it does not use derive.c or the solver: the solver's
 * own objective value can then be checked against an independent count.
 * Entries of the solution whose indices are out of range are ignored here
 * (mr_verify() reports them). */
#ifndef MR_EVALUATE_H
#define MR_EVALUATE_H

#include "roster.h"

/* Recomputes, from m and the roster, slots and allocations of s:
 * s->shortfalls (one per cover entry and session short, per PCN and week
 * short, per demand line short), cover_shortfall (person-sessions),
 * pcn_shortfall (sessions), demand_shortfall (appointments),
 * ea_unallocated (entries of s->ea with adviser -1), the per-person arrays
 * requested_weight, satisfied_weight and satisfaction (n_staff entries,
 * satisfaction -1 for people without requests; any old arrays are freed),
 * min_satisfaction and mean_satisfaction over people with requests (-1 when
 * none), the weighted parts of the objective (parts.change is left as it
 * is) and objective, their sum.
 *
 * Returns MR_OK, or MR_ENOMEM with every figure of s left as it was. */
int    mr_evaluate(const mr_model *m, mr_solution *s);

/* The satisfaction s in [0, 1] of request `request` (an index into
 * m->requests) under the roster of s, by the rules of SPEC.md section 5 as
 * docs/semantics.md reads them. Returns -1 when the index is out of range
 * or the request belongs to no known person. */
double mr_request_satisfaction(const mr_model *m, const mr_solution *s,
                               int request);

/* The person (staff index) whose preference file holds the request, or -1. */
int    mr_request_staff(const mr_model *m, int request);

#endif
