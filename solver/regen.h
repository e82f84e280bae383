/* Regenerating a published month with the fewest changes (SPEC 1, 7).
 *
 * After publication people know their roster; sickness and other changes
 * then force a new one. mr_regen_solve() keeps every published assignment
 * before a date `from` exactly (the past is fixed) and re-solves the rest
 * lexicographically, as staged MIPs on the compact model (lp.h):
 *   stage 1: every hard rule; minimise the cover and PCN shortfall cost;
 *   stage 2: shortfall cost <= stage 1's optimum; minimise the changed
 *            person-sessions against the published roster;
 *   stage 3: changes <= stage 2's optimum; minimise the whole objective.
 * A person-session changes when its activity or site differs from the
 * published one, or when an assignment appears or disappears there; its
 * room counts too, and is settled afterwards by mr_regen_rooms(), which
 * keeps published rooms wherever the matching allows. Each stage's bound is
 * reported, so the number of changes comes with its proof of minimality.
 *
 * mr_regen_keep_past() makes a month's inputs agree with a fixed past
 * (absence added for dates before `from` cannot be honoured), and
 * mr_regen_diff() lists the changes for people to read.
 *
 * Files: regen.c (the stages), regen_past.c, regen_rooms.c, regen_diff.c.
 * None includes glpk.h: the stages run through run.h. */
#ifndef MR_REGEN_H
#define MR_REGEN_H

#include "roster.h"
#include "solve.h"

/* What the stages found. Costs are model objective units. */
typedef struct mr_regen_info {
    double shortfall;        /* stage 1: cover + PCN shortfall cost kept */
    double shortfall_bound;  /* its proven lower bound */
    int    moves;            /* stage 2: changed person-sessions (activity,
                                site, appearing or disappearing) */
    int    moves_bound;      /* proven: no roster meeting the hard rules and
                                stage 1's shortfall has fewer */
    int    room_changes;     /* person-sessions whose only change is the
                                room (from mr_regen_rooms) */
    int    changes;          /* moves + room_changes: the reported count */
    int    proven;           /* stages 1 and 2 both proven optimal */
    int    fixed;            /* published assignments kept before from */
    double stage_seconds[3];
} mr_regen_info;

/* Re-solves the month of the resolved model m from day `from` (a day
 * number) against the published roster pub (made for m: same indices;
 * rooms of pub are the published rooms). Assignments of pub before from
 * are fixed; the month is re-solved from from on as described above, in
 * at most o->time_limit seconds altogether (o->gap applies to stage 3;
 * stages 1 and 2 are solved to optimality when time allows).
 *
 * Returns MR_OK with out->outcome as mr_solve_month() (MR_OUT_INFEASIBLE
 * when no roster keeps the past and meets the hard rules), out->assign
 * with rooms, objective (the model's, without the change cost), bound,
 * seconds, changes and parts.change (weights.change * changes) set, and
 * *info filled. MR_EINVAL when a published assignment before from has no
 * place in the model (logged; call mr_regen_keep_past() first), MR_ENOMEM,
 * MR_ESOLVER. */
int mr_regen_solve(const mr_model *m, const mr_solution *pub, int from,
                   const mr_solve_opts *o, mr_solution *out,
                   mr_regen_info *info);

/* Makes the absence and leave of m agree with the published roster before
 * from: a day before from on which the person has a published assignment
 * is taken out of their absence (split as needed), since the past cannot
 * change; and when a week meeting the past would then be due fewer
 * sessions than the person already has in it before from, their past days
 * off in that week are taken out of the absence too (latest first). Each
 * adjustment adds one warning to warn naming the person, the date and the
 * absence. Returns MR_OK or MR_ENOMEM. */
int mr_regen_keep_past(mr_model *m, const mr_solution *pub, int from,
                       mr_diags *warn);

/* Names rooms for the assignments of s that need one, keeping the room of
 * the published assignment of the same person-session (same activity and
 * site) wherever a complete matching still exists; the rest as
 * mr_rooms_assign(). MR_OK, MR_EINFEASIBLE (some site-session has too few
 * rooms), MR_ENOMEM. */
int mr_regen_rooms(const mr_model *m, const mr_solution *pub,
                   mr_solution *s);

/* One changed person-session: the published assignment (index into pub's
 * assign, -1: none) and the new one (index into s's assign, -1: none). */
typedef struct mr_change {
    int staff, date, period;
    int before, after;
} mr_change;

/* The changes of s against pub, ordered by person, date and period: a
 * person-session changes when an assignment appears or disappears, or its
 * activity, site or room differs (a specialty alone does not count). *out
 * is owned by the caller (mr_free); NULL when there are none. MR_OK,
 * MR_ENOMEM. */
int mr_regen_diff(const mr_model *m, const mr_solution *pub,
                  const mr_solution *s, mr_change **out, int *n);

/* "s004 Tue 15 Dec am: clinic at hub-1 (h1-t2) -> triage at remote" into
 * buf; "off" stands for no assignment, a specialty leads ("spinal clinic").
 * Returns buf. */
const char *mr_change_format(const mr_model *m, const mr_solution *pub,
                             const mr_solution *s, const mr_change *c,
                             char *buf, int size);
/* One side of a change ("spinal clinic at hub-1 (h1-t2)" or "off"). */
const char *mr_assignment_format(const mr_model *m, const mr_assignment *a,
                                 char *buf, int size);

#endif
