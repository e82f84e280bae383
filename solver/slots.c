/* Appointment slots: layout and type mix of every session; see slots.h for
 * the method. The MIP works on groups of interchangeable sessions and their
 * maximal patterns, so its size grows with the number of distinct (site,
 * activity, free minutes) combinations, not with the number of sessions. */
#include "slots.h"

#include <math.h>

#include <glpk.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "ea_alloc.h"
#include "log.h"

#define MAX_PATTERNS 4096      /* per group: ample for a few types >= 20 min */
/* Phase 1 is solved to optimality (it takes milliseconds); phase 2 is a
 * tie-break whose optimality GLPK struggles to prove (many equal mixes),
 * so it stops within 0.1% of its bound or after a few seconds. */
#define P1_TIME_MS   20000
#define P2_TIME_MS   3000
#define P2_GAP       1e-3

/* One session to fill. Sorted by the group key then date, so a group's
 * members are contiguous and in date order. */
typedef struct member {
    int site, activity, free;  /* the group key; free: minutes to fill */
    int date, period, staff;
    int assign;
    int start;                 /* where the filling begins */
} member;

typedef struct group {
    int first, n;              /* range in ctx.mem */
    int first_pat, n_pat;      /* range in the pattern pool */
    int col;                   /* GLPK column of its first pattern; 0: none */
} group;

/* GLPK's matrix as triplets, 1-based (index 0 unused). */
typedef struct trip {
    int    *ia, *ja;
    double *ar;
    int     n, cap;
} trip;

typedef struct ctx {
    const mr_model *m;
    mr_solution    *s;
    int     p1_ms, p2_ms;      /* time limits of the two type-mix MIPs */
    int     nt;                /* appointment types */
    int    *ft, *ft_first, *ft_n;   /* fill types of each activity */
    member *mem;
    int     n_mem;
    group  *grp;
    int     n_grp;
    int    *pat;               /* nt counts per pattern */
    int     n_pat, cap_pat;
    int    *choice;            /* sessions using each pattern */
    int    *need;              /* per demand line: count less kept capacity */
    int    *ltype;             /* per demand line: its type, -1 unknown */
    double *lw;                /* per demand line: weight * equity */
    int    *lrow, *lcol;       /* per active line: GLPK row and unmet col */
} ctx;

/* ---- references and demand lines --------------------------------------- */

int mr_appt_type_allows(const mr_model *m, int type, int activity)
{
    const mr_ref_list *l = &m->appt_types[type].activities;
    for (int i = 0; i < l->n_items; i++)
        if (mr_ref_index(m, &l->items[i], mr_find_activity) == activity)
            return 1;
    return 0;
}

int mr_demand_type(const mr_model *m, int line)
{
    return mr_ref_index(m, &m->demand[line].type, mr_find_appt_type);
}

static int site_pcn(const mr_model *m, int site)
{
    const mr_site *st = &m->sites[site];
    if (st->kind != MR_SITE_PRACTICE)
        return -1;
    return mr_ref_index(m, &st->pcn, mr_find_pcn);
}

int mr_demand_covers(const mr_model *m, int line, int site)
{
    const mr_demand *d = &m->demand[line];
    if (d->pcn.id != NULL) {
        int p = mr_ref_index(m, &d->pcn, mr_find_pcn);
        return p >= 0 && site_pcn(m, site) == p;
    }
    return mr_ref_index(m, &d->site, mr_find_site) == site;
}

double mr_demand_equity(const mr_model *m, int line)
{
    const mr_demand *d = &m->demand[line];
    double sum = 0;
    int n = 0;
    if (d->pcn.id == NULL) {
        int site = mr_ref_index(m, &d->site, mr_find_site);
        return site >= 0 ? mr_equity(m, site) : 1.0;
    }
    for (int i = 0; i < m->n_sites; i++)
        if (mr_demand_covers(m, line, i)) {
            sum += mr_equity(m, i);
            n++;
        }
    return n > 0 ? sum / n : 1.0;
}

