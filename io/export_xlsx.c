/* Excel export of a stored run through libxlsxwriter; see export_xlsx.h.
 *
 * libxlsxwriter writes to a file name and allocates with malloc, outside
 * mr_malloc: the workbook is written to a hidden temporary file in the
 * target directory, read back and put in place with mr_write_file_atomic,
 * so a reader never sees half a workbook. Dates are real Excel dates
 * (serial days since 1899-12-30) and times fractions of a day, so that
 * sorting, filtering and date arithmetic work in the spreadsheet. */
#include "export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "alloc.h"
#include "date.h"
#include "export_run.h"
#include "json.h"

#define SHEET_UNITS 31              /* Excel's limit, in UTF-16 units */
#define EXCEL_EPOCH 25569           /* serial of 1970-01-01 */
#define LINE_POINTS 15.0            /* row height per line of text */
#define PAPER_A4 9

enum { K_TEXT, K_DATE, K_TIME, K_NUMBER, K_MIX };

typedef struct column {
    const char *head;
    int         src;                /* column of the table; K_MIX: none */
    int         kind;
    double      width;
} column;

typedef struct book {
    lxw_workbook  *wb;
    lxw_format    *head, *date, *time, *wrap, *num, *title, *bold;
    const mr_xrun *x;
    char         **used;            /* sheet names taken, as given */
    int            n_used, cap_used;
    lxw_error      err;             /* the first libxlsxwriter error */
    int            oom;
    mr_buf         cell;            /* scratch */
} book;

/* --- sheet names --------------------------------------------------------- */

/* Bytes of the UTF-8 sequence led by c, and its UTF-16 units in *units. */
static int seq_len(unsigned char c, int *units)
{
    *units = c >= 0xF0 ? 2 : 1;
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Appends to out (size >= 4 * SHEET_UNITS + 1) the characters of s that
 * fit in max units, with the characters Excel refuses in sheet names
 * ([]:*?/\ and controls) and broken UTF-8 replaced by '_'. Returns the
 * units used. */
static int clean(char *out, const char *s, int max)
{
    size_t o = strlen(out);
    int used = 0;

    while (*s != '\0') {
        int u, n = seq_len((unsigned char)*s, &u), ok = 1;
        for (int i = 1; i < n; i++)
            ok = ok && ((unsigned char)s[i] & 0xC0) == 0x80;
        if (used + u > max)
            break;
        if (!ok || n == 1) {
            unsigned char c = (unsigned char)*s;
            out[o++] = !ok || c < 0x20 || c >= 0x7F || strchr("[]:*?/\\", c)
                           ? '_' : (char)c;
            s++;
        } else {
            memcpy(out + o, s, (size_t)n);
            o += (size_t)n;
            s += n;
        }
        used += u;
    }
    out[o] = '\0';
    return used;
}

static int taken(const book *b, const char *name)
{
    for (int i = 0; i < b->n_used; i++)
        if (strcasecmp(b->used[i], name) == 0)
            return 1;
    return 0;
}

static int claim(book *b, const char *name)
{
    char *c;

    if (b->n_used == b->cap_used) {
        int cap = b->cap_used > 0 ? 2 * b->cap_used : 32;
        char **u = mr_realloc(b->used, (size_t)cap * sizeof *u);
        if (u == NULL)
            return MR_ENOMEM;
        b->used = u;
        b->cap_used = cap;
    }
    if ((c = mr_strdup(name)) == NULL)
        return MR_ENOMEM;
    b->used[b->n_used++] = c;
    return MR_OK;
}

/* Adds a sheet named after base (and, for a person, " (id)" kept whole
 * when there is room), made valid and unique: "~2", "~3", ... when the
 * name is taken. NULL on failure (b->oom or b->err set). */
static lxw_worksheet *add_sheet(book *b, const char *base, const char *id)
{
    char name[4 * SHEET_UNITS + 16], tail[4 * SHEET_UNITS + 16];
    int tail_units = 0;
    lxw_worksheet *ws;

    tail[0] = '\0';
    if (id != NULL) {
        strcpy(tail, " (");
        tail_units = 2 + clean(tail, id, SHEET_UNITS - 3);
        strcat(tail, ")");
        tail_units++;
    }
    for (int k = 1;; k++) {
        char suffix[16] = "";
        int room;
        if (k > 1)
            snprintf(suffix, sizeof suffix, "~%d", k);
        room = SHEET_UNITS - (int)strlen(suffix);
        name[0] = '\0';
        if (tail_units > 0 && tail_units < room) {
            clean(name, base, room - tail_units);
            strcat(name, tail);
        } else {
            clean(name, base, room);
        }
        /* Excel refuses a name that starts or ends with an apostrophe. */
        if (name[0] == '\'')
            name[0] = '_';
        if (name[0] != '\0' && name[strlen(name) - 1] == '\'')
            name[strlen(name) - 1] = '_';
        if (name[0] == '\0')
            strcpy(name, "Sheet");
        strcat(name, suffix);
        if (!taken(b, name))
            break;
    }
    if (claim(b, name) != MR_OK) {
        b->oom = 1;
        return NULL;
    }
    if ((ws = workbook_add_worksheet(b->wb, name)) == NULL
        && b->err == LXW_NO_ERROR)
        b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return ws;
}

/* --- cells --------------------------------------------------------------- */

static void ck(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

static void put_text(book *b, lxw_worksheet *ws, int r, int c, const char *s,
                     lxw_format *f)
{
    if (*s != '\0')
        ck(b, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f));
}

static void put_num(book *b, lxw_worksheet *ws, int r, int c, double v,
                    lxw_format *f)
{
    if (isfinite(v))
        ck(b, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f));
}

