/* A solution of one month: the roster (assignments), the appointment slots,
 * the employment-advice allocations, and the figures of the run.
 *
 * Indices refer to the mr_model the solution was made for. */
#ifndef MR_ROSTER_H
#define MR_ROSTER_H

#include "model.h"

enum mr_outcome {
    MR_OUT_OPTIMAL,      /* proven within the requested gap */
    MR_OUT_FEASIBLE,     /* a roster, stopped for another reason */
    MR_OUT_INFEASIBLE,   /* no roster satisfies the hard rules */
    MR_OUT_TIME_LIMIT,   /* the time limit hit (with or without a roster) */
    MR_OUT_NONE          /* not solved */
};

/* One person in one session doing one activity at one site. */
typedef struct mr_assignment {
    int staff;
    int date;            /* day number */
    int period;
    int activity;
    int site;
    int room;            /* -1 when the activity needs no room */
    int specialty;       /* skill index, -1 when none */
} mr_assignment;

/* One appointment slot inside an assignment's session. */
typedef struct mr_slot {
    int assignment;      /* index into mr_solution.assign */
    int start, end;      /* minutes after midnight */
    int type;            /* appointment type */
    int capacity;
} mr_slot;

/* Where one referral went. */
typedef struct mr_ea_alloc {
    int   referral;
    int   adviser;       /* staff index, -1: unallocated */
    int   slot;          /* index into mr_solution.slots, -1: none */
    char *reason;        /* why unallocated; NULL when allocated */
} mr_ea_alloc;

enum mr_shortfall_kind { MR_SHORT_COVER, MR_SHORT_PCN, MR_SHORT_DEMAND };

/* One line of shortfalls.csv. Unused index fields are -1. */
typedef struct mr_shortfall {
    int kind;            /* enum mr_shortfall_kind */
    int site, pcn, activity, specialty, appt_type;
    int date;            /* MR_NO_DATE when not per session */
    int period;
    int week;            /* day number of the Monday, MR_NO_DATE if none */
    int required, provided;
    int cover;           /* cover entry index for MR_SHORT_COVER, else -1 */
} mr_shortfall;

/* The objective split into its parts (each already weighted). */
typedef struct mr_objective_parts {
    double cover, pcn, demand, preference, fairness, specialism,
           ea_unallocated, change;
} mr_objective_parts;

typedef struct mr_solution {
    MR_ARRAY(mr_assignment, assign);
    MR_ARRAY(mr_slot, slots);
    MR_ARRAY(mr_ea_alloc, ea);
    MR_ARRAY(mr_shortfall, shortfalls);

    int    outcome;      /* enum mr_outcome */
    double objective, bound, gap;
    double seconds, first_seconds;
    mr_objective_parts parts;

    int    cover_shortfall, pcn_shortfall, demand_shortfall, ea_unallocated;
    int    changes;
    double min_satisfaction, mean_satisfaction;   /* -1 when no requests */
    /* Per staff (n_staff entries each), or NULL. satisfaction is -1 for a
     * person without requests. */
    double *requested_weight, *satisfied_weight, *satisfaction;
    int    n_staff;
} mr_solution;

int  mr_solution_new(mr_solution **out);
void mr_solution_free(mr_solution *s);        /* NULL is fine */
/* Drops assignments, slots, allocations and figures; keeps the memory. */
void mr_solution_reset(mr_solution *s);

int  mr_solution_add(mr_solution *s, const mr_assignment *a);

const char *mr_outcome_name(int outcome);

#endif
