/* The master LP of the Curtois-Qu column generation, in GLPK.
 *
 * Rows: a convexity row per employee (= 1); a cover row per (day, shift)
 * (sum of columns + under - over = requirement); per employee, a row for
 * each needed resource its pricer does not track (shifts of a type <=
 * limit, weekends <= limit, minutes in [min, max], minutes counted in the
 * employee's unit so that coefficients stay small). Columns: an artificial
 * per employee with a cost no roster can reach, so that every node LP is
 * feasible and the pricer is told, through the duals, to find real
 * schedules; the under/over slacks priced at the cover weights; the
 * schedules. Columns are kept in a pool with a hash on (employee,
 * schedule), so that none is added twice. */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "log.h"
#include "nrp_int.h"

#define LP(m) ((glp_prob *)(m)->lp)

/* GLPK indices (1-based) */
static int row_conv(const nrp_master *m, int e) { (void)m; return 1 + e; }
static int row_cover(const nrp_master *m, int k) { return 1 + m->E + k; }
static int col_art(const nrp_master *m, int e) { (void)m; return 1 + e; }
static int col_first(const nrp_master *m)
{
    return 1 + m->E + 2 * m->h * m->T;
}

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void nrp_master_free(nrp_master *m)
{
    if (m == NULL)
        return;
    if (m->lp != NULL) {
        glp_delete_prob(LP(m));
        glp_term_out(m->term_was);
    }
    mr_free(m->pc);
    mr_free(m->unit);
    mr_free(m->row_type);
    mr_free(m->row_wk);
    mr_free(m->row_min);
    mr_free(m->d_conv);
    mr_free(m->d_cover);
    mr_free(m->d_type);
    mr_free(m->d_wk);
    mr_free(m->d_min);
    mr_free(m->c_staff);
    mr_free(m->c_cost);
    mr_free(m->c_val);
    mr_free(m->c_sched);
    mr_free(m->c_on);
    mr_free(m->hash);
    mr_free(m->art_val);
    mr_free(m->min_lo);
    mr_free(m->min_hi);
    mr_free(m->s_ind);
    mr_free(m->s_val);
    mr_free(m->s_key);
    mr_free(m);
}

static void request_costs(nrp_master *m)
{
    const mr_nrp *p = m->p;
    int h = m->h, T = m->T;
    for (int i = 0; i < p->n_on; i++) {
        const mr_nrp_request *r = &p->on_req[i];
        double *c = m->pc + ((size_t)r->staff * h + r->day) * (T + 1);
        for (int s = 0; s <= T; s++)
            if (s != r->shift)
                c[s] += r->weight;
    }
    for (int i = 0; i < p->n_off; i++) {
        const mr_nrp_request *r = &p->off_req[i];
        m->pc[((size_t)r->staff * h + r->day) * (T + 1) + r->shift] +=
            r->weight;
    }
}

static int add_rows(nrp_master *m, const nrp_track *track)
{
    const mr_nrp *p = m->p;
    glp_prob *lp = LP(m);
    int h = m->h, T = m->T, E = m->E;

    glp_add_rows(lp, E + h * T);
    for (int e = 0; e < E; e++)
        glp_set_row_bnds(lp, row_conv(m, e), GLP_FX, 1.0, 1.0);
    for (int k = 0; k < h * T; k++)
        glp_set_row_bnds(lp, row_cover(m, k), GLP_FX, p->cover_req[k],
                         p->cover_req[k]);
    for (int e = 0; e < E; e++) {
        nrp_track need;
        nrp_needed(p, e, &need);
        int u = 0;
        for (int t = 0; t < T; t++)
            if (p->max_shifts[(size_t)e * T + t] > 0)
                u = gcd(u, p->shift_len[t]);
        m->unit[e] = u ? u : 1;
        for (int t = 0; t < T; t++)
            if (need.type[t] && !track[e].type[t]) {
                int r = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, r, GLP_UP, 0.0,
                                 p->max_shifts[(size_t)e * T + t]);
                m->row_type[(size_t)e * T + t] = r;
            }
        if (need.weekends && !track[e].weekends) {
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_UP, 0.0, p->max_weekends[e]);
            m->row_wk[e] = r;
        }
        if (need.minutes && !track[e].minutes) {
            int r = glp_add_rows(lp, 1);
            double lo = ceil((double)p->min_minutes[e] / m->unit[e]);
            double hi = floor((double)p->max_minutes[e] / m->unit[e]);
            if (lo > 0)
                glp_set_row_bnds(lp, r, lo < hi ? GLP_DB : GLP_FX, lo, hi);
            else
                glp_set_row_bnds(lp, r, GLP_UP, 0.0, hi);
            m->row_min[e] = r;
            m->min_lo[e] = lo > 0 ? lo : 0;
            m->min_hi[e] = hi;
        }
    }
    return MR_OK;
}

