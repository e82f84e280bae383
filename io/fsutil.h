/* File-system helpers for writers that must never leave half a file:
 * atomic replacement (write a temporary file in the same directory, fsync
 * it, rename it over the target, fsync the directory, as Redis writes its
 * dumps) and mkdir -p. */
#ifndef MR_IO_FSUTIL_H
#define MR_IO_FSUTIL_H

#include <stddef.h>

/* Creates dir and any missing parents (mode 0777 less the umask). An
 * existing directory is fine. Returns MR_OK, or MR_EIO with a message in
 * err (when err is not NULL). */
int mr_mkdir_p(const char *dir, char *err, size_t errsize);

/* Replaces path by the len bytes of data, atomically: readers see the old
 * file or the new one, never a part. The new file gets mode 0666 less the
 * umask. The directory must exist. Returns MR_OK, MR_ENOMEM, or MR_EIO with
 * a message in err (when err is not NULL); on failure the temporary file
 * is removed and path is left as it was. */
int mr_write_file_atomic(const char *path, const void *data, size_t len,
                         char *err, size_t errsize);

#endif
