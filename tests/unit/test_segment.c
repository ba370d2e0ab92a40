/* Unit tests for segment: title and year, heading markers and levels,
 * section nesting, unnumbered headings and the signature block. Docs are
 * built over normalised text (one paragraph a line). */
#include <check.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "scan.h"
#include "segment.h"

static doc d;

static void build(const char *text) {
  doc_init(&d, text, strlen(text));
  segment_run(&d);
  scan_run(&d);
  segment_signature(&d);
  ck_assert_int_eq(doc_check(&d), 0);
}

static int span_is(span s, const char *want) {
  return s.len == strlen(want) && memcmp(d.text + s.off, want, s.len) == 0;
}

START_TEST(title_over_two_lines) {
  build("姑苏区司法局2024年度\n法治政府建设工作报告\n"
        "2024年，在区委区政府的正确领导下，我局全力提升司法行政工作水平。\n"
        "一、聚力高效统筹法治\n正文。\n");
  ck_assert_int_eq(d.title_first, 0);
  ck_assert_int_eq(d.title_last, 1);
  ck_assert_int_eq(d.year, 2024);
  ck_assert(span_is(d.year_span, "2024"));
  ck_assert_int_eq(d.body_first, 2);
  ck_assert_int_eq(d.nhead, 1);
  doc_release(&d);
}
END_TEST

START_TEST(title_one_line_chinese_year) {
  build("某县二〇二四年度法治政府建设情况报告\n正文。\n");
  ck_assert_int_eq(d.title_first, 0);
  ck_assert_int_eq(d.title_last, 0);
  ck_assert_int_eq(d.year, 2024);
  doc_release(&d);
}
END_TEST

START_TEST(title_absent_for_body_first_line) {
  build("2024年，全市司法行政系统坚持围绕中心、服务大局。\n正文。\n");
  ck_assert_int_eq(d.title_first, -1);
  ck_assert_int_eq(d.year, 0);
  doc_release(&d);
}
END_TEST

static void marker_is(const char *s, size_t want_len, doc_mark mark,
                      int level, int number) {
  doc_mark m;
  int l, n;
  size_t got = segment_heading_marker(s, strlen(s), &m, &l, &n);
  ck_assert_msg(got == want_len, "%s: length %zu, want %zu", s, got,
                want_len);
  if (want_len) {
    ck_assert_int_eq(m, mark);
    ck_assert_int_eq(l, level);
    ck_assert_int_eq(n, number);
  }
}

START_TEST(heading_markers) {
  marker_is("一、总体情况", strlen("一、"), MARK_CN_DUN, 1, 1);
  marker_is("十二、其他", strlen("十二、"), MARK_CN_DUN, 1, 12);
  marker_is("第三部分 存在问题", strlen("第三部分"), MARK_PART, 1, 3);
  marker_is("一.总体情况", strlen("一."), MARK_CN_DOT, 1, 1);
  marker_is("（二）加强领导", strlen("（二）"), MARK_CN_PAREN, 2, 2);
  marker_is("(二)加强领导", strlen("(二)"), MARK_CN_HPAREN, 2, 2);
  marker_is("（二）、加强领导", strlen("（二）、"), MARK_CN_PAREN_DUN, 2, 2);
  marker_is("3.严格执法", 2, MARK_AR_DOT, 3, 3);
  marker_is("3．严格执法", 1 + strlen("．"), MARK_AR_DOT, 3, 3);
  marker_is("12、严格执法", 2 + strlen("、"), MARK_AR_DUN, 3, 12);
  marker_is("（4）案卷评查", strlen("（4）"), MARK_AR_PAREN, 4, 4);
  marker_is("一是加强领导", 0, MARK_NONE, 0, 0);
  marker_is("1.0版本上线", 0, MARK_NONE, 0, 0);
  marker_is("2024年，全区", 0, MARK_NONE, 0, 0);
  marker_is("第一责任人", 0, MARK_NONE, 0, 0);
  /* the scanner's numerals: 两 and 〇 are digits of a marker too */
  marker_is("两、存在的不足", strlen("两、"), MARK_CN_DUN, 1, 2);
  marker_is("一〇、其他", strlen("一〇、"), MARK_CN_DUN, 1, 10);
  marker_is("（二〇）其他", strlen("（二〇）"), MARK_CN_PAREN, 2, 20);
  marker_is("零、其他", 0, MARK_NONE, 0, 0);
  marker_is("0.其他", 0, MARK_NONE, 0, 0);
}
END_TEST

/* Normalisation and segmentation read markers with one grammar: a line
 * segment takes for a heading is never glued to the line before it. */
START_TEST(normalised_headings_stand_alone) {
  const char *src = "某区2024年度法治政府建设情况报告\n一、主要举措\n"
                    "正文一句话，没有句号\n两、存在的不足\n正文，没有句号\n"
                    "一〇、其他\n正文。\n";
  model_input in = {src, strlen(src), 0, NULL};
  normtext nt;
  linemap lm;
  model_build(&in, &nt, &lm, &d);
  ck_assert_int_eq(d.nhead, 3);
  ck_assert_int_eq(d.heads[1].number, 2);
  ck_assert_int_eq(d.heads[2].number, 10);
  ck_assert(span_is(d.heads[2].text, "其他"));
  doc_release(&d);
  linemap_release(&lm);
  normtext_release(&nt);
}
END_TEST

