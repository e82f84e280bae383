/* Atomic file replacement and mkdir -p; see fsutil.h. */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "alloc.h"
#include "diag.h"

static void set_err(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL || errsize == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
}

int mr_mkdir_p(const char *dir, char *err, size_t errsize)
{
    struct stat st;
    size_t n = strlen(dir);
    char *p = NULL, *q;
    int rc = MR_EIO;

    if (n == 0) {
        set_err(err, errsize, "empty directory name");
        return MR_EIO;
    }
    if ((p = mr_malloc(n + 1)) == NULL)
        return MR_ENOMEM;
    memcpy(p, dir, n + 1);
    /* Create each prefix ending before a '/', then the whole path. */
    for (q = p + 1; ; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            set_err(err, errsize, "cannot create directory '%s': %s", p,
                    strerror(errno));
            goto done;
        }
        *q = c;
        if (c == '\0')
            break;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_err(err, errsize, "'%s' is not a directory", dir);
        goto done;
    }
    rc = MR_OK;
done:
    mr_free(p);
    return rc;
}

/* fsyncs the directory holding path, so that the rename itself is durable.
 * Returns MR_OK, MR_ENOMEM or MR_EIO (errno says why). */
static int sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = NULL;
    int fd, rc = MR_OK;

    if (slash != NULL) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        if ((dir = mr_malloc(n + 1)) == NULL)
            return MR_ENOMEM;
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    fd = open(dir != NULL ? dir : ".", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = MR_EIO;
    } else {
        /* Some file systems refuse fsync on directories: not an error. */
        if (fsync(fd) != 0 && errno != EINVAL && errno != EBADF)
            rc = MR_EIO;
        close(fd);
    }
    mr_free(dir);
    return rc;
}

int mr_write_file_atomic(const char *path, const void *data, size_t len,
                         char *err, size_t errsize)
{
    static unsigned long counter;
    const char *base = strrchr(path, '/');
    size_t dlen = base != NULL ? (size_t)(base - path) + 1 : 0;
    size_t tsize = strlen(path) + 64;
    char *tmp = NULL;
    const char *p = data;
    int fd = -1, created = 0, rc = MR_EIO;

    base = base != NULL ? base + 1 : path;
    if ((tmp = mr_malloc(tsize)) == NULL)
        return MR_ENOMEM;
    /* A hidden name in the same directory (rename needs one file system),
     * unique per process and call; O_EXCL guards against a stale one. */
    for (int tries = 0; fd < 0; tries++) {
        snprintf(tmp, tsize, "%.*s.%s.%ld.%lu.tmp", (int)dlen, path, base,
                 (long)getpid(), counter++);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || tries > 100)) {
            set_err(err, errsize, "cannot create '%s': %s", tmp,
                    strerror(errno));
            goto done;
        }
    }
    created = 1;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            set_err(err, errsize, "cannot write '%s': %s", tmp,
                    w < 0 ? strerror(errno) : "short write");
            goto done;
        }
        p += w;
        len -= (size_t)w;
    }
    if (fsync(fd) != 0) {
        set_err(err, errsize, "cannot sync '%s': %s", tmp, strerror(errno));
        goto done;
    }
    if (close(fd) != 0) {
        fd = -1;
        set_err(err, errsize, "cannot close '%s': %s", tmp, strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        set_err(err, errsize, "cannot rename '%s' to '%s': %s", tmp, path,
                strerror(errno));
        goto done;
    }
    created = 0;
    if ((rc = sync_dir(path)) == MR_EIO)
        set_err(err, errsize, "cannot sync the directory of '%s': %s", path,
                strerror(errno));
done:
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp);
    mr_free(tmp);
    return rc;
}
