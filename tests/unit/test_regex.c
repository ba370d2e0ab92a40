/* Unit tests for regex: UTF/UCP semantics, Chinese literals, named groups,
 * compile errors with offsets, and the match limit stopping a
 * catastrophic pattern. */
#include "regex.h"

#include <check.h>
#include <string.h>
#include <time.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *regex_suite(void);

static regex *compile_ok(const char *pat) {
  char err[256];
  size_t off = 0;
  regex *re = regex_compile(pat, strlen(pat), err, sizeof err, &off);
  ck_assert_msg(re != NULL, "compile %s: %s", pat, err);
  return re;
}

START_TEST(test_chinese_literal) {
  regex *re = compile_ok("法治政府建设.*报告");
  regex_ctx *c = regex_ctx_new(0, 0);
  const char *s = "某市2023年法治政府建设年度报告";
  size_t ms, me;
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), 0, &ms, &me), 1);
  ck_assert_uint_eq(ms, strlen("某市2023年"));
  ck_assert_uint_eq(me, strlen(s));
  ck_assert_str_eq(regex_source(re), "法治政府建设.*报告");
  ck_assert_int_eq(regex_test(c, re, "无关", strlen("无关")), 0);
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

// With UCP, \d is any Unicode decimal digit (Nd): full-width ０ and
// Arabic-Indic ٣ are digits; the Chinese numeral 三 and 〇 are not.
START_TEST(test_ucp_digit) {
  regex *re = compile_ok("^\\d$");
  regex_ctx *c = regex_ctx_new(0, 0);
  ck_assert_int_eq(regex_test(c, re, "7", 1), 1);
  ck_assert_int_eq(regex_test(c, re, "０", strlen("０")), 1);
  ck_assert_int_eq(regex_test(c, re, "٣", strlen("٣")), 1);
  ck_assert_int_eq(regex_test(c, re, "三", strlen("三")), 0);
  ck_assert_int_eq(regex_test(c, re, "〇", strlen("〇")), 0);
  regex_free(re);
  // . is one code point, not one byte.
  re = compile_ok("^.$");
  ck_assert_int_eq(regex_test(c, re, "法", strlen("法")), 1);
  regex_free(re);
  // \w covers Han characters under UCP.
  re = compile_ok("^\\w+$");
  ck_assert_int_eq(regex_test(c, re, "法治", strlen("法治")), 1);
  regex_free(re);
  regex_ctx_free(c);
}
END_TEST

START_TEST(test_find_from_offset) {
  regex *re = compile_ok("年");
  regex_ctx *c = regex_ctx_new(0, 0);
  const char *s = "2022年和2023年";
  size_t ms, me;
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), 0, &ms, &me), 1);
  ck_assert_uint_eq(ms, 4);
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), me, &ms, &me), 1);
  ck_assert_uint_eq(ms, strlen("2022年和2023"));
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), me, &ms, &me), 0);
  // A start inside a character is refused, not matched.
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), 5, &ms, &me), -1);
  ck_assert_ptr_nonnull(strstr(regex_ctx_error(c), "inside a UTF-8"));
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