START_TEST(sections_nest_by_level) {
  build("某区2024年度法治政府建设情况报告\n"
        "一、主要举措和成效\n（一）加强领导。正文。\n1.制度\n2.执行\n"
        "（二）严格执法\n正文。\n二、存在的不足和原因\n正文。\n");
  ck_assert_int_eq(d.nhead, 6);
  ck_assert_int_eq(d.heads[0].level, 1);
  ck_assert_int_eq(d.heads[1].level, 2);
  ck_assert(span_is(d.heads[1].text, "加强领导"));
  ck_assert_int_eq(d.heads[2].level, 3);
  ck_assert_int_eq(d.sections[1].parent, 0);
  ck_assert_int_eq(d.sections[2].parent, 1);
  ck_assert_int_eq(d.sections[3].parent, 1);
  ck_assert_int_eq(d.sections[4].parent, 0);
  ck_assert_int_eq(d.sections[5].parent, -1);
  ck_assert_uint_eq(d.sections[0].end, d.sections[5].off);
  ck_assert_int_eq(d.paras[6].section, 4);
  doc_release(&d);
}
END_TEST

START_TEST(unnumbered_headings_without_numbered_ones) {
  build("坚定信心决心 以高水平法治支撑服务新实践\n"
        "拓展法治格局\n建设更高水平法治太仓\n"
        "法治是国家长治久安、社会安定有序、人民安居乐业的重要保障。市司法局始终"
        "坚持人民主体地位，积极回应人民群众新要求新期待，把增进人民福祉落实到全面"
        "依法治市全过程。\n");
  ck_assert_int_eq(d.nhead, 2);
  ck_assert_int_eq(d.heads[0].mark, MARK_NONE);
  ck_assert_int_eq(d.heads[0].para, 1);
  doc_release(&d);
}
END_TEST

START_TEST(signature_two_lines) {
  build("某区2024年度法治政府建设情况报告\n一、主要举措和成效\n正文。\n"
        "苏州市吴中区人民政府香山街道办事处\n2025年1月7日\n");
  ck_assert_int_eq(d.sig_issuer_para, 3);
  ck_assert(span_is(d.issuer, "苏州市吴中区人民政府香山街道办事处"));
  ck_assert_int_eq(d.sig_date, d.ndate - 1);
  ck_assert_int_eq(d.dates[d.sig_date].year, 2025);
  ck_assert_int_eq(d.body_last, 2);
  ck_assert_int_eq(d.paras[3].section, -1);
  ck_assert_uint_le(d.sections[0].end, d.paras[3].off);
  doc_release(&d);
}
END_TEST

START_TEST(signature_chinese_date_one_line) {
  build("某区2024年度法治政府建设情况报告\n正文。\n"
        "某区人民政府 二〇二五年一月七日\n");
  ck_assert_int_ge(d.sig_date, 0);
  ck_assert_int_eq(d.dates[d.sig_date].month, 1);
  ck_assert_int_eq(d.dates[d.sig_date].day, 7);
  ck_assert_int_eq(d.sig_issuer_para, 2);
  doc_release(&d);
}
END_TEST

START_TEST(banner_date_is_not_a_signature) {
  build("某区2024年度法治政府建设情况报告\n正文。\n发布时间：2025年4月20日\n");
  ck_assert_int_eq(d.sig_date, -1);
  ck_assert_int_eq(d.sig_issuer_para, -1);
  doc_release(&d);
}
END_TEST

/* DOCX styles come with the reader's output as data, one level per line
 * (-1 the title, 0 body): a styled line without a number is a heading of
 * its level; a numbered one keeps its marker's. */
START_TEST(style_levels_from_reader) {
  const char *text = "某区2024年度法治政府建设情况报告\n主要举措\n"
                     "正文。\n一、存在的不足\n具体措施\n正文。\n";
  int levels[] = {-1, 1, 0, 1, 2, 0};
  extracted x;
  extracted_init(&x);
  x.line_level = levels;
  x.nline_level = 6;
  model_input in = {text, strlen(text), NORMALIZE_NO_JOIN, &x};
  normtext nt;
  linemap lm;
  model_build(&in, &nt, &lm, &d);
  ck_assert_int_eq(doc_check(&d), 0);
  ck_assert_int_eq(d.paras[1].style, 1);
  ck_assert_int_eq(d.nhead, 3);
  ck_assert_int_eq(d.heads[0].mark, MARK_NONE);
  ck_assert_int_eq(d.heads[0].level, 1);
  ck_assert_int_eq(d.heads[1].mark, MARK_CN_DUN);
  ck_assert_int_eq(d.heads[2].level, 2);
  ck_assert_int_eq(d.heads[2].para, 4);
  doc_release(&d);
  linemap_release(&lm);
  normtext_release(&nt);
  x.line_level = NULL;
  extracted_release(&x);
}
END_TEST

START_TEST(empty_text) {
  build("");
  ck_assert_int_eq(d.npara, 0);
  ck_assert_int_eq(d.nhead, 0);
  ck_assert_int_eq(d.sig_date, -1);
  doc_release(&d);
}
END_TEST

extern Suite *segment_suite(void);
Suite *segment_suite(void) {
  Suite *s = suite_create("segment");
  TCase *tc = tcase_create("model");
  tcase_add_test(tc, title_over_two_lines);
  tcase_add_test(tc, title_one_line_chinese_year);
  tcase_add_test(tc, title_absent_for_body_first_line);
  tcase_add_test(tc, heading_markers);
  tcase_add_test(tc, sections_nest_by_level);
  tcase_add_test(tc, unnumbered_headings_without_numbered_ones);
  tcase_add_test(tc, signature_two_lines);
  tcase_add_test(tc, signature_chinese_date_one_line);
  tcase_add_test(tc, banner_date_is_not_a_signature);
  tcase_add_test(tc, style_levels_from_reader);
  tcase_add_test(tc, normalised_headings_stand_alone);
  tcase_add_test(tc, empty_text);
  suite_add_tcase(s, tc);
  return s;
}
