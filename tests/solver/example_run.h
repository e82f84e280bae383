/* The example month (data/example) for the solver suites, and runs of it
 * by hand, stage by stage. Its optimum, EXAMPLE_OPTIMUM, is proven by the
 * small path and by CBC on the written model. */
#ifndef MR_TEST_EXAMPLE_RUN_H
#define MR_TEST_EXAMPLE_RUN_H

#include "model.h"
#include "run.h"

#define EXAMPLE_OPTIMUM 481.11631016

/* The example month, loaded (fails the test when it cannot be). */
mr_model *ex_example(void);
/* A run of m by hand, up to its constructed roster, with seconds left. */
void ex_start_run(mr_run *r, mr_model *m, double seconds);
/* Frees what ex_start_run() made, and m. */
void ex_end_run(mr_run *r, mr_model *m);

#endif
