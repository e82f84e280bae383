/* The conflict search's one build: the relaxed month (every item lifted)
 * as a GLPK program, and each item of model/explain.h as bounds on it,
 * found from the builder's row names (lp_rows_*.c: hcoverC.DATE.PERIOD,
 * h7rest.STAFF..., h6.SITE...) and the assignments' fields; contract weeks
 * and evening limits get rows of our own. See explain_iis.c for why. */
#include "explain_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "run.h"

#define EPS 1e-6

/* (item, index) pairs collected before grouping by item. */
typedef struct pair {
    int item, idx;
} pair;

/* --- names of rows ------------------------------------------------------ */

static void mangle(const char *id, char *out, size_t size)
{
    size_t i = 0;
    for (; id[i] != '\0' && i + 1 < size; i++)
        out[i] = id[i] == '-' ? '_' : id[i];
    out[i] = '\0';
}

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static named *make_names(int n, const char *(*id)(const mr_model *, int),
                         const mr_model *m)
{
    named *v = mr_calloc((size_t)n + 1, sizeof *v);
    if (v == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        mangle(id(m, i), v[i].name, sizeof v[i].name);
        v[i].index = i;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_named);
    return v;
}

static const char *staff_id(const mr_model *m, int i) { return m->staff[i].id; }
static const char *site_id(const mr_model *m, int i) { return m->sites[i].id; }
static const char *period_id(const mr_model *m, int i) { return m->periods[i].id; }

/* The index of the name made of s up to the next '.' (or the end). */
static int find_token(const named *v, int n, const char *s)
{
    named key;
    size_t k = 0;
    const named *hit;
    while (s[k] != '\0' && s[k] != '.' && k + 1 < sizeof key.name) {
        key.name[k] = s[k];
        k++;
    }
    key.name[k] = '\0';
    hit = bsearch(&key, v, (size_t)n, sizeof *v, cmp_named);
    return hit != NULL ? hit->index : -1;
}

static const char *after_dot(const char *s)
{
    const char *d = strchr(s, '.');
    return d != NULL ? d + 1 : s + strlen(s);
}

/* The item a builder row belongs to; -1: none (it always holds); -2: free
 * it for good (the builder's contract rows, replaced by ours, and hard
 * cover rows of sessions that do not exist in the month as given). */
static int classify(const mr_xiis *c, const char *name)
{
    const mr_model *m = c->m;
    static const struct { const char *prefix; int kind; } STAFF_ROWS[] = {
        {"h7rest.", MR_XI_REST}, {"h7run.", MR_XI_CONSEC},
        {"h7day.", MR_XI_DAYMAX}, {"h8.", MR_XI_SITES},
        {"h7eve.", MR_XI_EVENINGS}
    };

    if (strncmp(name, "h4.", 3) == 0)
        return -2;
    if (strncmp(name, "hcover", 6) == 0) {
        char *end;
        long cv = strtol(name + 6, &end, 10);
        int y, mo, d, day, dd, t;
        if (*end != '.' || cv < 0 || cv >= m->n_cover)
            return -1;
        if (sscanf(end + 1, "%4d%2d%2d", &y, &mo, &d) != 3)
            return -1;
        day = mr_days_from_civil(y, mo, d);
        dd = day - m->month.first_day;
        t = find_token(c->period_names, m->n_periods, after_dot(end + 1));
        if (dd < 0 || dd >= m->month.n_days || t < 0)
            return -1;
        int it = c->of_cover[((int)cv * m->month.n_days + dd) * m->n_periods
                             + t];
        return it >= 0 ? it : -2;
    }
    for (size_t k = 0; k < sizeof STAFF_ROWS / sizeof *STAFF_ROWS; k++) {
        size_t len = strlen(STAFF_ROWS[k].prefix);
        if (strncmp(name, STAFF_ROWS[k].prefix, len) == 0) {
            int p = find_token(c->staff_names, m->n_staff, name + len);
            return p < 0 ? -1
                         : c->of_staff[STAFF_ROWS[k].kind * m->n_staff + p];
        }
    }
    if (strncmp(name, "h6.", 3) == 0) {
        int s = find_token(c->site_names, m->n_sites, name + 3);
        return s < 0 ? -1 : c->of_site[MR_XI_ROOMS * m->n_sites + s];
    }
    return -1;
}

