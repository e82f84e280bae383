/* An irreducible set of conflicting input items (an IIS over the items of
 * model/explain.h): the month is infeasible with all of them, and lifting
 * any one gives a roster.
 *
 * How: the month is built once with every item lifted (mr_xrelaxed_new:
 * no leave, every day, period and opening), and each item is then a set of
 * bounds on that one program: a leave entry, a pattern or an opening fixes
 * the assignments it forbids at 0; a hard cover session, a contract week,
 * an evening limit, a rule or a site's rooms are rows put back or freed.
 * Contract and evening rows are our own (with the original model's dues),
 * so that lifting a leave entry adds availability without adding work.
 * Every question is then a change of bounds and a warm-started LP, with
 * the MIP asked only when the LP has a solution.
 *
 * Steps:
 *   1. the month with every item (= the month as given) must be infeasible;
 *   2. elastic filter (Chinneck): items outside a hard set H are softened
 *      (rows get penalised slacks, forbidden assignments a cost); the items
 *      that must give way in a cheapest softened roster join H; until H
 *      alone is infeasible;
 *   3. QuickXplain (Junker) reduces H to a minimal conflict, preferring
 *      cover and leave (the order of preference below);
 *   4. each item of the result is lifted alone: a roster then proves it is
 *      needed; a time limit leaves it unproven.
 * A question not answered in time counts as "has a roster", which can
 * only keep items in the set: the final checks say which are proven. */
#include "feasible.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "log.h"
#include "lp.h"
#include "run.h"

#define EPS 1e-6
#define MAX_ROUNDS 60

/* A row of an item: its bounds when the item holds, and the slack columns
 * that soften it (coefficient +1 below lb, -1 above ub; -1 when none). */
typedef struct irow {
    int    row;
    double lb, ub;
    int    slack_lo, slack_hi;
} irow;

/* (item, index) pairs collected before grouping by item. */
typedef struct pair {
    int item, idx;
} pair;

typedef struct named {
    char name[96];
    int  index;
} named;

typedef struct xctx {
    const mr_model *m;
    mr_model *rel;
    mr_lpb   *b;
    mr_feas  *f;
    mr_xitems all;
    int       n;
    int      *rbeg, *cbeg;         /* per item, n + 1 */
    irow     *rows;
    int      *cols;
    int      *fix;                 /* per column of the program */
    unsigned char *state, *applied;
    /* lookups from rows and columns to items */
    int      *of_cover;            /* (cover, day offset, period) */
    int      *of_staff;            /* kind * n_staff + staff */
    int      *of_contract;         /* staff * n_weeks + week */
    int      *of_site;             /* kind * n_sites + site */
    named    *staff_names, *site_names, *period_names;
    int       n_weeks;
    double    t0, deadline, step;
    int       n_checks;
    int       last_lp;             /* the last check's lp_only */
    int       lp_mode;             /* questions answered by the LP alone
                                      (an LP solution counts as a roster) */
    int      *xbeg, *xitems;       /* per x: the items that forbid it */
    int      *pbeg, *pitems;       /* per person: their items */
    unsigned char *mark;
} xctx;

static const int PREFERENCE[MR_N_XI] = {
    [MR_XI_COVER] = 0, [MR_XI_LEAVE] = 1, [MR_XI_CONTRACT] = 2,
    [MR_XI_DAYS] = 3, [MR_XI_PERIODS] = 4, [MR_XI_EVENINGS] = 5,
    [MR_XI_ROOMS] = 6, [MR_XI_OPENING] = 7, [MR_XI_REST] = 8,
    [MR_XI_CONSEC] = 9, [MR_XI_DAYMAX] = 10, [MR_XI_SITES] = 11
};

void mr_conflict_init(mr_conflict *c)
{
    memset(c, 0, sizeof *c);
    mr_xitems_init(&c->items);
    c->status = MR_CONFLICT_UNKNOWN;
}

void mr_conflict_clear(mr_conflict *c)
{
    if (c == NULL)
        return;
    mr_xitems_clear(&c->items);
    mr_free(c->proven);
    mr_conflict_init(c);
}

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
static int classify(const xctx *c, const char *name)
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

