/* mskrota validate: read a service's files and report every problem. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "date.h"
#include "load.h"
#include "model.h"

/* Loads one month (or the service alone when month is NULL) and prints its
 * problems; with skip_service, problems of service.yaml are not printed
 * again. Returns the exit code. */
static int check_one(const char *dir, const char *month, int skip_service,
                     int *n_staff)
{
    mr_model *m = NULL;
    mr_diags d, shown;
    int rc, code;

    mr_diags_init(&d);
    mr_diags_init(&shown);
    rc = mr_load(dir, month, &m, &d);
    for (int i = 0; i < d.n; i++) {
        mr_diag *g = &d.items[i];
        if (skip_service && g->file != NULL && strncmp(g->file, "months/", 7) != 0)
            continue;
        mr_diag_add(&shown, g->severity, g->file, g->line, g->col, "%s",
                    g->message);
    }
    mr_cli_print_diags(&shown);
    if (rc == MR_ENOMEM)
        code = MR_EXIT_IO;
    else if (rc == MR_EIO)
        code = MR_EXIT_IO;
    else if (rc != MR_OK || d.n_errors > 0)
        code = MR_EXIT_INVALID;
    else
        code = MR_EXIT_OK;
    if (m != NULL && n_staff != NULL)
        *n_staff = m->n_staff;
    mr_model_free(m);
    mr_diags_clear(&d);
    mr_diags_clear(&shown);
    return code;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every months/YYYY-MM folder of the service, sorted. */
static int list_months(const char *dir, char months[][8], int max)
{
    char path[4096];
    char *names[256];
    int n = 0, y, mo;
    DIR *dp;
    struct dirent *e;

    snprintf(path, sizeof path, "%s/months", dir);
    if ((dp = opendir(path)) == NULL)
        return 0;
    while ((e = readdir(dp)) != NULL && n < max && n < 256)
        if (mr_month_parse(e->d_name, &y, &mo) == 0)
            names[n++] = strdup(e->d_name);
    closedir(dp);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    for (int i = 0; i < n; i++) {
        if (names[i] != NULL)
            snprintf(months[i], 8, "%s", names[i]);
        free(names[i]);
    }
    return n;
}

int mr_cli_validate(int argc, char **argv)
{
    mr_cli_args a;
    int rc, worst, n_staff = 0;
    char months[64][8];
    int n_months;
    double t0, t1;

    if ((rc = mr_cli_parse(argc, argv, "month quiet", 1, &a)) != 0)
        return rc;
    if (a.month != NULL && (rc = mr_cli_need_month(&a)) != 0)
        return rc;
    t0 = mr_clock();
    if (a.month != NULL) {
        worst = check_one(a.dir, a.month, 0, &n_staff);
        n_months = 1;
    } else {
        worst = check_one(a.dir, NULL, 0, &n_staff);
        n_months = worst == MR_EXIT_OK ? list_months(a.dir, months, 64) : 0;
        for (int i = 0; i < n_months; i++) {
            rc = check_one(a.dir, months[i], 1, NULL);
            if (rc > worst)
                worst = rc;
        }
    }
    t1 = mr_clock();
    if (!a.quiet) {
        double s = t1 - t0;
        if (worst == MR_EXIT_OK && a.month != NULL)
            printf("%s: valid (%d staff, month %s) in %.3f s\n", a.dir,
                   n_staff, a.month, s);
        else if (worst == MR_EXIT_OK)
            printf("%s: valid (%d staff, %d month%s) in %.3f s\n", a.dir,
                   n_staff, n_months, n_months == 1 ? "" : "s", s);
        else
            printf("%s: %s\n", a.dir,
                   worst == MR_EXIT_INVALID ? "invalid" : "could not be read");
    }
    return worst;
}
