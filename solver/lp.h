/* The month's compact MILP (SPEC 3-5, docs/semantics.md), built into an
 * mr_mip by families of rows. The builder struct is shared: lp_vars.c makes
 * the assignment variables x and the index to find them; each lp_rows_*.c
 * adds one family of rows (and the columns only it uses) through one
 * function taking the builder. A new family (demand, EA referrals) is a new
 * file and one line in the table of lp_build.c.
 *
 * x[k] is a binary column: person, date, period, activity, site, specialty
 * (-1 for none). It exists only where the assignment can exist (H2, H3, H5
 * and rooms of the right kind at the site are enforced by its absence).
 * Column k of the mip is x[k] for k < n_x; other columns follow. */
#ifndef MR_LP_H
#define MR_LP_H

#include "mip.h"
#include "model.h"

/* Column tags: which part of the objective a column's cost belongs to. */
enum mr_lp_tag {
    MR_TAG_X, MR_TAG_AUX, MR_TAG_COVER, MR_TAG_PCN, MR_TAG_SAT,
    MR_TAG_FAIR, MR_TAG_SPEC, MR_N_TAGS
};

typedef struct mr_xvar {
    int staff, date, period, activity, site, specialty;
} mr_xvar;

/* What a request's satisfaction column stands for. */
typedef struct mr_lp_req {
    int    staff;       /* -1 when the request's person is unknown */
    int    col;         /* satisfaction column s in [0, 1] */
    double share;       /* weight / (sum of that person's weights) */
} mr_lp_req;

typedef struct mr_lpb {
    const mr_model *m;
    mr_mip  mip;

    mr_xvar *x;
    int      n_x, cap_x;
    int      n_days, n_periods, first_day, n_staff;
    /* x of person p on day offset dd in period t: [first[i], first[i+1])
     * with i = (p * n_days + dd) * n_periods + t. */
    int     *first;

    int      clinic, fcp, ea;  /* catalogue activities by id, -1 if absent */

    mr_lp_req *req;            /* per request of the model */
    int       *req_weight;     /* per staff: total request weight (0: none) */
    int       *day_col;        /* per (staff, day offset): the day
                                  indicator's column, -1 none yet */
    int        fair_col;       /* lowest satisfaction, -1 when nobody asks */
    int        ref_row0, ref_row1; /* the referral rows: [ref_row0,
                                      ref_row1) (lp_rows_referrals.c) */

    char name[256];            /* scratch for column and row names */
} mr_lpb;

/* Builds the whole compact model of a resolved model's month. On success
 * the caller owns *out and frees it with mr_lpb_free(). MR_OK, MR_ENOMEM. */
int  mr_lpb_build(const mr_model *m, mr_lpb **out);
void mr_lpb_free(mr_lpb *b);                 /* NULL is fine */

/* lp_vars.c: creates every x and the session index. */
int  mr_lpb_vars(mr_lpb *b);

/* The families (each adds its rows and columns; MR_OK or MR_ENOMEM). */
int  mr_rows_contract(mr_lpb *b);      /* H4 */
int  mr_rows_daily(mr_lpb *b);         /* H1, H7, H8 */
int  mr_rows_cover(mr_lpb *b);         /* cover, H10, PCN */
int  mr_rows_rooms(mr_lpb *b);         /* H6 as Hall capacity rows */
int  mr_rows_ea(mr_lpb *b);            /* H9 */
int  mr_rows_prefs(mr_lpb *b);         /* satisfaction, preference, fairness */
int  mr_rows_specialism(mr_lpb *b);    /* specialist share */
int  mr_rows_referrals(mr_lpb *b);     /* EA referrals (ea_alloc.h) */
int  mr_rows_demand(mr_lpb *b);        /* appointment demand (slots.h) */

/* Index helpers. */
static inline int mr_lpb_sess(const mr_lpb *b, int p, int dd, int t)
{
    return (p * b->n_days + dd) * b->n_periods + t;
}
/* First and one-past-last x of a person-session; dd outside the month gives
 * an empty range. */
static inline void mr_lpb_range(const mr_lpb *b, int p, int dd, int t,
                                int *lo, int *hi)
{
    if (dd < 0 || dd >= b->n_days) {
        *lo = *hi = 0;
        return;
    }
    int i = mr_lpb_sess(b, p, dd, t);
    *lo = b->first[i];
    *hi = b->first[i + 1];
}

/* Formats a name into b->name (ids with '-' turned into '_' so that CPLEX
 * LP format accepts them; ids never contain '_', so names stay unique). */
const char *mr_lpb_fmt(mr_lpb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "YYYYMMDD" of a day offset, into buf[9]. */
void mr_lpb_date(const mr_lpb *b, int dd, char buf[9]);

/* Adds an x-sum of a person-session restricted by a filter to the open
 * row with coefficient c: activity (-1 any), site (-1 any). */
int  mr_lpb_add_sess(mr_lpb *b, int p, int dd, int t, int activity, int site,
                     double c);
/* The day indicator of person p on day offset dd: 1 when they work that
 * day. Made on first use (a binary column w with w >= each period's x-sum
 * and the periods' x-sum <= cap * w, cap the sessions the day can hold:
 * the second row is what makes a day that a full week needs count as
 * worked in the relaxation). A day with one possible period needs no
 * column: its x-sum is the indicator. Call mr_lpb_day_prepare() before
 * opening the row that mr_lpb_day_add() adds the indicator to. */
int  mr_lpb_day_prepare(mr_lpb *b, int p, int dd);
int  mr_lpb_day_add(mr_lpb *b, int p, int dd, double c);
/* Number of periods of the person's day that have an x. */
int  mr_lpb_periods_of_day(const mr_lpb *b, int p, int dd);
/* Adds a continuous column owned by owner with a tag; *out gets its index. */
int  mr_lpb_col(mr_lpb *b, double lb, double ub, double obj, int owner,
                int tag, const char *name, int *out);
/* 1 when the person-session has an x (of the activity and site, -1 any). */
int  mr_lpb_has(const mr_lpb *b, int p, int dd, int t, int activity,
                int site);

#endif
