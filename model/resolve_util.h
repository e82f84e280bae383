/* Internal to model/resolve*.c: the resolution context, diagnostics placed at
 * a loc, name tables with "did you mean" lookups, and duplicate-id checks.
 * Not API: only the resolver's files include this. */
#ifndef MR_RESOLVE_UTIL_H
#define MR_RESOLVE_UTIL_H

#include <stddef.h>

#include "model.h"

/* The names of one kind of entity, borrowed from the model (valid while the
 * model's array is not changed), in index order. */
typedef struct mr_rv_entry {
    const char *name;
    int         index;
} mr_rv_entry;

typedef struct mr_rv_names {
    const char **names;
    int          n;
    /* the non-NULL names sorted by (name, index), so that a lookup is a
     * binary search: a hostile service may have 30000 staff */
    mr_rv_entry *sorted;
    int          n_sorted;
} mr_rv_names;

/* One resolution run. Errors are counted here as well as in the diagnostics
 * so that an error whose diagnostic could not be stored still fails it. */
typedef struct mr_rv {
    mr_model   *m;
    mr_diags   *d;
    int         n_errors;
    int         oom;           /* an allocation (or a diagnostic) failed */
    int         service_file;  /* file index of service.yaml, or -1 */
    int         n_held;        /* m->skills[0..n_held) are held by someone */
    mr_rv_names periods, sites, pcns, staff, activities, types, held,
                skills;
    /* Sites and people with an error of their own: what is derived from
     * them (masks, where one may work) is incomplete, so warnings that
     * would rest on it are not given. */
    unsigned char *bad_site, *bad_staff;
    int         n_shown[2];    /* diagnostics stored, by severity */
    int         n_suggested;   /* "did you mean" lookups made */
} mr_rv;

/* Diagnostics of each severity stored per run: a hostile service with
 * 30000 staff could otherwise give one warning per person. Errors past it
 * still count (n_errors); one message says that some were left out. */
#define MR_RV_MAX_SHOWN 1000

/* Entities a service may have (resolve.c: within_limits). */
#define MR_RV_MAX_STAFF 5000
#define MR_RV_MAX_SITES 1000

void mr_rv_error(mr_rv *rv, mr_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void mr_rv_warn(mr_rv *rv, mr_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills t with the char * field at offset off of each of the n elements of
 * size stride at base. Returns MR_OK or MR_ENOMEM (t is then empty). */
int  mr_rv_names_build(mr_rv_names *t, const void *base, int n, size_t stride,
                       size_t off);
void mr_rv_names_free(mr_rv_names *t);
/* The first index of id in t, or -1. */
int  mr_rv_names_find(const mr_rv_names *t, const char *id);

/* Resolves r in t and returns its index. A ref without an id gets -1
 * quietly; an unknown id gets -1 and, when what is not NULL, the error
 * "unknown <what> '<id>'" at r->loc with a suggestion when one is close. */
int  mr_rv_ref(mr_rv *rv, mr_ref *r, const mr_rv_names *t, const char *what);

/* Reports each element whose id repeats an earlier element's, at the later
 * one's loc, naming where the first is. The id is the char * at id_off and
 * the place the mr_loc at loc_off of each element. */
void mr_rv_duplicates(mr_rv *rv, const void *base, int n, size_t stride,
                      size_t id_off, size_t loc_off, const char *what);

/* For each of n elements, the earliest element before it with the same id
 * (the char * at id_off; NULL ids have none), or -1, in new memory (*out,
 * freed with mr_free). Sorted, not n^2. Returns MR_OK or MR_ENOMEM. */
int  mr_rv_first_same(const void *base, int n, size_t stride, size_t id_off,
                      int **out);

/* Writes where loc is, relative to another loc: "line 7" in the same file,
 * "FILE:7" in another. */
void mr_rv_place(const mr_rv *rv, mr_loc loc, mr_loc from, char *buf,
                 int size);

/* Resolves the months' inputs (closed dates, preference files, requests,
 * absence, demand, referrals); the service must be resolved already.
 * Returns MR_OK or MR_ENOMEM; problems go to the diagnostics. */
int  mr_rv_month(mr_rv *rv);

#endif
