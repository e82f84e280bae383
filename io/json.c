/* The growable text buffer and the JSON writer; see json.h. */
#include "json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"

/* --- buffer -------------------------------------------------------------- */

void mr_buf_init(mr_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void mr_buf_free(mr_buf *b)
{
    mr_free(b->data);
    mr_buf_init(b);
}

/* Makes room for n more bytes and the NUL. */
static int reserve(mr_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->oom)
        return MR_ENOMEM;
    need = b->len + n + 1;
    if (need <= b->cap)
        return MR_OK;
    cap = b->cap < 64 ? 64 : b->cap;
    while (cap < need)
        cap *= 2;
    if ((p = mr_realloc(b->data, cap)) == NULL) {
        b->oom = 1;
        return MR_ENOMEM;
    }
    b->data = p;
    b->cap = cap;
    return MR_OK;
}

int mr_buf_add(mr_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) != MR_OK)
        return MR_ENOMEM;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return MR_OK;
}

int mr_buf_puts(mr_buf *b, const char *s)
{
    return mr_buf_add(b, s, strlen(s));
}

int mr_buf_putc(mr_buf *b, char c)
{
    return mr_buf_add(b, &c, 1);
}

int mr_buf_printf(mr_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return MR_EINVAL;
    if (reserve(b, (size_t)n) != MR_OK)
        return MR_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return MR_OK;
}

int mr_buf_take(mr_buf *b, char **out)
{
    *out = NULL;
    if (b->oom || reserve(b, 0) != MR_OK) {
        mr_buf_free(b);
        return MR_ENOMEM;
    }
    b->data[b->len] = '\0';
    *out = b->data;
    mr_buf_init(b);
    return MR_OK;
}

/* --- numbers and strings ----------------------------------------------- */

void mr_json_format_number(double x, char *buf, size_t size)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "null");
        return;
    }
    if (x == 0)
        x = 0;                          /* no "-0" */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
}

int mr_json_escape(mr_buf *b, const char *s)
{
    static const char HEX[] = "0123456789abcdef";

    if (s == NULL)
        return mr_buf_puts(b, "null");
    mr_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':  mr_buf_puts(b, "\\\""); break;
        case '\\': mr_buf_puts(b, "\\\\"); break;
        case '\b': mr_buf_puts(b, "\\b"); break;
        case '\f': mr_buf_puts(b, "\\f"); break;
        case '\n': mr_buf_puts(b, "\\n"); break;
        case '\r': mr_buf_puts(b, "\\r"); break;
        case '\t': mr_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                char u[7] = {'\\', 'u', '0', '0', HEX[*p >> 4], HEX[*p & 15],
                             0};
                mr_buf_puts(b, u);
            } else {
                mr_buf_putc(b, (char)*p);
            }
        }
    }
    mr_buf_putc(b, '"');
    return b->oom ? MR_ENOMEM : MR_OK;
}

/* --- writer -------------------------------------------------------------- */

void mr_json_init(mr_json *j)
{
    memset(j, 0, sizeof *j);
    mr_buf_init(&j->buf);
}

void mr_json_free(mr_json *j)
{
    mr_buf_free(&j->buf);
    mr_json_init(j);
}

/* Writes the separator a new value or key needs at this depth. */
static void before_value(mr_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth == 0 && j->has_items[0])
        j->misuse = 1;                  /* a second top-level value */
    if (j->has_items[j->depth])
        mr_buf_puts(&j->buf, ", ");
    j->has_items[j->depth] = 1;
}

static void open_container(mr_json *j, char c)
{
    before_value(j);
    if (j->depth >= MR_JSON_MAX_DEPTH) {
        j->misuse = 1;
        return;
    }
    mr_buf_putc(&j->buf, c);
    j->has_items[++j->depth] = 0;
}

static void close_container(mr_json *j, char c)
{
    if (j->depth == 0 || j->after_key) {
        j->misuse = 1;
        return;
    }
    mr_buf_putc(&j->buf, c);
    j->depth--;
}

void mr_json_object_begin(mr_json *j) { open_container(j, '{'); }
void mr_json_object_end(mr_json *j)   { close_container(j, '}'); }
void mr_json_array_begin(mr_json *j)  { open_container(j, '['); }
void mr_json_array_end(mr_json *j)    { close_container(j, ']'); }

void mr_json_key(mr_json *j, const char *key)
{
    if (j->after_key || j->depth == 0) {
        j->misuse = 1;
        return;
    }
    before_value(j);
    mr_json_escape(&j->buf, key);
    mr_buf_puts(&j->buf, ": ");
    j->after_key = 1;
}

void mr_json_string(mr_json *j, const char *s)
{
    before_value(j);
    mr_json_escape(&j->buf, s);
}

void mr_json_number(mr_json *j, double x)
{
    char num[40];
    mr_json_format_number(x, num, sizeof num);
    before_value(j);
    mr_buf_puts(&j->buf, num);
}

void mr_json_int(mr_json *j, long long x)
{
    before_value(j);
    mr_buf_printf(&j->buf, "%lld", x);
}

void mr_json_bool(mr_json *j, int x)
{
    before_value(j);
    mr_buf_puts(&j->buf, x ? "true" : "false");
}

void mr_json_null(mr_json *j)
{
    before_value(j);
    mr_buf_puts(&j->buf, "null");
}

int mr_json_finish(mr_json *j, char **out)
{
    int rc;

    *out = NULL;
    if (j->misuse || j->depth != 0 || j->after_key || !j->has_items[0]) {
        mr_json_free(j);
        return MR_EINVAL;
    }
    rc = mr_buf_take(&j->buf, out);
    mr_json_init(j);
    return rc;
}
