/* libFuzzer target: the CSV reader alone (every record must hold the
 * fields it says it holds), then the input as referrals.csv over the
 * example service, validated. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_csv((const char *)data, size);
    return 0;
}
