/* iCalendar export of a stored run (RFC 5545); see export_ics.h.
 *
 * Calendar programs match events by UID: the UID names the month, date,
 * period and person but not the version, and SEQUENCE carries the version,
 * so a regenerated month re-imported over an old one moves events instead
 * of doubling them. Sessions that a later version dropped are sent as
 * cancelled events under their old UID, or they would linger in the
 * calendars of everyone who imported the earlier version. */
#include "export_ics.h"

#include <string.h>

#include "alloc.h"
#include "date.h"
#include "export_run.h"
#include "json.h"

#define FOLD 75                     /* octets per line, CRLF excluded */
#define TZID "Europe/London"

/* The UK rules since 1996 (EU summer time): BST from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, written in
 * local time as RFC 5545 asks. */
static const char VTIMEZONE[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:" TZID "\r\n"
    "X-LIC-LOCATION:" TZID "\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0000\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:BST\r\n"
    "DTSTART:19700329T010000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0000\r\n"
    "TZNAME:GMT\r\n"
    "DTSTART:19701025T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

/* --- content lines ------------------------------------------------------- */

static void reset(mr_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

/* Appends the content line in ln to out, folded: a CRLF and a space before
 * any octet that would make a line longer than 75 octets, moved back so
 * that a UTF-8 sequence is never split. Empties ln. */
static void emit(mr_buf *out, mr_buf *ln)
{
    const unsigned char *p = (const unsigned char *)ln->data;
    size_t n = ln->len, at = 0, room = FOLD;

    while (n - at > room) {
        size_t k = room;
        while (k > 1 && (p[at + k] & 0xC0) == 0x80)
            k--;                        /* p[at + k] continues a sequence */
        mr_buf_add(out, (const char *)p + at, k);
        mr_buf_puts(out, "\r\n ");
        at += k;
        room = FOLD - 1;                /* the space counts */
    }
    if (n > at)
        mr_buf_add(out, (const char *)p + at, n - at);
    mr_buf_puts(out, "\r\n");
    reset(ln);
}

/* Appends s as an RFC 5545 TEXT value: backslash, semicolon, comma and
 * newline escaped, other control characters but tab dropped. */
static void text(mr_buf *b, const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') {
            mr_buf_putc(b, '\\');
            mr_buf_putc(b, (char)c);
        } else if (c == '\n') {
            mr_buf_puts(b, "\\n");
        } else if (c >= 0x20 || c == '\t') {
            if (c != 0x7F)
                mr_buf_putc(b, (char)c);
        }
    }
}

/* NAME:TEXT as one folded line; v NULL (a buffer that ran out of memory,
 * caught by the caller) as empty. */
static void prop(mr_buf *out, mr_buf *ln, const char *name, const char *v)
{
    mr_buf_puts(ln, name);
    mr_buf_putc(ln, ':');
    text(ln, v != NULL ? v : "");
    emit(out, ln);
}

/* A local date-time "YYYYMMDDTHHMMSS" from "YYYY-MM-DD" and "HH:MM";
 * 24:00 becomes 00:00 of the next day (RFC 5545 has no hour 24). */
static void local_time(mr_buf *b, const char *date, const char *hhmm)
{
    int day = mr_xrun_day(date), min = 0, y, m, d;

    if (day < 0 || mr_time_parse(hhmm, &min) != 0) {
        day = day < 0 ? 0 : day;
        min = 0;
    }
    day += min / 1440;
    min %= 1440;
    mr_civil_from_days(day, &y, &m, &d);
    mr_buf_printf(b, "%04d%02d%02dT%02d%02d00", y, m, d, min / 60, min % 60);
}

/* "2026-11-23T13:42:05Z" as "20261123T134205Z". */
static void utc_stamp(mr_buf *b, const char *iso)
{
    char out[17];
    int k = 0;

    for (const char *p = iso; *p != '\0' && k < 16; p++)
        if (*p != '-' && *p != ':')
            out[k++] = *p;
    out[k] = '\0';
    mr_buf_puts(b, k == 16 && out[8] == 'T' && out[15] == 'Z'
                       ? out : "19700101T000000Z");
}

