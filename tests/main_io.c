/* Runs the Check suites of io/. Add a suite: declare it in suites.h and
 * list it here. */
#include <check.h>
#include <stdlib.h>

#include "suites.h"

static Suite *(*const SUITES[])(void) = {
    suite_cli,
    suite_json,
    suite_store,
    suite_export_csv,
    suite_export_ics,
    suite_export_xlsx,
    suite_export_html,
    suite_nrp_reader,
    suite_yaml,
    suite_csv,
    suite_load,
    suite_regen,
    suite_solve_example,
    suite_batch,
    suite_durability,
    suite_hostile,
    suite_alloc_sweep,
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
