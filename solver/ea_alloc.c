/* Employment-advice allocation: referrals to advisers' ea sessions by a
 * small assignment MIP; see ea_alloc.h for the readings and the costs. */
#include "ea_alloc.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "log.h"
#include "slots.h"

#define COST_CONTINUITY 30.0
#define COST_LATE       10.0
#define COST_SITE        3.0
#define COST_WAIT        0.05
#define MIP_TIME_MS     30000

/* An ea session: where first appointments can go. */
typedef struct esess {
    int assign, staff, date, site;
    int cap;                   /* first appointments it holds */
    int start;                 /* period start, minutes */
} esess;

/* A referral that may go to an ea session. */
typedef struct cand {
    int    ref, sess;
    int    is_new;             /* a new client of the session's adviser */
    double cost;
    int    take;               /* chosen */
} cand;

typedef struct ectx {
    const mr_model *m;
    mr_solution    *s;
    int     first;             /* the ea_first type */
    esess  *ss;
    int     n_ss;
    cand   *cc;
    int     n_cc;
    int    *is_adv;            /* per staff: has an ea session */
    int    *n_cand;            /* per referral */
    int    *cum;               /* working days in [1st, 1st + i] */
    int     n_regular, n_senior;
    int     tm_ms;             /* the allocation MIP's time limit */
} ectx;

int mr_ea_senior_cap(const mr_model *m, int regular_total, int n_regular)
{
    double mean = n_regular > 0 ? (double)regular_total / n_regular
                                : m->ea.new_clients_per_adviser_max;
    int cap = (int)ceil(m->ea.senior_share * mean - 1e-9);
    if (cap > m->ea.new_clients_per_adviser_max)
        cap = m->ea.new_clients_per_adviser_max;
    return cap < 0 ? 0 : cap;
}

static int set_reason(mr_ea_alloc *e, const char *why)
{
    mr_free(e->reason);
    e->reason = mr_strdup(why);
    return e->reason != NULL ? MR_OK : MR_ENOMEM;
}

/* Empties s and gives every referral an unallocated entry. */
static int reset(const mr_model *m, mr_solution *s)
{
    for (int i = 0; i < s->n_ea; i++) {
        mr_free(s->ea[i].reason);
        s->ea[i].reason = NULL;
    }
    s->n_ea = 0;
    s->n_slots = 0;
    for (int r = 0; r < m->n_referrals; r++) {
        int i;
        if (MR_PUSH(s, ea, &i) != MR_OK)
            return MR_ENOMEM;
        s->ea[i] = (mr_ea_alloc){r, -1, -1, NULL};
    }
    return MR_OK;
}

int mr_ea_first_holds(const mr_model *m, int first, int staff, int activity,
                      int period)
{
    int role = m->staff[staff].role;

    if ((role != MR_ROLE_EA && role != MR_ROLE_SEA)
        || !mr_appt_type_allows(m, first, activity))
        return -1;
    return mr_bookable_minutes(m, period) / m->appt_types[first].minutes;
}

static int find_sessions(ectx *c)
{
    const mr_model *m = c->m;
    const mr_solution *s = c->s;

    c->ss = mr_malloc(sizeof(esess) * (size_t)(s->n_assign + 1));
    c->is_adv = mr_calloc((size_t)m->n_staff + 1, sizeof(int));
    if (c->ss == NULL || c->is_adv == NULL)
        return MR_ENOMEM;
    for (int a = 0; a < s->n_assign; a++) {
        const mr_assignment *as = &s->assign[a];
        int cap = mr_ea_first_holds(m, c->first, as->staff, as->activity,
                                    as->period);
        if (cap < 0)
            continue;
        if (!c->is_adv[as->staff]) {
            c->is_adv[as->staff] = 1;
            if (m->staff[as->staff].role == MR_ROLE_EA)
                c->n_regular++;
            else
                c->n_senior++;
        }
        if (cap > 0)
            c->ss[c->n_ss++] = (esess){a, as->staff, as->date, as->site, cap,
                                       m->periods[as->period].start};
    }
    return MR_OK;
}

