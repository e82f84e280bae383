/* A fingerprint of a month's inputs: every file the model was read from,
 * by relative path and content, so that the nightly batch can tell whether
 * anything changed since the last run. */
#ifndef MR_FINGERPRINT_H
#define MR_FINGERPRINT_H

#include "model.h"

/* Writes 16 hex digits and a NUL into out (17 bytes). Files that cannot be
 * read count by their path alone. Returns MR_OK. */
int mr_fingerprint(const mr_model *m, char out[17]);

#endif
