/* mskrota nrp: the Curtois-Qu shift scheduling benchmark from the command
 * line.
 *
 *   mskrota nrp solve INSTANCE [--time-limit S] [--out FILE] [--json]
 *                     [--write-lp FILE] [--quiet] [--verbose]
 *                     [--no-branch] [--no-rmip] [--no-dive] [--no-local]
 *                     [--no-smoothing] [--cpu-time] [--state-budget N]
 *   mskrota nrp check INSTANCE ROSTER [--json]
 *
 * solve prints the evaluator-checked objective and the proven lower bound;
 * --write-lp writes the compact IP model (for CBC) and does not solve.
 * check scores a roster file with the evaluator. Exit codes: 0 done, 2 the
 * roster breaks a hard rule (check) or no roster was found (solve), 64 bad
 * usage, 65 invalid instance or roster, 74 unreadable or unwritable. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "json.h"
#include "mskrota.h"
#include "nrp.h"
#include "nrp_cg.h"
#include "nrp_reader.h"

typedef struct nrp_args {
    const char *cmd, *instance, *roster, *out, *write_lp;
    double time_limit;
    long state_budget;
    int json, quiet, verbose, no_branch, no_rmip, no_dive, no_local;
    int no_smoothing, cpu_clock;
} nrp_args;

static void usage(FILE *f)
{
    fputs("usage: mskrota nrp solve INSTANCE [--time-limit S] [--out FILE] "
          "[--json]\n"
          "                         [--write-lp FILE] [--quiet] [--verbose]"
          "\n"
          "                         [--no-branch] [--no-rmip] [--no-dive] "
          "[--no-local]\n"
          "                         [--no-smoothing] [--cpu-time] "
          "[--state-budget N]\n"
          "       mskrota nrp check INSTANCE ROSTER [--json]\n", f);
}

static int bad(const char *fmt, const char *arg)
{
    fprintf(stderr, "mskrota nrp: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage(stderr);
    return MR_EXIT_USAGE;
}

static int parse(int argc, char **argv, nrp_args *a)
{
    memset(a, 0, sizeof *a);
    a->time_limit = 0;
    if (argc < 2)
        return bad("%s", "missing subcommand (solve or check)");
    a->cmd = argv[1];
    if (strcmp(a->cmd, "solve") != 0 && strcmp(a->cmd, "check") != 0)
        return bad("unknown subcommand '%s'", a->cmd);
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        int more = i + 1 < argc;
        char *end;
        if (strncmp(s, "--", 2) != 0) {
            if (a->instance == NULL)
                a->instance = s;
            else if (a->roster == NULL && strcmp(a->cmd, "check") == 0)
                a->roster = s;
            else
                return bad("unexpected argument '%s'", s);
        } else if (strcmp(s, "--json") == 0)
            a->json = 1;
        else if (strcmp(s, "--quiet") == 0)
            a->quiet = 1;
        else if (strcmp(s, "--verbose") == 0)
            a->verbose = 1;
        else if (strcmp(s, "--no-branch") == 0)
            a->no_branch = 1;
        else if (strcmp(s, "--no-rmip") == 0)
            a->no_rmip = 1;
        else if (strcmp(s, "--no-dive") == 0)
            a->no_dive = 1;
        else if (strcmp(s, "--no-local") == 0)
            a->no_local = 1;
        else if (strcmp(s, "--no-smoothing") == 0)
            a->no_smoothing = 1;
        else if (strcmp(s, "--cpu-time") == 0)
            a->cpu_clock = 1;
        else if (!more)
            return bad("option '%s' needs a value", s);
        else if (strcmp(s, "--out") == 0)
            a->out = argv[++i];
        else if (strcmp(s, "--write-lp") == 0)
            a->write_lp = argv[++i];
        else if (strcmp(s, "--time-limit") == 0) {
            errno = 0;
            a->time_limit = strtod(argv[++i], &end);
            if (errno || *end || end == argv[i] || !(a->time_limit > 0) ||
                a->time_limit > 1e7)
                return bad("--time-limit expects seconds > 0, got '%s'",
                           argv[i]);
        } else if (strcmp(s, "--state-budget") == 0) {
            errno = 0;
            a->state_budget = strtol(argv[++i], &end, 10);
            if (errno || *end || end == argv[i] || a->state_budget < 1)
                return bad("--state-budget expects a positive integer, got "
                           "'%s'", argv[i]);
        } else
            return bad("unknown option '%s'", s);
        if (strcmp(a->cmd, "check") == 0 && strncmp(s, "--", 2) == 0 &&
            strcmp(s, "--json") != 0)
            return bad("check takes only --json, not '%s'", s);
    }
    if (a->instance == NULL)
        return bad("%s", "missing INSTANCE");
    if (strcmp(a->cmd, "check") == 0 && a->roster == NULL)
        return bad("%s", "missing ROSTER");
    return 0;
}

static void log_to_stderr(int level, const char *text, void *user)
{
    int verbose = *(int *)user;
    if (level <= MR_LOG_WARN || verbose)
        fprintf(stderr, "%s\n", text);
}

static int load(const char *path, mr_nrp **p)
{
    mr_diags d;
    mr_diags_init(&d);
    int rc = mr_nrp_read(path, p, &d);
    mr_cli_print_diags(&d);
    mr_diags_clear(&d);
    if (rc == MR_EIO)
        return MR_EXIT_IO;
    if (rc == MR_ENOMEM) {
        fprintf(stderr, "mskrota nrp: out of memory\n");
        return MR_EXIT_IO;
    }
    return rc == MR_OK ? 0 : MR_EXIT_INVALID;
}

static const char *status_name(int s)
{
    return s == MR_NRP_OPTIMAL ? "optimal"
           : s == MR_NRP_FEASIBLE ? "feasible" : "no_roster";
}

static int print_json(const nrp_args *a, mr_buf *b)
{
    char *text = NULL;
    if (mr_buf_take(b, &text) != MR_OK) {
        fprintf(stderr, "mskrota nrp: out of memory\n");
        return MR_EXIT_IO;
    }
    if (a->json)
        printf("%s\n", text);
    mr_free(text);
    return 0;
}

static int do_write_lp(const nrp_args *a, const mr_nrp *p)
{
    long offset;
    mr_buf b;
    int rc = mr_nrp_write_lp(p, a->write_lp, &offset);
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota nrp: cannot write %s\n", a->write_lp);
        return MR_EXIT_IO;
    }
    if (!a->json) {
        if (!a->quiet)
            printf("wrote %s; objective = LP value + %ld\n", a->write_lp,
                   offset);
        return MR_EXIT_OK;
    }
    mr_buf_init(&b);
    mr_buf_puts(&b, "{\"instance\": ");
    mr_json_escape(&b, a->instance);
    mr_buf_puts(&b, ", \"lp\": ");
    mr_json_escape(&b, a->write_lp);
    mr_buf_printf(&b, ", \"offset\": %ld}", offset);
    return print_json(a, &b);
}

static int do_solve(const nrp_args *a, const mr_nrp *p)
{
    mr_nrp_opts o;
    mr_nrp_result r;
    mr_buf b;
    int rc;

    mr_nrp_opts_default(&o);
    o.time_limit = a->time_limit;
    o.no_branch = a->no_branch;
    o.no_rmip = a->no_rmip;
    o.no_dive = a->no_dive;
    o.no_local = a->no_local;
    o.no_smoothing = a->no_smoothing;
    o.cpu_clock = a->cpu_clock;
    o.state_budget = a->state_budget;
    if ((rc = mr_nrp_solve(p, &o, &r)) != MR_OK) {
        fprintf(stderr, "mskrota nrp: the solver failed: %s\n",
                mr_status_name(rc));
        /* an instance that read well: a failure here is ours (70, as
         * solve), not the input's */
        return rc == MR_ENOMEM ? MR_EXIT_IO
               : rc == MR_EINVAL ? MR_EXIT_INVALID : 70;
    }
    if (a->out != NULL && r.roster != NULL) {
        char comment[256];
        snprintf(comment, sizeof comment, "%s: objective %ld, lower bound "
                 "%ld (mskrota %s)", a->instance, r.objective, r.lower_bound,
                 mr_version());
        if (mr_nrp_roster_write(a->out, p, r.roster, comment) != MR_OK) {
            fprintf(stderr, "mskrota nrp: cannot write %s\n", a->out);
            mr_nrp_result_clear(&r);
            return MR_EXIT_IO;
        }
    }
    if (a->json) {
        mr_buf_init(&b);
        mr_buf_puts(&b, "{\"instance\": ");
        mr_json_escape(&b, a->instance);
        if (r.roster != NULL)
            mr_buf_printf(&b, ", \"objective\": %ld", r.objective);
        else
            mr_buf_puts(&b, ", \"objective\": null");
        if (r.lower_bound >= 0)
            mr_buf_printf(&b, ", \"lower_bound\": %ld", r.lower_bound);
        else
            mr_buf_puts(&b, ", \"lower_bound\": null");
        mr_buf_printf(&b, ", \"seconds\": %.3f, \"cpu_seconds\": %.3f, "
                      "\"status\": \"%s\", "
                      "\"root_bound\": %.4f, \"seconds_root\": %.3f, "
                      "\"seconds_best\": %.3f, \"first_objective\": %ld, "
                      "\"columns\": %ld, \"cg_rounds\": %ld, \"nodes\": %ld, "
                      "\"exact_pricing\": %s}", r.seconds, r.cpu_seconds,
                      status_name(r.status), r.root_bound, r.seconds_root,
                      r.seconds_best, r.first_objective, r.columns,
                      r.cg_rounds, r.nodes,
                      r.exact_pricing ? "true" : "false");
        rc = print_json(a, &b);
        if (rc != 0) {
            mr_nrp_result_clear(&r);
            return rc;
        }
    } else if (!a->quiet) {
        if (r.roster != NULL)
            printf("%s: objective %ld, lower bound %ld, %s, %.2fs\n",
                   a->instance, r.objective, r.lower_bound,
                   status_name(r.status), r.seconds);
        else
            printf("%s: no roster found, lower bound %ld, %.2fs\n",
                   a->instance, r.lower_bound, r.seconds);
    }
    rc = r.roster != NULL ? MR_EXIT_OK : MR_EXIT_INFEASIBLE;
    mr_nrp_result_clear(&r);
    return rc;
}