static void add_fixed_cols(nrp_master *m)
{
    const mr_nrp *p = m->p;
    glp_prob *lp = LP(m);
    int h = m->h, T = m->T, E = m->E, ind[3];
    double val[3] = {0, 1.0, 0};

    glp_add_cols(lp, E + 2 * h * T);
    for (int e = 0; e < E; e++) {
        int j = col_art(m, e), n = 1;
        ind[1] = row_conv(m, e);
        val[1] = 1.0;
        /* the artificial meets the employee's minimum minutes, so that the
         * all-artificial start is feasible */
        if (m->row_min[e] && glp_get_row_lb(lp, m->row_min[e]) > 0) {
            ind[++n] = m->row_min[e];
            val[n] = glp_get_row_lb(lp, m->row_min[e]);
        }
        glp_set_mat_col(lp, j, n, ind, val);
        glp_set_col_bnds(lp, j, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, j, m->big);
    }
    for (int k = 0; k < h * T; k++) {
        int y = 1 + E + k, z = 1 + E + h * T + k;
        ind[1] = row_cover(m, k);
        val[1] = 1.0;
        glp_set_mat_col(lp, y, 1, ind, val);
        val[1] = -1.0;
        glp_set_mat_col(lp, z, 1, ind, val);
        glp_set_col_bnds(lp, y, GLP_LO, 0.0, 0.0);
        glp_set_col_bnds(lp, z, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, y, p->cover_under[k]);
        glp_set_obj_coef(lp, z, p->cover_over[k]);
    }
}

int nrp_master_new(const mr_nrp *p, const nrp_track *track, nrp_master **out)
{
    nrp_master *m;
    int h = p->n_days, T = p->n_shifts, E = p->n_staff;
    double wsum = 0;

    *out = NULL;
    if ((m = mr_calloc(1, sizeof *m)) == NULL)
        return MR_ENOMEM;
    m->p = p;
    m->h = h;
    m->T = T;
    m->E = E;
    m->pc = mr_calloc((size_t)E * h * (T + 1), sizeof(double));
    m->unit = mr_calloc((size_t)E, sizeof(int));
    m->row_type = mr_calloc((size_t)E * T, sizeof(int));
    m->row_wk = mr_calloc((size_t)E, sizeof(int));
    m->row_min = mr_calloc((size_t)E, sizeof(int));
    m->d_conv = mr_calloc((size_t)E, sizeof(double));
    m->d_cover = mr_calloc((size_t)h * T, sizeof(double));
    m->d_type = mr_calloc((size_t)E * T, sizeof(double));
    m->d_wk = mr_calloc((size_t)E, sizeof(double));
    m->d_min = mr_calloc((size_t)E, sizeof(double));
    m->art_val = mr_calloc((size_t)E, sizeof(double));
    m->min_lo = mr_calloc((size_t)E, sizeof(double));
    m->min_hi = mr_calloc((size_t)E, sizeof(double));
    m->hash_cap = 1024;
    m->hash = mr_malloc((size_t)m->hash_cap * sizeof(int));
    m->s_ind = mr_malloc((size_t)(h + T + 8) * sizeof(int));
    m->s_val = mr_malloc((size_t)(h + T + 8) * sizeof(double));
    m->s_key = mr_malloc((size_t)h);
    if (!m->s_ind || !m->s_val || !m->s_key ||
        !m->pc || !m->unit || !m->row_type || !m->row_wk || !m->row_min ||
        !m->d_conv || !m->d_cover || !m->d_type || !m->d_wk || !m->d_min ||
        !m->art_val || !m->hash || !m->min_lo || !m->min_hi) {
        nrp_master_free(m);
        return MR_ENOMEM;
    }
    memset(m->hash, -1, (size_t)m->hash_cap * sizeof(int));
    request_costs(m);
    /* no employee's share of any roster can cost this much */
    for (int i = 0; i < p->n_on; i++)
        wsum += p->on_req[i].weight;
    for (int i = 0; i < p->n_off; i++)
        wsum += p->off_req[i].weight;
    for (int k = 0; k < h * T; k++)
        wsum += (double)p->cover_under[k] * p->cover_req[k] +
                (double)p->cover_over[k] * E;
    m->big = 2.0 * wsum + 1000.0;
    /* the library never prints: GLPK is silenced while the master lives */
    m->term_was = glp_term_out(GLP_OFF);
    m->lp = glp_create_prob();
    glp_set_obj_dir(LP(m), GLP_MIN);
    add_rows(m, track);
    add_fixed_cols(m);
    m->n_rows = glp_get_num_rows(LP(m));
    *out = m;
    return MR_OK;
}