int mr_demand_provided(const mr_model *m, const mr_solution *s, int line)
{
    int type = mr_demand_type(m, line);
    int sum = 0;
    for (int i = 0; i < s->n_slots; i++) {
        const mr_slot *sl = &s->slots[i];
        if (sl->type == type
            && mr_demand_covers(m, line, s->assign[sl->assignment].site))
            sum += sl->capacity;
    }
    return sum;
}

/* 1 when some demand line with a positive count asks for type at site;
 * with active_only, only lines still short after the kept slots. */
static int demanded(const ctx *c, int site, int type, int active_only)
{
    for (int l = 0; l < c->m->n_demand; l++)
        if (c->ltype[l] == type && (active_only ? c->need[l] > 0
                                                : c->m->demand[l].count > 0)
            && mr_demand_covers(c->m, l, site))
            return 1;
    return 0;
}

/* ---- kept slots --------------------------------------------------------- */

/* Drops every slot that no allocation refers to, keeping the order of the
 * rest and following them in s->ea. */
static int keep_first_appointments(mr_solution *s)
{
    int *map = mr_malloc(sizeof(int) * (size_t)(s->n_slots + 1));
    int n = 0;
    if (map == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < s->n_slots; i++)
        map[i] = -1;
    for (int i = 0; i < s->n_ea; i++)
        if (s->ea[i].slot >= 0 && s->ea[i].slot < s->n_slots)
            map[s->ea[i].slot] = 0;
    for (int i = 0; i < s->n_slots; i++)
        if (map[i] == 0) {
            s->slots[n] = s->slots[i];
            map[i] = n++;
        }
    for (int i = 0; i < s->n_ea; i++)
        if (s->ea[i].slot >= 0)
            s->ea[i].slot = s->ea[i].slot < s->n_slots ? map[s->ea[i].slot]
                                                        : -1;
    s->n_slots = n;
    mr_free(map);
    return MR_OK;
}

/* ---- sessions, groups and patterns -------------------------------------- */

/* The types that fill sessions of activity a, in table order, into out;
 * returns how many. ea_first is never filler: it is made only for
 * allocated referrals. */
static int fill_types_of(const mr_model *m, int a, int *out)
{
    int first = mr_find_appt_type(m, "ea_first");
    int n = 0;
    for (int t = 0; t < m->n_appt_types; t++)
        if (t != first && m->appt_types[t].minutes > 0
            && mr_appt_type_allows(m, t, a))
            out[n++] = t;
    return n;
}

static int fill_types(ctx *c)
{
    const mr_model *m = c->m;
    int n = 0;

    c->ft = mr_malloc(sizeof(int) * (size_t)(m->n_activities * c->nt + 1));
    c->ft_first = mr_malloc(sizeof(int) * (size_t)(m->n_activities + 1));
    c->ft_n = mr_calloc((size_t)m->n_activities + 1, sizeof(int));
    if (c->ft == NULL || c->ft_first == NULL || c->ft_n == NULL)
        return MR_ENOMEM;
    for (int a = 0; a < m->n_activities; a++) {
        c->ft_first[a] = n;
        c->ft_n[a] = fill_types_of(m, a, c->ft + n);
        n += c->ft_n[a];
    }
    return MR_OK;
}

static int min_minutes(const ctx *c, int activity)
{
    int best = 0;
    for (int i = 0; i < c->ft_n[activity]; i++) {
        int mm = c->m->appt_types[c->ft[c->ft_first[activity] + i]].minutes;
        if (best == 0 || mm < best)
            best = mm;
    }
    return best;
}

static int member_cmp(const void *pa, const void *pb)
{
    const member *a = pa, *b = pb;
    int k[2][6] = {{a->site, a->activity, a->free, a->date, a->period, a->staff},
                   {b->site, b->activity, b->free, b->date, b->period, b->staff}};
    for (int i = 0; i < 6; i++)
        if (k[0][i] != k[1][i])
            return k[0][i] < k[1][i] ? -1 : 1;
    return 0;
}

