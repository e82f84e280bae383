/* Reader of Curtois-Qu instance files (InstanceN.txt).
 *
 * The file is split into lines first (CR stripped, so CRLF and LF both
 * work) and each line tagged with its section; the sections are then read
 * in dependency order (horizon, shifts, staff, the rest), because the sizes
 * of the instance are only known once the shift and staff sections have
 * been counted, and forbidden-succession lists may name shifts defined
 * further down. Every problem becomes a diagnostic with its line and column
 * and reading goes on, so one run reports them all. */
#include "nrp_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

enum { S_HORIZON, S_SHIFTS, S_STAFF, S_DAYS_OFF, S_ON, S_OFF, S_COVER,
       N_SECTIONS };

static const char *const SECTION_NAMES[N_SECTIONS] = {
    "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
};

#define MAX_NUMBER 1000000000

typedef struct line {
    const char *s;
    int len, no, sec;
} line;

typedef struct field {
    const char *s;
    int len, col;
} field;

typedef struct ctx {
    const char *name;
    mr_diags   *diags;
    mr_nrp     *p;
    line       *lines;
    int         n_lines;
    field      *f, *g;          /* two split buffers of max_fields each */
    int         max_fields;
    int         header[N_SECTIONS];   /* line number of each header, 0 */
    int         n_errors;
} ctx;

