/* YAML files as trees of nodes with their places, and the field readers the
 * schema readers share (see yaml_doc.h).
 *
 * libyaml's event parser, not its document loader: the loader would expand
 * aliases (a YAML bomb can make a tiny file huge) and hides where a problem
 * sits. Building the tree from events lets us refuse anchors, aliases, deep
 * nesting, long texts and too many nodes as soon as they appear. */
#include "yaml_doc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "alloc.h"
#include "date.h"

/* Characters (not bytes) of UTF-8 text. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* The 1-based line and column (in characters) of a byte offset. */
static void offset_place(const char *buf, size_t len, size_t off, int *line,
                         int *col)
{
    size_t start = 0;
    *line = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n'
            || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
            (*line)++;
            start = i + 1;
        }
    *col = (int)utf8_chars(buf + start, off - start) + 1;
}

/* The first control character of s (C0 but tab and line feed, DEL, C1),
 * or -1. Escapes in quoted text ("\e[31m") could otherwise reach a
 * terminal through messages that quote the text. */
static long control_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7F)
            return ch;
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80
            && (unsigned char)s[i + 1] <= 0x9F)
            return (unsigned char)s[i + 1];
    }
    return -1;
}

void io_ynode_free(io_ynode *n)
{
    if (n == NULL)
        return;
    for (int i = 0; i < n->n_items; i++)
        io_ynode_free(n->items[i]);
    mr_free(n->items);
    mr_free(n->text);
    mr_free(n);
}

typedef struct builder {
    io_ctx   *c;
    io_ynode *root;
    io_ynode *stack[IO_MAX_DEPTH];
    int       depth;
    int       n_nodes;
    int       n_docs;
    int       refused;     /* a limit was broken: no tree */
    int       stop;        /* cannot go on */
} builder;

static int attach(builder *b, io_ynode *n)
{
    io_ynode *p;
    if (b->depth == 0) {
        b->root = n;
        return MR_OK;
    }
    p = b->stack[b->depth - 1];
    if (MR_PUSH(p, items, &(int){0}) != MR_OK)
        return MR_ENOMEM;
    p->items[p->n_items - 1] = n;
    return MR_OK;
}

static int refuse_anchor(builder *b, const yaml_event_t *e,
                         const yaml_char_t *anchor)
{
    if (anchor == NULL)
        return 0;
    io_error(b->c, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
             "anchors and aliases are not supported (anchor '&%s')", anchor);
    b->refused = 1;
    return 1;
}

/* Adds the node of a scalar or collection start event. */
static int on_node(builder *b, const yaml_event_t *e)
{
    int line = (int)e->start_mark.line + 1, col = (int)e->start_mark.column + 1;
    io_ynode *n;

    if (++b->n_nodes > IO_MAX_NODES) {
        io_error(b->c, line, col, "more than %d YAML nodes in one file",
                 IO_MAX_NODES);
        b->refused = b->stop = 1;
        return MR_OK;
    }
    if (e->type != YAML_SCALAR_EVENT && b->depth == IO_MAX_DEPTH) {
        io_error(b->c, line, col, "nesting deeper than %d levels",
                 IO_MAX_DEPTH);
        b->refused = b->stop = 1;
        return MR_OK;
    }
    if ((n = mr_calloc(1, sizeof *n)) == NULL)
        return MR_ENOMEM;
    n->line = line;
    n->col = col;
    if (e->type == YAML_SCALAR_EVENT) {
        const char *v = (const char *)e->data.scalar.value;
        size_t len = e->data.scalar.length;
        n->kind = IO_YSCALAR;
        n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        refuse_anchor(b, e, e->data.scalar.anchor);
        if (utf8_chars(v, len) > IO_MAX_STRING) {
            io_error(b->c, line, col, "text longer than %d characters",
                     IO_MAX_STRING);
            b->refused = 1;
        } else if (memchr(v, 0, len) != NULL) {
            io_error(b->c, line, col, "text contains a NUL character");
            b->refused = 1;
        } else if (control_char(v, len) >= 0) {
            io_error(b->c, line, col, "text contains a control character "
                     "(U+%04lX)", (unsigned long)control_char(v, len));
            b->refused = 1;
        }
        if ((n->text = mr_malloc(len + 1)) == NULL) {
            mr_free(n);
            return MR_ENOMEM;
        }
        memcpy(n->text, v, len);
        n->text[len] = 0;
    } else if (e->type == YAML_SEQUENCE_START_EVENT) {
        n->kind = IO_YSEQ;
        refuse_anchor(b, e, e->data.sequence_start.anchor);
    } else {
        n->kind = IO_YMAP;
        refuse_anchor(b, e, e->data.mapping_start.anchor);
    }
    if (attach(b, n) != MR_OK) {
        io_ynode_free(n);
        return MR_ENOMEM;
    }
    if (n->kind != IO_YSCALAR)
        b->stack[b->depth++] = n;
    return MR_OK;
}

