/* Appointment slots: the stage after the roster. Each session of the roster
 * whose activity has appointment types (SPEC 6) is laid out into slots of
 * those types, back to back from the period's start, within its bookable
 * minutes (the period less rules.session_buffer_minutes; the buffer is left
 * at the end of the session). The mix of types across the month meets the
 * demand forecast (SPEC 2.4) as far as the roster's capacity allows.
 *
 * How the mix is chosen. Sessions that are interchangeable for demand (same
 * site, activity and free minutes) form a group. Each group gets the maximal
 * "patterns" of its types (counts of each type that fit in the free minutes
 * and leave no room for one more slot of any type), and a small GLPK MIP
 * picks how many sessions of the group use each pattern:
 *   phase 1: minimise sum over demand lines of
 *            weights.demand * equity * unmet      (docs/semantics.md)
 *            with unmet = max(0, count - capacity of the slots of the type
 *            at the site, or at the practice sites of the PCN);
 *   phase 2: keep phase 1's optimum and maximise the capacity of slots of
 *            types someone asked for at that site (or its PCN): surplus
 *            time goes to demanded types, the densest first. A tie-break,
 *            so it stops within 0.1% of its bound or after 3 seconds.
 * Groups no demand line can use are filled greedily in the order of the
 * appointment-type table: as many of the activity's first type as fit, then
 * the next type in the leftover (a 210-minute clinic: 4 initial + 1
 * follow_up). The patterns of a group are spread evenly over its sessions
 * in date order. Sessions are always filled: no session is left with room
 * for another slot of one of its types.
 *
 * ea_first slots are made only by mr_ea_allocate() (ea_alloc.h), one per
 * allocated referral; they are never used as filler. */
#ifndef MR_SLOTS_H
#define MR_SLOTS_H

#include "model.h"
#include "roster.h"

/* Lays out slots for every assignment of s. The slots that s->ea refers to
 * (first appointments made by mr_ea_allocate) are kept at the start of
 * their sessions; every other slot of s is dropped and rebuilt, so calling
 * this twice gives the same result. Afterwards s->slots is ordered by
 * assignment and start, and s->ea[i].slot follows the reordering. The
 * model must be resolved. Returns MR_OK or MR_ENOMEM (s->slots is then
 * left holding only the kept first appointments). A GLPK failure is
 * logged and answered with the greedy layout, not an error. */
int mr_slots_allocate(const mr_model *m, mr_solution *s);
/* The same within about seconds (the type-mix MIPs stop there with the
 * best mix found). */
int mr_slots_allocate_within(const mr_model *m, mr_solution *s,
                             double seconds);

/* mr_ea_allocate() then mr_slots_allocate(): the whole stage after the
 * roster. Returns the first failing status. */
int mr_appointments(const mr_model *m, mr_solution *s);
/* The same within about seconds (a run's time limit includes them). */
int mr_appointments_within(const mr_model *m, mr_solution *s,
                           double seconds);

/* The capacity of the slots of s that count for demand line `line`
 * (docs/semantics.md "Demand"). */
int mr_demand_provided(const mr_model *m, const mr_solution *s, int line);

/* The maximal type mixes of a session of `activity` with `minutes` to
 * fill: *n_out vectors of m->n_appt_types counts each, back to back in
 * *out (the caller frees it with mr_free; NULL when there are none). A mix
 * is maximal when no slot of any of the activity's filler types (those
 * allowing it, ea_first excepted) fits in what it leaves. The first is the
 * greedy fill in type order. At most 4096 are listed. MR_OK, MR_ENOMEM. */
int mr_slot_patterns(const mr_model *m, int activity, int minutes,
                     int **out, int *n_out);

/* 1 when appointment type `type` may be booked in sessions of `activity`. */
int mr_appt_type_allows(const mr_model *m, int type, int activity);

/* The appointment type of demand line `line` (-1 when unknown), and 1 when
 * the line counts slots at `site` (the site itself; for a PCN line, a
 * practice site of that PCN). */
int mr_demand_type(const mr_model *m, int line);
int mr_demand_covers(const mr_model *m, int line, int site);

/* The equity factor of demand line `line`: mr_equity() of its site, or for
 * a PCN line the mean over the PCN's practice sites (1 when it has none). */
double mr_demand_equity(const mr_model *m, int line);

#endif