static void err(ctx *c, int line_no, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void err(ctx *c, int line_no, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mr_diag_addv(c->diags, MR_ERROR, c->name, line_no, col, fmt, ap);
    va_end(ap);
    c->n_errors++;
}

/* Splits s[0..len) at sep into at most max fields; col0 is the column of
 * s[0]. Returns the number of fields (which may exceed max). */
static int split(const char *s, int len, int col0, char sep, field *f,
                 int max)
{
    int n = 0, a = 0;
    for (int i = 0; i <= len; i++)
        if (i == len || s[i] == sep) {
            if (n < max) {
                f[n].s = s + a;
                f[n].len = i - a;
                f[n].col = col0 + a;
            }
            n++;
            a = i + 1;
        }
    return n;
}

/* A non-negative integer field; -1 (and a diagnostic) otherwise. "-0" is
 * read as 0: Instance15 writes two cover requirements that way. */
static int number(ctx *c, int line_no, const field *f, const char *what)
{
    long v = 0;
    field z = *f;
    if (f->len >= 2 && f->s[0] == '-' && strspn(f->s + 1, "0") ==
                                             (size_t)f->len - 1)
        return 0;
    f = &z;
    if (f->len == 0) {
        err(c, line_no, f->col, "%s: expected a non-negative integer, got "
            "nothing", what);
        return -1;
    }
    for (int i = 0; i < f->len; i++) {
        if (f->s[i] < '0' || f->s[i] > '9' || v > MAX_NUMBER) {
            err(c, line_no, f->col, "%s: expected a non-negative integer, "
                "got '%.*s'", what, f->len, f->s);
            return -1;
        }
        v = 10 * v + (f->s[i] - '0');
    }
    if (v > MAX_NUMBER) {
        err(c, line_no, f->col, "%s: %.*s is too large", what, f->len, f->s);
        return -1;
    }
    return (int)v;
}

static int is_id(const field *f)
{
    if (f->len == 0)
        return 0;
    for (int i = 0; i < f->len; i++) {
        char ch = f->s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_'))
            return 0;
    }
    return 1;
}

static int find(char *const *ids, int n, const field *f)
{
    for (int i = 0; i < n; i++)
        if (ids[i] != NULL && (int)strlen(ids[i]) == f->len &&
            memcmp(ids[i], f->s, (size_t)f->len) == 0)
            return i;
    return -1;
}

static int shift_of(ctx *c, int line_no, const field *f)
{
    int t = find(c->p->shift_ids, c->p->n_shifts, f);
    if (t < 0)
        err(c, line_no, f->col, "unknown shift '%.*s'", f->len, f->s);
    return t;
}

static int staff_of(ctx *c, int line_no, const field *f)
{
    int e = find(c->p->staff_ids, c->p->n_staff, f);
    if (e < 0)
        err(c, line_no, f->col, "unknown employee '%.*s'", f->len, f->s);
    return e;
}

static int day_of(ctx *c, int line_no, const field *f)
{
    int d = number(c, line_no, f, "day");
    if (d >= c->p->n_days) {
        err(c, line_no, f->col, "day %d is outside the horizon 0..%d", d,
            c->p->n_days - 1);
        return -1;
    }
    return d;
}

/* Splits a data line into c->f and checks the field count: exactly want,
 * or at least want when at_least. Returns the count, or -1. */
static int fields(ctx *c, const line *l, int want, int at_least,
                  const char *what)
{
    int n = split(l->s, l->len, 1, ',', c->f, c->max_fields);
    if (n > c->max_fields || (at_least ? n < want : n != want)) {
        err(c, l->no, 1, "%s: expected %s%d fields, found %d", what,
            at_least ? "at least " : "", want, n);
        return -1;
    }
    return n;
}

static char *copy_id(ctx *c, const field *f)
{
    char *s = mr_malloc((size_t)f->len + 1);
    (void)c;
    if (s != NULL) {
        memcpy(s, f->s, (size_t)f->len);
        s[f->len] = '\0';
    }
    return s;
}

/* The first pass: lines, sections, counts. */
static int scan(ctx *c, const char *text, size_t len)
{
    int sec = -1, no = 0, n = 0, maxlen = 0;
    size_t i = 0, n_lines = 1;

    for (size_t k = 0; k < len; k++)
        n_lines += text[k] == '\n';
    if ((c->lines = mr_calloc(n_lines, sizeof *c->lines)) == NULL)
        return MR_ENOMEM;
    while (i < len) {
        size_t a = i, b;
        while (i < len && text[i] != '\n')
            i++;
        b = i;
        if (i < len)
            i++;
        no++;
        while (b > a && (text[b - 1] == '\r' || text[b - 1] == ' ' ||
                         text[b - 1] == '\t'))
            b--;
        size_t s = a;
        while (s < b && (text[s] == ' ' || text[s] == '\t'))
            s++;
        if (s == b || text[s] == '#')
            continue;
        if (b - a > (size_t)MAX_NUMBER) {
            err(c, no, 1, "line too long");
            continue;
        }
        if (b - s > 8 && memcmp(text + s, "SECTION_", 8) == 0) {
            sec = -1;
            for (int k = 0; k < N_SECTIONS; k++)
                if (b - s == strlen(SECTION_NAMES[k]) &&
                    memcmp(text + s, SECTION_NAMES[k], b - s) == 0)
                    sec = k;
            if (sec < 0)
                err(c, no, (int)(s - a) + 1, "unknown section '%.*s'",
                    (int)(b - s), text + s);
            else if (c->header[sec] != 0) {
                err(c, no, 1, "%s repeated (first on line %d)",
                    SECTION_NAMES[sec], c->header[sec]);
                sec = -2;
            } else
                c->header[sec] = no;
            if (sec < 0)
                sec = -2;          /* skip its lines quietly */
            continue;
        }
        if (sec == -1) {
            err(c, no, 1, "data before the first SECTION_ header");
            sec = -2;
        }
        if (sec < 0)
            continue;
        c->lines[n].s = text + a;
        c->lines[n].len = (int)(b - a);
        c->lines[n].no = no;
        c->lines[n].sec = sec;
        if ((int)(b - a) > maxlen)
            maxlen = (int)(b - a);
        n++;
    }
    c->n_lines = n;
    c->max_fields = maxlen + 2;
    c->f = mr_calloc((size_t)c->max_fields, sizeof *c->f);
    c->g = mr_calloc((size_t)c->max_fields, sizeof *c->g);
    if (c->f == NULL || c->g == NULL)
        return MR_ENOMEM;
    for (int k = 0; k < N_SECTIONS; k++)
        if (c->header[k] == 0 && (k == S_HORIZON || k == S_SHIFTS ||
                                  k == S_STAFF || k == S_COVER))
            err(c, 0, 0, "%s is missing", SECTION_NAMES[k]);
    return MR_OK;
}

static int count_lines(const ctx *c, int sec)
{
    int n = 0;
    for (int i = 0; i < c->n_lines; i++)
        n += c->lines[i].sec == sec;
    return n;
}

static int read_horizon(ctx *c)
{
    int h = -1, seen = 0;
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_HORIZON)
            continue;
        if (seen++) {
            err(c, l->no, 1, "SECTION_HORIZON holds more than one line");
            continue;
        }
        if (fields(c, l, 1, 0, "horizon") < 0)
            continue;
        h = number(c, l->no, &c->f[0], "horizon");
        if (h == 0) {
            err(c, l->no, 1, "the horizon must be at least one day");
            h = -1;
        }
    }
    if (c->header[S_HORIZON] != 0 && !seen)
        err(c, c->header[S_HORIZON], 1, "SECTION_HORIZON is empty");
    return h;
}