/* --- one session --------------------------------------------------------- */

/* What one VEVENT needs, from a roster row of this or an earlier run. */
typedef struct session {
    const char *date, *period, *start, *end, *staff, *activity, *specialty,
               *site, *room, *pcn;
} session;

static session session_of(const mr_xtable *t, int r)
{
    session e = {mr_xcell(t, r, XR_DATE), mr_xcell(t, r, XR_PERIOD),
                 mr_xcell(t, r, XR_START), mr_xcell(t, r, XR_END),
                 mr_xcell(t, r, XR_STAFF), mr_xcell(t, r, XR_ACTIVITY),
                 mr_xcell(t, r, XR_SPECIALTY), mr_xcell(t, r, XR_SITE),
                 mr_xcell(t, r, XR_ROOM), mr_xcell(t, r, XR_PCN)};
    return e;
}

static void event(mr_buf *out, mr_buf *ln, mr_buf *tmp, const mr_xrun *x,
                  const session *e, int r, int cancelled)
{
    const char *month = x->run.month;

    mr_buf_puts(out, "BEGIN:VEVENT\r\n");
    mr_buf_printf(tmp, "%s-%s-%s-%s@mskrota", month, e->date, e->period,
                  e->staff);
    prop(out, ln, "UID", tmp->data);
    reset(tmp);
    mr_buf_puts(ln, "DTSTAMP:");
    utc_stamp(ln, x->run.created_at != NULL ? x->run.created_at : "");
    emit(out, ln);
    mr_buf_puts(ln, "DTSTART;TZID=" TZID ":");
    local_time(ln, e->date, e->start);
    emit(out, ln);
    mr_buf_puts(ln, "DTEND;TZID=" TZID ":");
    local_time(ln, e->date, e->end);
    emit(out, ln);
    mr_buf_printf(ln, "SEQUENCE:%d", x->run.version);
    emit(out, ln);
    mr_buf_puts(ln, "STATUS:");
    mr_buf_puts(ln, cancelled ? "CANCELLED" : "CONFIRMED");
    emit(out, ln);

    /* SUMMARY: "clinic (spinal) at hub-1". */
    mr_buf_puts(tmp, cancelled ? "Cancelled: " : "");
    mr_buf_puts(tmp, e->activity);
    if (*e->specialty != '\0')
        mr_buf_printf(tmp, " (%s)", e->specialty);
    mr_buf_printf(tmp, " at %s", e->site);
    prop(out, ln, "SUMMARY", tmp->data);
    reset(tmp);

    mr_buf_puts(tmp, e->site);
    if (*e->room != '\0')
        mr_buf_printf(tmp, ", room %s", e->room);
    prop(out, ln, "LOCATION", tmp->data);
    reset(tmp);

    mr_buf_printf(tmp, "Activity: %s", e->activity);
    if (*e->specialty != '\0')
        mr_buf_printf(tmp, "\nSpecialty: %s", e->specialty);
    mr_buf_printf(tmp, "\nSite: %s", e->site);
    if (*e->room != '\0')
        mr_buf_printf(tmp, "\nRoom: %s", e->room);
    if (*e->pcn != '\0')
        mr_buf_printf(tmp, "\nPCN: %s", e->pcn);
    if (!cancelled && x->slot_start[r + 1] > x->slot_start[r]) {
        mr_buf_puts(tmp, "\nAppointments: ");
        mr_xrun_slot_mix(x, r, tmp);
    }
    mr_buf_printf(tmp, "\n%s roster for %s, version %d",
                  cancelled ? "Removed in the" : "From the", month,
                  x->run.version);
    prop(out, ln, "DESCRIPTION", tmp->data);
    reset(tmp);
    mr_buf_puts(out, cancelled ? "TRANSP:TRANSPARENT\r\n"
                               : "TRANSP:OPAQUE\r\n");
    mr_buf_puts(out, "END:VEVENT\r\n");
}

