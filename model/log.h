/* Internal logging through the callback of mr_set_log(). */
#ifndef MR_LOG_H
#define MR_LOG_H

#include "mskrota.h"

void mr_log(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* 1 when a callback is set (to skip formatting work otherwise). */
int  mr_log_enabled(void);

#endif
