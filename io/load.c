/* Loading a service directory: finds the files of SPEC 2, reads each one
 * whole (refusing directories and files over IO_MAX_FILE), registers it for
 * messages, and hands it to its reader. Then, for mr_load(), resolves. */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "date.h"
#include "yaml_doc.h"

void io_error(io_ctx *c, int line, int col, const char *fmt, ...)
{
    va_list ap;
    if (c->err_file != c->file + 1) {
        c->err_file = c->file + 1;
        c->n_file_errors = 0;
    }
    if (++c->n_file_errors > IO_MAX_FILE_ERRORS) {
        if (c->n_file_errors == IO_MAX_FILE_ERRORS + 1)
            mr_diag_add(c->d, MR_ERROR,
                        c->file >= 0 ? c->m->files[c->file] : NULL, line, col,
                        "more than %d errors in this file: the rest are not "
                        "reported", IO_MAX_FILE_ERRORS);
        else
            c->d->n_errors++;   /* still counted: readers compare counts */
        return;
    }
    va_start(ap, fmt);
    mr_diag_addv(c->d, MR_ERROR, c->file >= 0 ? c->m->files[c->file] : NULL,
                 line, col, fmt, ap);
    va_end(ap);
}

void io_warning(io_ctx *c, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mr_diag_addv(c->d, MR_WARNING,
                 c->file >= 0 ? c->m->files[c->file] : NULL, line, col, fmt,
                 ap);
    va_end(ap);
}

int io_quiet(const io_ctx *c)
{
    return c->err_file == c->file + 1
           && c->n_file_errors >= IO_MAX_FILE_ERRORS;
}

mr_loc io_loc(const io_ctx *c, int line, int col)
{
    mr_loc l = {c->file, line, col};
    return l;
}

void io_set_str(io_ctx *c, char **dst, const char *s)
{
    char *copy = mr_strdup(s);
    if (s != NULL && copy == NULL) {
        c->oom = 1;
        return;
    }
    mr_free(*dst);
    *dst = copy;
}

/* "a/b" in new memory, or NULL (noted in c->oom). */
static char *join(io_ctx *c, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = mr_malloc(na + nb + 2);
    if (p == NULL) {
        c->oom = 1;
        return NULL;
    }
    memcpy(p, a, na);
    p[na] = '/';
    memcpy(p + na + 1, b, nb + 1);
    return p;
}

enum { F_READ, F_ABSENT, F_BAD, F_EIO };

/* 1 when path, links followed, lies inside dir; 0 when a link leads out of
 * it (a service's files are not a way to read the rest of the disk); -1
 * when either cannot be resolved (errno says why). */
static int inside(const char *dir, const char *path)
{
    char rd[PATH_MAX], rp[PATH_MAX];
    size_t n;

    if (realpath(dir, rd) == NULL || realpath(path, rp) == NULL)
        return -1;
    n = strlen(rd);
    return n == 1 || (strncmp(rp, rd, n) == 0 && rp[n] == '/');
}

/* Reads DIR/rel whole into *buf (the caller frees it) and makes it the
 * current file. F_ABSENT: there is no such file (nothing reported unless
 * required). F_BAD: a problem was reported (a directory, too large, cannot
 * be read). F_EIO: a required file could not be read (reported). */
