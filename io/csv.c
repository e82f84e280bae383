/* An RFC 4180 CSV reader with places for every field (see csv.h).
 *
 * A byte-at-a-time state machine: the input is small (a month's referrals)
 * and walking it once keeps line and column exact across quoted line
 * breaks. */
#include "csv.h"

#include <stdarg.h>
#include <string.h>

#include "alloc.h"
#include "model.h"

typedef struct parser {
    const char *buf;
    size_t      len, i;
    int         line;
    size_t      line_start;    /* offset of the current line's first byte */
    const char *file;
    mr_diags   *d;
    int         max_field;
    int         expected;      /* fields per record; -1 before the first */
    char       *fb;            /* the field being read */
    size_t      fn, fcap;
    mr_csv_record rec;
    int         cap_fields;
    int         bad;           /* the record had a problem */
    size_t      col_line;      /* col_at's last answer (col at col_off on */
    size_t      col_off;       /* the line starting at col_line; col 0: */
    int         col;           /* none), to go on from */
    int         n_errors;
} parser;

/* Limits against hostile files: errors reported (the rest are counted but
 * not stored) and records kept (a 4 MiB file of one-byte lines would
 * otherwise hold two million records). */
#define CSV_MAX_ERRORS  100
#define CSV_MAX_RECORDS 100000
#define CSV_MAX_FIELDS  1000        /* per record */

/* The column of off on the current line. Goes on from the last answer when
 * it can, so that a line of a million fields is not read a million times. */
static int col_at(parser *p, size_t off)
{
    size_t i = p->line_start;
    int col = 1;
    if (p->col > 0 && p->col_line == p->line_start && p->col_off <= off) {
        i = p->col_off;
        col = p->col;
    }
    for (; i < off && i < p->len; i++)
        col += ((unsigned char)p->buf[i] & 0xC0) != 0x80;
    p->col_line = p->line_start;
    p->col_off = off;
    p->col = col;
    return col;
}

static void report(parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    if (++p->n_errors > CSV_MAX_ERRORS) {
        if (p->n_errors == CSV_MAX_ERRORS + 1)
            mr_diag_add(p->d, MR_ERROR, p->file, line, col, "more than %d "
                        "errors in this file: the rest are not reported",
                        CSV_MAX_ERRORS);
        else
            p->d->n_errors++;   /* still counted, as callers compare counts */
        return;
    }
    va_start(ap, fmt);
    mr_diag_addv(p->d, MR_ERROR, p->file, line, col, fmt, ap);
    va_end(ap);
}

static void newline(parser *p, size_t next)
{
    p->line++;
    p->line_start = next;
}

static int put(parser *p, char ch)
{
    if (p->fn + 1 >= p->fcap) {
        size_t cap = p->fcap ? p->fcap * 2 : 64;
        char *b = mr_realloc(p->fb, cap);
        if (b == NULL)
            return MR_ENOMEM;
        p->fb = b;
        p->fcap = cap;
    }
    p->fb[p->fn++] = ch;
    return MR_OK;
}

static void free_record(mr_csv_record *r)
{
    for (int i = 0; i < r->n_fields; i++)
        mr_free(r->fields[i].text);
    mr_free(r->fields);
    memset(r, 0, sizeof *r);
}

void mr_csv_free(mr_csv *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n_records; i++)
        free_record(&c->records[i]);
    mr_free(c->records);
    mr_free(c);
}

/* Where the first invalid UTF-8 sequence starts, or len. */
static size_t utf8_invalid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, min = 0x10000;
        else
            return i;
        {
            unsigned cp = c & (0x3Fu >> n);
            for (size_t k = 1; k <= n; k++) {
                if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                    return i;
                cp = cp << 6 | (s[i + k] & 0x3Fu);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return i;
        }
        i += n + 1;
    }
    return len;
}

/* The first control character of the field (C0 but tab and line breaks,
 * DEL, C1), or -1: it could reach a terminal through a message. */
