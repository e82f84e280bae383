/* A growable text buffer and a tiny JSON writer on top of it.
 *
 * The buffer is what every exporter builds its files in (CSV, JSON, ...):
 * appends never fail loudly, they set a sticky `oom` flag instead, so a
 * writer can emit a whole document and check once at the end (the way sds
 * and Lua's luaL_Buffer are used). Memory comes from mr_malloc, so the
 * allocation-failure tests reach it.
 *
 * The JSON writer tracks commas for nested objects and arrays, escapes
 * strings (quotes, backslash, every control character) and writes numbers
 * in the shortest form that reads back to the same double; NaN and the
 * infinities, which JSON cannot express, are written as null. */
#ifndef MR_IO_JSON_H
#define MR_IO_JSON_H

#include <stddef.h>

/* A NUL-terminated growable string. data is NULL until the first append. */
typedef struct mr_buf {
    char  *data;
    size_t len, cap;
    int    oom;                /* an append failed; the text is incomplete */
} mr_buf;

void mr_buf_init(mr_buf *b);
void mr_buf_free(mr_buf *b);                  /* frees data; b may be reused */
/* Appends n bytes / a C string / printf text. On allocation failure sets
 * b->oom and leaves the text as it was. Return MR_OK or MR_ENOMEM. */
int  mr_buf_add(mr_buf *b, const char *s, size_t n);
int  mr_buf_puts(mr_buf *b, const char *s);
int  mr_buf_putc(mr_buf *b, char c);
int  mr_buf_printf(mr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the text over: *out is owned by the caller (free with mr_free) and
 * the buffer is left empty. An empty buffer gives "". Returns MR_ENOMEM
 * (and *out NULL, the buffer freed) when any earlier append failed. */
int  mr_buf_take(mr_buf *b, char **out);

/* Writes x in the shortest "%.*g" form (15 to 17 digits) that reads back to
 * x, into buf (at least 32 bytes). Non-finite x gives "null". Integers come
 * out without a decimal point ("120"). */
void mr_json_format_number(double x, char *buf, size_t size);

/* Appends s as a JSON string literal with quotes. NULL appends null. Bytes
 * >= 0x80 are copied as they are (the input is UTF-8). */
int  mr_json_escape(mr_buf *b, const char *s);

#define MR_JSON_MAX_DEPTH 32

/* A writer of one JSON document. Values and keys are separated by ", " and
 * ": ", as in the examples of SPEC.md section 7, all on one line. */
typedef struct mr_json {
    mr_buf        buf;
    int           depth;
    unsigned char has_items[MR_JSON_MAX_DEPTH + 1];
    int           after_key;   /* a key was written; its value comes next */
    int           misuse;      /* unbalanced or too deep: a programmer error */
} mr_json;

void mr_json_init(mr_json *j);
void mr_json_free(mr_json *j);                /* frees the text if not taken */
void mr_json_object_begin(mr_json *j);
void mr_json_object_end(mr_json *j);
void mr_json_array_begin(mr_json *j);
void mr_json_array_end(mr_json *j);
void mr_json_key(mr_json *j, const char *key);
void mr_json_string(mr_json *j, const char *s);   /* NULL writes null */
void mr_json_number(mr_json *j, double x);        /* non-finite writes null */
void mr_json_int(mr_json *j, long long x);
void mr_json_bool(mr_json *j, int x);
void mr_json_null(mr_json *j);
/* Ends the document and hands the text over (owned by the caller, free with
 * mr_free). Returns MR_ENOMEM when an append failed, MR_EINVAL when the
 * document is not complete (open containers, a key without a value); then
 * *out is NULL. The writer is left empty either way. */
int  mr_json_finish(mr_json *j, char **out);

#endif
