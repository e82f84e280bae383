/* An RFC 4180 CSV writer into a growable buffer.
 *
 * Records end with CRLF, as RFC 4180 says; a field is quoted only when it
 * holds a comma, a double quote, CR or LF, and quotes inside are doubled.
 * Empty fields (and NULL) are written as nothing. */
#ifndef MR_IO_CSVOUT_H
#define MR_IO_CSVOUT_H

#include "json.h"              /* mr_buf */

#define MR_CSV_EOL "\r\n"

/* Appends one field (with the comma before it unless first). */
int mr_csv_field(mr_buf *b, const char *s, int first);
/* Appends a whole record of n fields and the line break. Returns MR_OK or
 * MR_ENOMEM (b->oom is set). */
int mr_csv_row(mr_buf *b, const char *const *fields, int n);

#endif