START_TEST(test_named_groups) {
  regex *re = compile_ok("共(?<total>\\d+)件，其中(?<parts>.+)");
  ck_assert_int_eq(regex_group_count(re), 2);
  ck_assert_int_eq(regex_group_number(re, "total"), 1);
  ck_assert_int_eq(regex_group_number(re, "parts"), 2);
  ck_assert_int_eq(regex_group_number(re, "nope"), -1);
  regex_ctx *c = regex_ctx_new(0, 0);
  const char *s = "办理共12件，其中行政复议5件";
  size_t ms, me, gs, ge;
  ck_assert_int_eq(regex_find(c, re, s, strlen(s), 0, &ms, &me), 1);
  ck_assert_int_eq(regex_group(c, 1, &gs, &ge), 1);
  ck_assert_int_eq((int)(ge - gs), 2);
  ck_assert_int_eq(memcmp(s + gs, "12", 2), 0);
  ck_assert_int_eq(regex_group(c, 2, &gs, &ge), 1);
  ck_assert_uint_eq(ge, strlen(s));
  ck_assert_int_eq(regex_group(c, 3, &gs, &ge), 0);
  ck_assert_int_eq(regex_group(c, -1, &gs, &ge), 0);
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

START_TEST(test_unset_group) {
  regex *re = compile_ok("(a)|(b)");
  regex_ctx *c = regex_ctx_new(0, 0);
  size_t ms, me, gs, ge;
  ck_assert_int_eq(regex_find(c, re, "b", 1, 0, &ms, &me), 1);
  ck_assert_int_eq(regex_group(c, 1, &gs, &ge), 0);
  ck_assert_int_eq(regex_group(c, 2, &gs, &ge), 1);
  ck_assert_int_eq(regex_find(c, re, "x", 1, 0, &ms, &me), 0);
  ck_assert_int_eq(regex_group(c, 0, &gs, &ge), 0);
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

// More groups than the initial match data holds.
START_TEST(test_many_groups) {
  char pat[400] = "";
  for (int i = 0; i < 80; i++)
    strcat(pat, "(x)");
  regex *re = compile_ok(pat);
  ck_assert_int_eq(regex_group_count(re), 80);
  char s[81];
  memset(s, 'x', 80);
  s[80] = '\0';
  regex_ctx *c = regex_ctx_new(0, 0);
  size_t ms, me, gs, ge;
  ck_assert_int_eq(regex_find(c, re, s, 80, 0, &ms, &me), 1);
  ck_assert_int_eq(regex_group(c, 80, &gs, &ge), 1);
  ck_assert_uint_eq(gs, 79);
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

START_TEST(test_compile_error) {
  char err[256];
  size_t off = 99;
  regex *re = regex_compile("报告(", strlen("报告("), err, sizeof err, &off);
  ck_assert_ptr_null(re);
  ck_assert_str_eq(err, "missing closing parenthesis");
  ck_assert_uint_eq(off, strlen("报告("));
  re = regex_compile("a{2,1}", 6, err, sizeof err, &off);
  ck_assert_ptr_null(re);
  ck_assert_str_eq(err, "numbers out of order in {} quantifier");
  ck_assert_uint_eq(off, 5);
}
END_TEST

// Not NUL-terminated: only len bytes are the pattern.
START_TEST(test_compile_len) {
  regex *re = regex_compile("abXXX", 2, NULL, 0, NULL);
  ck_assert_ptr_nonnull(re);
  ck_assert_str_eq(regex_source(re), "ab");
  regex_free(re);
}
END_TEST

START_TEST(test_match_limit) {
  regex *re = compile_ok("(a+)+$");
  regex_ctx *c = regex_ctx_new(10000, 100);
  const char *s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
  clock_t t0 = clock();
  ck_assert_int_eq(regex_test(c, re, s, strlen(s)), -1);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  ck_assert_msg(secs < 1.0, "took %.2fs", secs);
  ck_assert_str_eq(regex_ctx_error(c),
                   "match limit exceeded (pattern too slow: catastrophic "
                   "backtracking?)");
  // The context is still usable, and the error is cleared.
  ck_assert_int_eq(regex_test(c, re, "aaa", 3), 1);
  ck_assert_str_eq(regex_ctx_error(c), "");
  regex_ctx_free(c);
  regex_free(re);
}
END_TEST

START_TEST(test_free_null) {
  regex_free(NULL);
  regex_ctx_free(NULL);
}
END_TEST

Suite *regex_suite(void) {
  Suite *s = suite_create("regex");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_chinese_literal);
  tcase_add_test(tc, test_ucp_digit);
  tcase_add_test(tc, test_find_from_offset);
  tcase_add_test(tc, test_named_groups);
  tcase_add_test(tc, test_unset_group);
  tcase_add_test(tc, test_many_groups);
  tcase_add_test(tc, test_compile_error);
  tcase_add_test(tc, test_compile_len);
  tcase_add_test(tc, test_match_limit);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);
  return s;
}
