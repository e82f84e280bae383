/* libFuzzer target: a whole month, the input cut at lines "--8<--" into
 * the service's files (see fz_validate in fuzz_common.h). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_validate((const char *)data, size);
    return 0;
}
