/* The figures of the HTML page: cover against requirement as a heatmap,
 * satisfaction per person as an SVG bar chart, EA caseloads. Drawn from
 * the stored tables only; see export_html_int.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "export_html_int.h"

#define MAX_PERIODS 32

/* --- cover heatmap ------------------------------------------------------- */

typedef struct heat_key {
    int site, period, day, row;
} heat_key;

static int cmp_heat(const void *a, const void *b)
{
    const heat_key *p = a, *q = b;
    if (p->site != q->site)
        return p->site < q->site ? -1 : 1;
    if (p->period != q->period)
        return p->period < q->period ? -1 : 1;
    if (p->day != q->day)
        return p->day < q->day ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

/* The heatmap's periods: the roster's, by start, then any other period a
 * shortfall names (one nobody worked), in order of appearance. */
static int period_rank(const mr_xrun *x, const char **extra, int *n_extra,
                       const char *name)
{
    for (int p = 0; p < x->n_periods; p++)
        if (strcmp(mr_xroster(x, x->period_row[p], XR_PERIOD), name) == 0)
            return p;
    for (int k = 0; k < *n_extra; k++)
        if (strcmp(extra[k], name) == 0)
            return x->n_periods + k;
    if (*n_extra < MAX_PERIODS) {
        extra[(*n_extra)++] = name;
        return x->n_periods + *n_extra - 1;
    }
    return x->n_periods + MAX_PERIODS - 1;
}

static int level(long shortfall, long required)
{
    double f = required > 0 ? (double)shortfall / (double)required : 1;
    return shortfall <= 0 ? 0 : f <= 0.25 ? 1 : f <= 0.5 ? 2 : f <= 0.75 ? 3
                                                                          : 4;
}

/* One heatmap row: keys [a, e) of one site and period, by day. */
static void heat_row(mr_buf *b, const mr_xrun *x, const heat_key *k, int a,
                     int e)
{
    const mr_xtable *t = &x->t[MR_TABLE_SHORTFALLS];
    int i = a;

    mr_buf_puts(b, "<tr><th class=\"r\">");
    mr_xhtml_esc(b, mr_xcell(t, k[a].row, XF_SITE));
    mr_buf_puts(b, "</th><th class=\"r\">");
    mr_xhtml_esc(b, mr_xcell(t, k[a].row, XF_PERIOD));
    mr_buf_puts(b, "</th>");
    while (i < e && k[i].day < 0)
        i++;                            /* outside the month: not shown */
    for (int d = 0; d < x->n_days; d++) {
        long req = 0, sh = 0;
        int j = i;
        while (j < e && k[j].day == d) {
            req += strtol(mr_xcell(t, k[j].row, XF_REQUIRED), NULL, 10);
            sh += strtol(mr_xcell(t, k[j].row, XF_SHORTFALL), NULL, 10);
            j++;
        }
        if (j == i) {
            mr_buf_puts(b, "<td class=\"h0\"></td>");
            continue;
        }
        mr_buf_printf(b, "<td class=\"h%d\" title=\"", level(sh, req));
        for (int m = i; m < j; m++) {
            int r = k[m].row;
            const char *spec = mr_xcell(t, r, XF_SPECIALTY);
            if (m > i)
                mr_buf_puts(b, "; ");
            mr_xhtml_esc(b, mr_xcell(t, r, XF_ACTIVITY));
            if (*spec != '\0') {
                mr_buf_puts(b, " (");
                mr_xhtml_esc(b, spec);
                mr_buf_putc(b, ')');
            }
            mr_buf_puts(b, ": required ");
            mr_xhtml_esc(b, mr_xcell(t, r, XF_REQUIRED));
            mr_buf_puts(b, ", provided ");
            mr_xhtml_esc(b, mr_xcell(t, r, XF_PROVIDED));
        }
        mr_buf_printf(b, "\">%ld</td>", sh);
        i = j;
    }
    mr_buf_puts(b, "</tr>\n");
}

static void heatmap(mr_buf *b, const mr_xrun *x)
{
    static const int SITE[] = {XF_SITE};
    const mr_xtable *t = &x->t[MR_TABLE_SHORTFALLS];
    const char *extra[MAX_PERIODS];
    heat_key *k = NULL;
    int *order = NULL, n = 0, n_extra = 0, rank = -1, n_sites = 0;

    if ((order = mr_malloc((size_t)(t->n_rows + 1) * sizeof *order)) == NULL
        || (k = mr_malloc((size_t)(t->n_rows + 1) * sizeof *k)) == NULL) {
        b->oom = 1;
        goto done;
    }
    for (int r = 0; r < t->n_rows; r++)
        if (strcmp(mr_xcell(t, r, XF_KIND), "cover") == 0)
            order[n++] = r;
    if (mr_xrun_sort(t, order, n, SITE, 1) != MR_OK) {
        b->oom = 1;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        int r = order[i], day;
        if (i == 0 || strcmp(mr_xcell(t, order[i - 1], XF_SITE),
                             mr_xcell(t, r, XF_SITE)) != 0)
            rank++;
        day = mr_xrun_day(mr_xcell(t, r, XF_DATE)) - x->first_day;
        k[i] = (heat_key){rank, period_rank(x, extra, &n_extra,
                                            mr_xcell(t, r, XF_PERIOD)),
                          day >= 0 && day < x->n_days ? day : -1, r};
    }
    n_sites = rank + 1;
    if (n == 0) {
        mr_buf_puts(b, "<p class=\"note\">Every cover requirement is met in "
                       "every session.</p>\n");
        goto done;
    }
    qsort(k, (size_t)n, sizeof *k, cmp_heat);
    mr_buf_printf(b, "<p class=\"note\">Sessions short of their cover "
                     "requirement: %d site%s of %d rostered. The number is "
                     "the people missing; the shade the share of the "
                     "requirement missing (", n_sites, n_sites == 1 ? "" : "s",
                  x->n_sites);
    for (int l = 1; l <= 4; l++)
        mr_buf_printf(b, "<span class=\"h%d\">&nbsp;%s&nbsp;</span>", l,
                      l == 1 ? "&le;25%" : l == 2 ? "&le;50%"
                      : l == 3 ? "&le;75%" : "&gt;75%");
    mr_buf_puts(b, ").</p>\n<table class=\"heat\" id=\"heatmap\"><thead>"
                   "<tr><th class=\"r\">site</th><th class=\"r\">period</th>");
    for (int d = 0; d < x->n_days; d++)
        mr_buf_printf(b, "<th%s>%d</th>",
                      mr_weekday(x->first_day + d) >= 5 ? " class=\"we\"" : "",
                      d + 1);
    mr_buf_puts(b, "</tr></thead><tbody>\n");
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && k[j].site == k[i].site && k[j].period == k[i].period)
            j++;
        heat_row(b, x, k, i, j);
        i = j;
    }
    mr_buf_puts(b, "</tbody></table>\n");
