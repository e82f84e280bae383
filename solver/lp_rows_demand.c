/* Demand (SPEC 2.4, 5; docs/semantics.md "Demand") in the roster MILP.
 *
 * The slots are laid out after the roster (slots.c), but where sessions go
 * decides what demand can be met, so the roster sees the same arithmetic in
 * aggregate. Sessions of one activity at one site with the same bookable
 * minutes are interchangeable for demand: they form a group g, and n_g, the
 * number of its sessions, is a sum of x. Each maximal type mix p of such a
 * session (mr_slot_patterns) gets a continuous column z_gp >= 0, the number
 * of the group's sessions laid out that way:
 *     sum_p z_gp - sum_{x in g} x = 0
 * and each demand line l of type t:
 *     sum_{g at a site l covers, p} capacity_t * count_pt * z_gp + u_l
 *         >= count_l,          u_l in [0, count_l],
 * u_l costing weights.demand * equity_l (the site's, or the mean of the
 * PCN's practices). With z integral this is exactly the slot stage's
 * problem; z is left continuous so that the roster MILP gains no integer
 * columns (its LP bound is the slot stage's relaxation), and slots.c then
 * finds the integral mix for the roster chosen. Only groups some line can
 * use get rows. ea_first is never filler (it follows referrals), so ea
 * sessions take part only for lines of their other types. */
#include "lp.h"

#include "alloc.h"
#include "derive.h"
#include "slots.h"

/* One group: its key and its patterns. */
typedef struct dgroup {
    int  site, activity, minutes;
    int *pat;                  /* n_pat vectors of n_appt_types counts */
    int  n_pat;
    int  col;                  /* first z column */
} dgroup;

/* 1 when some line with a positive count can use slots of the activity's
 * filler types at the site. */
static int useful(const mr_model *m, int site, int activity)
{
    for (int l = 0; l < m->n_demand; l++) {
        int t = mr_demand_type(m, l);
        if (m->demand[l].count > 0 && t >= 0
            && t != mr_find_appt_type(m, "ea_first")
            && mr_appt_type_allows(m, t, activity)
            && mr_demand_covers(m, l, site))
            return 1;
    }
    return 0;
}

static int group_rows(mr_lpb *b, dgroup *g, int gi, const int *xs, int n_xs)
{
    const mr_model *m = b->m;
    mr_mip_row_begin(&b->mip);
    for (int p = 0; p < g->n_pat; p++)
        if (mr_mip_row_add(&b->mip, g->col + p, 1.0) != MR_OK)
            return MR_ENOMEM;
    for (int i = 0; i < n_xs; i++)
        if (mr_mip_row_add(&b->mip, xs[i], -1.0) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(&b->mip, 0, 0,
                          mr_lpb_fmt(b, "dgroup%d.%s.%s.%d", gi,
                                     m->sites[g->site].id,
                                     m->activities[g->activity].id,
                                     g->minutes), NULL);
}

static int line_row(mr_lpb *b, int l, const dgroup *gs, int n_gs)
{
    const mr_model *m = b->m;
    int t = mr_demand_type(m, l), count = m->demand[l].count, u;
    int cap = t >= 0 ? m->appt_types[t].capacity : 0;

    if (count <= 0 || t < 0)
        return MR_OK;
    if (mr_lpb_col(b, 0, count, m->weights.demand * mr_demand_equity(m, l),
                   -1, MR_TAG_AUX, mr_lpb_fmt(b, "u.demand%d", l), &u)
        != MR_OK)
        return MR_ENOMEM;
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, u, 1.0) != MR_OK)
        return MR_ENOMEM;
    for (int g = 0; g < n_gs && cap > 0; g++) {
        if (!mr_demand_covers(m, l, gs[g].site))
            continue;
        for (int p = 0; p < gs[g].n_pat; p++) {
            int n = gs[g].pat[(size_t)p * (size_t)m->n_appt_types + (size_t)t];
            if (n > 0 && mr_mip_row_add(&b->mip, gs[g].col + p,
                                        (double)n * cap) != MR_OK)
                return MR_ENOMEM;
        }
    }
    return mr_mip_row_end(&b->mip, count, MR_MIP_INF,
                          mr_lpb_fmt(b, "demand%d", l), NULL);
}

