/* Unit tests for pagefurn: which lines are page numbers (each accepted
 * form and near misses), and what pagefurn_strip blanks on whole
 * documents: page numbers at either end, running headers and footers on
 * enough pages (and not on too few), a title equal to the header, lines
 * in the middle of a page, pdftotext -layout pages with blank lines and
 * indentation, empty and odd pages. */
#include "pagefurn.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pn(const char *s, int page) {
  return pagefurn_is_page_number(s, strlen(s), page);
}

START_TEST(page_number_forms) {
  ck_assert(pn("— 3 —", 3));
  ck_assert(pn("- 3 -", 3));
  ck_assert(pn("-3-", 3));
  ck_assert(pn("—3—", 3));
  ck_assert(pn("－３－", 3));
  ck_assert(pn("—— 12 ——", 40)); // a dashed number needs no nearness
  ck_assert(pn("  \t— 3 —\u3000", 3));
  ck_assert(pn("第3页", 3));
  ck_assert(pn("第 3 页", 9));
  ck_assert(pn("第 3 页 共 10 页", 3));
  ck_assert(pn("第3页，共10页", 3));
  ck_assert(pn("第3页/共10页", 3));
  ck_assert(pn("共 10 页 第 3 页", 3));
  ck_assert(pn("3 / 10", 3));
  ck_assert(pn("3/10", 3));
  ck_assert(pn("3／10", 3));
  ck_assert(pn("3", 3));
  ck_assert(pn("1", 4)); // numbering after a cover and a contents page
  ck_assert(pn("6", 3));
  ck_assert(pn("３", 3));
}
END_TEST

START_TEST(page_number_near_misses) {
  ck_assert(!pn("", 1));
  ck_assert(!pn("   ", 1));
  ck_assert(!pn("7", 3)); // a bare number far from the page index
  ck_assert(!pn("0", 1));
  ck_assert(!pn("2025", 3));
  ck_assert(!pn("123456", 3));
  ck_assert(!pn("—3", 3));
  ck_assert(!pn("3—", 3));
  ck_assert(!pn("- -", 3));
  ck_assert(!pn("—— 3 ———— ", 3)); // more than three dashes a side
  ck_assert(!pn("第3章", 3));
  ck_assert(!pn("第三页", 3));
  ck_assert(!pn("第 11 页 共 10 页", 3));
  ck_assert(!pn("第3页共", 3));
  ck_assert(!pn("3 / 2", 3));
  ck_assert(!pn("0 / 2", 3));
  ck_assert(!pn("3.5", 3));
  ck_assert(!pn("3 项", 3));
  ck_assert(!pn("一、总体情况", 3));
  ck_assert(!pn("\xff\xfe", 3));
}
END_TEST

/* Runs pagefurn_strip over copies of texts; returns the blanked count and
 * leaves the results in out (freed by free_pages). */
static int strip(const char *const *texts, int n, char **out) {
  pagefurn_page *pages = calloc((size_t)n, sizeof *pages);
  for (int i = 0; i < n; i++) {
    pages[i].text = strdup(texts[i]);
    pages[i].len = strlen(texts[i]);
  }
  int cut = pagefurn_strip(pages, n);
  for (int i = 0; i < n; i++) {
    ck_assert_uint_eq(strlen(pages[i].text), pages[i].len);
    out[i] = pages[i].text;
  }
  free(pages);
  return cut;
}

static void free_pages(char **out, int n) {
  for (int i = 0; i < n; i++)
    free(out[i]);
}

START_TEST(header_and_page_numbers_on_four_pages) {
  const char *in[] = {
      "XX报告\n香山街道报告\n第一段\n— 1 —",
      "XX报告\n第二段\n— 2 —",
      "XX报告\n第三段\n第四段\n— 3 —\n",
      "XX报告\n第五段\n— 4 —",
  };
  char *out[4];
  ck_assert_int_eq(strip(in, 4, out), 8);
  ck_assert_str_eq(out[0], "\n香山街道报告\n第一段\n");
  ck_assert_str_eq(out[1], "\n第二段\n");
  ck_assert_str_eq(out[2], "\n第三段\n第四段\n\n");
  ck_assert_str_eq(out[3], "\n第五段\n");
  free_pages(out, 4);
}
END_TEST

// A two-page report's running header is on both pages; a line on one
// page of the two stays.
START_TEST(header_on_both_of_two_pages) {
  const char *in[] = {"XX报告\n正文\n—1—", "XX报告\n正文二\n—2—"};
  char *out[2];
  ck_assert_int_eq(strip(in, 2, out), 4);
  ck_assert_str_eq(out[0], "\n正文\n");
  ck_assert_str_eq(out[1], "\n正文二\n");
  free_pages(out, 2);
  const char *once[] = {"XX报告\n正文\n—1—", "YY报告\n正文二\n—2—"};
  ck_assert_int_eq(strip(once, 2, out), 2);
  ck_assert_str_eq(out[0], "XX报告\n正文\n");
  ck_assert_str_eq(out[1], "YY报告\n正文二\n");
  free_pages(out, 2);
}
END_TEST

// On 3 of 8 pages: fewer than half; on 4 of 8: half, cut.
static void eight_pages(int with_footer, char buf[8][64], const char **in) {
  for (int i = 0; i < 8; i++) {
    if (i < with_footer)
      snprintf(buf[i], 64, "正文%d\n内容%d\n附件", i, i);
    else
      snprintf(buf[i], 64, "正文%d\n内容%d\n其他%d", i, i, i);
    in[i] = buf[i];
  }
}

