/* The verifier's roster checks: indices, H1-H10, rooms and specialties.
 * Slots (H12) and employment advice (H11) are in verify_ea.c.
 *
 * Every fact comes from recheck.c, never from derive.c or the solver (see
 * verify.h). Per-person rules work on the valid assignments sorted by
 * (person, date, period), so each is one linear pass. */
#include "verify.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "recheck.h"

typedef mr_verify_key key;

int mr_verify_cmp_key(const void *x, const void *y)
{
    const key *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    if (p->c != q->c)
        return p->c < q->c ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static const char *ds(int day, char buf[11])
{
    mr_date_format(day, buf);
    return buf;
}

void mr_verify_fail(mr_diags *out, int *n, const char *fmt, ...)
{
    va_list ap;
    (*n)++;
    if (out == NULL)
        return;
    va_start(ap, fmt);
    mr_diag_addv(out, MR_ERROR, NULL, 0, 0, fmt, ap);
    va_end(ap);
}

int mr_verify_assign_ok(const mr_model *m, const mr_solution *s, int i)
{
    return i >= 0 && i < s->n_assign && mr_rc_assign_ok(m, &s->assign[i]);
}

static void check_indices(const mr_model *m, const mr_solution *s,
                          mr_diags *out, int *n)
{
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (mr_verify_assign_ok(m, s, i))
            continue;
        mr_verify_fail(out, n, "INDEX: assignment %d is corrupt (staff %d of "
                       "%d, period %d of %d, activity %d of %d, site %d of "
                       "%d, room %d of %d, specialty %d of %d, day %d)",
                       i, a->staff, m->n_staff, a->period, m->n_periods,
                       a->activity, m->n_activities, a->site, m->n_sites,
                       a->room, m->n_rooms, a->specialty, m->n_skills,
                       a->date);
    }
}

/* H2 and H3 for one assignment. */
static void check_session(const mr_model *m, const mr_assignment *a,
                          mr_diags *out, int *n)
{
    const mr_staff *p = &m->staff[a->staff];
    const char *who = mr_rc_staff_id(m, a->staff);
    const char *per = mr_rc_period_id(m, a->period);
    const char *site = mr_rc_site_id(m, a->site);
    char d[11], d1[11], d2[11];
    int ab;

    ds(a->date, d);
    if (!mr_rc_in_month(m, a->date)) {
        mr_verify_fail(out, n, "H2: %s works %s %s at %s, outside the month",
                       who, d, per, site);
        return;
    }
    if (mr_rc_closed(m, a->date))
        mr_verify_fail(out, n, "H2: %s works %s %s at %s, a closed date",
                       who, d, per, site);
    else if (!m->activities[a->activity].desk
             && !mr_rc_site_holds(m, a->site, a->date, a->period))
        mr_verify_fail(out, n, "H2: %s works %s at %s %s %s, when the site "
                       "is not open", who, mr_rc_activity_id(m, a->activity),
                       site, d, per);
    if (!((p->days >> mr_weekday(a->date)) & 1u))
        mr_verify_fail(out, n, "H2: %s works %s (%s), not one of their days",
                       who, d, mr_weekday_name(mr_weekday(a->date)));
    if (!((p->pmask >> a->period) & 1u))
        mr_verify_fail(out, n, "H2: %s works %s %s, not one of their periods",
                       who, d, per);
    if ((ab = mr_rc_absence_on(m, a->staff, a->date)) >= 0) {
        const mr_absence *x = &m->absences[ab];
        mr_verify_fail(out, n, "H3: %s works %s %s during %s (%s) from %s to "
                       "%s", who, d, per, x->is_leave ? "leave" : "absence",
                       x->kind != NULL ? x->kind : "-", ds(x->from, d1),
                       ds(x->to, d2));
    }
}

/* H5 (role, skill, site kind, the person's sites, desk work, specialty) and
 * H6 (the room) for one assignment. */
