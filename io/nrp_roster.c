/* Rosters of the Curtois-Qu benchmark in the layout of its
 * reference_solutions: '#' comment lines, then one line per employee, the
 * id and one tab-separated field per day, '-' for a day off, else a shift
 * id. Written atomically (temporary file, fsync, rename) so that a
 * half-written roster never replaces a good one. */
#include "nrp_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

static int find_id(char *const *ids, int n, const char *s, int len)
{
    for (int i = 0; i < n; i++)
        if ((int)strlen(ids[i]) == len && memcmp(ids[i], s, (size_t)len) == 0)
            return i;
    return -1;
}

int mr_nrp_roster_parse(const char *text, size_t len, const char *name,
                        const mr_nrp *p, int **out, mr_diags *diags)
{
    int h = p->n_days, errors = 0, no = 0;
    int *roster = NULL, *line_of = NULL;
    size_t i = 0;
    int rc = MR_ENOMEM;

    *out = NULL;
    roster = mr_malloc((size_t)p->n_staff * h * sizeof *roster);
    line_of = mr_calloc((size_t)p->n_staff, sizeof *line_of);
    if (roster == NULL || line_of == NULL)
        goto done;
    while (i < len) {
        size_t a = i, b;
        while (i < len && text[i] != '\n')
            i++;
        b = i;
        if (i < len)
            i++;
        no++;
        while (b > a && (text[b - 1] == '\r' || text[b - 1] == ' '))
            b--;
        if (b == a || text[a] == '#')
            continue;
        /* the id, then h fields */
        size_t f = a;
        while (f < b && text[f] != '\t')
            f++;
        int e = find_id(p->staff_ids, p->n_staff, text + a, (int)(f - a));
        if (e < 0) {
            mr_diag_add(diags, MR_ERROR, name, no, 1, "unknown employee "
                        "'%.*s'", (int)(f - a), text + a);
            errors++;
            continue;
        }
        if (line_of[e] != 0) {
            mr_diag_add(diags, MR_ERROR, name, no, 1, "employee '%s' "
                        "repeated (first on line %d)", p->staff_ids[e],
                        line_of[e]);
            errors++;
            continue;
        }
        line_of[e] = no;
        int d = 0;
        while (f < b) {
            size_t s = ++f;               /* past the tab */
            while (f < b && text[f] != '\t')
                f++;
            int col = (int)(s - a) + 1, v = -2;
            if (d >= h) {
                mr_diag_add(diags, MR_ERROR, name, no, col, "more than %d "
                            "days", h);
                errors++;
                break;
            }
            if (f - s == 1 && text[s] == '-')
                v = MR_NRP_OFF;
            else {
                for (int t = 0; t < p->n_shifts; t++)
                    if (strlen(p->shift_ids[t]) == f - s &&
                        memcmp(p->shift_ids[t], text + s, f - s) == 0)
                        v = t;
            }
            if (v == -2) {
                mr_diag_add(diags, MR_ERROR, name, no, col, "day %d: '%.*s' "
                            "is neither a shift nor '-'", d, (int)(f - s),
                            text + s);
                errors++;
                v = MR_NRP_OFF;
            }
            roster[(size_t)e * h + d++] = v;
        }
        if (d < h) {
            mr_diag_add(diags, MR_ERROR, name, no, (int)(b - a) + 1,
                        "employee '%s': %d days given, %d expected",
                        p->staff_ids[e], d, h);
            errors++;
        }
    }
    for (int e = 0; e < p->n_staff; e++)
        if (line_of[e] == 0) {
            mr_diag_add(diags, MR_ERROR, name, no, 0, "no line for employee "
                        "'%s'", p->staff_ids[e]);
            errors++;
        }
    rc = diags->oom ? MR_ENOMEM : errors ? MR_EINVAL : MR_OK;
    if (rc == MR_OK) {
        *out = roster;
        roster = NULL;
    }
done:
    mr_free(roster);
    mr_free(line_of);
    return rc;
}

int mr_nrp_roster_read(const char *path, const mr_nrp *p, int **out,
                       mr_diags *diags)
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
    rc = mr_nrp_roster_parse(text, len, path, p, out, diags);
    mr_free(text);
    return rc;
}

int mr_nrp_roster_write(const char *path, const mr_nrp *p, const int *roster,
                        const char *comment)
{
    size_t n = strlen(path) + 8;
    char *tmp = mr_malloc(n);
    FILE *fp = NULL;
    int rc = MR_ENOMEM, h = p->n_days;

    if (tmp == NULL)
        goto done;
    snprintf(tmp, n, "%s.tmp", path);
    rc = MR_EIO;
    if ((fp = fopen(tmp, "w")) == NULL)
        goto done;
    for (const char *c = comment; c != NULL && *c != '\0';) {
        const char *nl = strchr(c, '\n');
        int k = nl ? (int)(nl - c) : (int)strlen(c);
        fprintf(fp, "# %.*s\n", k, c);
        c += k + (nl != NULL);
    }
    for (int e = 0; e < p->n_staff; e++) {
        fputs(p->staff_ids[e], fp);
        for (int d = 0; d < h; d++) {
            int s = roster[(size_t)e * h + d];
            fputc('\t', fp);
            fputs(s >= 0 && s < p->n_shifts ? p->shift_ids[s] : "-", fp);
        }
        fputc('\n', fp);
    }
    if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || ferror(fp)) {
        fclose(fp);
        fp = NULL;
        remove(tmp);
        goto done;
    }
    if (fclose(fp) != 0) {
        fp = NULL;
        remove(tmp);
        goto done;
    }
    fp = NULL;
    if (rename(tmp, path) != 0) {
        remove(tmp);
        goto done;
    }
    rc = MR_OK;
done:
    if (fp != NULL)
        fclose(fp);
    mr_free(tmp);
    return rc;
}
