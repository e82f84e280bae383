/* The pricing programme of the Curtois-Qu column generation: for one
 * employee, the cheapest schedules under given per-day costs.
 *
 * A forward dynamic programme over the days. Its state is a sequence state
 * (off for o days, o capped at MinConsecutiveDaysOff; or working a run of
 * r days whose last shift is of class c, the shifts of a class having the
 * same forbidden successors) times the values of the tracked resources
 * (total minutes in units of the gcd of the shift lengths, weekends worked,
 * days on each tracked type), in a mixed-radix index. Every state is kept:
 * the programme is exact, no dominance or beam, which is what lets the
 * column generation's bound be a proven lower bound. The budget of states
 * decides what is tracked (nrp_choose_tracking); the rest is left to master
 * rows.
 *
 * Boundary conventions, as in FORMAT.md: a run of work or of days off that
 * began on day 0 (its length equals the day index) is exempt from the
 * minimum-length rules, and every state is a valid end state, so runs
 * touching day h-1 are exempt too. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "nrp_int.h"

struct nrp_pricer {
    const mr_nrp *p;
    int e, h, T;
    nrp_track tr;
    int n_elig, elig[MR_NRP_MAX_TYPES];
    int cls_of[MR_NRP_MAX_TYPES];          /* -1: not eligible */
    int n_cls;
    uint64_t cls_forbid[MR_NRP_MAX_TYPES]; /* shifts barred after a class */
    int cmax, cmin, mino, O, S;
    int unit, m_cap, m_min, maxlen_u;
    int len_u[MR_NRP_MAX_TYPES];           /* per eligible index */
    int R;
    int *rnext;          /* R * n_elig: resources after a shift, -1 over */
    int *rwk;            /* R: after a weekend worked, -1 over */
    int *rmin;           /* R: minutes in units (0 untracked) */
    int *maxadd;         /* h * (cmax + 1): most further working days */
};

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int eligible(const mr_nrp *p, int e, int t)
{
    return p->max_shifts[(size_t)e * p->n_shifts + t] > 0 &&
           p->shift_len[t] <= p->max_minutes[e] && p->max_consec[e] >= 1;
}

/* Unit and largest length of the eligible shifts (unit 1 when none). */
static void lengths(const mr_nrp *p, int e, int *unit, int *maxlen)
{
    *unit = 0;
    *maxlen = 0;
    for (int t = 0; t < p->n_shifts; t++)
        if (eligible(p, e, t)) {
            *unit = gcd(*unit, p->shift_len[t]);
            if (p->shift_len[t] > *maxlen)
                *maxlen = p->shift_len[t];
        }
    if (*unit == 0)
        *unit = 1;
}

/* Sequence states and shift classes. */
static int classes(const mr_nrp *p, int e, int *cls_of, uint64_t *forbid)
{
    int T = p->n_shifts, n = 0;
    uint64_t elig = 0;
    for (int t = 0; t < T; t++)
        if (eligible(p, e, t))
            elig |= (uint64_t)1 << t;
    for (int t = 0; t < T; t++) {
        cls_of[t] = -1;
        if (!(elig >> t & 1))
            continue;
        uint64_t f = 0;
        for (int u = 0; u < T; u++)
            if (p->forbid[(size_t)t * T + u])
                f |= (uint64_t)1 << u;
        f &= elig;
        for (int c = 0; c < n && cls_of[t] < 0; c++)
            if (forbid[c] == f)
                cls_of[t] = c;
        if (cls_of[t] < 0) {
            forbid[n] = f;
            cls_of[t] = n++;
        }
    }
    return n;
}

static int seq_states(const mr_nrp *p, int e)
{
    int cls_of[MR_NRP_MAX_TYPES];
    uint64_t f[MR_NRP_MAX_TYPES];
    int n = classes(p, e, cls_of, f), O = p->min_off[e] > 1 ? p->min_off[e]
                                                           : 1;
    return O + n * p->max_consec[e];
}

