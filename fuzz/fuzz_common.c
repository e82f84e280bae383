/* See fuzz_common.h. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"

#ifndef MR_FUZZ_BASE
#error "MR_FUZZ_BASE (the directory of the base service) must be defined"
#endif

const char *fz_base_service(size_t *len)
{
    static char *buf;
    static size_t n;
    if (buf == NULL) {
        FILE *f = fopen(MR_FUZZ_BASE "/service.yaml", "rb");
        if (f == NULL || (buf = malloc(1 << 20)) == NULL) {
            fprintf(stderr, "cannot read %s/service.yaml\n", MR_FUZZ_BASE);
            abort();
        }
        n = fread(buf, 1, 1 << 20, f);
        fclose(f);
    }
    *len = n;
    return buf;
}

static void check(int ok, const char *what, const mr_diags *d)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz check failed: %s\n", what);
    for (int i = 0; i < d->n; i++) {
        char line[1200];
        mr_diag_format(&d->items[i], line, sizeof line);
        fprintf(stderr, "  %s\n", line);
    }
    abort();
}

void fz_run(const fz_file *files, int n)
{
    mr_model *m = NULL;
    mr_diags d;
    int rc = MR_OK;

    mr_diags_init(&d);
    if (mr_model_new(&m) != MR_OK)
        abort();
    mr_model_set_month(m, 2026, 12);
    for (int i = 0; i < n && rc != MR_ENOMEM; i++) {
        int errors = d.n_errors;
        rc = mr_load_buffer(m, files[i].rel, files[i].buf, files[i].len, &d);
        check(rc != MR_EINVAL || d.n_errors > errors,
              "MR_EINVAL without an error", &d);
        check(rc != MR_OK || d.n_errors == errors, "MR_OK with an error", &d);
    }
    if (rc != MR_ENOMEM) {
        int errors = d.n_errors;
        rc = mr_model_resolve(m, &d);
        check(rc != MR_EINVAL || d.n_errors > errors,
              "resolve: MR_EINVAL without an error", &d);
    }
    for (int i = 0; i < d.n; i++)
        check(d.items[i].severity != MR_ERROR || d.items[i].file != NULL,
              "an error without a file", &d);
    mr_model_free(m);
    mr_diags_clear(&d);
}
