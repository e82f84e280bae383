/* Facts recomputed for the verifier and the evaluator; see recheck.h. Plain
 * linear scans over the resolved inputs: models are small, and plain code is
 * easy to check by eye against SPEC.md and docs/semantics.md. */
#include "recheck.h"

#include "date.h"

int mr_rc_in_month(const mr_model *m, int day)
{
    return m->month.month != 0 && day >= m->month.first_day
           && day < m->month.first_day + m->month.n_days;
}

int mr_rc_closed(const mr_model *m, int day)
{
    for (int i = 0; i < m->n_closed_dates; i++)
        if (m->closed_dates[i] == day)
            return 1;
    return 0;
}

int mr_rc_absence_on(const mr_model *m, int staff, int day)
{
    for (int i = 0; i < m->n_absences; i++) {
        const mr_absence *a = &m->absences[i];
        if (a->staff.index == staff && a->from <= day && day <= a->to)
            return i;
    }
    return -1;
}

int mr_rc_works_day(const mr_model *m, int staff, int day)
{
    if (!mr_rc_in_month(m, day) || mr_rc_closed(m, day))
        return 0;
    if (!((m->staff[staff].days >> mr_weekday(day)) & 1u))
        return 0;
    return mr_rc_absence_on(m, staff, day) < 0;
}

int mr_rc_site_holds(const mr_model *m, int site, int day, int period)
{
    if (!mr_rc_in_month(m, day) || mr_rc_closed(m, day))
        return 0;
    if (period < 0 || period >= MR_MAX_PERIODS)
        return 0;
    return (m->sites[site].open[mr_weekday(day)] >> period) & 1u;
}

int mr_rc_session_exists(const mr_model *m, int activity, int site, int day,
                         int period)
{
    if (m->activities[activity].desk)
        return mr_rc_in_month(m, day) && !mr_rc_closed(m, day);
    return mr_rc_site_holds(m, site, day, period);
}

int mr_rc_has_skill(const mr_model *m, int staff, int skill)
{
    const mr_staff *s = &m->staff[staff];
    if (skill < 0)
        return 0;
    if (s->specialism.id != NULL && s->specialism.index == skill)
        return 1;
    for (int i = 0; i < s->skills.n_items; i++)
        if (s->skills.items[i].index == skill)
            return 1;
    return 0;
}

int mr_rc_site_allowed(const mr_model *m, int staff, int site)
{
    const mr_staff *s = &m->staff[staff];
    if (s->home_site.index == site)
        return 1;
    for (int i = 0; i < s->sites.n_items; i++)
        if (s->sites.items[i].index == site)
            return 1;
    /* may_work is the resolved union of the two lists above; readers may
     * fill only it (the test fixture does). */
    return s->may_work != NULL && s->may_work[site];
}

int mr_rc_first_monday(const mr_model *m)
{
    return mr_week_monday(m->month.first_day);
}

int mr_rc_n_weeks(const mr_model *m)
{
    int last;
    if (m->month.month == 0 || m->month.n_days <= 0)
        return 0;
    last = m->month.first_day + m->month.n_days - 1;
    return (mr_week_monday(last) - mr_rc_first_monday(m)) / 7 + 1;
}

int mr_rc_n_weekdays(unsigned days)
{
    int n = 0;
    for (int d = 0; d < 7; d++)
        n += (days >> d) & 1u;
    return n;
}

int mr_rc_assign_ok(const mr_model *m, const mr_assignment *a)
{
    /* Day numbers beyond ~13,000 years are corrupt, and would overflow the
     * calendar arithmetic of messages. */
    return a->staff >= 0 && a->staff < m->n_staff
           && a->period >= 0 && a->period < m->n_periods
           && a->period < MR_MAX_PERIODS
           && a->activity >= 0 && a->activity < m->n_activities
           && a->site >= 0 && a->site < m->n_sites
           && a->room >= -1 && a->room < m->n_rooms
           && a->specialty >= -1 && a->specialty < m->n_skills
           && a->date > -5000000 && a->date < 5000000;
}

static const char *name(const char *id)
{
    return id != NULL ? id : "?";
}

const char *mr_rc_staff_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_staff ? name(m->staff[i].id) : "?";
}

const char *mr_rc_site_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_sites ? name(m->sites[i].id) : "?";
}

const char *mr_rc_period_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_periods ? name(m->periods[i].id) : "?";
}

const char *mr_rc_activity_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_activities ? name(m->activities[i].id) : "?";
}

const char *mr_rc_room_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_rooms ? name(m->rooms[i].id) : "-";
}

const char *mr_rc_skill_id(const mr_model *m, int i)
{
    return i >= 0 && i < m->n_skills ? name(m->skills[i]) : "?";
}
