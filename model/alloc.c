/* The engine's allocator with a failure-injection hook for tests. */
#include "alloc.h"

#include <stdlib.h>

static long n_allocs;     /* allocations since the hook was last set */
static long fail_at;      /* 0: never fail */

static int should_fail(void)
{
    n_allocs++;
    return fail_at > 0 && n_allocs >= fail_at;
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
