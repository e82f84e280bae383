/* A stored run in memory for the ics, xlsx and html exporters; see
 * export_run.h. */
#include "export_run.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "fsutil.h"

/* --- tables -------------------------------------------------------------- */

const char *mr_xcell(const mr_xtable *t, int row, int col)
{
    return t->text.data + t->off[(size_t)row * (size_t)t->n_cols
                                 + (size_t)col];
}

const char *mr_xroster(const mr_xrun *x, int r, int col)
{
    return mr_xcell(&x->t[MR_TABLE_ROSTER], r, col);
}

int mr_xtable_add_row(void *user, const char *const *cells, int n)
{
    mr_xtable *t = user;
    size_t base;

    if (n != t->n_cols)
        return MR_EIO;          /* a programmer error: another table */
    if (t->n_rows == t->cap_rows) {
        int cap = t->cap_rows > 0 ? 2 * t->cap_rows : 64;
        size_t *off = mr_realloc(t->off, (size_t)cap * (size_t)n
                                             * sizeof *off);
        if (off == NULL)
            return MR_ENOMEM;
        t->off = off;
        t->cap_rows = cap;
    }
    base = (size_t)t->n_rows * (size_t)n;
    for (int i = 0; i < n; i++) {
        t->off[base + (size_t)i] = t->text.len;
        if (mr_buf_add(&t->text, cells[i], strlen(cells[i]) + 1) != MR_OK)
            return MR_ENOMEM;
    }
    t->n_rows++;
    return MR_OK;
}

void mr_xtable_free(mr_xtable *t)
{
    mr_buf_free(&t->text);
    mr_free(t->off);
    memset(t, 0, sizeof *t);
}

/* --- sorting ------------------------------------------------------------- */

typedef struct sort_key {
    const mr_xtable *t;
    const int       *cols;
    int              n_cols;
} sort_key;

static int cmp_rows(const sort_key *k, int a, int b)
{
    for (int i = 0; i < k->n_cols; i++) {
        int c = strcmp(mr_xcell(k->t, a, k->cols[i]),
                       mr_xcell(k->t, b, k->cols[i]));
        if (c != 0)
            return c;
    }
    return 0;
}

/* Bottom-up merge sort: stable, and needs no global comparator context
 * (qsort_r is not C11). */
int mr_xrun_sort(const mr_xtable *t, int *idx, int n, const int *cols,
                 int n_cols)
{
    sort_key k = {t, cols, n_cols};
    int *tmp, *src = idx, *dst;

    if (n < 2)
        return MR_OK;
    if ((tmp = mr_malloc((size_t)n * sizeof *tmp)) == NULL)
        return MR_ENOMEM;
    dst = tmp;
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n;
            int hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                dst[o++] = cmp_rows(&k, src[j], src[i]) < 0 ? src[j++]
                                                            : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        int *sw = src;
        src = dst;
        dst = sw;
    }
    if (src != idx)
        memcpy(idx, src, (size_t)n * sizeof *idx);
    mr_free(tmp);
    return MR_OK;
}

/* 0..n-1 in a new array; NULL on failure (n == 0 gives a 1-int array so
 * that NULL always means out of memory). */
static int *iota(int n)
{
    int *a = mr_malloc((size_t)(n > 0 ? n : 1) * sizeof *a);
    if (a != NULL)
        for (int i = 0; i < n; i++)
            a[i] = i;
    return a;
}

int mr_xrun_day(const char *date)
{
    int d;
    return mr_date_parse(date, &d) == 0 ? d : -1;
}

/* --- indexes ------------------------------------------------------------- */

/* Groups the rows of t by the cell key_col, the groups in the order of
 * cols (which start with key_col or sort equal keys together): *rows gets
 * one row of each group (a new array), per_row[r] the group of row r. */
