/* A stored run held in memory for the exporters that need every table at
 * once and cross-reference them (ics, xlsx, html): the five tables of the
 * run as read from the store, and the indexes the exporters share: the
 * people, sites and periods of the roster, each roster row's person, site,
 * period and day, and the appointment slots of each session.
 *
 * Everything comes from the store (io/store.h), never from the service
 * files, so an old version exports as it was stored. Cells are kept in one
 * text arena per table, addressed by offsets, so loading a month of tens of
 * thousands of rows costs a handful of allocations. */
#ifndef MR_IO_EXPORT_RUN_H
#define MR_IO_EXPORT_RUN_H

#include <stddef.h>

#include "json.h"
#include "store.h"

/* Columns of each table, in the order of mr_store_table_columns(). */
enum { XR_DATE, XR_PERIOD, XR_START, XR_END, XR_STAFF, XR_NAME, XR_ROLE,
       XR_ACTIVITY, XR_SPECIALTY, XR_SITE, XR_ROOM, XR_PCN };
enum { XS_DATE, XS_START, XS_END, XS_SITE, XS_ROOM, XS_STAFF, XS_ACTIVITY,
       XS_TYPE, XS_CAPACITY };
enum { XE_REFERRAL, XE_ADVISER, XE_DATE, XE_START, XE_END, XE_SITE, XE_ROOM,
       XE_STATUS };
enum { XA_STAFF, XA_REQUESTED, XA_SATISFIED, XA_SATISFACTION };
enum { XF_KIND, XF_SITE, XF_PCN, XF_ACTIVITY, XF_SPECIALTY, XF_TYPE, XF_DATE,
       XF_PERIOD, XF_WEEK, XF_REQUIRED, XF_PROVIDED, XF_SHORTFALL };

/* One table: n_rows rows of n_cols NUL-terminated cells in text. */
typedef struct mr_xtable {
    mr_buf  text;
    size_t *off;                /* n_rows * n_cols offsets into text.data */
    int     n_rows, n_cols, cap_rows;
} mr_xtable;

typedef struct mr_xrun {
    mr_store_run run;           /* the run's figures (run.version: picked) */
    int          first_day;     /* day number of the 1st of the month */
    int          n_days;        /* days in the month */
    mr_xtable    t[MR_N_TABLES];

    /* The roster's people by staff id: person p has the roster rows
     * by_person[person_start[p] .. person_start[p + 1] - 1], in date and
     * start order. */
    int  n_people;
    int *by_person, *person_start;
    /* Sites by id and periods by start time: a roster row naming each. */
    int  n_sites, n_periods;
    int *site_row, *period_row;
    /* Per roster row: its person, site and period index, and its day in
     * the month (0-based; -1 for a date outside it). */
    int *row_person, *row_site, *row_period, *row_day;
    /* The slots of roster row r: slot rows
     * slot_order[slot_start[r] .. slot_start[r + 1] - 1], by start. */
    int *slot_start, *slot_order;
} mr_xrun;

/* A mr_row_fn appending the row to the table user, whose n_cols must be
 * set; MR_ENOMEM when out of memory. */
int  mr_xtable_add_row(void *user, const char *const *cells, int n);
void mr_xtable_free(mr_xtable *t);                  /* leaves it empty */

/* The cell (row, col) of a table. Borrowed from x. */
const char *mr_xcell(const mr_xtable *t, int row, int col);
/* The cell col of roster row r. */
const char *mr_xroster(const mr_xrun *x, int r, int col);

/* Picks run (month, version) once (version 0: mr_store_pick), creates dir
 * (when not NULL), and loads the run and its tables with the indexes
 * above. On failure x is left empty (mr_xrun_free is still fine) and the
 * reason is in mr_store_errmsg(s). Returns MR_OK, MR_EINVAL (no such run),
 * MR_ENOMEM, MR_EBUSY or MR_EIO. */
int  mr_xrun_load(mr_store *s, const char *month, int version,
                  const char *dir, mr_xrun *x);
void mr_xrun_free(mr_xrun *x);                      /* NULL is fine */

/* The person (index into person_start) with that staff id; -1 when the
 * roster has no session of theirs. */
int  mr_xrun_person(const mr_xrun *x, const char *staff);
/* A person's staff id and name (from their first roster row). */
const char *mr_xrun_person_id(const mr_xrun *x, int p);
const char *mr_xrun_person_name(const mr_xrun *x, int p);

/* Appends the appointment mix of roster row r, types in order of first
 * start, for example "4 initial, 1 follow_up" or "1 drop_in (8 places)"
 * when a slot holds more than one person. Appends nothing for a session
 * without slots. */
void mr_xrun_slot_mix(const mr_xrun *x, int r, mr_buf *out);

/* Writes text to dir/name atomically (mr_write_file_atomic), with the
 * reason in mr_store_errmsg(s) on failure. */
int  mr_xrun_write(mr_store *s, const char *dir, const char *name,
                   const mr_buf *text);

/* Sorts the n indices in idx by the cells of columns cols[0..n_cols-1] of
 * t (byte order), stably. Returns MR_OK or MR_ENOMEM. */
int  mr_xrun_sort(const mr_xtable *t, int *idx, int n, const int *cols,
                  int n_cols);

/* "YYYY-MM-DD" to a day number; -1 when the text is not a date. */
int  mr_xrun_day(const char *date);

#endif
