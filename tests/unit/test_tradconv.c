/* Unit tests for tradconv: which texts are traditional, and a conversion
 * that keeps every line's bytes where they were (OpenCC is opened at run
 * time, as a report in traditional characters would open it). */
#include "tradconv.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(detects_traditional_text) {
  const char *trad = "清河區2024年度法治政府建設情況報告\n"
                     "堅持以習近平新時代中國特色社會主義思想為指導，"
                     "紮實推進依法行政，法治政府建設取得新進展。";
  const char *simp = "清河区2024年度法治政府建设情况报告\n"
                     "坚持以习近平新时代中国特色社会主义思想为指导，"
                     "扎实推进依法行政，法治政府建设取得新进展。";
  ck_assert_int_eq(tradconv_is_traditional(trad, strlen(trad)), 1);
  ck_assert_int_eq(tradconv_is_traditional(simp, strlen(simp)), 0);
  // A few traditional names in a simplified report do not make it one.
  const char *names = "引用《國語》和“臺灣”两处。";
  ck_assert_int_eq(tradconv_is_traditional(names, strlen(names)), 0);
}
END_TEST

START_TEST(simplifies_line_by_line_in_place) {
  char text[] = "法治政府建設情況報告\n二、存在的不足和原因\n"
                "全年辦理行政復議案件12件。";
  size_t len = strlen(text);
  char why[256] = "";
  int n = tradconv_simplify(text, len, why, sizeof why);
  ck_assert_msg(n >= 0, "OpenCC: %s", why);
  ck_assert_uint_eq(strlen(text), len);
  ck_assert_str_eq(text, "法治政府建设情况报告\n二、存在的不足和原因\n"
                         "全年办理行政复议案件12件。");
}
END_TEST

extern Suite *tradconv_suite(void);

Suite *tradconv_suite(void) {
  Suite *s = suite_create("tradconv");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, detects_traditional_text);
  tcase_add_test(tc, simplifies_line_by_line_in_place);
  suite_add_tcase(s, tc);
  return s;
}
