/* `export --format xlsx`: one Excel workbook of a stored run. */
#ifndef MR_IO_EXPORT_XLSX_H
#define MR_IO_EXPORT_XLSX_H

#include "store.h"

/* Writes roster.xlsx (libxlsxwriter) of run (month, version) into dir,
 * created if needed; version 0 picks the published version, else the
 * latest (mr_store_pick). Sheets, in order:
 *   Summary         the run's figures and the satisfaction of each person;
 *   one per site    the month grid: a row per day (a real Excel date), a
 *                   column per period, cells "name (room) activity", one
 *                   line per session (": specialty" when there is one);
 *   one per person  "Name (id)": date, period, start, end, activity,
 *                   specialty, site, room, PCN, appointments;
 *   Shortfalls      shortfalls.csv with dates and numbers;
 *   EA allocations  ea_allocations.csv with dates and times.
 * Header rows are frozen; sheet names are at most 31 characters, unique
 * (ignoring case) and free of []:*?/\ . The workbook opens on the first
 * site's sheet. The file is replaced atomically. Returns MR_OK, MR_EINVAL
 * (no such run), MR_ENOMEM, MR_EBUSY or MR_EIO (also for a libxlsxwriter
 * failure), with the reason in mr_store_errmsg(s). */
int mr_export_xlsx(mr_store *s, const char *month, int version,
                   const char *dir);

#endif
