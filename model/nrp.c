/* The Curtois-Qu benchmark instance and its exact evaluator.
 *
 * The evaluator is written straight from FORMAT.md, run by run, and shares
 * nothing with the solver's dynamic programme, so that a roster it accepts
 * was checked by an independent reading of the rules. Boundary conventions:
 * days outside the horizon count as days off; a run of working days or of
 * days off that touches day 0 or day h-1 is exempt from the minimum-length
 * rules (6 and 7) but not from the maximum (5). */
#include "nrp.h"

#include <string.h>

#include "alloc.h"
#include "diag.h"

int mr_nrp_new(int n_days, int n_shifts, int n_staff, mr_nrp **out)
{
    mr_nrp *p;
    size_t h = (size_t)n_days, t = (size_t)n_shifts, e = (size_t)n_staff;

    *out = NULL;
    if (n_days < 1 || n_shifts < 1 || n_staff < 1 ||
        n_shifts > MR_NRP_MAX_TYPES)
        return MR_EINVAL;
    if ((p = mr_calloc(1, sizeof *p)) == NULL)
        return MR_ENOMEM;
    p->n_days = n_days;
    p->n_shifts = n_shifts;
    p->n_staff = n_staff;
    p->shift_ids = mr_calloc(t, sizeof *p->shift_ids);
    p->shift_len = mr_calloc(t, sizeof *p->shift_len);
    p->forbid = mr_calloc(t * t, 1);
    p->staff_ids = mr_calloc(e, sizeof *p->staff_ids);
    p->max_shifts = mr_calloc(e * t, sizeof *p->max_shifts);
    p->max_minutes = mr_calloc(e, sizeof(int));
    p->min_minutes = mr_calloc(e, sizeof(int));
    p->max_consec = mr_calloc(e, sizeof(int));
    p->min_consec = mr_calloc(e, sizeof(int));
    p->min_off = mr_calloc(e, sizeof(int));
    p->max_weekends = mr_calloc(e, sizeof(int));
    p->day_off = mr_calloc(e * h, 1);
    p->cover_req = mr_calloc(h * t, sizeof(int));
    p->cover_under = mr_calloc(h * t, sizeof(int));
    p->cover_over = mr_calloc(h * t, sizeof(int));
    if (!p->shift_ids || !p->shift_len || !p->forbid || !p->staff_ids ||
        !p->max_shifts || !p->max_minutes || !p->min_minutes ||
        !p->max_consec || !p->min_consec || !p->min_off ||
        !p->max_weekends || !p->day_off || !p->cover_req ||
        !p->cover_under || !p->cover_over) {
        mr_nrp_free(p);
        return MR_ENOMEM;
    }
    *out = p;
    return MR_OK;
}

void mr_nrp_free(mr_nrp *p)
{
    if (p == NULL)
        return;
    if (p->shift_ids != NULL)
        for (int t = 0; t < p->n_shifts; t++)
            mr_free(p->shift_ids[t]);
    if (p->staff_ids != NULL)
        for (int e = 0; e < p->n_staff; e++)
            mr_free(p->staff_ids[e]);
    mr_free(p->shift_ids);
    mr_free(p->shift_len);
    mr_free(p->forbid);
    mr_free(p->staff_ids);
    mr_free(p->max_shifts);
    mr_free(p->max_minutes);
    mr_free(p->min_minutes);
    mr_free(p->max_consec);
    mr_free(p->min_consec);
    mr_free(p->min_off);
    mr_free(p->max_weekends);
    mr_free(p->day_off);
    mr_free(p->on_req);
    mr_free(p->off_req);
    mr_free(p->cover_req);
    mr_free(p->cover_under);
    mr_free(p->cover_over);
    mr_free(p);
}

int mr_nrp_add_request(mr_nrp *p, int on, int staff, int day, int shift,
                       int weight)
{
    mr_nrp_request **v = on ? &p->on_req : &p->off_req;
    int *n = on ? &p->n_on : &p->n_off;
    int *cap = on ? &p->cap_on : &p->cap_off;

    if (*n == *cap) {
        int nc = *cap ? 2 * *cap : 64;
        mr_nrp_request *g = mr_realloc(*v, (size_t)nc * sizeof *g);
        if (g == NULL)
            return MR_ENOMEM;
        *v = g;
        *cap = nc;
    }
    (*v)[*n].staff = staff;
    (*v)[*n].day = day;
    (*v)[*n].shift = shift;
    (*v)[*n].weight = weight;
    (*n)++;
    return MR_OK;
}

int mr_nrp_shift_index(const mr_nrp *p, const char *id)
{
    for (int t = 0; t < p->n_shifts; t++)
        if (p->shift_ids[t] != NULL && strcmp(p->shift_ids[t], id) == 0)
            return t;
    return -1;
}

int mr_nrp_staff_index(const mr_nrp *p, const char *id)
{
    for (int e = 0; e < p->n_staff; e++)
        if (p->staff_ids[e] != NULL && strcmp(p->staff_ids[e], id) == 0)
            return e;
    return -1;
}

int mr_nrp_n_weekends(const mr_nrp *p)
{
    return (p->n_days + 1) / 7;        /* Saturday 7k+5 <= h-1 */
}

const char *mr_nrp_rule_name(int rule)
{
    static const char *const names[MR_NRP_N_RULES] = {
        "one shift per day", "forbidden succession", "max shifts per type",
        "max total minutes", "min total minutes", "max consecutive shifts",
        "min consecutive shifts", "min consecutive days off",
        "max weekends", "day off",
    };
    return rule >= 0 && rule < MR_NRP_N_RULES ? names[rule] : "?";
}

