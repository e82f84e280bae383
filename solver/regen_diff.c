/* The changes of a regenerated roster against the published one, per
 * person-session, and their readable form for the people told. */
#include "regen.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "date.h"

static const mr_solution *sort_s;

static int cmp_person(const void *pa, const void *pb)
{
    const mr_assignment *a = &sort_s->assign[*(const int *)pa];
    const mr_assignment *b = &sort_s->assign[*(const int *)pb];
    if (a->staff != b->staff)
        return a->staff < b->staff ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    return *(const int *)pa - *(const int *)pb;
}

static int *sorted(const mr_solution *s)
{
    int *ix = mr_malloc(((size_t)s->n_assign + 1) * sizeof *ix);
    if (ix == NULL)
        return NULL;
    for (int i = 0; i < s->n_assign; i++)
        ix[i] = i;
    sort_s = s;
    qsort(ix, (size_t)s->n_assign, sizeof *ix, cmp_person);
    return ix;
}

/* Orders person-sessions: <0, 0, >0. */
static int cmp_key(const mr_assignment *a, const mr_assignment *b)
{
    if (a->staff != b->staff)
        return a->staff < b->staff ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->period < b->period ? -1 : a->period > b->period;
}

static int push(mr_change **out, int *n, int *cap, const mr_assignment *a,
                int before, int after)
{
    if (mr_array_grow((void **)out, cap, *n, sizeof **out) != MR_OK)
        return MR_ENOMEM;
    (*out)[(*n)++] = (mr_change){a->staff, a->date, a->period, before, after};
    return MR_OK;
}

int mr_regen_diff(const mr_model *m, const mr_solution *pub,
                  const mr_solution *s, mr_change **out, int *n)
{
    int *pi = NULL, *si = NULL, i = 0, j = 0, cap = 0, rc = MR_ENOMEM;

    (void)m;
    *out = NULL;
    *n = 0;
    if ((pi = sorted(pub)) == NULL || (si = sorted(s)) == NULL)
        goto done;
    rc = MR_OK;
    while (rc == MR_OK && (i < pub->n_assign || j < s->n_assign)) {
        const mr_assignment *a = i < pub->n_assign ? &pub->assign[pi[i]]
                                                   : NULL;
        const mr_assignment *b = j < s->n_assign ? &s->assign[si[j]] : NULL;
        int c = a == NULL ? 1 : b == NULL ? -1 : cmp_key(a, b);
        if (c < 0) {
            rc = push(out, n, &cap, a, pi[i], -1);
            i++;
        } else if (c > 0) {
            rc = push(out, n, &cap, b, -1, si[j]);
            j++;
        } else {
            if (a->activity != b->activity || a->site != b->site
                || a->room != b->room)
                rc = push(out, n, &cap, a, pi[i], si[j]);
            i++;
            j++;
        }
    }
    if (rc != MR_OK) {
        mr_free(*out);
        *out = NULL;
        *n = 0;
    }
done:
    mr_free(pi);
    mr_free(si);
    return rc;
}

const char *mr_assignment_format(const mr_model *m, const mr_assignment *a,
                                 char *buf, int size)
{
    char room[300] = "";

    if (a == NULL) {
        snprintf(buf, (size_t)size, "off");
        return buf;
    }
    if (a->room >= 0 && a->room < m->n_rooms)
        snprintf(room, sizeof room, " (%s)", m->rooms[a->room].id);
    snprintf(buf, (size_t)size, "%s%s%s at %s%s",
             a->specialty >= 0 && a->specialty < m->n_skills
                 ? m->skills[a->specialty] : "",
             a->specialty >= 0 && a->specialty < m->n_skills ? " " : "",
             m->activities[a->activity].id, m->sites[a->site].id, room);
    return buf;
}

const char *mr_change_format(const mr_model *m, const mr_solution *pub,
                             const mr_solution *s, const mr_change *c,
                             char *buf, int size)
{
    static const char *const MONTHS[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"
    };
    static const char *const DAYS[] = {
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    };
    char was[400], now[400];
    int y, mo, d;

    mr_civil_from_days(c->date, &y, &mo, &d);
    mr_assignment_format(m, c->before >= 0 ? &pub->assign[c->before] : NULL,
                         was, sizeof was);
    mr_assignment_format(m, c->after >= 0 ? &s->assign[c->after] : NULL,
                         now, sizeof now);
    snprintf(buf, (size_t)size, "%s %s %d %s %s: %s -> %s",
             m->staff[c->staff].id, DAYS[mr_weekday(c->date)], d,
             MONTHS[(mo - 1) % 12], m->periods[c->period].id, was, now);
    return buf;
}
