/* Every Check suite of the project, one constructor per tests/<module>/<file>. */
#ifndef MR_TEST_SUITES_H
#define MR_TEST_SUITES_H

#include <check.h>

/* model/ */
Suite *suite_date(void);
Suite *suite_derive(void);

/* io/ */

/* solver/ */

#endif
