/* Unit tests for marker: the one heading-marker grammar, its numerals
 * (the scanner's, 两 and 〇 included), full-width digits only where the
 * text is not folded yet, and Markdown hashes. */
#include <check.h>
#include <string.h>

#include "marker.h"

static size_t read_at(const char *s, int flags, marker *m) {
  return marker_read(s, strlen(s), flags, m);
}

START_TEST(numerals_are_the_scanners) {
  marker m;
  ck_assert_uint_eq(read_at("两、不足", 0, &m), strlen("两、"));
  ck_assert_int_eq(m.number, 2);
  ck_assert_uint_eq(read_at("一〇、其他", 0, &m), strlen("一〇、"));
  ck_assert_int_eq(m.number, 10);
  ck_assert_uint_eq(read_at("一百零五、其他", 0, &m), strlen("一百零五、"));
  ck_assert_int_eq(m.number, 105);
  /* 0 and 1000 are no ordinals; two digits side by side are no numeral */
  ck_assert_uint_eq(read_at("零、其他", 0, &m), 0);
  ck_assert_uint_eq(read_at("一千、其他", 0, &m), 0);
  ck_assert_uint_eq(read_at("一二、其他", 0, &m), 0);
  ck_assert_uint_eq(read_at("0.其他", 0, &m), 0);
  ck_assert_int_eq(m.mark, MARK_NONE);
  ck_assert_int_eq(m.number, 0);
}
END_TEST

START_TEST(full_width_digits_only_unfolded) {
  marker m;
  ck_assert_uint_eq(read_at("１．组织", 0, &m), 0);
  ck_assert_uint_eq(read_at("１．组织", MARKER_WIDE_DIGITS, &m),
                    strlen("１．"));
  ck_assert_int_eq(m.mark, MARK_AR_DOT);
  ck_assert_int_eq(m.number, 1);
  ck_assert_uint_eq(read_at("（１２）审查", MARKER_WIDE_DIGITS, &m),
                    strlen("（１２）"));
  ck_assert_int_eq(m.number, 12);
  /* a digit after the dot is a decimal, full-width or not */
  ck_assert_uint_eq(read_at("1.５倍", MARKER_WIDE_DIGITS, &m), 0);
  ck_assert_uint_eq(read_at("一.５", MARKER_WIDE_DIGITS, &m), 0);
  ck_assert_uint_eq(read_at("一.５", 0, &m), strlen("一."));
}
END_TEST

START_TEST(markdown_hashes_belong_to_the_marker) {
  marker m;
  ck_assert_uint_eq(read_at("## 一、主要举措", 0, &m), strlen("## 一、"));
  ck_assert_uint_eq(m.hashes, 3);
  ck_assert_int_eq(m.mark, MARK_CN_DUN);
  ck_assert_int_eq(m.level, 1);
  ck_assert_uint_eq(read_at("###其他", 0, &m), 3);
  ck_assert_int_eq(m.mark, MARK_NONE);
  ck_assert_int_eq(m.level, 2);
  ck_assert_uint_eq(read_at("#1", 0, &m), 0);
  ck_assert_uint_eq(read_at("####### 七", 0, &m), 0);
  ck_assert_uint_eq(marker_hashes("# 标题", strlen("# 标题")), 2);
  ck_assert(marker_is_paren(MARK_AR_PAREN));
  ck_assert(!marker_is_paren(MARK_CN_DUN));
}
END_TEST

extern Suite *marker_suite(void);
Suite *marker_suite(void) {
  Suite *s = suite_create("marker");
  TCase *tc = tcase_create("grammar");
  tcase_add_test(tc, numerals_are_the_scanners);
  tcase_add_test(tc, full_width_digits_only_unfolded);
  tcase_add_test(tc, markdown_hashes_belong_to_the_marker);
  suite_add_tcase(s, tc);
  return s;
}