static int make_lookups(xctx *c)
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
static int collect_cols(xctx *c, pair **v, int *n, int *cap)
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
static int own_row(xctx *c, int p, int d0, int d1, unsigned mask, double lb,
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
static int reverse_maps(xctx *c, pair *cp, int n_cp)
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

static int setup(xctx *c)
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

static void ctx_free(xctx *c)
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
static void apply(xctx *c, int i, int on)
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

static void sync(xctx *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->state[i] != c->applied[i]) {
            apply(c, i, c->state[i]);
            c->applied[i] = c->state[i];
        }
}

static double left(const xctx *c)
{
    return c->deadline - mr_clock();
}

/* Is the month with the items of c->state (the rest lifted) feasible? */
static int check(xctx *c, double limit, int *result)
{
    int rc;
    c->last_lp = 0;
    if (left(c) <= 0) {
        *result = MR_FEAS_UNKNOWN;
        return MR_OK;
    }
    sync(c);
    c->n_checks++;
    if (c->lp_mode) {
        rc = mr_feas_check_lp(c->f, fmin(limit, left(c)), result);
        c->last_lp = *result == MR_FEAS_INFEASIBLE;
        return rc;
    }
    rc = mr_feas_check(c->f, fmin(limit, left(c)), result, &c->last_lp);
    return rc;
}

/* Softens (on) or restores every item not in c->state: their rows keep
 * their bounds with slacks free at a cost of 1, their forbidden
 * assignments are allowed at a cost of 1. */
static void elastic(xctx *c, int on)
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
static int violated(const xctx *c, int i, const double *x)
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

/* Step 2: grows c->state from nothing until it alone is infeasible.
 * *ok is 0 when that could not be shown in time. */
static int elastic_filter(xctx *c, int *ok)
{
    double *x = NULL;
    int rc = MR_OK, res, integer = 0;

    *ok = 0;
    if ((x = mr_malloc(((size_t)mr_feas_n_cols(c->f) + 1) * sizeof *x))
        == NULL)
        return MR_ENOMEM;
    memset(c->state, 0, (size_t)c->n);
    for (int round = 0; round < MAX_ROUNDS && left(c) > 0; round++) {
        double value;
        int added = 0;
        sync(c);
        elastic(c, 1);
        c->n_checks++;
        rc = mr_feas_minimise(c->f, integer, integer ? fmin(c->step, left(c))
                                                     : left(c),
                              &res, &value, x);
        elastic(c, 0);
        if (rc != MR_OK)
            break;
        if (res == MR_FEAS_INFEASIBLE) {
            *ok = 1;               /* the hard set alone conflicts */
            break;
        }
        if (res == MR_FEAS_UNKNOWN)
            break;
        if (value <= EPS) {
            if (integer)
                break;             /* a roster: cannot be (a time limit) */
            integer = 1;           /* only the MIP tells */
            continue;
        }
        for (int i = 0; i < c->n; i++)
            if (!c->state[i] && violated(c, i, x)) {
                c->state[i] = 1;
                added++;
            }
        mr_log(MR_LOG_DEBUG, "explain: elastic round %d: %g, %d items "
               "made hard", round, value, added);
        if (added == 0)
            break;
    }
    mr_free(x);
    return rc;
}

/* Step 3, QuickXplain: adds to out a minimal subset of C (n items) that
 * conflicts with the items in force in c->state (the background); delta:
 * the background grew since the caller last asked. */
static int qx(xctx *c, const int *C, int n, int delta, int *out, int *n_out)
{
    int rc, res, k, start;

    if (delta) {
        if ((rc = check(c, c->step, &res)) != MR_OK)
            return rc;
        if (res == MR_FEAS_INFEASIBLE)
            return MR_OK;
    }
    if (n == 1) {
        out[(*n_out)++] = C[0];
        return MR_OK;
    }
    k = n / 2;
    for (int i = 0; i < k; i++)
        c->state[C[i]] = 1;
    start = *n_out;
    rc = qx(c, C + k, n - k, 1, out, n_out);
    for (int i = 0; i < k; i++)
        c->state[C[i]] = 0;
    if (rc != MR_OK)
        return rc;
    int n_d2 = *n_out - start;
    int *d2 = out + start;
    for (int i = 0; i < n_d2; i++)
        c->state[d2[i]] = 1;
    rc = qx(c, C, k, n_d2 > 0, out, n_out);
    for (int i = 0; i < n_d2; i++)
        c->state[d2[i]] = 0;
    return rc;
}

