/* Making a month's absence agree with a fixed past; see regen.h.
 *
 * Regeneration keeps every published assignment before `from`. Absence
 * (or leave) entered since publication for dates before `from` cannot be
 * honoured where the person was rostered then: those days are taken out of
 * the absence, with a warning, so that the model, the verifier and the
 * stored run all agree that the past stands. A past day off inside new
 * absence is kept as absence, unless it lowers what the week is due below
 * the sessions the person already has in it (H4 could then never hold).
 * Where the past still decides a week's count (nothing left to work in
 * it, or more worked than due), the week is due what was worked
 * (m->due_fixed), with a warning. */
#include "regen.h"

#include <stdio.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"

/* 1 when pub has an assignment of the person on day. */
static int works(const mr_solution *pub, int staff, int day)
{
    for (int i = 0; i < pub->n_assign; i++)
        if (pub->assign[i].staff == staff && pub->assign[i].date == day)
            return 1;
    return 0;
}

/* Takes day out of absence i, splitting it when day is inside. */
static int take_out(mr_model *m, int i, int day)
{
    mr_absence *a = &m->absences[i];
    int to = a->to, k;

    if (day == a->from && day == a->to) {
        a->to = a->from - 1;                 /* empty: matches no day */
        return MR_OK;
    }
    if (day == a->from) {
        a->from++;
        return MR_OK;
    }
    if (day == a->to) {
        a->to--;
        return MR_OK;
    }
    if (MR_PUSH(m, absences, &k) != MR_OK)
        return MR_ENOMEM;
    a = &m->absences[i];                      /* the array may have moved */
    m->absences[k] = *a;
    m->absences[k].staff.id = NULL;
    m->absences[k].kind = NULL;
    if (mr_ref_set(&m->absences[k].staff, a->staff.id, a->staff.loc)
        != MR_OK) {
        m->n_absences--;
        return MR_ENOMEM;
    }
    m->absences[k].staff.index = a->staff.index;
    if (a->kind != NULL && (m->absences[k].kind = mr_strdup(a->kind)) == NULL) {
        mr_ref_clear(&m->absences[k].staff);
        m->n_absences--;
        return MR_ENOMEM;
    }
    m->absences[k].from = day + 1;
    m->absences[k].to = to;
    a->to = day - 1;
    return MR_OK;
}

/* The absence record covering the person on day, -1. */
static int absence_on(const mr_model *m, int staff, int day)
{
    for (int i = 0; i < m->n_absences; i++)
        if (m->absences[i].staff.index == staff && m->absences[i].from <= day
            && day <= m->absences[i].to)
            return i;
    return -1;
}

/* Warns that the days listed (*n of them) are taken out of absence i. */
static void warn_days(const mr_model *m, int i, const int *days, int n,
                      const char *why, mr_diags *warn)
{
    const mr_absence *a = &m->absences[i];
    char list[400] = "", f[11], t[11], d[11];
    size_t len = 0;

    for (int k = 0; k < n && len + 16 < sizeof list; k++) {
        mr_date_format(days[k], d);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                k > 0 ? ", " : "", d);
    }
    mr_date_format(a->from, f);
    mr_date_format(a->to, t);
    mr_diag_add(warn, MR_WARNING, mr_loc_file(m, a->loc), a->loc.line,
                a->loc.col, "%s is %s (%s) from %s to %s, but %s %s before "
                "the regeneration date and the past cannot change: %s",
                m->staff[a->staff.index].id, a->is_leave ? "on leave" : "absent",
                a->kind != NULL ? a->kind : "-", f, t, list,
                n == 1 ? "is" : "are", why);
}

/* Takes day out of every absence of the person covering it. */
static int clear_day(mr_model *m, int staff, int day)
{
    int i;
    while ((i = absence_on(m, staff, day)) >= 0)
        if (take_out(m, i, day) != MR_OK)
            return MR_ENOMEM;
    return MR_OK;
}

