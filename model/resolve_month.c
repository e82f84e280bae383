/* Resolution and validation of one month's inputs (SPEC 2.2-2.5): closed
 * dates as per-day flags, preference files (one per person, on time, within
 * the request budget), their requests, absence and leave, demand and
 * referrals. Runs after the service is resolved, since requests are checked
 * against where each person may work and what they may do. */
#include "model.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "resolve_util.h"

static int build_closed(mr_model *m)
{
    mr_free(m->closed);
    m->closed = NULL;
    if (m->month.month == 0)
        return MR_OK;
    m->closed = mr_calloc((size_t)(m->month.n_days > 0 ? m->month.n_days : 1),
                          1);
    if (m->closed == NULL)
        return MR_ENOMEM;
    /* Closed dates outside the month are fine: service.yaml lists a year's. */
    for (int i = 0; i < m->n_closed_dates; i++) {
        int k = m->closed_dates[i] - m->month.first_day;
        if (k >= 0 && k < m->month.n_days)
            m->closed[k] = 1;
    }
    return MR_OK;
}

static void month_text(const mr_model *m, char buf[16])
{
    snprintf(buf, 16, "%04d-%02d", m->month.year % 10000, m->month.month % 100);
}

/* The last day a preference file is on time: request_deadline_day of the
 * previous month (its last day when the month is shorter). */
static int deadline(const mr_model *m)
{
    int y = m->month.year, mo = m->month.month - 1;
    int day = m->rules.request_deadline_day;
    if (mo == 0) {
        mo = 12;
        y--;
    }
    if (day > mr_days_in_month(y, mo))
        day = mr_days_in_month(y, mo);
    if (day < 1)
        day = 1;
    return mr_days_from_civil(y, mo, day);
}

static void resolve_requests(mr_rv *rv)
{
    mr_model *m = rv->m;
    char date[11], month[16];

    month_text(m, month);
    for (int i = 0; i < m->n_requests; i++) {
        mr_request *r = &m->requests[i];
        mr_rv_ref(rv, &r->period, &rv->periods, "period");
        mr_rv_ref(rv, &r->site, &rv->sites, "site");
        mr_rv_ref(rv, &r->activity, &rv->activities, "activity");
        if (m->month.month != 0 && r->date != MR_NO_DATE
            && !mr_in_month(m, r->date)) {
            mr_date_format(r->date, date);
            mr_rv_error(rv, r->loc, "request date %s is outside the month %s",
                        date, month);
        }
    }
}

/* Requests of person p that can never be met: a site they may not work at,
 * an activity they may not do (at the request's site, when it has one). */
static void check_request_reach(mr_rv *rv, const mr_request *r, int p)
{
    const mr_model *m = rv->m;
    const mr_staff *s = &m->staff[p];
    int si = r->site.index, ai = r->activity.index, can = 0;

    if (si >= 0 && !s->may_work[si]) {
        mr_rv_warn(rv, r->site.loc, "person '%s' may not work at site '%s': "
                   "this request can never be met", s->id, m->sites[si].id);
        return;
    }
    if (ai < 0)
        return;
    if (si >= 0)
        can = mr_eligible(m, p, ai, si);
    for (int k = 0; k < m->n_sites && si < 0 && !can; k++)
        can = mr_eligible(m, p, ai, k);
    if (!can)
        mr_rv_warn(rv, r->activity.loc, "person '%s' may never do '%s'%s%s: "
                   "this request can never be met", s->id, m->activities[ai].id,
                   si >= 0 ? " at site " : "", si >= 0 ? m->sites[si].id : "");
}

static void check_prefs(mr_rv *rv)
{
    mr_model *m = rv->m;
    char where[300], a[11], b[11], month[16];
    int due = m->month.month != 0 ? deadline(m) : 0;
    int *first;                 /* an earlier file for the same person */

    if (mr_rv_first_same(m->prefs, m->n_prefs, sizeof *m->prefs,
                         offsetof(mr_pref, staff) + offsetof(mr_ref, id),
                         &first) != MR_OK) {
        rv->oom = 1;
        return;
    }
    month_text(m, month);
    for (int i = 0; i < m->n_prefs; i++) {
        mr_pref *pf = &m->prefs[i];
        int p = mr_rv_ref(rv, &pf->staff, &rv->staff, "staff");
        int sum = 0, y, mo, j = first[i];

        if (j >= 0) {
            mr_rv_place(rv, m->prefs[j].staff.loc, pf->staff.loc, where,
                        (int)sizeof where);
            mr_rv_error(rv, pf->staff.loc, "a second preference file for "
                        "'%s' (the first is %s): one file per person",
                        pf->staff.id, where);
        }
        pf->late = 0;
        if (m->month.month != 0) {
            if (pf->month != NULL
                && (mr_month_parse(pf->month, &y, &mo) != 0
                    || y != m->month.year || mo != m->month.month))
                mr_rv_error(rv, pf->loc, "preference file is for month '%s', "
                            "but the month being planned is %s", pf->month,
                            month);
            if (pf->submitted != MR_NO_DATE && pf->submitted > due) {
                pf->late = 1;
                mr_date_format(pf->submitted, a);
                mr_date_format(due, b);
                mr_rv_warn(rv, pf->loc, "late preference file: submitted %s, "
                           "after the deadline %s (still used)", a, b);
            }
        }
        for (int k = pf->first_request;
             k < pf->first_request + pf->n_requests && k < m->n_requests;
             k++) {
            sum += m->requests[k].weight;
            if (p >= 0 && !rv->bad_staff[p])
                check_request_reach(rv, &m->requests[k], p);
        }
        if (sum > m->rules.request_budget)
            mr_rv_error(rv, pf->loc, "request weights sum to %d, over the "
                        "request budget of %d (rules.request_budget)", sum,
                        m->rules.request_budget);
    }
    mr_free(first);
}