static int group_by(const mr_xtable *t, const int *cols, int n_cols,
                    int key_col, int *per_row, int **rows, int *n_groups)
{
    int *order = iota(t->n_rows), *first = NULL, n = 0, rc;

    *rows = NULL;
    *n_groups = 0;
    if (order == NULL)
        return MR_ENOMEM;
    if ((rc = mr_xrun_sort(t, order, t->n_rows, cols, n_cols)) != MR_OK)
        goto done;
    rc = MR_ENOMEM;
    if ((first = mr_malloc((size_t)(t->n_rows > 0 ? t->n_rows : 1)
                           * sizeof *first)) == NULL)
        goto done;
    for (int i = 0; i < t->n_rows; i++) {
        int r = order[i];
        if (n == 0 || strcmp(mr_xcell(t, first[n - 1], key_col),
                             mr_xcell(t, r, key_col)) != 0)
            first[n++] = r;
        per_row[r] = n - 1;
    }
    *rows = first;
    *n_groups = n;
    first = NULL;
    rc = MR_OK;
done:
    mr_free(first);
    mr_free(order);
    return rc;
}

static int index_people(mr_xrun *x)
{
    static const int COLS[] = {XR_STAFF, XR_DATE, XR_START, XR_SITE};
    const mr_xtable *t = &x->t[MR_TABLE_ROSTER];
    int n = t->n_rows, rc;

    if ((x->by_person = iota(n)) == NULL
        || (x->person_start = mr_malloc((size_t)(n + 1) * sizeof(int)))
               == NULL)
        return MR_ENOMEM;
    if ((rc = mr_xrun_sort(t, x->by_person, n, COLS, 4)) != MR_OK)
        return rc;
    x->n_people = 0;
    for (int i = 0; i < n; i++) {
        int r = x->by_person[i];
        if (i == 0 || strcmp(mr_xroster(x, x->by_person[i - 1], XR_STAFF),
                             mr_xroster(x, r, XR_STAFF)) != 0)
            x->person_start[x->n_people++] = i;
        x->row_person[r] = x->n_people - 1;
    }
    x->person_start[x->n_people] = n;
    return MR_OK;
}

/* Assigns each slot to the session of the same person and date whose time
 * holds it; a slot outside every session (not in a verified run) is left
 * out. Both lists are walked in (staff, date, start) order. */
static int index_slots(mr_xrun *x)
{
    static const int COLS[] = {XS_STAFF, XS_DATE, XS_START, XS_END};
    const mr_xtable *sl = &x->t[MR_TABLE_SLOTS];
    int n_r = x->t[MR_TABLE_ROSTER].n_rows, n_s = sl->n_rows;
    int *order = NULL, *owner = NULL, *next = NULL, rc = MR_ENOMEM, i = 0;

    if ((x->slot_start = mr_calloc((size_t)n_r + 1, sizeof(int))) == NULL
        || (x->slot_order = mr_malloc((size_t)(n_s > 0 ? n_s : 1)
                                      * sizeof(int))) == NULL
        || (order = iota(n_s)) == NULL
        || (owner = mr_malloc((size_t)(n_s > 0 ? n_s : 1) * sizeof(int)))
               == NULL)
        goto done;
    if ((rc = mr_xrun_sort(sl, order, n_s, COLS, 4)) != MR_OK)
        goto done;
    rc = MR_ENOMEM;
    for (int k = 0; k < n_s; k++)
        owner[k] = -1;
    for (int j = 0; j < n_r && i < n_s; j++) {
        int r = x->by_person[j], c;
        const char *staff = mr_xroster(x, r, XR_STAFF);
        const char *date = mr_xroster(x, r, XR_DATE);
        /* Skip slots of earlier people, dates or times. */
        while (i < n_s) {
            int s = order[i];
            c = strcmp(mr_xcell(sl, s, XS_STAFF), staff);
            if (c == 0)
                c = strcmp(mr_xcell(sl, s, XS_DATE), date);
            if (c == 0)
                c = strcmp(mr_xcell(sl, s, XS_START),
                           mr_xroster(x, r, XR_START));
            if (c >= 0)
                break;
            i++;
        }
        while (i < n_s) {
            int s = order[i];
            if (strcmp(mr_xcell(sl, s, XS_STAFF), staff) != 0
                || strcmp(mr_xcell(sl, s, XS_DATE), date) != 0
                || strcmp(mr_xcell(sl, s, XS_START),
                          mr_xroster(x, r, XR_END)) >= 0)
                break;
            if (strcmp(mr_xcell(sl, s, XS_END), mr_xroster(x, r, XR_END))
                <= 0)
                owner[s] = r;
            i++;
        }
    }
    /* Counting sort by owner, keeping the start order within a session. */
    for (int k = 0; k < n_s; k++)
        if (owner[k] >= 0)
            x->slot_start[owner[k] + 1]++;
    for (int r = 0; r < n_r; r++)
        x->slot_start[r + 1] += x->slot_start[r];
    if ((next = mr_malloc((size_t)(n_r > 0 ? n_r : 1) * sizeof(int)))
        == NULL)
        goto done;
    memcpy(next, x->slot_start, (size_t)n_r * sizeof(int));
    for (int k = 0; k < n_s; k++) {
        int s = order[k], r = owner[s];
        if (r >= 0)
            x->slot_order[next[r]++] = s;
    }
    rc = MR_OK;
done:
    mr_free(next);
    mr_free(owner);
    mr_free(order);
    return rc;
}

