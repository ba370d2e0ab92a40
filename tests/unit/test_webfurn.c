/* Unit tests for webfurn: a crawled or printed portal page's lines around
 * the report. At either end, the labelled furniture (breadcrumb, publishing
 * line, print buttons, footer) and the site's name and menu lines before
 * the last labelled line are blanked; the report's own short lines (an
 * issuer over the title, the signature) are kept; positions never move;
 * the page's date is returned. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "webfurn.h"

/* text after webfurn_blank_ends with each blanked line shown as "~". */
static char *blanked(const char *text, int *date) {
  size_t len = strlen(text);
  char *t = strdup(text);
  *date = webfurn_blank_ends(t, len);
  ck_assert_uint_eq(strlen(t), len); /* positions kept */
  char *out = malloc(len + 1);
  size_t n = 0;
  for (size_t a = 0; a < len;) {
    const char *nl = memchr(t + a, '\n', len - a);
    size_t b = nl ? (size_t)(nl - t) : len;
    int blank = 1;
    for (size_t i = a; i < b; i++)
      blank &= t[i] == ' ';
    if (blank && b > a && memcmp(t + a, text + a, b - a) != 0) {
      out[n++] = '~';
    } else {
      memcpy(out + n, t + a, b - a);
      n += b - a;
    }
    if (b < len)
      out[n++] = '\n';
    a = b + 1;
  }
  out[n] = '\0';
  free(t);
  return out;
}

START_TEST(site_lines_before_the_labelled_ones) {
  int date;
  char *s = blanked("某市人民政府\n首页\n政务公开\n互动交流\n"
                    "当前位置：首页 > 政务公开 > 年报\n"
                    "发布时间：2025-01-20 09:30 来源：某市司法局\n"
                    "某市司法局2024年政府信息公开工作年度报告\n"
                    "一、总体情况\n全年主动公开政府信息412条。\n"
                    "某市司法局\n2025年1月20日\n"
                    "【打印本页】 【关闭窗口】\n"
                    "主办：某市人民政府 承办：某市大数据中心\n"
                    "网站标识码：0000000000 备案号：某ICP备00000000号\n"
                    "建议使用1366×768分辨率浏览本网站\n",
                    &date);
  ck_assert_str_eq(s, "~\n~\n~\n~\n~\n~\n"
                      "某市司法局2024年政府信息公开工作年度报告\n"
                      "一、总体情况\n全年主动公开政府信息412条。\n"
                      "某市司法局\n2025年1月20日\n~\n~\n~\n~\n");
  ck_assert_int_eq(date, 20250120);
  free(s);
}
END_TEST

START_TEST(the_reports_own_short_lines_stay) {
  int date;
  /* an issuer over the title, with no labelled line before it */
  char *s =
      blanked("某市司法局\n2024年政府信息公开工作年度报告\n正文。\n", &date);
  ck_assert_str_eq(s, "某市司法局\n2024年政府信息公开工作年度报告\n正文。\n");
  ck_assert_int_eq(date, 0);
  free(s);
  /* after the labelled line: the issuer is the report's */
  s = blanked("发布日期：2025-01-20\n某市司法局\n"
              "2024年政府信息公开工作年度报告\n正文。\n",
              &date);
  ck_assert_str_eq(s,
                   "~\n某市司法局\n2024年政府信息公开工作年度报告\n正文。\n");
  ck_assert_int_eq(date, 20250120);
  free(s);
  /* a heading ends the search: 来源： further down is the report's */
  s = blanked("政务公开\n一、总体情况\n来源：统计年鉴\n共412条。\n", &date);
  ck_assert_str_eq(s, "政务公开\n一、总体情况\n来源：统计年鉴\n共412条。\n");
  free(s);
}
END_TEST

extern Suite *webfurn_suite(void);
Suite *webfurn_suite(void) {
  Suite *s = suite_create("webfurn");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, site_lines_before_the_labelled_ones);
  tcase_add_test(tc, the_reports_own_short_lines_stay);
  suite_add_tcase(s, tc);
  return s;
}