/* Leave written in a preference file names the file's person, whose
 * unknown id the file's staff: line reports already. pref_of_file maps a
 * file index to its preference file (a table: 20000 files of leave must
 * not cost 20000^2). */
static int pref_reports_staff(const mr_model *m, const int *pref_of_file,
                              const mr_absence *a)
{
    int j = a->loc.file >= 0 && a->loc.file < m->n_files
                ? pref_of_file[a->loc.file] : -1;
    return a->is_leave && j >= 0 && m->prefs[j].staff.id != NULL
           && a->staff.id != NULL
           && strcmp(m->prefs[j].staff.id, a->staff.id) == 0;
}

static void check_absences(mr_rv *rv)
{
    mr_model *m = rv->m;
    char from[11], to[11], month[16];
    int last = m->month.first_day + m->month.n_days - 1;
    int *pref_of_file = mr_malloc((size_t)(m->n_files + 1) * sizeof(int));

    if (pref_of_file == NULL) {
        rv->oom = 1;
        return;
    }
    for (int f = 0; f < m->n_files; f++)
        pref_of_file[f] = -1;
    for (int j = 0; j < m->n_prefs; j++)
        if (m->prefs[j].file >= 0 && m->prefs[j].file < m->n_files
            && pref_of_file[m->prefs[j].file] < 0)
            pref_of_file[m->prefs[j].file] = j;
    month_text(m, month);
    for (int i = 0; i < m->n_absences; i++) {
        mr_absence *a = &m->absences[i];
        const char *what = a->is_leave ? "leave" : "absence";
        mr_rv_ref(rv, &a->staff, &rv->staff,
                  pref_reports_staff(m, pref_of_file, a) ? NULL : "staff");
        mr_date_format(a->from, from);
        mr_date_format(a->to, to);
        if (a->from > a->to)
            mr_rv_error(rv, a->loc, "%s ends on %s, before it starts on %s",
                        what, to, from);
        else if (m->month.month != 0
                 && (a->to < m->month.first_day || a->from > last))
            mr_rv_warn(rv, a->loc, "%s from %s to %s does not meet the month "
                       "%s: it is ignored", what, from, to, month);
    }
    mr_free(pref_of_file);
}

static void check_demand(mr_rv *rv)
{
    mr_model *m = rv->m;

    for (int i = 0; i < m->n_demand; i++) {
        mr_demand *dm = &m->demand[i];
        int si, pc, ti, kind = -1, runs = 0;

        if ((dm->site.id == NULL) == (dm->pcn.id == NULL))
            mr_rv_error(rv, dm->loc, "a demand line names exactly one of site "
                        "and pcn");
        si = mr_rv_ref(rv, &dm->site, &rv->sites, "site");
        pc = mr_rv_ref(rv, &dm->pcn, &rv->pcns, "pcn");
        ti = mr_rv_ref(rv, &dm->type, &rv->types, "appointment type");
        if (si >= 0 && dm->pcn.id == NULL)
            kind = m->sites[si].kind;
        else if (pc >= 0 && dm->site.id == NULL)
            kind = MR_SITE_PRACTICE;        /* a PCN's FCP work is at practices */
        if (ti < 0 || kind < 0)
            continue;
        for (int k = 0; k < m->appt_types[ti].activities.n_items; k++) {
            int a = m->appt_types[ti].activities.items[k].index;
            if (a >= 0 && ((m->activities[a].site_kinds >> kind) & 1u))
                runs = 1;
        }
        if (!runs)
            mr_rv_warn(rv, dm->type.loc, "appointment type '%s' is never "
                       "offered at a %s site: none of its activities runs "
                       "there, so this demand can never be met",
                       m->appt_types[ti].id, mr_site_kind_name(kind));
    }
}

static void check_referrals(mr_rv *rv)
{
    mr_model *m = rv->m;

    mr_rv_duplicates(rv, m->referrals, m->n_referrals, sizeof(mr_referral),
                     offsetof(mr_referral, id), offsetof(mr_referral, loc),
                     "referral");
    for (int i = 0; i < m->n_referrals; i++) {
        mr_referral *r = &m->referrals[i];
        int a;
        mr_rv_ref(rv, &r->site, &rv->sites, "site");
        a = mr_rv_ref(rv, &r->adviser, &rv->staff, "adviser");
        if (a >= 0 && m->staff[a].role != MR_ROLE_EA
            && m->staff[a].role != MR_ROLE_SEA)
            mr_rv_error(rv, r->adviser.loc, "adviser '%s' is a %s, not an "
                        "employment adviser (role ea or sea)", r->adviser.id,
                        mr_role_name(m->staff[a].role));
    }
}

int mr_rv_month(mr_rv *rv)
{
    if (build_closed(rv->m) != MR_OK)
        return MR_ENOMEM;
    resolve_requests(rv);
    check_prefs(rv);
    check_absences(rv);
    check_demand(rv);
    check_referrals(rv);
    return MR_OK;
}
