/* The CSV export of a stored run; see export_csv.h. Everything comes from
 * the store: the rows are already the CSV cells. */
#include "export_csv.h"

#include "alloc.h"
#include "csvout.h"
#include "fsutil.h"
#include "json.h"

static int add_row(void *user, const char *const *cells, int n)
{
    return mr_csv_row(user, cells, n);
}

/* Writes text to dir/name atomically. */
static int write_file(mr_store *s, const char *dir, const char *name,
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

static int export_table(mr_store *s, const char *month, int version,
                        int table, const char *dir)
{
    const char *const *cols;
    mr_buf text;
    int n, rc;

    mr_buf_init(&text);
    cols = mr_store_table_columns(table, &n);
    mr_csv_row(&text, cols, n);
    rc = mr_store_rows(s, month, version, table, add_row, &text);
    if (rc == MR_OK && text.oom)
        rc = MR_ENOMEM;
    if (rc == MR_ENOMEM)
        mr_store_set_error(s, rc, "out of memory");
    if (rc == MR_OK)
        rc = write_file(s, dir, mr_store_table_file(table), &text);
    mr_buf_free(&text);
    return rc;
}

int mr_export_csv(mr_store *s, const char *month, int version,
                  const char *dir)
{
    char err[512], *json = NULL;
    mr_buf text;
    int rc, v;

    mr_buf_init(&text);
    /* Pick once, so every file shows the same run even if a publish lands
     * meanwhile. */
    if ((rc = mr_store_pick(s, month, version, &v)) != MR_OK)
        return rc;
    if ((rc = mr_mkdir_p(dir, err, sizeof err)) != MR_OK)
        return mr_store_set_error(s, rc, "%s",
                                  rc == MR_ENOMEM ? "out of memory" : err);
    for (int t = 0; t < MR_N_TABLES; t++)
        if ((rc = export_table(s, month, v, t, dir)) != MR_OK)
            goto done;
    if ((rc = mr_store_summary_json(s, month, v, &json)) != MR_OK)
        goto done;
    mr_buf_puts(&text, json);
    mr_buf_putc(&text, '\n');
    if (text.oom) {
        rc = mr_store_set_error(s, MR_ENOMEM, "out of memory");
        goto done;
    }
    rc = write_file(s, dir, "summary.json", &text);
done:
    mr_free(json);
    mr_buf_free(&text);
    return rc;
}