static void parse_error(builder *b, const yaml_parser_t *p, const char *buf,
                        size_t len)
{
    int line, col;
    if (p->error == YAML_MEMORY_ERROR)
        return;
    if (p->error == YAML_READER_ERROR) {
        offset_place(buf, len, p->problem_offset, &line, &col);
        io_error(b->c, line, col, "the file is not valid UTF-8 text (%s)",
                 p->problem ? p->problem : "bad byte");
        return;
    }
    line = (int)p->problem_mark.line + 1;
    col = (int)p->problem_mark.column + 1;
    if (p->context != NULL)
        io_error(b->c, line, col, "YAML syntax error: %s (%s at line %d)",
                 p->problem ? p->problem : "?", p->context,
                 (int)p->context_mark.line + 1);
    else
        io_error(b->c, line, col, "YAML syntax error: %s",
                 p->problem ? p->problem : "?");
}

int io_yaml_parse(io_ctx *c, const char *buf, size_t len, io_ynode **out)
{
    yaml_parser_t p;
    yaml_event_t e;
    builder b;
    int rc = MR_OK, done = 0;

    *out = NULL;
    memset(&b, 0, sizeof b);
    b.c = c;
    if (!yaml_parser_initialize(&p))
        return MR_ENOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    while (!done && !b.stop) {
        if (!yaml_parser_parse(&p, &e)) {
            if (p.error == YAML_MEMORY_ERROR)
                rc = MR_ENOMEM;
            parse_error(&b, &p, buf, len);
            b.refused = 1;
            break;
        }
        switch (e.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++b.n_docs > 1) {
                io_error(c, (int)e.start_mark.line + 1,
                         (int)e.start_mark.column + 1,
                         "more than one YAML document in the file");
                b.refused = b.stop = 1;
            }
            break;
        case YAML_ALIAS_EVENT:
            if (++b.n_nodes > IO_MAX_NODES) {   /* an alias flood */
                io_error(c, (int)e.start_mark.line + 1,
                         (int)e.start_mark.column + 1,
                         "more than %d YAML nodes in one file", IO_MAX_NODES);
                b.refused = b.stop = 1;
                break;
            }
            io_error(c, (int)e.start_mark.line + 1,
                     (int)e.start_mark.column + 1,
                     "anchors and aliases are not supported (alias '*%s')",
                     e.data.alias.anchor);
            b.refused = 1;
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            rc = on_node(&b, &e);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            b.depth--;
            break;
        default:
            break;
        }
        yaml_event_delete(&e);
        if (rc != MR_OK)
            break;
    }
    yaml_parser_delete(&p);
    if (rc != MR_OK || b.refused) {
        io_ynode_free(b.root);
        return rc != MR_OK ? rc : MR_EINVAL;
    }
    *out = b.root;
    return MR_OK;
}

/* --- field readers ------------------------------------------------------ */

int io_y_is_null(const io_ynode *n)
{
    return n != NULL && n->kind == IO_YSCALAR && n->plain
           && (n->text[0] == 0 || strcmp(n->text, "~") == 0
               || strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0
               || strcmp(n->text, "NULL") == 0);
}

const char *io_ykind_name(const io_ynode *n)
{
    if (n == NULL || io_y_is_null(n))
        return "nothing";
    return n->kind == IO_YMAP ? "a mapping"
           : n->kind == IO_YSEQ ? "a sequence" : "text";
}

