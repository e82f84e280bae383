/* Primal heuristics of the Curtois-Qu solver that need no LP.
 *
 * Best response: with everyone else's schedule fixed, the cover penalty
 * changes by exactly -under weight or +over weight when one more employee
 * works a (day, shift), so the pricing programme with those marginal costs
 * plus the employee's request costs finds the employee's best schedule
 * outright. Repeating that over the employees is a local search whose
 * neighbourhood is a whole schedule; from an empty roster it is a greedy
 * construction. Best responses cannot trade work between two employees
 * when each alone would lose, so the search alternates with swaps of
 * blocks of days between two employees, which leave the cover unchanged.
 *
 * Rules the pricer does not track (when tracking every one would not fit
 * the state budget) are met by Lagrangian penalties: a cost per shift of an
 * over-used type (projected subgradient), per weekend and per minute
 * (bisection, with a little noise to break the ties at the jump), then by
 * a repair that climbs down the remaining excess with single-day changes;
 * failing that, by a second pricer that tracks more. The search ends with
 * a schedule that obeys every rule, or says it found none. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "clock.h"
#include "diag.h"
#include "log.h"
#include "nrp_int.h"

#define MAX_ROUNDS 30           /* Lagrangian rounds */
#define FULL_ROUNDS 10          /* ... with the fallback pricer */
#define SWAP_LEN 14            /* longest block a swap exchanges */
#define FULL_DAY 200000        /* the fallback pricer's budget per day */
#define FULL_TOTAL 20000000    /* ... and over the horizon */

static int best_response(nrp_ctx *x, int *roster, double deadline);

