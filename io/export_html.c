/* HTML export of a stored run: the page, its figures and the month
 * calendars; the heatmap and charts are in export_html_charts.c. See
 * export_html.h.
 *
 * The page must open anywhere, offline and years later, so everything is
 * inline: the style sheet, the charts (SVG), no script at all. Names and
 * ids come from people's input files, so every one goes through
 * mr_xhtml_esc() before it reaches the page. */
#include "export_html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "export_html_int.h"

static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"
};
static const char *const WEEKDAYS[] = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

static const char STYLE[] =
    "<style>\n"
    ":root{--ink:#1d2430;--mute:#5b6678;--line:#c9d1dc;--bg:#f4f6f9;"
    "--acc:#1f5fa8}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:1400px;padding:16px 24px;color:var(--ink);"
    "font:14px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
    "sans-serif}\n"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;"
    "border-bottom:2px solid var(--acc);padding-bottom:2px}"
    "h3{font-size:15px;margin:18px 0 6px}\n"
    ".meta,.note{color:var(--mute);margin:2px 0 8px}\n"
    "table{border-collapse:collapse}\n"
    "table.fig td,table.fig th{border:1px solid var(--line);padding:3px 8px;"
    "text-align:right}table.fig th{background:var(--bg);font-weight:600}\n"
    "table.list td,table.list th{border:1px solid var(--line);"
    "padding:2px 6px;text-align:left}table.list th{background:var(--bg)}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "nav a{margin-right:8px;white-space:nowrap}nav{margin:8px 0}\n"
    "a{color:var(--acc)}\n"
    "table.month{width:100%;table-layout:fixed}\n"
    "table.month th{background:var(--bg);border:1px solid var(--line);"
    "padding:2px;font-weight:600}\n"
    "table.month td{border:1px solid var(--line);vertical-align:top;"
    "padding:2px 3px;font-size:11px;height:48px}\n"
    "table.month td.out{background:#fafbfc}"
    "table.month td.we{background:#f7f7f2}\n"
    ".d{font-weight:700;font-size:12px}.pn{color:var(--mute);"
    "font-weight:600;text-transform:uppercase;font-size:10px}\n"
    "ul.s{margin:0 0 2px;padding:0;list-style:none}"
    "ul.s li{margin:0;padding:0 0 0 4px;border-left:2px solid #9db7d8}\n"
    "table.heat td,table.heat th{border:1px solid #e3e7ed;padding:1px 2px;"
    "font-size:11px;text-align:center;min-width:20px}\n"
    "table.heat th.r{text-align:left;white-space:nowrap}\n"
    ".h0{background:#fff}.h1{background:#fde0c5}.h2{background:#f9b98a}"
    ".h3{background:#f08a57}.h4{background:#d9482b;color:#fff}\n"
    ".bar{display:inline-block;height:10px;background:var(--acc)}\n"
    "svg text{font:11px system-ui,Arial,sans-serif;fill:#1d2430}\n"
    "@page{size:A4 landscape;margin:10mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:11px}"
    "nav{display:none}section.cal{break-before:page}"
    "table.month td{height:auto}h2{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

/* --- escaping and numbers ------------------------------------------------ */

void mr_xhtml_esc(mr_buf *b, const char *s)
{
    const char *run = s;

    for (; *s != '\0'; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        mr_buf_add(b, run, (size_t)(s - run));
        mr_buf_puts(b, rep);
        run = s + 1;
    }
    mr_buf_add(b, run, (size_t)(s - run));
}

void mr_xhtml_num(mr_buf *b, double x, int digits)
{
    if (isfinite(x))
        mr_buf_printf(b, "%.*f", digits, x);
    else
        mr_buf_puts(b, "\xE2\x80\x93");         /* en dash */
}

/* --- the header ---------------------------------------------------------- */

static void figure(mr_buf *b, const char *name, double v, int digits,
                   const char *unit)
{
    mr_buf_printf(b, "<tr><th>%s</th><td>", name);
    mr_xhtml_num(b, v, digits);
    if (isfinite(v))
        mr_buf_puts(b, unit);
    mr_buf_puts(b, "</td></tr>\n");
}