double nrp_master_dual_const(const nrp_master *m, const nrp_duals *y)
{
    const mr_nrp *p = m->p;
    int T = m->T;
    double v = 0;
    for (int k = 0; k < m->h * T; k++)
        v += y->cover[k] * p->cover_req[k];
    for (int e = 0; e < m->E; e++) {
        for (int t = 0; t < T; t++)
            if (m->row_type[(size_t)e * T + t])
                v += y->type[(size_t)e * T + t] *
                     p->max_shifts[(size_t)e * T + t];
        if (m->row_wk[e])
            v += y->wk[e] * p->max_weekends[e];
        if (m->row_min[e])
            v += y->min[e] * (y->min[e] > 0 ? m->min_lo[e] : m->min_hi[e]);
    }
    return v;
}

double nrp_master_art_cost(const nrp_master *m, int e, const nrp_duals *y)
{
    return m->big - (m->row_min[e] ? y->min[e] * m->min_lo[e] : 0.0);
}

double nrp_master_cost(const nrp_master *m, int e, const int *sched)
{
    double c = 0;
    for (int d = 0; d < m->h; d++) {
        int s = sched[d] < 0 ? m->T : sched[d];
        c += m->pc[((size_t)e * m->h + d) * (m->T + 1) + s];
    }
    return c;
}

static uint64_t hash_of(int e, const signed char *s, int h)
{
    uint64_t x = 1469598103934665603ull ^ (uint64_t)e;
    for (int d = 0; d < h; d++) {
        x ^= (unsigned char)s[d];
        x *= 1099511628211ull;
    }
    return x ^ (x >> 29);
}

static int find_slot(const nrp_master *m, int e, const signed char *s)
{
    size_t mask = (size_t)m->hash_cap - 1;
    size_t i = hash_of(e, s, m->h) & mask;
    for (;; i = (i + 1) & mask) {
        int j = m->hash[i];
        if (j < 0 || (m->c_staff[j] == e &&
                      memcmp(m->c_sched + (size_t)j * m->h, s,
                             (size_t)m->h) == 0))
            return (int)i;
    }
}

static int grow(nrp_master *m)
{
    int nc = m->cap_cols ? 2 * m->cap_cols : 256;
    int *st = mr_realloc(m->c_staff, (size_t)nc * sizeof(int));
    if (st == NULL)
        return MR_ENOMEM;
    m->c_staff = st;
    double *co = mr_realloc(m->c_cost, (size_t)nc * sizeof(double));
    if (co == NULL)
        return MR_ENOMEM;
    m->c_cost = co;
    double *va = mr_realloc(m->c_val, (size_t)nc * sizeof(double));
    if (va == NULL)
        return MR_ENOMEM;
    m->c_val = va;
    signed char *sc = mr_realloc(m->c_sched, (size_t)nc * m->h);
    if (sc == NULL)
        return MR_ENOMEM;
    m->c_sched = sc;
    unsigned char *on = mr_realloc(m->c_on, (size_t)nc);
    if (on == NULL)
        return MR_ENOMEM;
    m->c_on = on;
    m->cap_cols = nc;
    if (2 * nc > m->hash_cap) {
        int hc = m->hash_cap;
        while (2 * nc > hc)
            hc *= 2;
        int *ht = mr_malloc((size_t)hc * sizeof(int));
        if (ht == NULL)
            return MR_ENOMEM;
        mr_free(m->hash);
        m->hash = ht;
        m->hash_cap = hc;
        memset(ht, -1, (size_t)hc * sizeof(int));
        for (int j = 0; j < m->n_cols; j++)
            m->hash[find_slot(m, m->c_staff[j],
                              m->c_sched + (size_t)j * m->h)] = j;
    }
    return MR_OK;
}

