/* Command-line option parsing shared by every subcommand. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "mskrota.h"

/* 1 when name is one of the space-separated words of list. */
static int allowed_opt(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n) {
        int starts = p == list || p[-1] == ' ';
        int ends = p[n] == '\0' || p[n] == ' ';
        if (starts && ends)
            return 1;
    }
    return 0;
}

static int parse_double(const char *opt, const char *s, double lo, double hi,
                        double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !isfinite(v) || v < lo
        || v > hi) {
        fprintf(stderr, "mskrota: --%s expects a number from %g to %g, got '%s'\n",
                opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

int mr_cli_parse(int argc, char **argv, const char *allowed, int needs_dir,
                 mr_cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->time_limit = -1;
    a->gap = -1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *name, *val = NULL;
        double v;

        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (a->dir != NULL || !needs_dir) {
                fprintf(stderr, "mskrota %s: unexpected argument '%s'\n",
                        argv[0], arg);
                return MR_EXIT_USAGE;
            }
            a->dir = arg;
            continue;
        }
        name = arg + 2;
        if (!allowed_opt(allowed, name)) {
            fprintf(stderr, "mskrota %s: unknown option '%s' (allowed: --%s)\n",
                    argv[0], arg, allowed);
            return MR_EXIT_USAGE;
        }
        if (strcmp(name, "json") == 0) {
            a->json = 1;
            continue;
        }
        if (strcmp(name, "quiet") == 0) {
            a->quiet = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "mskrota %s: option '%s' needs a value\n", argv[0],
                    arg);
            return MR_EXIT_USAGE;
        }
        val = argv[++i];
        if (strcmp(name, "month") == 0)
            a->month = val;
        else if (strcmp(name, "db") == 0)
            a->db = val;
        else if (strcmp(name, "format") == 0)
            a->format = val;
        else if (strcmp(name, "out") == 0)
            a->out = val;
        else if (strcmp(name, "from") == 0)
            a->from = val;
        else if (strcmp(name, "write-lp") == 0)
            a->write_lp = val;
        else if (strcmp(name, "time-limit") == 0) {
            if (parse_double(name, val, 0.001, 1e7, &a->time_limit) != 0)
                return MR_EXIT_USAGE;
        } else if (strcmp(name, "gap") == 0) {
            if (parse_double(name, val, 0, 1e6, &a->gap) != 0)
                return MR_EXIT_USAGE;
        } else if (strcmp(name, "threads") == 0) {
            if (parse_double(name, val, 1, 2, &v) != 0 || v != floor(v))
                return MR_EXIT_USAGE;
            a->threads = (int)v;
        } else if (strcmp(name, "version") == 0) {
            if (parse_double(name, val, 1, 1e9, &v) != 0 || v != floor(v))
                return MR_EXIT_USAGE;
            a->version = (int)v;
        }
    }
    if (needs_dir && a->dir == NULL) {
        fprintf(stderr, "mskrota %s: missing SERVICE_DIR\n", argv[0]);
        return MR_EXIT_USAGE;
    }
    return 0;
}

int mr_cli_need_month(const mr_cli_args *a)
{
    int y, m;
    if (a->month == NULL) {
        fprintf(stderr, "mskrota: --month YYYY-MM is required\n");
        return MR_EXIT_USAGE;
    }
    if (mr_month_parse(a->month, &y, &m) != 0) {
        fprintf(stderr, "mskrota: --month expects YYYY-MM, got '%s'\n",
                a->month);
        return MR_EXIT_USAGE;
    }
    return 0;
}

const char *mr_cli_db_path(const mr_cli_args *a, char *buf, int size)
{
    if (a->db != NULL)
        snprintf(buf, (size_t)size, "%s", a->db);
    else if (a->dir != NULL)
        snprintf(buf, (size_t)size, "%s/mskrota.db", a->dir);
    else
        snprintf(buf, (size_t)size, "mskrota.db");
    return buf;
}

void mr_cli_print_diags(mr_diags *d)
{
    char buf[1400];
    mr_diags_sort(d);
    for (int i = 0; i < d->n; i++) {
        mr_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    if (d->oom)
        fprintf(stderr, "mskrota: out of memory: some problems were not recorded\n");
}

void mr_cli_log_stderr(int level, const char *text, void *user)
{
    const char *want = getenv("MSKROTA_LOG");
    int max = MR_LOG_WARN;
    (void)user;
    if (want != NULL && strcmp(want, "info") == 0)
        max = MR_LOG_INFO;
    else if (want != NULL && strcmp(want, "debug") == 0)
        max = MR_LOG_DEBUG;
    if (level <= max)
        fprintf(stderr, "mskrota: %s%s\n", level == MR_LOG_ERROR ? "error: "
                : level == MR_LOG_WARN ? "warning: " : "", text);
}
