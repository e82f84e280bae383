/* The command-line front end: shared pieces of the subcommands. */
#ifndef MR_CLI_H
#define MR_CLI_H

#include <stdio.h>

#include "diag.h"

/* Exit codes of SPEC.md section 7. */
enum {
    MR_EXIT_OK = 0,
    MR_EXIT_INFEASIBLE = 2,
    MR_EXIT_USAGE = 64,
    MR_EXIT_INVALID = 65,
    MR_EXIT_IO = 74,
    MR_EXIT_BUSY = 75
};

/* The options any subcommand may take. Strings point into argv. */
typedef struct mr_cli_args {
    const char *dir;           /* SERVICE_DIR, or NULL */
    const char *month;         /* --month */
    const char *db;            /* --db */
    const char *format;        /* --format */
    const char *out;           /* --out */
    const char *from;          /* --from */
    const char *write_lp;      /* --write-lp */
    double      time_limit;    /* --time-limit, < 0 when not given */
    double      gap;           /* --gap, < 0 when not given */
    int         version;       /* --version N, 0 when not given */
    int         threads;       /* --threads N (1 or 2), 0 when not given */
    int         json;          /* --json */
    int         quiet;         /* --quiet */
} mr_cli_args;

/* Which options a subcommand accepts: a string of option names separated by
 * spaces, e.g. "month db time-limit gap json"; needs_dir says whether a
 * SERVICE_DIR operand is required (1), forbidden (0). Prints a message and
 * returns MR_EXIT_USAGE on a bad command line, else 0. */
int  mr_cli_parse(int argc, char **argv, const char *allowed, int needs_dir,
                  mr_cli_args *out);

/* Prints every diagnostic to stderr, sorted, errors and warnings. */
void mr_cli_print_diags(mr_diags *d);

/* The database path: --db, else SERVICE_DIR/mskrota.db, else ./mskrota.db.
 * Writes into buf. */
const char *mr_cli_db_path(const mr_cli_args *a, char *buf, int size);

/* Checks --month is YYYY-MM; prints and returns MR_EXIT_USAGE if not. */
int  mr_cli_need_month(const mr_cli_args *a);

/* Subcommands; argv[0] is the subcommand's name. */
int  mr_cli_validate(int argc, char **argv);
int  mr_cli_solve(int argc, char **argv);
int  mr_cli_export(int argc, char **argv);
int  mr_cli_publish(int argc, char **argv);
int  mr_cli_nrp(int argc, char **argv);
int  mr_cli_regenerate(int argc, char **argv);    /* cli_regen.c */
int  mr_cli_batch(int argc, char **argv);         /* cli_batch.c */

void mr_cli_usage(FILE *f);

/* The engine's messages on stderr: errors and warnings always, the progress
 * of the solver's stages too with MSKROTA_LOG=info (debug: GLPK's own). */
void mr_cli_log_stderr(int level, const char *text, void *user);

#endif