static long control_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
            || ch == 0x7F)
            return ch;
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80
            && (unsigned char)s[i + 1] <= 0x9F)
            return (unsigned char)s[i + 1];
    }
    return -1;
}

/* Ends the field being read: checks it and adds it to the record. */
static int end_field(parser *p, int line, int col)
{
    int k;
    size_t chars = 0;
    char *t;

    for (size_t i = 0; i < p->fn; i++)
        chars += ((unsigned char)p->fb[i] & 0xC0) != 0x80;
    if (p->max_field > 0 && chars > (size_t)p->max_field && !p->bad) {
        report(p, line, col, "field longer than %d characters",
               p->max_field);
        p->bad = 1;
    }
    if (!p->bad && control_char(p->fb, p->fn) >= 0) {
        report(p, line, col, "a control character (U+%04lX) in a field",
               (unsigned long)control_char(p->fb, p->fn));
        p->bad = 1;
    }
    if (p->rec.n_fields >= CSV_MAX_FIELDS) {   /* not kept: the record */
        if (!p->bad)                           /* is left out anyway */
            report(p, line, col, "more than %d fields in one record",
                   CSV_MAX_FIELDS);
        p->bad = 1;
        p->fn = 0;
        return MR_OK;
    }
    if ((t = mr_malloc(p->fn + 1)) == NULL)
        return MR_ENOMEM;
    if (p->fn > 0)              /* fb is NULL until a byte was read */
        memcpy(t, p->fb, p->fn);
    t[p->fn] = 0;
    p->fn = 0;
    if (mr_array_grow((void **)&p->rec.fields, &p->cap_fields,
                      p->rec.n_fields, sizeof *p->rec.fields) != MR_OK) {
        mr_free(t);
        return MR_ENOMEM;
    }
    k = p->rec.n_fields++;
    p->rec.fields[k].text = t;
    p->rec.fields[k].line = line;
    p->rec.fields[k].col = col;
    return MR_OK;
}

/* Reads a quoted field from the opening quote. Returns MR_OK, MR_ENOMEM,
 * or MR_EINVAL when the quote is never closed. */
static int quoted(parser *p, int line, int col)
{
    p->i++;
    for (;;) {
        char ch;
        if (p->i >= p->len) {
            report(p, line, col, "unterminated quoted field (no closing "
                   "'\"')");
            return MR_EINVAL;
        }
        ch = p->buf[p->i];
        if (ch == '"') {
            if (p->i + 1 < p->len && p->buf[p->i + 1] == '"') {
                if (put(p, '"') != MR_OK)
                    return MR_ENOMEM;
                p->i += 2;
                continue;
            }
            p->i++;
            break;
        }
        if (put(p, ch) != MR_OK)
            return MR_ENOMEM;
        p->i++;
        if (ch == '\n' || (ch == '\r' && (p->i >= p->len
                                          || p->buf[p->i] != '\n')))
            newline(p, p->i);
    }
    if (p->i < p->len && p->buf[p->i] != ',' && p->buf[p->i] != '\n'
        && p->buf[p->i] != '\r') {
        report(p, p->line, col_at(p, p->i), "unexpected text after a "
               "closing quote (a quoted field ends at its quote)");
        p->bad = 1;
        while (p->i < p->len && p->buf[p->i] != ',' && p->buf[p->i] != '\n'
               && p->buf[p->i] != '\r')
            p->i++;
    }
    return MR_OK;
}

static int unquoted(parser *p)
{
    int warned = 0;
    while (p->i < p->len && p->buf[p->i] != ',' && p->buf[p->i] != '\n'
           && p->buf[p->i] != '\r') {
        if (p->buf[p->i] == '"' && !warned) {
            report(p, p->line, col_at(p, p->i), "a quote inside an unquoted "
                   "field (quote the whole field and double the quote: "
                   "\"\")");
            p->bad = warned = 1;
        }
        if (put(p, p->buf[p->i]) != MR_OK)
            return MR_ENOMEM;
        p->i++;
    }
    return MR_OK;
}

