/* Runs the Check suites of solver/. Add a suite: declare it in suites.h and
 * list it here. */
#include <check.h>
#include <stdlib.h>

#include "suites.h"

static Suite *(*const SUITES[])(void) = {
    suite_slots,
    suite_ea_alloc,
    suite_lp_rows_demand,
    suite_lp_referrals,
    suite_nrp_cg,
    suite_solve,
    suite_solve_soft,
    suite_solve_large,
    suite_gomory,
    suite_rooms,
    suite_lp_build,
    suite_explain,
    NULL
};

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;

    for (int i = 0; SUITES[i] != NULL; i++)
        srunner_add_suite(sr, SUITES[i]());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
