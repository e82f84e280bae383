/* `export --format ics`: one RFC 5545 calendar per person of a stored run. */
#ifndef MR_IO_EXPORT_ICS_H
#define MR_IO_EXPORT_ICS_H

#include "store.h"

/* Writes <staff-id>.ics into dir (created if needed) for every person with
 * a session in run (month, version), or with a session in an earlier
 * version of the month that this one no longer holds. version 0 picks the
 * published version, else the latest (mr_store_pick).
 *
 * Each calendar (CRLF lines folded at 75 octets, never inside a UTF-8
 * sequence; TEXT escaped) holds a VTIMEZONE for Europe/London (GMT/BST)
 * and one VEVENT per session: SUMMARY "activity at site", LOCATION "site,
 * room ...", DESCRIPTION with the activity, specialty, site, room, PCN and
 * appointment mix, local times with TZID=Europe/London, DTSTAMP the run's
 * creation time and SEQUENCE the version. The UID is
 * "<month>-<date>-<period>-<staff>@mskrota", without the version, so that
 * importing a later version of the month updates events rather than
 * duplicating them; a session of an earlier version that this version no
 * longer holds comes as a STATUS:CANCELLED event with its old UID.
 *
 * Each file is replaced atomically. Returns MR_OK, MR_EINVAL (no such run),
 * MR_ENOMEM, MR_EBUSY or MR_EIO, with the reason in mr_store_errmsg(s). */
int mr_export_ics(mr_store *s, const char *month, int version,
                  const char *dir);

#endif