/* --- sessions earlier versions held that this one does not --------------- */

typedef struct old_rows {
    mr_xtable t;
    int      *keep;             /* rows, one per (staff, date, period) */
    int       n_keep;
} old_rows;

static int cmp_key(const mr_xtable *a, int ra, const mr_xtable *b, int rb)
{
    static const int KEY[] = {XR_STAFF, XR_DATE, XR_PERIOD};
    for (int i = 0; i < 3; i++) {
        int c = strcmp(mr_xcell(a, ra, KEY[i]), mr_xcell(b, rb, KEY[i]));
        if (c != 0)
            return c;
    }
    return 0;
}

/* Reads versions v-1 .. 1 (newest first) and keeps, for each (staff,
 * date, period) that version v has no session for, its newest row: the
 * cancelled sessions, by staff, date and period. */
static int load_dropped(mr_store *s, const mr_xrun *x, old_rows *o)
{
    static const int KEY[] = {XR_STAFF, XR_DATE, XR_PERIOD};
    const mr_xtable *cur = &x->t[MR_TABLE_ROSTER];
    int *order = NULL, *cur_order = NULL, rc = MR_OK, j = 0;

    mr_store_table_columns(MR_TABLE_ROSTER, &o->t.n_cols);
    for (int v = x->run.version - 1; v >= 1 && rc == MR_OK; v--)
        rc = mr_store_roster_rows(s, x->run.month, v, mr_xtable_add_row,
                                  &o->t);
    if (rc != MR_OK)
        goto done;
    rc = MR_ENOMEM;
    if (o->t.n_rows == 0) {
        rc = MR_OK;
        goto done;
    }
    if ((order = mr_malloc((size_t)o->t.n_rows * sizeof *order)) == NULL
        || (o->keep = mr_malloc((size_t)o->t.n_rows * sizeof(int))) == NULL
        || (cur_order = mr_malloc((size_t)(cur->n_rows > 0 ? cur->n_rows : 1)
                                  * sizeof(int))) == NULL)
        goto done;
    for (int i = 0; i < o->t.n_rows; i++)
        order[i] = i;
    for (int i = 0; i < cur->n_rows; i++)
        cur_order[i] = i;
    /* Stable: within a key the newest version, read first, stays first. */
    if ((rc = mr_xrun_sort(&o->t, order, o->t.n_rows, KEY, 3)) != MR_OK
        || (rc = mr_xrun_sort(cur, cur_order, cur->n_rows, KEY, 3))
               != MR_OK)
        goto done;
    for (int i = 0; i < o->t.n_rows; i++) {
        int r = order[i], c = 1;
        if (i > 0 && cmp_key(&o->t, order[i - 1], &o->t, r) == 0)
            continue;
        while (j < cur->n_rows
               && (c = cmp_key(cur, cur_order[j], &o->t, r)) < 0)
            j++;
        if (j >= cur->n_rows || c != 0)
            o->keep[o->n_keep++] = r;
    }
    rc = MR_OK;
done:
    if (rc == MR_ENOMEM)
        mr_store_set_error(s, rc, "out of memory");
    mr_free(cur_order);
    mr_free(order);
    return rc;
}

/* --- one calendar per person --------------------------------------------- */

/* The file name of a person's calendar: the id, any byte outside
 * [A-Za-z0-9_-] (never in a valid id) replaced by '_'. */
static void file_name(mr_buf *b, const char *id)
{
    if (*id == '\0')
        mr_buf_putc(b, '_');
    for (; *id != '\0'; id++) {
        char c = *id;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                 || (c >= '0' && c <= '9') || c == '-' || c == '_';
        mr_buf_putc(b, ok ? c : '_');
    }
    mr_buf_puts(b, ".ics");
}

