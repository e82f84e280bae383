#define _GNU_SOURCE  /* memmem */
/* libFuzzer target: a whole month. The input is cut at each line
 * "--8<--" into service.yaml, absence.yaml, demand.yaml, preferences/
 * s001.yaml and referrals.csv, in that order; an empty first part (or an
 * input with no cut) keeps the example service.yaml, so that mutations of
 * the month files are checked against a valid service. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

#define CUT "\n--8<--\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const REL[] = {
        "service.yaml", "months/2026-12/absence.yaml",
        "months/2026-12/demand.yaml", "months/2026-12/preferences/s001.yaml",
        "months/2026-12/referrals.csv"
    };
    fz_file f[5];
    const char *p = (const char *)data, *end = p + size;
    int n = 0;

    while (n < 5) {
        const char *q = memmem(p, (size_t)(end - p), CUT, strlen(CUT));
        const char *stop = q != NULL && n < 4 ? q : end;
        f[n].rel = REL[n];
        f[n].buf = p;
        f[n].len = (size_t)(stop - p);
        n++;
        if (stop == end)
            break;
        p = stop + strlen(CUT);
    }
    if (f[0].len == 0 || n == 1) {
        /* no cut: the whole input is the service (as fuzz_yaml_service
         * does, but with the month's files absent) */
        if (n > 1)
            f[0].buf = fz_base_service(&f[0].len);
    }
    fz_run(f, n);
    return 0;
}
