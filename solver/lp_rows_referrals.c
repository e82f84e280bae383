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
 * (the model's u is never above the unallocated count of the roster).
 * For each referral date d (the month's first day for earlier ones), R_d
 * the referrals on or after d: an adviser a takes y_ad of them,
 *       y_ad <= cap_a + E_a,   y_ad - sum k_e x_e <= 0
 * over a's ea sessions e on or after d, k_e the first appointments one
 * holds, cap_a a's most new clients (a senior's at its largest, the mean
 * load being at most new_clients_per_adviser_max), E_a a's existing
 * clients; and
 *       sum_a y_ad + u >= R_d.
 * Per adviser and date: with the advisers' and the dates' rows apart
 * (sum_a y_a + u >= R and sum of k_e x_e on or after d + u >= R_d), M
 * seed 17 left 3 of 28 referrals where the model saw none, one adviser's
 * sessions all being on 1-2 December, before most referrals.
 * u in [0, R] costs weights.ea_unallocated; its lower bound is what the
 * rows ask of it with every y at its bound (the referrals past the caps
 * of the advisers who can have a session from that date), which no
 * roster can place. The large models' relaxation leaves these rows free
 * (glpk_run.c), so without that bound it lost them: generated M months
 * of February 2027, with more referrals than the advisers may take,
 * ended at 2.3-7.2% gap at 10 s on optimal rosters, the gap exactly 50
 * a referral left. */
#include "lp.h"

#include <stdlib.h>

#include "alloc.h"
#include "ea_alloc.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The first appointments each x holds, as the allocation counts them: > 0
 * only for an adviser's ea session. */
static void session_caps(const mr_lpb *b, int first, int *k)
{
    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        int n = mr_ea_first_holds(b->m, first, x->staff, x->activity,
                                  x->period);
        k[j] = n > 0 ? n : 0;
    }
}

/* Each adviser's most referrals: their cap (a senior's at its largest,
 * the mean load being at most new_clients_per_adviser_max) plus their
 * existing clients; 0 for people with no ea session possible. */
static int *adviser_loads(const mr_lpb *b, const int *k)
{
    const mr_model *m = b->m;
    int n = b->n_staff, maxn = m->ea.new_clients_per_adviser_max;
    int *load = mr_calloc((size_t)n + 1, sizeof(int));
    unsigned char *adv = mr_calloc((size_t)n + 1, 1);

    if (load == NULL || adv == NULL) {
        mr_free(load);
        mr_free(adv);
        return NULL;
    }
    for (int j = 0; j < b->n_x; j++)
        adv[b->x[j].staff] |= k[j] > 0;
    for (int r = 0; r < m->n_referrals; r++) {
        int a = mr_ref_index(m, &m->referrals[r].adviser, mr_find_staff);
        if (a >= 0 && a < n)
            load[a]++;
    }
    for (int p = 0; p < n; p++)
        load[p] = !adv[p] ? 0
                  : load[p] + (m->staff[p].role == MR_ROLE_SEA
                               ? mr_ea_senior_cap(m, maxn, 1) : maxn);
    mr_free(adv);
    return load;
}

/* The rows of one referral date `day` (offset dd from the month's first
 * day), wanted by `want` referrals: each adviser's y and its row, then
 * the row of their sum with u. */
static int day_rows(mr_lpb *b, const int *k, const int *load, int u,
                    int day, int dd, int want)
{
    const mr_model *m = b->m;
    int *ycol = mr_malloc(((size_t)b->n_staff + 1) * sizeof(int));
    int rc = MR_ENOMEM, most = 0;

    if (ycol == NULL)
        return MR_ENOMEM;
    for (int p = 0; p < b->n_staff; p++) {
        /* a person's x lie together, in date order */
        int lo = b->first[mr_lpb_sess(b, p, 0, 0)];
        int hi = b->first[mr_lpb_sess(b, p + 1, 0, 0)], any = 0;
        ycol[p] = -1;
        for (int j = lo; j < hi && load[p] > 0 && !any; j++)
            any = k[j] > 0 && b->x[j].date >= day;
        if (!any)
            continue;
        most += load[p];
        if (mr_lpb_col(b, 0, load[p], 0, -1, MR_TAG_AUX,
                       mr_lpb_fmt(b, "y.referrals.%s.day%d",
                                  m->staff[p].id, dd), &ycol[p]) != MR_OK)
            goto done;
        mr_mip_row_begin(&b->mip);
        if (mr_mip_row_add(&b->mip, ycol[p], 1.0) != MR_OK)
            goto done;
        for (int j = lo; j < hi; j++)
            if (k[j] > 0 && b->x[j].date >= day
                && mr_mip_row_add(&b->mip, j, -k[j]) != MR_OK)
                goto done;
        if (mr_mip_row_end(&b->mip, -MR_MIP_INF, 0,
                           mr_lpb_fmt(b, "referrals.%s.day%d",
                                      m->staff[p].id, dd), NULL) != MR_OK)
            goto done;
    }
    mr_mip_row_begin(&b->mip);
    if (mr_mip_row_add(&b->mip, u, 1.0) != MR_OK)
        goto done;
    for (int p = 0; p < b->n_staff; p++)
        if (ycol[p] >= 0 && mr_mip_row_add(&b->mip, ycol[p], 1.0) != MR_OK)
            goto done;
    rc = mr_mip_row_end(&b->mip, want, MR_MIP_INF,
                        mr_lpb_fmt(b, "referrals.day%d", dd), NULL);
    /* What no roster can place, whatever the advisers' sessions: the
     * least u the rows allow with every y at its bound (see the file's
     * comment on the large models' relaxation). */
    if (rc == MR_OK && want - most > b->mip.cols[u].lb)
        b->mip.cols[u].lb = want - most;
done:
    mr_free(ycol);
    return rc;
}

/* The rows of each distinct referral date. */
static int date_rows(mr_lpb *b, const int *k, int u)
{
    const mr_model *m = b->m;
    int n = m->n_referrals, fd = b->first_day, rc = MR_OK;
    int *day = mr_malloc(((size_t)n + 1) * sizeof(int));
    int *load = adviser_loads(b, k);

    if (day == NULL || load == NULL) {
        mr_free(day);
        mr_free(load);
        return MR_ENOMEM;
    }
    for (int r = 0; r < n; r++)
        day[r] = m->referrals[r].referred_on > fd ? m->referrals[r].referred_on
                                                  : fd;
    qsort(day, (size_t)n, sizeof(int), cmp_int);
    for (int r = 0; r < n && rc == MR_OK; r++)
        if (r == 0 || day[r] != day[r - 1])
            rc = day_rows(b, k, load, u, day[r], day[r] - fd, n - r);
    mr_free(day);
    mr_free(load);
    return rc;
}

int mr_rows_referrals(mr_lpb *b)
{
    const mr_model *m = b->m;
    int n = m->n_referrals, first = mr_find_appt_type(m, "ea_first");
    int *k, u, rc;

    b->ref_row0 = b->ref_row1 = b->mip.n_rows;
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
    rc = date_rows(b, k, u);
    b->ref_row1 = b->mip.n_rows;
    mr_free(k);
    return rc;
}