/* Writes the calendar of one person: sessions rows [a, b) of by_person
 * (a == b: none) and dropped sessions keep[c, d). */
static int calendar(mr_store *s, const mr_xrun *x, const old_rows *o,
                    int a, int b, int c, int d, const char *dir)
{
    const mr_xtable *ros = &x->t[MR_TABLE_ROSTER];
    const char *staff, *name;
    mr_buf out, ln, tmp, fname;
    int rc;

    mr_buf_init(&out);
    mr_buf_init(&ln);
    mr_buf_init(&tmp);
    mr_buf_init(&fname);
    if (a < b) {
        staff = mr_xroster(x, x->by_person[a], XR_STAFF);
        name = mr_xroster(x, x->by_person[a], XR_NAME);
    } else {
        staff = mr_xcell(&o->t, o->keep[c], XR_STAFF);
        name = mr_xcell(&o->t, o->keep[c], XR_NAME);
    }
    mr_buf_puts(&out, "BEGIN:VCALENDAR\r\n"
                      "VERSION:2.0\r\n"
                      "PRODID:-//mskrota//mskrota " MR_VERSION "//EN\r\n"
                      "CALSCALE:GREGORIAN\r\n"
                      "METHOD:PUBLISH\r\n");
    mr_buf_printf(&tmp, "Roster: %s (%s)", name, staff);
    prop(&out, &ln, "X-WR-CALNAME", tmp.data);
    reset(&tmp);
    prop(&out, &ln, "X-WR-TIMEZONE", TZID);
    mr_buf_puts(&out, VTIMEZONE);
    for (int i = a; i < b; i++) {
        int r = x->by_person[i];
        session e = session_of(ros, r);
        event(&out, &ln, &tmp, x, &e, r, 0);
    }
    for (int i = c; i < d; i++) {
        session e = session_of(&o->t, o->keep[i]);
        event(&out, &ln, &tmp, x, &e, -1, 1);
    }
    mr_buf_puts(&out, "END:VCALENDAR\r\n");
    file_name(&fname, staff);
    if (out.oom || ln.oom || tmp.oom || fname.oom)
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
    else
        rc = mr_xrun_write(s, dir, fname.data, &out);
    mr_buf_free(&fname);
    mr_buf_free(&tmp);
    mr_buf_free(&ln);
    mr_buf_free(&out);
    return rc;
}

int mr_export_ics(mr_store *s, const char *month, int version,
                  const char *dir)
{
    mr_xrun x;
    old_rows o;
    int rc, p = 0, k = 0;

    memset(&o, 0, sizeof o);
    if ((rc = mr_xrun_load(s, month, version, dir, &x)) != MR_OK)
        return rc;
    if ((rc = load_dropped(s, &x, &o)) != MR_OK)
        goto done;
    /* Merge the people of this version with those of the dropped
     * sessions, both by staff id. */
    while (p < x.n_people || k < o.n_keep) {
        int a = 0, b = 0, c = k, d = k, cmp;
        const char *sp = p < x.n_people
            ? mr_xroster(&x, x.by_person[x.person_start[p]], XR_STAFF) : NULL;
        const char *so = k < o.n_keep
            ? mr_xcell(&o.t, o.keep[k], XR_STAFF) : NULL;
        cmp = sp == NULL ? 1 : so == NULL ? -1 : strcmp(sp, so);
        if (cmp <= 0) {
            a = x.person_start[p];
            b = x.person_start[p + 1];
            p++;
        }
        if (cmp >= 0) {
            while (d < o.n_keep
                   && strcmp(mr_xcell(&o.t, o.keep[d], XR_STAFF), so) == 0)
                d++;
            k = d;
        }
        if ((rc = calendar(s, &x, &o, a, b, c, d, dir)) != MR_OK)
            goto done;
    }
done:
    mr_xtable_free(&o.t);
    mr_free(o.keep);
    mr_xrun_free(&x);
    return rc;
}