static void header(mr_buf *b, const mr_xrun *x)
{
    const mr_store_run *r = &x->run;
    int y, m;

    mr_month_parse(r->month, &y, &m);
    mr_buf_printf(b, "<header>\n<h1>Roster for %s %d</h1>\n",
                  m >= 1 && m <= 12 ? MONTHS[m - 1] : "", y);
    mr_buf_printf(b, "<p class=\"meta\">Version %d (", r->version);
    mr_xhtml_esc(b, r->kind);
    mr_buf_puts(b, "), status <b>");
    mr_xhtml_esc(b, r->status);
    mr_buf_puts(b, "</b>, stored ");
    mr_xhtml_esc(b, r->created_at);
    if (r->published) {
        mr_buf_puts(b, "; published ");
        mr_xhtml_esc(b, r->published_at != NULL ? r->published_at : "");
        if (r->published_by != NULL) {
            mr_buf_puts(b, " by ");
            mr_xhtml_esc(b, r->published_by);
        }
    } else {
        mr_buf_puts(b, "; not published");
    }
    mr_buf_printf(b, ". %d sessions, %d people.</p>\n", r->n_assignments,
                  x->n_people);
    mr_buf_puts(b, "<table class=\"fig\" id=\"figures\">\n");
    figure(b, "objective", r->objective, 2, "");
    figure(b, "bound", r->bound, 2, "");
    figure(b, "gap", r->gap * 100, 2, "%");
    figure(b, "solve time", r->seconds, 1, " s");
    figure(b, "cover shortfall (person-sessions)", r->cover_shortfall, 0,
           "");
    figure(b, "PCN shortfall (sessions)", r->pcn_shortfall, 0, "");
    figure(b, "demand shortfall (appointments)", r->demand_shortfall, 0,
           "");
    figure(b, "EA referrals unallocated", r->ea_unallocated, 0, "");
    if (r->changes >= 0)
        figure(b, "changes from the published roster", r->changes, 0, "");
    mr_buf_puts(b, "</table>\n<nav><b>Sections:</b> "
                   "<a href=\"#cover\">cover</a>"
                   "<a href=\"#satisfaction\">satisfaction</a>"
                   "<a href=\"#caseloads\">EA caseloads</a>"
                   "<a href=\"#sites\">sites</a>"
                   "<a href=\"#people\">people</a><br><b>Sites:</b> ");
    for (int s = 0; s < x->n_sites; s++) {
        const char *id = mr_xroster(x, x->site_row[s], XR_SITE);
        mr_buf_puts(b, "<a href=\"#site-");
        mr_xhtml_esc(b, id);
        mr_buf_puts(b, "\">");
        mr_xhtml_esc(b, id);
        mr_buf_puts(b, "</a> ");
    }
    mr_buf_printf(b, "\n<details><summary>People (%d)</summary>",
                  x->n_people);
    for (int p = 0; p < x->n_people; p++) {
        mr_buf_puts(b, "<a href=\"#person-");
        mr_xhtml_esc(b, mr_xrun_person_id(x, p));
        mr_buf_puts(b, "\">");
        mr_xhtml_esc(b, mr_xrun_person_name(x, p));
        mr_buf_puts(b, "</a> ");
    }
    mr_buf_puts(b, "</details></nav>\n</header>\n");
}

/* --- month calendars ----------------------------------------------------- */

/* One session in a site's calendar: "name (room) activity: specialty". */
static void site_item(mr_buf *b, const mr_xrun *x, int r)
{
    const char *room = mr_xroster(x, r, XR_ROOM);
    const char *spec = mr_xroster(x, r, XR_SPECIALTY);

    mr_xhtml_esc(b, mr_xroster(x, r, XR_NAME));
    if (*room != '\0') {
        mr_buf_puts(b, " (");
        mr_xhtml_esc(b, room);
        mr_buf_putc(b, ')');
    }
    mr_buf_putc(b, ' ');
    mr_xhtml_esc(b, mr_xroster(x, r, XR_ACTIVITY));
    if (*spec != '\0') {
        mr_buf_puts(b, ": ");
        mr_xhtml_esc(b, spec);
    }
}

