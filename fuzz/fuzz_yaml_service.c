/* libFuzzer target: service.yaml read from the input, then validated. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_yaml_service((const char *)data, size);
    return 0;
}