/* 1 when the row holds a column of the objective (a shortfall, a
 * satisfaction, a deviation): such a row can always be met by that column,
 * so it says nothing about feasibility and is freed for good. */
static int soft_row(const mr_mip *p, int i)
{
    const mr_mip_row *r = &p->rows[i];
    for (int k = 0; k < r->len; k++) {
        int tag = p->cols[p->ind[r->beg + k]].tag;
        if (tag != MR_TAG_X && tag != MR_TAG_AUX)
            return 1;
    }
    return 0;
}

/* --- building the items' bounds ----------------------------------------- */

static int push_pair(pair **v, int *n, int *cap, int item, int idx)
{
    if (mr_array_grow((void **)v, cap, *n, sizeof **v) != MR_OK)
        return MR_ENOMEM;
    (*v)[*n].item = item;
    (*v)[*n].idx = idx;
    (*n)++;
    return MR_OK;
}

static int make_lookups(mr_xiis *c)
{
    const mr_model *m = c->m;
    size_t n_cov = (size_t)m->n_cover * (size_t)m->month.n_days
                   * (size_t)m->n_periods;

    c->n_weeks = mr_n_weeks(m);
    if ((c->of_cover = mr_malloc((n_cov + 1) * sizeof *c->of_cover)) == NULL
        || (c->of_staff = mr_malloc(((size_t)MR_N_XI * m->n_staff + 1)
                                    * sizeof *c->of_staff)) == NULL
        || (c->of_contract = mr_malloc(((size_t)m->n_staff * c->n_weeks + 1)
                                       * sizeof *c->of_contract)) == NULL
        || (c->of_site = mr_malloc(((size_t)MR_N_XI * m->n_sites + 1)
                                   * sizeof *c->of_site)) == NULL)
        return MR_ENOMEM;
    memset(c->of_cover, 0xff, (n_cov + 1) * sizeof *c->of_cover);
    memset(c->of_staff, 0xff, ((size_t)MR_N_XI * m->n_staff + 1)
                                  * sizeof *c->of_staff);
    memset(c->of_contract, 0xff, ((size_t)m->n_staff * c->n_weeks + 1)
                                     * sizeof *c->of_contract);
    memset(c->of_site, 0xff, ((size_t)MR_N_XI * m->n_sites + 1)
                                 * sizeof *c->of_site);
    for (int i = 0; i < c->n; i++) {
        const mr_xitem *it = &c->all.items[i];
        switch (it->kind) {
        case MR_XI_COVER:
            c->of_cover[(it->cover * m->month.n_days
                         + (it->date - m->month.first_day)) * m->n_periods
                        + it->period] = i;
            break;
        case MR_XI_CONTRACT:
            c->of_contract[it->staff * c->n_weeks + it->week] = i;
            break;
        case MR_XI_ROOMS:
        case MR_XI_OPENING:
            c->of_site[it->kind * m->n_sites + it->site] = i;
            break;
        case MR_XI_LEAVE:
            break;
        default:
            c->of_staff[it->kind * m->n_staff + it->staff] = i;
        }
    }
    c->staff_names = make_names(m->n_staff, staff_id, m);
    c->site_names = make_names(m->n_sites, site_id, m);
    c->period_names = make_names(m->n_periods, period_id, m);
    if (c->staff_names == NULL || c->site_names == NULL
        || c->period_names == NULL)
        return MR_ENOMEM;
    return MR_OK;
}