static int build_indexes(mr_xrun *x)
{
    static const int SITE_COLS[] = {XR_SITE};
    static const int PERIOD_COLS[] = {XR_START, XR_PERIOD};
    const mr_xtable *t = &x->t[MR_TABLE_ROSTER];
    size_t n = (size_t)(t->n_rows > 0 ? t->n_rows : 1);
    int rc;

    if ((x->row_person = mr_malloc(n * sizeof(int))) == NULL
        || (x->row_site = mr_malloc(n * sizeof(int))) == NULL
        || (x->row_period = mr_malloc(n * sizeof(int))) == NULL
        || (x->row_day = mr_malloc(n * sizeof(int))) == NULL)
        return MR_ENOMEM;
    for (int r = 0; r < t->n_rows; r++) {
        int d = mr_xrun_day(mr_xroster(x, r, XR_DATE)) - x->first_day;
        x->row_day[r] = d >= 0 && d < x->n_days ? d : -1;
    }
    if ((rc = group_by(t, SITE_COLS, 1, XR_SITE, x->row_site, &x->site_row,
                       &x->n_sites)) != MR_OK)
        return rc;
    /* Periods by start, then name; the same name at two starts (not in a
     * valid service) would count twice, which only costs a column. */
    if ((rc = group_by(t, PERIOD_COLS, 2, XR_PERIOD, x->row_period,
                       &x->period_row, &x->n_periods)) != MR_OK)
        return rc;
    if ((rc = index_people(x)) != MR_OK)
        return rc;
    return index_slots(x);
}

/* --- load ---------------------------------------------------------------- */

void mr_xrun_free(mr_xrun *x)
{
    if (x == NULL)
        return;
    mr_store_run_clear(&x->run);
    for (int i = 0; i < MR_N_TABLES; i++)
        mr_xtable_free(&x->t[i]);
    mr_free(x->by_person);
    mr_free(x->person_start);
    mr_free(x->site_row);
    mr_free(x->period_row);
    mr_free(x->row_person);
    mr_free(x->row_site);
    mr_free(x->row_period);
    mr_free(x->row_day);
    mr_free(x->slot_start);
    mr_free(x->slot_order);
    memset(x, 0, sizeof *x);
    x->run.changes = -1;
}

