/* libFuzzer target: one preference file (staff s001, December 2026) read
 * from the input over the example service, then validated. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_file f[2] = {
        {"service.yaml", NULL, 0},
        {"months/2026-12/preferences/s001.yaml", (const char *)data, size},
    };
    f[0].buf = fz_base_service(&f[0].len);
    fz_run(f, 2);
    return 0;
}