/* Lists the sessions with room for at least one slot, after the kept ones. */
static int collect_members(ctx *c)
{
    const mr_model *m = c->m;
    mr_solution *s = c->s;
    int *start = mr_malloc(sizeof(int) * (size_t)(s->n_assign + 1));

    c->mem = mr_malloc(sizeof(member) * (size_t)(s->n_assign + 1));
    if (start == NULL || c->mem == NULL) {
        mr_free(start);
        return MR_ENOMEM;
    }
    for (int a = 0; a < s->n_assign; a++)
        start[a] = m->periods[s->assign[a].period].start;
    for (int i = 0; i < s->n_slots; i++)
        if (s->slots[i].end > start[s->slots[i].assignment])
            start[s->slots[i].assignment] = s->slots[i].end;
    for (int a = 0; a < s->n_assign; a++) {
        const mr_assignment *as = &s->assign[a];
        int end = m->periods[as->period].start
                  + mr_bookable_minutes(m, as->period);
        int mm = min_minutes(c, as->activity);
        if (mm == 0 || end - start[a] < mm)
            continue;
        c->mem[c->n_mem++] = (member){as->site, as->activity, end - start[a],
                                      as->date, as->period, as->staff, a,
                                      start[a]};
    }
    mr_free(start);
    qsort(c->mem, (size_t)c->n_mem, sizeof(member), member_cmp);
    return MR_OK;
}

/* Enumerates the maximal patterns of one group by depth-first search over
 * its types, largest count first, so the group's first pattern is the
 * greedy fill in type order. */
typedef struct penum {
    ctx       *c;
    const int *types;
    int        k, minm, n, oom;
    int       *cnt;
} penum;

static void push_pattern(penum *e)
{
    ctx *c = e->c;
    if (c->n_pat >= c->cap_pat) {
        int ncap = c->cap_pat ? 2 * c->cap_pat : 64;
        int *p = mr_realloc(c->pat, sizeof(int) * (size_t)ncap * (size_t)c->nt);
        if (p == NULL) {
            e->oom = 1;
            return;
        }
        c->pat = p;
        c->cap_pat = ncap;
    }
    memcpy(c->pat + (size_t)c->n_pat * (size_t)c->nt, e->cnt,
           sizeof(int) * (size_t)c->nt);
    c->n_pat++;
    e->n++;
}

static void enum_rec(penum *e, int i, int left)
{
    int t = e->types[i];
    int mins = e->c->m->appt_types[t].minutes;
    int most = left / mins;

    if (e->oom || e->n >= MAX_PATTERNS)
        return;
    if (i == e->k - 1) {
        e->cnt[t] = most;
        if (left - most * mins < e->minm)
            push_pattern(e);
    } else {
        for (int n = most; n >= 0 && !e->oom && e->n < MAX_PATTERNS; n--) {
            e->cnt[t] = n;
            enum_rec(e, i + 1, left - n * mins);
        }
    }
    e->cnt[t] = 0;
}