double nrp_clock(int cpu)
{
    struct timespec ts;
    if (!cpu)
        return mr_clock();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct breach {
    int type[MR_NRP_MAX_TYPES];   /* shifts over the limit, per type */
    int weekends;                 /* weekends over the limit */
    long minutes;                 /* < 0: below the minimum, > 0: above */
    int any;
} breach;

/* The untracked rules sched breaks. */
static void breaches(const nrp_ctx *x, int e, const nrp_track *need,
                     const nrp_track *tr, const int *sched, breach *b)
{
    const mr_nrp *p = x->p;
    int h = x->h, T = x->T, count[MR_NRP_MAX_TYPES] = {0}, wk = 0;
    long min = 0;

    memset(b, 0, sizeof *b);
    for (int d = 0; d < h; d++)
        if (sched[d] >= 0) {
            count[sched[d]]++;
            min += p->shift_len[sched[d]];
        }
    for (int k = 0; 7 * k + 5 < h; k++)
        wk += sched[7 * k + 5] >= 0 || (7 * k + 6 < h && sched[7 * k + 6] >= 0);
    /* negative entries: slack, for the subgradient */
    for (int t = 0; t < T; t++)
        if (need->type[t] && !tr->type[t]) {
            b->type[t] = count[t] - p->max_shifts[(size_t)e * T + t];
            b->any |= b->type[t] > 0;
        }
    if (need->weekends && !tr->weekends) {
        b->weekends = wk - p->max_weekends[e];
        b->any |= b->weekends > 0;
    }
    if (need->minutes && !tr->minutes) {
        if (min < p->min_minutes[e])
            b->minutes = min - p->min_minutes[e];
        else if (min > p->max_minutes[e])
            b->minutes = min - p->max_minutes[e];
        b->any |= b->minutes != 0;
    }
}

/* How far sched is from obeying the resource rules (types, weekends,
 * minutes in units of the shortest shift); -1 when it breaks a sequence
 * rule (succession, runs, days off). */
static double resource_gap(const mr_nrp *p, int e, const int *sched)
{
    int v[MR_NRP_N_RULES] = {0}, h = p->n_days, T = p->n_shifts, wk = 0;
    int count[MR_NRP_MAX_TYPES] = {0}, shortest = 1 << 30;
    long min = 0;
    double gap = 0;

    mr_nrp_check_staff(p, e, sched, v, NULL, NULL);
    if (v[MR_NRP_BAD_SHIFT] + v[MR_NRP_SUCCESSION] + v[MR_NRP_MAX_CONSEC] +
        v[MR_NRP_MIN_CONSEC] + v[MR_NRP_MIN_OFF] + v[MR_NRP_DAY_OFF] > 0)
        return -1;
    for (int d = 0; d < h; d++)
        if (sched[d] >= 0) {
            count[sched[d]]++;
            min += p->shift_len[sched[d]];
        }
    for (int t = 0; t < T; t++) {
        int over = count[t] - p->max_shifts[(size_t)e * T + t];
        if (over > 0)
            gap += 4.0 * over;
        if (p->shift_len[t] < shortest)
            shortest = p->shift_len[t];
    }
    for (int k = 0; 7 * k + 5 < h; k++)
        wk += sched[7 * k + 5] >= 0 || (7 * k + 6 < h && sched[7 * k + 6] >= 0);
    /* a weekend or a type weighs more than a shift's minutes, so that
     * clearing a weekend pays even when the minutes must then be made up */
    if (wk > p->max_weekends[e])
        gap += 4.0 * (wk - p->max_weekends[e]);
    if (min < p->min_minutes[e])
        gap += (double)(p->min_minutes[e] - min) / shortest;
    else if (min > p->max_minutes[e])
        gap += (double)(min - p->max_minutes[e]) / shortest;
    return gap;
}

/* Hill climbing on the resource gap by changes that keep every sequence
 * rule: one day's option, or a whole weekend off; each step the change
 * that closes most of the gap, the cheapest under arc among equals. The
 * rules a Lagrangian penalty cannot meet (a minutes window narrower than
 * the step between shift lengths, thresholds where many schedules tie)
 * are usually a few such changes away. Returns 1 when sched is feasible. */
static int repair(nrp_ctx *x, int e, const double *arc, int *sched)
{
    const mr_nrp *p = x->p;
    int h = x->h, T = x->T;
    double gap = resource_gap(p, e, sched);

    for (int it = 0; it < 40 && gap > 0; it++) {
        int bd = -1, bs = 0, bw = 0;
        double bg = gap, bc = NRP_INF;
        for (int d = 0; d < h; d++) {
            int old = sched[d];
            double a0 = arc[(size_t)d * (T + 1) + (old < 0 ? T : old)];
            for (int s = -1; s < T; s++) {
                double a = arc[(size_t)d * (T + 1) + (s < 0 ? T : s)];
                if (s == old || a >= NRP_INF)
                    continue;
                sched[d] = s;
                double g = resource_gap(p, e, sched);
                sched[d] = old;
                if (g < 0 || g > bg + 1e-9 || (g > bg - 1e-9 && a - a0 >= bc))
                    continue;
                if (g > gap - 1e-9)
                    continue;
                bd = d;
                bs = s;
                bw = 0;
                bg = g;
                bc = a - a0;
            }
        }
        for (int k = 0; 7 * k + 6 < h; k++) {
            int d = 7 * k + 5, o1 = sched[d], o2 = sched[d + 1];
            if (o1 < 0 || o2 < 0 || arc[(size_t)d * (T + 1) + T] >= NRP_INF ||
                arc[(size_t)(d + 1) * (T + 1) + T] >= NRP_INF)
                continue;
            double c = arc[(size_t)d * (T + 1) + T] +
                       arc[(size_t)(d + 1) * (T + 1) + T] -
                       arc[(size_t)d * (T + 1) + o1] -
                       arc[(size_t)(d + 1) * (T + 1) + o2];
            sched[d] = sched[d + 1] = MR_NRP_OFF;
            double g = resource_gap(p, e, sched);
            sched[d] = o1;
            sched[d + 1] = o2;
            if (g < 0 || g > gap - 1e-9 || g > bg + 1e-9 ||
                (g > bg - 1e-9 && c >= bc))
                continue;
            bd = d;
            bw = 1;
            bg = g;
            bc = c;
        }
        if (bd < 0)
            return 0;
        if (bw)
            sched[bd] = sched[bd + 1] = MR_NRP_OFF;
        else
            sched[bd] = bs;
        gap = bg;
    }
    return gap == 0;
}

/* The Lagrangian loop with pricer pr (tracking tr). */
static int lagrangian(nrp_ctx *x, nrp_pricer *pr, const nrp_track *tr,
                      int e, const double *arc, int *sched, double *cost,
                      int max_rounds, int gentle)
{
    const mr_nrp *p = x->p;
    int h = x->h, T = x->T, n, repairs = 0;
    nrp_track need;
    double pen_t[MR_NRP_MAX_TYPES] = {0}, pen_wk = 0, pen_min = 0;
    double min_lo = -NRP_INF, min_hi = NRP_INF;   /* bracket of pen_min */
    double wk_lo = 0, wk_hi = NRP_INF;            /* bracket of pen_wk */
    double step = 8.0, c, noise = 0, best_gap = NRP_INF;
    breach b;

    nrp_needed(p, e, &need);
    for (int round = 0; round < max_rounds; round++) {
        const double *a = arc;
        /* once the minutes penalty is bracketed, many schedules tie at
         * the jump between too few and too many minutes: a little noise
         * breaks the ties so that totals in between appear */
        if (min_lo > -NRP_INF && min_hi < NRP_INF && noise < 8.0)
            noise += 1.0;
        if (round > 0) {
            unsigned seed = 2166136261u ^ (unsigned)(e * 977 + round * 131);
            for (int d = 0; d < h; d++)
                for (int s = 0; s <= T; s++) {
                    double v = arc[(size_t)d * (T + 1) + s];
                    if (s < T && v < NRP_INF) {
                        v += pen_t[s] + pen_min * p->shift_len[s];
                        seed = seed * 1103515245u + 12345u;
                        v += noise * (double)(seed >> 16 & 1023) / 1024.0;
                    }
                    x->arc2[(size_t)d * (T + 1) + s] = v;
                }
            a = x->arc2;
        }
        n = nrp_price(pr, x->sc, a, pen_wk, 1, sched, &c);
        if (n <= 0)
            return n;
        breaches(x, e, &need, tr, sched, &b);
        if (b.any && repairs < 3) {
            double g = resource_gap(p, e, sched);
            if (g >= 0 && g <= 12 && (repairs++, repair(x, e, arc, sched)))
                b.any = 0;
            else if (g >= 0 && g < best_gap) {
                best_gap = g;
                memcpy(x->best_sched, sched, (size_t)h * sizeof(int));
            }
        } else if (b.any) {
            double g = resource_gap(p, e, sched);
            if (g >= 0 && g < best_gap) {
                best_gap = g;
                memcpy(x->best_sched, sched, (size_t)h * sizeof(int));
            }
        }
        if (!b.any) {
            *cost = 0;
            for (int d = 0; d < h; d++)
                *cost += arc[(size_t)d * (T + 1) +
                             (sched[d] < 0 ? T : sched[d])];
            return 1;
        }
        /* projected subgradient on the type limits */
        for (int t = 0; t < T; t++) {
            /* gentle: a type's penalty falls by at most one step a round;
             * else, with several limited types and a year (instance 22),
             * the work swings from one type to the next, each penalty
             * dropping to 0 as soon as its type is empty */
            pen_t[t] += step * (gentle && b.type[t] < -1 ? -1 : b.type[t]);
            if (pen_t[t] < 0)
                pen_t[t] = 0;
        }
        /* bisection on the weekends and minutes penalties (gentle: the
         * weekends by the same subgradient as the types, for a bracket
         * set while the type penalties still moved is stale) */
        if (gentle) {
            pen_wk += step * (b.weekends < -1 ? -1 : b.weekends);
            if (pen_wk < 0)
                pen_wk = 0;
        } else if (b.weekends > 0) {
            wk_lo = pen_wk;
            pen_wk = wk_hi < NRP_INF ? 0.5 * (wk_lo + wk_hi)
                                     : pen_wk + step * b.weekends;
        } else if (b.weekends < 0 && pen_wk > 0) {
            wk_hi = pen_wk;                /* maybe too high: back off */
            pen_wk = 0.5 * (wk_lo + wk_hi);
        }
        if (b.minutes != 0) {
            if (b.minutes < 0)
                min_hi = pen_min;          /* must reward minutes more */
            else
                min_lo = pen_min;
            if (min_lo > -NRP_INF && min_hi < NRP_INF)
                pen_min = 0.5 * (min_lo + min_hi);
            else
                pen_min += (b.minutes < 0 ? -step : step) / 480.0 *
                           (1.0 + fabs((double)b.minutes) / 480.0);
        }
        if (step < 1000)
            step *= 1.3;
    }
    /* the closest schedule seen, repaired */
    if (best_gap < NRP_INF) {
        memcpy(sched, x->best_sched, (size_t)h * sizeof(int));
        if (repair(x, e, arc, sched)) {
            *cost = 0;
            for (int d = 0; d < h; d++)
                *cost += arc[(size_t)d * (T + 1) +
                             (sched[d] < 0 ? T : sched[d])];
            return 1;
        }
    }
    if (mr_log_enabled()) {
        char buf[512];
        int k = 0;
        for (int t = 0; t < T && k < 400; t++)
            if (b.type[t] > 0)
                k += snprintf(buf + k, sizeof buf - k, " %s+%d",
                              p->shift_ids[t], b.type[t]);
        mr_log(MR_LOG_DEBUG, "nrp: no schedule yet for employee %s: weekends "
               "%+d, minutes %+ld, types%s", p->staff_ids[e], b.weekends,
               b.minutes, k ? buf : " ok");
    }
    return 0;
}

int nrp_feasible_schedule(nrp_ctx *x, int e, const double *arc, int *sched,
                          double *cost, int need)
{
    int rc = lagrangian(x, x->pr[e], &x->track[e], e, arc, sched, cost,
                        MAX_ROUNDS, 0);
    if (rc != 0 || x->full == NULL || !need)
        return rc;
    /* the fallback: a pricer that tracks more (minutes first), built once */
    if (x->full[e] == NULL) {
        nrp_choose_tracking(x->p, e, FULL_DAY, FULL_TOTAL, 0,
                            &x->full_track[e]);
        if (nrp_pricer_new(x->p, e, &x->full_track[e], &x->full[e]) != MR_OK)
            return -1;
    }
    rc = lagrangian(x, x->full[e], &x->full_track[e], e, arc, sched, cost,
                    FULL_ROUNDS, 0);
    if (rc != 0)
        return rc;
    return lagrangian(x, x->full[e], &x->full_track[e], e, arc, sched, cost,
                      MAX_ROUNDS, 1);
}

static double marginal(const mr_nrp *p, const int *count, int k)
{
    return count[k] < p->cover_req[k] ? -(double)p->cover_under[k]
                                      : (double)p->cover_over[k];
}

/* Arc costs of employee e's best response to count (everyone else). */
static void response_arcs(nrp_ctx *x, int e)
{
    const mr_nrp *p = x->p;
    int h = x->h, T = x->T;
    const double *pc = x->pc + (size_t)e * h * (T + 1);
    for (int d = 0; d < h; d++)
        for (int s = 0; s <= T; s++)
            x->arc[(size_t)d * (T + 1) + s] =
                pc[(size_t)d * (T + 1) + s] +
                (s < T ? marginal(p, x->count, d * T + s) : 0.0);
}

static void tally(nrp_ctx *x, const int *sched, int sign)
{
    for (int d = 0; d < x->h; d++)
        if (sched[d] >= 0)
            x->count[d * x->T + sched[d]] += sign;
}

/* Swaps of blocks of days between two employees: the cover does not
 * change, so only request costs and the two employees' hard rules (checked
 * by the evaluator) matter. First improvement over every pair, start day
 * and length up to SWAP_LEN. Returns 1 when something improved. */
static int swap_pass(nrp_ctx *x, int *roster, double deadline)
{
    const mr_nrp *p = x->p;
    int h = x->h, T = x->T, E = x->E, improved = 0;
    int maxlen = h < SWAP_LEN ? h : SWAP_LEN;

#define PC(e, d, s) x->pc[((size_t)(e) * h + (d)) * (T + 1) + \
                          ((s) < 0 ? T : (s))]
    for (int e1 = 0; e1 < E; e1++) {
        if (nrp_clock(x->cpu) >= deadline)
            break;
        int *s1 = roster + (size_t)e1 * h;
        for (int e2 = e1 + 1; e2 < E; e2++) {
            int *s2 = roster + (size_t)e2 * h;
            for (int a = 0; a < h; a++) {
                double delta = 0;
                for (int len = 1; len <= maxlen && a + len <= h; len++) {
                    int d = a + len - 1;
                    if (s1[d] == s2[d])
                        continue;
                    delta += PC(e1, d, s2[d]) + PC(e2, d, s1[d]) -
                             PC(e1, d, s1[d]) - PC(e2, d, s2[d]);
                    if (delta > -1e-9)
                        continue;
                    for (int i = a; i <= d; i++) {
                        int t = s1[i];
                        s1[i] = s2[i];
                        s2[i] = t;
                    }
                    if (mr_nrp_check_staff(p, e1, s1, NULL, NULL, NULL) == 0
                        && mr_nrp_check_staff(p, e2, s2, NULL, NULL,
                                              NULL) == 0) {
                        improved = 1;
                        delta = 0;         /* the block is the new state */
                        continue;
                    }
                    for (int i = a; i <= d; i++) {
                        int t = s1[i];
                        s1[i] = s2[i];
                        s2[i] = t;
                    }
                }
            }
        }
    }
#undef PC
    return improved;
}