void nrp_needed(const mr_nrp *p, int e, nrp_track *need)
{
    int h = p->n_days, avail = 0, workable = 0, unit, maxlen;
    const unsigned char *off = p->day_off + (size_t)e * h;

    memset(need, 0, sizeof *need);
    for (int d = 0; d < h; d++)
        avail += !off[d];
    for (int k = 0; 7 * k + 5 < h; k++)
        workable += !off[7 * k + 5] || (7 * k + 6 < h && !off[7 * k + 6]);
    lengths(p, e, &unit, &maxlen);
    need->minutes = p->min_minutes[e] > 0 ||
                    (long)avail * maxlen > p->max_minutes[e];
    need->weekends = p->max_weekends[e] < workable;
    for (int t = 0; t < p->n_shifts; t++)
        need->type[t] = eligible(p, e, t) &&
                        p->max_shifts[(size_t)e * p->n_shifts + t] < avail;
}

long nrp_choose_tracking(const mr_nrp *p, int e, long day_budget,
                         long total_budget, int minutes_last,
                         nrp_track *track)
{
    nrp_track need;
    long S = seq_states(p, e), R = 1, h = p->n_days;
    int unit, maxlen, order[MR_NRP_MAX_TYPES], n = 0;

    nrp_needed(p, e, &need);
    memset(track, 0, sizeof *track);
    lengths(p, e, &unit, &maxlen);
#define FITS(r) (S * R * (r) <= day_budget && h * S * R * (r) <= total_budget)
    long mr = p->max_minutes[e] / unit + 1;
    if (need.minutes && !minutes_last && FITS(mr)) {
        track->minutes = 1;
        R *= mr;
    }
    long wr = p->max_weekends[e] + 1;
    if (need.weekends && FITS(wr)) {
        track->weekends = 1;
        R *= wr;
    }
    /* the tightest type limits first */
    for (int t = 0; t < p->n_shifts; t++)
        if (need.type[t])
            order[n++] = t;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && p->max_shifts[(size_t)e * p->n_shifts +
                                               order[j]] <
                                     p->max_shifts[(size_t)e * p->n_shifts +
                                                   order[j - 1]]; j--) {
            int x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    for (int i = 0; i < n; i++) {
        long tr = p->max_shifts[(size_t)e * p->n_shifts + order[i]] + 1;
        if (FITS(tr)) {
            track->type[order[i]] = 1;
            R *= tr;
        }
    }
    if (need.minutes && minutes_last && FITS(mr)) {
        track->minutes = 1;
        R *= mr;
    }
#undef FITS
    return S * R;
}

long nrp_pricer_states(const nrp_pricer *pr)
{
    return (long)pr->S * pr->R;
}

