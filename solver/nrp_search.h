/* Module-internal state of the Curtois-Qu branch and price, shared by
 * solver/nrp_cg.c (setup, column generation at a node, the run) and
 * solver/nrp_bp.c (fixings, dives, the search tree). */
#ifndef MR_NRP_SEARCH_H
#define MR_NRP_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "nrp_cg.h"
#include "nrp_int.h"

#define NRP_EPS 1e-6
#define NRP_UNSET (MR_NRP_OFF - 1)

/* A fixing: employee e works shift t on day d (up) or does not (t == T:
 * the day off, used by dives only). */
typedef struct nrp_fix {
    int e, d, t, up;
} nrp_fix;

/* An open node of the tree: the fixings from the root, and the bound of
 * its parent. */
typedef struct nrp_node {
    double lb;
    int len;
    nrp_fix *path;
} nrp_node;

typedef struct nrp_cg {
    const mr_nrp *p;
    mr_nrp_opts o;
    int h, T, E;
    double t0, deadline, wall0, cpu0;
    nrp_track *track;
    nrp_pricer **pr;
    nrp_scratch sc;
    nrp_ctx x;
    nrp_master *m;
    double *arc, *scost;
    int *sched;
    uint64_t *allowed;         /* E * h: options (bit T: off) */
    unsigned char *dirty;      /* E: fixings changed since applied */
    int *pick;                 /* E: a column per employee */
    size_t *frac;              /* E * h * T: a dive's candidates */
    nrp_fix *stack;            /* the current node's fixings */
    int depth, cap;
    nrp_node *open;            /* open nodes of the tree */
    int n_open, cap_open;
    int *best, *tmp, *work;
    long best_val;
    double best_time;
    long first_val;
    long rounds, nodes;
    double t_lp, t_price;
    double t_dive;             /* seconds in dives during the search */
    long dives;
    double t_ils;              /* seconds in ruin and recreate */
    unsigned seed;
    int exact;
    int keep;                  /* columns kept by a purge */
    double *xval;              /* E * h * T: x[e,d,t] of the LP */
    nrp_duals centre, mix;     /* dual smoothing */
} nrp_cg;

/* nrp_cg.c */
double nrp_cg_clock(const nrp_cg *c);
int    nrp_cg_out_of_time(const nrp_cg *c);
double nrp_cg_remaining(const nrp_cg *c);
double nrp_cg_cutoff(const nrp_cg *c);       /* best roster, or NRP_INF */
long   nrp_ceil_bound(double v);
/* Offers a roster (see nrp_cg.c); polish: improve a better one by the
 * local search. MR_OK or MR_ENOMEM. */
int    nrp_cg_offer(nrp_cg *c, const int *roster, const char *how,
                    int polish);
/* Ruin and recreate from the best roster for at most seconds. */
int    nrp_cg_ils(nrp_cg *c, double seconds);
/* Column generation at the current node, at most max_rounds rounds (-1:
 * no limit). *lb: the node's bound (NRP_INF: nothing below); *done: the
 * bound cannot rise further. */
int    nrp_cg_node(nrp_cg *c, int dual, int max_rounds, double *lb,
                   int *done);

/* nrp_bp.c */
void   nrp_bp_apply(nrp_cg *c);              /* fixings to masks, columns */
int    nrp_bp_push(nrp_cg *c, int e, int d, int t, int up);
void   nrp_bp_pop_to(nrp_cg *c, int depth);
int    nrp_bp_integral(nrp_cg *c);           /* roster in c->tmp */
int    nrp_bp_round(nrp_cg *c);              /* rounding + local search */
int    nrp_bp_dive(nrp_cg *c, unsigned seed);  /* 0: no noise */
/* Best-first branch and price from the current LP (the root): *lb_out
 * receives a proven bound, *complete 1 when the tree was exhausted. */
int    nrp_bp_search(nrp_cg *c, double root_lb, double *lb_out,
                     int *complete);
void   nrp_bp_free(nrp_cg *c);

#endif
