/* Employment-advice referrals (SPEC 2.5, H11, 5) in the roster MILP.
 *
 * Referrals go to advisers after the roster (ea_alloc.c), but the roster
 * decides which advisers have ea sessions and when, so it must see what
 * leaving referrals unallocated costs. Without these rows a roster
 * optimal for the model could give the allocation too few advisers:
 * benchmark M seed 16 at 10 s, in 3 runs of 6, proved its roster optimal
 * at 1,797.60 and then left 7 of 29 referrals unallocated (3 advisers
 * with ea sessions, 10 new clients each at most), 2,147.60 reported.
 *
 * The rows are a relaxation of the allocation, so the bound stays valid
 * (the model's u is never above the unallocated count of the roster):
 *   an adviser a takes y_a <= cap_a + E_a referrals, cap_a their most new
 *   clients (a senior's cap at its largest, the mean load being at most
 *   new_clients_per_adviser_max), E_a their existing clients, and
 *       y_a - sum k_e x_e <= 0
 *   over a's ea sessions e, k_e the first appointments one holds;
 *       sum_a y_a + u >= R,  R the referrals;
 *   and for each referral date d (the month's first day for earlier ones)
 *       sum over sessions on or after d of k_e x_e + u >= R_d,
 *   R_d the referrals on or after d.
 * u in [0, R] costs weights.ea_unallocated. */
#include "lp.h"

#include <stdlib.h>

#include "alloc.h"
#include "derive.h"
#include "ea_alloc.h"
#include "slots.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int staff_of(const mr_model *m, const mr_ref *r)
{
    if (r->id == NULL)
        return -1;
    return r->index >= 0 ? r->index : mr_find_staff(m, r->id);
}

/* The first appointments each x holds: > 0 only for an adviser's session
 * that ea_first may be booked in. */
static void session_caps(const mr_lpb *b, int first, int *k)
{
    const mr_model *m = b->m;
    int mins = m->appt_types[first].minutes;

    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        int role = m->staff[x->staff].role;
        k[j] = 0;
        if ((role == MR_ROLE_EA || role == MR_ROLE_SEA)
            && mr_appt_type_allows(m, first, x->activity))
            k[j] = mr_bookable_minutes(m, x->period) / mins;
    }
}

/* Per adviser with a session: y_a and its row; then the row of their sum. */
static int adviser_rows(mr_lpb *b, const int *k, int u)
{
    const mr_model *m = b->m;
    int n = b->n_staff, maxn = m->ea.new_clients_per_adviser_max;
    int *load = mr_calloc((size_t)n + 1, sizeof(int));
    int *ycol = mr_malloc(((size_t)n + 1) * sizeof(int));
    int rc = MR_ENOMEM;

    if (load == NULL || ycol == NULL)
        goto done;
    for (int r = 0; r < m->n_referrals; r++) {
        int a = staff_of(m, &m->referrals[r].adviser);
        if (a >= 0 && a < n)
            load[a]++;
    }
    for (int p = 0; p < n; p++)
        ycol[p] = -1;
    for (int j = 0; j < b->n_x; j++) {
        int p = b->x[j].staff;
        if (k[j] <= 0 || ycol[p] >= 0)
            continue;
        load[p] += m->staff[p].role == MR_ROLE_SEA
                   ? mr_ea_senior_cap(m, maxn, 1) : maxn;
        if (mr_lpb_col(b, 0, load[p], 0, -1, MR_TAG_AUX,
                       mr_lpb_fmt(b, "y.referrals.%s", m->staff[p].id),
                       &ycol[p]) != MR_OK)
            goto done;
    }
    for (int p = 0; p < n; p++) {
        if (ycol[p] < 0)
            continue;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, ycol[p], 1.0) != MR_OK)
            goto done;
        for (int j = 0; j < b->n_x; j++)
            if (k[j] > 0 && b->x[j].staff == p
                && mr_mip_row_add(&b->mip, j, -k[j]) != MR_OK)
                goto done;
        if (mr_mip_row_end(&b->mip, -MR_MIP_INF, 0,
                           mr_lpb_fmt(b, "referrals.%s", m->staff[p].id),
                           NULL) != MR_OK)
            goto done;
    }
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, u, 1.0) != MR_OK)
        goto done;
    for (int p = 0; p < n; p++)
        if (ycol[p] >= 0 && mr_mip_row_add(&b->mip, ycol[p], 1.0) != MR_OK)
            goto done;
    rc = mr_mip_row_end(&b->mip, m->n_referrals, MR_MIP_INF,
                        "referrals.advisers", NULL);
done:
    mr_free(load);
    mr_free(ycol);
    return rc;
}

/* One row per distinct referral date: the sessions from then on. */
static int date_rows(mr_lpb *b, const int *k, int u)
{
    const mr_model *m = b->m;
    int n = m->n_referrals, fd = b->first_day;
    int *day = mr_malloc(((size_t)n + 1) * sizeof(int));

    if (day == NULL)
        return MR_ENOMEM;
    for (int r = 0; r < n; r++)
        day[r] = m->referrals[r].referred_on > fd ? m->referrals[r].referred_on
                                                  : fd;
    qsort(day, (size_t)n, sizeof(int), cmp_int);
    for (int r = 0; r < n; r++) {
        if (r > 0 && day[r] == day[r - 1])
            continue;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, u, 1.0) != MR_OK)
            goto oom;
        for (int j = 0; j < b->n_x; j++)
            if (k[j] > 0 && b->x[j].date >= day[r]
                && mr_mip_row_add(&b->mip, j, k[j]) != MR_OK)
                goto oom;
        if (mr_mip_row_end(&b->mip, n - r, MR_MIP_INF,
                           mr_lpb_fmt(b, "referrals.day%d", day[r] - fd),
                           NULL) != MR_OK)
            goto oom;
    }
    mr_free(day);
    return MR_OK;
oom:
    mr_free(day);
    return MR_ENOMEM;
}

int mr_rows_referrals(mr_lpb *b)
{
    const mr_model *m = b->m;
    int n = m->n_referrals, first = mr_find_appt_type(m, "ea_first");
    int *k, u, rc;

    if (n == 0)
        return MR_OK;
    if (mr_lpb_col(b, 0, n, m->weights.ea_unallocated, -1, MR_TAG_AUX,
                   "u.referrals", &u) != MR_OK)
        return MR_ENOMEM;
    if (first < 0 || m->appt_types[first].minutes <= 0) {
        b->mip.cols[u].lb = n;           /* nowhere to book them */
        return MR_OK;
    }
    if ((k = mr_malloc(((size_t)b->n_x + 1) * sizeof(int))) == NULL)
        return MR_ENOMEM;
    session_caps(b, first, k);
    rc = adviser_rows(b, k, u);
    if (rc == MR_OK)
        rc = date_rows(b, k, u);
    mr_free(k);
    return rc;
}