int nrp_master_add(nrp_master *m, int e, const int *sched, int *index,
                   int *added)
{
    const mr_nrp *p = m->p;
    int h = m->h, T = m->T, n = 0, rc;
    int *ind = m->s_ind;
    double *val = m->s_val;
    int count[MR_NRP_MAX_TYPES] = {0}, weekends = 0;
    long units = 0;
    signed char *key = m->s_key;

    *added = 0;
    for (int d = 0; d < h; d++)
        key[d] = (signed char)(sched[d] < 0 ? -1 : sched[d]);
    int slot = find_slot(m, e, key);
    if (m->hash[slot] >= 0) {
        *index = m->hash[slot];
        return MR_OK;
    }
    if (m->n_cols == m->cap_cols) {
        if ((rc = grow(m)) != MR_OK)
            return rc;
        slot = find_slot(m, e, key);
    }
    int j = m->n_cols++;
    m->hash[slot] = j;
    m->c_staff[j] = e;
    memcpy(m->c_sched + (size_t)j * h, key, (size_t)h);
    m->c_cost[j] = nrp_master_cost(m, e, sched);
    m->c_val[j] = 0;
    m->c_on[j] = 1;
    ind[++n] = row_conv(m, e);
    val[n] = 1.0;
    for (int d = 0; d < h; d++)
        if (sched[d] >= 0) {
            ind[++n] = row_cover(m, d * T + sched[d]);
            val[n] = 1.0;
            count[sched[d]]++;
            units += p->shift_len[sched[d]] / m->unit[e];
        }
    for (int k = 0; 7 * k + 5 < h; k++)
        weekends += sched[7 * k + 5] >= 0 ||
                    (7 * k + 6 < h && sched[7 * k + 6] >= 0);
    for (int t = 0; t < T; t++)
        if (m->row_type[(size_t)e * T + t] && count[t]) {
            ind[++n] = m->row_type[(size_t)e * T + t];
            val[n] = count[t];
        }
    if (m->row_wk[e] && weekends) {
        ind[++n] = m->row_wk[e];
        val[n] = weekends;
    }
    if (m->row_min[e] && units) {
        ind[++n] = m->row_min[e];
        val[n] = (double)units;
    }
    int col = glp_add_cols(LP(m), 1);
    glp_set_mat_col(LP(m), col, n, ind, val);
    glp_set_col_bnds(LP(m), col, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(LP(m), col, m->c_cost[j]);
    *index = j;
    *added = 1;
    return MR_OK;
}

void nrp_master_enable(nrp_master *m, int j, int on)
{
    if (m->c_on[j] == on)
        return;
    m->c_on[j] = (unsigned char)on;
    glp_set_col_bnds(LP(m), col_first(m) + j, on ? GLP_LO : GLP_FX, 0.0,
                     0.0);
}

int nrp_master_solve(nrp_master *m, int dual)
{
    glp_prob *lp = LP(m);
    glp_smcp parm;
    int h = m->h, T = m->T, E = m->E, ret;

    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = dual ? GLP_DUALP : GLP_PRIMAL;
    m->stopped = 0;
    if (m->deadline > 0) {
        double left = m->deadline - nrp_clock(m->cpu);
        parm.tm_lim = left < 0.05 ? 50 : left > 1e6 ? 1000000000
                                                      : (int)(left * 1000);
    }
    ret = glp_simplex(lp, &parm);
    if (ret == GLP_ETMLIM)
        m->stopped = 1;
    else if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
        mr_log(MR_LOG_DEBUG, "nrp: simplex returned %d, status %d; "
               "restarting from a standard basis", ret, glp_get_status(lp));
        glp_std_basis(lp);
        parm.meth = GLP_PRIMAL;
        if (m->deadline > 0) {
            double left = m->deadline - nrp_clock(m->cpu);
            parm.tm_lim = left < 0.05 ? 50 : left > 1e6 ? 1000000000
                                                          : (int)(left * 1000);
        }
        ret = glp_simplex(lp, &parm);
        /* out of time on the restart too: stopped, as above, not failed */
        if (ret == GLP_ETMLIM)
            m->stopped = 1;
        else if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
            mr_log(MR_LOG_ERROR, "nrp: simplex failed (%d, status %d)", ret,
                   glp_get_status(lp));
            return MR_ESOLVER;
        }
    }
    m->obj = glp_get_obj_val(lp);
    for (int e = 0; e < E; e++) {
        m->d_conv[e] = glp_get_row_dual(lp, row_conv(m, e));
        m->art_val[e] = glp_get_col_prim(lp, col_art(m, e));
        m->d_wk[e] = m->row_wk[e] ? glp_get_row_dual(lp, m->row_wk[e]) : 0;
        m->d_min[e] = m->row_min[e] ? glp_get_row_dual(lp, m->row_min[e])
                                    : 0;
        for (int t = 0; t < T; t++) {
            int r = m->row_type[(size_t)e * T + t];
            m->d_type[(size_t)e * T + t] = r ? glp_get_row_dual(lp, r) : 0;
        }
    }
    for (int k = 0; k < h * T; k++)
        m->d_cover[k] = glp_get_row_dual(lp, row_cover(m, k));
    for (int j = 0; j < m->n_cols; j++)
        m->c_val[j] = glp_get_col_prim(lp, col_first(m) + j);
    return MR_OK;
}

