/* The store of runs: one SQLite database holds every run of every month of a
 * service, each month's runs numbered 1, 2, ... (versions).
 *
 * A run is stored with everything its exports need as plain strings (the
 * rows of roster.csv, slots.csv, ea_allocations.csv, satisfaction.csv and
 * shortfalls.csv of SPEC.md section 8, ids rather than model indices), so
 * that `export` needs the database alone, never the service directory, and
 * a stored version never changes when the inputs do. Only the published
 * flag of a run changes after it is saved.
 *
 * Files: store_schema.c (open, schema, errors), store_write.c (save,
 * publish), store_read.c (versions, rows, summary), export_csv.c. Only
 * io/store*.c include sqlite3.h.
 *
 * Ownership: every string or buffer a store function hands back is owned
 * by the caller and freed with mr_free(). Strings given to row callbacks
 * are borrowed for the duration of the call only.
 *
 * Errors: functions return MR_OK, MR_ENOMEM, MR_EINVAL (bad argument, such
 * as a month or version with no run), MR_EBUSY (the database stayed locked
 * past the 10 s busy timeout) or MR_EIO (any other database or file
 * error); mr_store_errmsg() then says what went wrong. */
#ifndef MR_IO_STORE_H
#define MR_IO_STORE_H

#include "diag.h"
#include "model.h"
#include "roster.h"

/* The schema version in PRAGMA user_version. */
#define MR_STORE_SCHEMA 1

typedef struct mr_store mr_store;

/* Opens the database at path, creating it (mode 0600: it holds staff names
 * and leave) and its schema if new, with WAL journaling, a 10 s busy
 * timeout and foreign keys on. A database whose schema is newer than this
 * program is refused.
 *
 * On MR_OK *out is the open store. On MR_EIO or MR_EBUSY *out is a store
 * that only answers mr_store_errmsg() and must still be closed (SQLite's
 * practice, so the message survives). On MR_ENOMEM *out is NULL. */
int  mr_store_open(const char *path, mr_store **out);
void mr_store_close(mr_store *s);                       /* NULL is fine */

/* The message of the last failure ("" when none; "out of memory" for a
 * NULL store). Borrowed: valid until the next call on s. */
const char *mr_store_errmsg(const mr_store *s);

/* What a run is, beyond the solution. Strings are copied into the store. */
typedef struct mr_run_info {
    const char     *month;        /* "YYYY-MM" */
    const char     *kind;         /* "solve" or "regenerate" */
    const char     *fingerprint;  /* of the inputs; NULL stores "" */
    const char     *params;       /* solver parameters; NULL stores "" */
    const mr_diags *warnings;     /* each stored as one formatted line; NULL */
    int             changes;      /* regenerate: changed assignments; -1 none */
} mr_run_info;

/* Stores sol (made for the resolved model m) as the next version of its
 * month, in one transaction: either the whole run is stored or nothing is.
 * Indices are turned into ids and texts through m. The solution's outcome
 * must be optimal, feasible, infeasible or time_limit. *version gets the
 * new version (0 on failure). */
int  mr_store_save(mr_store *s, const mr_model *m, const mr_solution *sol,
                   const mr_run_info *info, int *version);

/* The highest version of month; 0 when the month has no run. */
int  mr_store_latest(mr_store *s, const char *month, int *version);
/* The highest published version of month; 0 when none is published. */
int  mr_store_published(mr_store *s, const char *month, int *version);
/* version when > 0 (MR_EINVAL when no such run); for 0: the published
 * version, else the latest (MR_EINVAL when the month has no run). */
int  mr_store_pick(mr_store *s, const char *month, int version, int *out);

/* Marks a version published by who (may be NULL), now. Earlier published
 * versions stay marked (the record of what people were told). Refuses
 * (MR_EINVAL): a version already published, one older than the published
 * one, and an infeasible run (it has no roster). version 0: the latest. */
int  mr_store_publish(mr_store *s, const char *month, int version,
                      const char *who);

