/* The engine's allocator. Every allocation in the engine goes through these,
 * so that tests can make the n-th allocation fail and check that each failure
 * path returns MR_ENOMEM and leaks nothing (SQLite's and Lua's practice). */
#ifndef MR_ALLOC_H
#define MR_ALLOC_H

#include <stddef.h>

void *mr_malloc(size_t n);
void *mr_calloc(size_t count, size_t size);
void *mr_realloc(void *p, size_t n);
void  mr_free(void *p);

/* Test hook: the fail_at-th allocation from now on (1-based) and every later
 * one fail while armed; 0 disarms. Returns the count of allocations since the
 * last call, so a sweep can find how many there are. */
long  mr_alloc_fail_at(long fail_at);
long  mr_alloc_count(void);

#endif
