/* Helpers shared by the resolver's files; see resolve_util.h. */
#include "resolve_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

/* Lists of this many names or fewer are spelled out when an unknown id has
 * no close match, so the message says what was expected. */
#define LIST_AT_MOST 8

static void add(mr_rv *rv, int severity, mr_loc loc, const char *fmt,
                va_list ap)
{
    int before = rv->d->n;
    mr_diag_addv(rv->d, severity, mr_loc_file(rv->m, loc), loc.line, loc.col,
                 fmt, ap);
    if (rv->d->n == before)
        rv->oom = 1;
    if (severity == MR_ERROR)
        rv->n_errors++;
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

int mr_rv_names_build(mr_rv_names *t, const void *base, int n, size_t stride,
                      size_t off)
{
    t->n = 0;
    t->names = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *t->names);
    if (t->names == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < n; i++) {
        const char *el = (const char *)base + (size_t)i * stride;
        memcpy(&t->names[i], el + off, sizeof(char *));
    }
    t->n = n;
    return MR_OK;
}

void mr_rv_names_free(mr_rv_names *t)
{
    mr_free(t->names);
    t->names = NULL;
    t->n = 0;
}

int mr_rv_names_find(const mr_rv_names *t, const char *id)
{
    for (int i = 0; id != NULL && i < t->n; i++)
        if (t->names[i] != NULL && strcmp(t->names[i], id) == 0)
            return i;
    return -1;
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
    near = mr_suggest(r->id, t->names, t->n);
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

static const char *id_at(const void *base, int i, size_t stride, size_t off)
{
    const char *id;
    memcpy(&id, (const char *)base + (size_t)i * stride + off, sizeof id);
    return id;
}

static mr_loc loc_at(const void *base, int i, size_t stride, size_t off)
{
    mr_loc loc;
    memcpy(&loc, (const char *)base + (size_t)i * stride + off, sizeof loc);
    return loc;
}

void mr_rv_duplicates(mr_rv *rv, const void *base, int n, size_t stride,
                      size_t id_off, size_t loc_off, const char *what)
{
    char where[300];

    for (int i = 1; i < n; i++) {
        const char *id = id_at(base, i, stride, id_off);
        if (id == NULL)
            continue;
        for (int j = 0; j < i; j++) {
            const char *first = id_at(base, j, stride, id_off);
            mr_loc at;
            if (first == NULL || strcmp(first, id) != 0)
                continue;
            at = loc_at(base, i, stride, loc_off);
            mr_rv_place(rv, loc_at(base, j, stride, loc_off), at, where,
                        (int)sizeof where);
            mr_rv_error(rv, at, "duplicate %s id '%s' (first defined at %s)",
                        what, id, where);
            break;
        }
    }
}
