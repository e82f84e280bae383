/* An RFC 4180 CSV reader that remembers where each field was written.
 *
 * Quoted fields may hold commas, doubled quotes ("") and line breaks;
 * records end with CRLF or LF, and the last one may have no line break. A
 * UTF-8 byte-order mark is skipped. Empty lines are skipped (spreadsheets
 * leave them at the end). Every record must have as many fields as the
 * first. Problems are reported as diagnostics with line and column; the
 * reader goes on after each, except after an unterminated quote, which
 * swallows the rest of the file. */
#ifndef MR_IO_CSV_H
#define MR_IO_CSV_H

#include <stddef.h>

#include "diag.h"

typedef struct mr_csv_field {
    char *text;          /* unquoted, NUL-terminated */
    int   line, col;     /* where the field starts, 1-based (characters) */
} mr_csv_field;

typedef struct mr_csv_record {
    mr_csv_field *fields;
    int           n_fields;
    int           line;  /* the line the record starts on */
} mr_csv_record;

typedef struct mr_csv {
    mr_csv_record *records;   /* the first is the header, if the file has one */
    int            n_records, cap_records;
} mr_csv;

/* Parses buf (len bytes) into records. file names the input in
 * diagnostics (may be NULL). Records with the wrong number of fields and
 * fields that break a rule (a quote inside an unquoted field, text after a
 * closing quote, invalid UTF-8, longer than max_field characters when
 * max_field > 0) are reported to d and left out (a bad field leaves out its
 * record). On MR_OK *out holds the records (the caller frees them with
 * mr_csv_free()); it is also MR_OK when problems were reported: compare
 * d->n_errors. MR_ENOMEM: *out is NULL. */
int  mr_csv_parse(const char *buf, size_t len, const char *file,
                  int max_field, mr_csv **out, mr_diags *d);
void mr_csv_free(mr_csv *c);                 /* NULL is fine */

#endif