static const xctx *sort_ctx;

static int cmp_pref(const void *a, const void *b)
{
    const mr_xitem *x = &sort_ctx->all.items[*(const int *)a];
    const mr_xitem *y = &sort_ctx->all.items[*(const int *)b];
    int i = *(const int *)a, j = *(const int *)b;
    if (PREFERENCE[x->kind] != PREFERENCE[y->kind])
        return PREFERENCE[x->kind] - PREFERENCE[y->kind];
    return (i > j) - (i < j);
}

/* Step 4: lifts each item of set alone. Drops any that turns out not to be
 * needed and says which are proven. */
static int prove(xctx *c, int *set, int *n, int *proven, int *infeasible,
                 int *lp)
{
    int rc, res;

    for (int again = 1; again;) {
        again = 0;
        memset(c->state, 0, (size_t)c->n);
        for (int i = 0; i < *n; i++)
            c->state[set[i]] = 1;
        if ((rc = check(c, c->step, &res)) != MR_OK)
            return rc;
        *infeasible = res == MR_FEAS_INFEASIBLE;
        *lp = c->last_lp;
        if (!*infeasible)
            return MR_OK;
        for (int i = 0; i < *n; i++) {
            c->state[set[i]] = 0;
            if ((rc = check(c, c->step, &res)) != MR_OK)
                return rc;
            c->state[set[i]] = 1;
            if (res == MR_FEAS_INFEASIBLE) {
                /* not needed after all: drop it and prove the rest again */
                set[i] = set[--*n];
                again = 1;
                break;
            }
            proven[set[i]] = res == MR_FEAS_FEASIBLE;
        }
    }
    return MR_OK;
}

/* --- neighbourhoods ----------------------------------------------------- */

static void add_item(xctx *c, int it, int *N, int *n)
{
    if (it >= 0 && it < c->n && !c->mark[it]) {
        c->mark[it] = 1;
        N[(*n)++] = it;
    }
}

static void unmark(xctx *c, const int *N, int n)
{
    for (int i = 0; i < n; i++)
        c->mark[N[i]] = 0;
}

/* The items that keep the people of a hard cover row away from it
 * whatever the roster: the leave, pattern and opening items forbidding
 * its assignments, an evening limit, a week with nothing due. */
static void statics_of_cover(xctx *c, int item, int *N, int *n)
{
    const mr_model *m = c->m;
    const mr_xitem *it = &c->all.items[item];
    const mr_mip *p = &c->b->mip;
    int w = mr_week_of(m, it->date);

    for (int k = c->rbeg[item]; k < c->rbeg[item + 1]; k++) {
        const mr_mip_row *r = &p->rows[c->rows[k].row];
        for (int e = 0; e < r->len; e++) {
            int j = p->ind[r->beg + e], q;
            if (j >= c->b->n_x)
                continue;
            for (int x = c->xbeg[j]; x < c->xbeg[j + 1]; x++)
                add_item(c, c->xitems[x], N, n);
            q = c->b->x[j].staff;
            if (it->period == m->evening)
                add_item(c, c->of_staff[MR_XI_EVENINGS * m->n_staff + q], N,
                         n);
            if (mr_due(m, q, w) == 0)
                add_item(c, c->of_contract[q * c->n_weeks + w], N, n);
        }
    }
}

/* People who could hold the hard cover item's session, all statics in
 * force: a free assignment in its row (none of leave, pattern or opening
 * forbids it), something due that week, an evening allowed. seen: n_staff
 * bytes, left cleared. */
static int cover_people(xctx *c, int item, unsigned char *seen, int *who,
                        int *n_who)
{
    const mr_model *m = c->m;
    const mr_xitem *it = &c->all.items[item];
    const mr_mip *p = &c->b->mip;
    int w = mr_week_of(m, it->date), n = 0;

    for (int k = c->rbeg[item]; k < c->rbeg[item + 1]; k++) {
        const mr_mip_row *r = &p->rows[c->rows[k].row];
        for (int e = 0; e < r->len; e++) {
            int j = p->ind[r->beg + e], q;
            if (j >= c->b->n_x || c->xbeg[j] != c->xbeg[j + 1])
                continue;
            q = c->b->x[j].staff;
            if (seen[q] || mr_due(m, q, w) == 0
                || (it->period == m->evening && m->staff[q].max_evenings <= 0))
                continue;
            seen[q] = 1;
            who[(*n_who)++] = q;
            n++;
        }
    }
    return n;
}

