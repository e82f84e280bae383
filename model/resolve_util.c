/* Helpers shared by the resolver's files; see resolve_util.h. */
#include "resolve_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* Lists of this many names or fewer are spelled out when an unknown id has
 * no close match, so the message says what was expected. */
#define LIST_AT_MOST 8
/* Tables of this many names or fewer get "did you mean" suggestions, for
 * the first SUGGEST_TIMES unknown references of a run. */
#define SUGGEST_AT_MOST 1000
#define SUGGEST_TIMES   50

static void add(mr_rv *rv, int severity, mr_loc loc, const char *fmt,
                va_list ap)
{
    int before = rv->d->n, k = severity == MR_ERROR ? 0 : 1;

    if (severity == MR_ERROR)
        rv->n_errors++;
    if (++rv->n_shown[k] > MR_RV_MAX_SHOWN) {
        if (rv->n_shown[k] == MR_RV_MAX_SHOWN + 1)
            mr_diag_add(rv->d, severity, mr_loc_file(rv->m, loc), loc.line,
                        loc.col, "more than %d %s: the rest are not reported",
                        MR_RV_MAX_SHOWN, k == 0 ? "errors" : "warnings");
        else if (k == 0)
            rv->d->n_errors++;  /* still counted, as the reports would be */
        return;
    }
    mr_diag_addv(rv->d, severity, mr_loc_file(rv->m, loc), loc.line, loc.col,
                 fmt, ap);
    if (rv->d->n == before)
        rv->oom = 1;
}

void mr_rv_error(mr_rv *rv, mr_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(rv, MR_ERROR, loc, fmt, ap);
    va_end(ap);
}

void mr_rv_warn(mr_rv *rv, mr_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(rv, MR_WARNING, loc, fmt, ap);
    va_end(ap);
}

static int cmp_entry(const void *a, const void *b)
{
    const mr_rv_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* The non-NULL char * at offset off of each of n elements, sorted by
 * (name, index) into new memory (*out; NULL when there are none). */
static int sort_names(const void *base, int n, size_t stride, size_t off,
                      mr_rv_entry **out, int *n_out)
{
    mr_rv_entry *e = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *e);
    int k = 0;

    *out = NULL;
    *n_out = 0;
    if (e == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < n; i++) {
        const char *name;
        memcpy(&name, (const char *)base + (size_t)i * stride + off,
               sizeof name);
        if (name != NULL) {
            e[k].name = name;
            e[k++].index = i;
        }
    }
    if (k > 1)
        qsort(e, (size_t)k, sizeof *e, cmp_entry);
    *out = e;
    *n_out = k;
    return MR_OK;
}

int mr_rv_names_build(mr_rv_names *t, const void *base, int n, size_t stride,
                      size_t off)
{
    t->n = 0;
    t->sorted = NULL;
    t->n_sorted = 0;
    t->names = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *t->names);
    if (t->names == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < n; i++) {
        const char *el = (const char *)base + (size_t)i * stride;
        memcpy(&t->names[i], el + off, sizeof(char *));
    }
    if (sort_names(base, n, stride, off, &t->sorted, &t->n_sorted)
        != MR_OK) {
        mr_free(t->names);
        t->names = NULL;
        return MR_ENOMEM;
    }
    t->n = n;
    return MR_OK;
}

void mr_rv_names_free(mr_rv_names *t)
{
    mr_free(t->names);
    mr_free(t->sorted);
    t->names = NULL;
    t->sorted = NULL;
    t->n = t->n_sorted = 0;
}

int mr_rv_names_find(const mr_rv_names *t, const char *id)
{
    int lo = 0, hi = t->n_sorted;     /* the first entry >= id */

    if (id == NULL)
        return -1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(t->sorted[mid].name, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n_sorted && strcmp(t->sorted[lo].name, id) == 0
               ? t->sorted[lo].index : -1;
}

/* "am, pm, eve" into buf, or "" when the list is empty or too long. */
static void spell_out(const mr_rv_names *t, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    if (t->n == 0 || t->n > LIST_AT_MOST)
        return;
    for (int i = 0; i < t->n && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                         t->names[i] ? t->names[i] : "");
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

int mr_rv_ref(mr_rv *rv, mr_ref *r, const mr_rv_names *t, const char *what)
{
    const char *near;
    char known[256];

    r->index = -1;
    if (r->id == NULL)
        return -1;
    r->index = mr_rv_names_find(t, r->id);
    if (r->index >= 0 || what == NULL)
        return r->index;
    /* a suggestion costs an edit distance per name (up to 63 x 63 steps):
     * bounded per run so that a hostile service's thousands of names and
     * unknown references cannot make validation slow */
    near = t->n <= SUGGEST_AT_MOST && rv->n_suggested++ < SUGGEST_TIMES
               ? mr_suggest(r->id, t->names, t->n) : NULL;
    spell_out(t, known, sizeof known);
    if (near != NULL)
        mr_rv_error(rv, r->loc, "unknown %s '%s' (did you mean '%s'?)", what,
                    r->id, near);
    else if (known[0] != 0)
        mr_rv_error(rv, r->loc, "unknown %s '%s' (expected one of: %s)", what,
                    r->id, known);
    else
        mr_rv_error(rv, r->loc, "unknown %s '%s'", what, r->id);
    return -1;
}

void mr_rv_place(const mr_rv *rv, mr_loc loc, mr_loc from, char *buf,
                 int size)
{
    const char *file = mr_loc_file(rv->m, loc);
    if (file == NULL)
        snprintf(buf, (size_t)size, "the defaults");
    else if (loc.file == from.file)
        snprintf(buf, (size_t)size, "line %d", loc.line);
    else
        snprintf(buf, (size_t)size, "%s:%d", file, loc.line);
}

static mr_loc loc_at(const void *base, int i, size_t stride, size_t off)
{
    mr_loc loc;
    memcpy(&loc, (const char *)base + (size_t)i * stride + off, sizeof loc);
    return loc;
}

int mr_rv_first_same(const void *base, int n, size_t stride, size_t id_off,
                     int **out)
{
    mr_rv_entry *e;
    int k;

    *out = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof **out);
    if (*out == NULL || sort_names(base, n, stride, id_off, &e, &k) != MR_OK) {
        mr_free(*out);
        *out = NULL;
        return MR_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        (*out)[i] = -1;
    for (int i = 1, first = 0; i < k; i++) {
        if (strcmp(e[i].name, e[first].name) != 0)
            first = i;
        else
            (*out)[e[i].index] = e[first].index;
    }
    mr_free(e);
    return MR_OK;
}

/* Sorted, so that a hostile file with 30000 entries is not n^2 compares:
 * in each run of equal ids the first is the earliest element. */
void mr_rv_duplicates(mr_rv *rv, const void *base, int n, size_t stride,
                      size_t id_off, size_t loc_off, const char *what)
{
    char where[300];
    mr_rv_entry *e;
    int k;

    if (sort_names(base, n, stride, id_off, &e, &k) != MR_OK) {
        rv->oom = 1;
        return;
    }
    for (int i = 1, first = 0; i < k; i++) {
        mr_loc at;
        if (strcmp(e[i].name, e[first].name) != 0) {
            first = i;
            continue;
        }
        at = loc_at(base, e[i].index, stride, loc_off);
        mr_rv_place(rv, loc_at(base, e[first].index, stride, loc_off), at,
                    where, (int)sizeof where);
        mr_rv_error(rv, at, "duplicate %s id '%s' (first defined at %s)",
                    what, e[i].name, where);
    }
    mr_free(e);
}
