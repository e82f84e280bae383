/* Regeneration as staged MIPs on the compact model; see regen.h.
 *
 * The compact model is built once (mr_lpb_build). The past is fixed by
 * column bounds: before `from`, the x of each published assignment is
 * fixed at 1 and every other x at 0. The stages then differ only in the
 * objective of the columns and in one row each adds:
 *   stage 1 costs the cover and PCN shortfall columns alone;
 *   stage 2 adds "shortfall cost <= stage 1's value" and costs changes:
 *           a person-session with a published assignment A changes by
 *           1 - (sum of its x of A's activity and site), one without by the
 *           sum of its x (H1 makes both 0 or 1);
 *   stage 3 adds "changes <= stage 2's value" and restores the objective.
 * Each stage's best roster satisfies the next stage's rows, so it is that
 * stage's warm start: a later stage never does worse than an earlier one's
 * roster. The stages run through run.h (the relaxation, a roster from its
 * support, branch-and-cut; on large models the last stage's neighbourhood
 * search instead), each with its own share of the time. */
#include "regen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "decode.h"
#include "log.h"
#include "run.h"

/* What one stage hands on. */
typedef struct stage_out {
    double *best;          /* full column vector (owned), NULL: none */
    double  obj, bound;
    int     done;          /* proven within the stage's gap */
    int     infeasible;    /* proven: no roster at all */
    int     timed_out;
    double  first;         /* seconds to its first roster, -1 none */
} stage_out;

typedef struct regen {
    const mr_model    *m;
    const mr_solution *pub;
    const mr_solve_opts *o;
    mr_lpb   *b;
    double   *obj;         /* the model's own objective per column */
    double    obj0;
    double   *chg;         /* change coefficient per x */
    double    chg0;        /* change constant (forced changes) */
    int       from_dd;     /* day offset of from, clamped to the month */
    double    t0;
} regen;

/* The x of a person-session matching an assignment: the exact variant
 * (specialty too) when it exists, else any of the same activity and site;
 * -1 when none. */
static int find_x(const mr_lpb *b, const mr_assignment *a)
{
    int lo, hi, loose = -1;
    mr_lpb_range(b, a->staff, a->date - b->first_day, a->period, &lo, &hi);
    for (int k = lo; k < hi; k++) {
        const mr_xvar *x = &b->x[k];
        if (x->activity != a->activity || x->site != a->site)
            continue;
        if (x->specialty == a->specialty)
            return k;
        if (loose < 0)
            loose = k;
    }
    return loose;
}

/* Per person-session of the month: the published assignment there, -1. */
static int *index_pub(const regen *g)
{
    const mr_lpb *b = g->b;
    int n = b->n_staff * b->n_days * b->n_periods;
    int *at = mr_malloc(((size_t)n + 1) * sizeof *at);

    if (at == NULL)
        return NULL;
    for (int i = 0; i < n; i++)
        at[i] = -1;
    for (int i = 0; i < g->pub->n_assign; i++) {
        const mr_assignment *a = &g->pub->assign[i];
        int dd = a->date - b->first_day, s;
        if (a->staff < 0 || a->staff >= b->n_staff || dd < 0
            || dd >= b->n_days || a->period < 0 || a->period >= b->n_periods)
            continue;
        s = mr_lpb_sess(b, a->staff, dd, a->period);
        if (at[s] < 0)
            at[s] = i;
    }
    return at;
}

