/* Tests of model/date.c: civil dates, weekdays, parsing. */
#include <check.h>

#include "date.h"
#include "suites.h"

START_TEST(civil_round_trip)
{
    int y, m, d;
    for (int z = -800000; z < 800000; z += 97) {
        mr_civil_from_days(z, &y, &m, &d);
        ck_assert_int_eq(mr_days_from_civil(y, m, d), z);
    }
    ck_assert_int_eq(mr_days_from_civil(1970, 1, 1), 0);
}
END_TEST

START_TEST(weekday_of_known_dates)
{
    /* 1 Dec 2026 is a Tuesday; 25 Dec 2026 a Friday; 29 Feb 2028 a Tuesday. */
    ck_assert_int_eq(mr_weekday(mr_days_from_civil(2026, 12, 1)), 1);
    ck_assert_int_eq(mr_weekday(mr_days_from_civil(2026, 12, 25)), 4);
    ck_assert_int_eq(mr_weekday(mr_days_from_civil(2028, 2, 29)), 1);
    ck_assert_int_eq(mr_weekday(mr_days_from_civil(1969, 12, 31)), 2);
}
END_TEST

START_TEST(date_parse_is_strict)
{
    int d;
    ck_assert_int_eq(mr_date_parse("2026-12-01", &d), 0);
    ck_assert_int_eq(d, mr_days_from_civil(2026, 12, 1));
    ck_assert_int_eq(mr_date_parse("2026-02-29", &d), -1);
    ck_assert_int_eq(mr_date_parse("2028-02-29", &d), 0);
    ck_assert_int_eq(mr_date_parse("2026-13-01", &d), -1);
    ck_assert_int_eq(mr_date_parse("2026-12-1", &d), -1);
    ck_assert_int_eq(mr_date_parse("2026/12/01", &d), -1);
    ck_assert_int_eq(mr_date_parse("", &d), -1);
    ck_assert_int_eq(mr_date_parse(NULL, &d), -1);
}
END_TEST

START_TEST(time_and_month_parse)
{
    int t, y, m;
    ck_assert_int_eq(mr_time_parse("08:30", &t), 0);
    ck_assert_int_eq(t, 510);
    ck_assert_int_eq(mr_time_parse("24:00", &t), 0);
    ck_assert_int_eq(mr_time_parse("24:01", &t), -1);
    ck_assert_int_eq(mr_time_parse("8:30", &t), -1);
    ck_assert_int_eq(mr_time_parse("12:60", &t), -1);
    ck_assert_int_eq(mr_month_parse("2026-12", &y, &m), 0);
    ck_assert_int_eq(y * 100 + m, 202612);
    ck_assert_int_eq(mr_month_parse("2026-00", &y, &m), -1);
}
END_TEST

START_TEST(weekday_ranges)
{
    unsigned mask;
    ck_assert_int_eq(mr_weekdays_parse("mon-fri", &mask), 0);
    ck_assert_uint_eq(mask, 0x1Fu);
    ck_assert_int_eq(mr_weekdays_parse("sat", &mask), 0);
    ck_assert_uint_eq(mask, 0x20u);
    ck_assert_int_eq(mr_weekdays_parse("fri-mon", &mask), -1);
    ck_assert_int_eq(mr_weekdays_parse("monday", &mask), -1);
}
END_TEST

Suite *suite_date(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("date");
    tcase_add_test(tc, civil_round_trip);
    tcase_add_test(tc, weekday_of_known_dates);
    tcase_add_test(tc, date_parse_is_strict);
    tcase_add_test(tc, time_and_month_parse);
    tcase_add_test(tc, weekday_ranges);
    suite_add_tcase(s, tc);
    return s;
}
