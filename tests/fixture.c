/* Small resolved models for tests; see fixture.h. */
#include "fixture.h"

#include <check.h>
#include <string.h>

#include "alloc.h"
#include "date.h"

int fx_dec(int d)
{
    return mr_days_from_civil(2026, 12, d);
}

mr_model *fx_month(void)
{
    static const struct { const char *id; int s, e; } P[] = {
        {"am", 510, 750}, {"pm", 780, 1020}, {"eve", 1020, 1200}
    };
    mr_model *m = NULL;
    int i;

    ck_assert_int_eq(mr_model_new(&m), MR_OK);
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(MR_PUSH(m, periods, &i), MR_OK);
        m->periods[i].id = mr_strdup(P[k].id);
        m->periods[i].start = P[k].s;
        m->periods[i].end = P[k].e;
    }
    m->evening = 2;
    mr_model_set_month(m, 2026, 12);
    int closed[] = {25, 26, 28};
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(MR_PUSH(m, closed_dates, &i), MR_OK);
        m->closed_dates[i] = fx_dec(closed[k]);
    }
    for (int a = 0; a < m->n_activities; a++)
        if (m->activities[a].skill.id != NULL)
            m->activities[a].skill.index = -2;   /* no such skill yet */
    m->resolved = 1;
    return m;
}

int fx_site(mr_model *m, const char *id, int kind, unsigned days,
            unsigned periods)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, sites, &i), MR_OK);
    mr_site *s = &m->sites[i];
    s->id = mr_strdup(id);
    s->name = mr_strdup(id);
    s->kind = kind;
    s->imd_decile = 5;
    s->pcn.index = -1;
    s->first_room = m->n_rooms;
    for (int d = 0; d < 7; d++)
        s->open[d] = ((days >> d) & 1u) ? periods : 0;
    for (int p = 0; p < m->n_staff; p++) {
        unsigned char *w = mr_realloc(m->staff[p].may_work, (size_t)m->n_sites);
        ck_assert_ptr_nonnull(w);
        w[i] = 1;
        m->staff[p].may_work = w;
    }
    return i;
}

int fx_room(mr_model *m, const char *id, const char *kind)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, rooms, &i), MR_OK);
    m->rooms[i].id = mr_strdup(id);
    m->rooms[i].kind = mr_strdup(kind);
    m->rooms[i].site = m->n_sites - 1;
    m->sites[m->n_sites - 1].n_rooms++;
    return i;
}

int fx_staff(mr_model *m, const char *id, int role, double spw, unsigned days,
             unsigned periods)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, staff, &i), MR_OK);
    mr_staff *s = &m->staff[i];
    s->id = mr_strdup(id);
    s->name = mr_strdup(id);
    s->role = role;
    s->sessions_per_week = spw;
    s->days = days;
    s->pmask = periods;
    s->specialism.index = -1;
    s->home_site.index = m->n_sites > 0 ? 0 : -1;
    s->may_work = mr_calloc((size_t)(m->n_sites + 1), 1);
    ck_assert_ptr_nonnull(s->may_work);
    memset(s->may_work, 1, (size_t)m->n_sites);
    return i;
}

void fx_leave(mr_model *m, int staff, int d1, int d2)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, absences, &i), MR_OK);
    m->absences[i].staff.index = staff;
    m->absences[i].from = fx_dec(d1);
    m->absences[i].to = fx_dec(d2);
    m->absences[i].is_leave = 1;
}