/* Fixes the past and sets the change coefficients of the future. */
static int prepare(regen *g)
{
    mr_lpb *b = g->b;
    mr_mip *p = &b->mip;
    int *at, rc = MR_OK;
    char d[11];

    if ((at = index_pub(g)) == NULL)
        return MR_ENOMEM;
    for (int q = 0; q < b->n_staff; q++)
        for (int dd = 0; dd < b->n_days; dd++)
            for (int t = 0; t < b->n_periods; t++) {
                int i = at[mr_lpb_sess(b, q, dd, t)], lo, hi, k = -1;
                const mr_assignment *a = i >= 0 ? &g->pub->assign[i] : NULL;
                mr_lpb_range(b, q, dd, t, &lo, &hi);
                if (a != NULL)
                    k = find_x(b, a);
                if (dd < g->from_dd) {
                    if (a != NULL && k < 0) {
                        mr_date_format(a->date, d);
                        mr_log(MR_LOG_ERROR, "regenerate: the published "
                               "assignment of %s on %s %s (%s at %s) is no "
                               "longer possible and cannot be kept",
                               g->m->staff[q].id, d, g->m->periods[t].id,
                               g->m->activities[a->activity].id,
                               g->m->sites[a->site].id);
                        rc = MR_EINVAL;
                    }
                    for (int j = lo; j < hi; j++)
                        p->cols[j].lb = p->cols[j].ub = j == k ? 1 : 0;
                    continue;
                }
                if (a == NULL) {
                    for (int j = lo; j < hi; j++)
                        g->chg[j] = 1;
                    continue;
                }
                g->chg0 += 1;
                for (int j = lo; j < hi; j++)
                    if (b->x[j].activity == a->activity
                        && b->x[j].site == a->site)
                        g->chg[j] = -1;
            }
    mr_free(at);
    return rc;
}

static int is_shortfall(const mr_mip_col *c)
{
    return c->tag == MR_TAG_COVER || c->tag == MR_TAG_PCN;
}

enum { OBJ_SHORTFALL, OBJ_CHANGES, OBJ_MODEL };

static void set_objective(regen *g, int which)
{
    mr_mip *p = &g->b->mip;
    for (int j = 0; j < p->n_cols; j++) {
        double c = 0;
        if (which == OBJ_MODEL)
            c = g->obj[j];
        else if (which == OBJ_SHORTFALL && is_shortfall(&p->cols[j]))
            c = g->obj[j];
        else if (which == OBJ_CHANGES && j < g->b->n_x)
            c = g->chg[j];
        p->cols[j].obj = c;
    }
    p->obj0 = which == OBJ_MODEL ? g->obj0
              : which == OBJ_CHANGES ? g->chg0 : 0;
}