/* Rooms of the site of a kind the activity accepts. */
static int rooms_for(const mr_model *m, int site, int activity)
{
    const mr_site *st = &m->sites[site];
    const mr_activity *a = &m->activities[activity];
    int n = 0;
    for (int r = st->first_room; r < st->first_room + st->n_rooms; r++)
        for (int k = 0; k < a->n_room_kinds; k++)
            if (m->rooms[r].kind != NULL && a->room_kinds[k] != NULL
                && strcmp(m->rooms[r].kind, a->room_kinds[k]) == 0) {
                n++;
                break;
            }
    return n;
}

/* Could the hard cover of one session (the COVER items of its site, date
 * and period) fail on its own? Too few people free, or (rooms) more people
 * needed in rooms than the site has of the kinds they take. A quick screen
 * before asking the LP; 1: ask. */
static int session_suspect(xctx *c, const int *items, int n_items,
                           unsigned char *seen, int *who)
{
    const mr_model *m = c->m;
    int need = 0, need_rooms = 0, rooms = 0, n_who = 0, people = 0;

    for (int i = 0; i < n_items; i++) {
        const mr_xitem *it = &c->all.items[items[i]];
        const mr_cover *cv = &m->cover[it->cover];
        int a = cv->activity.index;
        need += cv->min;
        if (m->activities[a].n_room_kinds > 0) {
            int r = rooms_for(m, it->site, a);
            need_rooms += cv->min;
            if (r > rooms)
                rooms = r;
        }
        if (cover_people(c, items[i], seen, who, &n_who) < cv->min) {
            people = -1;
            break;
        }
    }
    for (int i = 0; i < n_who; i++)
        seen[who[i]] = 0;
    if (people < 0)
        return 1;
    return need > n_who || need_rooms > rooms;
}

/* Could one person's own items conflict? The week's due against the
 * sessions they may work (at most max_sessions_per_day a day), evenings
 * needed over the month against max_evenings, days needed in a week
 * against max_consecutive_days. A quick screen; 1: ask the LP. */
static int person_suspect(const xctx *c, int p)
{
    const mr_model *m = c->m;
    const mr_staff *st = &m->staff[p];
    int eve = m->evening, cap_day = m->rules.max_sessions_per_day;
    int need_eve = 0;

    if (cap_day < 1)
        cap_day = 1;
    for (int w = 0; w < c->n_weeks; w++) {
        int due = mr_due(m, p, w), start = mr_week_start(m, w);
        int cap = 0, cap_noneve = 0, days = 0, per_day = 0;
        if (due <= 0)
            continue;
        for (int d = start; d < start + 7; d++) {
            int n = 0, n_noneve = 0;
            for (int t = 0; t < m->n_periods; t++)
                if (mr_available(m, p, d, t)) {
                    n++;
                    n_noneve += t != eve;
                }
            if (n > 0)
                days++;
            cap += n < cap_day ? n : cap_day;
            cap_noneve += n_noneve < cap_day ? n_noneve : cap_day;
            if (n > per_day)
                per_day = n < cap_day ? n : cap_day;
        }
        if (due > cap)
            return 1;
        if (due > cap_noneve)
            need_eve += due - cap_noneve;
        if (per_day > 0 && m->rules.max_consecutive_days >= 1
            && (due + per_day - 1) / per_day > m->rules.max_consecutive_days)
            return 1;
    }
    return eve >= 0 && need_eve > st->max_evenings;
}

/* Do the items of N (n) conflict on their own? If so, QuickXplain reduces
 * them into R (*n_r) and *found is set. */
static int try_set(xctx *c, int *N, int n, int *R, int *n_r, int *found)
{
    int rc, res;

    *found = 0;
    if (n == 0)
        return MR_OK;
    memset(c->state, 0, (size_t)c->n);
    for (int i = 0; i < n; i++)
        c->state[N[i]] = 1;
    if ((rc = check(c, c->step, &res)) != MR_OK
        || res != MR_FEAS_INFEASIBLE)
        return rc;
    sort_ctx = c;
    qsort(N, (size_t)n, sizeof *N, cmp_pref);
    memset(c->state, 0, (size_t)c->n);
    *n_r = 0;
    if ((rc = qx(c, N, n, 0, R, n_r)) != MR_OK)
        return rc;
    *found = *n_r > 0;
    return MR_OK;
}