static int read_file(io_ctx *c, const char *dir, const char *rel,
                     int required, char **buf, size_t *len)
{
    struct stat st;
    char *path = join(c, dir, rel);
    int fd = -1, in;
    size_t n = 0, cap;
    ssize_t got = 0;
    int rc = F_BAD;

    *buf = NULL;
    *len = 0;
    for (int i = 0; i < c->n_skip; i++)     /* set aside: as if absent */
        if (strcmp(c->skip[i], rel) == 0) {
            mr_free(path);
            return F_ABSENT;
        }
    if (path == NULL)
        return F_BAD;
    /* lstat: a dangling link is reported, not taken for an absent file */
    if (lstat(path, &st) != 0 && errno == ENOENT && !required) {
        rc = F_ABSENT;
        goto done;
    }
    if (mr_model_add_file(c->m, rel, &c->file) != MR_OK) {
        c->oom = 1;
        goto done;
    }
    if ((in = inside(dir, path)) == 0) {
        io_error(c, 0, 0, "is a link to a file outside the service "
                 "directory: refused");
        goto done;
    }
    /* O_NONBLOCK: a FIFO swapped in after any check must not hang us;
     * fstat then checks what was actually opened */
    if (in < 0 || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0
        || fstat(fd, &st) != 0) {
        io_error(c, 0, 0, "cannot read the file: %s", strerror(errno));
        rc = required ? F_EIO : F_BAD;
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        io_error(c, 0, 0, "is a directory, expected a file");
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {         /* a FIFO, a device, a socket */
        io_error(c, 0, 0, "is not a regular file");
        goto done;
    }
    if (st.st_size > IO_MAX_FILE) {
        io_error(c, 0, 0, "the file is larger than %ld MiB",
                 IO_MAX_FILE >> 20);
        goto done;
    }
    /* the size fstat gave, and one byte more to tell a file that grew
     * meanwhile (not the limit's 4 MiB for every small file: a service may
     * have thousands of preference files) */
    cap = (size_t)st.st_size + 1;
    if ((*buf = mr_malloc(cap)) == NULL) {
        c->oom = 1;
        goto done;
    }
    while (n < cap && ((got = read(fd, *buf + n, cap - n)) > 0
                       || (got < 0 && errno == EINTR)))
        n += got > 0 ? (size_t)got : 0;
    if (got < 0) {
        io_error(c, 0, 0, "cannot read the file: %s", strerror(errno));
        rc = required ? F_EIO : F_BAD;
    } else if (n == cap) {
        io_error(c, 0, 0, "the file changed while it was being read");
    } else {
        *len = n;
        rc = F_READ;
    }
done:
    if (rc != F_READ) {
        mr_free(*buf);
        *buf = NULL;
    }
    if (fd >= 0)
        close(fd);
    mr_free(path);
    return rc;
}

enum { Y_SERVICE, Y_PREF, Y_ABSENCE, Y_DEMAND };

static void read_yaml(io_ctx *c, const char *buf, size_t len, int kind,
                      const char *stem, const char *month);

/* Reads one YAML file of the given kind. Returns a read_file code. */
static int load_yaml(io_ctx *c, const char *dir, const char *rel, int kind,
                     const char *stem, const char *month)
{
    char *buf;
    size_t len;
    int rc = read_file(c, dir, rel, kind == Y_SERVICE, &buf, &len);

    if (rc != F_READ)
        return rc;
    read_yaml(c, buf, len, kind, stem, month);
    mr_free(buf);
    return F_READ;
}

/* Parses one YAML file already in memory and hands it to its reader. */
static void read_yaml(io_ctx *c, const char *buf, size_t len, int kind,
                      const char *stem, const char *month)
{
    io_ynode *root = NULL;
    int rc;

    if ((rc = io_yaml_parse(c, buf, len, &root)) == MR_ENOMEM)
        c->oom = 1;
    else if (rc == MR_OK && root == NULL && kind == Y_SERVICE)
        io_error(c, 0, 0, "the file is empty");
    else if (rc == MR_OK && root == NULL && kind == Y_PREF)
        io_error(c, 0, 0, "the file is empty: a preference file names its "
                 "'staff' and 'month'");
    else if (root != NULL && kind == Y_SERVICE)
        io_service_read(c, root);
    else if (root != NULL && kind == Y_PREF)
        io_pref_read(c, root, stem, month);
    else if (root != NULL && kind == Y_ABSENCE)
        io_absence_read(c, root);
    else if (root != NULL && kind == Y_DEMAND)
        io_demand_read(c, root);
    io_ynode_free(root);
}

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7F)
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads months/M/preferences/<staff>.yaml, in name order so that the
 * model (and the messages) do not depend on the directory's order. */
static void load_prefs(io_ctx *c, const char *dir, const char *month)
{
    char rel[64], *path, **names = NULL;
    int n = 0, cap = 0, n_names = 0;
    DIR *dh;
    struct dirent *e;

    snprintf(rel, sizeof rel, "months/%s/preferences", month);
    if ((path = join(c, dir, rel)) == NULL)
        return;
    if (inside(dir, path) == 0) {   /* its listing would leak names */
        mr_free(path);
        mr_diag_add(c->d, MR_ERROR, rel, 0, 0, "is a link to a directory "
                    "outside the service directory: refused");
        return;
    }
    dh = opendir(path);
    mr_free(path);
    if (dh == NULL) {
        if (errno != ENOENT)
            mr_diag_add(c->d, MR_ERROR, rel, 0, 0, "cannot read the "
                        "directory: %s", strerror(errno));
        return;
    }
    while (n <= IO_MAX_PREF_FILES && (e = readdir(dh)) != NULL) {
        char *s;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if ((s = mr_strdup(e->d_name)) == NULL
            || mr_array_grow((void **)&names, &cap, n, sizeof *names)
                   != MR_OK) {
            mr_free(s);
            c->oom = 1;
            break;
        }
        names[n++] = s;
    }
    closedir(dh);
    if (n > 0)
        qsort(names, (size_t)n, sizeof *names, cmp_names);
    if (n > IO_MAX_PREF_FILES) {       /* refused whole: readdir's order */
        mr_diag_add(c->d, MR_ERROR, rel, 0, 0, "more than %d files in the "
                    "directory: refused", IO_MAX_PREF_FILES);
        n_names = n;
        n = 0;
    }
    for (int i = 0; i < n && !c->oom; i++) {
        char file[512];
        size_t len = strlen(names[i]);
        if (has_control(names[i])) {   /* it would reach the terminal */
            mr_diag_add(c->d, MR_ERROR, rel, 0, 0, "a file whose name holds "
                        "a control character: refused");
            continue;
        }
        snprintf(file, sizeof file, "%s/%s", rel, names[i]);
        if (len > 5 && len < 300 && strcmp(names[i] + len - 5, ".yaml") == 0) {
            names[i][len - 5] = 0;
            load_yaml(c, dir, file, Y_PREF, names[i], month);
        } else {
            mr_diag_add(c->d, MR_WARNING, file, 0, 0, "not a preference file "
                        "(the name must be <staff-id>.yaml): skipped");
        }
    }
    for (int i = 0; i < (n_names > n ? n_names : n); i++)
        mr_free(names[i]);
    mr_free(names);
}