static void check_eligibility(const mr_model *m, const mr_assignment *a,
                              int clinic, mr_diags *out, int *n)
{
    const mr_staff *p = &m->staff[a->staff];
    const mr_activity *act = &m->activities[a->activity];
    const mr_site *st = &m->sites[a->site];
    const char *who = mr_rc_staff_id(m, a->staff);
    const char *aid = mr_rc_activity_id(m, a->activity);
    const char *per = mr_rc_period_id(m, a->period);
    const char *site = mr_rc_site_id(m, a->site);
    char d[11];

    ds(a->date, d);
    if (p->role < 0 || p->role >= MR_N_ROLES || !((act->roles >> p->role) & 1u))
        mr_verify_fail(out, n, "H5: %s (%s) may not do %s (%s %s at %s)", who,
                       mr_role_name(p->role), aid, d, per, site);
    if (!((act->site_kinds >> st->kind) & 1u))
        mr_verify_fail(out, n, "H5: %s does %s at %s, a %s site (%s %s)", who,
                       aid, site, mr_site_kind_name(st->kind), d, per);
    if (act->skill.id != NULL
        && !mr_rc_has_skill(m, a->staff, act->skill.index))
        mr_verify_fail(out, n, "H5: %s does %s without the skill %s (%s %s)",
                       who, aid, act->skill.id, d, per);
    if (!mr_rc_site_allowed(m, a->staff, a->site))
        mr_verify_fail(out, n, "H5: %s works at %s, not one of their sites "
                       "(%s %s)", who, site, d, per);
    else if (act->desk && a->site != p->home_site.index
             && st->kind != MR_SITE_REMOTE)
        mr_verify_fail(out, n, "H5: %s does %s at %s, neither their home "
                       "site nor remote (%s %s)", who, aid, site, d, per);
    if (a->specialty >= 0) {
        const char *sp = mr_rc_skill_id(m, a->specialty);
        if (a->activity != clinic)
            mr_verify_fail(out, n, "H5: %s carries specialty %s on %s (%s "
                           "%s); only clinic may", who, sp, aid, d, per);
        else if (!mr_rc_has_skill(m, a->staff, a->specialty))
            mr_verify_fail(out, n, "H5: %s carries specialty %s without that "
                           "skill or specialism (%s %s)", who, sp, d, per);
    }

    if (act->n_room_kinds == 0) {
        if (a->room >= 0)
            mr_verify_fail(out, n, "H6: %s has room %s for %s, which needs "
                           "none (%s %s)", who, mr_rc_room_id(m, a->room),
                           aid, d, per);
        return;
    }
    if (a->room < 0) {
        mr_verify_fail(out, n, "H6: %s has no room for %s at %s on %s %s",
                       who, aid, site, d, per);
        return;
    }
    if (m->rooms[a->room].site != a->site) {
        mr_verify_fail(out, n, "H6: %s has room %s for %s at %s on %s %s, a "
                       "room of %s", who, mr_rc_room_id(m, a->room), aid, site,
                       d, per, mr_rc_site_id(m, m->rooms[a->room].site));
        return;
    }
    const char *kind = m->rooms[a->room].kind;
    for (int k = 0; k < act->n_room_kinds; k++)
        if (kind != NULL && act->room_kinds[k] != NULL
            && strcmp(kind, act->room_kinds[k]) == 0)
            return;
    mr_verify_fail(out, n, "H6: %s has room %s (%s) for %s at %s on %s %s, "
                   "which needs a %s room", who, mr_rc_room_id(m, a->room),
                   kind != NULL ? kind : "?", aid, site, d, per,
                   act->room_kinds[0] != NULL ? act->room_kinds[0] : "?");
}

/* H4: what the person is due in week w, which starts on monday (from the
 * raw inputs; regeneration may have fixed it, model.h). */
static int due(const mr_model *m, int staff, int w, int monday)
{
    const mr_staff *p = &m->staff[staff];
    int nd = mr_rc_n_weekdays(p->days), a = 0;
    if (m->due_fixed != NULL
        && m->due_fixed[staff * mr_rc_n_weeks(m) + w] >= 0)
        return m->due_fixed[staff * mr_rc_n_weeks(m) + w];
    if (nd == 0)
        return 0;
    for (int d = monday; d < monday + 7; d++)
        if (mr_rc_works_day(m, staff, d))
            a++;
    return (int)floor(p->sessions_per_week * a / nd + 0.5);
}


/* H7: a run of consecutive working days has ended. */
static void end_run(const mr_model *m, const char *who, int run, int from,
                    mr_diags *out, int *n)
{
    char d1[11], d2[11];
    if (run > m->rules.max_consecutive_days)
        mr_verify_fail(out, n, "H7: %s works %d days in a row from %s to %s, "
                       "at most %d", who, run, ds(from, d1),
                       ds(from + run - 1, d2), m->rules.max_consecutive_days);
}

/* H1, H4, H7 and H8 for one person, whose valid assignments are k[0..nk)
 * sorted by (date, period). */