static int working_days(ectx *c)
{
    const mr_model *m = c->m;
    int n = 0;
    c->cum = mr_malloc(sizeof(int) * (size_t)(m->month.n_days + 1));
    if (c->cum == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < m->month.n_days; i++) {
        int day = m->month.first_day + i;
        if (i > 0 && mr_weekday(day) < 5 && !mr_is_closed(m, day))
            n++;
        c->cum[i] = n;
    }
    return MR_OK;
}

static double cost_of(const ectx *c, const mr_referral *r, const esess *q,
                      int existing, int adviser)
{
    const mr_model *m = c->m;
    int fd = m->month.first_day;
    int start = r->referred_on > fd ? r->referred_on : fd;
    int wd = c->cum[q->date - fd] - c->cum[start - fd];
    int late = wd - m->ea.first_appointment_within_days;
    double v = COST_WAIT * wd;

    if (existing >= 0 && existing != adviser)
        v += COST_CONTINUITY;
    if (late > 0)
        v += COST_LATE + late;
    if (mr_ref_index(m, &r->site, mr_find_site) != q->site)
        v += COST_SITE;
    return v;
}

static int sess_cmp(const void *pa, const void *pb)
{
    const esess *a = pa, *b = pb;
    if (a->staff != b->staff)
        return a->staff < b->staff ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

typedef struct scored {
    double cost;
    int    q;
} scored;

static int scored_cmp(const void *pa, const void *pb)
{
    const scored *a = pa, *b = pb;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return (a->q > b->q) - (a->q < b->q);
}

static int push_cand(ectx *c, int *cap, cand cd)
{
    if (c->n_cc == *cap) {
        cand *p = mr_realloc(c->cc, sizeof(cand) * (size_t)*cap * 2);
        if (p == NULL)
            return MR_ENOMEM;
        c->cc = p;
        *cap *= 2;
    }
    c->cc[c->n_cc++] = cd;
    c->n_cand[cd.ref]++;
    return MR_OK;
}

/* Lists the (referral, session) pairs the MIP chooses among. The list is
 * pruned without loss: for a referral and an adviser only the adviser's
 * cheapest sessions for that referral are kept, as many as hold the most
 * referrals the adviser could ever take (their cap plus their existing
 * clients). Were an optimum to put the referral in a later session, one of
 * the kept sessions would have room (they hold more than the adviser's
 * whole load), and moving it there costs no more and changes no other
 * row. This cuts the MIP from every session of the month to a handful per
 * adviser. */
static int find_candidates(ectx *c)
{
    const mr_model *m = c->m;
    int n_st = m->n_staff, maxn = m->ea.new_clients_per_adviser_max;
    int *load = mr_calloc((size_t)n_st + 1, sizeof(int));
    int *from = mr_calloc((size_t)n_st + 1, sizeof(int));
    int *cnt = mr_calloc((size_t)n_st + 1, sizeof(int));
    scored *tmp = mr_malloc(sizeof(scored) * (size_t)(c->n_ss + 1));
    int cap = 64, rc = MR_ENOMEM;

    c->n_cand = mr_calloc((size_t)m->n_referrals + 1, sizeof(int));
    c->cc = mr_malloc(sizeof(cand) * (size_t)cap);
    if (load == NULL || from == NULL || cnt == NULL || tmp == NULL
        || c->n_cand == NULL || c->cc == NULL)
        goto done;
    qsort(c->ss, (size_t)c->n_ss, sizeof(esess), sess_cmp);
    for (int q = c->n_ss - 1; q >= 0; q--) {
        from[c->ss[q].staff] = q;
        cnt[c->ss[q].staff]++;
    }
    for (int p = 0; p < n_st; p++)
        if (c->is_adv[p])
            load[p] = m->staff[p].role == MR_ROLE_SEA
                ? mr_ea_senior_cap(m, c->n_regular * maxn, c->n_regular)
                : maxn;
    for (int r = 0; r < m->n_referrals; r++) {
        int a = mr_ref_index(m, &m->referrals[r].adviser, mr_find_staff);
        if (a >= 0 && a < n_st)
            load[a]++;
    }
    for (int r = 0; r < m->n_referrals; r++) {
        const mr_referral *rf = &m->referrals[r];
        int existing = mr_ref_index(m, &rf->adviser, mr_find_staff);
        for (int p = 0; p < n_st; p++) {
            int k = 0, held = 0;
            for (int q = from[p]; q < from[p] + cnt[p]; q++)
                if (c->ss[q].date >= rf->referred_on
                    && mr_in_month(m, c->ss[q].date))
                    tmp[k++] = (scored){cost_of(c, rf, &c->ss[q], existing, p),
                                        q};
            qsort(tmp, (size_t)k, sizeof(scored), scored_cmp);
            for (int i = 0; i < k && (held < load[p] || i == 0); i++) {
                if (push_cand(c, &cap, (cand){r, tmp[i].q, existing != p,
                                              tmp[i].cost, 0}) != MR_OK)
                    goto done;
                held += c->ss[tmp[i].q].cap;
            }
        }
    }
    rc = MR_OK;
done:
    mr_free(load);
    mr_free(from);
    mr_free(cnt);
    mr_free(tmp);
    return rc;
}

/* The least total of non-senior new clients whose senior cap reaches k, or
 * -1 when none within the non-senior advisers' caps does. */
static int least_total_for(const mr_model *m, int n_regular, int k)
{
    int most = n_regular * m->ea.new_clients_per_adviser_max;
    for (int t = 0; t <= most; t++)
        if (mr_ea_senior_cap(m, t, n_regular) >= k)
            return t;
    return -1;
}

/* Builds and solves the MIP; marks the chosen candidates. */
static int solve(ectx *c)
{
    const mr_model *m = c->m;
    int maxn = m->ea.new_clients_per_adviser_max;
    int n_st = m->n_staff, n_ref = m->n_referrals;
    int use_u = c->n_regular > 0 && c->n_senior > 0;
    int n_u = use_u ? maxn : 0;
    /* Columns: candidates, then S (non-senior new clients), then u_1..u_K.
     * Rows: referrals, sessions, advisers, S's definition, u_k's rows,
     * seniors' caps. */
    int col_s = c->n_cc + 1, col_u = c->n_cc + 2;
    int row_ref = 1, row_ss = row_ref + n_ref, row_adv = row_ss + c->n_ss;
    int row_def = row_adv + n_st, row_u = row_def + 1;
    int row_sen = row_u + n_u, n_rows = row_sen + n_st - 1;
    size_t ne = (size_t)c->n_cc * 5 + (size_t)n_u * 2 + (size_t)n_st * (size_t)(n_u + 1) + 2;
    int *ia = mr_malloc(sizeof(int) * ne), *ja = mr_malloc(sizeof(int) * ne);
    double *ar = mr_malloc(sizeof(double) * ne);
    double worst = 0, big;
    glp_prob *lp = NULL;
    glp_iocp parm;
    int rc = MR_ENOMEM, k = 0, grc, st;

    if (ia == NULL || ja == NULL || ar == NULL)
        goto done;
    for (int i = 0; i < c->n_cc; i++)
        if (c->cc[i].cost > worst)
            worst = c->cc[i].cost;
    big = 1 + n_ref * (worst + 1);

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, c->n_cc + 1 + n_u);
    glp_add_rows(lp, n_rows);
    for (int r = 0; r < n_ref; r++)
        glp_set_row_bnds(lp, row_ref + r, GLP_UP, 0, 1);
    for (int q = 0; q < c->n_ss; q++)
        glp_set_row_bnds(lp, row_ss + q, GLP_UP, 0, c->ss[q].cap);
    for (int p = 0; p < n_st; p++) {
        int senior = m->staff[p].role == MR_ROLE_SEA;
        int cap = senior && c->n_regular == 0 ? mr_ea_senior_cap(m, 0, 0) : maxn;
        glp_set_row_bnds(lp, row_adv + p, GLP_UP, 0, cap);
        glp_set_row_bnds(lp, row_sen + p, senior && use_u ? GLP_UP : GLP_FR, 0, 0);
    }
    glp_set_row_bnds(lp, row_def, GLP_FX, 0, 0);
    for (int i = 0; i < c->n_cc; i++) {
        const cand *cd = &c->cc[i];
        int p = c->ss[cd->sess].staff;
        int j = i + 1;
        glp_set_col_kind(lp, j, GLP_BV);
        glp_set_obj_coef(lp, j, cd->cost - big);
        ia[++k] = row_ref + cd->ref; ja[k] = j; ar[k] = 1;
        ia[++k] = row_ss + cd->sess; ja[k] = j; ar[k] = 1;
        if (!cd->is_new)
            continue;
        ia[++k] = row_adv + p; ja[k] = j; ar[k] = 1;
        if (m->staff[p].role == MR_ROLE_EA) {
            ia[++k] = row_def; ja[k] = j; ar[k] = 1;
        } else if (use_u) {
            ia[++k] = row_sen + p; ja[k] = j; ar[k] = 1;
        }
    }
    /* S = sum of non-senior new clients. */
    glp_set_col_bnds(lp, col_s, GLP_LO, 0, 0);
    ia[++k] = row_def; ja[k] = col_s; ar[k] = -1;
    for (int u = 0; u < n_u; u++) {
        int t = least_total_for(m, c->n_regular, u + 1);
        glp_set_col_kind(lp, col_u + u, GLP_BV);
        if (t < 0)
            glp_set_col_bnds(lp, col_u + u, GLP_FX, 0, 0);
        /* u_k = 1 only when S >= t: S - t u_k >= 0 */
        glp_set_row_bnds(lp, row_u + u, GLP_LO, 0, 0);
        ia[++k] = row_u + u; ja[k] = col_s; ar[k] = 1;
        if (t > 0) {
            ia[++k] = row_u + u; ja[k] = col_u + u; ar[k] = -t;
        }
        /* each senior's new clients <= sum of u_k */
        for (int p = 0; p < n_st; p++)
            if (m->staff[p].role == MR_ROLE_SEA) {
                ia[++k] = row_sen + p; ja[k] = col_u + u; ar[k] = -1;
            }
    }
    glp_load_matrix(lp, k, ia, ja, ar);

    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = c->tm_ms;
    grc = glp_intopt(lp, &parm);
    st = glp_mip_status(lp);
    if (!((grc == 0 || grc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS))) {
        mr_log(MR_LOG_ERROR, "ea: the allocation MIP failed (glpk %d, "
               "status %d)", grc, st);
        rc = MR_ESOLVER;
        goto done;
    }
    for (int i = 0; i < c->n_cc; i++)
        c->cc[i].take = glp_mip_col_val(lp, i + 1) > 0.5;
    rc = MR_OK;
done:
    if (lp != NULL)
        glp_delete_prob(lp);
    mr_free(ia);
    mr_free(ja);
    mr_free(ar);
    return rc;
}