/* Resource index tables. */
static int build_resources(nrp_pricer *pr)
{
    const mr_nrp *p = pr->p;
    int e = pr->e, T = pr->T;
    int cap[2 + MR_NRP_MAX_TYPES], stride[2 + MR_NRP_MAX_TYPES], nd = 0;
    int dim_type[MR_NRP_MAX_TYPES], s_type[MR_NRP_MAX_TYPES];
    int s_min = 0, s_wk = 0;
    long R = 1;

    memset(s_type, 0, sizeof s_type);
    memset(dim_type, -1, sizeof dim_type);
    if (pr->tr.minutes) {
        cap[nd] = pr->m_cap;
        stride[nd] = (int)R;
        s_min = (int)R;
        R *= cap[nd++] + 1;
    }
    if (pr->tr.weekends) {
        cap[nd] = p->max_weekends[e];
        stride[nd] = (int)R;
        s_wk = (int)R;
        R *= cap[nd++] + 1;
    }
    for (int t = 0; t < T; t++)
        if (pr->tr.type[t]) {
            cap[nd] = p->max_shifts[(size_t)e * T + t];
            stride[nd] = (int)R;
            s_type[t] = (int)R;
            dim_type[t] = nd;
            R *= cap[nd++] + 1;
        }
    pr->R = (int)R;
    pr->rnext = mr_malloc((size_t)R * (pr->n_elig ? pr->n_elig : 1) *
                          sizeof(int));
    pr->rwk = mr_malloc((size_t)R * sizeof(int));
    pr->rmin = mr_malloc((size_t)R * sizeof(int));
    if (pr->rnext == NULL || pr->rwk == NULL || pr->rmin == NULL)
        return MR_ENOMEM;
    for (long r = 0; r < R; r++) {
        int m = pr->tr.minutes ? (int)(r / s_min) % (pr->m_cap + 1) : 0;
        int w = pr->tr.weekends ? (int)(r / s_wk) %
                                      (p->max_weekends[e] + 1) : 0;
        pr->rmin[r] = m;
        pr->rwk[r] = !pr->tr.weekends ? (int)r
                     : w + 1 > p->max_weekends[e] ? -1 : (int)r + s_wk;
        for (int i = 0; i < pr->n_elig; i++) {
            int t = pr->elig[i];
            long r2 = r;
            if (pr->tr.minutes) {
                if (m + pr->len_u[i] > pr->m_cap)
                    r2 = -1;
                else
                    r2 += (long)pr->len_u[i] * s_min;
            }
            if (r2 >= 0 && pr->tr.type[t]) {
                int k = dim_type[t];
                int c = (int)(r / stride[k]) % (cap[k] + 1);
                r2 = c + 1 > cap[k] ? -1 : r2 + s_type[t];
            }
            pr->rnext[r * pr->n_elig + i] = (int)r2;
        }
    }
    return MR_OK;
}

/* maxadd[d][r]: most working days in d+1..h-1 when day d ends a run of r
 * working days (0: off); an upper bound ignoring the minimum rules. */
static void build_maxadd(nrp_pricer *pr)
{
    int h = pr->h, C = pr->cmax + 1;
    const unsigned char *off = pr->p->day_off + (size_t)pr->e * h;
    for (int r = 0; r < C; r++)
        pr->maxadd[(size_t)(h - 1) * C + r] = 0;
    for (int d = h - 2; d >= 0; d--)
        for (int r = 0; r < C; r++) {
            int best = pr->maxadd[(size_t)(d + 1) * C];
            if (!off[d + 1] && pr->n_elig > 0 && r + 1 <= pr->cmax) {
                int w = 1 + pr->maxadd[(size_t)(d + 1) * C + r + 1];
                if (w > best)
                    best = w;
            }
            pr->maxadd[(size_t)d * C + r] = best;
        }
}

int nrp_pricer_new(const mr_nrp *p, int e, const nrp_track *track,
                   nrp_pricer **out)
{
    nrp_pricer *pr;
    int maxlen, rc = MR_ENOMEM;

    *out = NULL;
    if ((pr = mr_calloc(1, sizeof *pr)) == NULL)
        return MR_ENOMEM;
    pr->p = p;
    pr->e = e;
    pr->h = p->n_days;
    pr->T = p->n_shifts;
    pr->tr = *track;
    pr->n_cls = classes(p, e, pr->cls_of, pr->cls_forbid);
    for (int t = 0; t < pr->T; t++)
        if (pr->cls_of[t] >= 0)
            pr->elig[pr->n_elig++] = t;
    pr->cmax = p->max_consec[e] > 0 ? p->max_consec[e] : 0;
    pr->cmin = p->min_consec[e];
    pr->mino = p->min_off[e];
    pr->O = pr->mino > 1 ? pr->mino : 1;
    pr->S = pr->O + pr->n_cls * pr->cmax;
    lengths(p, e, &pr->unit, &maxlen);
    pr->maxlen_u = maxlen / pr->unit;
    for (int i = 0; i < pr->n_elig; i++)
        pr->len_u[i] = p->shift_len[pr->elig[i]] / pr->unit;
    pr->m_cap = p->max_minutes[e] / pr->unit;
    pr->m_min = (p->min_minutes[e] + pr->unit - 1) / pr->unit;
    if (!pr->tr.minutes)
        pr->m_min = 0;
    if ((rc = build_resources(pr)) != MR_OK)
        goto fail;
    rc = MR_ENOMEM;
    pr->maxadd = mr_malloc((size_t)pr->h * (pr->cmax + 1) * sizeof(int));
    if (!pr->maxadd)
        goto fail;
    build_maxadd(pr);
    *out = pr;
    return MR_OK;
fail:
    nrp_pricer_free(pr);
    return rc;
}

