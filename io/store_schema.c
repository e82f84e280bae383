/* The store's database: opening, the schema (versioned with PRAGMA
 * user_version), error messages and the small helpers the other store
 * files share. See store.h.
 *
 * Schema 1. Every row table carries run_id and seq (the order rows were
 * given); cells are TEXT exactly as the CSV files show them, so that export
 * needs no model. Columns named sort_* exist only to order rows. */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "date.h"
#include "log.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char SCHEMA[] =
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY,"
    " month TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " created_at TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('solve', 'regenerate')),"
    " status TEXT NOT NULL CHECK (status IN"
    "  ('optimal', 'feasible', 'infeasible', 'time_limit')),"
    " objective REAL, bound REAL, gap REAL, seconds REAL, first_seconds REAL,"
    " part_cover REAL, part_pcn REAL, part_demand REAL, part_preference REAL,"
    " part_fairness REAL, part_specialism REAL, part_ea_unallocated REAL,"
    " part_change REAL,"
    " cover_shortfall INTEGER NOT NULL, pcn_shortfall INTEGER NOT NULL,"
    " demand_shortfall INTEGER NOT NULL, ea_unallocated INTEGER NOT NULL,"
    " min_satisfaction REAL, mean_satisfaction REAL,"
    " changes INTEGER,"
    " fingerprint TEXT NOT NULL, params TEXT NOT NULL,"
    " published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),"
    " published_by TEXT, published_at TEXT,"
    " UNIQUE (month, version));"
    "CREATE TABLE warnings ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "CREATE TABLE roster ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " date TEXT NOT NULL, period TEXT NOT NULL, start TEXT NOT NULL,"
    " end_time TEXT NOT NULL, staff_id TEXT NOT NULL, staff_name TEXT NOT NULL,"
    " role TEXT NOT NULL, activity TEXT NOT NULL, specialty TEXT NOT NULL,"
    " site_id TEXT NOT NULL, room_id TEXT NOT NULL, pcn_id TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "CREATE TABLE slots ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " date TEXT NOT NULL, start TEXT NOT NULL, end_time TEXT NOT NULL,"
    " site_id TEXT NOT NULL, room_id TEXT NOT NULL, staff_id TEXT NOT NULL,"
    " activity TEXT NOT NULL, appointment_type TEXT NOT NULL,"
    " capacity TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "CREATE TABLE ea_allocations ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " referral_id TEXT NOT NULL, adviser_id TEXT NOT NULL, date TEXT NOT NULL,"
    " start TEXT NOT NULL, end_time TEXT NOT NULL, site_id TEXT NOT NULL,"
    " room_id TEXT NOT NULL, status TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "CREATE TABLE satisfaction ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " staff_id TEXT NOT NULL, requested_weight TEXT NOT NULL,"
    " satisfied_weight TEXT NOT NULL, satisfaction TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "CREATE TABLE shortfalls ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('cover', 'pcn', 'demand')),"
    " site_id TEXT NOT NULL, pcn_id TEXT NOT NULL, activity TEXT NOT NULL,"
    " specialty TEXT NOT NULL, appointment_type TEXT NOT NULL,"
    " date TEXT NOT NULL, period TEXT NOT NULL, week TEXT NOT NULL,"
    " required TEXT NOT NULL, provided TEXT NOT NULL, shortfall TEXT NOT NULL,"
    " sort_kind INTEGER NOT NULL, sort_start TEXT NOT NULL,"
    " PRIMARY KEY (run_id, seq));"
    "PRAGMA user_version = " STR(MR_STORE_SCHEMA) ";";

/* --- errors and helpers -------------------------------------------------- */

int store_err(mr_store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return MR_EIO;
}

int mr_store_set_error(mr_store *s, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return rc;
}

int store_sqlite_err(mr_store *s, int src, const char *what)
{
    const char *msg = s->db != NULL ? sqlite3_errmsg(s->db)
                                    : sqlite3_errstr(src);
    snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, msg);
    switch (src & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: the database is locked by another process", what);
        return MR_EBUSY;
    case SQLITE_NOMEM:
        return MR_ENOMEM;
    default:
        return MR_EIO;
    }
}

int store_prepare(mr_store *s, const char *sql, sqlite3_stmt **out)
{
    int src = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
    if (src != SQLITE_OK) {
        *out = NULL;
        return store_sqlite_err(s, src, "cannot prepare a query");
    }
    return MR_OK;
}

int store_exec(mr_store *s, const char *sql)
{
    const char *tail = sql;

    while (*tail != '\0') {
        sqlite3_stmt *st = NULL;
        int src = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail);
        if (src != SQLITE_OK)
            return store_sqlite_err(s, src, "cannot prepare a statement");
        if (st == NULL)                 /* trailing blank or comment */
            break;
        while ((src = sqlite3_step(st)) == SQLITE_ROW)
            ;
        sqlite3_finalize(st);
        if (src != SQLITE_DONE)
            return store_sqlite_err(s, src, "cannot run a statement");
    }
    return MR_OK;
}

int store_step_done(mr_store *s, sqlite3_stmt *st, const char *what)
{
    int src = sqlite3_step(st);
    if (src != SQLITE_DONE)
        return store_sqlite_err(s, src, what);
    return MR_OK;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v, int *rc)
{
    int src = v == NULL ? sqlite3_bind_null(st, i)
                        : sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    if (src != SQLITE_OK && *rc == SQLITE_OK)
        *rc = src;
}