/* A date cell from "YYYY-MM-DD" (text when it is not a date). */
static void put_date(book *b, lxw_worksheet *ws, int r, int c, const char *s)
{
    int d = mr_xrun_day(s);
    if (d >= 0)
        put_num(b, ws, r, c, (double)(d + EXCEL_EPOCH), b->date);
    else
        put_text(b, ws, r, c, s, NULL);
}

static void put_time(book *b, lxw_worksheet *ws, int r, int c, const char *s)
{
    int m;
    if (mr_time_parse(s, &m) == 0)
        put_num(b, ws, r, c, m / 1440.0, b->time);
    else
        put_text(b, ws, r, c, s, NULL);
}

static double number(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return *s != '\0' && *end == '\0' ? v : NAN;
}

static void put_cell(book *b, lxw_worksheet *ws, int r, int c,
                     const mr_xtable *t, int row, const column *col)
{
    const char *s = col->kind == K_MIX ? "" : mr_xcell(t, row, col->src);
    double v;

    switch (col->kind) {
    case K_DATE:
        put_date(b, ws, r, c, s);
        break;
    case K_TIME:
        put_time(b, ws, r, c, s);
        break;
    case K_NUMBER:
        if (isfinite(v = number(s)))
            put_num(b, ws, r, c, v, b->num);
        else
            put_text(b, ws, r, c, s, NULL);
        break;
    case K_MIX:
        b->cell.len = 0;
        if (b->cell.data != NULL)
            b->cell.data[0] = '\0';
        mr_xrun_slot_mix(b->x, row, &b->cell);
        if (b->cell.oom)
            b->oom = 1;
        else if (b->cell.len > 0)
            put_text(b, ws, r, c, b->cell.data, NULL);
        break;
    default:
        put_text(b, ws, r, c, s, NULL);
    }
}

/* Sets up a sheet for printing: A4 landscape, a page wide, the header
 * rows repeated. */
static void print_setup(book *b, lxw_worksheet *ws, int head_rows)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_fit_to_pages(ws, 1, 0);
    if (head_rows > 0)
        ck(b, worksheet_repeat_rows(ws, 0, (lxw_row_t)(head_rows - 1)));
}

/* A sheet of rows (all of t when rows is NULL) with a frozen, filtered
 * header row. */
static void table_sheet(book *b, lxw_worksheet *ws, const mr_xtable *t,
                        const int *rows, int n_rows, const column *cols,
                        int n_cols)
{
    for (int c = 0; c < n_cols; c++) {
        put_text(b, ws, 0, c, cols[c].head, b->head);
        ck(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                   cols[c].width, NULL));
    }
    for (int i = 0; i < n_rows; i++)
        for (int c = 0; c < n_cols; c++)
            put_cell(b, ws, i + 1, c, t, rows != NULL ? rows[i] : i,
                     &cols[c]);
    worksheet_freeze_panes(ws, 1, 0);
    if (n_rows > 0)
        ck(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n_rows,
                                   (lxw_col_t)(n_cols - 1)));
    print_setup(b, ws, 1);
}

/* --- the sheets ---------------------------------------------------------- */

