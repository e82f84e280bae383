/* Room assignment by bipartite matching; see rooms.h. */
#include "rooms.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct matcher {
    const mr_model *m;
    mr_solution    *s;
    int            *who;     /* assignments of the site-session */
    int             n_who;
    int            *owner;   /* per room of the site: index into who, -1 */
    unsigned char  *seen;    /* per room, for one augmenting search */
    int             first_room, n_rooms;
} matcher;

/* Preference rank of the room's kind for the assignment's activity: 0 most
 * preferred, -1 unacceptable. */
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

/* Kuhn's augmenting path from assignment w (index into who), trying rooms
 * by preference rank, then room order. */
static int augment(matcher *mt, int w)
{
    int act = mt->s->assign[mt->who[w]].activity;
    int n_kinds = mt->m->activities[act].n_room_kinds;
    for (int k = 0; k < n_kinds; k++) {
        for (int i = 0; i < mt->n_rooms; i++) {
            int room = mt->first_room + i;
            if (mt->seen[i] || rank_of(mt->m, act, room) != k)
                continue;
            mt->seen[i] = 1;
            if (mt->owner[i] < 0 || augment(mt, mt->owner[i])) {
                mt->owner[i] = w;
                return 1;
            }
        }
    }
    return 0;
}

static int n_options(const mr_model *m, int activity, int site)
{
    const mr_site *st = &m->sites[site];
    int n = 0;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++)
        n += rank_of(m, activity, r) >= 0;
    return n;
}

static const mr_solution *sort_sol;
static const mr_model *sort_model;

/* Site-session first; within one, the assignments with the fewest
 * acceptable rooms first, so that flexible ones take what is left. */
static int cmp_need(const void *pa, const void *pb)
{
    const mr_assignment *a = &sort_sol->assign[*(const int *)pa];
    const mr_assignment *b = &sort_sol->assign[*(const int *)pb];
    if (a->site != b->site)
        return a->site - b->site;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->period != b->period)
        return a->period - b->period;
    int na = n_options(sort_model, a->activity, a->site);
    int nb = n_options(sort_model, b->activity, b->site);
    if (na != nb)
        return na - nb;
    return *(const int *)pa - *(const int *)pb;
}

int mr_rooms_assign(const mr_model *m, mr_solution *s)
{
    matcher mt = {m, s, NULL, 0, NULL, NULL, 0, 0};
    int *need = NULL, n_need = 0, max_rooms = 0, rc = MR_ENOMEM;

    for (int i = 0; i < m->n_sites; i++)
        if (m->sites[i].n_rooms > max_rooms)
            max_rooms = m->sites[i].n_rooms;
    if ((need = mr_malloc(((size_t)s->n_assign + 1) * sizeof *need)) == NULL
        || (mt.owner = mr_malloc(((size_t)max_rooms + 1) * sizeof *mt.owner))
               == NULL
        || (mt.seen = mr_malloc((size_t)max_rooms + 1)) == NULL)
        goto done;
    for (int i = 0; i < s->n_assign; i++) {
        s->assign[i].room = -1;
        if (m->activities[s->assign[i].activity].n_room_kinds > 0)
            need[n_need++] = i;
    }
    sort_sol = s;
    sort_model = m;
    qsort(need, (size_t)n_need, sizeof *need, cmp_need);
    rc = MR_OK;
    for (int lo = 0, hi; lo < n_need; lo = hi) {
        const mr_assignment *a = &s->assign[need[lo]];
        for (hi = lo + 1; hi < n_need; hi++) {
            const mr_assignment *b = &s->assign[need[hi]];
            if (b->site != a->site || b->date != a->date
                || b->period != a->period)
                break;
        }
        mt.who = need + lo;
        mt.n_who = hi - lo;
        mt.first_room = m->sites[a->site].first_room;
        mt.n_rooms = m->sites[a->site].n_rooms;
        for (int i = 0; i < mt.n_rooms; i++)
            mt.owner[i] = -1;
        for (int w = 0; w < mt.n_who; w++) {
            memset(mt.seen, 0, (size_t)mt.n_rooms + 1);
            if (!augment(&mt, w))
                rc = MR_EINFEASIBLE;
        }
        for (int i = 0; i < mt.n_rooms; i++)
            if (mt.owner[i] >= 0)
                s->assign[mt.who[mt.owner[i]]].room = mt.first_room + i;
    }
done:
    mr_free(need);
    mr_free(mt.owner);
    mr_free(mt.seen);
    return rc;
}