static int read_shifts(ctx *c)
{
    mr_nrp *p = c->p;
    int t = 0;
    /* ids and lengths first: forbidden lists may name later shifts */
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_SHIFTS)
            continue;
        int k = t++;
        int n = split(l->s, l->len, 1, ',', c->f, c->max_fields);
        if (n < 2 || n > 3) {
            err(c, l->no, 1, "shift: expected 3 fields (ID, length, "
                "forbidden), found %d", n);
            continue;
        }
        if (!is_id(&c->f[0])) {
            err(c, l->no, 1, "shift: '%.*s' is not an id", c->f[0].len,
                c->f[0].s);
            continue;
        }
        if (find(p->shift_ids, k, &c->f[0]) >= 0) {
            err(c, l->no, 1, "shift '%.*s' defined twice", c->f[0].len,
                c->f[0].s);
            continue;
        }
        if ((p->shift_ids[k] = copy_id(c, &c->f[0])) == NULL)
            return MR_ENOMEM;
        p->shift_len[k] = number(c, l->no, &c->f[1], "shift length");
    }
    t = 0;
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_SHIFTS)
            continue;
        int k = t++;
        int n = split(l->s, l->len, 1, ',', c->f, c->max_fields);
        if (n != 3 || c->f[2].len == 0 || p->shift_ids[k] == NULL)
            continue;
        field list = c->f[2];
        int m = split(list.s, list.len, list.col, '|', c->g, c->max_fields);
        for (int j = 0; j < m && j < c->max_fields; j++) {
            int u = shift_of(c, l->no, &c->g[j]);
            if (u >= 0)
                p->forbid[(size_t)k * p->n_shifts + u] = 1;
        }
    }
    return MR_OK;
}

static void read_max_shifts(ctx *c, const line *l, int e, const field *f)
{
    mr_nrp *p = c->p;
    int T = p->n_shifts;
    int m = split(f->s, f->len, f->col, '|', c->g, c->max_fields);
    unsigned char seen[MR_NRP_MAX_TYPES] = {0};

    for (int j = 0; j < m && j < c->max_fields; j++) {
        field kv = c->g[j], key, val;
        const char *eq = memchr(kv.s, '=', (size_t)kv.len);
        if (eq == NULL) {
            err(c, l->no, kv.col, "MaxShifts: expected ShiftID=limit, got "
                "'%.*s'", kv.len, kv.s);
            continue;
        }
        key.s = kv.s;
        key.len = (int)(eq - kv.s);
        key.col = kv.col;
        val.s = eq + 1;
        val.len = kv.len - key.len - 1;
        val.col = kv.col + key.len + 1;
        int t = shift_of(c, l->no, &key);
        int v = number(c, l->no, &val, "MaxShifts limit");
        if (t < 0 || v < 0)
            continue;
        if (seen[t]++)
            err(c, l->no, kv.col, "MaxShifts names shift '%s' twice",
                p->shift_ids[t]);
        p->max_shifts[(size_t)e * T + t] = v;
    }
    for (int t = 0; t < T; t++)
        if (!seen[t] && p->shift_ids[t] != NULL)
            err(c, l->no, f->col, "MaxShifts gives no limit for shift '%s'",
                p->shift_ids[t]);
}