done:
    mr_free(k);
    mr_free(order);
}

/* The PCN or demand shortfalls as a list. */
static void short_list(mr_buf *b, const mr_xrun *x, const char *kind)
{
    static const int PCN[] = {XF_PCN, XF_WEEK, XF_REQUIRED, XF_PROVIDED,
                              XF_SHORTFALL};
    static const int DEMAND[] = {XF_SITE, XF_PCN, XF_TYPE, XF_REQUIRED,
                                 XF_PROVIDED, XF_SHORTFALL};
    static const char *const PCN_HEAD[] = {"PCN", "week from", "required",
                                           "provided", "short"};
    static const char *const DEMAND_HEAD[] = {"site", "PCN",
                                              "appointment type", "required",
                                              "provided", "short"};
    const mr_xtable *t = &x->t[MR_TABLE_SHORTFALLS];
    int pcn = strcmp(kind, "pcn") == 0, nc = pcn ? 5 : 6, any = 0;
    const int *cols = pcn ? PCN : DEMAND;
    const char *const *head = pcn ? PCN_HEAD : DEMAND_HEAD;

    for (int r = 0; r < t->n_rows; r++) {
        if (strcmp(mr_xcell(t, r, XF_KIND), kind) != 0)
            continue;
        if (!any++) {
            mr_buf_printf(b, "<h3>%s</h3>\n<table class=\"list\" id=\"%s\">"
                             "<tr>", pcn ? "FCP sessions short, by PCN and "
                                           "week" : "Appointments short of "
                                                    "demand", kind);
            for (int c = 0; c < nc; c++)
                mr_buf_printf(b, "<th>%s</th>", head[c]);
            mr_buf_puts(b, "</tr>\n");
        }
        mr_buf_puts(b, "<tr>");
        for (int c = 0; c < nc; c++) {
            mr_buf_puts(b, c >= nc - 3 ? "<td class=\"n\">" : "<td>");
            mr_xhtml_esc(b, mr_xcell(t, r, cols[c]));
            mr_buf_puts(b, "</td>");
        }
        mr_buf_puts(b, "</tr>\n");
    }
    if (any)
        mr_buf_puts(b, "</table>\n");
}

void mr_xhtml_cover(mr_buf *b, const mr_xrun *x)
{
    mr_buf_puts(b, "<section id=\"cover\"><h2>Cover against requirement"
                   "</h2>\n");
    heatmap(b, x);
    short_list(b, x, "pcn");
    short_list(b, x, "demand");
    mr_buf_puts(b, "</section>\n");
}

