/* The input items of a month that can take part in a conflict, how to say
 * each in a rota manager's words, and the relaxed copy of the model in
 * which all of them are lifted at once.
 *
 * Why one relaxed copy rather than a copy per question: the conflict search
 * (solver/explain_iis.c) builds the relaxed month's model once and then
 * puts each item back or lifts it by changing bounds only (fixing the
 * assignments a leave entry forbids, restoring a cover row's minimum), so
 * that each feasibility question is a warm-started LP, not a new build. */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"

static const char *const KIND_NAMES[MR_N_XI] = {
    "cover", "leave", "contract", "days", "periods", "evenings", "rest",
    "consecutive_days", "sessions_per_day", "sites_per_day", "rooms",
    "opening"
};

void mr_xitems_init(mr_xitems *l)
{
    memset(l, 0, sizeof *l);
}

void mr_xitems_clear(mr_xitems *l)
{
    if (l == NULL)
        return;
    mr_free(l->items);
    memset(l, 0, sizeof *l);
}

int mr_xitems_add(mr_xitems *l, const mr_xitem *it)
{
    int i;
    if (MR_PUSH(l, items, &i) != MR_OK)
        return MR_ENOMEM;
    l->items[i] = *it;
    return MR_OK;
}

const char *mr_xitem_kind_name(int kind)
{
    return kind >= 0 && kind < MR_N_XI ? KIND_NAMES[kind] : "?";
}

const char *mr_xitem_rule_key(int kind)
{
    switch (kind) {
    case MR_XI_REST:   return "min_rest_hours";
    case MR_XI_CONSEC: return "max_consecutive_days";
    case MR_XI_DAYMAX: return "max_sessions_per_day";
    case MR_XI_SITES:  return "max_sites_per_day";
    default:           return NULL;
    }
}

static mr_xitem blank(int kind)
{
    mr_xitem it;
    memset(&it, 0, sizeof it);
    it.kind = kind;
    it.cover = it.absence = it.staff = it.week = it.site = it.period = -1;
    it.date = MR_NO_DATE;
    it.loc.file = -1;
    return it;
}

static unsigned all_periods(const mr_model *m)
{
    return m->n_periods >= MR_MAX_PERIODS ? ~0u
                                          : (1u << m->n_periods) - 1u;
}

/* Non-remote sites a person may work at. */
static int n_physical_sites(const mr_model *m, int p)
{
    int n = 0;
    for (int s = 0; s < m->n_sites; s++)
        if (m->sites[s].kind != MR_SITE_REMOTE && m->staff[p].may_work != NULL
            && m->staff[p].may_work[s])
            n++;
    return n;
}

static int add_cover_items(const mr_model *m, mr_xitems *out)
{
    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        int a = cv->activity.index, s = cv->site.index;
        if (!cv->hard || cv->min <= 0 || a < 0 || s < 0)
            continue;
        for (int dd = 0; dd < m->month.n_days; dd++) {
            int day = m->month.first_day + dd;
            if (!((cv->days >> mr_weekday(day)) & 1u))
                continue;
            for (int t = 0; t < m->n_periods; t++) {
                if (!((cv->pmask >> t) & 1u)
                    || !mr_session_exists(m, a, s, day, t))
                    continue;
                mr_xitem it = blank(MR_XI_COVER);
                it.cover = c;
                it.date = day;
                it.period = t;
                it.site = s;
                it.loc = cv->loc;
                if (mr_xitems_add(out, &it) != MR_OK)
                    return MR_ENOMEM;
            }
        }
    }
    return MR_OK;
}

