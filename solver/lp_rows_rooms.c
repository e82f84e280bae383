/* H6 as capacity rows. In a site-session, assignments needing a room fall
 * into groups of activities that accept the same room kinds (treatment;
 * gym; consult; consult-else-treatment). By Hall's theorem every roster has
 * a room for each of them exactly when, for each set S of groups, the x of
 * S sum to at most the rooms whose kind some group of S accepts. Only
 * "closed" sets need a row (a set S with union U dominates the sets inside
 * it with the same union), and only when more people could be there than
 * there are rooms. Rooms are then named after the solve by bipartite
 * matching (rooms.c). */
#include "lp.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

#define MAX_KINDS 64
#define MAX_GROUPS 16

typedef struct site_kinds {
    const char *kind[MAX_KINDS];
    int         n_rooms[MAX_KINDS];
    int         n;
} site_kinds;

static void kinds_of_site(const mr_model *m, int s, site_kinds *k)
{
    const mr_site *st = &m->sites[s];
    k->n = 0;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++) {
        const char *kind = m->rooms[r].kind;
        int i;
        if (kind == NULL)
            continue;
        for (i = 0; i < k->n; i++)
            if (strcmp(k->kind[i], kind) == 0)
                break;
        if (i == k->n) {
            if (k->n == MAX_KINDS)
                continue;       /* never in practice; fewer rooms: tighter */
            k->kind[k->n] = kind;
            k->n_rooms[k->n++] = 0;
        }
        k->n_rooms[i]++;
    }
}

static uint64_t activity_mask(const mr_model *m, int a, const site_kinds *k)
{
    const mr_activity *act = &m->activities[a];
    uint64_t mask = 0;
    for (int i = 0; i < act->n_room_kinds; i++)
        for (int j = 0; j < k->n; j++)
            if (act->room_kinds[i] != NULL
                && strcmp(act->room_kinds[i], k->kind[j]) == 0)
                mask |= (uint64_t)1 << j;
    return mask;
}

static int rooms_of(const site_kinds *k, uint64_t mask)
{
    int n = 0;
    for (int j = 0; j < k->n; j++)
        if ((mask >> j) & 1u)
            n += k->n_rooms[j];
    return n;
}

/* Rows of one site-session. amask: per activity, its kind mask at the site
 * (0: needs no room). seen: n_staff bytes of scratch. */
static int session_rows(mr_lpb *b, int s, int dd, int t,
                        const site_kinds *k, const uint64_t *amask,
                        unsigned char *seen)
{
    const mr_model *m = b->m;
    uint64_t gmask[MAX_GROUPS];
    int n_groups = 0, lo, hi;
    char date[9];

    /* The groups present in this session. */
    for (int p = 0; p < b->n_staff; p++) {
        mr_lpb_range(b, p, dd, t, &lo, &hi);
        for (int j = lo; j < hi; j++) {
            uint64_t am;
            int g;
            if (b->x[j].site != s || (am = amask[b->x[j].activity]) == 0)
                continue;
            for (g = 0; g < n_groups && gmask[g] != am; g++)
                ;
            if (g == n_groups) {
                if (n_groups == MAX_GROUPS)
                    return MR_ESOLVER;
                gmask[n_groups++] = am;
            }
        }
    }
    mr_lpb_date(b, dd, date);
    for (unsigned set = 1; set < (1u << n_groups); set++) {
        uint64_t u = 0;
        int closed = 1, n_people = 0, cap;
        for (int g = 0; g < n_groups; g++)
            if ((set >> g) & 1u)
                u |= gmask[g];
        for (int g = 0; g < n_groups && closed; g++)
            if (!((set >> g) & 1u) && (gmask[g] & ~u) == 0)
                closed = 0;
        if (!closed)
            continue;
        cap = rooms_of(k, u);
        /* Could more people be here in these groups than there are rooms? */
        memset(seen, 0, (size_t)b->n_staff);
        for (int p = 0; p < b->n_staff; p++) {
            mr_lpb_range(b, p, dd, t, &lo, &hi);
            for (int j = lo; j < hi && !seen[p]; j++) {
                uint64_t am = amask[b->x[j].activity];
                if (b->x[j].site != s || am == 0)
                    continue;
                for (int g = 0; g < n_groups; g++)
                    if (((set >> g) & 1u) && gmask[g] == am)
                        seen[p] = 1;
            }
            n_people += seen[p];
        }
        if (n_people <= cap)
            continue;
        mr_mip_row_begin(&b->mip);
        for (int p = 0; p < b->n_staff; p++) {
            mr_lpb_range(b, p, dd, t, &lo, &hi);
            for (int j = lo; j < hi; j++) {
                uint64_t am = amask[b->x[j].activity];
                int in = 0;
                if (b->x[j].site != s || am == 0)
                    continue;
                for (int g = 0; g < n_groups; g++)
                    if (((set >> g) & 1u) && gmask[g] == am)
                        in = 1;
                if (in && mr_mip_row_add(&b->mip, j, 1.0) != MR_OK)
                    return MR_ENOMEM;
            }
        }
        if (mr_mip_row_end(&b->mip, -MR_MIP_INF, cap,
                           mr_lpb_fmt(b, "h6.%s.%s.%s.g%u", m->sites[s].id,
                                      date, m->periods[t].id, set),
                           NULL) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_rows_rooms(mr_lpb *b)
{
    const mr_model *m = b->m;
    uint64_t *amask = NULL;
    unsigned char *seen = NULL;
    site_kinds *k = NULL;
    int rc = MR_ENOMEM;

    if ((amask = mr_calloc((size_t)m->n_activities + 1, sizeof *amask)) == NULL
        || (seen = mr_calloc((size_t)b->n_staff + 1, 1)) == NULL
        || (k = mr_calloc(1, sizeof *k)) == NULL)
        goto done;
    for (int s = 0; s < m->n_sites; s++) {
        kinds_of_site(m, s, k);
        for (int a = 0; a < m->n_activities; a++)
            amask[a] = activity_mask(m, a, k);
        for (int dd = 0; dd < b->n_days; dd++)
            for (int t = 0; t < b->n_periods; t++)
                if ((rc = session_rows(b, s, dd, t, k, amask, seen)) != MR_OK)
                    goto done;
    }
    rc = MR_OK;
done:
    mr_free(amask);
    mr_free(seen);
    mr_free(k);
    return rc;
}