static int read_staff(ctx *c)
{
    mr_nrp *p = c->p;
    int e = 0;
    static const char *const what[8] = {
        "ID", "MaxShifts", "MaxTotalMinutes", "MinTotalMinutes",
        "MaxConsecutiveShifts", "MinConsecutiveShifts",
        "MinConsecutiveDaysOff", "MaxWeekends",
    };
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_STAFF)
            continue;
        int k = e++, v[8];
        if (fields(c, l, 8, 0, "employee") < 0)
            continue;
        if (!is_id(&c->f[0])) {
            err(c, l->no, 1, "employee: '%.*s' is not an id", c->f[0].len,
                c->f[0].s);
            continue;
        }
        if (find(p->staff_ids, k, &c->f[0]) >= 0) {
            err(c, l->no, 1, "employee '%.*s' defined twice", c->f[0].len,
                c->f[0].s);
            continue;
        }
        if ((p->staff_ids[k] = copy_id(c, &c->f[0])) == NULL)
            return MR_ENOMEM;
        for (int j = 2; j < 8; j++)
            v[j] = number(c, l->no, &c->f[j], what[j]);
        p->max_minutes[k] = v[2];
        p->min_minutes[k] = v[3];
        p->max_consec[k] = v[4];
        p->min_consec[k] = v[5];
        p->min_off[k] = v[6];
        p->max_weekends[k] = v[7];
        read_max_shifts(c, l, k, &c->f[1]);
    }
    return MR_OK;
}

static void read_days_off(ctx *c)
{
    mr_nrp *p = c->p;
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_DAYS_OFF)
            continue;
        int n = fields(c, l, 1, 1, "days off");
        if (n < 0)
            continue;
        int e = staff_of(c, l->no, &c->f[0]);
        for (int j = 1; j < n; j++) {
            int d = day_of(c, l->no, &c->f[j]);
            if (e >= 0 && d >= 0)
                p->day_off[(size_t)e * p->n_days + d] = 1;
        }
    }
}