/* One session in a person's calendar: "activity: specialty at site
 * (room)". */
static void person_item(mr_buf *b, const mr_xrun *x, int r)
{
    const char *room = mr_xroster(x, r, XR_ROOM);
    const char *spec = mr_xroster(x, r, XR_SPECIALTY);

    mr_xhtml_esc(b, mr_xroster(x, r, XR_ACTIVITY));
    if (*spec != '\0') {
        mr_buf_puts(b, ": ");
        mr_xhtml_esc(b, spec);
    }
    mr_buf_puts(b, " at ");
    mr_xhtml_esc(b, mr_xroster(x, r, XR_SITE));
    if (*room != '\0') {
        mr_buf_puts(b, " (");
        mr_xhtml_esc(b, room);
        mr_buf_putc(b, ')');
    }
}

/* The sessions of day d from rows[*i], which are by date then start;
 * advances *i past them. */
static void day_cell(mr_buf *b, mr_buf *tmp, const mr_xrun *x,
                     const int *rows, int n, int *i, int d, int per_person)
{
    int p = -1;

    while (*i < n && x->row_day[rows[*i]] < d)
        (*i)++;                         /* outside the month: not shown */
    while (*i < n && x->row_day[rows[*i]] == d) {
        int r = rows[*i];
        if (x->row_period[r] != p) {
            if (p >= 0)
                mr_buf_puts(b, "</ul>");
            p = x->row_period[r];
            mr_buf_puts(b, "<span class=\"pn\">");
            mr_xhtml_esc(b, mr_xroster(x, r, XR_PERIOD));
            mr_buf_puts(b, "</span><ul class=\"s\">");
        }
        mr_buf_puts(b, "<li title=\"");
        mr_xhtml_esc(b, mr_xroster(x, r, XR_START));
        mr_buf_puts(b, "\xE2\x80\x93");
        mr_xhtml_esc(b, mr_xroster(x, r, XR_END));
        if (per_person && x->slot_start[r + 1] > x->slot_start[r]) {
            tmp->len = 0;
            mr_xrun_slot_mix(x, r, tmp);
            mr_buf_puts(b, ", ");
            if (tmp->oom)
                b->oom = 1;
            else
                mr_xhtml_esc(b, tmp->data);
        }
        mr_buf_puts(b, "\">");
        if (per_person)
            person_item(b, x, r);
        else
            site_item(b, x, r);
        mr_buf_puts(b, "</li>");
        (*i)++;
    }
    if (p >= 0)
        mr_buf_puts(b, "</ul>");
}

/* A month calendar (weeks from Monday) of rows, sorted by date, start. */
static void calendar(mr_buf *b, mr_buf *tmp, const mr_xrun *x,
                     const int *rows, int n, int per_person)
{
    int lead = mr_weekday(x->first_day), i = 0;
    int cells = (lead + x->n_days + 6) / 7 * 7;

    mr_buf_puts(b, "<table class=\"month\"><thead><tr>");
    for (int w = 0; w < 7; w++)
        mr_buf_printf(b, "<th>%s</th>", WEEKDAYS[w]);
    mr_buf_puts(b, "</tr></thead><tbody>\n");
    for (int c = 0; c < cells; c++) {
        int d = c - lead;
        char date[11];
        if (c % 7 == 0)
            mr_buf_puts(b, "<tr>");
        if (d < 0 || d >= x->n_days) {
            mr_buf_puts(b, "<td class=\"out\"></td>");
        } else {
            mr_date_format(x->first_day + d, date);
            mr_buf_printf(b, "<td%s data-date=\"%s\"><div class=\"d\">%d"
                             "</div>", c % 7 >= 5 ? " class=\"we\"" : "",
                          date, d + 1);
            day_cell(b, tmp, x, rows, n, &i, d, per_person);
            mr_buf_puts(b, "</td>");
        }
        if (c % 7 == 6)
            mr_buf_puts(b, "</tr>\n");
    }
    mr_buf_puts(b, "</tbody></table>\n");
}

