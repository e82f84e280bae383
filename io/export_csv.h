/* `export --format csv`: the files of SPEC.md section 8 from one stored run. */
#ifndef MR_IO_EXPORT_CSV_H
#define MR_IO_EXPORT_CSV_H

#include "store.h"

/* Writes roster.csv, slots.csv, ea_allocations.csv, satisfaction.csv,
 * shortfalls.csv (RFC 4180, CRLF, headers exactly as SPEC.md section 8) and
 * summary.json (the `solve --json` object and a newline) of run (month,
 * version) into dir, creating dir if needed. version 0 picks the published
 * version, else the latest (mr_store_pick). Each file is replaced
 * atomically; rows come in the order of mr_store_rows(). Returns MR_OK,
 * MR_EINVAL (no such run), MR_ENOMEM, MR_EBUSY or MR_EIO, with the reason
 * in mr_store_errmsg(s). */
int mr_export_csv(mr_store *s, const char *month, int version,
                  const char *dir);

#endif