static void load_month(io_ctx *c, const char *dir, const char *month)
{
    char rel[64];
    char *buf;
    size_t len;

    snprintf(rel, sizeof rel, "months/%s/absence.yaml", month);
    load_yaml(c, dir, rel, Y_ABSENCE, NULL, month);
    snprintf(rel, sizeof rel, "months/%s/demand.yaml", month);
    load_yaml(c, dir, rel, Y_DEMAND, NULL, month);
    load_prefs(c, dir, month);
    snprintf(rel, sizeof rel, "months/%s/referrals.csv", month);
    if (!c->oom && read_file(c, dir, rel, 0, &buf, &len) == F_READ) {
        io_referrals_read(c, buf, len);
        mr_free(buf);
    }
}

static int load_raw(const char *dir, const char *month,
                    const char *const *skip, int n_skip, mr_model **out,
                    mr_diags *d)
{
    io_ctx c = {NULL, d, -1, 0, skip, n_skip, 0, 0};
    int errors = d->n_errors, rc, y = 0, mo = 0;

    *out = NULL;
    if (mr_model_new(&c.m) != MR_OK)
        return MR_ENOMEM;
    if ((c.m->dir = mr_strdup(dir)) == NULL) {
        mr_model_free(c.m);
        return MR_ENOMEM;
    }
    rc = load_yaml(&c, dir, "service.yaml", Y_SERVICE, NULL, NULL);
    if (rc == F_EIO && !c.oom && !d->oom) {
        mr_model_free(c.m);
        return MR_EIO;
    }
    if (month != NULL && !c.oom) {
        c.file = -1;
        if (mr_month_parse(month, &y, &mo) != 0)
            mr_diag_add(d, MR_ERROR, NULL, 0, 0, "invalid month '%s' "
                        "(expected YYYY-MM)", month);
        else {
            mr_model_set_month(c.m, y, mo);
            load_month(&c, dir, month);
        }
    }
    if (c.oom || d->oom) {
        mr_model_free(c.m);
        return MR_ENOMEM;
    }
    *out = c.m;
    return d->n_errors > errors ? MR_EINVAL : MR_OK;
}

int mr_load_raw(const char *dir, const char *month, mr_model **out,
                mr_diags *d)
{
    return load_raw(dir, month, NULL, 0, out, d);
}

int mr_load_skip(const char *dir, const char *month,
                 const char *const *skip, int n_skip, mr_model **out,
                 mr_diags *d)
{
    int rc = load_raw(dir, month, skip, n_skip, out, d), rv;

    if (rc != MR_OK && rc != MR_EINVAL)
        return rc;
    rv = mr_model_resolve(*out, d);
    if (rv == MR_ENOMEM) {
        mr_model_free(*out);
        *out = NULL;
        return MR_ENOMEM;
    }
    return rc == MR_EINVAL || rv != MR_OK ? MR_EINVAL : MR_OK;
}

int mr_load(const char *dir, const char *month, mr_model **out, mr_diags *d)
{
    return mr_load_skip(dir, month, NULL, 0, out, d);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

int mr_load_buffer(mr_model *m, const char *rel, const char *buf, size_t len,
                   mr_diags *d)
{
    io_ctx c = {m, d, -1, 0, NULL, 0, 0, 0};
    int errors = d->n_errors;
    char month[8] = "", stem[300] = "";
    const char *pref = strstr(rel, "/preferences/");

    if (strncmp(rel, "months/", 7) == 0 && strlen(rel) > 15)
        snprintf(month, sizeof month, "%.7s", rel + 7);
    if (mr_model_add_file(m, rel, &c.file) != MR_OK)
        return MR_ENOMEM;
    if (len > (size_t)IO_MAX_FILE)
        io_error(&c, 0, 0, "the file is larger than %ld MiB",
                 IO_MAX_FILE >> 20);
    else if (strcmp(rel, "service.yaml") == 0)
        read_yaml(&c, buf, len, Y_SERVICE, NULL, NULL);
    else if (pref != NULL && ends_with(rel, ".yaml")
             && strlen(pref + 13) - 5 < sizeof stem) {
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(pref + 13) - 5),
                 pref + 13);
        read_yaml(&c, buf, len, Y_PREF, stem, month);
    } else if (ends_with(rel, "/absence.yaml"))
        read_yaml(&c, buf, len, Y_ABSENCE, NULL, month);
    else if (ends_with(rel, "/demand.yaml"))
        read_yaml(&c, buf, len, Y_DEMAND, NULL, month);
    else if (ends_with(rel, "/referrals.csv"))
        io_referrals_read(&c, buf, len);
    else
        io_error(&c, 0, 0, "not an input file of a service");
    if (c.oom || d->oom)
        return MR_ENOMEM;
    return d->n_errors > errors ? MR_EINVAL : MR_OK;
}
