/* Calendar and staff facts recomputed for the verifier and the evaluator.
 *
 * derive.c computes the same facts for the solver. The verifier and the
 * evaluator deliberately do not use it: they recompute everything from the
 * resolved inputs with this separate, plain code, so that a bug in derive.c
 * or in the solver is caught by them rather than repeated. Keep it that way:
 * nothing here may call derive.c, and the solver must not call this. */
#ifndef MR_RECHECK_H
#define MR_RECHECK_H

#include "model.h"
#include "roster.h"

/* 1 when day (a day number) is a date of the loaded month. */
int  mr_rc_in_month(const mr_model *m, int day);
/* 1 when day is in closed_dates. */
int  mr_rc_closed(const mr_model *m, int day);
/* The first absence (leave or absence.yaml) of the person covering day, or
 * -1 when none. */
int  mr_rc_absence_on(const mr_model *m, int staff, int day);
/* 1 when the person may work on day: in the month, one of their days, not
 * closed, not on leave or absence. */
int  mr_rc_works_day(const mr_model *m, int staff, int day);
/* 1 when the site holds a session of the period on day: in the month, not
 * closed, open that weekday and period. */
int  mr_rc_site_holds(const mr_model *m, int site, int day, int period);
/* 1 when an activity's session exists at the site: desk activities need only
 * a date of the month that is not closed. */
int  mr_rc_session_exists(const mr_model *m, int activity, int site, int day,
                          int period);
/* 1 when the person has the skill (an index into m->skills) as a skill or as
 * their specialism; 0 for a negative index. */
int  mr_rc_has_skill(const mr_model *m, int staff, int skill);
/* 1 when the site is among the person's sites or is their home site. */
int  mr_rc_site_allowed(const mr_model *m, int staff, int site);

/* Monday-to-Sunday weeks meeting the month: the Monday of the first one,
 * and how many there are (at most 6). */
int  mr_rc_first_monday(const mr_model *m);
int  mr_rc_n_weeks(const mr_model *m);

/* Number of set bits among the 7 weekday bits. */
int  mr_rc_n_weekdays(unsigned days);

/* 1 when every index of the assignment is in range for m (a corrupt
 * solution must not make a checker read out of bounds). */
int  mr_rc_assign_ok(const mr_model *m, const mr_assignment *a);

/* Ids for messages: never NULL. */
const char *mr_rc_staff_id(const mr_model *m, int staff);
const char *mr_rc_site_id(const mr_model *m, int site);
const char *mr_rc_period_id(const mr_model *m, int period);
const char *mr_rc_activity_id(const mr_model *m, int activity);
const char *mr_rc_room_id(const mr_model *m, int room);
const char *mr_rc_skill_id(const mr_model *m, int skill);

#endif