/* --- satisfaction -------------------------------------------------------- */

typedef struct bar {
    double v;
    int    row;
} bar;

static int cmp_bar(const void *a, const void *b)
{
    const bar *p = a, *q = b;
    if (p->v != q->v)
        return p->v < q->v ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

/* "Name (id)", or the id of a person with no session. */
static void label(mr_buf *b, const mr_xrun *x, const char *staff)
{
    int p = mr_xrun_person(x, staff);
    if (p >= 0) {
        mr_xhtml_esc(b, mr_xrun_person_name(x, p));
        mr_buf_puts(b, " (");
    }
    mr_xhtml_esc(b, staff);
    if (p >= 0)
        mr_buf_putc(b, ')');
}

void mr_xhtml_satisfaction(mr_buf *b, const mr_xrun *x)
{
    enum { ROW = 16, TOP = 22, BAR = 11, PLOT = 420 };
    const mr_xtable *t = &x->t[MR_TABLE_SATISFACTION];
    double min = INFINITY, max = -INFINITY, sum = 0;
    size_t longest = 0;
    int n = 0, lw, h;
    bar *bars;

    mr_buf_puts(b, "<section id=\"satisfaction\"><h2>Satisfaction of "
                   "requests</h2>\n");
    if ((bars = mr_malloc((size_t)(t->n_rows + 1) * sizeof *bars)) == NULL) {
        b->oom = 1;
        return;
    }
    for (int r = 0; r < t->n_rows; r++) {
        char *end;
        const char *s = mr_xcell(t, r, XA_SATISFACTION);
        const char *staff = mr_xcell(t, r, XA_STAFF);
        double v = strtod(s, &end);
        int p = mr_xrun_person(x, staff);
        size_t len = strlen(staff) + (p >= 0
                        ? strlen(mr_xrun_person_name(x, p)) + 3 : 0);
        if (*s == '\0' || *end != '\0' || !isfinite(v))
            continue;
        bars[n++] = (bar){v, r};
        min = v < min ? v : min;
        max = v > max ? v : max;
        sum += v;
        longest = len > longest ? len : longest;
    }
    if (n == 0) {
        mr_buf_puts(b, "<p class=\"note\">Nobody made requests this month."
                       "</p>\n</section>\n");
        mr_free(bars);
        return;
    }
    qsort(bars, (size_t)n, sizeof *bars, cmp_bar);
    mr_buf_printf(b, "<p id=\"spread\">%d people with requests. Spread: "
                     "min <b>", n);
    mr_xhtml_num(b, min, 3);
    mr_buf_puts(b, "</b>, mean <b>");
    mr_xhtml_num(b, sum / n, 3);
    mr_buf_puts(b, "</b>, max <b>");
    mr_xhtml_num(b, max, 3);
    mr_buf_puts(b, "</b> (the share of each person&#39;s request weight "
                   "met).</p>\n");

    lw = (int)(longest * 6.5) + 12;
    lw = lw < 80 ? 80 : lw > 320 ? 320 : lw;
    h = TOP + n * ROW + 8;
    /* Inline SVG in HTML needs no xmlns: the page names no URL at all. */
    mr_buf_printf(b, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                     "role=\"img\" aria-label=\"Satisfaction per person\">\n",
                  lw + PLOT + 50, h, lw + PLOT + 50, h);
    for (int q = 0; q <= 4; q++) {          /* grid at 0, 0.25, ..., 1 */
        double gx = lw + PLOT * q / 4.0;
        mr_buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                         "stroke=\"#d5dbe3\"/><text x=\"%.1f\" y=\"12\" "
                         "text-anchor=\"middle\">%.2f</text>\n", gx, TOP - 4,
                      gx, h - 4, gx, q / 4.0);
    }
    for (int i = 0; i < n; i++) {
        int r = bars[i].row, y = TOP + i * ROW;
        double w = PLOT * (bars[i].v < 0 ? 0 : bars[i].v > 1 ? 1 : bars[i].v);
        mr_buf_puts(b, "<g><title>");
        label(b, x, mr_xcell(t, r, XA_STAFF));
        mr_buf_puts(b, ": ");
        mr_xhtml_esc(b, mr_xcell(t, r, XA_SATISFIED));
        mr_buf_puts(b, " of ");
        mr_xhtml_esc(b, mr_xcell(t, r, XA_REQUESTED));
        mr_buf_printf(b, "</title><text x=\"%d\" y=\"%d\" "
                         "text-anchor=\"end\">", lw - 6, y + BAR - 1);
        label(b, x, mr_xcell(t, r, XA_STAFF));
        mr_buf_printf(b, "</text><rect class=\"s\" x=\"%d\" y=\"%d\" "
                         "width=\"%.1f\" height=\"%d\" fill=\"#1f5fa8\"/>"
                         "<text x=\"%.1f\" y=\"%d\">%.2f</text></g>\n", lw, y,
                      w, BAR, lw + w + 4, y + BAR - 1, bars[i].v);
    }
    {
        const double marks[3] = {min, sum / n, max};
        static const char *const names[3] = {"min", "mean", "max"};
        static const char *const colours[3] = {"#c0392b", "#222", "#2e8b57"};
        for (int m = 0; m < 3; m++) {
            double mx = lw + PLOT * (marks[m] < 0 ? 0 : marks[m] > 1
                                                        ? 1 : marks[m]);
            mr_buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                             "y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\">"
                             "<title>%s %.3f</title></line>\n", mx, TOP - 4,
                          mx, h - 4, colours[m], names[m], marks[m]);
        }
    }
    mr_buf_puts(b, "</svg>\n</section>\n");
    mr_free(bars);
}