void nrp_pricer_free(nrp_pricer *pr)
{
    if (pr == NULL)
        return;
    mr_free(pr->rnext);
    mr_free(pr->rwk);
    mr_free(pr->rmin);
    mr_free(pr->maxadd);
    mr_free(pr);
}

/* Keeps the k cheapest (state, cost) pairs, sorted. */
static void keep_best(int k, int *n, int *st, double *cs, int s, double c)
{
    int i;
    if (*n < k)
        i = (*n)++;
    else if (c >= cs[k - 1])
        return;
    else
        i = k - 1;
    while (i > 0 && cs[i - 1] > c) {
        cs[i] = cs[i - 1];
        st[i] = st[i - 1];
        i--;
    }
    cs[i] = c;
    st[i] = s;
}

int nrp_scratch_reserve(nrp_scratch *sc, const nrp_pricer *pr)
{
    size_t N = (size_t)pr->S * pr->R, all = N * (size_t)pr->h;
    if (N > sc->cap_day) {
        double *v = mr_realloc(sc->V, 2 * N * sizeof(double));
        if (v == NULL)
            return MR_ENOMEM;
        sc->V = v;
        sc->cap_day = N;
    }
    if (all > sc->cap_all) {
        int32_t *pd = mr_realloc(sc->pred, all * sizeof(int32_t));
        if (pd == NULL)
            return MR_ENOMEM;
        sc->pred = pd;
        uint8_t *op = mr_realloc(sc->opt, all);
        if (op == NULL)
            return MR_ENOMEM;
        sc->opt = op;
        sc->cap_all = all;
    }
    return MR_OK;
}

void nrp_scratch_free(nrp_scratch *sc)
{
    mr_free(sc->V);
    mr_free(sc->pred);
    mr_free(sc->opt);
    memset(sc, 0, sizeof *sc);
}

