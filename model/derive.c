/* Derived facts of a resolved model; see derive.h. */
#include "derive.h"

#include <math.h>

#include "date.h"

int mr_popcount(unsigned x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

int mr_in_month(const mr_model *m, int day)
{
    return m->month.month != 0 && day >= m->month.first_day
           && day < m->month.first_day + m->month.n_days;
}

int mr_is_closed(const mr_model *m, int day)
{
    for (int i = 0; i < m->n_closed_dates; i++)
        if (m->closed_dates[i] == day)
            return 1;
    return 0;
}

int mr_site_open(const mr_model *m, int site, int day, int period)
{
    if (!mr_in_month(m, day) || mr_is_closed(m, day))
        return 0;
    return (m->sites[site].open[mr_weekday(day)] >> period) & 1u;
}

int mr_on_leave(const mr_model *m, int staff, int day)
{
    for (int i = 0; i < m->n_absences; i++) {
        const mr_absence *a = &m->absences[i];
        if (a->staff.index == staff && day >= a->from && day <= a->to)
            return 1;
    }
    return 0;
}

int mr_works_day(const mr_model *m, int staff, int day)
{
    const mr_staff *s = &m->staff[staff];
    if (!mr_in_month(m, day) || !((s->days >> mr_weekday(day)) & 1u))
        return 0;
    return !mr_is_closed(m, day) && !mr_on_leave(m, staff, day);
}

int mr_available(const mr_model *m, int staff, int day, int period)
{
    return ((m->staff[staff].pmask >> period) & 1u)
           && mr_works_day(m, staff, day);
}

int mr_n_weeks(const mr_model *m)
{
    int last = m->month.first_day + m->month.n_days - 1;
    return (mr_week_monday(last) - mr_week_monday(m->month.first_day)) / 7 + 1;
}

int mr_week_of(const mr_model *m, int day)
{
    return (mr_week_monday(day) - mr_week_monday(m->month.first_day)) / 7;
}

int mr_week_start(const mr_model *m, int w)
{
    return mr_week_monday(m->month.first_day) + 7 * w;
}

int mr_due_sessions(double sessions_per_week, int n, int a)
{
    if (n <= 0)
        return 0;
    return (int)floor(sessions_per_week * a / n + 0.5);
}

int mr_due(const mr_model *m, int staff, int w)
{
    const mr_staff *s = &m->staff[staff];
    int a = 0;
    int start = mr_week_start(m, w);
    if (m->due_fixed != NULL && m->due_fixed[staff * mr_n_weeks(m) + w] >= 0)
        return m->due_fixed[staff * mr_n_weeks(m) + w];
    for (int d = start; d < start + 7; d++)
        if (mr_works_day(m, staff, d))
            a++;
    return mr_due_sessions(s->sessions_per_week, mr_popcount(s->days), a);
}

int mr_pcn_required(const mr_model *m, int pcn, int w)
{
    int req = m->pcns[pcn].fcp_sessions_per_week;
    int d = 0;
    int start = mr_week_start(m, w);
    for (int day = start; day < start + 5; day++)
        if (mr_in_month(m, day) && !mr_is_closed(m, day))
            d++;
    return (req * d + 4) / 5;
}

double mr_equity(const mr_model *m, int site)
{
    return 1.0 + m->weights.deprivation * (10 - m->sites[site].imd_decile);
}

int mr_has_skill(const mr_model *m, int staff, int skill)
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

int mr_eligible(const mr_model *m, int staff, int activity, int site)
{
    const mr_staff *s = &m->staff[staff];
    const mr_activity *a = &m->activities[activity];
    const mr_site *st = &m->sites[site];

    if (!((a->roles >> s->role) & 1u) || !((a->site_kinds >> st->kind) & 1u))
        return 0;
    if (a->skill.id != NULL && !mr_has_skill(m, staff, a->skill.index))
        return 0;
    if (s->may_work == NULL || !s->may_work[site])
        return 0;
    if (a->desk)
        return site == s->home_site.index || st->kind == MR_SITE_REMOTE;
    return 1;
}

int mr_session_exists(const mr_model *m, int activity, int site, int day,
                      int period)
{
    if (m->activities[activity].desk)
        return mr_in_month(m, day) && !mr_is_closed(m, day);
    return mr_site_open(m, site, day, period);
}

int mr_pattern_capacity(const mr_model *m, int staff)
{
    const mr_staff *s = &m->staff[staff];
    int per_day = mr_popcount(s->pmask);
    if (per_day > m->rules.max_sessions_per_day)
        per_day = m->rules.max_sessions_per_day;
    return mr_popcount(s->days) * per_day;
}

int mr_bookable_minutes(const mr_model *m, int period)
{
    int b = m->periods[period].end - m->periods[period].start
            - m->rules.session_buffer_minutes;
    return b > 0 ? b : 0;
}