int nrp_local_search(nrp_ctx *x, int *roster, double deadline)
{
    int complete = 1;
    for (int round = 0;; round++) {
        complete = best_response(x, roster, deadline);
        if (complete != 1 || nrp_clock(x->cpu) >= deadline ||
            !swap_pass(x, roster, deadline))
            break;
    }
    return complete;
}

static int best_response(nrp_ctx *x, int *roster, double deadline)
{
    int h = x->h, T = x->T, E = x->E, complete = 1;
    const int UNSET = MR_NRP_OFF - 1;

    memset(x->count, 0, (size_t)h * T * sizeof(int));
    for (int e = 0; e < E; e++)
        if (roster[(size_t)e * h] != UNSET)
            tally(x, roster + (size_t)e * h, 1);
    for (int pass = 0;; pass++) {
        int changed = 0;
        complete = 1;
        for (int e = 0; e < E; e++) {
            int *s = roster + (size_t)e * h, unset = s[0] == UNSET, rc;
            double cur = 0, c;
            /* a schedule breaking a rule (from rounding) must go */
            int broken = !unset && mr_nrp_check_staff(x->p, e, s, NULL, NULL,
                                                      NULL) > 0;
            if (!unset && nrp_clock(x->cpu) >= deadline)
                continue;
            if (!unset)
                tally(x, s, -1);
            response_arcs(x, e);
            if (!unset)
                for (int d = 0; d < h; d++)
                    cur += x->arc[(size_t)d * (T + 1) + (s[d] < 0 ? T : s[d])];
            rc = nrp_feasible_schedule(x, e, x->arc, x->sched, &c,
                                       unset || broken);
            if (rc < 0)
                return -1;
            if (rc == 1 && (unset || broken || c < cur - 1e-9)) {
                memcpy(s, x->sched, (size_t)h * sizeof(int));
                changed = 1;
                unset = 0;
            }
            if (!unset)
                tally(x, s, 1);
            else
                complete = 0;
            if (broken && rc != 1)
                complete = 0;
        }
        if (!changed || nrp_clock(x->cpu) >= deadline)
            break;
    }
    return complete;
}

