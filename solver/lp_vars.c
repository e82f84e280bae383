/* The assignment variables x of the compact model and their index.
 *
 * An x exists only for an assignment that can exist: the person may work the
 * session (H2, H3), may do the activity at the site (H5), the activity's
 * session exists at the site, the site has a room of a kind the activity
 * accepts (H6), the person's evenings allow one (H7 with max_evenings 0),
 * the week is due some sessions (H4 with due 0), and for ea, someone can
 * hold a clinic there (H9). Clinic variants carry a specialty k for people
 * with skill k: their own specialism wherever a clinic is possible, other
 * skills only where a cover entry asks for that specialty. Leaving the rest
 * out keeps the model small and its relaxation tighter. */
#include "lp.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"

const char *mr_lpb_fmt(mr_lpb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->name, sizeof b->name, fmt, ap);
    va_end(ap);
    for (char *c = b->name; *c; c++)
        if (*c == '-')
            *c = '_';
    return b->name;
}

void mr_lpb_date(const mr_lpb *b, int dd, char buf[9])
{
    int y, mo, d;
    char tmp[40];
    mr_civil_from_days(b->first_day + dd, &y, &mo, &d);
    snprintf(tmp, sizeof tmp, "%04d%02d%02d", y, mo, d);
    memcpy(buf, tmp, 8);
    buf[8] = '\0';
}

