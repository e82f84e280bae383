/* Rooms for a regenerated roster: the published room wherever it can stay.
 *
 * Per site-session, the assignments needing a room are matched to the
 * site's rooms of an acceptable kind (as rooms.c does). An assignment whose
 * person had the same activity at the same site in that session in the
 * published roster wants its published room back. Wanted rooms are taken
 * one at a time, each kept only if a complete matching of the session
 * still exists with it (augmenting paths over at most a few dozen rooms),
 * then the rest are matched by kind preference. The published rooms of
 * the fixed past are therefore all kept: the past's assignments are the
 * published ones, whose rooms were a complete matching. */
#include "regen.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct group {
    const mr_model *m;
    const mr_solution *s;
    const int *who;        /* assignment indices of the site-session */
    int        n_who;
    int        first_room, n_rooms;
    int       *fixed;      /* per who: the only room allowed, -1: any */
    int       *owner;      /* per room: index into who, -1 */
    unsigned char *seen;   /* per room, during one augmenting search */
} group;

/* Preference rank of a room for an activity: 0 best, -1 unacceptable. */
static int rank_of(const mr_model *m, int activity, int room)
{
    const mr_activity *a = &m->activities[activity];
    const char *kind = m->rooms[room].kind;
    for (int k = 0; k < a->n_room_kinds; k++)
        if (kind != NULL && a->room_kinds[k] != NULL
            && strcmp(kind, a->room_kinds[k]) == 0)
            return k;
    return -1;
}

static int augment(group *g, int w)
{
    int act = g->s->assign[g->who[w]].activity;
    int n_kinds = g->m->activities[act].n_room_kinds;
    for (int k = 0; k < n_kinds; k++)
        for (int i = 0; i < g->n_rooms; i++) {
            int room = g->first_room + i;
            if (g->seen[i] || rank_of(g->m, act, room) != k
                || (g->fixed[w] >= 0 && g->fixed[w] != room))
                continue;
            g->seen[i] = 1;
            if (g->owner[i] < 0 || augment(g, g->owner[i])) {
                g->owner[i] = w;
                return 1;
            }
        }
    return 0;
}

/* A complete matching under the fixed rooms: 1 when found (in owner). */
static int match_all(group *g)
{
    int ok = 1;
    for (int i = 0; i < g->n_rooms; i++)
        g->owner[i] = -1;
    /* Fixed assignments first: they have a single option each. */
    for (int pass = 0; pass < 2; pass++)
        for (int w = 0; w < g->n_who; w++) {
            if ((g->fixed[w] >= 0) != (pass == 0))
                continue;
            memset(g->seen, 0, (size_t)g->n_rooms + 1);
            if (!augment(g, w))
                ok = 0;
        }
    return ok;
}

static const mr_solution *sort_s;

static int cmp_session(const void *pa, const void *pb)
{
    const mr_assignment *a = &sort_s->assign[*(const int *)pa];
    const mr_assignment *b = &sort_s->assign[*(const int *)pb];
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    return *(const int *)pa - *(const int *)pb;
}

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

/* The published room wanted by assignment a of s: -1 when none. pidx holds
 * pub's assignments sorted by person-session. */
static int wanted_room(const mr_model *m, const mr_solution *pub,
                       const int *pidx, int n, const mr_assignment *a)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const mr_assignment *b = &pub->assign[pidx[mid]];
        int c = b->staff != a->staff ? (b->staff < a->staff ? -1 : 1)
                : b->date != a->date ? (b->date < a->date ? -1 : 1)
                : b->period - a->period;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n) {
        const mr_assignment *b = &pub->assign[pidx[lo]];
        const mr_site *st = &m->sites[a->site];
        if (b->staff == a->staff && b->date == a->date
            && b->period == a->period && b->activity == a->activity
            && b->site == a->site && b->room >= st->first_room
            && b->room < st->first_room + st->n_rooms
            && rank_of(m, a->activity, b->room) >= 0)
            return b->room;
    }
    return -1;
}

int mr_regen_rooms(const mr_model *m, const mr_solution *pub,
                   mr_solution *s)
{
    group g;
    int *need = NULL, *pidx = NULL, *want = NULL, n_need = 0, max_rooms = 0;
    int rc = MR_ENOMEM;

    memset(&g, 0, sizeof g);
    g.m = m;
    g.s = s;
    for (int i = 0; i < m->n_sites; i++)
        if (m->sites[i].n_rooms > max_rooms)
            max_rooms = m->sites[i].n_rooms;
    if ((need = mr_malloc(((size_t)s->n_assign + 1) * sizeof *need)) == NULL
        || (want = mr_malloc(((size_t)s->n_assign + 1) * sizeof *want))
               == NULL
        || (g.fixed = mr_malloc(((size_t)s->n_assign + 1) * sizeof *g.fixed))
               == NULL
        || (pidx = mr_malloc(((size_t)pub->n_assign + 1) * sizeof *pidx))
               == NULL
        || (g.owner = mr_malloc(((size_t)max_rooms + 1) * sizeof *g.owner))
               == NULL
        || (g.seen = mr_malloc((size_t)max_rooms + 1)) == NULL)
        goto done;
    for (int i = 0; i < pub->n_assign; i++)
        pidx[i] = i;
    sort_s = pub;
    qsort(pidx, (size_t)pub->n_assign, sizeof *pidx, cmp_person);
    for (int i = 0; i < s->n_assign; i++) {
        s->assign[i].room = -1;
        if (m->activities[s->assign[i].activity].n_room_kinds > 0)
            need[n_need++] = i;
    }
    sort_s = s;
    qsort(need, (size_t)n_need, sizeof *need, cmp_session);
    rc = MR_OK;
    for (int lo = 0, hi; lo < n_need; lo = hi) {
        const mr_assignment *a = &s->assign[need[lo]];
        for (hi = lo + 1; hi < n_need; hi++) {
            const mr_assignment *b = &s->assign[need[hi]];
            if (b->site != a->site || b->date != a->date
                || b->period != a->period)
                break;
        }
        g.who = need + lo;
        g.n_who = hi - lo;
        g.first_room = m->sites[a->site].first_room;
        g.n_rooms = m->sites[a->site].n_rooms;
        for (int w = 0; w < g.n_who; w++) {
            g.fixed[w] = -1;
            want[w] = wanted_room(m, pub, pidx, pub->n_assign,
                                  &s->assign[g.who[w]]);
        }
        if (!match_all(&g)) {
            rc = MR_EINFEASIBLE;
            continue;
        }
        for (int w = 0; w < g.n_who; w++) {
            if (want[w] < 0)
                continue;
            g.fixed[w] = want[w];
            if (!match_all(&g))
                g.fixed[w] = -1;
        }
        match_all(&g);
        for (int i = 0; i < g.n_rooms; i++)
            if (g.owner[i] >= 0)
                s->assign[g.who[g.owner[i]]].room = g.first_room + i;
    }
done:
    mr_free(need);
    mr_free(want);
    mr_free(g.fixed);
    mr_free(pidx);
    mr_free(g.owner);
    mr_free(g.seen);
    return rc;
}
