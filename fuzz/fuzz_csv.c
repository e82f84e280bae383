/* libFuzzer target: the CSV reader alone (every record must hold the
 * fields it says it holds), then the input as referrals.csv over the
 * example service, validated. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "diag.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mr_csv *csv = NULL;
    mr_diags d;
    fz_file f[2] = {
        {"service.yaml", NULL, 0},
        {"months/2026-12/referrals.csv", (const char *)data, size},
    };

    mr_diags_init(&d);
    if (mr_csv_parse((const char *)data, size, "x.csv", 100, &csv, &d)
        == MR_OK) {
        for (int i = 0; i < csv->n_records; i++)
            for (int j = 0; j < csv->records[i].n_fields; j++) {
                const mr_csv_field *g = &csv->records[i].fields[j];
                if (g->text == NULL || g->line < 1 || g->col < 1
                    || strlen(g->text) > size)
                    abort();
            }
        mr_csv_free(csv);
    }
    mr_diags_clear(&d);
    f[0].buf = fz_base_service(&f[0].len);
    fz_run(f, 2);
    return 0;
}
