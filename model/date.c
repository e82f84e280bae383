/* Civil dates as day numbers. The conversions are Howard Hinnant's
 * days_from_civil / civil_from_days algorithms: exact for every year. */
#include "date.h"

#include <stdio.h>
#include <string.h>

static const char *const WEEKDAYS[7] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

int mr_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u
                   + (unsigned)d - 1u;
    unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097 + (int)doe - 719468;
}

void mr_civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    unsigned mp = (5u * doy + 2u) / 153u;
    unsigned dd = doy - (153u * mp + 2u) / 5u + 1u;
    unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

int mr_weekday(int day)
{
    /* 1970-01-01 was a Thursday (3). */
    int w = (day + 3) % 7;
    return w < 0 ? w + 7 : w;
}

int mr_days_in_month(int y, int m)
{
    static const int len[12] = {31,28,31,30,31,30,31,31,30,31,30,31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int mr_date_parse(const char *s, int *out)
{
    int y, m, d;
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
        return -1;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mr_days_in_month(y, m))
        return -1;
    *out = mr_days_from_civil(y, m, d);
    return 0;
}

int mr_month_parse(const char *s, int *year, int *month)
{
    int y, m;
    if (s == NULL || strlen(s) != 7 || s[4] != '-')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || y < 1900 || m < 1 || m > 12)
        return -1;
    *year = y;
    *month = m;
    return 0;
}

int mr_time_parse(const char *s, int *out)
{
    int h, mi;
    if (s == NULL || strlen(s) != 5 || s[2] != ':')
        return -1;
    if (digits(s, 2, &h) || digits(s + 3, 2, &mi) || mi > 59 || h > 24
        || (h == 24 && mi != 0))
        return -1;
    *out = h * 60 + mi;
    return 0;
}

static void put2(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

void mr_date_format(int day, char buf[11])
{
    int y, m, d;
    mr_civil_from_days(day, &y, &m, &d);
    put2(buf, (unsigned)(y / 100) % 100);
    put2(buf + 2, (unsigned)y % 100);
    buf[4] = '-';
    put2(buf + 5, (unsigned)m);
    buf[7] = '-';
    put2(buf + 8, (unsigned)d);
    buf[10] = 0;
}

void mr_time_format(int minutes, char buf[6])
{
    if (minutes < 0)
        minutes = 0;
    put2(buf, (unsigned)(minutes / 60) % 100);
    buf[2] = ':';
    put2(buf + 3, (unsigned)minutes % 60);
    buf[5] = 0;
}

const char *mr_weekday_name(int wd)
{
    return wd >= 0 && wd < 7 ? WEEKDAYS[wd] : "?";
}

int mr_weekday_parse(const char *s)
{
    for (int i = 0; s != NULL && i < 7; i++)
        if (strcmp(s, WEEKDAYS[i]) == 0)
            return i;
    return -1;
}

int mr_weekdays_parse(const char *s, unsigned *mask)
{
    char a[4], b[4];
    int from, to;

    if (s == NULL)
        return -1;
    if ((from = mr_weekday_parse(s)) >= 0) {
        *mask = 1u << from;
        return 0;
    }
    if (strlen(s) != 7 || s[3] != '-')
        return -1;
    memcpy(a, s, 3);
    a[3] = 0;
    memcpy(b, s + 4, 3);
    b[3] = 0;
    from = mr_weekday_parse(a);
    to = mr_weekday_parse(b);
    if (from < 0 || to < 0 || to < from)
        return -1;
    *mask = 0;
    for (int i = from; i <= to; i++)
        *mask |= 1u << i;
    return 0;
}

int mr_week_monday(int day)
{
    return day - mr_weekday(day);
}