/* Ends a record: checks its field count and keeps it unless bad. */
static int end_record(parser *p, mr_csv *out, int end_line, int end_col)
{
    int k;
    if (p->expected < 0)
        p->expected = p->rec.n_fields;
    else if (p->rec.n_fields != p->expected) {
        int line = end_line, col = end_col;
        if (p->rec.n_fields > p->expected) {
            line = p->rec.fields[p->expected].line;
            col = p->rec.fields[p->expected].col;
        }
        report(p, line, col, "expected %d fields, got %d", p->expected,
               p->rec.n_fields);
        p->bad = 1;
    }
    if (p->bad || MR_PUSH(out, records, &k) != MR_OK) {
        int oom = !p->bad;
        free_record(&p->rec);
        p->cap_fields = 0;
        p->bad = 0;
        return oom ? MR_ENOMEM : MR_OK;
    }
    out->records[k] = p->rec;
    memset(&p->rec, 0, sizeof p->rec);
    p->cap_fields = 0;
    return MR_OK;
}

static int parse(parser *p, mr_csv *out)
{
    int rc = MR_OK;
    while (p->i < p->len) {
        char ch = p->buf[p->i];
        if (ch == '\n' || ch == '\r') {             /* an empty line */
            p->i += ch == '\r' && p->i + 1 < p->len && p->buf[p->i + 1] == '\n'
                    ? 2 : 1;
            newline(p, p->i);
            continue;
        }
        if (out->n_records >= CSV_MAX_RECORDS) {
            report(p, p->line, 1, "more than %d records in one file",
                   CSV_MAX_RECORDS);
            return MR_OK;
        }
        p->rec.line = p->line;
        for (;;) {
            int line = p->line, col = col_at(p, p->i);
            if (p->i < p->len && p->buf[p->i] == '"')
                rc = quoted(p, line, col);
            else
                rc = unquoted(p);
            if (rc == MR_OK)
                rc = end_field(p, line, col);
            if (rc != MR_OK)
                return rc;
            if (p->i < p->len && p->buf[p->i] == ',') {
                p->i++;
                continue;
            }
            break;
        }
        {
            int end_line = p->line, end_col = col_at(p, p->i);
            if (p->i < p->len) {
                int crlf = p->buf[p->i] == '\r' && p->i + 1 < p->len
                           && p->buf[p->i + 1] == '\n';
                p->i += crlf ? 2 : 1;
                newline(p, p->i);
            }
            if ((rc = end_record(p, out, end_line, end_col)) != MR_OK)
                return rc;
        }
    }
    return MR_OK;
}

int mr_csv_parse(const char *buf, size_t len, const char *file, int max_field,
                 mr_csv **out, mr_diags *d)
{
    parser p;
    mr_csv *c;
    size_t bad;
    int rc;

    *out = NULL;
    if ((c = mr_calloc(1, sizeof *c)) == NULL)
        return MR_ENOMEM;
    memset(&p, 0, sizeof p);
    p.buf = buf;
    p.len = len;
    p.line = 1;
    p.file = file;
    p.d = d;
    p.max_field = max_field;
    p.expected = -1;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        p.i = p.line_start = 3;
    if ((bad = utf8_invalid((const unsigned char *)buf, len)) < len) {
        size_t i = p.i;
        while (i < bad) {
            if (buf[i] == '\n'
                || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
                newline(&p, i + 1);
            i++;
        }
        mr_diag_add(d, MR_ERROR, file, p.line, col_at(&p, bad),
                    "the file is not valid UTF-8 text");
        *out = c;
        return MR_OK;
    }
    rc = parse(&p, c);
    free_record(&p.rec);
    mr_free(p.fb);
    if (rc == MR_ENOMEM) {
        mr_csv_free(c);
        return MR_ENOMEM;
    }
    *out = c;                   /* MR_EINVAL (unterminated) keeps the rest */
    return MR_OK;
}