static int build_groups(ctx *c)
{
    int *cnt = mr_calloc((size_t)c->nt + 1, sizeof(int));
    int rc = MR_OK;

    c->grp = mr_malloc(sizeof(group) * (size_t)(c->n_mem + 1));
    if (cnt == NULL || c->grp == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    for (int i = 0; i < c->n_mem;) {
        const member *f = &c->mem[i];
        group *g = &c->grp[c->n_grp++];
        int j = i;
        penum e = {c, c->ft + c->ft_first[f->activity], c->ft_n[f->activity],
                   min_minutes(c, f->activity), 0, 0, cnt};
        while (j < c->n_mem && f->site == c->mem[j].site
               && f->activity == c->mem[j].activity
               && f->free == c->mem[j].free)
            j++;
        *g = (group){i, j - i, c->n_pat, 0, 0};
        enum_rec(&e, 0, f->free);
        if (e.oom) {
            rc = MR_ENOMEM;
            goto done;
        }
        if (e.n >= MAX_PATTERNS)
            mr_log(MR_LOG_DEBUG, "slots: %d-minute sessions of %s: only the "
                   "first %d type mixes considered", f->free,
                   c->m->activities[f->activity].id, MAX_PATTERNS);
        g->n_pat = e.n;
        i = j;
    }
    c->choice = mr_calloc((size_t)c->n_pat + 1, sizeof(int));
    if (c->choice == NULL) {
        rc = MR_ENOMEM;
        goto done;
    }
    for (int g = 0; g < c->n_grp; g++)
        c->choice[c->grp[g].first_pat] = c->grp[g].n;   /* greedy default */
done:
    mr_free(cnt);
    return rc;
}

int mr_slot_patterns(const mr_model *m, int activity, int minutes,
                     int **out, int *n_out)
{
    ctx c = {0};
    int *types = mr_malloc(sizeof(int) * (size_t)(m->n_appt_types + 1));
    int *cnt = mr_calloc((size_t)m->n_appt_types + 1, sizeof(int));
    int rc = MR_ENOMEM, k, minm = 0;

    *out = NULL;
    *n_out = 0;
    if (types == NULL || cnt == NULL)
        goto done;
    c.m = m;
    c.nt = m->n_appt_types;
    k = fill_types_of(m, activity, types);
    for (int i = 0; i < k; i++)
        if (minm == 0 || m->appt_types[types[i]].minutes < minm)
            minm = m->appt_types[types[i]].minutes;
    if (k > 0 && minutes >= minm) {
        penum e = {&c, types, k, minm, 0, 0, cnt};
        enum_rec(&e, 0, minutes);
        if (e.oom)
            goto done;
        *out = c.pat;
        *n_out = e.n;
        c.pat = NULL;
    }
    rc = MR_OK;
done:
    mr_free(c.pat);
    mr_free(types);
    mr_free(cnt);
    return rc;
}

/* ---- the MIP ------------------------------------------------------------ */

static int trip_push(trip *t, int i, int j, double v)
{
    if (t->n + 1 >= t->cap) {
        int ncap = t->cap ? 2 * t->cap : 256;
        int *ia = mr_realloc(t->ia, sizeof(int) * (size_t)ncap);
        if (ia == NULL)
            return MR_ENOMEM;
        t->ia = ia;
        int *ja = mr_realloc(t->ja, sizeof(int) * (size_t)ncap);
        if (ja == NULL)
            return MR_ENOMEM;
        t->ja = ja;
        double *ar = mr_realloc(t->ar, sizeof(double) * (size_t)ncap);
        if (ar == NULL)
            return MR_ENOMEM;
        t->ar = ar;
        t->cap = ncap;
    }
    t->n++;
    t->ia[t->n] = i;
    t->ja[t->n] = j;
    t->ar[t->n] = v;
    return MR_OK;
}

static void trip_free(trip *t)
{
    mr_free(t->ia);
    mr_free(t->ja);
    mr_free(t->ar);
}

/* Reads the pattern counts of the MIP's solution into c->choice, for the
 * groups whose counts add up (they always should). */
static void read_choice(ctx *c, glp_prob *lp)
{
    for (int g = 0; g < c->n_grp; g++) {
        const group *gr = &c->grp[g];
        int sum = 0;
        if (gr->col == 0)
            continue;
        for (int p = 0; p < gr->n_pat; p++)
            sum += (int)(glp_mip_col_val(lp, gr->col + p) + 0.5);
        if (sum != gr->n)
            continue;
        for (int p = 0; p < gr->n_pat; p++)
            c->choice[gr->first_pat + p] =
                (int)(glp_mip_col_val(lp, gr->col + p) + 0.5);
    }
}

static int solve_mip(glp_prob *lp, int tm_lim, double gap)
{
    glp_iocp parm;
    int rc, st;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = tm_lim;
    parm.mip_gap = gap;
    rc = glp_intopt(lp, &parm);
    st = glp_mip_status(lp);
    if ((rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS))
        return 0;
    return -1;
}

/* Phase-2 value of one pattern of a group at site: the capacity of its
 * demanded types. Kept integral so that GLPK can round its bounds. */
static double pattern_score(const ctx *c, const int *cnt, int site)
{
    double v = 0;
    for (int t = 0; t < c->nt; t++)
        if (cnt[t] > 0) {
            const mr_appt_type *ty = &c->m->appt_types[t];
            if (demanded(c, site, t, 0))
                v += cnt[t] * ty->capacity;
        }
    return v;
}

static int choose_mix(ctx *c)
{
    const mr_model *m = c->m;
    glp_prob *lp = NULL;
    trip tr = {0};
    int rc = MR_OK, n_cols = 0, n_rows = 0, n_active = 0;
    double obj1;

    for (int l = 0; l < m->n_demand; l++)
        n_active += c->need[l] > 0;
    if (n_active == 0)
        return MR_OK;
    /* Only groups some short line can use take part (those with a single
     * pattern too: their slots count towards the lines). */
    for (int g = 0; g < c->n_grp; g++) {
        group *gr = &c->grp[g];
        const member *f = &c->mem[gr->first];
        int useful = 0;
        for (int i = 0; i < c->ft_n[f->activity] && !useful; i++)
            useful = demanded(c, f->site, c->ft[c->ft_first[f->activity] + i], 1);
        if (useful) {
            gr->col = n_cols + 1;
            n_cols += gr->n_pat;
        }
    }
    if (n_cols == 0)
        return MR_OK;

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, n_cols);
    for (int g = 0; g < c->n_grp; g++) {
        const group *gr = &c->grp[g];
        if (gr->col == 0)
            continue;
        n_rows++;
        for (int p = 0; p < gr->n_pat; p++) {
            glp_set_col_kind(lp, gr->col + p, GLP_IV);
            glp_set_col_bnds(lp, gr->col + p, GLP_DB, 0, gr->n);
            if ((rc = trip_push(&tr, n_rows, gr->col + p, 1)) != MR_OK)
                goto done;
        }
    }
    glp_add_rows(lp, n_rows);
    for (int g = 0, r = 0; g < c->n_grp; g++)
        if (c->grp[g].col != 0) {
            r++;
            glp_set_row_bnds(lp, r, GLP_FX, c->grp[g].n, c->grp[g].n);
        }
    for (int l = 0; l < m->n_demand; l++) {
        if (c->need[l] <= 0)
            continue;
        int row = glp_add_rows(lp, 1);
        int col = glp_add_cols(lp, 1);
        c->lrow[l] = row;
        c->lcol[l] = col;
        glp_set_row_bnds(lp, row, GLP_LO, c->need[l], 0);
        glp_set_col_bnds(lp, col, GLP_DB, 0, c->need[l]);
        glp_set_obj_coef(lp, col, c->lw[l]);
        if ((rc = trip_push(&tr, row, col, 1)) != MR_OK)
            goto done;
        for (int g = 0; g < c->n_grp; g++) {
            const group *gr = &c->grp[g];
            int t = c->ltype[l];
            if (gr->col == 0 || !mr_demand_covers(m, l, c->mem[gr->first].site))
                continue;
            for (int p = 0; p < gr->n_pat; p++) {
                int n = c->pat[(size_t)(gr->first_pat + p) * (size_t)c->nt + (size_t)t];
                int cap = m->appt_types[t].capacity;
                if (n > 0 && cap > 0
                    && (rc = trip_push(&tr, row, gr->col + p, (double)n * cap)) != MR_OK)
                    goto done;
            }
        }
    }
    glp_load_matrix(lp, tr.n, tr.ia, tr.ja, tr.ar);

    if (solve_mip(lp, c->p1_ms, 0) != 0) {
        mr_log(MR_LOG_WARN, "slots: the type-mix MIP found no solution; "
               "sessions filled in type order");
        goto done;
    }
    read_choice(c, lp);
    obj1 = glp_mip_obj_val(lp);

    /* Phase 2: hold the demand cost, fill sessions with demanded types. */
    {
        int row = glp_add_rows(lp, 1);
        int *ind = mr_malloc(sizeof(int) * (size_t)(n_active + 1));
        double *val = mr_malloc(sizeof(double) * (size_t)(n_active + 1));
        int k = 0;
        if (ind == NULL || val == NULL) {
            mr_free(ind);
            mr_free(val);
            rc = MR_ENOMEM;
            goto done;
        }
        for (int l = 0; l < m->n_demand; l++)
            if (c->need[l] > 0) {
                k++;
                ind[k] = c->lcol[l];
                val[k] = c->lw[l];
                glp_set_obj_coef(lp, c->lcol[l], 0);
            }
        glp_set_mat_row(lp, row, k, ind, val);
        glp_set_row_bnds(lp, row, GLP_UP, 0,
                         obj1 + 1e-6 * (obj1 > 1 ? obj1 : 1));
        mr_free(ind);
        mr_free(val);
    }
    glp_set_obj_dir(lp, GLP_MAX);
    for (int g = 0; g < c->n_grp; g++) {
        const group *gr = &c->grp[g];
        if (gr->col == 0)
            continue;
        for (int p = 0; p < gr->n_pat; p++)
            glp_set_obj_coef(lp, gr->col + p,
                pattern_score(c, c->pat + (size_t)(gr->first_pat + p) * (size_t)c->nt,
                              c->mem[gr->first].site));
    }
    if (solve_mip(lp, c->p2_ms, P2_GAP) == 0)
        read_choice(c, lp);
    else
        mr_log(MR_LOG_DEBUG, "slots: phase 2 failed; phase 1's mix kept");
done:
    if (lp != NULL)
        glp_delete_prob(lp);
    trip_free(&tr);
    return rc;
}

