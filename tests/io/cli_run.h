/* Running the mskrota binary from the tests of regenerate, batch and
 * durability: through the shell with output captured, or forked on its
 * own so that a test can kill it. The binary is MR_BUILD_ROOT/mskrota;
 * the example MR_SOURCE_ROOT/data/example. */
#ifndef MR_TEST_CLI_RUN_H
#define MR_TEST_CLI_RUN_H

#include <stddef.h>
#include <sys/types.h>

/* Runs "mskrota ARGS" (printf) with stdout and stderr captured together
 * into ct_out; returns the exit code (-1 when killed). */
int         ct_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern char ct_out[1 << 17];

/* Starts "mskrota argv..." (NULL-terminated) with its output discarded;
 * returns the pid. */
pid_t       ct_spawn(const char *const *argv);
/* Waits for pid; its exit code, or -1 when killed by a signal. */
int         ct_wait(pid_t pid);

/* A copy of data/example in a new temporary directory, writable; free()
 * after fx_rmtree(). */
char       *ct_copy_example(void);
/* Writes or appends text to DIR/rel. */
void        ct_write(const char *dir, const char *rel, const char *text);
void        ct_append(const char *dir, const char *rel, const char *text);

/* The integer after "KEY": in a JSON text; aborts the test when absent. */
long        ct_json_int(const char *json, const char *key);

#endif
