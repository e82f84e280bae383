/* What the fuzz targets share: the base service they read month files
 * against, and one run of the readers plus validation on in-memory files
 * with the checks every input must pass (an error always has a place; the
 * status agrees with the diagnostics). A broken check aborts, which
 * libFuzzer reports as a crash with the input that caused it. */
#ifndef MR_FUZZ_COMMON_H
#define MR_FUZZ_COMMON_H

#include <stddef.h>

typedef struct fz_file {
    const char *rel;     /* as in the service directory: selects the reader */
    const char *buf;
    size_t      len;
} fz_file;

/* data/example/service.yaml, read once (aborts when it cannot be read). */
const char *fz_base_service(size_t *len);

/* Loads files[0..n-1] (the first is service.yaml) into a new model for
 * December 2026, resolves it and frees everything. */
void fz_run(const fz_file *files, int n);

#endif