/* The assignments each leave, pattern or opening item forbids. */
static int collect_cols(mr_xiis *c, pair **v, int *n, int *cap)
{
    const mr_model *m = c->m;
    const mr_lpb *b = c->b;

    for (int j = 0; j < b->n_x; j++) {
        const mr_xvar *x = &b->x[j];
        const mr_staff *st = &m->staff[x->staff];
        int it;
        for (int i = 0; i < m->n_absences; i++) {
            const mr_absence *ab = &m->absences[i];
            if (ab->staff.index == x->staff && x->date >= ab->from
                && x->date <= ab->to) {
                /* the leave items are few: find this one's */
                for (int k = 0; k < c->n; k++)
                    if (c->all.items[k].kind == MR_XI_LEAVE
                        && c->all.items[k].absence == i
                        && push_pair(v, n, cap, k, j) != MR_OK)
                        return MR_ENOMEM;
            }
        }
        if (!((st->days >> mr_weekday(x->date)) & 1u)
            && (it = c->of_staff[MR_XI_DAYS * m->n_staff + x->staff]) >= 0
            && push_pair(v, n, cap, it, j) != MR_OK)
            return MR_ENOMEM;
        if (!((st->pmask >> x->period) & 1u)
            && (it = c->of_staff[MR_XI_PERIODS * m->n_staff + x->staff]) >= 0
            && push_pair(v, n, cap, it, j) != MR_OK)
            return MR_ENOMEM;
        if (!m->activities[x->activity].desk
            && !mr_site_open(m, x->site, x->date, x->period)
            && (it = c->of_site[MR_XI_OPENING * m->n_sites + x->site]) >= 0
            && push_pair(v, n, cap, it, j) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

/* Adds a row of our own: x of person p over days [d0, d1) in the periods
 * of mask, plus two slack columns; bounds lb..ub. *row gets its index. */
static int own_row(mr_xiis *c, int p, int d0, int d1, unsigned mask, double lb,
                   double ub, int *row, int *slo, int *shi)
{
    mr_mip *mip = &c->b->mip;
    int lo, hi;

    if (mr_mip_add_col(mip, 0, 0, 0, 0, -1, NULL, slo) != MR_OK
        || mr_mip_add_col(mip, 0, 0, 0, 0, -1, NULL, shi) != MR_OK)
        return MR_ENOMEM;
    mr_mip_row_begin(mip);
    if (mr_mip_row_add(mip, *slo, 1.0) != MR_OK
        || mr_mip_row_add(mip, *shi, -1.0) != MR_OK)
        return MR_ENOMEM;
    for (int dd = d0; dd < d1; dd++)
        for (int t = 0; t < c->b->n_periods; t++) {
            if (!((mask >> t) & 1u))
                continue;
            mr_lpb_range(c->b, p, dd, t, &lo, &hi);
            for (int j = lo; j < hi; j++)
                if (mr_mip_row_add(mip, j, 1.0) != MR_OK)
                    return MR_ENOMEM;
        }
    return mr_mip_row_end(mip, lb, ub, NULL, row);
}

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The items forbidding each x, and each person's items (CSR). */
static int reverse_maps(mr_xiis *c, pair *cp, int n_cp)
{
    const mr_model *m = c->m;
    int n_x = c->b->n_x, n_p = 0;

    if ((c->xbeg = mr_calloc((size_t)n_x + 2, sizeof *c->xbeg)) == NULL
        || (c->xitems = mr_malloc(((size_t)n_cp + 1) * sizeof *c->xitems))
               == NULL
        || (c->pbeg = mr_calloc((size_t)m->n_staff + 2, sizeof *c->pbeg))
               == NULL
        || (c->mark = mr_calloc((size_t)c->n + 1, 1)) == NULL)
        return MR_ENOMEM;
    for (int k = 0; k < n_cp; k++)
        c->xbeg[cp[k].idx + 1]++;
    for (int j = 0; j < n_x; j++)
        c->xbeg[j + 1] += c->xbeg[j];
    for (int k = 0; k < n_cp; k++)
        c->xitems[c->xbeg[cp[k].idx]++] = cp[k].item;
    for (int j = n_x; j > 0; j--)
        c->xbeg[j] = c->xbeg[j - 1];
    c->xbeg[0] = 0;
    for (int i = 0; i < c->n; i++)
        if (c->all.items[i].staff >= 0) {
            c->pbeg[c->all.items[i].staff + 1]++;
            n_p++;
        }
    for (int p = 0; p < m->n_staff; p++)
        c->pbeg[p + 1] += c->pbeg[p];
    if ((c->pitems = mr_malloc(((size_t)n_p + 1) * sizeof *c->pitems))
        == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < c->n; i++)
        if (c->all.items[i].staff >= 0)
            c->pitems[c->pbeg[c->all.items[i].staff]++] = i;
    for (int p = m->n_staff; p > 0; p--)
        c->pbeg[p] = c->pbeg[p - 1];
    c->pbeg[0] = 0;
    return MR_OK;
}

int mr_xiis_setup(mr_xiis *c)
{
    const mr_model *m = c->m;
    pair *rp = NULL, *cp = NULL;
    int n_rp = 0, cap_rp = 0, n_cp = 0, cap_cp = 0;
    int *srow = NULL, n_builder, n_slack = 0, first;
    double *scoef = NULL;
    int *own_slo = NULL, *own_shi = NULL;
    int rc = MR_ENOMEM;

    if (mr_xitems_universe(m, &c->all) != MR_OK)
        goto done;
    c->n = c->all.n_items;
    if (mr_xrelaxed_new(m, &c->rel) != MR_OK
        || mr_lpb_build(c->rel, &c->b) != MR_OK || make_lookups(c) != MR_OK)
        goto done;
    n_builder = c->b->mip.n_rows;
    for (int i = 0; i < n_builder; i++) {
        int it = soft_row(&c->b->mip, i) ? -2
                 : classify(c, mr_mip_row_name(&c->b->mip, i));
        if (it == -2)
            it = c->n;              /* freed for good: a pseudo-item */
        if (it >= 0 && push_pair(&rp, &n_rp, &cap_rp, it, i) != MR_OK)
            goto done;
    }
    /* Our own rows: contract weeks, evening limits. Their slacks are
     * columns of the program, recorded beside the row. */
    if ((own_slo = mr_malloc(((size_t)c->n + 1) * sizeof *own_slo)) == NULL
        || (own_shi = mr_malloc(((size_t)c->n + 1) * sizeof *own_shi))
               == NULL)
        goto done;
    for (int i = 0; i < c->n; i++) {
        const mr_xitem *it = &c->all.items[i];
        int row, lo, hi;
        own_slo[i] = own_shi[i] = -1;
        if (it->kind == MR_XI_CONTRACT) {
            int start = mr_week_start(m, it->week) - m->month.first_day;
            int due = mr_due(m, it->staff, it->week);
            lo = start < 0 ? 0 : start;
            hi = start + 7 > m->month.n_days ? m->month.n_days : start + 7;
            if (own_row(c, it->staff, lo, hi, ~0u, due, due, &row,
                        &own_slo[i], &own_shi[i]) != MR_OK)
                goto done;
        } else if (it->kind == MR_XI_EVENINGS) {
            if (own_row(c, it->staff, 0, m->month.n_days, 1u << m->evening,
                        -MR_MIP_INF, m->staff[it->staff].max_evenings, &row,
                        &own_slo[i], &own_shi[i]) != MR_OK)
                goto done;
        } else {
            continue;
        }
        if (push_pair(&rp, &n_rp, &cap_rp, i, row) != MR_OK)
            goto done;
    }
    if (collect_cols(c, &cp, &n_cp, &cap_cp) != MR_OK)
        goto done;
    qsort(rp, (size_t)n_rp, sizeof *rp, cmp_pair);
    qsort(cp, (size_t)n_cp, sizeof *cp, cmp_pair);

    if ((c->rbeg = mr_calloc((size_t)c->n + 2, sizeof *c->rbeg)) == NULL
        || (c->cbeg = mr_calloc((size_t)c->n + 2, sizeof *c->cbeg)) == NULL
        || (c->rows = mr_calloc((size_t)n_rp + 1, sizeof *c->rows)) == NULL
        || (c->cols = mr_calloc((size_t)n_cp + 1, sizeof *c->cols)) == NULL
        || (c->state = mr_calloc((size_t)c->n + 1, 1)) == NULL
        || (c->applied = mr_calloc((size_t)c->n + 1, 1)) == NULL
        || (srow = mr_malloc(((size_t)n_rp + 1) * sizeof *srow)) == NULL
        || (scoef = mr_malloc(((size_t)n_rp + 1) * sizeof *scoef)) == NULL)
        goto done;
    for (int k = 0, i = 0; i <= c->n; i++) {
        c->rbeg[i] = k;
        while (k < n_rp && rp[k].item == i)
            k++;
        c->rbeg[i + 1] = k;
    }
    for (int k = 0, i = 0; i <= c->n; i++) {
        c->cbeg[i] = k;
        while (k < n_cp && cp[k].item == i)
            k++;
        c->cbeg[i + 1] = k;
    }
    for (int k = 0; k < n_cp; k++)
        c->cols[k] = cp[k].idx;
    /* Rows: bounds as built; builder rows of items get a slack in the
     * direction of their bound. */
    for (int k = 0; k < n_rp; k++) {
        const mr_mip_row *r = &c->b->mip.rows[rp[k].idx];
        int it = rp[k].item;
        irow *ir = &c->rows[k];
        ir->row = rp[k].idx;
        ir->lb = r->lb;
        ir->ub = r->ub;
        ir->slack_lo = ir->slack_hi = -1;
        if (it < c->n && own_slo[it] >= 0) {
            ir->slack_lo = own_slo[it];
            ir->slack_hi = own_shi[it];
        } else if (it < c->n) {
            srow[n_slack] = ir->row;
            scoef[n_slack++] = r->lb > -MR_MIP_INF ? 1.0 : -1.0;
        }
    }
    if ((c->fix = mr_calloc((size_t)c->b->mip.n_cols + 1, sizeof *c->fix))
        == NULL
        || mr_feas_new(&c->b->mip, &c->f) != MR_OK
        || mr_feas_add_slacks(c->f, n_slack, srow, scoef, &first) != MR_OK)
        goto done;
    for (int k = 0, s = 0; k < n_rp; k++) {
        int it = rp[k].item;
        if (it < c->n && own_slo[it] < 0) {
            if (c->rows[k].lb > -MR_MIP_INF)
                c->rows[k].slack_lo = first + s++;
            else
                c->rows[k].slack_hi = first + s++;
        }
        /* every item starts lifted; the pseudo-item's rows stay free */
        mr_feas_set_row(c->f, c->rows[k].row, -MR_MIP_INF, MR_MIP_INF);
    }
    if (reverse_maps(c, cp, n_cp) != MR_OK)
        goto done;
    rc = MR_OK;
done:
    mr_free(rp);
    mr_free(cp);
    mr_free(srow);
    mr_free(scoef);
    mr_free(own_slo);
    mr_free(own_shi);
    return rc;
}

void mr_xiis_free(mr_xiis *c)
{
    mr_feas_free(c->f);
    mr_lpb_free(c->b);
    mr_xrelaxed_free(c->rel);
    mr_xitems_clear(&c->all);
    mr_free(c->rbeg);
    mr_free(c->cbeg);
    mr_free(c->rows);
    mr_free(c->cols);
    mr_free(c->fix);
    mr_free(c->state);
    mr_free(c->applied);
    mr_free(c->of_cover);
    mr_free(c->of_staff);
    mr_free(c->of_contract);
    mr_free(c->of_site);
    mr_free(c->staff_names);
    mr_free(c->site_names);
    mr_free(c->period_names);
    mr_free(c->xbeg);
    mr_free(c->xitems);
    mr_free(c->pbeg);
    mr_free(c->pitems);
    mr_free(c->mark);
}

/* --- questions ---------------------------------------------------------- */

/* Puts item i in force (on) or lifts it. */
static void apply(mr_xiis *c, int i, int on)
{
    for (int k = c->rbeg[i]; k < c->rbeg[i + 1]; k++) {
        const irow *r = &c->rows[k];
        if (on)
            mr_feas_set_row(c->f, r->row, r->lb, r->ub);
        else
            mr_feas_set_row(c->f, r->row, -MR_MIP_INF, MR_MIP_INF);
    }
    for (int k = c->cbeg[i]; k < c->cbeg[i + 1]; k++) {
        int j = c->cols[k];
        if (on && c->fix[j]++ == 0)
            mr_feas_set_col(c->f, j, 0, 0);
        else if (!on && --c->fix[j] == 0)
            mr_feas_set_col(c->f, j, 0, 1);
    }
}

void mr_xiis_sync(mr_xiis *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->state[i] != c->applied[i]) {
            apply(c, i, c->state[i]);
            c->applied[i] = c->state[i];
        }
}

double mr_xiis_left(const mr_xiis *c)
{
    return c->deadline - mr_clock();
}

/* Is the month with the items of c->state (the rest lifted) feasible? */
int mr_xiis_check(mr_xiis *c, double limit, int *result)
{
    int rc;
    c->last_lp = 0;
    if (mr_xiis_left(c) <= 0) {
        *result = MR_FEAS_UNKNOWN;
        return MR_OK;
    }
    mr_xiis_sync(c);
    c->n_checks++;
    if (c->lp_mode) {
        rc = mr_feas_check_lp(c->f, fmin(limit, mr_xiis_left(c)), result);
        c->last_lp = *result == MR_FEAS_INFEASIBLE;
        return rc;
    }
    rc = mr_feas_check(c->f, fmin(limit, mr_xiis_left(c)), result, &c->last_lp);
    return rc;
}

/* Softens (on) or restores every item not in c->state: their rows keep
 * their bounds with slacks free at a cost of 1, their forbidden
 * assignments are allowed at a cost of 1. */
void mr_xiis_elastic(mr_xiis *c, int on)
{
    for (int i = 0; i < c->n; i++) {
        if (c->state[i])
            continue;
        for (int k = c->rbeg[i]; k < c->rbeg[i + 1]; k++) {
            const irow *r = &c->rows[k];
            int s[2] = {r->slack_lo, r->slack_hi};
            if (on)
                mr_feas_set_row(c->f, r->row, r->lb, r->ub);
            else
                mr_feas_set_row(c->f, r->row, -MR_MIP_INF, MR_MIP_INF);
            for (int q = 0; q < 2; q++) {
                if (s[q] < 0)
                    continue;
                mr_feas_set_col(c->f, s[q], 0, on ? MR_MIP_INF : 0);
                mr_feas_set_obj(c->f, s[q], on ? 1.0 : 0.0);
            }
        }
        for (int k = c->cbeg[i]; k < c->cbeg[i + 1]; k++)
            mr_feas_set_obj(c->f, c->cols[k], on ? 1.0 : 0.0);
    }
}

/* 1 when item i gives way in the softened solution x. */
int mr_xiis_violated(const mr_xiis *c, int i, const double *x)
{
    double v = 0;
    for (int k = c->rbeg[i]; k < c->rbeg[i + 1]; k++) {
        if (c->rows[k].slack_lo >= 0)
            v += x[c->rows[k].slack_lo];
        if (c->rows[k].slack_hi >= 0)
            v += x[c->rows[k].slack_hi];
    }
    for (int k = c->cbeg[i]; k < c->cbeg[i + 1]; k++)
        v += x[c->cols[k]];
    return v > EPS;
}