int mr_rows_demand(mr_lpb *b)
{
    const mr_model *m = b->m;
    int n_key = m->n_sites * m->n_activities * b->n_periods;
    int *gof = NULL, *xs = NULL, *start = NULL;
    dgroup *gs = NULL;
    int n_gs = 0, rc = MR_ENOMEM;

    if (m->n_demand == 0 || b->n_x == 0)
        return MR_OK;
    /* gof: group of each (site, activity, period), -2 unknown, -1 none. */
    gof = mr_malloc(sizeof(int) * (size_t)(n_key + 1));
    gs = mr_calloc((size_t)n_key + 1, sizeof(dgroup));
    xs = mr_malloc(sizeof(int) * (size_t)(b->n_x + 1));
    start = mr_calloc((size_t)n_key + 2, sizeof(int));
    if (gof == NULL || gs == NULL || xs == NULL || start == NULL)
        goto done;
    for (int k = 0; k < n_key; k++)
        gof[k] = -2;
    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        int k = (x->site * m->n_activities + x->activity) * b->n_periods
                + x->period;
        if (gof[k] != -2)
            continue;
        gof[k] = -1;
        if (!useful(m, x->site, x->activity))
            continue;
        int minutes = mr_bookable_minutes(m, x->period);
        for (int g = 0; g < n_gs && gof[k] < 0; g++)
            if (gs[g].site == x->site && gs[g].activity == x->activity
                && gs[g].minutes == minutes)
                gof[k] = g;
        if (gof[k] >= 0)
            continue;
        dgroup *g = &gs[n_gs];
        *g = (dgroup){x->site, x->activity, minutes, NULL, 0, -1};
        if (mr_slot_patterns(m, x->activity, minutes, &g->pat, &g->n_pat)
            != MR_OK)
            goto done;
        if (g->n_pat == 0) {
            mr_free(g->pat);
            g->pat = NULL;
            continue;
        }
        for (int p = 0; p < g->n_pat; p++) {
            int c;
            if (mr_lpb_col(b, 0, MR_MIP_INF, 0, -1, MR_TAG_AUX,
                           mr_lpb_fmt(b, "z.demand.g%d.p%d", n_gs, p), &c)
                != MR_OK)
                goto done;
            if (p == 0)
                g->col = c;
        }
        gof[k] = n_gs++;
    }
    /* The x of each group, by counting sort. */
    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        int g = gof[(x->site * m->n_activities + x->activity) * b->n_periods
                    + x->period];
        if (g >= 0)
            start[g + 1]++;
    }
    for (int g = 0; g < n_gs; g++)
        start[g + 1] += start[g];
    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        int g = gof[(x->site * m->n_activities + x->activity) * b->n_periods
                    + x->period];
        if (g >= 0)
            xs[start[g]++] = j;
    }
    for (int g = n_gs; g > 0; g--)
        start[g] = start[g - 1];
    start[0] = 0;
    for (int g = 0; g < n_gs; g++) {
        int n = start[g + 1] - start[g];
        if (group_rows(b, &gs[g], g, xs + start[g], n) != MR_OK)
            goto done;
        /* A finite bound (at most one pattern per assignment) keeps the
         * Lagrangian bound of glpk_lagrange.c finite whatever the duals. */
        for (int p = 0; p < gs[g].n_pat; p++)
            b->mip.cols[gs[g].col + p].ub = n;
    }
    for (int l = 0; l < m->n_demand; l++)
        if (line_row(b, l, gs, n_gs) != MR_OK)
            goto done;
    rc = MR_OK;
done:
    for (int g = 0; gs != NULL && g < n_gs + 1 && g < n_key + 1; g++)
        mr_free(gs[g].pat);
    mr_free(gs);
    mr_free(gof);
    mr_free(xs);
    mr_free(start);
    return rc;
}
