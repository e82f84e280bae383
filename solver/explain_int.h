/* Internal to the conflict search (explain_iis.c, explain_setup.c): the
 * month built once with every item lifted, and each item as bounds on it.
 * Only these two files include this header. */
#ifndef MR_EXPLAIN_INT_H
#define MR_EXPLAIN_INT_H

#include "feasible.h"
#include "lp.h"

/* A row of an item: its bounds when the item holds, and the slack columns
 * that soften it (coefficient +1 below lb, -1 above ub; -1 when none). */
typedef struct irow {
    int    row;
    double lb, ub;
    int    slack_lo, slack_hi;
} irow;

typedef struct named {
    char name[96];
    int  index;
} named;

typedef struct mr_xiis {
    const mr_model *m;
    mr_model *rel;
    mr_lpb   *b;
    mr_feas  *f;
    mr_xitems all;
    int       n;
    int      *rbeg, *cbeg;         /* per item, n + 1 */
    irow     *rows;
    int      *cols;
    int      *fix;                 /* per column of the program */
    unsigned char *state, *applied;
    /* lookups from rows and columns to items */
    int      *of_cover;            /* (cover, day offset, period) */
    int      *of_staff;            /* kind * n_staff + staff */
    int      *of_contract;         /* staff * n_weeks + week */
    int      *of_site;             /* kind * n_sites + site */
    named    *staff_names, *site_names, *period_names;
    int       n_weeks;
    double    t0, deadline, step;
    int       n_checks;
    int       last_lp;             /* the last check's lp_only */
    int       lp_mode;             /* questions answered by the LP alone
                                      (an LP solution counts as a roster) */
    int      *xbeg, *xitems;       /* per x: the items that forbid it */
    int      *pbeg, *pitems;       /* per person: their items */
    unsigned char *mark;
} mr_xiis;

/* explain_setup.c: builds everything from c->m (set by the caller), every
 * item lifted. MR_OK, MR_ENOMEM. mr_xiis_free() frees what it made. */
int    mr_xiis_setup(mr_xiis *c);
void   mr_xiis_free(mr_xiis *c);
/* Puts the items of c->state in force and lifts the rest. */
void   mr_xiis_sync(mr_xiis *c);
/* Seconds to the deadline (may be negative). */
double mr_xiis_left(const mr_xiis *c);
/* Is the month with the items of c->state (the rest lifted) feasible?
 * Answered by the LP alone in lp_mode. MR_OK, MR_ENOMEM. */
int    mr_xiis_check(mr_xiis *c, double limit, int *result);
/* Softens (on) or restores every item not in c->state. */
void   mr_xiis_elastic(mr_xiis *c, int on);
/* 1 when item i gives way in the softened solution x. */
int    mr_xiis_violated(const mr_xiis *c, int i, const double *x);

#endif
