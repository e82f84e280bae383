/* mskrota export and publish: read a stored version of a month. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export_csv.h"
#include "export_html.h"
#include "export_ics.h"
#include "export_xlsx.h"
#include "store.h"

/* The formats of `export`: each writes a stored run into a directory. */
static const struct {
    const char *name;
    int (*run)(mr_store *, const char *, int, const char *);
} FORMATS[] = {
    {"csv", mr_export_csv},
    {"ics", mr_export_ics},
    {"xlsx", mr_export_xlsx},
    {"html", mr_export_html},
};

static int open_store(const mr_cli_args *a, mr_store **st)
{
    char buf[4096];
    const char *db = mr_cli_db_path(a, buf, sizeof buf);
    int rc;

    if (access(db, F_OK) != 0) {
        fprintf(stderr, "mskrota: no database at %s (solve a month first, or "
                "give --db)\n", db);
        return MR_EXIT_IO;
    }
    rc = mr_store_open(db, st);
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", db, mr_store_errmsg(*st));
        mr_store_close(*st);
        *st = NULL;
        return rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    return MR_EXIT_OK;
}

int mr_cli_export(int argc, char **argv)
{
    mr_cli_args a;
    mr_store *st = NULL;
    int code, rc, version, f = 0;

    if ((code = mr_cli_parse(argc, argv, "month db format out version", 0,
                             &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    if (a.format == NULL || a.out == NULL) {
        fprintf(stderr, "mskrota export: --format and --out are required\n");
        return MR_EXIT_USAGE;
    }
    while (f < (int)(sizeof FORMATS / sizeof FORMATS[0])
           && strcmp(a.format, FORMATS[f].name) != 0)
        f++;
    if (f == (int)(sizeof FORMATS / sizeof FORMATS[0])) {
        fprintf(stderr, "mskrota export: format '%s' is not available "
                "(formats: csv, ics, xlsx, html)\n", a.format);
        return MR_EXIT_USAGE;
    }
    if ((code = open_store(&a, &st)) != MR_EXIT_OK)
        return code;
    if (mr_store_pick(st, a.month, a.version, &version) != MR_OK) {
        fprintf(stderr, "mskrota export: %s\n", mr_store_errmsg(st));
        mr_store_close(st);
        return MR_EXIT_INVALID;
    }
    rc = FORMATS[f].run(st, a.month, version, a.out);
    if (rc != MR_OK) {
        fprintf(stderr, "mskrota export: %s\n", mr_store_errmsg(st));
        mr_store_close(st);
        return rc == MR_EINVAL ? MR_EXIT_INVALID : MR_EXIT_IO;
    }
    printf("exported version %d of %s to %s\n", version, a.month, a.out);
    mr_store_close(st);
    return MR_EXIT_OK;
}

int mr_cli_publish(int argc, char **argv)
{
    mr_cli_args a;
    mr_store *st = NULL;
    int code, version = 0;
    const char *who = getenv("USER");

    if ((code = mr_cli_parse(argc, argv, "month db version", 0, &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    if (who == NULL) {
        struct passwd *pw = getpwuid(getuid());
        who = pw != NULL ? pw->pw_name : "unknown";
    }
    if ((code = open_store(&a, &st)) != MR_EXIT_OK)
        return code;
    if (a.version > 0)
        version = a.version;
    else if (mr_store_latest(st, a.month, &version) != MR_OK || version == 0) {
        fprintf(stderr, "mskrota publish: %s has no stored version\n",
                a.month);
        mr_store_close(st);
        return MR_EXIT_INVALID;
    }
    if (mr_store_publish(st, a.month, version, who) != MR_OK) {
        fprintf(stderr, "mskrota publish: %s\n", mr_store_errmsg(st));
        mr_store_close(st);
        return MR_EXIT_INVALID;
    }
    printf("published version %d of %s (by %s)\n", version, a.month, who);
    mr_store_close(st);
    return MR_EXIT_OK;
}
