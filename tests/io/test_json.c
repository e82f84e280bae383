/* Tests of io/json.c and io/csvout.c: the text buffer, JSON escaping and
 * numbers, the writer's commas, and RFC 4180 quoting. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "csvout.h"
#include "diag.h"
#include "json.h"
#include "suites.h"

static char *escaped(const char *s)
{
    mr_buf b;
    char *out;
    mr_buf_init(&b);
    ck_assert_int_eq(mr_json_escape(&b, s), MR_OK);
    ck_assert_int_eq(mr_buf_take(&b, &out), MR_OK);
    return out;
}

START_TEST(escape_quotes_backslash_and_controls)
{
    char *e = escaped("a\"b\\c\n\t\r\b\f\x01\x1f\x7f/é");
    ck_assert_str_eq(e, "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f/é\"");
    mr_free(e);
    e = escaped("");
    ck_assert_str_eq(e, "\"\"");
    mr_free(e);
    e = escaped(NULL);
    ck_assert_str_eq(e, "null");
    mr_free(e);
}
END_TEST

START_TEST(numbers_shortest_round_trip_and_no_nan)
{
    char b[40];
    mr_json_format_number(120, b, sizeof b);
    ck_assert_str_eq(b, "120");
    mr_json_format_number(0.1, b, sizeof b);
    ck_assert_str_eq(b, "0.1");
    mr_json_format_number(2.0 / 3.0, b, sizeof b);
    ck_assert_str_eq(b, "0.6666666666666666");
    mr_json_format_number(-1.5e-7, b, sizeof b);
    ck_assert_str_eq(b, "-1.5e-07");
    mr_json_format_number(-0.0, b, sizeof b);
    ck_assert_str_eq(b, "0");
    mr_json_format_number(NAN, b, sizeof b);
    ck_assert_str_eq(b, "null");
    mr_json_format_number(INFINITY, b, sizeof b);
    ck_assert_str_eq(b, "null");
    mr_json_format_number(-INFINITY, b, sizeof b);
    ck_assert_str_eq(b, "null");
}
END_TEST

START_TEST(writer_nests_with_commas)
{
    mr_json j;
    char *out;

    mr_json_init(&j);
    mr_json_object_begin(&j);
    mr_json_key(&j, "a");
    mr_json_int(&j, 1);
    mr_json_key(&j, "list");
    mr_json_array_begin(&j);
    mr_json_number(&j, 0.5);
    mr_json_string(&j, "x\"y");
    mr_json_null(&j);
    mr_json_bool(&j, 1);
    mr_json_object_begin(&j);
    mr_json_object_end(&j);
    mr_json_array_end(&j);
    mr_json_key(&j, "nan");
    mr_json_number(&j, NAN);
    mr_json_object_end(&j);
    ck_assert_int_eq(mr_json_finish(&j, &out), MR_OK);
    ck_assert_str_eq(out, "{\"a\": 1, \"list\": [0.5, \"x\\\"y\", null, true, "
                          "{}], \"nan\": null}");
    mr_free(out);
}
END_TEST

START_TEST(writer_refuses_unbalanced)
{
    mr_json j;
    char *out = (char *)1;

    mr_json_init(&j);
    mr_json_object_begin(&j);
    mr_json_key(&j, "a");
    ck_assert_int_eq(mr_json_finish(&j, &out), MR_EINVAL);
    ck_assert_ptr_null(out);
    mr_json_init(&j);
    mr_json_array_end(&j);
    ck_assert_int_eq(mr_json_finish(&j, &out), MR_EINVAL);
    mr_json_init(&j);
    ck_assert_int_eq(mr_json_finish(&j, &out), MR_EINVAL);   /* empty */
    mr_json_free(&j);
}
END_TEST

START_TEST(buffer_oom_is_sticky)
{
    mr_buf b;
    char *out = (char *)1;

    mr_buf_init(&b);
    ck_assert_int_eq(mr_buf_puts(&b, "abc"), MR_OK);
    mr_alloc_fail_at(1);
    char big[200];
    memset(big, 'x', sizeof big);
    ck_assert_int_eq(mr_buf_add(&b, big, sizeof big), MR_ENOMEM);
    mr_alloc_fail_at(0);
    ck_assert_int_eq(mr_buf_puts(&b, "d"), MR_ENOMEM);   /* sticky */
    ck_assert_str_eq(b.data, "abc");
    ck_assert_int_eq(mr_buf_take(&b, &out), MR_ENOMEM);
    ck_assert_ptr_null(out);
    ck_assert_ptr_null(b.data);
    ck_assert_int_eq(mr_buf_printf(&b, "%d-%s", 42, "z"), MR_OK);
    ck_assert_int_eq(mr_buf_take(&b, &out), MR_OK);
    ck_assert_str_eq(out, "42-z");
    mr_free(out);
}
END_TEST

START_TEST(csv_quotes_only_when_needed)
{
    const char *row[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r",
                         "", NULL, "  spaced "};
    mr_buf b;
    char *out;

    mr_buf_init(&b);
    ck_assert_int_eq(mr_csv_row(&b, row, 8), MR_OK);
    ck_assert_int_eq(mr_csv_row(&b, row, 1), MR_OK);
    ck_assert_int_eq(mr_buf_take(&b, &out), MR_OK);
    ck_assert_str_eq(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
                          "\"cr\r\",,,  spaced \r\nplain\r\n");
    mr_free(out);
}
END_TEST

Suite *suite_json(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, escape_quotes_backslash_and_controls);
    tcase_add_test(tc, numbers_shortest_round_trip_and_no_nan);
    tcase_add_test(tc, writer_nests_with_commas);
    tcase_add_test(tc, writer_refuses_unbalanced);
    tcase_add_test(tc, buffer_oom_is_sticky);
    tcase_add_test(tc, csv_quotes_only_when_needed);
    suite_add_tcase(s, tc);
    return s;
}
