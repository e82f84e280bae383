/* Explaining a month in a rota manager's words.
 *
 * Three questions, three files:
 *   - explain_items.c: the input items that can take part in a conflict
 *     (a hard cover entry in one session, a leave entry, a contract week, a
 *     working pattern, a rule for one person, a site's rooms or opening),
 *     where each was written, how to say it, and the relaxed copy of the
 *     model in which every one of them is lifted. The search for a set of
 *     items that cannot all hold needs the solver (solver/feasible.h).
 *   - explain_short.c: for each shortfall of a roster, who could have
 *     filled it and what kept each of them away, grouped by entry.
 *   - explain_req.c: for each request, met or not, and for the ones not
 *     met the reason: a hard rule, or what meeting it would have cost.
 * Everything here reasons from the model and a roster alone; nothing is
 * printed (io/cli_explain.c words it). */
#ifndef MR_EXPLAIN_H
#define MR_EXPLAIN_H

#include "roster.h"

/* --- input items (explain_items.c) ------------------------------------ */

enum mr_xitem_kind {
    MR_XI_COVER,      /* a hard cover entry in one session (cover, date,
                         period); lifted: that session may go short */
    MR_XI_LEAVE,      /* a leave or absence entry (absence); lifted: gone */
    MR_XI_CONTRACT,   /* a person's contract in one week (staff, week);
                         lifted: any number of sessions that week */
    MR_XI_DAYS,       /* a person's working days; lifted: every day */
    MR_XI_PERIODS,    /* a person's periods; lifted: every period */
    MR_XI_EVENINGS,   /* a person's max_evenings; lifted: no limit */
    MR_XI_REST,       /* min_rest_hours for one person */
    MR_XI_CONSEC,     /* max_consecutive_days for one person */
    MR_XI_DAYMAX,     /* max_sessions_per_day for one person */
    MR_XI_SITES,      /* max_sites_per_day for one person */
    MR_XI_ROOMS,      /* a site's rooms (site); lifted: rooms enough */
    MR_XI_OPENING,    /* a site's opening (site); lifted: open always */
    MR_N_XI
};

typedef struct mr_xitem {
    int    kind;               /* enum mr_xitem_kind */
    int    cover, date, period;    /* MR_XI_COVER (date a day number) */
    int    absence;            /* MR_XI_LEAVE */
    int    staff;              /* person items, LEAVE; else -1 */
    int    week;               /* MR_XI_CONTRACT: week index */
    int    site;               /* MR_XI_ROOMS, MR_XI_OPENING; else -1 */
    mr_loc loc;                /* where it was written; file -1: a rule of
                                  service.yaml's `rules` (or its default) */
} mr_xitem;

typedef struct mr_xitems {
    MR_ARRAY(mr_xitem, items);
} mr_xitems;

void mr_xitems_init(mr_xitems *l);
void mr_xitems_clear(mr_xitems *l);                 /* NULL is fine */
int  mr_xitems_add(mr_xitems *l, const mr_xitem *it);

/* Every item of a resolved model with a month that could take part in a
 * conflict, in the order of enum mr_xitem_kind. Rules that cannot bind
 * (a person who works one period a day has no daily maximum to meet) are
 * left out. out is cleared first. MR_OK or MR_ENOMEM. */
int  mr_xitems_universe(const mr_model *m, mr_xitems *out);

/* The rule key of service.yaml behind a rule item ("min_rest_hours"), or
 * NULL for other kinds. */
const char *mr_xitem_rule_key(int kind);

/* A short name of the kind ("cover", "leave", "contract", ...). */
const char *mr_xitem_kind_name(int kind);

/* The item in a rota manager's words, one sentence without a place, e.g.
 * "remote needs 2 people on triage on Tue 15 Dec am (hard cover)". */
void mr_xitem_text(const mr_model *m, const mr_xitem *it, char *buf,
                   size_t size);

/* "Tue 15 Dec" of a day number, into buf (at least 16 bytes). */
void mr_xday(int day, char *buf, size_t size);

/* The relaxed copy of a model: every item of the universe lifted at once
 * (no leave or absence, every day and period for everyone, no evening
 * limit, every site open every day in every period, something due every
 * week). Rooms and rules are the same as m's: the solver lifts those, and
 * puts the true contracts back, on its rows. The
 * copy shares m's strings and most arrays (it is shallow): m must outlive
 * it and must not change meanwhile. Free it with mr_xrelaxed_free(), never
 * mr_model_free(). MR_OK or MR_ENOMEM (*out NULL). */
int  mr_xrelaxed_new(const mr_model *m, mr_model **out);
void mr_xrelaxed_free(mr_model *r);                  /* NULL is fine */

/* --- why someone was not there (explain_short.c) ---------------------- */

enum mr_xcause {
    MR_XC_FREE,        /* available and unused: the roster's choice */
    MR_XC_CLOSED,      /* a closed date */
    MR_XC_LEAVE,       /* on leave or absent (ref: absence) */
    MR_XC_DAYS,        /* not one of their days */
    MR_XC_PERIODS,     /* not one of their periods */
    MR_XC_NO_EVENINGS, /* max_evenings 0 */
    MR_XC_DUE_ZERO,    /* no sessions due that week */
    MR_XC_ELSEWHERE,   /* rostered elsewhere that session (ref: assign) */
    MR_XC_CONTRACT,    /* the week's due sessions all rostered elsewhere
                          (ref: sessions due) */
    MR_XC_DAYMAX,      /* max_sessions_per_day reached (ref: assign) */
    MR_XC_SITES,       /* already at another site that day (ref: assign) */
    MR_XC_REST,        /* too little rest after or before (ref: assign) */
    MR_XC_CONSEC,      /* a day more would break max_consecutive_days */
    MR_XC_EVENINGS,    /* max_evenings used up (ref: the maximum) */
    MR_XC_ROOM,        /* every room of a kind it needs in use (ref: site) */
    MR_XC_NEEDED,      /* rostered that session where they were needed: a
                          cover entry or PCN week at or below its minimum
                          (ref: assign) */
    MR_N_XC
};

