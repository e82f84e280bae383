/* Module-internal interfaces of the Curtois-Qu column generation
 * (solver/nrp_*.c): the per-employee pricing programme and the master LP.
 *
 * Decomposition: a column is one employee's whole schedule. The master
 * holds, per employee, a convexity row, per (day, shift) a cover row with
 * under/over slacks, and, per employee, a row for each resource rule that
 * the employee's pricer does not track itself ("dualised": max shifts of a
 * type, max weekends, total minutes). The pricer always enforces the
 * sequence rules (days off, forbidden successions, min/max consecutive
 * shifts, min days off) and tracks as many resources as a state budget
 * allows; with every resource tracked it is the full Dantzig-Wolfe pricing
 * of the branch-and-price literature. Either way the master plus pricer is
 * an exact model: an integer master solution picks one column per employee
 * and the rows force that column to obey the dualised rules. */
#ifndef MR_NRP_INT_H
#define MR_NRP_INT_H

#include <stdint.h>

#include "nrp.h"

#define NRP_INF 1e30

/* Resource kinds a pricer may track. */
enum { NRP_RES_MINUTES, NRP_RES_WEEKENDS, NRP_RES_TYPE };

/* What an employee's pricer tracks: track_type[t] for each shift type. */
typedef struct nrp_track {
    int minutes, weekends;
    unsigned char type[MR_NRP_MAX_TYPES];
} nrp_track;

typedef struct nrp_pricer nrp_pricer;

/* The pricers' working memory, shared: pricers run one at a time. */
typedef struct nrp_scratch {
    double  *V;
    int32_t *pred;
    uint8_t *opt;
    size_t   cap_day, cap_all;
} nrp_scratch;

/* Grows sc for pr. MR_OK or MR_ENOMEM. */
int  nrp_scratch_reserve(nrp_scratch *sc, const nrp_pricer *pr);
void nrp_scratch_free(nrp_scratch *sc);       /* leaves sc empty */

/* Which rules of employee e need a resource at all (the others can never
 * be broken by a sequence-feasible schedule): need->minutes etc. */
void nrp_needed(const mr_nrp *p, int e, nrp_track *need);

/* Chooses what to track within a budget of states per day and of states
 * over the horizon: total minutes, weekends, then type limits from the
 * tightest, or with minutes_last the minutes after the others (for a
 * heuristic that can repair minutes). Returns the states per day. */
long nrp_choose_tracking(const mr_nrp *p, int e, long day_budget,
                         long total_budget, int minutes_last,
                         nrp_track *track);

/* Builds employee e's pricer for the given tracking. MR_OK or MR_ENOMEM. */
int  nrp_pricer_new(const mr_nrp *p, int e, const nrp_track *track,
                    nrp_pricer **out);
void nrp_pricer_free(nrp_pricer *pr);
long nrp_pricer_states(const nrp_pricer *pr);     /* per day */

/* The k cheapest schedules (distinct) of the employee under arc costs
 * arc[d * (T + 1) + s] (s == T: off; NRP_INF: not allowed) plus wk per
 * weekend worked. Writes up to k schedules to sched[i * h ...] and their
 * costs to cost[i], cheapest first; returns how many (0: no feasible
 * schedule; -1: out of memory). */
int  nrp_price(nrp_pricer *pr, nrp_scratch *sc, const double *arc,
               double wk, int k, int *sched, double *cost);

/* The master LP. Columns are numbered 0.. in the order added; each keeps
 * its employee, schedule, cost and value. */
typedef struct nrp_master {
    const mr_nrp *p;
    void   *lp;               /* glp_prob *, kept opaque outside nrp_master.c */
    int     h, T, E;
    double *pc;               /* [(e * h + d) * (T + 1) + s]: request cost */
    int    *unit;             /* per employee: minutes unit of its rows */
    int    *row_type;         /* [e * T + t], 0: none (GLPK rows from 1) */
    int    *row_wk, *row_min; /* per employee, 0: none */
    double  big;              /* cost of the artificial columns */
    int     n_rows;
    double *min_lo, *min_hi;  /* per employee: minutes row bounds (units) */
    /* the duals of the last solve */
    double *d_conv, *d_cover, *d_type, *d_wk, *d_min;
    /* the columns */
    int     n_cols, cap_cols;
    int    *c_staff;
    double *c_cost, *c_val;
    signed char *c_sched;     /* h per column */
    unsigned char *c_on;      /* 1 unless fixed out by branching */
    int    *hash;             /* open addressing over column indices, -1 */
    int     hash_cap;
    double  obj;              /* of the last solve */
    double  deadline;         /* on nrp_clock(cpu); 0: none */
    int     cpu;
    int     stopped;          /* the last solve hit the deadline: values
                                 feasible, duals not optimal */
    double *art_val;          /* per employee: artificial column value */
    int     term_was;         /* GLPK terminal output before us */
    int    *s_ind;            /* scratch */
    double *s_val;
    signed char *s_key;
} nrp_master;