START_TEST(footer_on_few_pages_stays) {
  char buf[8][64];
  const char *in[8];
  char *out[8];
  eight_pages(3, buf, in);
  ck_assert_int_eq(strip(in, 8, out), 0);
  ck_assert_str_eq(out[0], "正文0\n内容0\n附件");
  free_pages(out, 8);
  eight_pages(4, buf, in);
  ck_assert_int_eq(strip(in, 8, out), 4);
  ck_assert_str_eq(out[3], "正文3\n内容3\n");
  ck_assert_str_eq(out[4], "正文4\n内容4\n其他4");
  free_pages(out, 8);
}
END_TEST

// The title equals the running header: the header line goes, the title
// below it stays.
START_TEST(title_equal_to_header_stays) {
  const char *in[] = {"报告\n报告\n一、概况\n正文", "报告\n甲\n乙",
                      "报告\n丙\n丁"};
  char *out[3];
  ck_assert_int_eq(strip(in, 3, out), 3);
  ck_assert_str_eq(out[0], "\n报告\n一、概况\n正文");
  ck_assert_str_eq(out[1], "\n甲\n乙");
  free_pages(out, 3);
}
END_TEST

// Only the first and last two non-blank lines are looked at.
START_TEST(middle_lines_stay) {
  const char *in[] = {
      "a\nb\n3\n重复\nc\nd",
      "a2\nb2\n2\n重复\nc2\nd2",
      "a3\nb3\n重复\nc3\nd3",
  };
  char *out[3];
  ck_assert_int_eq(strip(in, 3, out), 0);
  ck_assert_str_eq(out[0], in[0]);
  ck_assert_str_eq(out[1], in[1]);
  free_pages(out, 3);
}
END_TEST

// pdftotext -layout: blank lines and centring blanks around furniture,
// a header with a page number that repeats and one that does not.
START_TEST(layout_text) {
  const char *in[] = {
      "\n      香山街道 2024 年度报告      \n\n   正文一\n\n\n"
      "                 -1-\n\n",
      "\n      香山街道 2024 年度报告\n\n   正文二\n\n                 -2-\n",
      "      香山街道 2024 年度报告\n   正文三\n   第 3 页 共 3 页",
  };
  char *out[3];
  ck_assert_int_eq(strip(in, 3, out), 6);
  ck_assert_str_eq(out[0], "\n\n\n   正文一\n\n\n\n\n");
  ck_assert_str_eq(out[1], "\n\n\n   正文二\n\n\n");
  ck_assert_str_eq(out[2], "\n   正文三\n");
  free_pages(out, 3);
}
END_TEST

START_TEST(odd_pages) {
  char *out[4];
  ck_assert_int_eq(pagefurn_strip(NULL, 0), 0);
  const char *empty[] = {"", "\n\n", "—1—", "\xff\xfe\n\x80"};
  ck_assert_int_eq(strip(empty, 4, out), 1);
  ck_assert_str_eq(out[0], "");
  ck_assert_str_eq(out[1], "\n\n");
  ck_assert_str_eq(out[2], ""); // dashed: a page number on any page
  ck_assert_str_eq(out[3], "\xff\xfe\n\x80");
  free_pages(out, 4);
}
END_TEST

/* pdftotext's text: pages split by form feeds; the page numbers at the
 * ends of each page become spaces, in place; a number inside the page or
 * a text without form feeds is left alone. */
START_TEST(saved_text_pages) {
  char text[] = "标题\n全年办理案件12件。\n\n             -1-\n\f"
                "第二页正文。\n12\n正文继续。\n  — 2 —\n\f末页。\n";
  size_t len = strlen(text);
  ck_assert_int_eq(pagefurn_blank_text_pages(text, len), 2);
  ck_assert_uint_eq(strlen(text), len);
  ck_assert_ptr_null(strstr(text, "-1-"));
  ck_assert_ptr_null(strstr(text, "— 2 —"));
  ck_assert_ptr_nonnull(strstr(text, "\n12\n"));
  char plain[] = "标题\n   -1-\n";
  ck_assert_int_eq(pagefurn_blank_text_pages(plain, strlen(plain)), 0);
  ck_assert_ptr_nonnull(strstr(plain, "-1-"));
}
END_TEST

/* A running header on both pages of a saved text (and the empty page
 * pdftotext leaves after the last form feed not counted): blanked in
 * place, the title under it kept. */
START_TEST(saved_text_running_header) {
  char text[] = "       香山街道法治政府建设年度报告（2024）\n\n"
                "   香山街道2024年度法治政府建设工作报告\n正文。\n\f"
                "       香山街道法治政府建设年度报告（2024）\n\n正文继续。\n\f";
  size_t len = strlen(text);
  ck_assert_int_eq(pagefurn_blank_text_pages(text, len), 2);
  ck_assert_uint_eq(strlen(text), len);
  ck_assert_ptr_null(strstr(text, "（2024）"));
  ck_assert_ptr_nonnull(strstr(text, "   香山街道2024年度法治政府建设工作报告\n"));
  ck_assert_ptr_nonnull(strstr(text, "\n正文继续。\n\f"));
}
END_TEST

extern Suite *pagefurn_suite(void);

Suite *pagefurn_suite(void) {
  Suite *s = suite_create("pagefurn");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, page_number_forms);
  tcase_add_test(tc, page_number_near_misses);
  tcase_add_test(tc, header_and_page_numbers_on_four_pages);
  tcase_add_test(tc, header_on_both_of_two_pages);
  tcase_add_test(tc, footer_on_few_pages_stays);
  tcase_add_test(tc, title_equal_to_header_stays);
  tcase_add_test(tc, middle_lines_stay);
  tcase_add_test(tc, layout_text);
  tcase_add_test(tc, odd_pages);
  tcase_add_test(tc, saved_text_pages);
  tcase_add_test(tc, saved_text_running_header);
  suite_add_tcase(s, tc);
  return s;
}
