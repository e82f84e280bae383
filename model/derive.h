/* Facts derived from a resolved model and month: which sessions exist, who is
 * available when, what each person is due each week, what each PCN needs each
 * week, and each site's equity factor. The solver builds on these; the
 * verifier deliberately recomputes its own (it shares no code with them). */
#ifndef MR_DERIVE_H
#define MR_DERIVE_H

#include "model.h"

/* 1 when day (a day number) is in the loaded month. */
int    mr_in_month(const mr_model *m, int day);
/* 1 when day is a closed date (every site closed). */
int    mr_is_closed(const mr_model *m, int day);
/* 1 when the site is open on day in period: in the month, not closed, and
 * the site's opening has that weekday and period. */
int    mr_site_open(const mr_model *m, int site, int day, int period);
/* 1 when the person is on leave or absent on day. */
int    mr_on_leave(const mr_model *m, int staff, int day);
/* 1 when the person may work day (in the month, one of their days, not
 * closed, not on leave or absence). */
int    mr_works_day(const mr_model *m, int staff, int day);
/* 1 when the person may work that session (mr_works_day and their periods). */
int    mr_available(const mr_model *m, int staff, int day, int period);

/* The Monday-to-Sunday weeks that meet the month: how many, and the index of
 * the week of a day (0 for the week of the 1st). */
int    mr_n_weeks(const mr_model *m);
int    mr_week_of(const mr_model *m, int day);
/* The day number of the Monday of week w (may be before the 1st). */
int    mr_week_start(const mr_model *m, int w);

/* H4: sessions due in week w: floor(spw * a / n + 0.5). */
int    mr_due(const mr_model *m, int staff, int w);
/* The same formula on its own, for tests and callers with their own a, n. */
int    mr_due_sessions(double sessions_per_week, int n, int a);

/* SPEC 5: FCP sessions required of a PCN in week w: ceil(req * d / 5), d the
 * Monday-to-Friday dates of the week in the month that are not closed. */
int    mr_pcn_required(const mr_model *m, int pcn, int w);

/* 1 + deprivation * (10 - imd_decile). */
double mr_equity(const mr_model *m, int site);

/* H5: the person may do the activity at the site (role, skill, site kind,
 * the site among theirs; desk activities only at the home site or a remote
 * site they may work at). */
int    mr_eligible(const mr_model *m, int staff, int activity, int site);
/* 1 when the person has the skill (a skill index) as specialism or skill;
 * 0 for a negative index. */
int    mr_has_skill(const mr_model *m, int staff, int skill);

/* 1 when the activity can run at the site in that session at all: desk
 * activities need no open site, the rest need the site open. */
int    mr_session_exists(const mr_model *m, int activity, int site, int day,
                         int period);

/* The most sessions a person's pattern allows in a full week. */
int    mr_pattern_capacity(const mr_model *m, int staff);

/* Minutes bookable in a period: its length less the session buffer (>= 0). */
int    mr_bookable_minutes(const mr_model *m, int period);

/* Number of set bits. */
int    mr_popcount(unsigned x);

#endif
