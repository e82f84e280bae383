/* The engine's allocator with a failure-injection hook for tests. */
#include "alloc.h"

#include <stdatomic.h>
#include <stdlib.h>

/* Atomic: the solver's bound thread allocates too. */
static _Atomic long n_allocs;  /* allocations since the hook was last set */
static _Atomic long fail_at;   /* 0: never fail */

static int should_fail(void)
{
    long n = ++n_allocs, at = fail_at;
    return at > 0 && n >= at;
}

void *mr_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *mr_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *mr_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void mr_free(void *p)
{
    free(p);
}

long mr_alloc_fail_at(long at)
{
    long was = n_allocs;
    n_allocs = 0;
    fail_at = at;
    return was;
}

long mr_alloc_count(void)
{
    return n_allocs;
}
