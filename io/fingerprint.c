/* Input fingerprints: 64-bit FNV-1a over the paths and contents of the
 * files a model was read from. Detects change; it is not a security hash. */
#include "fingerprint.h"

#include <stdint.h>
#include <stdio.h>

static uint64_t mix(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

int mr_fingerprint(const mr_model *m, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ull;
    char path[4096];
    unsigned char buf[8192];

    for (int i = 0; i < m->n_files; i++) {
        FILE *f;
        size_t n;
        const char *rel = m->files[i];
        size_t len = 0;
        while (rel[len] != '\0')
            len++;
        h = mix(h, (const unsigned char *)rel, len + 1);
        snprintf(path, sizeof path, "%s/%s", m->dir ? m->dir : ".", rel);
        if ((f = fopen(path, "rb")) == NULL)
            continue;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            h = mix(h, buf, n);
        fclose(f);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return MR_OK;
}
