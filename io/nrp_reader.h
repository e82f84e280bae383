/* Files of the Curtois-Qu benchmark: the instance format (InstanceN.txt,
 * see shared/benchmarks/curtois/FORMAT.md) and the roster layout of its
 * reference_solutions (a line per employee: the id, then one tab-separated
 * field per day, '-' for a day off; '#' lines are comments).
 *
 * Input problems are reported as diagnostics with file, line and column;
 * one run reports them all. Statuses: MR_OK; MR_EINVAL (see the
 * diagnostics); MR_EIO (the file could not be read or written); MR_ENOMEM. */
#ifndef MR_NRP_READER_H
#define MR_NRP_READER_H

#include <stddef.h>

#include "diag.h"
#include "nrp.h"

/* Parses an instance from text (len bytes, CRLF or LF); name is the file
 * name used in diagnostics. On success the caller owns *out
 * (mr_nrp_free()); on failure *out is NULL. */
int mr_nrp_parse(const char *text, size_t len, const char *name,
                 mr_nrp **out, mr_diags *diags);

/* Reads and parses an instance file. */
int mr_nrp_read(const char *path, mr_nrp **out, mr_diags *diags);

/* Parses a roster for instance p. Every employee must have exactly one line
 * with n_days fields. On success the caller owns *out, an array of
 * n_staff * n_days (roster[e * n_days + d], MR_NRP_OFF for '-'), freed with
 * mr_free(); on failure *out is NULL. */
int mr_nrp_roster_parse(const char *text, size_t len, const char *name,
                        const mr_nrp *p, int **out, mr_diags *diags);
int mr_nrp_roster_read(const char *path, const mr_nrp *p, int **out,
                       mr_diags *diags);

/* Writes a roster in the same layout, atomically (a temporary file renamed
 * over path). comment, when not NULL, is written first as '#' lines (one
 * per line of comment). MR_OK, MR_EIO or MR_ENOMEM. */
int mr_nrp_roster_write(const char *path, const mr_nrp *p, const int *roster,
                        const char *comment);

/* Module-internal: reads a whole file into a NUL-terminated buffer the
 * caller frees with mr_free(). MR_OK, MR_EIO or MR_ENOMEM. */
int mr_nrp_load_text(const char *path, char **text, size_t *len);

#endif