/* Appends "a, b, c" of a NULL-terminated list to buf. */
static void join(char *buf, size_t size, const char *const *names, int n)
{
    size_t k = strlen(buf);
    for (int i = 0; (n < 0 ? names[i] != NULL : i < n) && k < size; i++) {
        snprintf(buf + k, size - k, "%s%s", i ? ", " : "", names[i]);
        k += strlen(buf + k);
    }
}

static int count(const char *const *names)
{
    int n = 0;
    while (names != NULL && names[n] != NULL)
        n++;
    return n;
}

int io_y_map(io_ctx *c, const io_ynode *n, const char *what,
             const char *const *allowed, const char *const *required)
{
    int n_allowed = count(allowed);

    if (n == NULL || n->kind != IO_YMAP) {
        io_error(c, n ? n->line : 0, n ? n->col : 0,
                 "expected a mapping for %s, got %s", what, io_ykind_name(n));
        return 0;
    }
    for (int i = 0; i < n->n_items; i += 2) {
        const io_ynode *k = n->items[i];
        int known = 0;
        if (k->kind != IO_YSCALAR) {
            io_error(c, k->line, k->col, "expected a key in %s, got %s",
                     what, io_ykind_name(k));
            continue;
        }
        for (int j = 0; j < n_allowed && !known; j++)
            known = strcmp(k->text, allowed[j]) == 0;
        if (!known) {
            char list[512] = "";
            const char *s = io_quiet(c) ? NULL
                            : mr_suggest(k->text, allowed, n_allowed);
            join(list, sizeof list, allowed, n_allowed);
            if (s != NULL)
                io_error(c, k->line, k->col, "unknown key '%s' in %s (did you "
                         "mean '%s'? allowed: %s)", k->text, what, s, list);
            else
                io_error(c, k->line, k->col,
                         "unknown key '%s' in %s (allowed: %s)", k->text, what,
                         list);
            continue;
        }
        for (int j = 0; j < i; j += 2)
            if (n->items[j]->kind == IO_YSCALAR
                && strcmp(n->items[j]->text, k->text) == 0) {
                io_error(c, k->line, k->col, "duplicate key '%s' in %s "
                         "(first at line %d)", k->text, what,
                         n->items[j]->line);
                break;
            }
    }
    for (int j = 0; required != NULL && required[j] != NULL; j++) {
        const io_ynode *k = io_y_key(n, required[j]);
        if (k == NULL)
            io_error(c, n->line, n->col, "missing required key '%s' in %s",
                     required[j], what);
        else if (io_y_get(n, required[j]) == NULL)
            io_error(c, k->line, k->col, "missing value for required key "
                     "'%s' in %s", required[j], what);
    }
    return 1;
}

const io_ynode *io_y_key(const io_ynode *map, const char *key)
{
    if (map == NULL || map->kind != IO_YMAP)
        return NULL;
    for (int i = 0; i + 1 < map->n_items; i += 2)
        if (map->items[i]->kind == IO_YSCALAR
            && strcmp(map->items[i]->text, key) == 0)
            return map->items[i];
    return NULL;
}

const io_ynode *io_y_get(const io_ynode *map, const char *key)
{
    if (map == NULL || map->kind != IO_YMAP)
        return NULL;
    for (int i = 0; i + 1 < map->n_items; i += 2)
        if (map->items[i]->kind == IO_YSCALAR
            && strcmp(map->items[i]->text, key) == 0)
            return io_y_is_null(map->items[i + 1]) ? NULL : map->items[i + 1];
    return NULL;
}

/* The scalar text of v, or NULL after reporting that text was expected. */
static const char *scalar(io_ctx *c, const io_ynode *v, const char *expected,
                          const char *what)
{
    if (v->kind == IO_YSCALAR)
        return v->text;
    io_error(c, v->line, v->col, "expected %s for '%s', got %s", expected,
             what, io_ykind_name(v));
    return NULL;
}

int io_y_str(io_ctx *c, const io_ynode *map, const char *key, const char **out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "text", key)) == NULL)
        return -1;
    *out = s;
    return 1;
}

static int id_ok(const char *s, int kind)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '-' || (kind == IO_NAME && *s == '_')))
            return 0;
    return 1;
}