static int take_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->take != b->take)
        return a->take > b->take ? -1 : 1;
    if (a->sess != b->sess)
        return a->sess < b->sess ? -1 : 1;
    return (a->ref > b->ref) - (a->ref < b->ref);
}

/* Makes the ea_first slots of the chosen candidates, back to back from the
 * start of each session, in referral order. */
static int place(ectx *c)
{
    const mr_model *m = c->m;
    mr_solution *s = c->s;
    const mr_appt_type *ty = &m->appt_types[c->first];
    int prev = -1, pos = 0;

    qsort(c->cc, (size_t)c->n_cc, sizeof(cand), take_cmp);
    for (int i = 0; i < c->n_cc && c->cc[i].take; i++) {
        const cand *cd = &c->cc[i];
        const esess *q = &c->ss[cd->sess];
        int j;
        pos = cd->sess == prev ? pos + 1 : 0;
        prev = cd->sess;
        if (MR_PUSH(s, slots, &j) != MR_OK)
            return MR_ENOMEM;
        s->slots[j] = (mr_slot){q->assign, q->start + pos * ty->minutes,
                                q->start + (pos + 1) * ty->minutes, c->first,
                                ty->capacity};
        s->ea[cd->ref].adviser = q->staff;
        s->ea[cd->ref].slot = j;
    }
    return MR_OK;
}

