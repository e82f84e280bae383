/* See fuzz_common.h. */
#define _GNU_SOURCE     /* memmem */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "diag.h"
#include "load.h"
#include "model.h"

/* The base service's directory: fixed at build time for the fuzzers (they
 * run from anywhere), else from MR_SOURCE_ROOT (the Check suite). */
static const char *base_dir(char *buf, size_t size)
{
#ifdef MR_FUZZ_BASE
    snprintf(buf, size, "%s", MR_FUZZ_BASE);
#else
    const char *r = getenv("MR_SOURCE_ROOT");
    snprintf(buf, size, "%s/data/example", r != NULL && *r ? r : ".");
#endif
    return buf;
}

const char *fz_base_service(size_t *len)
{
    static char *buf;
    static size_t n;
    if (buf == NULL) {
        char dir[1024], path[1100];
        FILE *f;
        snprintf(path, sizeof path, "%s/service.yaml",
                 base_dir(dir, sizeof dir));
        if ((f = fopen(path, "rb")) == NULL
            || (buf = malloc(1 << 20)) == NULL) {
            fprintf(stderr, "cannot read %s\n", path);
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

void fz_yaml_service(const char *data, size_t size)
{
    fz_file f = {"service.yaml", data, size};
    fz_run(&f, 1);
}

void fz_yaml_pref(const char *data, size_t size)
{
    fz_file f[2] = {
        {"service.yaml", NULL, 0},
        {"months/2026-12/preferences/s001.yaml", data, size},
    };
    f[0].buf = fz_base_service(&f[0].len);
    fz_run(f, 2);
}

void fz_csv(const char *data, size_t size)
{
    mr_csv *csv = NULL;
    mr_diags d;
    fz_file f[2] = {
        {"service.yaml", NULL, 0},
        {"months/2026-12/referrals.csv", data, size},
    };

    mr_diags_init(&d);
    if (mr_csv_parse(data, size, "x.csv", 100, &csv, &d) == MR_OK) {
        for (int i = 0; i < csv->n_records; i++)
            for (int j = 0; j < csv->records[i].n_fields; j++) {
                const mr_csv_field *g = &csv->records[i].fields[j];
                check(g->text != NULL && g->line >= 1 && g->col >= 1
                      && strlen(g->text) <= size, "a field out of bounds",
                      &d);
            }
        mr_csv_free(csv);
    }
    mr_diags_clear(&d);
    f[0].buf = fz_base_service(&f[0].len);
    fz_run(f, 2);
}

#define CUT "\n--8<--\n"

void fz_validate(const char *data, size_t size)
{
    static const char *const REL[] = {
        "service.yaml", "months/2026-12/absence.yaml",
        "months/2026-12/demand.yaml", "months/2026-12/preferences/s001.yaml",
        "months/2026-12/referrals.csv"
    };
    fz_file f[5];
    const char *p = data, *end = data + size;
    int n = 0;

    while (n < 5) {
        const char *q = memmem(p, (size_t)(end - p), CUT, strlen(CUT));
        const char *stop = q != NULL && n < 4 ? q : end;
        f[n].rel = REL[n];
        f[n].buf = p;
        f[n].len = (size_t)(stop - p);
        n++;
        if (stop == end)
            break;
        p = stop + strlen(CUT);
    }
    if (n > 1 && f[0].len == 0)
        f[0].buf = fz_base_service(&f[0].len);
    fz_run(f, n);
}