/* --- EA caseloads -------------------------------------------------------- */

/* The ea sessions of a person in the roster. */
static int ea_sessions(const mr_xrun *x, int p)
{
    int n = 0;
    for (int i = x->person_start[p]; i < x->person_start[p + 1]; i++)
        n += strcmp(mr_xroster(x, x->by_person[i], XR_ACTIVITY), "ea") == 0;
    return n;
}

void mr_xhtml_caseloads(mr_buf *b, const mr_xrun *x)
{
    static const int COLS[] = {XE_ADVISER, XE_STATUS};
    const mr_xtable *t = &x->t[MR_TABLE_EA];
    int *order, n = t->n_rows, most = 0, n_alloc = 0;

    mr_buf_puts(b, "<section id=\"caseloads\"><h2>EA caseloads</h2>\n");
    if (n == 0) {
        mr_buf_puts(b, "<p class=\"note\">No employment-advice referrals "
                       "this month.</p>\n</section>\n");
        return;
    }
    if ((order = mr_malloc((size_t)n * sizeof *order)) == NULL) {
        b->oom = 1;
        return;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    if (mr_xrun_sort(t, order, n, COLS, 2) != MR_OK) {
        b->oom = 1;
        mr_free(order);
        return;
    }
    /* Advisers first (an unallocated referral has no adviser: ""). */
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && strcmp(mr_xcell(t, order[j], XE_ADVISER),
                               mr_xcell(t, order[i], XE_ADVISER)) == 0)
            j++;
        if (*mr_xcell(t, order[i], XE_ADVISER) != '\0' && j - i > most)
            most = j - i;
        i = j;
    }
    mr_buf_puts(b, "<table class=\"list\" id=\"ea\"><tr><th>adviser</th>"
                   "<th>name</th><th>referrals allocated</th>"
                   "<th>ea sessions</th><th></th></tr>\n");
    for (int i = 0; i < n;) {
        int j = i, p;
        const char *adv = mr_xcell(t, order[i], XE_ADVISER);
        while (j < n && strcmp(mr_xcell(t, order[j], XE_ADVISER), adv) == 0)
            j++;
        if (*adv != '\0') {
            p = mr_xrun_person(x, adv);
            n_alloc += j - i;
            mr_buf_puts(b, "<tr><td>");
            mr_xhtml_esc(b, adv);
            mr_buf_puts(b, "</td><td>");
            if (p >= 0)
                mr_xhtml_esc(b, mr_xrun_person_name(x, p));
            mr_buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">"
                             "%d</td><td><span class=\"bar\" style=\"width:"
                             "%dpx\"></span></td></tr>\n", j - i,
                          p >= 0 ? ea_sessions(x, p) : 0,
                          most > 0 ? 200 * (j - i) / most : 0);
        }
        i = j;
    }
    mr_buf_puts(b, "</table>\n");
    mr_buf_printf(b, "<p class=\"note\">%d referral%s allocated, %d not",
                  n_alloc, n_alloc == 1 ? "" : "s", n - n_alloc);
    /* The reasons, from the status column ("unallocated:<reason>"). */
    for (int i = 0, first = 1; i < n;) {
        int j = i;
        const char *st = mr_xcell(t, order[i], XE_STATUS);
        while (j < n && strcmp(mr_xcell(t, order[j], XE_STATUS), st) == 0
               && *mr_xcell(t, order[j], XE_ADVISER) == '\0')
            j++;
        if (j == i) {
            i++;
            continue;
        }
        mr_buf_puts(b, first ? ": " : ", ");
        mr_xhtml_esc(b, strncmp(st, "unallocated:", 12) == 0 ? st + 12 : st);
        mr_buf_printf(b, " %d", j - i);
        first = 0;
        i = j;
    }
    mr_buf_puts(b, ".</p>\n</section>\n");
    mr_free(order);
}