int nrp_price(nrp_pricer *pr, nrp_scratch *sc, const double *arc, double wk,
              int k, int *sched, double *cost)
{
    const int h = pr->h, T = pr->T, R = pr->R, S = pr->S, O = pr->O;
    const int cmax = pr->cmax, C = cmax + 1, ne = pr->n_elig;
    const size_t N = (size_t)S * R;
    const unsigned char *dayoff = pr->p->day_off + (size_t)pr->e * h;
    double *cur, *nxt;
    int best_st[64], n_best = 0;

    if (k > 64)
        k = 64;
    if (nrp_scratch_reserve(sc, pr) != MR_OK)
        return -1;
    cur = sc->V;
    nxt = sc->V + N;
    for (size_t i = 0; i < N; i++)
        nxt[i] = NRP_INF;
    /* day 0 from a virtual start: nothing carries over */
    {
        int32_t *pd = sc->pred;
        uint8_t *od = sc->opt;
        double a = arc[T];
        if (a < NRP_INF && pr->maxadd[0] * pr->maxlen_u >= pr->m_min) {
            nxt[0] = a;
            pd[0] = -1;
            od[0] = (uint8_t)T;
        }
        for (int i = 0; i < ne && !dayoff[0]; i++) {
            int t = pr->elig[i], r2 = pr->rnext[i];
            a = arc[t];
            if (a >= NRP_INF || r2 < 0 ||
                pr->rmin[r2] + pr->maxadd[1 < C ? 1 : 0] * pr->maxlen_u <
                    pr->m_min)
                continue;
            size_t s2 = (size_t)(O + pr->cls_of[t] * cmax) * R + r2;
            if (a < nxt[s2]) {
                nxt[s2] = a;
                pd[s2] = -1;
                od[s2] = (uint8_t)t;
            }
        }
    }
    for (int d = 1; d < h; d++) {
        double *tmp = cur;
        cur = nxt;
        nxt = tmp;
        for (size_t i = 0; i < N; i++)
            nxt[i] = NRP_INF;
        int32_t *pd = sc->pred + (size_t)d * N;
        uint8_t *od = sc->opt + (size_t)d * N;
        const double *ad = arc + (size_t)d * (T + 1);
        int sunday = d % 7 == 6, closing = sunday || (d % 7 == 5 &&
                                                       d == h - 1);
        const int *madd = pr->maxadd + (size_t)d * C;
        for (int sp = 0; sp < S; sp++) {
            int work = sp >= O, run = 0, o = 0, cls = -1;
            if (work) {
                cls = (sp - O) / cmax;
                run = (sp - O) % cmax + 1;
            } else
                o = sp + 1;
            int can_off = ad[T] < NRP_INF &&
                          (!work || run >= pr->cmin || run == d);
            int off_next = work ? 0 : (o + 1 < O ? o + 1 : O) - 1;
            int can_work = !dayoff[d] &&
                           (work ? run < cmax : (o >= pr->mino || o == d));
            int run_next = work ? run + 1 : 1;
            uint64_t fmask = work ? pr->cls_forbid[cls] : 0;
            int wk_off = closing && sunday && work;
            for (int r = 0; r < R; r++) {
                double v = cur[(size_t)sp * R + r];
                if (v >= NRP_INF)
                    continue;
                size_t from = (size_t)sp * R + r;
                if (can_off) {
                    int r2 = wk_off ? pr->rwk[r] : r;
                    if (r2 >= 0 && pr->rmin[r2] + madd[0] * pr->maxlen_u >=
                                       pr->m_min) {
                        double c = v + ad[T] + (wk_off ? wk : 0.0);
                        size_t s2 = (size_t)off_next * R + r2;
                        if (c < nxt[s2]) {
                            nxt[s2] = c;
                            pd[s2] = (int32_t)from;
                            od[s2] = (uint8_t)T;
                        }
                    }
                }
                if (!can_work)
                    continue;
                const int *rn = pr->rnext + (size_t)r * ne;
                for (int i = 0; i < ne; i++) {
                    int t = pr->elig[i];
                    double a = ad[t];
                    int r2 = rn[i];
                    if (a >= NRP_INF || r2 < 0 || (fmask >> t & 1))
                        continue;
                    if (closing) {
                        r2 = pr->rwk[r2];
                        if (r2 < 0)
                            continue;
                        a += wk;
                    }
                    if (pr->rmin[r2] + madd[run_next] * pr->maxlen_u <
                        pr->m_min)
                        continue;
                    double c = v + a;
                    size_t s2 = (size_t)(O + pr->cls_of[t] * cmax +
                                         run_next - 1) * R + r2;
                    if (c < nxt[s2]) {
                        nxt[s2] = c;
                        pd[s2] = (int32_t)from;
                        od[s2] = (uint8_t)t;
                    }
                }
            }
        }
    }
    /* end states: every sequence state; minutes must reach the minimum */
    for (size_t s = 0; s < N; s++) {
        if (nxt[s] >= NRP_INF || pr->rmin[s % R] < pr->m_min)
            continue;
        keep_best(k, &n_best, best_st, cost, (int)s, nxt[s]);
    }
    for (int i = 0; i < n_best; i++) {
        int s = best_st[i];
        int *out = sched + (size_t)i * h;
        for (int d = h - 1; d >= 0; d--) {
            int o = sc->opt[(size_t)d * N + s];
            out[d] = o == T ? MR_NRP_OFF : o;
            s = sc->pred[(size_t)d * N + s];
        }
    }
    return n_best;
}