static void sites(mr_buf *b, const mr_xrun *x)
{
    static const int COLS[] = {XR_SITE, XR_DATE, XR_START, XR_STAFF};
    int n = x->t[MR_TABLE_ROSTER].n_rows, *order;

    mr_buf_puts(b, "<section id=\"sites\"><h2>Month by site</h2>\n");
    if ((order = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *order))
        == NULL) {
        b->oom = 1;
        return;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    if (mr_xrun_sort(&x->t[MR_TABLE_ROSTER], order, n, COLS, 4) != MR_OK)
        b->oom = 1;
    for (int i = 0; i < n && !b->oom;) {
        int j = i, site = x->row_site[order[i]];
        const char *id = mr_xroster(x, order[i], XR_SITE);
        while (j < n && x->row_site[order[j]] == site)
            j++;
        mr_buf_puts(b, "<section class=\"cal site\" id=\"site-");
        mr_xhtml_esc(b, id);
        mr_buf_puts(b, "\"><h3>");
        mr_xhtml_esc(b, id);
        mr_buf_printf(b, " <span class=\"note\">%d sessions</span></h3>\n",
                      j - i);
        calendar(b, NULL, x, order + i, j - i, 0);
        mr_buf_puts(b, "</section>\n");
        i = j;
    }
    mr_buf_puts(b, "</section>\n");
    mr_free(order);
}

static void people(mr_buf *b, const mr_xrun *x)
{
    mr_buf tmp;                         /* one scratch for every mix */

    mr_buf_init(&tmp);
    mr_buf_puts(b, "<section id=\"people\"><h2>Month by person</h2>\n");
    for (int p = 0; p < x->n_people; p++) {
        int a = x->person_start[p], e = x->person_start[p + 1];
        mr_buf_puts(b, "<section class=\"cal person\" id=\"person-");
        mr_xhtml_esc(b, mr_xrun_person_id(x, p));
        mr_buf_puts(b, "\"><h3>");
        mr_xhtml_esc(b, mr_xrun_person_name(x, p));
        mr_buf_puts(b, " <span class=\"note\">");
        mr_xhtml_esc(b, mr_xrun_person_id(x, p));
        mr_buf_puts(b, ", ");
        mr_xhtml_esc(b, mr_xroster(x, x->by_person[a], XR_ROLE));
        mr_buf_printf(b, ", %d sessions</span></h3>\n", e - a);
        calendar(b, &tmp, x, x->by_person + a, e - a, 1);
        mr_buf_puts(b, "</section>\n");
    }
    mr_buf_puts(b, "</section>\n");
    mr_buf_free(&tmp);
}

int mr_export_html(mr_store *s, const char *month, int version,
                   const char *dir)
{
    mr_xrun x;
    mr_buf b;
    int rc;

    mr_buf_init(&b);
    if ((rc = mr_xrun_load(s, month, version, dir, &x)) != MR_OK)
        return rc;
    mr_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"mskrota "
                    MR_VERSION "\">\n<title>Roster ");
    mr_xhtml_esc(&b, x.run.month);
    mr_buf_printf(&b, ", version %d</title>\n", x.run.version);
    mr_buf_puts(&b, STYLE);
    mr_buf_puts(&b, "</head>\n<body>\n");
    header(&b, &x);
    mr_buf_puts(&b, "<main>\n");
    if (x.t[MR_TABLE_ROSTER].n_rows > 0) {
        mr_xhtml_cover(&b, &x);
        mr_xhtml_satisfaction(&b, &x);
        mr_xhtml_caseloads(&b, &x);
        sites(&b, &x);
        people(&b, &x);
    } else {
        /* An infeasible run, or one stopped before any roster: its
         * figures above say which; empty charts would only mislead. */
        mr_buf_puts(&b, "<p class=\"note\" id=\"no-roster\">This run has "
                        "no roster.</p>\n");
    }
    mr_buf_puts(&b, "</main>\n</body>\n</html>\n");
    if (b.oom)
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
    else
        rc = mr_xrun_write(s, dir, "roster.html", &b);
    mr_buf_free(&b);
    mr_xrun_free(&x);
    return rc;
}
