/* mskrota: monthly rosters for NHS community MSK services.
 *
 * The one public header of the engine library. Names not declared here are
 * not API. Every fallible function returns a status (0 on success) and hands
 * results back through out-parameters. The library never prints and never
 * exits: it reports through the log callback.
 *
 * Typical use:
 *
 *     mr_service *svc;
 *     if (mr_service_load("services/east", "2026-12", &svc) == MR_OK) ...
 */
#ifndef MSKROTA_H
#define MSKROTA_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MR_API __attribute__((visibility("default")))
#else
#define MR_API
#endif

/* The library's version, "MAJOR.MINOR.PATCH". */
MR_API const char *mr_version(void);

/* Log levels of the callback. */
enum mr_log_level { MR_LOG_ERROR, MR_LOG_WARN, MR_LOG_INFO, MR_LOG_DEBUG };

/* Where the engine's messages go: level, text (no trailing newline), and the
 * user pointer given with the callback. */
typedef void (*mr_log_fn)(int level, const char *text, void *user);

/* Sets the process-wide log callback (NULL: messages are dropped). */
MR_API void mr_set_log(mr_log_fn fn, void *user);

#ifdef __cplusplus
}
#endif

#endif