static int by_rc_desc(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return x < y ? 1 : x > y ? -1 : 0;
}

int nrp_master_purge(nrp_master *m, int keep)
{
    glp_prob *lp = LP(m);
    int first = col_first(m), n = 0, h = m->h;
    double *cand;
    int *num;

    if (m->n_cols <= keep)
        return MR_OK;
    cand = mr_malloc((size_t)m->n_cols * 2 * sizeof(double));
    num = mr_malloc(((size_t)m->n_cols + 1) * sizeof(int));
    if (cand == NULL || num == NULL) {
        mr_free(cand);
        mr_free(num);
        return MR_ENOMEM;
    }
    for (int j = 0; j < m->n_cols; j++)
        if (glp_get_col_stat(lp, first + j) != GLP_BS) {
            cand[2 * n] = m->c_on[j] ? glp_get_col_dual(lp, first + j)
                                     : NRP_INF;
            cand[2 * n + 1] = j;
            n++;
        }
    qsort(cand, (size_t)n, 2 * sizeof(double), by_rc_desc);
    int drop = m->n_cols - keep < n ? m->n_cols - keep : n;
    /* mark: c_val of a dropped column becomes -1 (values are >= 0) */
    for (int i = 0; i < drop; i++)
        m->c_val[(int)cand[2 * i + 1]] = -1.0;
    int k = 0;
    for (int j = 0; j < m->n_cols; j++)
        if (m->c_val[j] < 0)
            num[++k] = first + j;
    glp_del_cols(lp, k, num);
    int w = 0;
    for (int j = 0; j < m->n_cols; j++) {
        if (m->c_val[j] < 0)
            continue;
        if (w != j) {
            m->c_staff[w] = m->c_staff[j];
            m->c_cost[w] = m->c_cost[j];
            m->c_val[w] = m->c_val[j];
            m->c_on[w] = m->c_on[j];
            memmove(m->c_sched + (size_t)w * h, m->c_sched + (size_t)j * h,
                    (size_t)h);
        }
        w++;
    }
    m->n_cols = w;
    memset(m->hash, -1, (size_t)m->hash_cap * sizeof(int));
    for (int j = 0; j < m->n_cols; j++)
        m->hash[find_slot(m, m->c_staff[j], m->c_sched + (size_t)j * h)] = j;
    mr_free(cand);
    mr_free(num);
    return MR_OK;
}

/* The restricted-master integer solve. */
typedef struct rmip_cb {
    const double *start;     /* an incumbent for GLPK, 1-based, or NULL */
    double lb;               /* stop once this value is reached */
    int given;
} rmip_cb;