static int read_requests(ctx *c, int sec)
{
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != sec)
            continue;
        if (fields(c, l, 4, 0, sec == S_ON ? "shift-on request"
                                           : "shift-off request") < 0)
            continue;
        int e = staff_of(c, l->no, &c->f[0]);
        int d = day_of(c, l->no, &c->f[1]);
        int t = shift_of(c, l->no, &c->f[2]);
        int w = number(c, l->no, &c->f[3], "weight");
        if (e < 0 || d < 0 || t < 0 || w < 0)
            continue;
        if (mr_nrp_add_request(c->p, sec == S_ON, e, d, t, w) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

static int read_cover(ctx *c)
{
    mr_nrp *p = c->p;
    int T = p->n_shifts, h = p->n_days;
    unsigned char *seen = mr_calloc((size_t)h * T, 1);

    if (seen == NULL)
        return MR_ENOMEM;
    for (int i = 0; i < c->n_lines; i++) {
        const line *l = &c->lines[i];
        if (l->sec != S_COVER)
            continue;
        if (fields(c, l, 5, 0, "cover") < 0)
            continue;
        int d = day_of(c, l->no, &c->f[0]);
        int t = shift_of(c, l->no, &c->f[1]);
        int r = number(c, l->no, &c->f[2], "requirement");
        int wu = number(c, l->no, &c->f[3], "weight for under");
        int wo = number(c, l->no, &c->f[4], "weight for over");
        if (d < 0 || t < 0 || r < 0 || wu < 0 || wo < 0)
            continue;
        size_t k = (size_t)d * T + t;
        if (seen[k]++) {
            err(c, l->no, 1, "cover for day %d shift '%s' given twice", d,
                p->shift_ids[t]);
            continue;
        }
        p->cover_req[k] = r;
        p->cover_under[k] = wu;
        p->cover_over[k] = wo;
    }
    /* a missing pair would silently drop a penalty term: refuse it */
    int missing = 0, first = -1;
    for (int k = 0; k < h * T; k++)
        if (!seen[k] && p->shift_ids[k % T] != NULL && missing++ == 0)
            first = k;
    if (missing > 0)
        err(c, c->header[S_COVER], 1, "no cover line for day %d shift '%s'"
            " (%d pairs missing)", first / T, p->shift_ids[first % T],
            missing);
    mr_free(seen);
    return MR_OK;
}

int mr_nrp_parse(const char *text, size_t len, const char *name,
                 mr_nrp **out, mr_diags *diags)
{
    ctx c;
    int rc, h, T, E;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.diags = diags;
    if ((rc = scan(&c, text, len)) != MR_OK)
        goto done;
    h = read_horizon(&c);
    T = count_lines(&c, S_SHIFTS);
    E = count_lines(&c, S_STAFF);
    if (c.header[S_SHIFTS] != 0 && T == 0)
        err(&c, c.header[S_SHIFTS], 1, "SECTION_SHIFTS is empty");
    if (c.header[S_STAFF] != 0 && E == 0)
        err(&c, c.header[S_STAFF], 1, "SECTION_STAFF is empty");
    if (T > MR_NRP_MAX_TYPES)
        err(&c, c.header[S_SHIFTS], 1, "%d shift types; at most %d are "
            "supported", T, MR_NRP_MAX_TYPES);
    rc = MR_EINVAL;
    if (h < 1 || T < 1 || E < 1 || T > MR_NRP_MAX_TYPES)
        goto done;
    if ((rc = mr_nrp_new(h, T, E, &c.p)) != MR_OK)
        goto done;
    if ((rc = read_shifts(&c)) != MR_OK || (rc = read_staff(&c)) != MR_OK)
        goto done;
    read_days_off(&c);
    if ((rc = read_requests(&c, S_ON)) != MR_OK ||
        (rc = read_requests(&c, S_OFF)) != MR_OK ||
        (rc = read_cover(&c)) != MR_OK)
        goto done;
    if (c.n_errors > 0 || diags->oom) {
        rc = diags->oom ? MR_ENOMEM : MR_EINVAL;
        goto done;
    }
    *out = c.p;
    c.p = NULL;
    rc = MR_OK;
done:
    if (rc == MR_OK && c.n_errors > 0)
        rc = MR_EINVAL;
    mr_nrp_free(c.p);
    mr_free(c.lines);
    mr_free(c.f);
    mr_free(c.g);
    return rc;
}

int mr_nrp_load_text(const char *path, char **text, size_t *len)
{
    FILE *fp = NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = MR_EIO;

    *text = NULL;
    *len = 0;
    if ((fp = fopen(path, "rb")) == NULL)
        goto done;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            size_t nc = cap ? 2 * cap : 65536;
            char *g = mr_realloc(buf, nc);
            if (g == NULL) {
                rc = MR_ENOMEM;
                goto done;
            }
            buf = g;
            cap = nc;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, fp);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(fp))
        goto done;
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
    rc = MR_OK;
done:
    if (fp != NULL)
        fclose(fp);
    mr_free(buf);
    return rc;
}

int mr_nrp_read(const char *path, mr_nrp **out, mr_diags *diags)
{
    char *text;
    size_t len;
    int rc;

    *out = NULL;
    if ((rc = mr_nrp_load_text(path, &text, &len)) != MR_OK) {
        if (rc == MR_EIO)
            mr_diag_add(diags, MR_ERROR, path, 0, 0, "cannot read the file");
        return rc;
    }
    rc = mr_nrp_parse(text, len, path, out, diags);
    mr_free(text);
    return rc;
}