/* Ruin and recreate around the local search (an iterated local search):
 * the best responses and block swaps stop at a roster where no single
 * employee nor pair of blocks can improve, although several employees
 * moving together could. So: clear 2 to 5 employees' schedules, chosen at
 * random, let the best responses rebuild them against everyone else and
 * polish, and keep the result when it is no worse (equal moves let the
 * search drift across plateaus). roster is complete and feasible; work is
 * scratch of E * h. Returns how many strictly better rosters were found
 * (roster then holds the best), -1 when out of memory. */
int nrp_ruin_recreate(nrp_ctx *x, int *roster, int *work, double deadline,
                      unsigned *seed)
{
    size_t n = (size_t)x->E * x->h;
    int better = 0;
    mr_nrp_eval ev;

    mr_nrp_evaluate(x->p, roster, &ev);
    long cur = ev.n_violations ? -1 : ev.objective;
    if (cur < 0 || x->E < 2)
        return 0;
    while (nrp_clock(x->cpu) < deadline) {
        memcpy(work, roster, n * sizeof(int));
        *seed = *seed * 1103515245u + 12345u;
        int k = 2 + (int)(*seed >> 16) % 4;
        if (k > x->E)
            k = x->E;
        for (int i = 0; i < k; i++) {
            *seed = *seed * 1103515245u + 12345u;
            int e = (int)((*seed >> 8) % (unsigned)x->E);
            for (int d = 0; d < x->h; d++)
                work[(size_t)e * x->h + d] = MR_NRP_OFF - 1;
        }
        int rc = nrp_local_search(x, work, deadline);
        if (rc < 0)
            return -1;
        if (rc != 1)
            continue;
        mr_nrp_evaluate(x->p, work, &ev);
        if (ev.n_violations || ev.objective > cur)
            continue;
        better += ev.objective < cur;
        cur = ev.objective;
        memcpy(roster, work, n * sizeof(int));
    }
    return better;
}
