/* Runs the Check suites of model/. Add a suite: declare it in suites.h and
 * list it here. */
#include <check.h>
#include <stdlib.h>

#include "suites.h"

static Suite *(*const SUITES[])(void) = {
    suite_date,
    suite_derive,
    suite_resolve,
    suite_resolve_month,
    suite_verify,
    suite_evaluate,
    suite_explain_short,
    suite_nrp,
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