int mr_xrun_load(mr_store *s, const char *month, int version,
                 const char *dir, mr_xrun *x)
{
    char err[512];
    int rc, v, y, mo;

    memset(x, 0, sizeof *x);
    x->run.changes = -1;
    /* Pick once, so every table shows the same run even if a publish
     * lands meanwhile. */
    if ((rc = mr_store_pick(s, month, version, &v)) != MR_OK)
        return rc;
    if (mr_month_parse(month, &y, &mo) != 0)
        return mr_store_set_error(s, MR_EINVAL, "invalid month '%s'", month);
    x->first_day = mr_days_from_civil(y, mo, 1);
    x->n_days = mr_days_in_month(y, mo);
    if (dir != NULL && (rc = mr_mkdir_p(dir, err, sizeof err)) != MR_OK)
        return mr_store_set_error(s, rc, "%s",
                                  rc == MR_ENOMEM ? "out of memory" : err);
    if ((rc = mr_store_run_get(s, month, v, &x->run)) != MR_OK)
        goto done;
    for (int i = 0; i < MR_N_TABLES; i++) {
        mr_store_table_columns(i, &x->t[i].n_cols);
        rc = mr_store_rows(s, month, v, i, mr_xtable_add_row, &x->t[i]);
        if (rc == MR_OK && x->t[i].text.data == NULL
            && mr_buf_putc(&x->t[i].text, '\0') != MR_OK)
            rc = MR_ENOMEM;             /* data never NULL: cells index it */
        if (rc == MR_ENOMEM)
            mr_store_set_error(s, rc, "out of memory");
        if (rc != MR_OK)
            goto done;
    }
    if ((rc = build_indexes(x)) != MR_OK)
        mr_store_set_error(s, rc, "out of memory");
done:
    if (rc != MR_OK)
        mr_xrun_free(x);
    return rc;
}

/* --- helpers ------------------------------------------------------------- */

const char *mr_xrun_person_id(const mr_xrun *x, int p)
{
    return mr_xroster(x, x->by_person[x->person_start[p]], XR_STAFF);
}

const char *mr_xrun_person_name(const mr_xrun *x, int p)
{
    return mr_xroster(x, x->by_person[x->person_start[p]], XR_NAME);
}

int mr_xrun_person(const mr_xrun *x, const char *staff)
{
    int lo = 0, hi = x->n_people - 1;

    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(mr_xrun_person_id(x, mid), staff);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

void mr_xrun_slot_mix(const mr_xrun *x, int r, mr_buf *out)
{
    const mr_xtable *sl = &x->t[MR_TABLE_SLOTS];
    int a = x->slot_start[r], b = x->slot_start[r + 1], first = 1;

    for (int i = a; i < b; i++) {
        const char *type = mr_xcell(sl, x->slot_order[i], XS_TYPE);
        int n = 0, seen = 0;
        long places = 0;
        for (int k = a; k < i && !seen; k++)
            seen = strcmp(mr_xcell(sl, x->slot_order[k], XS_TYPE), type)
                   == 0;
        if (seen)
            continue;
        for (int k = i; k < b; k++) {
            int s = x->slot_order[k];
            if (strcmp(mr_xcell(sl, s, XS_TYPE), type) == 0) {
                long c = strtol(mr_xcell(sl, s, XS_CAPACITY), NULL, 10);
                n++;
                places += c > 0 ? c : 1;
            }
        }
        mr_buf_printf(out, "%s%d %s", first ? "" : ", ", n, type);
        if (places != n)
            mr_buf_printf(out, " (%ld places)", places);
        first = 0;
    }
}

int mr_xrun_write(mr_store *s, const char *dir, const char *name,
                  const mr_buf *text)
{
    char err[512];
    mr_buf path;
    int rc;

    mr_buf_init(&path);
    mr_buf_puts(&path, dir);
    mr_buf_putc(&path, '/');
    if (mr_buf_puts(&path, name) != MR_OK) {
        mr_buf_free(&path);
        return mr_store_set_error(s, MR_ENOMEM, "out of memory");
    }
    rc = mr_write_file_atomic(path.data, text->data != NULL ? text->data : "",
                              text->len, err, sizeof err);
    if (rc == MR_ENOMEM)
        mr_store_set_error(s, rc, "out of memory");
    else if (rc != MR_OK)
        mr_store_set_error(s, rc, "%s", err);
    mr_buf_free(&path);
    return rc;
}
