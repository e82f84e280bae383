/* Reading a stored roster back into a solution of a model: the published
 * version that `regenerate` starts from, and the rosters tests compare.
 *
 * The store keeps ids, not indices (store.h), so a stored roster is read
 * against the model of today's inputs: each row's person, period, activity,
 * specialty, site and room are looked up by id. */
#ifndef MR_IO_ROSTER_LOAD_H
#define MR_IO_ROSTER_LOAD_H

#include "model.h"
#include "roster.h"
#include "store.h"

/* Appends the roster rows of run (month, version) to out->assign as
 * assignments of m (version 0 as mr_store_pick()). A row naming a person,
 * period, activity or site that m does not have is left out and counted
 * in *n_lost (may be NULL), with one warning in lost (may be NULL) that
 * names the row and the missing id; an unknown specialty or room is read
 * as none. Returns MR_OK, MR_ENOMEM, or the store's status (MR_EINVAL: no
 * such run; MR_EIO, MR_EBUSY; mr_store_errmsg() says why). */
int mr_roster_from_store(mr_store *s, const mr_model *m, const char *month,
                         int version, mr_solution *out, mr_diags *lost,
                         int *n_lost);

#endif
