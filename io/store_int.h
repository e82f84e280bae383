/* Internal to io/store*.c: the store's state and the helpers its files
 * share. The only header besides the store's sources that sees sqlite3.h. */
#ifndef MR_IO_STORE_INT_H
#define MR_IO_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct mr_store {
    sqlite3 *db;               /* NULL when the open failed */
    char     errmsg[512];
};

/* Sets the message (printf) and returns MR_EIO. */
int  store_err(mr_store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Records a failed SQLite call: "what: <SQLite's message>". Returns the
 * status for the SQLite result code (MR_EBUSY, MR_ENOMEM or MR_EIO). */
int  store_sqlite_err(mr_store *s, int src, const char *what);

/* Prepares one statement; on failure records the error. */
int  store_prepare(mr_store *s, const char *sql, sqlite3_stmt **out);
/* Runs constant SQL without parameters or results (one or more statements
 * separated by semicolons), each prepared in turn. */
int  store_exec(mr_store *s, const char *sql);

/* Ends the open transaction, if any, without touching the message of the
 * failure that led here. */
void store_rollback(mr_store *s);

/* Steps a statement that returns no row (SQLITE_DONE expected). */
int  store_step_done(mr_store *s, sqlite3_stmt *st, const char *what);

/* Binds a C string as text (NULL binds NULL); *rc keeps the first
 * failure so a row of binds can be checked once. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v, int *rc);

/* The run id and version of (month, version); version 0 picks the
 * published version, else the latest. MR_EINVAL when there is none. */
int  store_find_run(mr_store *s, const char *month, int version,
                    sqlite3_int64 *id, int *out_version);

/* Checks month is "YYYY-MM"; MR_EINVAL with a message if not. */
int  store_check_month(mr_store *s, const char *month);

#endif
