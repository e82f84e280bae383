/* The shared state of one solve; see run.h. */
#include "run.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "log.h"

double mr_run_elapsed(const mr_run *r)
{
    return mr_clock() - r->t0;
}

int mr_run_small(const mr_run *r)
{
    return r->b->n_x <= (r->o.small_up_to > 0 ? r->o.small_up_to : 10000);
}

double mr_run_left(const mr_run *r)
{
    if (r->stop != NULL && atomic_load(r->stop))
        return 0;
    return r->deadline - mr_clock();
}

int mr_run_offer(mr_run *r, const double *x, double obj)
{
    int n = r->b->mip.n_cols;
    if (r->best != NULL && obj >= r->best_obj - 1e-9)
        return MR_OK;
    if (r->best == NULL
        && (r->best = mr_malloc((size_t)n * sizeof *r->best + 1)) == NULL)
        return MR_ENOMEM;
    memcpy(r->best, x, (size_t)n * sizeof *x);
    r->best_obj = obj;
    if (r->first_seconds < 0)
        r->first_seconds = mr_run_elapsed(r);
    mr_log(MR_LOG_INFO, "solve: roster %.6g at %.2f s", obj,
           mr_run_elapsed(r));
    return MR_OK;
}

void mr_run_bound(mr_run *r, double b)
{
    if (b > r->bound)
        r->bound = b;
}

double mr_run_gap(const mr_run *r)
{
    double bound;
    if (r->best == NULL || r->bound == -HUGE_VAL)
        return HUGE_VAL;
    bound = r->bound < r->best_obj ? r->bound : r->best_obj;
    return (r->best_obj - bound) / fmax(1.0, fabs(r->best_obj));
}

int mr_run_done(const mr_run *r)
{
    /* A bound set at exactly the requested gap must count as within it. */
    return mr_run_gap(r) <= r->o.gap * (1 + 1e-9) + 1e-12;
}

void mr_run_report(mr_run *r, int force)
{
    mr_progress p;
    double now = mr_run_elapsed(r);

    if (r->o.progress == NULL || (!force && now - r->last_report < 0.5))
        return;
    r->last_report = now;
    p.seconds = now;
    p.has_incumbent = r->best != NULL;
    p.incumbent = r->best != NULL ? r->best_obj : 0;
    p.bound = r->bound == -HUGE_VAL ? -DBL_MAX
              : (r->best != NULL && r->bound > r->best_obj ? r->best_obj
                                                           : r->bound);
    p.gap = mr_run_gap(r);
    r->o.progress(&p, r->o.user);
}
