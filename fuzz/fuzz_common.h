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

/* The bodies of the four targets, also run by the Check suite
 * (tests/io/test_hostile.c) on fuzz/corpus/ and fuzz/regress/:
 * fz_yaml_service: the input is service.yaml.
 * fz_yaml_pref: the input is months/2026-12/preferences/s001.yaml over the
 *   example service.
 * fz_csv: the CSV reader alone, then the input as referrals.csv over the
 *   example service.
 * fz_validate: the input is cut at each line "--8<--" into service.yaml,
 *   absence.yaml, demand.yaml, preferences/s001.yaml and referrals.csv; an
 *   empty first part keeps the example service.yaml. */
void fz_yaml_service(const char *data, size_t size);
void fz_yaml_pref(const char *data, size_t size);
void fz_csv(const char *data, size_t size);
void fz_validate(const char *data, size_t size);

#endif
