/* A stored roster read back against a model; see roster_load.h. */
#include "roster_load.h"

#include <stdio.h>

#include "date.h"

/* Columns of roster.csv (store.h, SPEC 8). */
enum { C_DATE, C_PERIOD, C_START, C_END, C_STAFF, C_NAME, C_ROLE,
       C_ACTIVITY, C_SPECIALTY, C_SITE, C_ROOM, C_PCN, N_COLS };

typedef struct reader {
    const mr_model *m;
    mr_solution    *out;
    mr_diags       *lost;
    int             n_lost;
} reader;

static void lose(reader *r, const char *const *c, const char *what,
                 const char *id)
{
    r->n_lost++;
    if (r->lost != NULL)
        mr_diag_add(r->lost, MR_WARNING, NULL, 0, 0, "the stored assignment "
                    "of %s on %s %s (%s at %s) names %s '%s', which the "
                    "service no longer has", c[C_STAFF], c[C_DATE],
                    c[C_PERIOD], c[C_ACTIVITY], c[C_SITE], what, id);
}

static int row(void *user, const char *const *c, int n)
{
    reader *r = user;
    const mr_model *m = r->m;
    mr_assignment a;
    int day;

    if (n < N_COLS)
        return MR_EINVAL;
    if (mr_date_parse(c[C_DATE], &day) != 0) {
        lose(r, c, "the date", c[C_DATE]);
        return MR_OK;
    }
    a.date = day;
    a.staff = mr_find_staff(m, c[C_STAFF]);
    a.period = mr_find_period(m, c[C_PERIOD]);
    a.activity = mr_find_activity(m, c[C_ACTIVITY]);
    a.site = mr_find_site(m, c[C_SITE]);
    a.specialty = c[C_SPECIALTY][0] != '\0'
                  ? mr_find_skill(m, c[C_SPECIALTY]) : -1;
    a.room = c[C_ROOM][0] != '\0' ? mr_find_room(m, c[C_ROOM]) : -1;
    if (a.staff < 0)
        lose(r, c, "the person", c[C_STAFF]);
    else if (a.period < 0)
        lose(r, c, "the period", c[C_PERIOD]);
    else if (a.activity < 0)
        lose(r, c, "the activity", c[C_ACTIVITY]);
    else if (a.site < 0)
        lose(r, c, "the site", c[C_SITE]);
    else {
        if (a.room >= 0 && m->rooms[a.room].site != a.site)
            a.room = -1;
        return mr_solution_add(r->out, &a);
    }
    return MR_OK;
}

int mr_roster_from_store(mr_store *s, const mr_model *m, const char *month,
                         int version, mr_solution *out, mr_diags *lost,
                         int *n_lost)
{
    reader r = {m, out, lost, 0};
    int rc = mr_store_roster_rows(s, month, version, row, &r);

    if (n_lost != NULL)
        *n_lost = r.n_lost;
    return rc;
}
