/* Reading a service directory into a model.
 *
 * mr_load() reads SERVICE_DIR/service.yaml and, for a month, the month's
 * optional inputs (SPEC 2), and reports every input problem as a diagnostic
 * with the file (relative to the directory), line and column. The readers
 * check each field on its own (types, keys, formats, ranges); checks that
 * span entities (references, duplicates, budgets) belong to
 * mr_model_resolve().
 *
 * The second half of this header is internal to io/: the reading context
 * and the per-file readers that load.c dispatches to. */
#ifndef MR_IO_LOAD_H
#define MR_IO_LOAD_H

#include <stddef.h>

#include "model.h"

/* Reads DIR/service.yaml and, when month ("YYYY-MM") is not NULL,
 * DIR/months/<month>/{demand.yaml, absence.yaml, referrals.csv,
 * preferences/<staff>.yaml} (each optional), fills a raw model (references
 * unresolved) and resolves it with mr_model_resolve(). Every problem goes to
 * d, one diagnostic each; reading goes on after errors so that one run
 * reports them all.
 *
 * Returns MR_OK (no errors; warnings allowed) or MR_EINVAL (some errors):
 * in both cases *out holds the model and the caller frees it with
 * mr_model_free(). MR_EIO when service.yaml cannot be read at all (a
 * diagnostic says why) and MR_ENOMEM: *out is NULL. */
int mr_load(const char *dir, const char *month, mr_model **out, mr_diags *d);

/* The same without mr_model_resolve(): references keep index -1. */
int mr_load_raw(const char *dir, const char *month, mr_model **out,
                mr_diags *d);

/* mr_load() with the files named in skip (n_skip paths relative to dir, as
 * in mr_model.files, e.g. "months/2026-12/preferences/c003.yaml") left
 * unread, as though absent. The batch sets an invalid preference file
 * aside this way without touching it. n_skip 0 is mr_load(). */
int mr_load_skip(const char *dir, const char *month,
                 const char *const *skip, int n_skip, mr_model **out,
                 mr_diags *d);

/* Reads one file given in memory (buf, len bytes) into the raw model m, as
 * though it were DIR/rel: rel says which reader (service.yaml,
 * months/M/{absence,demand}.yaml, months/M/preferences/<staff>.yaml or
 * months/M/referrals.csv; anything else is reported). Set the month with
 * mr_model_set_month() first for month files. For tests and fuzzing: the
 * same readers as mr_load_raw() without the file system. Returns MR_OK,
 * MR_EINVAL (problems reported to d) or MR_ENOMEM (m must then be freed). */
int mr_load_buffer(mr_model *m, const char *rel, const char *buf, size_t len,
                   mr_diags *d);

/* Limits on inputs: larger inputs are refused with a diagnostic. */
#define IO_MAX_FILE   (4L * 1024 * 1024)   /* bytes per file */
#define IO_MAX_DEPTH  32                   /* nested collections */
#define IO_MAX_STRING 1000                 /* characters per text */
#define IO_MAX_NODES  100000               /* YAML nodes per file */
#define IO_MAX_PREF_FILES 10000            /* files in preferences/ */

/* --- internal to io/ ---------------------------------------------------- */

/* The state of one reader: the model being filled, where problems go, the
 * file being read (index into m->files) and whether an allocation failed
 * (readers note it and go on; the loader returns MR_ENOMEM at the end). */
typedef struct io_ctx {
    mr_model *m;
    mr_diags *d;
    int       file;
    int       oom;
    const char *const *skip;   /* files not to read (mr_load_skip) */
    int       n_skip;
    int       err_file;  /* file + 1 that n_file_errors counts for */
    int       n_file_errors;
} io_ctx;

/* Errors reported per file: a hostile file could otherwise produce one per
 * node (100000 lines). The rest are summed up in one last message. */
#define IO_MAX_FILE_ERRORS 100

/* Adds an error or a warning at line:col of the current file (no more than
 * IO_MAX_FILE_ERRORS errors per file). */
void io_error(io_ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void io_warning(io_ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* 1 when errors in the current file are no longer reported (past
 * IO_MAX_FILE_ERRORS): costly extras such as suggestions can be skipped. */
int io_quiet(const io_ctx *c);

/* A place in the current file. */
mr_loc io_loc(const io_ctx *c, int line, int col);

/* Copies s into *dst (freeing what was there); notes a failure in c->oom. */
void io_set_str(io_ctx *c, char **dst, const char *s);

/* Reads referrals.csv (already in memory) into m->referrals. */
void io_referrals_read(io_ctx *c, const char *buf, size_t len);

#endif