static int add_person_items(const mr_model *m, mr_xitems *out)
{
    int last = m->month.first_day + m->month.n_days - 1;

    for (int i = 0; i < m->n_absences; i++) {
        const mr_absence *ab = &m->absences[i];
        if (ab->staff.index < 0 || ab->to < m->month.first_day
            || ab->from > last)
            continue;
        mr_xitem it = blank(MR_XI_LEAVE);
        it.absence = i;
        it.staff = ab->staff.index;
        it.loc = ab->loc;
        if (mr_xitems_add(out, &it) != MR_OK)
            return MR_ENOMEM;
    }
    for (int p = 0; p < m->n_staff; p++)
        for (int w = 0; w < mr_n_weeks(m); w++) {
            mr_xitem it = blank(MR_XI_CONTRACT);
            it.staff = p;
            it.week = w;
            it.loc = m->staff[p].loc;
            if (mr_xitems_add(out, &it) != MR_OK)
                return MR_ENOMEM;
        }
    for (int kind = MR_XI_DAYS; kind <= MR_XI_SITES; kind++) {
        for (int p = 0; p < m->n_staff; p++) {
            const mr_staff *st = &m->staff[p];
            int per_day = mr_popcount(all_periods(m));
            mr_xitem it = blank(kind);
            it.staff = p;
            it.loc = st->loc;
            switch (kind) {
            case MR_XI_DAYS:
                if ((st->days & MR_ALL_DAYS) == MR_ALL_DAYS)
                    continue;
                break;
            case MR_XI_PERIODS:
                if ((st->pmask & all_periods(m)) == all_periods(m))
                    continue;
                if (st->periods.n_items > 0)
                    it.loc = st->periods.items[0].loc;
                break;
            case MR_XI_EVENINGS:
                if (m->evening < 0 || st->max_evenings >= m->month.n_days)
                    continue;
                break;
            case MR_XI_REST:
                if (m->rules.min_rest_hours <= 0)
                    continue;
                it.loc.file = -1;
                break;
            case MR_XI_CONSEC:
                if (m->rules.max_consecutive_days < 1
                    || m->rules.max_consecutive_days >= m->month.n_days)
                    continue;
                it.loc.file = -1;
                break;
            case MR_XI_DAYMAX:
                if (m->rules.max_sessions_per_day >= per_day)
                    continue;
                it.loc.file = -1;
                break;
            case MR_XI_SITES:
                if (m->rules.max_sites_per_day < 0
                    || n_physical_sites(m, p) <= m->rules.max_sites_per_day)
                    continue;
                it.loc.file = -1;
                break;
            }
            if (mr_xitems_add(out, &it) != MR_OK)
                return MR_ENOMEM;
        }
    }
    return MR_OK;
}