/* Dual values: conv[E], cover[h * T], type[E * T], wk[E], min[E] (per
 * minute unit of the employee); 0 for rows that do not exist. */
typedef struct nrp_duals {
    double *conv, *cover, *type, *wk, *min;
} nrp_duals;

/* The part of the Lagrangian function that does not depend on the
 * columns: the duals times the right-hand sides of cover and resource
 * rows (each two-sided row at the side its dual's sign selects). */
double nrp_master_dual_const(const nrp_master *m, const nrp_duals *y);

/* The reduced cost, without the convexity dual, of employee e's
 * artificial column under y. */
double nrp_master_art_cost(const nrp_master *m, int e, const nrp_duals *y);

/* Builds the master: rows for every employee's untracked needed resource
 * (track[e]), artificial columns, cover slacks. MR_OK or MR_ENOMEM. */
int  nrp_master_new(const mr_nrp *p, const nrp_track *track,
                    nrp_master **out);
void nrp_master_free(nrp_master *m);

/* The request cost of a schedule of employee e. */
double nrp_master_cost(const nrp_master *m, int e, const int *sched);

/* Adds a column unless the same schedule is there; *index receives its
 * number either way. MR_OK or MR_ENOMEM. */
int  nrp_master_add(nrp_master *m, int e, const int *sched, int *index,
                    int *added);

/* Deletes the non-basic columns of largest reduced cost (those switched
 * off first) until keep are left; call it after a solve. Column numbers
 * change. MR_OK or MR_ENOMEM. */
int  nrp_master_purge(nrp_master *m, int keep);

/* Column j on (1) or fixed at zero (0). */
void nrp_master_enable(nrp_master *m, int j, int on);

/* Solves the LP (dual: 1 after bound changes) and fetches values and
 * duals. MR_OK, or MR_ESOLVER when GLPK fails twice. At m->deadline the
 * simplex stops with m->stopped set (one LP of the largest instances can
 * take longer than the whole time limit). */
int  nrp_master_solve(nrp_master *m, int dual);

/* Solves the restricted master as an integer programme over the enabled
 * columns for at most seconds, stopping early at a roster of value lb.
 * incumbent (or NULL) is a known roster whose columns are in the pool,
 * given to GLPK as its first solution. Writes the best roster found to
 * roster and its value to *value and returns 1, or returns 0 (roster then
 * holds garbage). */
int  nrp_master_rmip(nrp_master *m, double seconds, double lb,
                     const int *incumbent, int *roster, double *value);

/* What the heuristics share with the search (solver/nrp_heur.c). */
typedef struct nrp_ctx {
    const mr_nrp *p;
    int h, T, E;
    nrp_pricer **pr;
    nrp_scratch *sc;
    const nrp_track *track;
    const double *pc;        /* request costs, as in nrp_master */
    double *arc, *arc2;      /* scratch, h * (T + 1) each */
    int *sched;              /* scratch, h */
    int *best_sched;         /* scratch, h */
    int *count;              /* scratch, h * T */
    int cpu;                 /* deadlines in CPU time (nrp_clock) */
    nrp_pricer **full;       /* E fallback pricers, built when needed, or
                                NULL for none; owned by the caller */
    nrp_track *full_track;   /* E */
} nrp_ctx;

/* The cheapest schedule of employee e under arc costs arc (NRP_INF: barred)
 * that obeys every hard rule: the rules e's pricer does not track are met
 * by penalties adjusted until the schedule obeys them (a Lagrangian
 * heuristic), then by a repair of single-day changes; when that fails and
 * need is set, again with a pricer tracking more (x->full), which is
 * slower. Returns 1 (sched; *cost: its cost under arc), 0 when none was
 * found, -1 when out of memory. */
int  nrp_feasible_schedule(nrp_ctx *x, int e, const double *arc, int *sched,
                           double *cost, int need);

/* Local search: best responses (each employee in turn gets the cheapest
 * schedule given everyone else's, cover counted exactly) alternating with
 * block swaps between two employees, until neither changes anything or
 * the clock reaches deadline (nrp_clock(x->cpu)).
 * Entries MR_NRP_OFF - 1 in roster mark employees without a schedule yet,
 * who get one first. Returns 1 when the roster is complete, 0 when some
 * employee could not be given a schedule, -1 when out of memory. */
int  nrp_local_search(nrp_ctx *x, int *roster, double deadline);

/* Ruin and recreate around the local search until deadline; roster must
 * be complete and feasible, work is scratch (E * h), *seed the random
 * state. Returns how many strictly better rosters were found (roster holds
 * the best), -1 when out of memory. */
int  nrp_ruin_recreate(nrp_ctx *x, int *roster, int *work, double deadline,
                       unsigned *seed);

/* Seconds: nrp_clock(1) this process's CPU time, nrp_clock(0) the
 * monotonic mr_clock(). */
double nrp_clock(int cpu);

#endif
