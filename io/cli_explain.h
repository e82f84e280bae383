/* mskrota explain, shared between cli_explain.c (the command, the
 * conflict) and cli_explain_text.c (shortfalls and requests in words). */
#ifndef MR_CLI_EXPLAIN_H
#define MR_CLI_EXPLAIN_H

#include <stddef.h>

#include "cli.h"
#include "json.h"
#include "model.h"
#include "roster.h"

/* The subcommand; argv[0] is "explain". Returns the exit code. */
int  mr_cli_explain(int argc, char **argv);

/* The line of service.yaml where a rule key is set, 0 when not written
 * (the default applies). */
int  mr_xcli_rule_line(const mr_model *m, const char *key);
/* "file:line" of a place; for a rule item (kind with a rule key, loc file
 * -1) the line of the key in service.yaml. kind -1: no rule. */
void mr_xcli_place(const mr_model *m, mr_loc loc, int kind, char *buf,
                   size_t size);
/* Writes "file", "line" keys of a place into the open JSON object. */
void mr_xcli_json_loc(mr_json *j, const mr_model *m, mr_loc loc, int kind);

/* Explains the shortfalls and requests of an evaluated roster (version:
 * the stored run it came from, 0 when solved here). Returns the exit
 * code. */
int  mr_xcli_roster(const mr_cli_args *a, const mr_model *m,
                    const mr_solution *s, int version);

#endif
