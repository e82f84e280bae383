/* Naming rooms after the solve. The model's room rows (H6, Hall's
 * condition per site-session) guarantee that a matching exists; this finds
 * one per site-session by augmenting paths, trying each assignment's most
 * preferred room kind first. */
#ifndef MR_ROOMS_H
#define MR_ROOMS_H

#include "model.h"
#include "roster.h"

/* Sets the room of every assignment of s whose activity needs one (room -1
 * before). MR_OK; MR_EINFEASIBLE when some site-session has too few rooms
 * (the assignments without one keep room -1); MR_ENOMEM. */
int mr_rooms_assign(const mr_model *m, mr_solution *s);

#endif
