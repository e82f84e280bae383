/* libFuzzer target: one preference file (staff s001, December 2026) read
 * from the input over the example service, then validated. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_yaml_pref((const char *)data, size);
    return 0;
}
