/* Builds the compact model: the variables, then each family of rows in
 * turn. A family is one function in its own file (lp_rows_*.c); adding one
 * (demand, EA referrals) is one line in FAMILIES. */
#include "lp.h"

#include <string.h>

#include "alloc.h"

static int (*const FAMILIES[])(mr_lpb *) = {
    mr_rows_daily,
    mr_rows_contract,
    mr_rows_rooms,
    mr_rows_ea,
    mr_rows_cover,
    mr_rows_specialism,
    mr_rows_prefs,
    mr_rows_referrals,
    mr_rows_demand,          /* last: its columns end the model */
};

void mr_lpb_free(mr_lpb *b)
{
    if (b == NULL)
        return;
    mr_mip_clear(&b->mip);
    mr_free(b->x);
    mr_free(b->first);
    mr_free(b->req);
    mr_free(b->req_weight);
    mr_free(b->day_col);
    mr_free(b);
}

int mr_lpb_build(const mr_model *m, mr_lpb **out)
{
    mr_lpb *b;
    int rc = MR_ENOMEM;

    *out = NULL;
    if ((b = mr_calloc(1, sizeof *b)) == NULL)
        return MR_ENOMEM;
    mr_mip_init(&b->mip);
    b->m = m;
    b->n_days = m->month.n_days;
    b->n_periods = m->n_periods;
    b->first_day = m->month.first_day;
    b->n_staff = m->n_staff;
    b->clinic = mr_find_activity(m, "clinic");
    b->fcp = mr_find_activity(m, "fcp");
    b->ea = mr_find_activity(m, "ea");
    b->fair_col = -1;
    if ((rc = mr_lpb_vars(b)) != MR_OK)
        goto done;
    for (size_t f = 0; f < sizeof FAMILIES / sizeof *FAMILIES; f++)
        if ((rc = FAMILIES[f](b)) != MR_OK)
            goto done;
    *out = b;
    b = NULL;
done:
    mr_lpb_free(b);
    return rc;
}