/* ---- layout ------------------------------------------------------------- */

static int emit_session(ctx *c, const member *mb, const int *cnt)
{
    int t0 = mb->start;
    const int *types = c->ft + c->ft_first[mb->activity];
    for (int i = 0; i < c->ft_n[mb->activity]; i++) {
        const mr_appt_type *ty = &c->m->appt_types[types[i]];
        for (int k = 0; k < cnt[types[i]]; k++) {
            int j;
            if (MR_PUSH(c->s, slots, &j) != MR_OK)
                return MR_ENOMEM;
            c->s->slots[j] = (mr_slot){mb->assign, t0, t0 + ty->minutes,
                                       types[i], ty->capacity};
            t0 += ty->minutes;
        }
    }
    return MR_OK;
}

/* Spreads the chosen patterns of each group evenly over its sessions in
 * date order: session i takes the pattern furthest behind its share. */
static int layout(ctx *c)
{
    int *used = mr_calloc((size_t)c->n_pat + 1, sizeof(int));
    int rc = MR_OK;
    if (used == NULL)
        return MR_ENOMEM;
    for (int g = 0; g < c->n_grp && rc == MR_OK; g++) {
        const group *gr = &c->grp[g];
        for (int i = 0; i < gr->n && rc == MR_OK; i++) {
            int best = -1;
            long best_d = 0;
            for (int p = gr->first_pat; p < gr->first_pat + gr->n_pat; p++) {
                long d = (long)c->choice[p] * (i + 1) - (long)used[p] * gr->n;
                if (c->choice[p] > used[p] && (best < 0 || d > best_d)) {
                    best = p;
                    best_d = d;
                }
            }
            if (best < 0)
                best = gr->first_pat;
            used[best]++;
            rc = emit_session(c, &c->mem[gr->first + i],
                              c->pat + (size_t)best * (size_t)c->nt);
        }
    }
    mr_free(used);
    return rc;
}

