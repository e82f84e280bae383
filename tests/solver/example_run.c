/* See example_run.h. */
#include "example_run.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "glpk_int.h"
#include "load.h"

mr_model *ex_example(void)
{
    const char *root = getenv("MR_SOURCE_ROOT");
    char dir[4096];
    mr_model *m = NULL;
    mr_diags d;

    snprintf(dir, sizeof dir, "%s/data/example", root != NULL ? root : ".");
    mr_diags_init(&d);
    ck_assert_int_eq(mr_load(dir, "2026-12", &m, &d), MR_OK);
    mr_diags_clear(&d);
    return m;
}

void ex_start_run(mr_run *r, mr_model *m, double seconds)
{
    mr_glpk_hook();
    mr_solve_opts_init(&r->o);
    r->m = m;
    r->t0 = mr_clock();
    r->deadline = r->t0 + seconds;
    r->best_obj = HUGE_VAL;
    r->bound = -HUGE_VAL;
    r->first_seconds = -1;
    ck_assert_int_eq(mr_lpb_build(m, &r->b), MR_OK);
    ck_assert_int_eq(mr_stage_construct(r), MR_OK);
}

void ex_end_run(mr_run *r, mr_model *m)
{
    mr_stage_free(r);
    mr_free(r->best);
    mr_lpb_free(r->b);
    mr_model_free(m);
}