static void kv_text(book *b, lxw_worksheet *ws, int *r, const char *key,
                    const char *v)
{
    put_text(b, ws, *r, 0, key, b->bold);
    put_text(b, ws, *r, 1, v != NULL ? v : "", NULL);
    (*r)++;
}

static void kv_num(book *b, lxw_worksheet *ws, int *r, const char *key,
                   double v)
{
    put_text(b, ws, *r, 0, key, b->bold);
    put_num(b, ws, *r, 1, v, b->num);
    (*r)++;
}

static void summary_sheet(book *b, lxw_worksheet *ws)
{
    static const column SAT[] = {
        {"staff_id", XA_STAFF, K_TEXT, 0}, {"staff_name", -1, K_TEXT, 0},
        {"requested_weight", XA_REQUESTED, K_NUMBER, 0},
        {"satisfied_weight", XA_SATISFIED, K_NUMBER, 0},
        {"satisfaction", XA_SATISFACTION, K_NUMBER, 0},
    };
    const mr_xrun *x = b->x;
    const mr_store_run *run = &x->run;
    const mr_xtable *sat = &x->t[MR_TABLE_SATISFACTION];
    const mr_objective_parts *p = &run->parts;
    double max = NAN;
    int r = 2;

    for (int i = 0; i < sat->n_rows; i++) {
        double v = number(mr_xcell(sat, i, XA_SATISFACTION));
        if (isfinite(v) && !(v <= max))
            max = v;
    }
    b->cell.len = 0;
    mr_buf_printf(&b->cell, "Roster for %s, version %d", run->month,
                  run->version);
    if (b->cell.oom) {
        b->oom = 1;
        return;
    }
    put_text(b, ws, 0, 0, b->cell.data, b->title);
    kv_text(b, ws, &r, "month", run->month);
    kv_num(b, ws, &r, "version", run->version);
    kv_text(b, ws, &r, "kind", run->kind);
    kv_text(b, ws, &r, "status", run->status);
    kv_text(b, ws, &r, "created_at", run->created_at);
    kv_text(b, ws, &r, "published", run->published ? "yes" : "no");
    if (run->published) {
        kv_text(b, ws, &r, "published_by", run->published_by);
        kv_text(b, ws, &r, "published_at", run->published_at);
    }
    kv_num(b, ws, &r, "objective", run->objective);
    kv_num(b, ws, &r, "bound", run->bound);
    kv_num(b, ws, &r, "gap", run->gap);
    kv_num(b, ws, &r, "seconds", run->seconds);
    kv_num(b, ws, &r, "sessions", run->n_assignments);
    kv_num(b, ws, &r, "cover_shortfall", run->cover_shortfall);
    kv_num(b, ws, &r, "pcn_shortfall", run->pcn_shortfall);
    kv_num(b, ws, &r, "demand_shortfall", run->demand_shortfall);
    kv_num(b, ws, &r, "ea_unallocated", run->ea_unallocated);
    kv_num(b, ws, &r, "min_satisfaction", run->min_satisfaction);
    kv_num(b, ws, &r, "mean_satisfaction", run->mean_satisfaction);
    kv_num(b, ws, &r, "max_satisfaction", max);
    if (run->changes >= 0)
        kv_num(b, ws, &r, "changes", run->changes);
    r++;
    put_text(b, ws, r++, 0, "Objective parts", b->title);
    kv_num(b, ws, &r, "cover", p->cover);
    kv_num(b, ws, &r, "pcn", p->pcn);
    kv_num(b, ws, &r, "demand", p->demand);
    kv_num(b, ws, &r, "preference", p->preference);
    kv_num(b, ws, &r, "fairness", p->fairness);
    kv_num(b, ws, &r, "specialism", p->specialism);
    kv_num(b, ws, &r, "ea_unallocated", p->ea_unallocated);
    kv_num(b, ws, &r, "change", p->change);
    r++;
    put_text(b, ws, r++, 0, "Satisfaction", b->title);
    for (int c = 0; c < 5; c++)
        put_text(b, ws, r, c, SAT[c].head, b->head);
    r++;
    for (int i = 0; i < sat->n_rows; i++, r++) {
        int who = mr_xrun_person(x, mr_xcell(sat, i, XA_STAFF));
        for (int c = 0; c < 5; c++)
            if (SAT[c].src >= 0)
                put_cell(b, ws, r, c, sat, i, &SAT[c]);
        if (who >= 0)
            put_text(b, ws, r, 1, mr_xrun_person_name(x, who), NULL);
    }
    ck(b, worksheet_set_column(ws, 0, 0, 20, NULL));
    ck(b, worksheet_set_column(ws, 1, 1, 24, NULL));
    ck(b, worksheet_set_column(ws, 2, 4, 17, NULL));
    print_setup(b, ws, 0);
}

