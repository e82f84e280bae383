/* Set-up shared by the export suites: fx_run()'s month stored as version 1
 * of 2026-12 in a fresh database under a temporary directory. */
#ifndef MR_TEST_STORED_FIXTURE_H
#define MR_TEST_STORED_FIXTURE_H

#include <stddef.h>

#include "model.h"
#include "roster.h"
#include "store.h"

/* *dir: a new temporary directory; db: DIR/runs.db; out: DIR/sub. */
void fx_stored_setup(const char *sub, char **dir, char *db, size_t db_size,
                     char *out, size_t out_size, mr_model **m,
                     mr_solution **sol, mr_store **st);
/* Undoes fx_stored_setup() (and any allocation-failure hook). */
void fx_stored_teardown(char *dir, mr_model *m, mr_solution *sol,
                        mr_store *st);
/* The names in directory path (hidden files too, at most 16), sorted and
 * joined by spaces into buf; empty when it cannot be read. */
void fx_list_dir(const char *path, char *buf, size_t size);

#endif