int io_yv_id(io_ctx *c, const io_ynode *v, const char *what, int kind,
             const char **out)
{
    const char *s = scalar(c, v, "an id", what);
    if (s == NULL)
        return -1;
    if (!id_ok(s, kind)) {
        io_error(c, v->line, v->col, "invalid id '%s' for '%s' (expected "
                 "lower-case letters, digits%s and '-', starting with a "
                 "letter or digit)", s, what, kind == IO_NAME ? ", '_'" : "");
        return -1;
    }
    *out = s;
    return 1;
}

int io_y_id(io_ctx *c, const io_ynode *map, const char *key, int kind,
            const char **out)
{
    const io_ynode *v = io_y_get(map, key);
    return v == NULL ? 0 : io_yv_id(c, v, key, kind, out);
}

/* Strict decimal numbers: [+-]digits[.digits][e[+-]digits]. YAML's own
 * spellings (.inf, .nan, 0x1F, 1_000) are refused on purpose. */
static int number_ok(const char *s, int integer)
{
    int digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    while (*s >= '0' && *s <= '9')
        s++, digits++;
    if (integer)
        return digits > 0 && *s == 0;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9')
            s++, digits++;
    }
    if (digits == 0)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == 0;
}

int io_y_int(io_ctx *c, const io_ynode *map, const char *key, long lo,
             long hi, int *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    long x;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "an integer", key)) == NULL)
        return -1;
    if (!number_ok(s, 1)) {
        io_error(c, v->line, v->col, "expected %s for '%s', got '%s'",
                 number_ok(s, 0) ? "a whole number" : "an integer", key, s);
        return -1;
    }
    errno = 0;
    x = strtol(s, NULL, 10);
    if (errno != 0 || x < lo || x > hi) {
        io_error(c, v->line, v->col, "'%s' must be between %ld and %ld, "
                 "got %s", key, lo, hi, s);
        return -1;
    }
    *out = (int)x;
    return 1;
}

int io_y_num(io_ctx *c, const io_ynode *map, const char *key, double lo,
             double hi, double *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    double x;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "a number", key)) == NULL)
        return -1;
    if (!number_ok(s, 0)) {
        io_error(c, v->line, v->col, "expected a number for '%s', got '%s'",
                 key, s);
        return -1;
    }
    x = strtod(s, NULL);
    if (!isfinite(x) || x < lo || x > hi) {
        io_error(c, v->line, v->col, "'%s' must be between %g and %g, got %s",
                 key, lo, hi, s);
        return -1;
    }
    *out = x;
    return 1;
}

int io_y_bool(io_ctx *c, const io_ynode *map, const char *key, int *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "true or false", key)) == NULL)
        return -1;
    if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
        *out = s[0] == 't';
        return 1;
    }
    io_error(c, v->line, v->col, "expected true or false for '%s', got '%s'",
             key, s);
    return -1;
}

int io_y_date(io_ctx *c, const io_ynode *map, const char *key, int *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "a date (YYYY-MM-DD)", key)) == NULL)
        return -1;
    if (mr_date_parse(s, out) == 0)
        return 1;
    io_error(c, v->line, v->col, "expected a date (YYYY-MM-DD) for '%s', "
             "got '%s'", key, s);
    return -1;
}

int io_y_time(io_ctx *c, const io_ynode *map, const char *key, int *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    if (v == NULL)
        return 0;
    if ((s = scalar(c, v, "a time (HH:MM)", key)) == NULL)
        return -1;
    if (mr_time_parse(s, out) == 0)
        return 1;
    io_error(c, v->line, v->col, "expected a time (\"HH:MM\", 24-hour) for "
             "'%s', got '%s'", key, s);
    return -1;
}

static int weekday_item(io_ctx *c, const io_ynode *v, const char *what,
                        unsigned *mask)
{
    static const char *const DAYS[] = {
        "mon", "tue", "wed", "thu", "fri", "sat", "sun"
    };
    const char *s = scalar(c, v, "a weekday", what);
    const char *hint;
    if (s == NULL)
        return -1;
    if (mr_weekdays_parse(s, mask) == 0)
        return 1;
    if (!io_quiet(c) && (hint = mr_suggest(s, DAYS, 7)) != NULL)
        io_error(c, v->line, v->col, "expected a weekday (mon..sun) or a "
                 "range such as mon-fri for '%s', got '%s' (did you mean "
                 "'%s'?)", what, s, hint);
    else
        io_error(c, v->line, v->col, "expected a weekday (mon..sun) or a "
                 "range such as mon-fri for '%s', got '%s'", what, s);
    return -1;
}