static int do_check(const nrp_args *a, const mr_nrp *p)
{
    mr_diags d;
    mr_nrp_eval ev;
    int *r = NULL;
    mr_buf b;

    mr_diags_init(&d);
    int rc = mr_nrp_roster_read(a->roster, p, &r, &d);
    mr_cli_print_diags(&d);
    mr_diags_clear(&d);
    if (rc != MR_OK)
        return rc == MR_EIO || rc == MR_ENOMEM ? MR_EXIT_IO
                                               : MR_EXIT_INVALID;
    mr_nrp_evaluate(p, r, &ev);
    mr_free(r);
    if (ev.n_violations > 0)
        fprintf(stderr, "%s: %d hard violations, the first: %s (employee %s,"
                " day %d)\n", a->roster, ev.n_violations,
                mr_nrp_rule_name(ev.first_rule),
                p->staff_ids[ev.first_staff], ev.first_day);
    if (a->json) {
        mr_buf_init(&b);
        mr_buf_puts(&b, "{\"instance\": ");
        mr_json_escape(&b, a->instance);
        mr_buf_puts(&b, ", \"roster\": ");
        mr_json_escape(&b, a->roster);
        mr_buf_printf(&b, ", \"objective\": %ld, \"violations\": %d, "
                      "\"on\": %ld, \"off\": %ld, \"under\": %ld, "
                      "\"over\": %ld}", ev.objective, ev.n_violations,
                      ev.on_penalty, ev.off_penalty, ev.under_penalty,
                      ev.over_penalty);
        if ((rc = print_json(a, &b)) != 0)
            return rc;
    } else
        printf("%s: objective %ld, %d hard violations\n", a->roster,
               ev.objective, ev.n_violations);
    return ev.n_violations ? MR_EXIT_INFEASIBLE : MR_EXIT_OK;
}

int mr_cli_nrp(int argc, char **argv)
{
    nrp_args a;
    mr_nrp *p = NULL;
    int rc;

    if ((rc = parse(argc, argv, &a)) != 0)
        return rc;
    mr_set_log(log_to_stderr, &a.verbose);
    if ((rc = load(a.instance, &p)) != 0)
        return rc;
    if (strcmp(a.cmd, "check") == 0)
        rc = do_check(&a, p);
    else if (a.write_lp != NULL)
        rc = do_write_lp(&a, p);
    else
        rc = do_solve(&a, p);
    mr_set_log(NULL, NULL);
    mr_nrp_free(p);
    return rc;
}
