/* The one clock of the engine and its front end: monotonic seconds, for
 * time limits and for the figures reported. */
#ifndef MR_CLOCK_H
#define MR_CLOCK_H

/* Seconds on a monotonic clock from an arbitrary origin. */
double mr_clock(void);

#endif
