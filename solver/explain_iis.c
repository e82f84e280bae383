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
 *   1. small neighbourhoods, each asked of the LP alone after a quick
 *      count says it could fail: one hard cover session against what
 *      keeps its people away whatever the roster; one person's own items;
 *      one session's hard cover with the site's rooms. Most conflicts a
 *      rota manager makes are found here in a few questions;
 *   2. else the whole month: the month with every item (= as given) must
 *      be infeasible; then the elastic filter (Chinneck): items outside a
 *      hard set H are softened (rows get penalised slacks, forbidden
 *      assignments a cost), and the items that give way in a cheapest
 *      softened roster join H, until H alone is infeasible;
 *   3. QuickXplain (Junker) reduces the set found to a minimal conflict,
 *      preferring cover and leave (the order of preference below);
 *   4. each item of the result is lifted alone: a roster (the MIP) then
 *      proves it is needed; a time limit leaves it unproven.
 * A question not answered in time counts as "has a roster", which can
 * only keep items in the set: the final checks say which are proven. */
#include "explain_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "log.h"
#include "run.h"

#define EPS 1e-6
#define MAX_ROUNDS 60

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

/* Step 2: grows c->state from nothing until it alone is infeasible.
 * *ok is 0 when that could not be shown in time. */
static int elastic_filter(mr_xiis *c, int *ok)
{
    double *x = NULL;
    int rc = MR_OK, res, integer = 0;

    *ok = 0;
    if ((x = mr_malloc(((size_t)mr_feas_n_cols(c->f) + 1) * sizeof *x))
        == NULL)
        return MR_ENOMEM;
    memset(c->state, 0, (size_t)c->n);
    for (int round = 0; round < MAX_ROUNDS && mr_xiis_left(c) > 0; round++) {
        double value;
        int added = 0;
        mr_xiis_sync(c);
        mr_xiis_elastic(c, 1);
        c->n_checks++;
        rc = mr_feas_minimise(c->f, integer, integer ? fmin(c->step, mr_xiis_left(c))
                                                     : mr_xiis_left(c),
                              &res, &value, x);
        mr_xiis_elastic(c, 0);
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
            if (!c->state[i] && mr_xiis_violated(c, i, x)) {
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
static int qx(mr_xiis *c, const int *C, int n, int delta, int *out, int *n_out)
{
    int rc, res, k, start;

    if (delta) {
        if ((rc = mr_xiis_check(c, c->step, &res)) != MR_OK)
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

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts item indices by preference, then index (keys pref * n + i). */
static void sort_pref(const mr_xiis *c, int *v, int n)
{
    for (int i = 0; i < n; i++)
        v[i] += PREFERENCE[c->all.items[v[i]].kind] * c->n;
    qsort(v, (size_t)n, sizeof *v, cmp_int);
    for (int i = 0; i < n; i++)
        v[i] %= c->n;
}

/* Step 4: lifts each item of set alone. Drops any that turns out not to be
 * needed and says which are proven. */
static int prove(mr_xiis *c, int *set, int *n, int *proven, int *infeasible,
                 int *lp)
{
    int rc, res;

    for (int again = 1; again;) {
        again = 0;
        memset(c->state, 0, (size_t)c->n);
        for (int i = 0; i < *n; i++)
            c->state[set[i]] = 1;
        if ((rc = mr_xiis_check(c, c->step, &res)) != MR_OK)
            return rc;
        *infeasible = res == MR_FEAS_INFEASIBLE;
        *lp = c->last_lp;
        if (!*infeasible)
            return MR_OK;
        for (int i = 0; i < *n; i++) {
            c->state[set[i]] = 0;
            if ((rc = mr_xiis_check(c, c->step, &res)) != MR_OK)
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

static void add_item(mr_xiis *c, int it, int *N, int *n)
{
    if (it >= 0 && it < c->n && !c->mark[it]) {
        c->mark[it] = 1;
        N[(*n)++] = it;
    }
}

static void unmark(mr_xiis *c, const int *N, int n)
{
    for (int i = 0; i < n; i++)
        c->mark[N[i]] = 0;
}

/* The items that keep the people of a hard cover row away from it
 * whatever the roster: the leave, pattern and opening items forbidding
 * its assignments, an evening limit, a week with nothing due. */
static void statics_of_cover(mr_xiis *c, int item, int *N, int *n)
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
static int cover_people(mr_xiis *c, int item, unsigned char *seen, int *who,
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
static int session_suspect(mr_xiis *c, const int *items, int n_items,
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
static int person_suspect(const mr_xiis *c, int p)
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
static int try_set(mr_xiis *c, int *N, int n, int *R, int *n_r, int *found)
{
    int rc, res;

    *found = 0;
    if (n == 0)
        return MR_OK;
    memset(c->state, 0, (size_t)c->n);
    for (int i = 0; i < n; i++)
        c->state[N[i]] = 1;
    if ((rc = mr_xiis_check(c, c->step, &res)) != MR_OK
        || res != MR_FEAS_INFEASIBLE)
        return rc;
    sort_pref(c, N, n);
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
static int local_steps(mr_xiis *c, int *N, int *R, int *n_r, int *found,
                       unsigned char *seen, int *who);

static int local_search(mr_xiis *c, int *N, int *R, int *n_r, int *found)
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

static int local_steps(mr_xiis *c, int *N, int *R, int *n_r, int *found,
                       unsigned char *seen, int *who)
{
    const mr_model *m = c->m;
    int rc, n;

    *found = 0;
    for (int i = 0; i < c->n && mr_xiis_left(c) > 0; i++) {
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
    for (int p = 0; p < m->n_staff && mr_xiis_left(c) > 0; p++) {
        if (!person_suspect(c, p))
            continue;
        n = 0;
        for (int k = c->pbeg[p]; k < c->pbeg[p + 1]; k++)
            add_item(c, c->pitems[k], N, &n);
        unmark(c, N, n);
        if ((rc = try_set(c, N, n, R, n_r, found)) != MR_OK || *found)
            return rc;
    }
    for (int i = 0; i < c->n && mr_xiis_left(c) > 0; i++) {
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
static int global_search(mr_xiis *c, mr_conflict *out, int *N, int *R,
                         int *n_r, int *found, int *feasible)
{
    int rc, res, ok, n = 0;

    *found = *feasible = 0;
    memset(c->state, 1, (size_t)c->n);
    if ((rc = mr_xiis_check(c, fmax(c->step, 0.5 * mr_xiis_left(c)), &res)) != MR_OK)
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
    sort_pref(c, N, n);
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
    mr_xiis c;
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
    if ((rc = mr_xiis_setup(&c)) != MR_OK)
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
    sort_pref(&c, R, n_r);
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
    mr_xiis_free(&c);
    return rc;
}
