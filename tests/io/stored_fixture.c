/* See stored_fixture.h. */
#include "stored_fixture.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fixture.h"

void fx_stored_setup(const char *sub, char **dir, char *db, size_t db_size,
                     char *out, size_t out_size, mr_model **m,
                     mr_solution **sol, mr_store **st)
{
    mr_run_info info = {"2026-12", "solve", "fp", "", NULL, -1};
    int v;

    *dir = fx_tmpdir();
    snprintf(db, db_size, "%s/runs.db", *dir);
    snprintf(out, out_size, "%s/%s", *dir, sub);
    *m = fx_run(sol);
    ck_assert_int_eq(mr_store_open(db, st), MR_OK);
    ck_assert_int_eq(mr_store_save(*st, *m, *sol, &info, &v), MR_OK);
    ck_assert_int_eq(v, 1);
}

void fx_stored_teardown(char *dir, mr_model *m, mr_solution *sol,
                        mr_store *st)
{
    mr_alloc_fail_at(0);
    mr_store_close(st);
    mr_solution_free(sol);
    mr_model_free(m);
    fx_rmtree(dir);
    free(dir);
}

void fx_list_dir(const char *path, char *buf, size_t size)
{
    char names[16][64];
    int n = 0;
    DIR *d = opendir(path);
    struct dirent *e;

    buf[0] = '\0';
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && n < 16)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            snprintf(names[n++], 64, "%.63s", e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0],
          (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < n; i++) {
        strncat(buf, names[i], size - strlen(buf) - 1);
        if (i + 1 < n)
            strncat(buf, " ", size - strlen(buf) - 1);
    }
}