/* Sessions of the person published in [lo, hi) within the month. */
static int worked(const mr_model *m, const mr_solution *pub, int staff,
                  int lo, int hi)
{
    int first = m->month.first_day, n = 0;

    for (int i = 0; i < pub->n_assign; i++) {
        const mr_assignment *a = &pub->assign[i];
        n += a->staff == staff && a->date >= lo && a->date < hi
             && a->date >= first;
    }
    return n;
}

/* Week w, begun before `from`, whose past holds `had` sessions of person
 * p: its due is what the past decides (m->due_fixed) when no day of it is
 * left to work from `from` on, or when the past already holds more than
 * its due (the rest of the week then gets nothing). H4's pro rata share
 * can ask otherwise: a part-timer on 4 sessions who worked Monday (2
 * sessions) and is sick from Tuesday is due 1 that week, and regenerating
 * from Tuesday found no roster (generated M seed 1, senior adviser s057). */
static int fix_due(mr_model *m, int p, int w, int from, int had,
                   mr_diags *warn)
{
    int nw = mr_n_weeks(m), mon = mr_week_start(m, w), left = 0, due;
    char d[11], f[11];

    for (int day = from; day < mon + 7; day++)
        left += mr_works_day(m, p, day);
    due = mr_due(m, p, w);
    if (due == had || (left > 0 && due > had))
        return MR_OK;
    if (m->due_fixed == NULL) {
        size_t n = (size_t)m->n_staff * (size_t)nw;
        if ((m->due_fixed = mr_malloc(n * sizeof *m->due_fixed)) == NULL)
            return MR_ENOMEM;
        for (size_t k = 0; k < n; k++)
            m->due_fixed[k] = -1;
    }
    m->due_fixed[p * nw + w] = had;
    mr_date_format(mon, d);
    mr_date_format(from, f);
    mr_diag_add(warn, MR_WARNING, mr_loc_file(m, m->staff[p].loc),
                m->staff[p].loc.line, m->staff[p].loc.col,
                "%s: the week of %s would be due %d session%s, but %d %s "
                "worked before %s%s; the week is due %d", m->staff[p].id, d,
                due, due == 1 ? "" : "s", had, had == 1 ? "was" : "were", f,
                left == 0 ? " and no day of it is left to work" : "", had);
    return MR_OK;
}

int mr_regen_keep_past(mr_model *m, const mr_solution *pub, int from,
                       mr_diags *warn)
{
    int first = m->month.first_day, last = first + m->month.n_days;

    /* Days with published assignments, per absence as entered. */
    for (int i = 0, n0 = m->n_absences; i < n0; i++) {
        int p = m->absences[i].staff.index, days[31], n = 0;
        if (p < 0)
            continue;
        for (int day = m->absences[i].from; day <= m->absences[i].to
             && day < from && day < last && n < 31; day++)
            if (day >= first && works(pub, p, day))
                days[n++] = day;
        if (n == 0)
            continue;
        warn_days(m, i, days, n, "the published assignments then are kept",
                  warn);
        for (int k = 0; k < n; k++)
            if (clear_day(m, p, days[k]) != MR_OK)
                return MR_ENOMEM;
    }
    /* Weeks the past already fills beyond what they would now be due:
     * a past day off in absence counts as a day again; what is still
     * beyond, or a week with nothing left to work, is fixed (fix_due). */
    for (int p = 0; p < m->n_staff; p++)
        for (int w = 0; w < mr_n_weeks(m); w++) {
            int mon = mr_week_start(m, w), had;
            if (mon >= from)
                break;
            had = worked(m, pub, p, mon, from < mon + 7 ? from : mon + 7);
            for (int day = (mon + 6 < from - 1 ? mon + 6 : from - 1);
                 day >= mon && day >= first && mr_due(m, p, w) < had; day--) {
                int i = absence_on(m, p, day);
                if (i < 0 || works(pub, p, day))
                    continue;
                warn_days(m, i, &day, 1, "the sessions already worked that "
                          "week exceed what it would be due, so the day is "
                          "not counted as absence", warn);
                if (clear_day(m, p, day) != MR_OK)
                    return MR_ENOMEM;
            }
            if (fix_due(m, p, w, from, had, warn) != MR_OK)
                return MR_ENOMEM;
        }
    return MR_OK;
}
