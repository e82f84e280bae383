/* Civil dates as day numbers (days since 1970-01-01), proleptic Gregorian.
 * Day numbers make ranges, weeks and gaps plain integer arithmetic. */
#ifndef MR_DATE_H
#define MR_DATE_H

int  mr_days_from_civil(int y, int m, int d);
void mr_civil_from_days(int z, int *y, int *m, int *d);

/* 0 = Monday ... 6 = Sunday. */
int  mr_weekday(int day);

/* Parses "YYYY-MM-DD" strictly into a day number; returns 0 on success,
 * -1 when the text is not a valid date. */
int  mr_date_parse(const char *s, int *out);

/* Parses "YYYY-MM"; returns 0 on success. */
int  mr_month_parse(const char *s, int *year, int *month);

/* Parses "HH:MM" (00:00..24:00) into minutes; returns 0 on success. */
int  mr_time_parse(const char *s, int *out);

/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void mr_date_format(int day, char buf[11]);
/* Writes "HH:MM" (6 bytes with NUL). */
void mr_time_format(int minutes, char buf[6]);

int  mr_days_in_month(int y, int m);

/* Weekday names "mon".."sun"; parse returns -1 when unknown. */
const char *mr_weekday_name(int wd);
int         mr_weekday_parse(const char *s);

/* Parses a weekday item: "tue" or a range "mon-fri" into a mask (bit 0 Monday).
 * Returns 0 on success, -1 when not a weekday or range. */
int  mr_weekdays_parse(const char *s, unsigned *mask);

/* ISO week key of a day: the day number of the Monday of its week. */
int  mr_week_monday(int day);

#endif
