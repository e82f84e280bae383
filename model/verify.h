/* The verifier: re-checks a solution against every hard rule of SPEC.md
 * section 4 (H1-H12), independently of the solver.
 *
 * It shares no code with the solver's model builder and does not use
 * derive.c: every fact (availability, what is due, which sessions exist) is
 * recomputed from the resolved inputs (recheck.c), so that a bug there is
 * caught rather than repeated. It never trusts the solution: indices out of
 * range are reported, never followed. */
#ifndef MR_VERIFY_H
#define MR_VERIFY_H

#include <stdarg.h>

#include "roster.h"

/* Checks the roster s->assign (H1-H10, rooms, specialties, indices), the
 * appointment slots s->slots (H12) and the employment-advice allocations
 * s->ea (H11) of s against the resolved model m.
 *
 * Adds one error diagnostic (file NULL) per violation to out, or only
 * counts them when out is NULL. Each message starts with the rule's tag and
 * names the people, dates (YYYY-MM-DD), periods, sites and rooms involved,
 * for example "H4: s003 has 7 sessions in the week of 2026-12-07, due 8".
 * Tags: H1..H12, and "INDEX" for an index out of range (such an entry is
 * left out of every other check). Specialties are checked under H5, rooms
 * under H6.
 *
 * Returns the number of violations (0: the solution obeys every hard rule),
 * or -1 when memory ran out (the check is then incomplete). */
int mr_verify(const mr_model *m, const mr_solution *s, mr_diags *out);

/* Internal to the verifier (verify.c, verify_ea.c). */

/* A sort key: a, b, c compared in order, then the entry's index i. */
typedef struct mr_verify_key {
    int a, b, c, i;
} mr_verify_key;
int  mr_verify_cmp_key(const void *x, const void *y);

/* Counts one violation in *n and adds its diagnostic to out (if not NULL). */
void mr_verify_fail(mr_diags *out, int *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 1 when every index of assignment i of s is in range for m. */
int  mr_verify_assign_ok(const mr_model *m, const mr_solution *s, int i);
/* H11 and H12: the slots and the employment-advice allocations. Counts into
 * *n; returns MR_OK or MR_ENOMEM. */
int  mr_verify_slots(const mr_model *m, const mr_solution *s, mr_diags *out,
                     int *n);
int  mr_verify_ea(const mr_model *m, const mr_solution *s, mr_diags *out,
                  int *n);

#endif
