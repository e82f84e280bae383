/* The reader of referrals.csv (SPEC 2.5): a header naming exactly the six
 * columns (in any order), then one referral per record. A record with any
 * problem is reported and left out. */
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "load.h"

enum { C_ID, C_REFERRED_ON, C_SITE, C_PATHWAY, C_STATUS, C_ADVISER, N_COLS };
static const char *const COLS[N_COLS] = {
    "id", "referred_on", "site", "pathway", "employment_status", "adviser"
};
#define ALL_COLS "id, referred_on, site, pathway, employment_status, adviser"

/* The line of the first record: after a byte-order mark and empty lines. */
static int first_line(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int line = 1;
    while (i < len && (buf[i] == '\n' || buf[i] == '\r')) {
        if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++;
        i++;
        line++;
    }
    return line;
}

/* Maps the header's fields to columns; returns 0 when a column is missing
 * (the records cannot be read). */
static int read_header(io_ctx *c, const mr_csv_record *h, int pos[N_COLS])
{
    int ok = 1;
    for (int k = 0; k < N_COLS; k++)
        pos[k] = -1;
    for (int j = 0; j < h->n_fields; j++) {
        const mr_csv_field *f = &h->fields[j];
        int k = 0;
        while (k < N_COLS && strcmp(f->text, COLS[k]) != 0)
            k++;
        if (k == N_COLS) {
            const char *s = mr_suggest(f->text, COLS, N_COLS);
            if (s != NULL)
                io_error(c, f->line, f->col, "unknown column '%s' (did you "
                         "mean '%s'? expected: %s)", f->text, s, ALL_COLS);
            else
                io_error(c, f->line, f->col, "unknown column '%s' (expected: "
                         "%s)", f->text, ALL_COLS);
        } else if (pos[k] >= 0) {
            io_error(c, f->line, f->col, "duplicate column '%s'", f->text);
        } else {
            pos[k] = j;
        }
    }
    for (int k = 0; k < N_COLS; k++)
        if (pos[k] < 0) {
            io_error(c, h->line, 1, "missing column '%s' in the header "
                     "(expected: %s)", COLS[k], ALL_COLS);
            ok = 0;
        }
    return ok;
}

static int id_ok(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '-'))
            return 0;
    return 1;
}

static void free_referral(mr_referral *r)
{
    mr_free(r->id);
    mr_ref_clear(&r->site);
    mr_free(r->pathway);
    mr_free(r->employment_status);
    mr_ref_clear(&r->adviser);
}

static void read_record(io_ctx *c, const mr_csv_record *rec,
                        const int pos[N_COLS])
{
    const mr_csv_field *f[N_COLS];
    mr_referral r;
    int errors = c->d->n_errors, k;

    for (k = 0; k < N_COLS; k++)
        f[k] = &rec->fields[pos[k]];
    for (k = 0; k < N_COLS; k++)
        if (k != C_ADVISER && f[k]->text[0] == 0)
            io_error(c, f[k]->line, f[k]->col, "empty '%s'", COLS[k]);
    memset(&r, 0, sizeof r);
    r.site.index = r.adviser.index = -1;
    r.loc = io_loc(c, rec->line, 1);
    if (f[C_REFERRED_ON]->text[0] != 0
        && mr_date_parse(f[C_REFERRED_ON]->text, &r.referred_on) != 0)
        io_error(c, f[C_REFERRED_ON]->line, f[C_REFERRED_ON]->col,
                 "expected a date (YYYY-MM-DD) for 'referred_on', got '%s'",
                 f[C_REFERRED_ON]->text);
    for (int j = 0; j < 2; j++)
        if (k = j ? C_ADVISER : C_SITE, f[k]->text[0] != 0
            && !id_ok(f[k]->text))
            io_error(c, f[k]->line, f[k]->col, "invalid id '%s' for '%s' "
                     "(expected lower-case letters, digits and '-', starting "
                     "with a letter or digit)", f[k]->text, COLS[k]);
    if (c->d->n_errors > errors)
        return;
    io_set_str(c, &r.id, f[C_ID]->text);
    io_set_str(c, &r.pathway, f[C_PATHWAY]->text);
    io_set_str(c, &r.employment_status, f[C_STATUS]->text);
    if (mr_ref_set(&r.site, f[C_SITE]->text,
                   io_loc(c, f[C_SITE]->line, f[C_SITE]->col)) != MR_OK
        || (f[C_ADVISER]->text[0] != 0
            && mr_ref_set(&r.adviser, f[C_ADVISER]->text,
                          io_loc(c, f[C_ADVISER]->line, f[C_ADVISER]->col))
               != MR_OK))
        c->oom = 1;
    if (c->oom || MR_PUSH(c->m, referrals, &k) != MR_OK) {
        c->oom = 1;
        free_referral(&r);
        return;
    }
    c->m->referrals[k] = r;
}

void io_referrals_read(io_ctx *c, const char *buf, size_t len)
{
    mr_csv *csv = NULL;
    int pos[N_COLS], errors = c->d->n_errors;

    if (mr_csv_parse(buf, len, c->m->files[c->file], IO_MAX_STRING, &csv,
                     c->d) != MR_OK) {
        c->oom = 1;
        return;
    }
    if (csv->n_records == 0) {
        if (c->d->n_errors == errors)
            io_error(c, 1, 1, "missing header (expected: %s)", ALL_COLS);
    } else if (csv->records[0].line == first_line(buf, len)
               && read_header(c, &csv->records[0], pos)) {
        /* every record has the header's field count (the reader saw to it) */
        for (int i = 1; i < csv->n_records; i++)
            read_record(c, &csv->records[i], pos);
    }
    mr_csv_free(csv);
}