typedef struct keyed {
    mr_slot sl;
    int     old;
} keyed;

static int keyed_cmp(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->sl.assignment != b->sl.assignment)
        return a->sl.assignment < b->sl.assignment ? -1 : 1;
    if (a->sl.start != b->sl.start)
        return a->sl.start < b->sl.start ? -1 : 1;
    return (a->old > b->old) - (a->old < b->old);
}

/* Orders slots by assignment and start, following them in s->ea. */
static int sort_slots(mr_solution *s)
{
    keyed *k = mr_malloc(sizeof(keyed) * (size_t)(s->n_slots + 1));
    int *where = mr_malloc(sizeof(int) * (size_t)(s->n_slots + 1));
    int rc = MR_ENOMEM;
    if (k == NULL || where == NULL)
        goto done;
    for (int i = 0; i < s->n_slots; i++)
        k[i] = (keyed){s->slots[i], i};
    qsort(k, (size_t)s->n_slots, sizeof(keyed), keyed_cmp);
    for (int i = 0; i < s->n_slots; i++) {
        s->slots[i] = k[i].sl;
        where[k[i].old] = i;
    }
    for (int i = 0; i < s->n_ea; i++)
        if (s->ea[i].slot >= 0)
            s->ea[i].slot = where[s->ea[i].slot];
    rc = MR_OK;
done:
    mr_free(k);
    mr_free(where);
    return rc;
}