const char *mr_xcause_name(int cause);   /* "leave", "elsewhere", ... */

/* 1 when the person may do the activity at the site with the specialty
 * (a skill index, -1 for none), whatever the day: role, skill, site. */
int  mr_x_can_do(const mr_model *m, int staff, int activity, int site,
                 int specialty);

/* Why the person could not be rostered at all in the session, whatever the
 * roster: MR_XC_CLOSED, LEAVE (*ref the absence), DAYS, PERIODS,
 * NO_EVENINGS, DUE_ZERO; MR_XC_FREE when nothing in the inputs stops it. */
int  mr_x_static_cause(const mr_model *m, int staff, int day, int period,
                       int *ref);

/* Why the person was not doing the activity at the site (-1: any site of
 * a PCN) in the session in the roster of s: the static causes first, then
 * the roster's (NEEDED or ELSEWHERE, CONTRACT, DAYMAX, SITES, REST,
 * CONSEC, EVENINGS, ROOM), else MR_XC_FREE. *ref as the enum says
 * (-1 when none). The person is assumed able to do the activity there. */
int  mr_x_roster_cause(const mr_model *m, const mr_solution *s, int staff,
                       int day, int period, int activity, int site,
                       int *ref);

/* One person's part in a group: person-sessions kept away, by cause, and
 * an example detail (ref) of each cause. */
typedef struct mr_xperson {
    int staff;
    int count[MR_N_XC];
    int ref[MR_N_XC];          /* -1 when none */
    int date[MR_N_XC];         /* the first session of each cause */
    int period[MR_N_XC];
} mr_xperson;

/* The shortfalls of one cover entry, one PCN or one demand line. */
typedef struct mr_xgroup {
    int kind;                  /* enum mr_shortfall_kind */
    int cover, pcn, demand;    /* the entry (-1 when not this kind) */
    int first, n;              /* range in mr_xshort.shorts */
    int missing;               /* sum of required - provided */
    int first_person, n_people;    /* range in people: who could fill it */
    int total[MR_N_XC];        /* person-sessions by cause, all people */
    int main_cause;            /* the cause with the most person-sessions
                                  (MR_XC_FREE when none) */
    /* demand only: sessions that could hold the type, slots offered, and
     * how many of the type one session holds (a morning, the type alone) */
    int sessions, offered, per_session;
} mr_xgroup;

typedef struct mr_xshort {
    MR_ARRAY(mr_xgroup, groups);   /* most missing first */
    MR_ARRAY(int, shorts);         /* shortfall indices of s, by group */
    MR_ARRAY(mr_xperson, people);
} mr_xshort;

void mr_xshort_init(mr_xshort *x);
void mr_xshort_clear(mr_xshort *x);                 /* NULL is fine */

/* Explains every shortfall of s (s->shortfalls as mr_evaluate() left
 * them): one group per cover entry, per PCN and per demand line, with the
 * people who could ever have filled it and, for each session short, what
 * kept each of them away. out is cleared first. MR_OK or MR_ENOMEM. */
int  mr_explain_shortfalls(const mr_model *m, const mr_solution *s,
                           mr_xshort *out);

/* --- requests (explain_req.c) ----------------------------------------- */

enum mr_xreason {
    MR_XR_MET,           /* fully met */
    MR_XR_PART,          /* partly met (task, location): s shows how much */
    MR_XR_LEAVE,         /* hard: on leave on the dates (ref: absence) */
    MR_XR_PATTERN,       /* hard: not their day or period */
    MR_XR_CLOSED,        /* hard: a closed date, or the site is not open */
    MR_XR_NOT_THEIRS,    /* hard: not their site, or an activity their
                            role, skills or sites do not allow */
    MR_XR_CONTRACT,      /* hard: the contract needs every session they can
                            work that week (n1 due, n2 possible without the
                            request) */
    MR_XR_ONLY_ONE,      /* hard: a hard cover entry that only enough
                            people including them can meet (ref: cover) */
    MR_XR_COVER,         /* cost: they held a session that a cover entry
                            needed (ref: cover; n1 its min, n2 provided) */
    MR_XR_PCN,           /* cost: they held an FCP session their PCN
                            needed (ref: pcn) */
    MR_XR_OTHER,         /* cost: the roster preferred otherwise (ref:
                            assignment held instead, or -1) */
    MR_N_XR
};

const char *mr_xreason_name(int reason);

typedef struct mr_xreq {
    int    request, staff;
    double s;                  /* satisfaction of the request, 0..1 */
    int    reason;             /* enum mr_xreason */
    int    date, period;       /* a session where it failed (MR_NO_DATE,
                                  -1 when none applies) */
    int    ref;                /* as the reason says, else -1 */
    int    n1, n2;             /* figures as the reason says */
} mr_xreq;

typedef struct mr_xreqs {
    MR_ARRAY(mr_xreq, items);      /* every request, by person and order */
} mr_xreqs;

void mr_xreqs_init(mr_xreqs *x);
void mr_xreqs_clear(mr_xreqs *x);                   /* NULL is fine */

/* Explains every request of m under the roster of s: met or not and why.
 * out is cleared first. MR_OK or MR_ENOMEM. */
int  mr_explain_requests(const mr_model *m, const mr_solution *s,
                         mr_xreqs *out);

#endif