/* Gives each unallocated referral its reason; warns when capacity ran out. */
static int explain(ectx *c)
{
    const mr_model *m = c->m;
    mr_solution *s = c->s;
    int short_cap = 0, n_adv = c->n_regular + c->n_senior;

    for (int r = 0; r < m->n_referrals; r++) {
        const char *why;
        if (s->ea[r].adviser >= 0)
            continue;
        if (c->first < 0)
            why = "no ea_first appointment type";
        else if (n_adv == 0)
            why = "no adviser with ea sessions";
        else if (c->n_cand == NULL || c->n_cand[r] == 0)
            why = "no ea session on or after referral";
        else {
            why = "no adviser capacity";
            short_cap++;
        }
        if (set_reason(&s->ea[r], why) != MR_OK)
            return MR_ENOMEM;
    }
    if (short_cap > 0)
        mr_log(MR_LOG_WARN, "ea: %d of %d referrals left without an adviser "
               "for want of capacity (%d advisers with ea sessions, at most "
               "%d new clients each); the programme treats more than 10 new "
               "clients per adviser per month as a point to escalate",
               short_cap, m->n_referrals, n_adv,
               m->ea.new_clients_per_adviser_max);
    return MR_OK;
}

int mr_ea_allocate(const mr_model *m, mr_solution *s)
{
    return mr_ea_allocate_within(m, s, MIP_TIME_MS / 1000.0);
}

