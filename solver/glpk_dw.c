/* Column generation over per-person monthly schedules (placeholder). */
#include "glpk_int.h"

#include "run.h"

int mr_stage_dw(mr_run *r)
{
    (void)r;
    return MR_OK;
}
