/* Employment-advice allocation (SPEC 2.5, H11): each referral of the month
 * goes to an adviser with a first appointment (an ea_first slot) in one of
 * that adviser's ea sessions, or is left unallocated with a reason.
 *
 * Advisers are the people of role ea or sea with at least one assignment
 * whose activity ea_first may be booked in (the ea sessions). Each ea
 * session holds floor(bookable minutes / ea_first minutes) first
 * appointments, laid back to back from the period's start; since a person
 * has at most one assignment per session (H1) and slots in a session never
 * overlap, no adviser is booked twice at a time.
 *
 * Readings of H11 (the contract leaves these open):
 * - A *new client* of an adviser is an allocated referral whose `adviser`
 *   is empty or names someone else. An existing client kept with their own
 *   adviser is not new to them and does not count against the caps.
 * - The senior cap is ceil(senior_share * A), A the mean number of new
 *   clients over the non-senior (role ea) advisers with ea sessions in the
 *   month; the ceiling is taken as ceil(x - 1e-9) so that 0.1 * 30 / 3 is
 *   1, not 2. With no non-senior adviser, A is new_clients_per_adviser_max
 *   (the load a full adviser may carry). The cap never exceeds
 *   new_clients_per_adviser_max.
 * - A first appointment is on or after the referral date: the session's
 *   date is >= referred_on (the same day is allowed).
 *
 * Method: one GLPK MIP with a binary per (referral, ea session on or after
 * its date), rows for one appointment per referral, the first appointments
 * a session holds, each adviser's cap, and the senior cap written exactly
 * through binaries u_k ("the cap is at least k") with
 * sum of non-senior new clients >= the least total whose cap reaches k.
 *
 * Costs. Leaving a referral unallocated costs more than any rearrangement
 * of the others could save, so the number allocated is maximised first.
 * Among allocations of the same number, these tie-breakers (ours; none of
 * them is part of the reported objective, which charges only
 * weights.ea_unallocated per unallocated referral, docs/semantics.md):
 *   continuity  30    an existing client given to another adviser;
 *   lateness    10 + 1 per working day beyond
 *               first_appointment_within_days working days (Mon-Fri, not
 *               closed) after the referral, or after the 1st of the month
 *               for earlier referrals (that day itself is day 0);
 *   site         3    the session is not at the referral's site;
 *   wait      0.05    per working day from that start to the appointment,
 *               so that, all else equal, the earliest session is used.
 * So continuity outweighs timeliness, which outweighs the site.
 *
 * When referrals are left for want of capacity, a warning is logged: the
 * programme treats more than 10 new clients per adviser per month as a
 * point to escalate. */
#ifndef MR_EA_ALLOC_H
#define MR_EA_ALLOC_H

#include "model.h"
#include "roster.h"

/* Allocates every referral of m. Drops every slot and allocation of s,
 * then sets s->ea[i] for referral i (adviser and the index of its ea_first
 * slot, or adviser -1, slot -1 and a short reason: "no adviser with ea
 * sessions", "no ea session on or after referral", "no adviser capacity",
 * "no ea_first appointment type") and appends the ea_first slots to
 * s->slots. Run mr_slots_allocate() afterwards to fill the rest of the
 * sessions. Returns MR_OK, MR_ENOMEM (s->ea and s->slots are then empty)
 * or MR_ESOLVER when GLPK fails (logged). */
int mr_ea_allocate(const mr_model *m, mr_solution *s);
/* The same, its MIP stopped after about seconds with the best found. */
int mr_ea_allocate_within(const mr_model *m, mr_solution *s, double seconds);

/* The ea_first appointments (type first) that a person's assignment of
 * the activity in the period holds, when it is an adviser's ea session
 * (role ea or sea, an activity ea_first may be booked in); -1 when it is
 * not. The allocation and the roster MILP's referral rows
 * (lp_rows_referrals.c) both count sessions by it. */
int mr_ea_first_holds(const mr_model *m, int first, int staff, int activity,
                      int period);

/* The most new clients a senior adviser may take when the n_regular
 * non-senior advisers with ea sessions take regular_total between them
 * (see the readings above). */
int mr_ea_senior_cap(const mr_model *m, int regular_total, int n_regular);

#endif