static void rmip_callback(glp_tree *tree, void *info)
{
    rmip_cb *cb = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && cb->start != NULL &&
        !cb->given) {
        cb->given = 1;
        glp_ios_heur_sol(tree, cb->start);
    }
    if (glp_ios_reason(tree) == GLP_IBINGO ||
        glp_ios_reason(tree) == GLP_IHEUR) {
        double v = glp_mip_obj_val(glp_ios_get_prob(tree));
        if (glp_ios_best_node(tree) != 0 && v <= cb->lb + 1e-6 &&
            glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS)
            glp_ios_terminate(tree);
    }
}

int nrp_master_rmip(nrp_master *m, double seconds, double lb,
                    const int *incumbent, int *roster, double *value)
{
    const mr_nrp *p = m->p;
    glp_prob *ip = glp_create_prob();
    glp_iocp parm;
    int h = m->h, T = m->T, E = m->E, first = col_first(m), found = 0;
    int ncol = first - 1 + m->n_cols;
    double *start = NULL;
    rmip_cb cb = {NULL, -NRP_INF, 0};

    glp_copy_prob(ip, LP(m), GLP_OFF);
    for (int e = 0; e < E; e++)
        glp_set_col_bnds(ip, col_art(m, e), GLP_FX, 0.0, 0.0);
    for (int j = 0; j < m->n_cols; j++) {
        glp_set_col_kind(ip, first + j, GLP_BV);
        if (!m->c_on[j])
            glp_set_col_bnds(ip, first + j, GLP_FX, 0.0, 0.0);
    }
    /* the known roster as GLPK's first incumbent */
    if (incumbent != NULL &&
        (start = mr_calloc((size_t)ncol + 1, sizeof(double))) != NULL) {
        int ok = 1;
        signed char *key = m->s_key;
        for (int e = 0; e < E && ok; e++) {
            for (int d = 0; d < h; d++)
                key[d] = (signed char)incumbent[(size_t)e * h + d];
            int j = m->hash[find_slot(m, e, key)];
            if (j < 0 || !m->c_on[j])
                ok = 0;
            else
                start[first + j] = 1.0;
        }
        for (int k = 0; k < h * T && ok; k++) {
            int n = 0;
            for (int e = 0; e < E; e++)
                n += incumbent[(size_t)e * h + k / T] == k % T;
            int r = p->cover_req[k];
            start[1 + E + k] = n < r ? r - n : 0;
            start[1 + E + h * T + k] = n > r ? n - r : 0;
        }
        if (ok)
            cb.start = start;
    }
    /* without the presolver, so that the incumbent handed over in the
     * callback is in the problem's own columns (the presolved problem
     * numbers them differently); proximity search from that incumbent
     * then looks for a better roster near it */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    sp.tm_lim = (int)(seconds * 500.0) + 1;
    if (glp_simplex(ip, &sp) != 0 || glp_get_status(ip) != GLP_OPT) {
        glp_delete_prob(ip);
        mr_free(start);
        return 0;
    }
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.ps_heur = cb.start != NULL ? GLP_ON : GLP_OFF;
    parm.fp_heur = cb.start != NULL ? GLP_OFF : GLP_ON;
    parm.tm_lim = (int)(seconds * 1000.0);
    if (parm.tm_lim < 1)
        parm.tm_lim = 1;
    parm.ps_tm_lim = parm.tm_lim / 2 + 1;
    parm.cb_func = rmip_callback;
    parm.cb_info = &cb;
    cb.lb = lb;
    int ret = glp_intopt(ip, &parm);
    int st = glp_mip_status(ip);
    if ((ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP) &&
        (st == GLP_OPT || st == GLP_FEAS)) {
        int ok = 1;
        for (int e = 0; e < E; e++)
            for (int d = 0; d < h; d++)
                roster[(size_t)e * h + d] = -2;
        for (int j = 0; j < m->n_cols; j++)
            if (glp_mip_col_val(ip, first + j) > 0.5) {
                int e = m->c_staff[j];
                for (int d = 0; d < h; d++)
                    roster[(size_t)e * h + d] =
                        m->c_sched[(size_t)j * h + d];
            }
        for (int i = 0; i < E * h; i++)
            if (roster[i] == -2)
                ok = 0;
        if (ok) {
            *value = glp_mip_obj_val(ip);
            found = 1;
        }
    }
    mr_free(start);
    glp_delete_prob(ip);
    return found;
}