void store_rollback(mr_store *s)
{
    char keep[sizeof s->errmsg];

    memcpy(keep, s->errmsg, sizeof keep);
    if (!sqlite3_get_autocommit(s->db))
        store_exec(s, "ROLLBACK");
    memcpy(s->errmsg, keep, sizeof keep);
}

int store_check_month(mr_store *s, const char *month)
{
    int y, mo;
    if (month == NULL || mr_month_parse(month, &y, &mo) != 0) {
        store_err(s, "invalid month '%s' (expected YYYY-MM)",
                  month != NULL ? month : "");
        return MR_EINVAL;
    }
    return MR_OK;
}

/* Reads one integer from a query with no parameters. */
static int query_int(mr_store *s, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc, src;

    *out = 0;
    if ((rc = store_prepare(s, sql, &st)) != MR_OK)
        return rc;
    src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else if (src != SQLITE_DONE)
        rc = store_sqlite_err(s, src, "cannot read the database");
    sqlite3_finalize(st);
    return rc;
}

/* Creates the schema when the database is new, in one transaction, and
 * refuses a schema this program does not know. */
static int ensure_schema(mr_store *s)
{
    int v, rc;

    if ((rc = query_int(s, "PRAGMA user_version", &v)) != MR_OK)
        return rc;
    if (v == 0) {
        /* IMMEDIATE: two processes creating the same new file serialise
         * here, and the second one finds the schema made. */
        if ((rc = store_exec(s, "BEGIN IMMEDIATE")) != MR_OK)
            return rc;
        if ((rc = query_int(s, "PRAGMA user_version", &v)) == MR_OK
            && v == 0)
            rc = store_exec(s, SCHEMA);
        if (rc == MR_OK)
            rc = store_exec(s, "COMMIT");
        if (rc != MR_OK) {
            store_rollback(s);
            return rc;
        }
        if ((rc = query_int(s, "PRAGMA user_version", &v)) != MR_OK)
            return rc;
    }
    if (v != MR_STORE_SCHEMA)
        return store_err(s, "the database has schema version %d; this "
                         "mskrota knows version %d", v, MR_STORE_SCHEMA);
    return MR_OK;
}

/* --- public -------------------------------------------------------------- */

int mr_store_open(const char *path, mr_store **out)
{
    mr_store *s;
    sqlite3_stmt *st = NULL;
    int fd, src, rc;

    *out = NULL;
    if ((s = mr_calloc(1, sizeof *s)) == NULL)
        return MR_ENOMEM;
    *out = s;
    /* Create the file ourselves so it is private from the first byte;
     * SQLite gives its -wal and -shm files the database's mode. */
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return store_err(s, "cannot open '%s': %s", path, strerror(errno));
    close(fd);
    src = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
    if (src != SQLITE_OK) {
        rc = store_sqlite_err(s, src, path);
        sqlite3_close(s->db);
        s->db = NULL;
        if (rc == MR_ENOMEM) {
            mr_store_close(s);
            *out = NULL;
        }
        return rc;
    }
    sqlite3_busy_timeout(s->db, 10000);
    if ((rc = store_exec(s, "PRAGMA foreign_keys = ON")) != MR_OK)
        goto fail;
    if ((rc = store_prepare(s, "PRAGMA journal_mode = WAL", &st)) != MR_OK)
        goto fail;
    src = sqlite3_step(st);
    if (src != SQLITE_ROW) {
        rc = store_sqlite_err(s, src, path);
        goto fail;
    }
    if (strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0)
        mr_log(MR_LOG_WARN, "%s: WAL journaling unavailable, using %s", path,
               (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = NULL;
    if ((rc = store_exec(s, "PRAGMA synchronous = FULL")) != MR_OK)
        goto fail;
    if ((rc = ensure_schema(s)) != MR_OK)
        goto fail;
    s->errmsg[0] = '\0';
    return MR_OK;
fail:
    sqlite3_finalize(st);
    if (strncmp(s->errmsg, path, strlen(path)) != 0) {
        char keep[sizeof s->errmsg];
        memcpy(keep, s->errmsg, sizeof keep);
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %.256s", path, keep);
    }
    sqlite3_close(s->db);
    s->db = NULL;
    if (rc == MR_ENOMEM) {
        mr_store_close(s);
        *out = NULL;
    }
    return rc;
}

void mr_store_close(mr_store *s)
{
    if (s == NULL)
        return;
    sqlite3_close(s->db);
    mr_free(s);
}

const char *mr_store_errmsg(const mr_store *s)
{
    return s == NULL ? "out of memory" : s->errmsg;
}

int mr_store_check(mr_store *s)
{
    sqlite3_stmt *st = NULL;
    int rc, src;

    if (s->db == NULL)
        return store_err(s, "the database is not open");
    if ((rc = store_prepare(s, "PRAGMA integrity_check", &st)) != MR_OK)
        return rc;
    src = sqlite3_step(st);
    if (src != SQLITE_ROW)
        rc = store_sqlite_err(s, src, "integrity check");
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        rc = store_err(s, "integrity check: %s",
                       (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc;
}
