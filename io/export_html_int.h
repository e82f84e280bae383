/* Internal to the HTML export: the escaper and the sections drawn in
 * export_html_charts.c (cover heatmap, satisfaction chart, EA caseloads).
 * Each appends to b; an allocation failure sets b->oom, checked once by
 * the caller. */
#ifndef MR_IO_EXPORT_HTML_INT_H
#define MR_IO_EXPORT_HTML_INT_H

#include "export_run.h"
#include "json.h"

/* Appends s with & < > " ' as character references: safe in text and in
 * double-quoted attribute values alike. */
void mr_xhtml_esc(mr_buf *b, const char *s);
/* Appends x as "%.*f" with digits decimals, or an en dash for NaN. */
void mr_xhtml_num(mr_buf *b, double x, int digits);

void mr_xhtml_cover(mr_buf *b, const mr_xrun *x);
void mr_xhtml_satisfaction(mr_buf *b, const mr_xrun *x);
void mr_xhtml_caseloads(mr_buf *b, const mr_xrun *x);

#endif
