/* Every Check suite of the project, one constructor per tests/<module>/<file>. */
#ifndef MR_TEST_SUITES_H
#define MR_TEST_SUITES_H

#include <check.h>

/* model/ */
Suite *suite_date(void);
Suite *suite_derive(void);
Suite *suite_resolve(void);
Suite *suite_resolve_month(void);
Suite *suite_verify(void);
Suite *suite_evaluate(void);
Suite *suite_explain_short(void);
Suite *suite_nrp(void);

/* io/ */
Suite *suite_cli(void);
Suite *suite_json(void);
Suite *suite_store(void);
Suite *suite_export_csv(void);
Suite *suite_export_ics(void);
Suite *suite_export_xlsx(void);
Suite *suite_export_html(void);
Suite *suite_nrp_reader(void);
Suite *suite_yaml(void);
Suite *suite_csv(void);
Suite *suite_load(void);
Suite *suite_regen(void);
Suite *suite_solve_example(void);
Suite *suite_batch(void);
Suite *suite_durability(void);
Suite *suite_hostile(void);
Suite *suite_alloc_sweep(void);

/* solver/ */
Suite *suite_slots(void);
Suite *suite_ea_alloc(void);
Suite *suite_lp_rows_demand(void);
Suite *suite_lp_referrals(void);
Suite *suite_nrp_cg(void);
Suite *suite_solve(void);
Suite *suite_solve_soft(void);
Suite *suite_solve_large(void);
Suite *suite_gomory(void);
Suite *suite_rooms(void);
Suite *suite_lp_build(void);
Suite *suite_explain(void);

#endif
