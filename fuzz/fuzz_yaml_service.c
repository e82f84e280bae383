/* libFuzzer target: service.yaml read from the input, then validated. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_file f = {"service.yaml", (const char *)data, size};
    fz_run(&f, 1);
    return 0;
}
