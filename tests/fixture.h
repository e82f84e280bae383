/* Small models built in code, already resolved, for tests that must not
 * depend on the YAML reader: December 2026 (starts on a Tuesday), periods
 * am/pm/eve, closed 25, 26 and 28 December. */
#ifndef MR_TEST_FIXTURE_H
#define MR_TEST_FIXTURE_H

#include "model.h"

/* A model with the three periods, the month and the closed dates, and no
 * sites or staff. Aborts the test on allocation failure. */
mr_model *fx_month(void);
/* Adds a site of the kind, open on days (mask) in periods (mask); returns
 * its index. */
int fx_site(mr_model *m, const char *id, int kind, unsigned days,
            unsigned periods);
/* Adds a room to the last site added. */
int fx_room(mr_model *m, const char *id, const char *kind);
/* Adds a person who may work at every site; returns the index. */
int fx_staff(mr_model *m, const char *id, int role, double spw, unsigned days,
             unsigned periods);
/* Adds leave from day d1 to d2 of December for a person. */
void fx_leave(mr_model *m, int staff, int d1, int d2);
/* Day number of a December 2026 date. */
int fx_dec(int d);

#endif