int mr_lpb_add_sess(mr_lpb *b, int p, int dd, int t, int activity, int site,
                    double c)
{
    int lo, hi;
    mr_lpb_range(b, p, dd, t, &lo, &hi);
    for (int k = lo; k < hi; k++) {
        if (activity >= 0 && b->x[k].activity != activity)
            continue;
        if (site >= 0 && b->x[k].site != site)
            continue;
        if (mr_mip_row_add(&b->mip, k, c) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

/* 1 when the site has a room of a kind the activity accepts, or the
 * activity needs none. */
static int room_ok(const mr_model *m, int a, int s)
{
    const mr_activity *act = &m->activities[a];
    const mr_site *st = &m->sites[s];
    if (act->n_room_kinds == 0)
        return 1;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++)
        for (int k = 0; k < act->n_room_kinds; k++)
            if (m->rooms[r].kind != NULL && act->room_kinds[k] != NULL
                && strcmp(m->rooms[r].kind, act->room_kinds[k]) == 0)
                return 1;
    return 0;
}

/* 1 when the person may hold the activity at the site in the session, the
 * specialty aside. */
static int can_assign(const mr_model *m, int p, int day, int t, int a, int s)
{
    return mr_eligible(m, p, a, s) && mr_session_exists(m, a, s, day, t)
           && room_ok(m, a, s);
}

/* 1 when a cover entry asks for specialty k of activity a at the site in
 * the session. */
static int cover_asks(const mr_model *m, int k, int a, int s, int day, int t)
{
    for (int c = 0; c < m->n_cover; c++) {
        const mr_cover *cv = &m->cover[c];
        if (cv->specialty.id == NULL || cv->specialty.index != k
            || cv->activity.index != a || cv->site.index != s)
            continue;
        if (((cv->days >> mr_weekday(day)) & 1u) && ((cv->pmask >> t) & 1u))
            return 1;
    }
    return 0;
}

static int push_x(mr_lpb *b, int p, int day, int t, int a, int s, int k)
{
    const mr_model *m = b->m;
    char date[9];
    int j;

    if (mr_array_grow((void **)&b->x, &b->cap_x, b->n_x, sizeof *b->x)
        != MR_OK)
        return MR_ENOMEM;
    mr_lpb_date(b, day - b->first_day, date);
    if (k >= 0)
        mr_lpb_fmt(b, "x.%s.%s.%s.%s.%s.%s", m->staff[p].id, date,
                   m->periods[t].id, m->activities[a].id, m->sites[s].id,
                   m->skills[k]);
    else
        mr_lpb_fmt(b, "x.%s.%s.%s.%s.%s", m->staff[p].id, date,
                   m->periods[t].id, m->activities[a].id, m->sites[s].id);
    if (mr_mip_add_col(&b->mip, 0, 1, 0, 1, p, b->name, &j) != MR_OK)
        return MR_ENOMEM;
    b->x[b->n_x] = (mr_xvar){p, day, t, a, s, k};
    b->n_x++;
    return MR_OK;
}

/* Adds the x of one person-session. */
static int session_vars(mr_lpb *b, int p, int day, int t,
                        const unsigned char *clinic_at)
{
    const mr_model *m = b->m;
    const mr_staff *st = &m->staff[p];
    int own = st->specialism.id != NULL ? st->specialism.index : -1;

    for (int a = 0; a < m->n_activities; a++) {
        for (int s = 0; s < m->n_sites; s++) {
            if (!can_assign(m, p, day, t, a, s))
                continue;
            if (a == b->ea && !clinic_at[s])
                continue;
            if (push_x(b, p, day, t, a, s, -1) != MR_OK)
                return MR_ENOMEM;
            if (a != b->clinic)
                continue;
            if (own >= 0 && push_x(b, p, day, t, a, s, own) != MR_OK)
                return MR_ENOMEM;
            for (int i = 0; i < st->skills.n_items; i++) {
                int k = st->skills.items[i].index;
                int dup = k < 0 || k == own;
                for (int i2 = 0; i2 < i && !dup; i2++)
                    dup = st->skills.items[i2].index == k;
                if (!dup && cover_asks(m, k, a, s, day, t)
                    && push_x(b, p, day, t, a, s, k) != MR_OK)
                    return MR_ENOMEM;
            }
        }
    }
    return MR_OK;
}

int mr_lpb_vars(mr_lpb *b)
{
    const mr_model *m = b->m;
    int n_sess = b->n_staff * b->n_days * b->n_periods;
    unsigned char *clinic_at = NULL;
    int rc = MR_ENOMEM;

    if ((b->first = mr_calloc((size_t)n_sess + 1, sizeof *b->first)) == NULL)
        goto done;
    if ((b->day_col = mr_malloc(((size_t)b->n_staff * b->n_days + 1)
                                * sizeof *b->day_col)) == NULL)
        goto done;
    for (int i = 0; i < b->n_staff * b->n_days; i++)
        b->day_col[i] = -1;
    /* Where anyone could hold a clinic in each session (H9): the same for
     * every person, so worked out once, not once per person-session. */
    if ((clinic_at = mr_calloc((size_t)b->n_days * b->n_periods * m->n_sites
                               + 1, 1)) == NULL)
        goto done;
    for (int dd = 0; dd < b->n_days && b->clinic >= 0; dd++)
        for (int t = 0; t < b->n_periods; t++)
            for (int s = 0; s < m->n_sites; s++) {
                unsigned char *c = &clinic_at[((size_t)dd * b->n_periods + t)
                                              * m->n_sites + s];
                int day = b->first_day + dd;
                for (int q = 0; q < b->n_staff && !*c; q++)
                    *c = mr_available(m, q, day, t)
                         && can_assign(m, q, day, t, b->clinic, s);
            }
    for (int p = 0; p < b->n_staff; p++) {
        const mr_staff *st = &m->staff[p];
        for (int dd = 0; dd < b->n_days; dd++) {
            int day = b->first_day + dd;
            int due = mr_due(m, p, mr_week_of(m, day));
            for (int t = 0; t < b->n_periods; t++) {
                b->first[mr_lpb_sess(b, p, dd, t)] = b->n_x;
                if (due <= 0 || !mr_available(m, p, day, t))
                    continue;
                if (t == m->evening && st->max_evenings <= 0)
                    continue;
                if (session_vars(b, p, day, t,
                                 &clinic_at[((size_t)dd * b->n_periods + t)
                                            * m->n_sites]) != MR_OK)
                    goto done;
            }
        }
    }
    b->first[n_sess] = b->n_x;
    rc = MR_OK;
done:
    mr_free(clinic_at);
    return rc;
}

int mr_lpb_col(mr_lpb *b, double lb, double ub, double obj, int owner,
               int tag, const char *name, int *out)
{
    int j;
    if (mr_mip_add_col(&b->mip, lb, ub, obj, 0, owner, name, &j) != MR_OK)
        return MR_ENOMEM;
    b->mip.cols[j].tag = tag;
    *out = j;
    return MR_OK;
}

int mr_lpb_has(const mr_lpb *b, int p, int dd, int t, int activity, int site)
{
    int lo, hi;
    mr_lpb_range(b, p, dd, t, &lo, &hi);
    for (int k = lo; k < hi; k++)
        if ((activity < 0 || b->x[k].activity == activity)
            && (site < 0 || b->x[k].site == site))
            return 1;
    return 0;
}

int mr_lpb_periods_of_day(const mr_lpb *b, int p, int dd)
{
    int n = 0;
    for (int t = 0; t < b->n_periods; t++)
        n += mr_lpb_has(b, p, dd, t, -1, -1);
    return n;
}

int mr_lpb_day_prepare(mr_lpb *b, int p, int dd)
{
    int *w = &b->day_col[p * b->n_days + dd], np, cap;
    char date[9];

    if (dd < 0 || dd >= b->n_days || *w >= 0
        || (np = mr_lpb_periods_of_day(b, p, dd)) < 2)
        return MR_OK;
    cap = b->m->rules.max_sessions_per_day;
    if (cap > np || cap < 1)
        cap = np;
    mr_lpb_date(b, dd, date);
    if (mr_mip_add_col(&b->mip, 0, 1, 0, 1, p,
                       mr_lpb_fmt(b, "w.%s.%s", b->m->staff[p].id, date), w)
        != MR_OK)
        return MR_ENOMEM;
    b->mip.cols[*w].tag = MR_TAG_AUX;
    for (int t = 0; t < b->n_periods; t++) {
        if (!mr_lpb_has(b, p, dd, t, -1, -1))
            continue;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, *w, 1.0) != MR_OK
            || mr_lpb_add_sess(b, p, dd, t, -1, -1, -1.0) != MR_OK)
            return MR_ENOMEM;
        if (mr_mip_row_end(&b->mip, 0, MR_MIP_INF,
                           mr_lpb_fmt(b, "wdef.%s.%s.%s", b->m->staff[p].id,
                                      date, b->m->periods[t].id),
                           NULL) != MR_OK)
            return MR_ENOMEM;
    }
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, *w, -cap) != MR_OK)
        return MR_ENOMEM;
    for (int t = 0; t < b->n_periods; t++)
        if (mr_lpb_add_sess(b, p, dd, t, -1, -1, 1.0) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(&b->mip, -MR_MIP_INF, 0,
                          mr_lpb_fmt(b, "wcap.%s.%s", b->m->staff[p].id,
                                     date), NULL);
}

int mr_lpb_day_add(mr_lpb *b, int p, int dd, double c)
{
    int w;
    if (dd < 0 || dd >= b->n_days)
        return MR_OK;
    if ((w = b->day_col[p * b->n_days + dd]) >= 0)
        return mr_mip_row_add(&b->mip, w, c);
    /* One period at most: its x-sum is the indicator. */
    for (int t = 0; t < b->n_periods; t++)
        if (mr_lpb_add_sess(b, p, dd, t, -1, -1, c) != MR_OK)
            return MR_ENOMEM;
    return MR_OK;
}
