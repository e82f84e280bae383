/* The RFC 4180 CSV writer; see csvout.h. */
#include "csvout.h"

#include <string.h>

#include "diag.h"

int mr_csv_field(mr_buf *b, const char *s, int first)
{
    if (!first)
        mr_buf_putc(b, ',');
    if (s == NULL || *s == '\0')
        return b->oom ? MR_ENOMEM : MR_OK;
    if (strpbrk(s, ",\"\r\n") == NULL)
        return mr_buf_puts(b, s);
    mr_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            mr_buf_putc(b, '"');
        mr_buf_putc(b, *p);
    }
    return mr_buf_putc(b, '"');
}

int mr_csv_row(mr_buf *b, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++)
        mr_csv_field(b, fields[i], i == 0);
    return mr_buf_puts(b, MR_CSV_EOL);
}
