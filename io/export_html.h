/* `export --format html`: one self-contained page of a stored run. */
#ifndef MR_IO_EXPORT_HTML_H
#define MR_IO_EXPORT_HTML_H

#include "store.h"

/* Writes roster.html of run (month, version) into dir, created if needed;
 * version 0 picks the published version, else the latest (mr_store_pick).
 *
 * One page with no external file, script or font: the run's figures
 * (status, objective, bound, gap, seconds, shortfall totals); cover against
 * requirement as a heatmap of the sessions short (site and period by day),
 * with the PCN and demand shortfalls; satisfaction per person as an inline
 * SVG bar chart with its spread (min, mean, max); EA caseloads (referrals
 * allocated per adviser); then a month calendar per site and per person.
 * Printable: A4 landscape, a calendar per page. Every name and id from the
 * store is HTML-escaped (& < > " ').
 *
 * The file is replaced atomically. Returns MR_OK, MR_EINVAL (no such run),
 * MR_ENOMEM, MR_EBUSY or MR_EIO, with the reason in mr_store_errmsg(s). */
int mr_export_html(mr_store *s, const char *month, int version,
                   const char *dir);

#endif