/* One session as a grid line: "name (room) activity: specialty". */
static void grid_line(const mr_xrun *x, int r, mr_buf *out)
{
    const char *room = mr_xroster(x, r, XR_ROOM);
    const char *spec = mr_xroster(x, r, XR_SPECIALTY);

    mr_buf_puts(out, mr_xroster(x, r, XR_NAME));
    if (*room != '\0')
        mr_buf_printf(out, " (%s)", room);
    mr_buf_printf(out, " %s", mr_xroster(x, r, XR_ACTIVITY));
    if (*spec != '\0')
        mr_buf_printf(out, ": %s", spec);
}

/* The month grid of one site: rows order[a, b), sorted by date, start and
 * staff. */
static void site_sheet(book *b, lxw_worksheet *ws, const int *order, int a,
                       int e)
{
    const mr_xrun *x = b->x;
    double width[16];
    int lines[32];
    int np = x->n_periods < 15 ? x->n_periods : 15;

    put_text(b, ws, 0, 0, "date", b->head);
    for (int p = 0; p < np; p++) {
        int r = x->period_row[p];
        b->cell.len = 0;
        mr_buf_printf(&b->cell, "%s %s-%s", mr_xroster(x, r, XR_PERIOD),
                      mr_xroster(x, r, XR_START), mr_xroster(x, r, XR_END));
        if (b->cell.oom) {
            b->oom = 1;
            return;
        }
        put_text(b, ws, 0, p + 1, b->cell.data, b->head);
        width[p] = 18;
    }
    for (int d = 0; d < x->n_days && d < 31; d++) {
        put_num(b, ws, d + 1, 0, x->first_day + d + EXCEL_EPOCH, b->date);
        lines[d] = 1;
    }
    for (int i = a; i < e;) {
        int r = order[i], day = x->row_day[r], p = x->row_period[r], k = 0;
        size_t col = 0;
        b->cell.len = 0;
        /* The sessions of one cell are consecutive. */
        do {
            size_t before = b->cell.len;
            if (k++ > 0)
                mr_buf_putc(&b->cell, '\n');
            grid_line(x, order[i], &b->cell);
            if (b->cell.len - before > col)
                col = b->cell.len - before;
            i++;
        } while (i < e && x->row_day[order[i]] == day
                 && x->row_period[order[i]] == p);
        if (b->cell.oom) {
            b->oom = 1;
            return;
        }
        if (day < 0 || day >= 31 || p >= np)
            continue;                   /* not in the month: not shown */
        ck(b, worksheet_write_string(ws, (lxw_row_t)(day + 1),
                                     (lxw_col_t)(p + 1), b->cell.data,
                                     b->wrap));
        if (k > lines[day])
            lines[day] = k;
        if (col + 2.0 > width[p])
            width[p] = col + 2.0 < 60 ? col + 2.0 : 60;
    }
    ck(b, worksheet_set_column(ws, 0, 0, 16, NULL));
    for (int p = 0; p < np; p++)
        ck(b, worksheet_set_column(ws, (lxw_col_t)(p + 1),
                                   (lxw_col_t)(p + 1), width[p], NULL));
    for (int d = 0; d < x->n_days && d < 31; d++)
        if (lines[d] > 1)
            ck(b, worksheet_set_row(ws, (lxw_row_t)(d + 1),
                                    LINE_POINTS * lines[d], NULL));
    worksheet_freeze_panes(ws, 1, 1);
    print_setup(b, ws, 1);
}

static void site_sheets(book *b)
{
    static const int COLS[] = {XR_SITE, XR_DATE, XR_START, XR_STAFF};
    const mr_xrun *x = b->x;
    int n = x->t[MR_TABLE_ROSTER].n_rows, *order;

    if ((order = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *order))
        == NULL) {
        b->oom = 1;
        return;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    if (mr_xrun_sort(&x->t[MR_TABLE_ROSTER], order, n, COLS, 4) != MR_OK)
        b->oom = 1;
    for (int i = 0; i < n && !b->oom && b->err == LXW_NO_ERROR;) {
        int j = i, site = x->row_site[order[i]];
        lxw_worksheet *ws;
        while (j < n && x->row_site[order[j]] == site)
            j++;
        if ((ws = add_sheet(b, mr_xroster(x, order[i], XR_SITE), NULL))
            != NULL) {
            site_sheet(b, ws, order, i, j);
            if (i == 0)
                worksheet_activate(ws);
        }
        i = j;
    }
    mr_free(order);
}