static void check_person(const mr_model *m, const mr_solution *s, int staff,
                         const key *k, int nk, int eve, mr_diags *out, int *n)
{
    const mr_rules *r = &m->rules;
    const char *who = mr_rc_staff_id(m, staff);
    int weeks[6] = {0};
    int monday0 = mr_rc_first_monday(m), nw = mr_rc_n_weeks(m);
    int evenings = 0, run = 0, run_from = 0, prev = MR_NO_DATE, prev_end = 0;
    char d1[11], d2[11];

    for (int lo = 0, hi; lo < nk; lo = hi) {
        int day = k[lo].b, first = INT_MAX, last = INT_MIN, nsites = 0;
        int site1 = -1, site2 = -1;

        ds(day, d1);
        for (hi = lo; hi < nk && k[hi].b == day; hi++) {
            const mr_assignment *a = &s->assign[k[hi].i];
            const mr_period *p = &m->periods[a->period];
            int seen = 0;

            if (p->start < first)
                first = p->start;
            if (p->end > last)
                last = p->end;
            if (a->period == eve)
                evenings++;
            /* H1: each over-full session once, at its first entry. */
            if (hi == lo || k[hi - 1].c != k[hi].c) {
                int g = hi;
                while (g < nk && k[g].b == day && k[g].c == k[hi].c)
                    g++;
                if (g - hi > 1)
                    mr_verify_fail(out, n, "H1: %s has %d assignments on %s "
                                   "%s", who, g - hi, d1,
                                   mr_rc_period_id(m, a->period));
            }
            if (m->sites[a->site].kind == MR_SITE_REMOTE)
                continue;
            for (int j = lo; j < hi && !seen; j++)
                seen = s->assign[k[j].i].site == a->site;
            if (!seen) {
                nsites++;
                if (site1 < 0)
                    site1 = a->site;
                else if (site2 < 0)
                    site2 = a->site;
            }
        }
        if (hi - lo > r->max_sessions_per_day)
            mr_verify_fail(out, n, "H7: %s has %d sessions on %s, at most %d",
                           who, hi - lo, d1, r->max_sessions_per_day);
        if (nsites > r->max_sites_per_day)
            mr_verify_fail(out, n, "H8: %s works at %d sites on %s (%s, %s%s),"
                           " at most %d", who, nsites, d1,
                           mr_rc_site_id(m, site1), mr_rc_site_id(m, site2),
                           nsites > 2 ? ", ..." : "", r->max_sites_per_day);
        if (!mr_rc_in_month(m, day))
            continue;
        weeks[(mr_week_monday(day) - monday0) / 7] += hi - lo;
        /* Consecutive days and rest: within the month only. */
        if (prev != MR_NO_DATE && day == prev + 1) {
            int rest = 24 * 60 - prev_end + first;
            run++;
            if (rest < r->min_rest_hours * 60 - 1e-9)
                mr_verify_fail(out, n, "H7: %s rests %.1f hours between %s and "
                               "%s, at least %g", who, rest / 60.0,
                               ds(prev, d2), d1, r->min_rest_hours);
        } else {
            end_run(m, who, run, run_from, out, n);
            run = 1;
            run_from = day;
        }
        prev = day;
        prev_end = last;
    }
    end_run(m, who, run, run_from, out, n);
    if (evenings > m->staff[staff].max_evenings)
        mr_verify_fail(out, n, "H7: %s works %d evening sessions, at most %d",
                       who, evenings, m->staff[staff].max_evenings);
    for (int w = 0; w < nw && w < 6; w++) {
        int want = due(m, staff, w, monday0 + 7 * w);
        if (weeks[w] != want)
            mr_verify_fail(out, n, "H4: %s has %d sessions in the week of %s, "
                           "due %d", who, weeks[w], ds(monday0 + 7 * w, d1),
                           want);
    }
}

/* H6: no room twice in a session. */
static int check_rooms(const mr_model *m, const mr_solution *s, mr_diags *out,
                       int *n)
{
    key *k;
    int nk = 0;
    char d[11];

    if (s->n_assign == 0)
        return MR_OK;
    if ((k = mr_malloc((size_t)s->n_assign * sizeof *k)) == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < s->n_assign; i++)
        if (mr_verify_assign_ok(m, s, i) && s->assign[i].room >= 0)
            k[nk++] = (key){s->assign[i].room, s->assign[i].date,
                            s->assign[i].period, i};
    if (nk > 0)
        qsort(k, (size_t)nk, sizeof *k, mr_verify_cmp_key);
    for (int lo = 0, hi; lo < nk; lo = hi) {
        for (hi = lo; hi < nk && k[hi].a == k[lo].a && k[hi].b == k[lo].b
                      && k[hi].c == k[lo].c; hi++)
            ;
        if (hi - lo > 1)
            mr_verify_fail(out, n, "H6: room %s at %s is used %d times on %s "
                           "%s (%s, %s%s)", mr_rc_room_id(m, k[lo].a),
                           mr_rc_site_id(m, m->rooms[k[lo].a].site), hi - lo,
                           ds(k[lo].b, d), mr_rc_period_id(m, k[lo].c),
                           mr_rc_staff_id(m, s->assign[k[lo].i].staff),
                           mr_rc_staff_id(m, s->assign[k[lo + 1].i].staff),
                           hi - lo > 2 ? ", ..." : "");
    }
    mr_free(k);
    return MR_OK;
}