/* Looks for a conflict in small neighbourhoods first, where each question
 * is cheap: (a) one hard cover session against what keeps its people away
 * whatever the roster; (b) one person's own items; (c) every hard cover
 * entry of one session with the site's rooms. */
static int local_steps(xctx *c, int *N, int *R, int *n_r, int *found,
                       unsigned char *seen, int *who);

static int local_search(xctx *c, int *N, int *R, int *n_r, int *found)
{
    const mr_model *m = c->m;
    int rc = MR_OK;
    unsigned char *seen = mr_calloc((size_t)m->n_staff + 1, 1);
    int *who = mr_malloc(((size_t)m->n_staff + 1) * sizeof *who);

    if (seen == NULL || who == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    rc = local_steps(c, N, R, n_r, found, seen, who);
done:
    mr_free(seen);
    mr_free(who);
    return rc;
}

static int local_steps(xctx *c, int *N, int *R, int *n_r, int *found,
                       unsigned char *seen, int *who)
{
    const mr_model *m = c->m;
    int rc, n;

    *found = 0;
    for (int i = 0; i < c->n && left(c) > 0; i++) {
        if (c->all.items[i].kind != MR_XI_COVER)
            continue;
        if (!session_suspect(c, &i, 1, seen, who))
            continue;
        n = 0;
        add_item(c, i, N, &n);
        statics_of_cover(c, i, N, &n);
        unmark(c, N, n);
        if ((rc = try_set(c, N, n, R, n_r, found)) != MR_OK || *found)
            return rc;
    }
    for (int p = 0; p < m->n_staff && left(c) > 0; p++) {
        if (!person_suspect(c, p))
            continue;
        n = 0;
        for (int k = c->pbeg[p]; k < c->pbeg[p + 1]; k++)
            add_item(c, c->pitems[k], N, &n);
        unmark(c, N, n);
        if ((rc = try_set(c, N, n, R, n_r, found)) != MR_OK || *found)
            return rc;
    }
    for (int i = 0; i < c->n && left(c) > 0; i++) {
        const mr_xitem *it = &c->all.items[i];
        int first = 1;
        if (it->kind != MR_XI_COVER)
            continue;
        for (int k = 0; k < i && first; k++) {
            const mr_xitem *o = &c->all.items[k];
            if (o->kind == MR_XI_COVER && o->site == it->site
                && o->date == it->date && o->period == it->period)
                first = 0;
        }
        if (!first)
            continue;
        /* R is free until a conflict is found: it holds the session's
         * items meanwhile */
        int n_items = 0;
        for (int k = i; k < c->n; k++) {
            const mr_xitem *o = &c->all.items[k];
            if (o->kind == MR_XI_COVER && o->site == it->site
                && o->date == it->date && o->period == it->period)
                R[n_items++] = k;
        }
        if (!session_suspect(c, R, n_items, seen, who))
            continue;
        n = 0;
        for (int q = 0; q < n_items; q++) {
            add_item(c, R[q], N, &n);
            statics_of_cover(c, R[q], N, &n);
        }
        add_item(c, c->of_site[MR_XI_ROOMS * m->n_sites + it->site], N, &n);
        unmark(c, N, n);
        if ((rc = try_set(c, N, n, R, n_r, found)) != MR_OK || *found)
            return rc;
    }
    return MR_OK;
}

/* The whole month: is it infeasible at all, and the elastic filter's
 * candidates reduced by QuickXplain. */
static int global_search(xctx *c, mr_conflict *out, int *N, int *R,
                         int *n_r, int *found, int *feasible)
{
    int rc, res, ok, n = 0;

    *found = *feasible = 0;
    memset(c->state, 1, (size_t)c->n);
    if ((rc = check(c, fmax(c->step, 0.5 * left(c)), &res)) != MR_OK)
        return rc;
    if (res != MR_FEAS_INFEASIBLE) {
        *feasible = res == MR_FEAS_FEASIBLE;
        return MR_OK;
    }
    mr_log(MR_LOG_INFO, "explain: the month is infeasible%s (%.2f s)",
           c->last_lp ? " in its LP relaxation" : "", mr_clock() - c->t0);
    if ((rc = elastic_filter(c, &ok)) != MR_OK)
        return rc;
    for (int i = 0; i < c->n; i++)
        if (c->state[i] || !ok)
            N[n++] = i;
    out->n_candidates = n;
    mr_log(MR_LOG_INFO, "explain: %d candidates%s (%.2f s)", n,
           ok ? "" : " (the elastic filter did not finish: all items)",
           mr_clock() - c->t0);
    sort_ctx = c;
    qsort(N, (size_t)n, sizeof *N, cmp_pref);
    memset(c->state, 0, (size_t)c->n);
    *n_r = 0;
    if (n > 0 && (rc = qx(c, N, n, 0, R, n_r)) != MR_OK)
        return rc;
    *found = *n_r > 0;
    return MR_OK;
}

int mr_explain_conflict(const mr_model *m, double time_limit,
                        mr_conflict *out)
{
    xctx c;
    int *N = NULL, *R = NULL, *proven = NULL;
    int rc, found = 0, feasible = 0, n_r = 0, infeasible = 0, lp = 0;

    mr_conflict_clear(out);
    memset(&c, 0, sizeof c);
    c.m = m;
    c.t0 = mr_clock();
    if (!(time_limit > 0))
        time_limit = 60;
    c.deadline = c.t0 + time_limit;
    c.step = fmax(1.0, 0.1 * time_limit);
    mr_glpk_hook();
    if ((rc = setup(&c)) != MR_OK)
        goto done;
    out->n_universe = c.n;
    mr_log(MR_LOG_INFO, "explain: %d items, %d columns, %d rows (%.2f s)",
           c.n, mr_feas_n_cols(c.f), c.b->mip.n_rows, mr_clock() - c.t0);
    if ((N = mr_malloc(((size_t)c.n + 1) * sizeof *N)) == NULL
        || (R = mr_malloc(((size_t)c.n + 1) * sizeof *R)) == NULL
        || (proven = mr_calloc((size_t)c.n + 1, sizeof *proven)) == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    /* Small neighbourhoods, asked of the LP relaxation only: most
     * conflicts are there already, and a MIP question costs far more. */
    c.lp_mode = 1;
    rc = local_search(&c, N, R, &n_r, &found);
    c.lp_mode = 0;
    if (rc != MR_OK)
        goto done;
    mr_log(MR_LOG_INFO, "explain: local search %s (%d questions, %.2f s)",
           found ? "found a conflict" : "found nothing", c.n_checks,
           mr_clock() - c.t0);
    if (!found) {
        if ((rc = global_search(&c, out, N, R, &n_r, &found, &feasible))
            != MR_OK)
            goto done;
        if (!found) {
            out->status = feasible ? MR_CONFLICT_FEASIBLE
                                   : MR_CONFLICT_UNKNOWN;
            goto done;
        }
    }
    if ((rc = prove(&c, R, &n_r, proven, &infeasible, &lp)) != MR_OK)
        goto done;
    sort_ctx = &c;
    qsort(R, (size_t)n_r, sizeof *R, cmp_pref);
    if ((out->proven = mr_calloc((size_t)n_r + 1, sizeof *out->proven))
        == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    {
        int all_proven = infeasible;
        for (int i = 0; i < n_r; i++) {
            out->proven[i] = proven[R[i]];
            all_proven &= out->proven[i];
            if ((rc = mr_xitems_add(&out->items, &c.all.items[R[i]]))
                != MR_OK)
                goto done;
        }
        out->lp = lp;
        out->status = !infeasible ? MR_CONFLICT_UNKNOWN
                      : all_proven ? MR_CONFLICT_MINIMAL
                                   : MR_CONFLICT_UNPROVEN;
    }
done:
    out->n_checks = c.n_checks;
    out->seconds = mr_clock() - c.t0;
    mr_log(MR_LOG_INFO, "explain: %d items in the conflict, %d questions, "
           "%.2f s", out->items.n_items, out->n_checks, out->seconds);
    mr_free(N);
    mr_free(R);
    mr_free(proven);
    ctx_free(&c);
    return rc;
}