static void person_sheets(book *b)
{
    static const column COLS[] = {
        {"date", XR_DATE, K_DATE, 16}, {"period", XR_PERIOD, K_TEXT, 8},
        {"start", XR_START, K_TIME, 7}, {"end", XR_END, K_TIME, 7},
        {"activity", XR_ACTIVITY, K_TEXT, 12},
        {"specialty", XR_SPECIALTY, K_TEXT, 14},
        {"site", XR_SITE, K_TEXT, 22}, {"room", XR_ROOM, K_TEXT, 12},
        {"pcn", XR_PCN, K_TEXT, 16}, {"appointments", -1, K_MIX, 36},
    };
    const mr_xrun *x = b->x;

    for (int p = 0; p < x->n_people && !b->oom && b->err == LXW_NO_ERROR;
         p++) {
        const char *name = mr_xrun_person_name(x, p);
        lxw_worksheet *ws = add_sheet(b, *name != '\0' ? name : "staff",
                                      mr_xrun_person_id(x, p));
        int a = x->person_start[p];
        if (ws != NULL)
            table_sheet(b, ws, &x->t[MR_TABLE_ROSTER], x->by_person + a,
                        x->person_start[p + 1] - a, COLS, 10);
    }
}

static void data_sheets(book *b)
{
    static const column SHORT[] = {
        {"kind", XF_KIND, K_TEXT, 8}, {"site_id", XF_SITE, K_TEXT, 20},
        {"pcn_id", XF_PCN, K_TEXT, 16}, {"activity", XF_ACTIVITY, K_TEXT, 12},
        {"specialty", XF_SPECIALTY, K_TEXT, 14},
        {"appointment_type", XF_TYPE, K_TEXT, 17},
        {"date", XF_DATE, K_DATE, 16}, {"period", XF_PERIOD, K_TEXT, 8},
        {"week", XF_WEEK, K_DATE, 16},
        {"required", XF_REQUIRED, K_NUMBER, 9},
        {"provided", XF_PROVIDED, K_NUMBER, 9},
        {"shortfall", XF_SHORTFALL, K_NUMBER, 9},
    };
    static const column EA[] = {
        {"referral_id", XE_REFERRAL, K_TEXT, 12},
        {"adviser_id", XE_ADVISER, K_TEXT, 12},
        {"date", XE_DATE, K_DATE, 16}, {"start", XE_START, K_TIME, 7},
        {"end", XE_END, K_TIME, 7}, {"site_id", XE_SITE, K_TEXT, 20},
        {"room_id", XE_ROOM, K_TEXT, 12}, {"status", XE_STATUS, K_TEXT, 34},
    };
    const mr_xtable *t = &b->x->t[MR_TABLE_SHORTFALLS];
    lxw_worksheet *ws;

    if (b->oom || b->err != LXW_NO_ERROR)
        return;
    if ((ws = add_sheet(b, "Shortfalls", NULL)) != NULL)
        table_sheet(b, ws, t, NULL, t->n_rows, SHORT, 12);
    t = &b->x->t[MR_TABLE_EA];
    if (!b->oom && (ws = add_sheet(b, "EA allocations", NULL)) != NULL)
        table_sheet(b, ws, t, NULL, t->n_rows, EA, 8);
}

static void make_formats(book *b)
{
    b->head = workbook_add_format(b->wb);
    b->date = workbook_add_format(b->wb);
    b->time = workbook_add_format(b->wb);
    b->wrap = workbook_add_format(b->wb);
    b->num = workbook_add_format(b->wb);
    b->title = workbook_add_format(b->wb);
    b->bold = workbook_add_format(b->wb);
    if (b->head == NULL || b->date == NULL || b->time == NULL
        || b->wrap == NULL || b->num == NULL || b->title == NULL
        || b->bold == NULL) {
        b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    format_set_bold(b->head);
    format_set_bg_color(b->head, 0xDDE4EE);
    format_set_bottom(b->head, LXW_BORDER_THIN);
    format_set_num_format(b->date, "ddd d mmm yyyy");
    format_set_align(b->date, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(b->time, "hh:mm");
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(b->num, "General");
    format_set_bold(b->title);
    format_set_font_size(b->title, 13);
    format_set_bold(b->bold);
}

/* Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ"; 0 when malformed. */
static time_t utc_seconds(const char *iso)
{
    int y, mo, d, h, mi, s;
    if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d,
                              &h, &mi, &s) != 6)
        return 0;
    return (time_t)mr_days_from_civil(y, mo, d) * 86400 + h * 3600
           + mi * 60 + s;
}