/* H9: an ea session at a site needs a clinic at that site in that session. */
static void check_ea_with_clinic(const mr_model *m, const mr_solution *s,
                                 int ea, int clinic, mr_diags *out, int *n)
{
    char d[11];
    if (ea < 0)
        return;
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        int found = 0;
        if (!mr_verify_assign_ok(m, s, i) || a->activity != ea)
            continue;
        for (int j = 0; j < s->n_assign && !found; j++) {
            const mr_assignment *b = &s->assign[j];
            found = clinic >= 0 && mr_verify_assign_ok(m, s, j)
                    && b->activity == clinic && b->site == a->site
                    && b->date == a->date && b->period == a->period;
        }
        if (!found)
            mr_verify_fail(out, n, "H9: %s has ea at %s on %s %s without a "
                           "clinic there", mr_rc_staff_id(m, a->staff),
                           mr_rc_site_id(m, a->site), ds(a->date, d),
                           mr_rc_period_id(m, a->period));
    }
}

/* H10: every hard cover entry met in full in every session it applies to. */
static void check_hard_cover(const mr_model *m, const mr_solution *s,
                             mr_diags *out, int *n)
{
    char d[11];
    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int site = cv->site.index, act = cv->activity.index;
        int has_sp = cv->specialty.id != NULL, sp = cv->specialty.index;

        if (!cv->hard || site < 0 || site >= m->n_sites || act < 0
            || act >= m->n_activities)
            continue;
        for (int day = m->month.first_day;
             day < m->month.first_day + m->month.n_days; day++) {
            if (!((cv->days >> mr_weekday(day)) & 1u))
                continue;
            for (int p = 0; p < m->n_periods && p < MR_MAX_PERIODS; p++) {
                int got = 0;
                if (!((cv->pmask >> p) & 1u)
                    || !mr_rc_session_exists(m, act, site, day, p))
                    continue;
                for (int i = 0; i < s->n_assign; i++) {
                    const mr_assignment *a = &s->assign[i];
                    got += mr_verify_assign_ok(m, s, i) && a->activity == act
                           && a->site == site && a->date == day
                           && a->period == p && (!has_sp || a->specialty == sp);
                }
                if (got < cv->min)
                    mr_verify_fail(out, n, "H10: hard cover of %s%s%s%s at %s "
                                   "on %s %s: %d of %d",
                                   mr_rc_activity_id(m, act),
                                   has_sp ? " (" : "",
                                   has_sp ? cv->specialty.id : "",
                                   has_sp ? ")" : "", mr_rc_site_id(m, site),
                                   ds(day, d), mr_rc_period_id(m, p), got,
                                   cv->min);
            }
        }
    }
}

int mr_verify(const mr_model *m, const mr_solution *s, mr_diags *out)
{
    int n = 0, nk = 0, rc = MR_ENOMEM;
    int clinic = mr_find_activity(m, "clinic");
    int ea = mr_find_activity(m, "ea");
    int eve = mr_find_period(m, "eve");
    key *k = NULL;

    check_indices(m, s, out, &n);
    if (s->n_assign > 0
        && (k = mr_malloc((size_t)s->n_assign * sizeof *k)) == NULL)
        goto done;
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        if (!mr_verify_assign_ok(m, s, i))
            continue;
        check_session(m, a, out, &n);
        check_eligibility(m, a, clinic, out, &n);
        k[nk++] = (key){a->staff, a->date, a->period, i};
    }
    if (nk > 0)
        qsort(k, (size_t)nk, sizeof *k, mr_verify_cmp_key);
    for (int p = 0, lo = 0, hi; p < m->n_staff; p++, lo = hi) {
        for (hi = lo; hi < nk && k[hi].a == p; hi++)
            ;
        check_person(m, s, p, nk > 0 ? k + lo : NULL, hi - lo, eve, out, &n);
    }
    if (check_rooms(m, s, out, &n) != MR_OK)
        goto done;
    check_ea_with_clinic(m, s, ea, clinic, out, &n);
    check_hard_cover(m, s, out, &n);
    if (mr_verify_slots(m, s, out, &n) != MR_OK
        || mr_verify_ea(m, s, out, &n) != MR_OK)
        goto done;
    rc = MR_OK;
done:
    mr_free(k);
    return rc == MR_OK ? n : -1;
}