/* Stage 2's row: the shortfall cost stays within stage 1's value. */
static int add_shortfall_row(regen *g, double z)
{
    mr_mip *p = &g->b->mip;
    mr_mip_row_begin(p);
    for (int j = 0; j < p->n_cols; j++)
        if (is_shortfall(&p->cols[j]) && g->obj[j] != 0
            && mr_mip_row_add(p, j, g->obj[j]) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(p, -MR_MIP_INF, z + 1e-6 * fmax(1.0, fabs(z)),
                          "regen.shortfall", NULL);
}

/* Stage 3's row: at most n changes (integral, so half a unit of slack). */
static int add_changes_row(regen *g, int n)
{
    mr_mip *p = &g->b->mip;
    mr_mip_row_begin(p);
    for (int j = 0; j < g->b->n_x; j++)
        if (g->chg[j] != 0 && mr_mip_row_add(p, j, g->chg[j]) != MR_OK)
            return MR_ENOMEM;
    return mr_mip_row_end(p, -MR_MIP_INF, n - g->chg0 + 0.5,
                          "regen.changes", NULL);
}

/* On large models the relaxation of a stage stops at this share of its
 * time and the Lagrangian pass after it at this one (as solve's
 * one-thread path). */
#define RELAX_SHARE    0.5
#define LAGRANGE_SHARE 0.1

/* Runs one stage on the model as it stands until deadline; the last
 * (final) probes first. */
static int run_stage(regen *g, double deadline, double gap, int final,
                     const double *warm, int report, stage_out *so)
{
    mr_run r;
    int rc = MR_OK;

    memset(so, 0, sizeof *so);
    so->obj = HUGE_VAL;
    so->bound = -HUGE_VAL;
    so->first = -1;
    memset(&r, 0, sizeof r);
    r.o = *g->o;
    r.o.gap = gap;
    r.o.write_lp = NULL;
    if (!report)
        r.o.progress = NULL;
    r.o.time_limit = fmax(0.01, deadline - mr_clock());
    r.m = g->m;
    r.b = g->b;
    r.t0 = g->t0;
    r.deadline = deadline;
    r.best_obj = HUGE_VAL;
    r.bound = -HUGE_VAL;
    r.first_seconds = -1;
    r.last_report = -1;
    if (g->b->mip.infeasible) {
        so->infeasible = 1;
        return MR_OK;
    }
    if (warm != NULL
        && (rc = mr_run_offer(&r, warm, mr_mip_objective(&g->b->mip, warm)))
               != MR_OK)
        goto done;
    if (final && (rc = mr_stage_probe(&r)) != MR_OK)
        goto done;
    /* Without a warm start (stage 1), a roster person by person first, as
     * solve does: regenerating generated M months from 1-2 Dec at 10 s,
     * the relaxation had not ended by stage 1's 3 s and the run ended
     * with no roster at all. */
    if (warm == NULL && mr_run_left(&r) > 0) {
        /* built at the changes' costs, so that it starts near the
         * published roster (XL seed 1 from 2 Dec at 300 s: built at the
         * shortfall's, it kept 1,288 changes to the end, 64.7% gap; built
         * so, 111 changes against a bound of 110, 0.245%) */
        set_objective(g, OBJ_CHANGES);
        rc = mr_stage_construct(&r);
        set_objective(g, OBJ_SHORTFALL);
        if (rc != MR_OK)
            goto done;
        if (r.best != NULL)
            r.best_obj = mr_mip_objective(&g->b->mip, r.best);
    }
    /* Large models: the relaxation within a share of the stage, so that
     * the search has time (XL seed 1 from 2 Dec at 300 s: the relaxation
     * took every stage's time and the roster kept 5,511 changes). */
    if (!r.infeasible
        && (rc = mr_run_small(&r) ? mr_stage_relax(&r)
                 : mr_stage_relax_within(&r, RELAX_SHARE * r.o.time_limit))
               != MR_OK)
        goto done;
    if (warm == NULL && !r.infeasible && mr_run_left(&r) > 0
        && (rc = mr_stage_relax_roster(&r, fmin(mr_run_left(&r),
                                                fmax(1.0, 0.3 * r.o.time_limit))))
               != MR_OK)
        goto done;
    /* On a large model each stage searches from its roster as solve
     * does (a Lagrangian pass for the guide, then the neighbourhood
     * search): GLPK's branch-and-cut on the whole model finds little
     * there (M seed 5, sickness on 11-15 Dec, from 14 Dec at 10 s: 5.11%
     * gap with it, 0.24% with the search, at 30 s 4.99% and 0.24%, same
     * changes; M seed 2 from 2 Dec: stage 2 left 808 changes against a
     * bound of 6). */
    if (r.best != NULL && !mr_run_small(&r)) {
        if (!r.infeasible && mr_stage_relaxed(&r) && !mr_run_done(&r)
            && mr_run_left(&r) > 0
            && (rc = mr_stage_lagrange(&r, mr_clock() + LAGRANGE_SHARE
                                           * r.o.time_limit, 0, NULL, NULL))
                   != MR_OK)
            goto done;
        if (!r.infeasible && !mr_run_done(&r) && mr_run_left(&r) > 0
            && (rc = mr_stage_lns(&r, deadline, 0)) != MR_OK)
            goto done;
    } else if (!r.infeasible && !mr_run_done(&r) && mr_run_left(&r) > 0
               && (rc = mr_stage_compact(&r)) != MR_OK)
        goto done;
    if (!mr_run_done(&r) && mr_run_left(&r) <= 0)
        r.timed_out = 1;
    if (report)
        mr_run_report(&r, 1);
    so->done = r.best != NULL && mr_run_done(&r);
    so->infeasible = r.best == NULL && r.infeasible;
    so->best = r.best;
    r.best = NULL;
    so->obj = r.best_obj;
    so->bound = r.bound < r.best_obj ? r.bound : r.best_obj;
    so->timed_out = r.timed_out;
    so->first = r.first_seconds;
done:
    mr_stage_free(&r);
    mr_free(r.best);
    return rc;
}

/* Moves (changes other than rooms) of a full column vector. */
static int count_moves(const regen *g, const double *x)
{
    double z = g->chg0;
    for (int j = 0; j < g->b->n_x; j++)
        z += g->chg[j] * (x[j] > 0.5 ? 1 : 0);
    return (int)lround(z);
}

/* Decodes the last roster, rooms preferring the published ones, and
 * counts the changes. */
static int finish(regen *g, const double *best, mr_solution *out,
                  mr_regen_info *info)
{
    mr_change *ch = NULL;
    int n = 0, rc;

    if ((rc = mr_decode(g->b, best, out)) != MR_OK
        && rc != MR_EINFEASIBLE)
        return rc;
    if ((rc = mr_regen_rooms(g->m, g->pub, out)) != MR_OK) {
        if (rc == MR_EINFEASIBLE) {
            mr_log(MR_LOG_ERROR, "regenerate: an assignment without a room");
            rc = MR_ESOLVER;
        }
        return rc;
    }
    if ((rc = mr_regen_diff(g->m, g->pub, out, &ch, &n)) != MR_OK)
        return rc;
    info->moves = count_moves(g, best);
    info->changes = n;
    info->room_changes = n - info->moves;
    if (info->room_changes < 0) {               /* a bug: say so, go on */
        mr_log(MR_LOG_WARN, "regenerate: the model counts %d changes, the "
               "roster %d", info->moves, n);
        info->room_changes = 0;
    }
    out->changes = n;
    out->parts.change = g->m->weights.change * n;
    mr_free(ch);
    return MR_OK;
}

int mr_regen_solve(const mr_model *m, const mr_solution *pub, int from,
                   const mr_solve_opts *o, mr_solution *out,
                   mr_regen_info *info)
{
    mr_solve_opts def;
    regen g;
    stage_out s1 = {0}, s2 = {0}, s3 = {0};
    const double *last = NULL;
    double limit, t;
    int rc;

    memset(&g, 0, sizeof g);
    memset(info, 0, sizeof *info);
    info->moves_bound = 0;
    mr_solution_reset(out);
    if (o == NULL) {
        mr_solve_opts_init(&def);
        o = &def;
    }
    g.m = m;
    g.pub = pub;
    g.o = o;
    g.t0 = mr_clock();
    limit = o->time_limit > 0 ? o->time_limit : 60;
    mr_glpk_hook();
    if ((rc = mr_lpb_build(m, &g.b)) != MR_OK)
        goto done;
    g.from_dd = from - g.b->first_day;
    if (g.from_dd < 0)
        g.from_dd = 0;
    if (g.from_dd > g.b->n_days)
        g.from_dd = g.b->n_days;
    rc = MR_ENOMEM;
    if ((g.obj = mr_malloc(((size_t)g.b->mip.n_cols + 1) * sizeof *g.obj))
            == NULL
        || (g.chg = mr_calloc((size_t)g.b->n_x + 1, sizeof *g.chg)) == NULL)
        goto done;
    for (int j = 0; j < g.b->mip.n_cols; j++)
        g.obj[j] = g.b->mip.cols[j].obj;
    g.obj0 = g.b->mip.obj0;
    if ((rc = prepare(&g)) != MR_OK)
        goto done;
    for (int i = 0; i < pub->n_assign; i++)
        info->fixed += pub->assign[i].date < from
                       && pub->assign[i].date >= g.b->first_day;

    /* Stage 1: the shortfall the changed inputs force. */
    set_objective(&g, OBJ_SHORTFALL);
    t = mr_clock();
    if ((rc = run_stage(&g, g.t0 + 0.3 * limit, 0, 0, NULL, 0, &s1))
        != MR_OK)
        goto done;
    info->stage_seconds[0] = mr_clock() - t;
    out->first_seconds = s1.first;
    if (s1.best == NULL) {
        out->outcome = s1.infeasible ? MR_OUT_INFEASIBLE : MR_OUT_TIME_LIMIT;
        out->bound = -DBL_MAX;
        out->gap = HUGE_VAL;
        goto figures;
    }
    last = s1.best;
    info->shortfall = s1.obj;
    info->shortfall_bound = s1.bound;
    mr_log(MR_LOG_INFO, "regenerate: stage 1 shortfall %.6g (bound %.6g, "
           "%.2f s)", s1.obj, s1.bound, info->stage_seconds[0]);

    /* Stage 2: the fewest changes that keep it. */
    if ((rc = add_shortfall_row(&g, s1.obj)) != MR_OK)
        goto done;
    set_objective(&g, OBJ_CHANGES);
    t = mr_clock();
    {
        /* Changes are whole: within (1 - eps) of the warm start's count,
         * relative, the bound rounds up to the optimum. */
        double w = fmax(1.0, count_moves(&g, s1.best));
        if ((rc = run_stage(&g, t + 0.5 * (g.t0 + limit - t),
                            (1 - 1e-6) / w, 0, s1.best, 0, &s2)) != MR_OK)
            goto done;
    }
    info->stage_seconds[1] = mr_clock() - t;
    if (s2.best != NULL)
        last = s2.best;
    info->moves = count_moves(&g, last);
    info->moves_bound = s2.bound > -HUGE_VAL
                        ? (int)ceil(s2.bound - 1e-6) : 0;
    if (info->moves_bound > info->moves)
        info->moves_bound = info->moves;
    if (info->moves_bound < 0)
        info->moves_bound = 0;
    mr_log(MR_LOG_INFO, "regenerate: stage 2 changes %d (bound %d, %.2f s)",
           info->moves, info->moves_bound, info->stage_seconds[1]);

    /* Stage 3: the rest of the objective. */
    if ((rc = add_changes_row(&g, info->moves)) != MR_OK)
        goto done;
    set_objective(&g, OBJ_MODEL);
    t = mr_clock();
    if ((rc = run_stage(&g, g.t0 + limit, o->gap >= 0 ? o->gap : 1e-4, 1,
                        last, 1, &s3)) != MR_OK)
        goto done;
    info->stage_seconds[2] = mr_clock() - t;
    if (s3.best != NULL)
        last = s3.best;
    info->proven = s1.done && info->moves_bound == info->moves;
    if ((rc = finish(&g, last, out, info)) != MR_OK)
        goto done;
    /* The change cost is constant in stage 3: at least moves_bound. */
    out->objective = mr_mip_objective(&g.b->mip, last) + out->parts.change;
    out->bound = s3.bound > -HUGE_VAL
                 ? fmin(s3.bound + m->weights.change * info->moves_bound,
                        out->objective)
                 : -DBL_MAX;
    out->gap = out->bound > -DBL_MAX
               ? (out->objective - out->bound) / fmax(1.0, fabs(out->objective))
               : HUGE_VAL;
    if (s3.done && info->proven)
        out->outcome = MR_OUT_OPTIMAL;
    else if (s1.timed_out || s2.timed_out || s3.timed_out)
        out->outcome = MR_OUT_TIME_LIMIT;
    else
        out->outcome = MR_OUT_FEASIBLE;
    mr_log(MR_LOG_INFO, "regenerate: %d changes (%d rooms), bound %d, "
           "objective %.6g, %s", info->changes, info->room_changes,
           info->moves_bound, out->objective, mr_outcome_name(out->outcome));
figures:
    out->seconds = mr_clock() - g.t0;
    rc = MR_OK;
done:
    mr_free(s1.best);
    mr_free(s2.best);
    mr_free(s3.best);
    mr_free(g.obj);
    mr_free(g.chg);
    mr_lpb_free(g.b);
    return rc;
}
