/* mskrota: the command-line front end. Dispatches to the subcommands and
 * maps outcomes to the exit codes of SPEC.md section 7. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_explain.h"
#include "mskrota.h"

void mr_cli_usage(FILE *f)
{
    fputs(
"usage:\n"
"  mskrota validate SERVICE_DIR [--month M]\n"
"      Check a service's files; report every problem as file:line:column.\n"
"  mskrota solve SERVICE_DIR --month M [--db FILE] [--time-limit S] [--gap G]\n"
"                [--json] [--write-lp FILE] [--quiet] [--threads 1|2]\n"
"      Roster the month, verify it, store it as a new version.\n"
"  mskrota explain SERVICE_DIR --month M [--db FILE] [--json] [--time-limit S]\n"
"      Say why a month cannot be rostered or why cover or requests lost.\n"
"  mskrota publish --month M [--db FILE]\n"
"      Mark the latest version of the month as published.\n"
"  mskrota regenerate SERVICE_DIR --month M --from DATE [--db FILE] [--json]\n"
"                     [--time-limit S]\n"
"      Re-solve a published month from DATE with the fewest changes.\n"
"  mskrota export --month M --format csv|ics|xlsx|html --out DIR [--db FILE]\n"
"                 [--version N]\n"
"      Write a stored version (default: published, else latest) as files.\n"
"  mskrota batch SERVICE_DIR [--db FILE] [--time-limit S] [--threads 1|2]\n"
"      Re-solve every unpublished month whose inputs changed.\n"
"  mskrota nrp solve INSTANCE [--time-limit S] [--out FILE] [--json]\n"
"      Solve a Curtois-Qu shift scheduling benchmark instance.\n"
"  mskrota --help | --version\n"
"\n"
"M is YYYY-MM. --db defaults to SERVICE_DIR/mskrota.db (else ./mskrota.db).\n"
"Exit codes: 0 done, 2 no roster satisfies the hard rules, 64 bad usage,\n"
"65 invalid input, 74 I/O or database error, 75 busy.\n", f);
}

int main(int argc, char **argv)
{
    const char *cmd;

    if (argc < 2) {
        mr_cli_usage(stderr);
        return MR_EXIT_USAGE;
    }
    cmd = argv[1];
    mr_set_log(mr_cli_log_stderr, NULL);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0
        || strcmp(cmd, "help") == 0) {
        mr_cli_usage(stdout);
        return MR_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("mskrota %s\n", mr_version());
        return MR_EXIT_OK;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            mr_cli_usage(stdout);
            return MR_EXIT_OK;
        }
    if (strcmp(cmd, "validate") == 0)
        return mr_cli_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "solve") == 0)
        return mr_cli_solve(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0)
        return mr_cli_export(argc - 1, argv + 1);
    if (strcmp(cmd, "publish") == 0)
        return mr_cli_publish(argc - 1, argv + 1);
    if (strcmp(cmd, "regenerate") == 0)
        return mr_cli_regenerate(argc - 1, argv + 1);
    if (strcmp(cmd, "batch") == 0)
        return mr_cli_batch(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return mr_cli_explain(argc - 1, argv + 1);
    if (strcmp(cmd, "nrp") == 0)
        return mr_cli_nrp(argc - 1, argv + 1);
    fprintf(stderr, "mskrota: unknown command '%s'\n", cmd);
    mr_cli_usage(stderr);
    return MR_EXIT_USAGE;
}
