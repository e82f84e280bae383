/* mskrota solve: validate, roster the month, verify, store, summarise.
 * The steps after loading are the shared pipeline (pipeline.c). */
#include <stdio.h>

#include "alloc.h"
#include "cli.h"
#include "load.h"
#include "model.h"
#include "pipeline.h"

int mr_cli_solve(int argc, char **argv)
{
    mr_cli_args a;
    mr_model *m = NULL;
    mr_solution *sol = NULL;
    mr_pipeline p;
    mr_diags d;
    int rc, code;

    if ((code = mr_cli_parse(argc, argv,
                             "month db time-limit gap json write-lp quiet threads", 1,
                             &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    mr_pipeline_init(&p, &a, "solve");
    mr_diags_init(&d);
    rc = mr_load(a.dir, a.month, &m, &d);
    mr_cli_print_diags(&d);
    if (rc != MR_OK || d.n_errors > 0) {
        code = rc == MR_EIO || rc == MR_ENOMEM ? MR_EXIT_IO : MR_EXIT_INVALID;
        goto done;
    }
    p.warnings = &d;
    if ((code = mr_pipeline_progress(&p)) != MR_EXIT_OK)
        goto done;
    if (mr_solution_new(&sol) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    code = mr_pipeline_solve(&p, m, sol);
done:
    mr_pipeline_clear(&p);
    mr_solution_free(sol);
    mr_model_free(m);
    mr_diags_clear(&d);
    return code;
}