static void ctx_free(ctx *c)
{
    mr_free(c->ft);
    mr_free(c->ft_first);
    mr_free(c->ft_n);
    mr_free(c->mem);
    mr_free(c->grp);
    mr_free(c->pat);
    mr_free(c->choice);
    mr_free(c->need);
    mr_free(c->ltype);
    mr_free(c->lw);
    mr_free(c->lrow);
    mr_free(c->lcol);
}

static int demand_lines(ctx *c)
{
    const mr_model *m = c->m;
    size_t n = (size_t)m->n_demand + 1;
    c->need = mr_calloc(n, sizeof(int));
    c->ltype = mr_calloc(n, sizeof(int));
    c->lw = mr_calloc(n, sizeof(double));
    c->lrow = mr_calloc(n, sizeof(int));
    c->lcol = mr_calloc(n, sizeof(int));
    if (c->need == NULL || c->ltype == NULL || c->lw == NULL
        || c->lrow == NULL || c->lcol == NULL)
        return MR_ENOMEM;
    for (int l = 0; l < m->n_demand; l++) {
        c->ltype[l] = mr_demand_type(m, l);
        c->lw[l] = m->weights.demand * mr_demand_equity(m, l);
        c->need[l] = c->ltype[l] < 0 ? 0
                     : m->demand[l].count - mr_demand_provided(m, c->s, l);
    }
    return MR_OK;
}

int mr_slots_allocate(const mr_model *m, mr_solution *s)
{
    return mr_slots_allocate_within(m, s, (P1_TIME_MS + P2_TIME_MS) / 1000.0);
}

int mr_slots_allocate_within(const mr_model *m, mr_solution *s,
                             double seconds)
{
    ctx c = {0};
    int n_kept, rc;
    double ms = seconds * 1000.0;

    /* phase 1 (the demand) gets most of the time, as by default */
    c.p1_ms = ms > 0 ? (int)fmax(100, ms * P1_TIME_MS / (P1_TIME_MS + P2_TIME_MS))
                     : P1_TIME_MS;
    c.p2_ms = ms > 0 ? (int)fmax(50, ms * P2_TIME_MS / (P1_TIME_MS + P2_TIME_MS))
                     : P2_TIME_MS;
    c.m = m;
    c.s = s;
    c.nt = m->n_appt_types;
    if ((rc = keep_first_appointments(s)) != MR_OK)
        return rc;
    n_kept = s->n_slots;
    if ((rc = fill_types(&c)) != MR_OK || (rc = collect_members(&c)) != MR_OK
        || (rc = build_groups(&c)) != MR_OK || (rc = demand_lines(&c)) != MR_OK
        || (rc = choose_mix(&c)) != MR_OK || (rc = layout(&c)) != MR_OK
        || (rc = sort_slots(s)) != MR_OK)
        goto done;
    mr_log(MR_LOG_DEBUG, "slots: %d sessions in %d groups, %d type mixes, "
           "%d slots", c.n_mem, c.n_grp, c.n_pat, s->n_slots);
done:
    if (rc != MR_OK)
        s->n_slots = n_kept;   /* the kept ones stay in place, in order */
    ctx_free(&c);
    return rc;
}

int mr_appointments(const mr_model *m, mr_solution *s)
{
    int rc = mr_ea_allocate(m, s);
    if (rc == MR_OK)
        rc = mr_slots_allocate(m, s);
    return rc;
}

/* The referrals' MIP is small (referrals x sessions); the slots' grows
 * with the sessions: they share the time 1:2. */
int mr_appointments_within(const mr_model *m, mr_solution *s,
                           double seconds)
{
    int rc = mr_ea_allocate_within(m, s, seconds / 3);
    if (rc == MR_OK)
        rc = mr_slots_allocate_within(m, s, seconds * 2 / 3);
    return rc;
}