/* The figures of one run, as stored. Strings owned by the caller: free the
 * whole record with mr_store_run_clear(). Missing numbers (NULL in the
 * database) are NaN; changes is -1 when not set. */
typedef struct mr_store_run {
    char  *month, *created_at, *kind, *status, *fingerprint, *params;
    int    version;
    double objective, bound, gap, seconds, first_seconds;
    mr_objective_parts parts;
    int    cover_shortfall, pcn_shortfall, demand_shortfall, ea_unallocated;
    double min_satisfaction, mean_satisfaction;     /* NaN: no requests */
    int    changes;
    int    published;
    char  *published_by, *published_at;             /* NULL when not */
    int    n_assignments;
} mr_store_run;

/* Reads run (month, version); version 0 as mr_store_pick(). */
int  mr_store_run_get(mr_store *s, const char *month, int version,
                      mr_store_run *out);
void mr_store_run_clear(mr_store_run *r);           /* NULL is fine */

/* The object of SPEC.md section 7 (`solve --json`), keys in this order:
 * status, objective, bound, gap, seconds, version, cover_shortfall,
 * pcn_shortfall, demand_shortfall, min_satisfaction, mean_satisfaction,
 * ea_unallocated, and changes when the run has them. Numbers as JSON
 * numbers; null for a missing satisfaction or a non-finite figure. One line,
 * no trailing newline; *json is owned by the caller (mr_free). version 0 as
 * mr_store_pick(). */
int  mr_store_summary_json(mr_store *s, const char *month, int version,
                           char **json);

/* The tables of a run, one per CSV file of SPEC.md section 8. */
enum mr_store_table {
    MR_TABLE_ROSTER,          /* roster.csv */
    MR_TABLE_SLOTS,           /* slots.csv */
    MR_TABLE_EA,              /* ea_allocations.csv */
    MR_TABLE_SATISFACTION,    /* satisfaction.csv */
    MR_TABLE_SHORTFALLS,      /* shortfalls.csv */
    MR_N_TABLES
};

/* The CSV file name of a table and its header (*n columns). Static. */
const char         *mr_store_table_file(int table);
const char *const  *mr_store_table_columns(int table, int *n);

/* Called once per row with the row's n cells, in the columns' order (empty
 * cells are ""). Borrowed: valid during the call only. Return MR_OK to go
 * on; any other value stops the walk and is returned by the reader. */
typedef int (*mr_row_fn)(void *user, const char *const *cells, int n);

/* Hands each row of a table of run (month, version) to fn, in export order:
 * roster by date, period start, site, staff; slots by date, start, site,
 * staff; EA allocations by date, start, site, adviser, with unallocated
 * referrals last; satisfaction by staff id; shortfalls by kind (cover, pcn,
 * demand), date, week, period start, site, pcn. version 0 as
 * mr_store_pick(). */
int  mr_store_rows(mr_store *s, const char *month, int version, int table,
                   mr_row_fn fn, void *user);
int  mr_store_roster_rows(mr_store *s, const char *month, int version,
                          mr_row_fn fn, void *user);
int  mr_store_slot_rows(mr_store *s, const char *month, int version,
                        mr_row_fn fn, void *user);
int  mr_store_ea_rows(mr_store *s, const char *month, int version,
                      mr_row_fn fn, void *user);
int  mr_store_satisfaction_rows(mr_store *s, const char *month, int version,
                                mr_row_fn fn, void *user);
int  mr_store_shortfall_rows(mr_store *s, const char *month, int version,
                             mr_row_fn fn, void *user);
/* The run's warnings, one cell each, in the order they were given. */
int  mr_store_warning_rows(mr_store *s, const char *month, int version,
                           mr_row_fn fn, void *user);

/* Runs PRAGMA integrity_check: MR_OK when the database is sound, MR_EIO
 * (with the first problem in mr_store_errmsg) when not. */
int  mr_store_check(mr_store *s);

/* --- internal to io/ ---------------------------------------------------- */

/* Sets the message mr_store_errmsg() returns (printf) and returns rc; for
 * writers built on the store (exporters) that fail outside SQLite. */
int  mr_store_set_error(mr_store *s, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