int io_yv_weekdays(io_ctx *c, const io_ynode *v, const char *what,
                   unsigned *out)
{
    unsigned mask = 0, one;
    int bad = 0;
    if (v->kind != IO_YSEQ) {
        if (weekday_item(c, v, what, &one) < 0)
            return -1;
        *out = one;
        return 1;
    }
    if (v->n_items == 0) {
        io_error(c, v->line, v->col, "expected at least one weekday for '%s'",
                 what);
        return -1;
    }
    for (int i = 0; i < v->n_items; i++) {
        if (weekday_item(c, v->items[i], what, &one) < 0)
            bad = 1;
        else
            mask |= one;
    }
    if (bad)
        return -1;
    *out = mask;
    return 1;
}

int io_y_weekdays(io_ctx *c, const io_ynode *map, const char *key,
                  unsigned *out)
{
    const io_ynode *v = io_y_get(map, key);
    return v == NULL ? 0 : io_yv_weekdays(c, v, key, out);
}

int io_yv_enum(io_ctx *c, const io_ynode *v, const char *what,
               const char *const *names, int n, int *out)
{
    const char *s = scalar(c, v, "a name", what);
    const char *hint;
    char list[256] = "";
    if (s == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 1;
        }
    join(list, sizeof list, names, n);
    if (!io_quiet(c) && (hint = mr_suggest(s, names, n)) != NULL)
        io_error(c, v->line, v->col, "unknown %s '%s' (did you mean '%s'? "
                 "allowed: %s)", what, s, hint, list);
    else
        io_error(c, v->line, v->col, "unknown %s '%s' (allowed: %s)", what, s,
                 list);
    return -1;
}

int io_y_enum(io_ctx *c, const io_ynode *map, const char *key,
              const char *const *names, int n, int *out)
{
    const io_ynode *v = io_y_get(map, key);
    return v == NULL ? 0 : io_yv_enum(c, v, key, names, n, out);
}

int io_y_ref(io_ctx *c, const io_ynode *map, const char *key, int kind,
             mr_ref *out)
{
    const io_ynode *v = io_y_get(map, key);
    const char *s;
    int r;
    if (v == NULL)
        return 0;
    if ((r = io_yv_id(c, v, key, kind, &s)) < 0)
        return r;
    if (mr_ref_set(out, s, io_loc(c, v->line, v->col)) != MR_OK) {
        c->oom = 1;
        return 0;
    }
    return 1;
}

int io_y_ref_list(io_ctx *c, const io_ynode *map, const char *key, int kind,
                  mr_ref_list *out)
{
    const io_ynode *v = io_y_get(map, key);
    const io_ynode *one[1];
    const io_ynode *const *items = one;
    int n = 1, bad = 0;

    if (v == NULL)
        return 0;
    if (v->kind == IO_YSEQ) {
        items = (const io_ynode *const *)v->items;
        n = v->n_items;
    } else if (v->kind == IO_YSCALAR) {
        one[0] = v;
    } else {
        io_error(c, v->line, v->col, "expected a sequence of ids for '%s', "
                 "got %s", key, io_ykind_name(v));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *s;
        if (io_yv_id(c, items[i], key, kind, &s) < 0) {
            bad = 1;
            continue;
        }
        if (mr_ref_list_add(out, s, io_loc(c, items[i]->line, items[i]->col))
            != MR_OK)
            c->oom = 1;
    }
    return bad ? -1 : 1;
}

int io_y_seq(io_ctx *c, const io_ynode *map, const char *key,
             const io_ynode **out)
{
    const io_ynode *v = io_y_get(map, key);
    if (v == NULL)
        return 0;
    if (v->kind != IO_YSEQ) {
        io_error(c, v->line, v->col, "expected a sequence for '%s', got %s",
                 key, io_ykind_name(v));
        return -1;
    }
    *out = v;
    return 1;
}