static int add_site_items(const mr_model *m, mr_xitems *out)
{
    unsigned all = all_periods(m);

    for (int s = 0; s < m->n_sites; s++) {
        const mr_site *st = &m->sites[s];
        if (st->n_rooms > 0) {
            mr_xitem it = blank(MR_XI_ROOMS);
            it.site = s;
            it.loc = m->rooms[st->first_room].loc;
            if (mr_xitems_add(out, &it) != MR_OK)
                return MR_ENOMEM;
        }
    }
    for (int s = 0; s < m->n_sites; s++) {
        const mr_site *st = &m->sites[s];
        int full = 1;
        for (int wd = 0; wd < 7; wd++)
            if ((st->open[wd] & all) != all)
                full = 0;
        if (full)
            continue;
        mr_xitem it = blank(MR_XI_OPENING);
        it.site = s;
        it.loc = st->n_openings > 0 ? st->openings[0].loc : st->loc;
        if (mr_xitems_add(out, &it) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_xitems_universe(const mr_model *m, mr_xitems *out)
{
    mr_xitems_clear(out);
    if (add_cover_items(m, out) != MR_OK || add_person_items(m, out) != MR_OK
        || add_site_items(m, out) != MR_OK) {
        mr_xitems_clear(out);
        return MR_ENOMEM;
    }
    return MR_OK;
}

/* --- words ------------------------------------------------------------- */

void mr_xday(int day, char *buf, size_t size)
{
    static const char *const MON[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"
    };
    static const char *const WD[] = {
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    };
    int y, mo, d;
    mr_civil_from_days(day, &y, &mo, &d);
    snprintf(buf, size, "%s %d %s", WD[mr_weekday(day)], d,
             MON[(mo - 1) % 12]);
}

/* "mon-fri", "mon, wed, fri", "every day" of a weekday mask. */
static void days_text(unsigned days, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    if ((days & MR_ALL_DAYS) == MR_ALL_DAYS) {
        snprintf(buf, size, "every day");
        return;
    }
    if ((days & MR_ALL_DAYS) == MR_MON_FRI) {
        snprintf(buf, size, "mon-fri");
        return;
    }
    for (int wd = 0; wd < 7; wd++)
        if ((days >> wd) & 1u) {
            int k = snprintf(buf + n, size - n, "%s%s", n > 0 ? ", " : "",
                             mr_weekday_name(wd));
            if (k < 0 || (size_t)k >= size - n)
                return;
            n += (size_t)k;
        }
    if (n == 0)
        snprintf(buf, size, "no day");
}

static void periods_text(const mr_model *m, unsigned mask, char *buf,
                         size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int t = 0; t < m->n_periods; t++)
        if ((mask >> t) & 1u) {
            int k = snprintf(buf + n, size - n, "%s%s", n > 0 ? ", " : "",
                             m->periods[t].id);
            if (k < 0 || (size_t)k >= size - n)
                return;
            n += (size_t)k;
        }
    if (n == 0)
        snprintf(buf, size, "no period");
}

/* A site's opening, e.g. "mon-fri am, pm, eve; sat am". */
static void opening_text(const mr_model *m, int s, char *buf, size_t size)
{
    const mr_site *st = &m->sites[s];
    size_t n = 0;
    unsigned done = 0;
    buf[0] = '\0';
    for (int wd = 0; wd < 7; wd++) {
        char d[64], p[128];
        unsigned days = 0;
        int k;
        if (((done >> wd) & 1u) || st->open[wd] == 0)
            continue;
        for (int w2 = wd; w2 < 7; w2++)
            if (st->open[w2] == st->open[wd])
                days |= 1u << w2;
        done |= days;
        days_text(days, d, sizeof d);
        periods_text(m, st->open[wd], p, sizeof p);
        k = snprintf(buf + n, size - n, "%s%s %s", n > 0 ? "; " : "", d, p);
        if (k < 0 || (size_t)k >= size - n)
            return;
        n += (size_t)k;
    }
    if (n == 0)
        snprintf(buf, size, "never");
}

static void rooms_text(const mr_model *m, int s, char *buf, size_t size)
{
    const mr_site *st = &m->sites[s];
    size_t n = 0;
    buf[0] = '\0';
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++) {
        const char *kind = m->rooms[r].kind;
        int count = 0, seen = 0, k;
        if (kind == NULL)
            continue;
        for (int r2 = st->first_room; r2 < r; r2++)
            if (m->rooms[r2].kind != NULL && strcmp(m->rooms[r2].kind, kind) == 0)
                seen = 1;
        if (seen)
            continue;
        for (int r2 = r; r2 < st->first_room + st->n_rooms; r2++)
            if (m->rooms[r2].kind != NULL && strcmp(m->rooms[r2].kind, kind) == 0)
                count++;
        k = snprintf(buf + n, size - n, "%s%d %s", n > 0 ? ", " : "", count,
                     kind);
        if (k < 0 || (size_t)k >= size - n)
            return;
        n += (size_t)k;
    }
}

void mr_xitem_text(const mr_model *m, const mr_xitem *it, char *buf,
                   size_t size)
{
    char a[64], b[64], c[256];
    const mr_staff *st = it->staff >= 0 && it->staff < m->n_staff
                             ? &m->staff[it->staff] : NULL;
    const char *who = st != NULL ? st->id : "?";

    switch (it->kind) {
    case MR_XI_COVER: {
        const mr_cover *cv = &m->cover[it->cover];
        mr_xday(it->date, a, sizeof a);
        if (cv->specialty.id != NULL)
            snprintf(c, sizeof c, "%s (%s)", cv->activity.id,
                     cv->specialty.id);
        else
            snprintf(c, sizeof c, "%s", cv->activity.id);
        snprintf(buf, size, "%s needs %d %s on %s on %s %s (hard cover)",
                 cv->site.id, cv->min, cv->min == 1 ? "person" : "people", c,
                 a, m->periods[it->period].id);
        break;
    }
    case MR_XI_LEAVE: {
        const mr_absence *ab = &m->absences[it->absence];
        mr_xday(ab->from, a, sizeof a);
        mr_xday(ab->to, b, sizeof b);
        if (ab->from == ab->to)
            snprintf(c, sizeof c, "on %s", a);
        else
            snprintf(c, sizeof c, "%s to %s", a, b);
        if (ab->is_leave)
            snprintf(buf, size, "%s is on %s%sleave %s", who,
                     ab->kind != NULL ? ab->kind : "",
                     ab->kind != NULL ? " " : "", c);
        else
            snprintf(buf, size, "%s is absent%s%s%s %s", who,
                     ab->kind != NULL ? " (" : "",
                     ab->kind != NULL ? ab->kind : "",
                     ab->kind != NULL ? ")" : "", c);
        break;
    }
    case MR_XI_CONTRACT:
        mr_xday(mr_week_start(m, it->week), a, sizeof a);
        days_text(st->days, b, sizeof b);
        snprintf(buf, size, "%s must work %d session%s in the week of %s "
                 "(sessions_per_week %g over %s)", who,
                 mr_due(m, it->staff, it->week),
                 mr_due(m, it->staff, it->week) == 1 ? "" : "s", a,
                 st->sessions_per_week, b);
        break;
    case MR_XI_DAYS:
        days_text(st->days, a, sizeof a);
        snprintf(buf, size, "%s works only %s (days)", who, a);
        break;
    case MR_XI_PERIODS:
        periods_text(m, st->pmask, c, sizeof c);
        snprintf(buf, size, "%s works only %s (periods)", who, c);
        break;
    case MR_XI_EVENINGS:
        snprintf(buf, size, "%s may work at most %d evening%s a month "
                 "(max_evenings)", who, st->max_evenings,
                 st->max_evenings == 1 ? "" : "s");
        break;
    case MR_XI_REST:
        snprintf(buf, size, "%s needs %g hours' rest between working days "
                 "(min_rest_hours)", who, m->rules.min_rest_hours);
        break;
    case MR_XI_CONSEC:
        snprintf(buf, size, "%s may work at most %d days in a row "
                 "(max_consecutive_days)", who,
                 m->rules.max_consecutive_days);
        break;
    case MR_XI_DAYMAX:
        snprintf(buf, size, "%s may work at most %d session%s a day "
                 "(max_sessions_per_day)", who, m->rules.max_sessions_per_day,
                 m->rules.max_sessions_per_day == 1 ? "" : "s");
        break;
    case MR_XI_SITES:
        snprintf(buf, size, "%s may work at most %d site%s a day, remote "
                 "aside (max_sites_per_day)", who, m->rules.max_sites_per_day,
                 m->rules.max_sites_per_day == 1 ? "" : "s");
        break;
    case MR_XI_ROOMS:
        rooms_text(m, it->site, c, sizeof c);
        snprintf(buf, size, "%s has %s room%s", m->sites[it->site].id, c,
                 m->sites[it->site].n_rooms == 1 ? "" : "s");
        break;
    case MR_XI_OPENING:
        opening_text(m, it->site, c, sizeof c);
        snprintf(buf, size, "%s opens only %s", m->sites[it->site].id, c);
        break;
    default:
        snprintf(buf, size, "?");
    }
}

/* --- the relaxed copy ---------------------------------------------------- */

int mr_xrelaxed_new(const mr_model *m, mr_model **out)
{
    mr_model *r = NULL;
    mr_staff *staff = NULL;
    mr_site *sites = NULL;
    unsigned all = all_periods(m);

    *out = NULL;
    if ((r = mr_malloc(sizeof *r)) == NULL
        || (staff = mr_malloc(((size_t)m->n_staff + 1) * sizeof *staff))
               == NULL
        || (sites = mr_malloc(((size_t)m->n_sites + 1) * sizeof *sites))
               == NULL) {
        mr_free(r);
        mr_free(staff);
        return MR_ENOMEM;
    }
    *r = *m;
    if (m->n_staff > 0)
        memcpy(staff, m->staff, (size_t)m->n_staff * sizeof *staff);
    if (m->n_sites > 0)
        memcpy(sites, m->sites, (size_t)m->n_sites * sizeof *sites);
    for (int p = 0; p < m->n_staff; p++) {
        staff[p].days = MR_ALL_DAYS;
        staff[p].pmask = all;
        staff[p].max_evenings = m->month.n_days + 1;
        /* Something due every week they can work: the builder makes no
         * assignment in a week with nothing due (the conflict search puts
         * the true dues back on its own rows). */
        staff[p].sessions_per_week = 7.0 * (m->n_periods > 0 ? m->n_periods
                                                              : 1);
    }
    for (int s = 0; s < m->n_sites; s++)
        for (int wd = 0; wd < 7; wd++)
            sites[s].open[wd] = all;
    r->staff = staff;
    r->cap_staff = m->n_staff + 1;
    r->sites = sites;
    r->cap_sites = m->n_sites + 1;
    r->n_absences = 0;
    *out = r;
    return MR_OK;
}

void mr_xrelaxed_free(mr_model *r)
{
    if (r == NULL)
        return;
    mr_free(r->staff);
    mr_free(r->sites);
    mr_free(r);
}