int mr_ea_allocate_within(const mr_model *m, mr_solution *s, double seconds)
{
    ectx c = {0};
    int rc;

    c.tm_ms = seconds > 0 ? (int)(seconds * 1000 > 100 ? seconds * 1000 : 100)
                          : MIP_TIME_MS;
    c.m = m;
    c.s = s;
    c.first = mr_find_appt_type(m, "ea_first");
    if ((rc = reset(m, s)) != MR_OK)
        goto done;
    if (c.first >= 0 && m->appt_types[c.first].minutes > 0
        && m->n_referrals > 0) {
        if ((rc = find_sessions(&c)) != MR_OK || (rc = working_days(&c)) != MR_OK
            || (rc = find_candidates(&c)) != MR_OK)
            goto done;
        if (c.n_cc > 0 && ((rc = solve(&c)) != MR_OK || (rc = place(&c)) != MR_OK))
            goto done;
    } else if (c.first >= 0 && m->appt_types[c.first].minutes <= 0) {
        c.first = -1;
    }
    rc = explain(&c);
    mr_log(MR_LOG_DEBUG, "ea: %d referrals, %d ea sessions, %d candidate "
           "appointments", m->n_referrals, c.n_ss, c.n_cc);
done:
    if (rc != MR_OK) {
        for (int i = 0; i < s->n_ea; i++) {
            mr_free(s->ea[i].reason);
            s->ea[i].reason = NULL;
        }
        s->n_ea = 0;
        s->n_slots = 0;
    }
    mr_free(c.ss);
    mr_free(c.cc);
    mr_free(c.is_adv);
    mr_free(c.n_cand);
    mr_free(c.cum);
    return rc;
}