/* Records one violation of rule on day d. */
static void note(int *n, int *viol, int *first_rule, int *first_day,
                 int rule, int d)
{
    if (*n == 0) {
        if (first_rule != NULL)
            *first_rule = rule;
        if (first_day != NULL)
            *first_day = d;
    }
    (*n)++;
    if (viol != NULL)
        viol[rule]++;
}

int mr_nrp_check_staff(const mr_nrp *p, int e, const int *sched, int *viol,
                       int *first_rule, int *first_day)
{
    int h = p->n_days, T = p->n_shifts, n = 0;
    long minutes = 0;
    int count[MR_NRP_MAX_TYPES];
    int weekends = 0;

    if (first_rule != NULL)
        *first_rule = -1;
    if (first_day != NULL)
        *first_day = -1;
    memset(count, 0, sizeof count);

    /* 1 and 9, and the per-day tallies for 3 and 4 */
    for (int d = 0; d < h; d++) {
        int s = sched[d];
        if (s == MR_NRP_OFF)
            continue;
        if (s < 0 || s >= T) {
            note(&n, viol, first_rule, first_day, MR_NRP_BAD_SHIFT, d);
            continue;
        }
        if (p->day_off[(size_t)e * h + d])
            note(&n, viol, first_rule, first_day, MR_NRP_DAY_OFF, d);
        count[s]++;
        minutes += p->shift_len[s];
    }
#define WORKS(d) (sched[d] >= 0 && sched[d] < T)
    /* 2: consecutive calendar days inside the horizon only */
    for (int d = 0; d + 1 < h; d++)
        if (WORKS(d) && WORKS(d + 1) &&
            p->forbid[(size_t)sched[d] * T + sched[d + 1]])
            note(&n, viol, first_rule, first_day, MR_NRP_SUCCESSION, d + 1);
    /* 3 */
    for (int t = 0; t < T; t++)
        if (count[t] > p->max_shifts[(size_t)e * T + t])
            note(&n, viol, first_rule, first_day, MR_NRP_MAX_SHIFTS, -1);
    /* 4 */
    if (minutes > p->max_minutes[e])
        note(&n, viol, first_rule, first_day, MR_NRP_MAX_MINUTES, -1);
    if (minutes < p->min_minutes[e])
        note(&n, viol, first_rule, first_day, MR_NRP_MIN_MINUTES, -1);
    /* 5, 6, 7: maximal runs [a, b] of working days or of days off */
    for (int a = 0; a < h;) {
        int w = WORKS(a), b = a;
        while (b + 1 < h && WORKS(b + 1) == w)
            b++;
        int len = b - a + 1, inner = a > 0 && b < h - 1;
        if (w && len > p->max_consec[e])
            note(&n, viol, first_rule, first_day, MR_NRP_MAX_CONSEC, a);
        if (w && inner && len < p->min_consec[e])
            note(&n, viol, first_rule, first_day, MR_NRP_MIN_CONSEC, a);
        if (!w && inner && len < p->min_off[e])
            note(&n, viol, first_rule, first_day, MR_NRP_MIN_OFF, a);
        a = b + 1;
    }
    /* 8: weekend k is days 7k+5 and 7k+6 */
    for (int k = 0; 7 * k + 5 < h; k++)
        if (WORKS(7 * k + 5) || (7 * k + 6 < h && WORKS(7 * k + 6)))
            weekends++;
    if (weekends > p->max_weekends[e])
        note(&n, viol, first_rule, first_day, MR_NRP_MAX_WEEKENDS, -1);
#undef WORKS
    return n;
}

void mr_nrp_evaluate(const mr_nrp *p, const int *roster, mr_nrp_eval *out)
{
    int h = p->n_days, T = p->n_shifts;

    memset(out, 0, sizeof *out);
    out->first_rule = out->first_staff = out->first_day = -1;
    for (int e = 0; e < p->n_staff; e++) {
        int rule, day;
        int k = mr_nrp_check_staff(p, e, roster + (size_t)e * h,
                                   out->violations, &rule, &day);
        if (k > 0 && out->n_violations == 0) {
            out->first_rule = rule;
            out->first_staff = e;
            out->first_day = day;
        }
        out->n_violations += k;
    }
    for (int i = 0; i < p->n_on; i++) {
        const mr_nrp_request *r = &p->on_req[i];
        if (roster[(size_t)r->staff * h + r->day] != r->shift)
            out->on_penalty += r->weight;
    }
    for (int i = 0; i < p->n_off; i++) {
        const mr_nrp_request *r = &p->off_req[i];
        if (roster[(size_t)r->staff * h + r->day] == r->shift)
            out->off_penalty += r->weight;
    }
    for (int d = 0; d < h; d++)
        for (int t = 0; t < T; t++) {
            long n = 0, req = p->cover_req[(size_t)d * T + t];
            for (int e = 0; e < p->n_staff; e++)
                n += roster[(size_t)e * h + d] == t;
            if (n < req)
                out->under_penalty += p->cover_under[(size_t)d * T + t] *
                                      (req - n);
            else if (n > req)
                out->over_penalty += p->cover_over[(size_t)d * T + t] *
                                     (n - req);
        }
    out->objective = out->on_penalty + out->off_penalty +
                     out->under_penalty + out->over_penalty;
}