/* --- the workbook -------------------------------------------------------- */

/* Builds the workbook into the file tmp. */
static int build(mr_store *s, const mr_xrun *x, const char *tmp)
{
    lxw_workbook_options opts = {0};
    lxw_doc_properties props;
    lxw_worksheet *summary;
    lxw_error close_err;
    book b;
    int rc = MR_OK;

    memset(&b, 0, sizeof b);
    memset(&props, 0, sizeof props);
    b.x = x;
    mr_buf_init(&b.cell);
    if ((b.wb = workbook_new_opt(tmp, &opts)) == NULL)
        return mr_store_set_error(s, MR_ENOMEM, "out of memory");
    make_formats(&b);
    /* Names Excel keeps for itself or that later sheets must get. */
    if (claim(&b, "History") != MR_OK || claim(&b, "Shortfalls") != MR_OK
        || claim(&b, "EA allocations") != MR_OK)
        b.oom = 1;
    if (!b.oom && b.err == LXW_NO_ERROR
        && (summary = add_sheet(&b, "Summary", NULL)) != NULL)
        summary_sheet(&b, summary);
    if (!b.oom && b.err == LXW_NO_ERROR)
        site_sheets(&b);
    if (!b.oom && b.err == LXW_NO_ERROR)
        person_sheets(&b);
    /* Reserved above so that no site or person took them; free them for
     * their own sheets now. */
    for (int i = 1; i < 3 && i < b.n_used; i++)
        b.used[i][0] = '\0';
    data_sheets(&b);
    props.title = "Roster";
    props.subject = x->run.month;
    props.author = "mskrota";
    props.created = utc_seconds(x->run.created_at);
    ck(&b, workbook_set_properties(b.wb, &props));
    close_err = workbook_close(b.wb);           /* frees it, always */
    if (b.err == LXW_NO_ERROR)
        b.err = close_err;
    if (b.oom || b.cell.oom)
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
    else if (b.err == LXW_ERROR_MEMORY_MALLOC_FAILED)
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
    else if (b.err != LXW_NO_ERROR)
        rc = mr_store_set_error(s, MR_EIO, "cannot write %s: %s", tmp,
                                lxw_strerror(b.err));
    for (int i = 0; i < b.n_used; i++)
        mr_free(b.used[i]);
    mr_free(b.used);
    mr_buf_free(&b.cell);
    return rc;
}

/* The whole file into buf. */
static int slurp(mr_store *s, const char *path, mr_buf *buf)
{
    char chunk[65536];
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = MR_OK;

    if (f == NULL)
        return mr_store_set_error(s, MR_EIO, "cannot read %s", path);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (mr_buf_add(buf, chunk, n) != MR_OK) {
            rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
            break;
        }
    if (rc == MR_OK && ferror(f))
        rc = mr_store_set_error(s, MR_EIO, "cannot read %s", path);
    fclose(f);
    return rc;
}

int mr_export_xlsx(mr_store *s, const char *month, int version,
                   const char *dir)
{
    mr_xrun x;
    mr_buf tmp, data;
    int rc, fd = -1;

    mr_buf_init(&tmp);
    mr_buf_init(&data);
    if ((rc = mr_xrun_load(s, month, version, dir, &x)) != MR_OK)
        return rc;
    mr_buf_printf(&tmp, "%s/.roster.xlsx.XXXXXX", dir);
    if (tmp.oom) {
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
        goto done;
    }
    if ((fd = mkstemp(tmp.data)) < 0) {
        rc = mr_store_set_error(s, MR_EIO, "cannot create a file in %s",
                                dir);
        goto done;
    }
    close(fd);
    if ((rc = build(s, &x, tmp.data)) != MR_OK
        || (rc = slurp(s, tmp.data, &data)) != MR_OK)
        goto done;
    rc = mr_xrun_write(s, dir, "roster.xlsx", &data);
done:
    if (fd >= 0)
        unlink(tmp.data);
    mr_buf_free(&data);
    mr_buf_free(&tmp);
    mr_xrun_free(&x);
    return rc;
}
