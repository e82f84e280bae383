/* Diagnostics: collected, sorted and formatted input problems. */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

void mr_diags_init(mr_diags *d)
{
    memset(d, 0, sizeof *d);
}

void mr_diags_clear(mr_diags *d)
{
    for (int i = 0; i < d->n; i++) {
        mr_free(d->items[i].file);
        mr_free(d->items[i].message);
    }
    mr_free(d->items);
    mr_diags_init(d);
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = mr_malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

void mr_diag_addv(mr_diags *d, int severity, const char *file, int line,
                  int col, const char *fmt, va_list ap)
{
    char buf[1024];
    mr_diag *g;

    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        mr_diag *items = mr_realloc(d->items, (size_t)cap * sizeof *items);
        if (items == NULL) {
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    vsnprintf(buf, sizeof buf, fmt, ap);
    g = &d->items[d->n];
    memset(g, 0, sizeof *g);
    g->severity = severity;
    g->line = line;
    g->col = col;
    g->message = copy(buf);
    g->file = file ? copy(file) : NULL;
    if (g->message == NULL || (file != NULL && g->file == NULL)) {
        mr_free(g->message);
        mr_free(g->file);
        d->oom = 1;
        return;
    }
    d->n++;
    if (severity == MR_ERROR)
        d->n_errors++;
}

void mr_diag_add(mr_diags *d, int severity, const char *file, int line,
                 int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mr_diag_addv(d, severity, file, line, col, fmt, ap);
    va_end(ap);
}

static int cmp_diag(const mr_diag *a, const mr_diag *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c != 0)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

void mr_diags_sort(mr_diags *d)
{
    /* Insertion sort: stable, and diagnostic lists are short. */
    for (int i = 1; i < d->n; i++) {
        mr_diag g = d->items[i];
        int j = i - 1;
        while (j >= 0 && cmp_diag(&d->items[j], &g) > 0) {
            d->items[j + 1] = d->items[j];
            j--;
        }
        d->items[j + 1] = g;
    }
}

void mr_diag_format(const mr_diag *g, char *buf, int size)
{
    const char *sev = g->severity == MR_ERROR ? "error" : "warning";
    if (g->file == NULL)
        snprintf(buf, (size_t)size, "%s: %s", sev, g->message);
    else if (g->line <= 0)
        snprintf(buf, (size_t)size, "%s: %s: %s", g->file, sev, g->message);
    else
        snprintf(buf, (size_t)size, "%s:%d:%d: %s: %s", g->file, g->line,
                 g->col > 0 ? g->col : 1, sev, g->message);
}

/* Levenshtein distance, capped: strings longer than 63 are not suggested. */
static int distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int row[64];
    if (la > 63 || lb > 63)
        return 1000;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *mr_suggest(const char *s, const char *const *cands, int n)
{
    const char *best = NULL;
    int best_d = 1000;
    int limit;

    if (s == NULL)
        return NULL;
    limit = (int)strlen(s) / 3 + 1;     /* about one typo in three letters */
    if (limit > 3)
        limit = 3;
    for (int i = 0; i < n; i++) {
        int dd;
        if (cands[i] == NULL)
            continue;
        dd = distance(s, cands[i]);
        if (dd < best_d) {
            best_d = dd;
            best = cands[i];
        }
    }
    return best_d <= limit && best_d > 0 ? best : NULL;
}

const char *mr_status_name(int status)
{
    switch (status) {
    case MR_OK: return "ok";
    case MR_ENOMEM: return "out of memory";
    case MR_EINVAL: return "invalid input";
    case MR_EIO: return "input/output error";
    case MR_EBUSY: return "busy";
    case MR_ESOLVER: return "solver failure";
    case MR_EINFEASIBLE: return "infeasible";
    default: return "unknown status";
    }
}
