/* Status codes and diagnostics.
 *
 * Every fallible function returns a status (MR_OK is 0). Problems found in the
 * input are not statuses: they are diagnostics, collected in an mr_diags so
 * that one run reports them all, each with file, line, column and message. */
#ifndef MR_DIAG_H
#define MR_DIAG_H

#include <stdarg.h>

enum mr_status {
    MR_OK = 0,
    MR_ENOMEM,       /* an allocation failed */
    MR_EINVAL,       /* the input is invalid (see the diagnostics) */
    MR_EIO,          /* a file or the database could not be read or written */
    MR_EBUSY,        /* another process holds the lock */
    MR_ESOLVER,      /* the solver failed in a way that is our bug */
    MR_EINFEASIBLE   /* only where an outcome must travel as a status */
};

enum mr_severity { MR_ERROR, MR_WARNING };

typedef struct mr_diag {
    int   severity;      /* enum mr_severity */
    char *file;          /* NULL when the problem has no place */
    int   line, col;     /* 1-based; 0 when unknown */
    char *message;
} mr_diag;

typedef struct mr_diags {
    mr_diag *items;
    int      n, cap;
    int      n_errors;
    int      oom;        /* set when a diagnostic could not be stored */
} mr_diags;

void mr_diags_init(mr_diags *d);
void mr_diags_clear(mr_diags *d);            /* frees every diagnostic */

/* Adds a diagnostic; file may be NULL. The message is printf-formatted.
 * Never fails: when memory runs out, d->oom is set and the message dropped. */
void mr_diag_add(mr_diags *d, int severity, const char *file, int line,
                 int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void mr_diag_addv(mr_diags *d, int severity, const char *file, int line,
                  int col, const char *fmt, va_list ap);

/* Sorts diagnostics by file, line and column (stable), for printing. */
void mr_diags_sort(mr_diags *d);

/* Formats one diagnostic as "file:line:col: error: message" into buf. */
void mr_diag_format(const mr_diag *g, char *buf, int size);

/* The closest candidate to s by edit distance, or NULL when none is close
 * enough to suggest ("did you mean ..."). */
const char *mr_suggest(const char *s, const char *const *cands, int n);

const char *mr_status_name(int status);

#endif
