/* Logging: the library never prints; messages go to the user's callback. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static mr_log_fn log_fn;
static void *log_user;

MR_API void mr_set_log(mr_log_fn fn, void *user)
{
    log_fn = fn;
    log_user = user;
}

int mr_log_enabled(void)
{
    return log_fn != NULL;
}

void mr_log(int level, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    if (log_fn == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    log_fn(level, buf, log_user);
}

MR_API const char *mr_version(void)
{
    return MR_VERSION;
}
