/* Unit tests for the engine: every rule type end to end through the public
 * API. Each test writes a tiny rule directory (mkdtemp, one YAML file, gone
 * again right after loading), checks a small report text (one paragraph a
 * line, a title line first) and asserts the exact findings: rule id,
 * severity, expanded message, 1-based code-point line/column/end column
 * (exclusive) and excerpt, and that clean texts produce no finding. */
#include "report.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *engine_suite(void);

#define TITLE "某区2024年度法治政府建设情况报告\n"
#define TITLE_END 19 /* 18 code points, end column exclusive */

/* One rule directory, its context and the last checked report. */
typedef struct lint {
  char dir[32];
  rl_ctx *ctx;
  rl_report *r;
  rl_diag diag;
  int rc;
} lint;

static void lint_load(lint *t, const char *yaml, const rl_options *opts) {
  memset(t, 0, sizeof *t);
  snprintf(t->dir, sizeof t->dir, "/tmp/rl-engine-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(t->dir));
  char path[64];
  snprintf(path, sizeof path, "%s/rules.yaml", t->dir);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(yaml, f);
  fclose(f);
  t->ctx = rl_ctx_new(opts);
  diag_clear(&t->diag);
  int rc = rl_ctx_load_rules(t->ctx, t->dir, &t->diag);
  remove(path);
  rmdir(t->dir);
  ck_assert_msg(rc == 0, "%s:%d:%d: %s", t->diag.file, t->diag.line,
                t->diag.col, t->diag.msg);
}

/* Checks text with the loaded rules; replaces the previous report. */
static void lint_check(lint *t, const char *text) {
  rl_report_free(t->r);
  diag_clear(&t->diag);
  t->r = rl_report_from_text(t->ctx, "t.txt", text, strlen(text), &t->diag);
  ck_assert_ptr_nonnull(t->r);
  ck_assert_int_eq(doc_check(&t->r->d), 0);
  t->rc = rl_report_check(t->ctx, t->r, &t->diag);
}

static void lint_run(lint *t, const char *yaml, const char *text) {
  lint_load(t, yaml, NULL);
  lint_check(t, text);
  ck_assert_msg(t->rc == 0, "check failed: %s", t->diag.msg);
}

static void lint_done(lint *t) {
  rl_report_free(t->r);
  rl_ctx_free(t->ctx);
}

/* All findings, one a line, for failure messages. */
static const char *dump(const lint *t) {
  static char buf[8192];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->r->findings.n && n < sizeof buf - 1; i++) {
    const finding *f = &t->r->findings.v[i];
    int k = snprintf(buf + n, sizeof buf - n, "\n  %d:%d-%d:%d %s [%s] %s",
                     f->line, f->col, f->end_line, f->end_col,
                     rules_severity_name(f->severity), f->rule_id, f->message);
    if (k < 0)
      break;
    n += (size_t)k;
  }
  return buf;
}

static void expect_count(const lint *t, size_t n) {
  ck_assert_msg(t->r->findings.n == n, "want %zu findings, got %zu:%s", n,
                t->r->findings.n, dump(t));
}

/* Finding i (in sorted order) is exactly this, on one line. */
static void expect_finding(const lint *t, size_t i, const char *id,
                           rl_severity sev, const char *msg, int line, int col,
                           int end_col) {
  ck_assert_msg(i < t->r->findings.n, "no finding %zu:%s", i, dump(t));
  const finding *f = &t->r->findings.v[i];
  ck_assert_str_eq(f->rule_id, id);
  ck_assert_int_eq(f->severity, sev);
  ck_assert_str_eq(f->message, msg);
  ck_assert_int_eq(f->line, line);
  ck_assert_int_eq(f->col, col);
  ck_assert_int_eq(f->end_line, line);
  ck_assert_int_eq(f->end_col, end_col);
}

static const char *excerpt(const lint *t, size_t i) {
  ck_assert_msg(i < t->r->findings.n, "no finding %zu:%s", i, dump(t));
  return t->r->findings.v[i].excerpt;
}

/* --- section --------------------------------------------------------- */

#define MEASURES_YAML                                                          \
  "rules:\n"                                                                   \
  "  - id: section.measures\n"                                                 \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: measures\n"                                                        \
  "    message: '缺少“{key}”部分'\n"                                   \
  "    headings: 主要举措\n"                                               \
  "    fallback: '主要举措是(\\S{2})'\n"                                  \
  "    fallback_severity: info\n"                                              \
  "    fallback_message: '正文提到“{0}”（{1}），但“{key}”没有单独标题'\n"

START_TEST(section_found_by_heading) {
  lint t;
  lint_run(&t, MEASURES_YAML,
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(section_missing) {
  lint t;
  lint_run(&t, MEASURES_YAML, TITLE "一、存在的不足\n还有差距。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.measures", RL_SEV_ERROR, "缺少“measures”部分",
                 1, 1, TITLE_END);
  ck_assert_str_eq(excerpt(&t, 0), "某区2024年度法治政府建设情况报告");
  lint_done(&t);
}
END_TEST

START_TEST(section_missing_title_forms) {
  lint t;
  // A title over two lines: reported on its first line only.
  lint_run(&t, MEASURES_YAML,
           "某区司法局2024年度\n法治政府建设工作报告\n一、存在的不足\n"
           "还有差距。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.measures", RL_SEV_ERROR, "缺少“measures”部分",
                 1, 1, 12);
  ck_assert_str_eq(excerpt(&t, 0), "某区司法局2024年度");
  // No final newline in the input.
  lint_check(&t, "某区2024年度法治政府建设情况报告");
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.measures", RL_SEV_ERROR, "缺少“measures”部分",
                 1, 1, TITLE_END);
  lint_done(&t);
}
END_TEST

START_TEST(section_fallback) {
  lint t;
  lint_run(&t, MEASURES_YAML,
           TITLE "一、工作概况\n本区主要举措是强化执法，成效明显。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.measures", RL_SEV_INFO,
                 "正文提到“主要举措是强化”（强化），但“measures”没有单独标题",
                 3, 3, 10);
  ck_assert_str_eq(excerpt(&t, 0), "主要举措是强化");
  lint_done(&t);
}
END_TEST

START_TEST(section_not_required) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: section.other\n"
           "    type: section\n"
           "    severity: info\n"
           "    key: other\n"
           "    required: false\n"
           "    message: 没有其他情况\n"
           "    headings: 其他需要报告\n",
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

static void check_max_level(int max_level, size_t want) {
  char yaml[512];
  snprintf(yaml, sizeof yaml,
           "rules:\n"
           "  - id: section.reform\n"
           "    type: section\n"
           "    severity: error\n"
           "    key: reform\n"
           "    message: '缺少“{key}”部分'\n"
           "    headings: 深化改革\n"
           "    max_level: %d\n",
           max_level);
  lint t;
  lint_run(&t, yaml,
           TITLE "一、主要工作\n（一）深化改革\n全年办理行政复议案件12件。\n");
  expect_count(&t, want);
  if (want)
    expect_finding(&t, 0, "section.reform", RL_SEV_ERROR, "缺少“reform”部分", 1,
                   1, TITLE_END);
  lint_done(&t);
}

START_TEST(section_max_level) {
  check_max_level(1, 1); // the （一） heading is level 2
  check_max_level(2, 0);
  check_max_level(3, 0);
}
END_TEST

#define TOPICAL_YAML                                                           \
  "rules:\n"                                                                   \
  "  - id: section.measures\n"                                                 \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: measures\n"                                                        \
  "    message: '缺少“{key}”部分'\n"                                   \
  "    headings: 主要举措\n"                                               \
  "    topical: %s\n"                                                          \
  "  - id: section.shortcomings\n"                                             \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: shortcomings\n"                                                    \
  "    message: '缺少“{key}”部分'\n"                                   \
  "    headings: 不足\n"                                                     \
  "  - id: pattern.in-measures\n"                                              \
  "    type: pattern\n"                                                        \
  "    severity: info\n"                                                       \
  "    scope: section:measures\n"                                              \
  "    forbid: 执法\n"                                                       \
  "    message: '举措部分提到“{0}”'\n"

#define TOPICAL_TEXT                                                           \
  TITLE "一、依法全面履行政府职能\n深化放管服改革。\n"     \
        "二、严格规范公正文明执法\n规范执法行为。\n"        \
        "三、存在的不足和原因\n执法人员能力不足。\n"

START_TEST(section_topical) {
  char yaml[2048];
  snprintf(yaml, sizeof yaml, TOPICAL_YAML, "true");
  lint t;
  lint_run(&t, yaml, TOPICAL_TEXT);
  // The part is 一、 and 二、 (not 三、, claimed by shortcomings), so the
  // scoped pattern sees 执法 in both but not in 三、's body.
  expect_count(&t, 2);
  expect_finding(&t, 0, "pattern.in-measures", RL_SEV_INFO,
                 "举措部分提到“执法”", 4, 11, 13);
  expect_finding(&t, 1, "pattern.in-measures", RL_SEV_INFO,
                 "举措部分提到“执法”", 5, 3, 5);
  lint_done(&t);

  snprintf(yaml, sizeof yaml, TOPICAL_YAML, "false");
  lint_run(&t, yaml, TOPICAL_TEXT);
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.measures", RL_SEV_ERROR, "缺少“measures”部分",
                 1, 1, TITLE_END);
  lint_done(&t);
}
END_TEST

/* --- section-order and section-length -------------------------------- */

#define PARTS_YAML                                                             \
  "rules:\n"                                                                   \
  "  - id: section.measures\n"                                                 \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: measures\n"                                                        \
  "    message: 缺少举措\n"                                                \
  "    headings: 主要举措\n"                                               \
  "    order: 1\n"                                                             \
  "  - id: section.shortcomings\n"                                             \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: shortcomings\n"                                                    \
  "    message: 缺少不足\n"                                                \
  "    headings: 不足\n"                                                     \
  "    order: 2\n"                                                             \
  "  - id: section.plans\n"                                                    \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: plans\n"                                                           \
  "    message: 缺少安排\n"                                                \
  "    headings: 下一年度\n"                                               \
  "    order: 3\n"                                                             \
  "  - id: section.order\n"                                                    \
  "    type: section-order\n"                                                  \
  "    severity: warning\n"                                                    \
  "    message: '“{heading}”应放在“{after}”之后'\n"

START_TEST(section_order_wrong) {
  lint t;
  lint_run(&t, PARTS_YAML,
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                 "二、下一年度工作安排\n继续推进依法行政。\n"
                 "三、存在的不足和原因\n执法人员能力不足。\n");
  expect_count(&t, 1);
  // Reported at the part that stands too early, naming the part it
  // belongs after.
  expect_finding(&t, 0, "section.order", RL_SEV_WARNING,
                 "“二、下一年度工作安排”应放在“三、存在的不足和原因”之后", 4, 1,
                 11);
  lint_done(&t);
}
END_TEST

START_TEST(section_order_right) {
  lint t;
  lint_run(&t, PARTS_YAML,
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                 "二、存在的不足和原因\n执法人员能力不足。\n"
                 "三、下一年度工作安排\n继续推进依法行政。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

#define LENGTH_YAML                                                            \
  "rules:\n"                                                                   \
  "  - id: section.shortcomings\n"                                             \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: shortcomings\n"                                                    \
  "    message: 缺少不足\n"                                                \
  "    headings: 不足\n"                                                     \
  "    min_chars: 10\n"                                                        \
  "  - id: section.thin\n"                                                     \
  "    type: section-length\n"                                                 \
  "    severity: warning\n"                                                    \
  "    message: '“{heading}”部分只有{chars}字，过于简略（不少于{min}字）'\n"

START_TEST(section_length) {
  lint t;
  // The 12-character heading line is not counted: the body has 5.
  lint_run(&t, LENGTH_YAML, TITLE "一、存在的不足和原因分析\n还有差距。\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "section.thin", RL_SEV_WARNING,
      "“一、存在的不足和原因分析”部分只有5字，过于简略（不少于10字）", 2, 1,
      13);
  // Two body paragraphs, 5 + 8 characters, line breaks not counted.
  lint_check(&t,
             TITLE "一、存在的不足和原因分析\n还有差距。\n原因是培训不够。\n");
  expect_count(&t, 0);
  // The closing block belongs to no part and is not counted.
  lint_check(&t, TITLE "一、存在的不足和原因分析\n还有差距。\n"
                       "某区人民政府\n2025年1月7日\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "section.thin", RL_SEV_WARNING,
      "“一、存在的不足和原因分析”部分只有5字，过于简略（不少于10字）", 2, 1,
      13);
  lint_done(&t);
}
END_TEST

/* The order and the thresholds as the checking rules give them (the
 * section rules' own `order` and `min_chars` are the old spelling). */
#define SECTIONS_YAML                                                          \
  "rules:\n"                                                                   \
  "  - {id: section.measures, type: section, severity: error, key: "          \
  "measures, message: m, headings: 主要举措}\n"                            \
  "  - {id: section.shortcomings, type: section, severity: error, key: "      \
  "shortcomings, message: m, headings: 不足}\n"                              \
  "  - {id: section.plans, type: section, severity: error, key: plans, "      \
  "message: m, headings: 下一年度}\n"                                      \
  "  - id: section.order\n"                                                    \
  "    type: section-order\n"                                                  \
  "    severity: warning\n"                                                    \
  "    message: '“{heading}”应放在“{after}”之后'\n"

#define WRONG_ORDER_TEXT                                                       \
  TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"               \
        "二、下一年度工作安排\n继续推进依法行政。\n"                      \
        "三、存在的不足和原因\n执法人员能力不足。\n"

START_TEST(section_order_list) {
  lint t;
  lint_run(&t, SECTIONS_YAML "    order: [measures, shortcomings, plans]\n",
           WRONG_ORDER_TEXT);
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.order", RL_SEV_WARNING,
                 "“二、下一年度工作安排”应放在“三、存在的不足和原因”之后", 4, 1,
                 11);
  lint_done(&t);
  // Parts in an inner list may stand in either order; unnamed parts are
  // free.
  lint_run(&t, SECTIONS_YAML "    order: [measures, [shortcomings, plans]]\n",
           WRONG_ORDER_TEXT);
  expect_count(&t, 0);
  lint_done(&t);
  lint_run(&t, SECTIONS_YAML "    order: [measures, shortcomings]\n",
           WRONG_ORDER_TEXT);
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(section_length_map) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - {id: section.shortcomings, type: section, severity: error, "
           "key: shortcomings, message: m, headings: 不足}\n"
           "  - id: section.thin\n"
           "    type: section-length\n"
           "    severity: warning\n"
           "    message: '“{heading}”部分只有{chars}字（不少于{min}字）'\n"
           "    min_chars: {shortcomings: 10}\n",
           TITLE "一、存在的不足和原因分析\n还有差距。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "section.thin", RL_SEV_WARNING,
                 "“一、存在的不足和原因分析”部分只有5字（不少于10字）", 2, 1,
                 13);
  lint_done(&t);
}
END_TEST

/* --- pattern --------------------------------------------------------- */

#define FORBID_YAML                                                            \
  "rules:\n"                                                                   \
  "  - id: pattern.cutoff\n"                                                   \
  "    type: pattern\n"                                                        \
  "    severity: warning\n"                                                    \
  "    scope: paragraphs\n"                                                    \
  "    forbid: '(?<what>截至|截止)(\\d+)月底'\n"                         \
  "    message: '不应出现“{0}”（{what}，{2}月，{9}）'\n"

START_TEST(pattern_forbid_groups) {
  lint t;
  lint_run(&t, FORBID_YAML,
           TITLE "一、主要举措和成效\n截至10月底，共调处矛盾纠纷2000件。\n");
  expect_count(&t, 1);
  // A group the match does not have stays as written (an unknown name
  // does not load).
  expect_finding(&t, 0, "pattern.cutoff", RL_SEV_WARNING,
                 "不应出现“截至10月底”（截至，10月，{9}）", 3, 1, 7);
  ck_assert_str_eq(excerpt(&t, 0), "截至10月底");
  lint_check(&t,
             TITLE "一、主要举措和成效\n截至12月31日，共调处纠纷2000件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

/* Patterns see the normalised text; positions are the original's. */
START_TEST(pattern_original_columns) {
  lint t;
  lint_run(&t, FORBID_YAML,
           TITLE "一、主要举措和成效\n今年 截至１０月底，共调处矛盾纠纷。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.cutoff", RL_SEV_WARNING,
                 "不应出现“截至10月底”（截至，10月，{9}）", 3, 4, 10);
  // The excerpt quotes the source as written.
  ck_assert_str_eq(excerpt(&t, 0), "截至１０月底");
  // CRLF line ends do not shift lines or columns.
  lint_check(&t, "某区2024年度法治政府建设情况报告\r\n一、主要举措和成效\r\n"
                 "全年截至10月底，共调处矛盾纠纷。\r\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.cutoff", RL_SEV_WARNING,
                 "不应出现“截至10月底”（截至，10月，{9}）", 3, 3, 9);
  lint_done(&t);
}
END_TEST

START_TEST(pattern_unless) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: pattern.cutoff\n"
           "    type: pattern\n"
           "    severity: warning\n"
           "    forbid: '截至\\d+月底'\n"
           "    unless: 同比\n"
           "    message: 出现截止日期\n",
           TITLE "一、主要举措和成效\n截至10月底同比增长5%。\n"
                 "截至11月底，共调处矛盾纠纷2000件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.cutoff", RL_SEV_WARNING, "出现截止日期", 4, 1,
                 7);
  lint_done(&t);
}
END_TEST

#define TITLE_RULE_YAML                                                        \
  "rules:\n"                                                                   \
  "  - id: title.format\n"                                                     \
  "    type: pattern\n"                                                        \
  "    severity: error\n"                                                      \
  "    scope: title\n"                                                         \
  "    require: '法治(政府)?建设.*报告'\n"                             \
  "    message: 标题不规范\n"

START_TEST(pattern_require_title) {
  lint t;
  lint_run(&t, TITLE_RULE_YAML, TITLE "全年办理行政复议案件12件。\n");
  expect_count(&t, 0);
  // A title that lacks the words.
  lint_check(&t, "某区2024年度工作总结\n全年办理行政复议案件12件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "title.format", RL_SEV_ERROR, "标题不规范", 1, 1, 13);
  // No title at all: reported at the first line.
  lint_check(&t, "全年办理行政复议案件12件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "title.format", RL_SEV_ERROR, "标题不规范", 1, 1, 15);
  lint_done(&t);
}
END_TEST

START_TEST(pattern_require_signature) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: signature.missing\n"
           "    type: pattern\n"
           "    severity: warning\n"
           "    scope: signature\n"
           "    require: '\\d{4}年\\d{1,2}月\\d{1,2}日'\n"
           "    message: 没有落款\n",
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "signature.missing", RL_SEV_WARNING, "没有落款", 1, 1,
                 TITLE_END);
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                       "某区人民政府\n2025年1月7日\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(pattern_require_section) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: section.plans\n"
           "    type: section\n"
           "    severity: error\n"
           "    key: plans\n"
           "    required: false\n"
           "    message: 缺少安排\n"
           "    headings: 下一年度\n"
           "  - id: pattern.plans-year\n"
           "    type: pattern\n"
           "    severity: warning\n"
           "    scope: section:plans\n"
           "    require: '\\d{4}年'\n"
           "    message: 安排部分没有写明年份\n",
           TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  // The part is missing: that is the section rule's business, not ours.
  expect_count(&t, 0);
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                       "二、下一年度工作安排\n继续推进依法行政。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.plans-year", RL_SEV_WARNING,
                 "安排部分没有写明年份", 4, 1, 11);
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                       "二、下一年度工作安排\n2025年继续推进依法行政。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(pattern_headings_paragraphs) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: pattern.h\n"
           "    type: pattern\n"
           "    severity: info\n"
           "    scope: headings\n"
           "    forbid: 工作\n"
           "    message: 标题有“{0}”\n"
           "  - id: pattern.p\n"
           "    type: pattern\n"
           "    severity: info\n"
           "    scope: paragraphs\n"
           "    forbid: 工作\n"
           "    message: 正文有“{0}”\n",
           TITLE "一、主要工作情况\n全年工作扎实推进。\n"
                 "某区依法治区工作领导小组办公室\n2025年1月7日\n");
  // Neither scope covers the title or the signature.
  expect_count(&t, 2);
  expect_finding(&t, 0, "pattern.h", RL_SEV_INFO, "标题有“工作”", 2, 5, 7);
  expect_finding(&t, 1, "pattern.p", RL_SEV_INFO, "正文有“工作”", 3, 3, 5);
  lint_done(&t);
}
END_TEST

/* --- sequence -------------------------------------------------------- */

static void load_sequence(lint *t, const char *target) {
  char yaml[512];
  snprintf(yaml, sizeof yaml,
           "rules:\n"
           "  - id: numbering.sequence\n"
           "    type: sequence\n"
           "    severity: warning\n"
           "    check: %s\n"
           "    message: '编号“{marker}”{problem}，应为“{expected}”'\n",
           target);
  lint_load(t, yaml, NULL);
}

START_TEST(sequence_enum_repeat) {
  lint t;
  load_sequence(&t, "enumerations");
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "一是完善制度。二是强化执法。二是加强普法。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“二是”与上一项“二是”重复，应为“三是”", 3, 15, 17);
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "一是完善制度。二是强化执法。三是加强普法。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(sequence_enum_gap) {
  lint t;
  load_sequence(&t, "enumerations");
  lint_check(&t, TITLE "一、主要举措和成效\n一是完善制度。三是强化执法。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“三是”紧跟在“一是”之后，应为“二是”", 3, 8, 10);
  lint_done(&t);
}
END_TEST

START_TEST(sequence_enum_not_first) {
  lint t;
  load_sequence(&t, "enumerations");
  lint_check(&t, TITLE "一、主要举措和成效\n二是完善制度。三是强化执法。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“二是”没有从“一是”开始，应为“一是”", 3, 1, 3);
  // 第一 第二 第四: the same checks for another style.
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "第一，完善制度。第二，强化执法。第四，加强普法。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“第四”紧跟在“第二”之后，应为“第三”", 3, 17, 19);
  lint_done(&t);
}
END_TEST

START_TEST(sequence_enum_sections_restart) {
  lint t;
  load_sequence(&t, "all");
  lint_check(&t, TITLE "一、主要举措和成效\n一是完善制度。二是强化执法。\n"
                       "二、存在的不足和原因\n一是能力不足。二是培训不够。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(sequence_heading_gap) {
  lint t;
  load_sequence(&t, "headings");
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n"
                       "二、存在的不足和原因\n执法人员能力不足。\n"
                       "四、下一年度工作安排\n继续推进依法行政。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“四、”紧跟在“二、”之后，应为“三、”", 6, 1, 3);
  lint_done(&t);
}
END_TEST

START_TEST(sequence_arabic_continues) {
  lint t;
  load_sequence(&t, "all");
  lint_check(&t, TITLE "一、主要举措和成效\n（一）深化改革\n"
                       "1.完善制度体系。\n2.强化执法监督。\n"
                       "（二）规范执法\n3.规范执法行为。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

#define MIXED_TEXT                                                             \
  TITLE "一、主要举措和成效\n"                                        \
        "一是完善制度。二是强化执法。二是加强普法。\n"    \
        "三、存在的不足和原因\n执法人员能力不足。\n"

START_TEST(sequence_target_all) {
  lint t;
  load_sequence(&t, "all");
  lint_check(&t, MIXED_TEXT);
  expect_count(&t, 2);
  expect_finding(&t, 0, "numbering.sequence", RL_SEV_WARNING,
                 "编号“二是”与上一项“二是”重复，应为“三是”", 3, 15, 17);
  expect_finding(&t, 1, "numbering.sequence", RL_SEV_WARNING,
                 "编号“三、”紧跟在“一、”之后，应为“二、”", 4, 1, 3);
  lint_done(&t);
  load_sequence(&t, "headings");
  lint_check(&t, MIXED_TEXT);
  expect_count(&t, 1);
  ck_assert_int_eq(t.r->findings.v[0].line, 4);
  lint_done(&t);
  load_sequence(&t, "enumerations");
  lint_check(&t, MIXED_TEXT);
  expect_count(&t, 1);
  ck_assert_int_eq(t.r->findings.v[0].line, 3);
  lint_done(&t);
}
END_TEST

/* --- metric ---------------------------------------------------------- */

START_TEST(metric_range) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: metric.rate-range\n"
           "    type: metric\n"
           "    check: range\n"
           "    severity: error\n"
           "    label: '率|占比'\n"
           "    unit: '^%$'\n"
           "    exclude: '增长|同比'\n"
           "    min: 0\n"
           "    max: 100\n"
           "    message: '“{label}{value}”超出{min}—{max}%的范围'\n",
           TITLE "一、主要举措和成效\n行政机关负责人出庭应诉率达到102%。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.rate-range", RL_SEV_ERROR,
                 "“行政机关负责人出庭应诉率达到102%”超出0—100%的范围", 3, 15,
                 19);
  ck_assert_str_eq(excerpt(&t, 0), "102%");
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "行政机关负责人出庭应诉率达到100%，"
                       "案件办结率同比增长120%，办结120件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

#define SUM_YAML                                                               \
  "rules:\n"                                                                   \
  "  - id: metric.sum\n"                                                       \
  "    type: metric\n"                                                         \
  "    check: sum\n"                                                           \
  "    severity: error\n"                                                      \
  "    relation: %s\n"                                                         \
  "    pattern: '(?<total>\\d+[件次])[，,]?(其中|分别为)"              \
  "(?<parts>[^。；]*?\\d[^。；]*?)(?=[。；]|$)'\n"                       \
  "    message: '%s'\n"

START_TEST(metric_sum_eq) {
  char yaml[1024];
  snprintf(yaml, sizeof yaml, SUM_YAML, "eq",
           "分项之和与总数不符：{expr}（{parts}）");
  lint t;
  lint_run(&t, yaml,
           TITLE "一、主要举措和成效\n"
                 "全年办理行政复议案件15件，其中维持8件、纠错4件、终止2件。\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "metric.sum", RL_SEV_ERROR,
      "分项之和与总数不符：15 ≠ 8 + 4 + 2（维持8件、纠错4件、终止2件）", 3, 11,
      31);
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "全年办理行政复议案件14件，其中维持7件、纠错4件、"
                       "终止3件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(metric_sum_le) {
  char yaml[1024];
  snprintf(yaml, sizeof yaml, SUM_YAML, "le", "分项之和超过总数：{expr}");
  lint t;
  lint_run(&t, yaml,
           TITLE "一、主要举措和成效\n"
                 "全年办理行政复议案件10件，其中维持8件、纠错4件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.sum", RL_SEV_ERROR,
                 "分项之和超过总数：8 + 4 > 10", 3, 11, 26);
  // Parts may fall short of the total under `le`.
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "全年办理行政复议案件15件，其中维持8件、纠错4件、"
                       "终止2件。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(metric_share) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: metric.share\n"
           "    type: metric\n"
           "    check: share\n"
           "    severity: warning\n"
           "    label: 占比\n"
           "    unit: '^%$'\n"
           "    message: 同一句中的占比合计{sum}%，超过100%\n",
           TITLE "一、主要举措和成效\n"
                 "行政许可类案件占比60%，行政处罚类案件占比50%。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.share", RL_SEV_WARNING,
                 "同一句中的占比合计110%，超过100%", 3, 10, 26);
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "行政许可类案件占比60%。行政处罚类案件占比50%。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

#define CONSISTENCY_YAML                                                       \
  "rules:\n"                                                                   \
  "  - id: metric.consistency\n"                                               \
  "    type: metric\n"                                                         \
  "    check: consistency\n"                                                   \
  "    severity: warning\n"                                                    \
  "    label: '(?<key>出庭应诉率|复议案件)'\n"                        \
  "    message: '“{key}”前后不一致：{value}与{previous}'\n"

START_TEST(metric_consistency) {
  lint t;
  lint_run(&t, CONSISTENCY_YAML,
           TITLE "一、主要举措和成效\n行政机关负责人出庭应诉率为95%。\n"
                 "二、存在的不足和原因\n全年出庭应诉率为98%，仍有提升空间。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.consistency", RL_SEV_WARNING,
                 "“出庭应诉率”前后不一致：98%与95%", 5, 9, 12);
  // 约300 allows 270..330, so 310 can be the same figure ...
  lint_check(&t, TITLE "一、主要举措和成效\n办理复议案件约300件。\n"
                       "全年共办理复议案件310件。\n");
  expect_count(&t, 0);
  // ... but 340 cannot.
  lint_check(&t, TITLE "一、主要举措和成效\n办理复议案件约300件。\n"
                       "全年共办理复议案件340件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.consistency", RL_SEV_WARNING,
                 "“复议案件”前后不一致：340件与约300件", 4, 10, 14);
  lint_done(&t);
}
END_TEST

/* --- date ------------------------------------------------------------ */

#define DEADLINE_YAML                                                          \
  "rules:\n"                                                                   \
  "  - id: date.deadline\n"                                                    \
  "    type: date\n"                                                           \
  "    check: deadline\n"                                                      \
  "    deadline: '%s'\n"                                                       \
  "    severity: error\n"                                                      \
  "    message: '落款日期{date}晚于公开期限{deadline}"               \
  "（{year}年度报告）'\n"                                                \
  "%s"

#define BODY "一、主要举措和成效\n全年办理行政复议案件12件。\n"

static void load_deadline(lint *t, const char *deadline, const char *extra,
                          const rl_options *opts) {
  char yaml[1024];
  snprintf(yaml, sizeof yaml, DEADLINE_YAML, deadline, extra);
  lint_load(t, yaml, opts);
}

START_TEST(date_deadline) {
  lint t;
  load_deadline(&t, "+1-03-31", "", NULL);
  lint_check(&t, TITLE BODY "某区人民政府\n2025年4月8日\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "date.deadline", RL_SEV_ERROR,
      "落款日期2025年4月8日晚于公开期限2025年3月31日（2024年度报告）", 5, 1,
      10);
  lint_check(&t, TITLE BODY "某区人民政府\n2025年3月31日\n");
  expect_count(&t, 0);
  lint_check(&t, TITLE BODY "某区人民政府\n二〇二五年四月八日\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.deadline", RL_SEV_ERROR,
                 "落款日期二〇二五年四月八日晚于公开期限2025年3月31日"
                 "（2024年度报告）",
                 5, 1, 10);
  lint_done(&t);
}
END_TEST

START_TEST(date_deadline_month_end) {
  lint t;
  load_deadline(&t, "+1-02-end", "", NULL);
  // 2024 is a leap year: the 2023 report may be signed on 29 February.
  lint_check(&t, "某区2023年度法治政府建设情况报告\n" BODY
                 "某区人民政府\n2024年2月29日\n");
  expect_count(&t, 0);
  lint_check(&t, "某区2023年度法治政府建设情况报告\n" BODY
                 "某区人民政府\n2024年3月1日\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "date.deadline", RL_SEV_ERROR,
      "落款日期2024年3月1日晚于公开期限2024年2月29日（2023年度报告）", 5, 1,
      10);
  lint_check(&t, TITLE BODY "某区人民政府\n2025年3月1日\n");
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "date.deadline", RL_SEV_ERROR,
      "落款日期2025年3月1日晚于公开期限2025年2月28日（2024年度报告）", 5, 1,
      10);
  lint_done(&t);
}
END_TEST

#define GOV_LATE TITLE BODY "某区人民政府\n2025年4月8日\n"
#define DEPT_LATE TITLE BODY "某区司法局\n2025年4月8日\n"

START_TEST(date_deadline_department) {
  const char *dept = "    department: true\n    issuer: '局$'\n";
  lint t;
  load_deadline(&t, "+1-03-31", dept, NULL);
  lint_check(&t, GOV_LATE);
  expect_count(&t, 0);
  lint_check(&t, DEPT_LATE);
  expect_count(&t, 1);
  ck_assert_int_eq(t.r->findings.v[0].line, 5);
  lint_done(&t);

  // Without an issuer pattern only the context option makes a department.
  load_deadline(&t, "+1-03-31", "    department: true\n", NULL);
  lint_check(&t, DEPT_LATE);
  expect_count(&t, 0);
  lint_done(&t);
  rl_options opts = {.department = 1};
  load_deadline(&t, "+1-03-31", "    department: true\n", &opts);
  lint_check(&t, GOV_LATE);
  expect_count(&t, 1);
  expect_finding(
      &t, 0, "date.deadline", RL_SEV_ERROR,
      "落款日期2025年4月8日晚于公开期限2025年3月31日（2024年度报告）", 5, 1,
      10);
  lint_done(&t);
}
END_TEST

START_TEST(date_premature) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: date.premature\n"
           "    type: date\n"
           "    check: premature\n"
           "    severity: error\n"
           "    message: '{date}{problem}'\n",
           TITLE BODY "某区人民政府\n2024年12月20日\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.premature", RL_SEV_ERROR,
                 "2024年12月20日早于所报告年度结束", 5, 1, 12);
  lint_check(&t, TITLE "一、主要举措和成效\n"
                       "全区于2024年6月1日召开专题会议。\n"
                       "全区于2025年2月1日召开专题会议。\n"
                       "某区人民政府\n2025年1月10日\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.premature", RL_SEV_ERROR,
                 "2025年2月1日晚于报告落款日期“2025年1月10日”", 4, 4, 13);
  lint_check(&t, TITLE BODY "某区人民政府\n2025年1月10日\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(date_cutoff) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: metric.partial-year\n"
           "    type: date\n"
           "    check: cutoff\n"
           "    severity: warning\n"
           "    scope: paragraphs\n"
           "    message: '数据截止于“{0}”，不能反映{year}全年情况'\n"
           "    cutoff:\n"
           "      - '(截至|截止)([1-9]|1[01])月(底|末)?'\n"
           "      - 今年以来\n",
           TITLE "一、主要举措和成效\n截至10月底，共调处矛盾纠纷2000件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "metric.partial-year", RL_SEV_WARNING,
                 "数据截止于“截至10月底”，不能反映2024年全年情况", 3, 1, 7);
  lint_check(&t,
             TITLE "一、主要举措和成效\n截至12月底，共调处矛盾纠纷2000件。\n");
  expect_count(&t, 0);
  // A title without a year: the phrase is still a finding.
  lint_check(&t, "某区法治政府建设情况报告\n一、主要举措和成效\n"
                 "截至10月底，共调处矛盾纠纷2000件。\n");
  expect_count(&t, 1);
  // {year} reads 报告年度 then.
  expect_finding(&t, 0, "metric.partial-year", RL_SEV_WARNING,
                 "数据截止于“截至10月底”，不能反映报告年度全年情况", 3, 1, 7);
  lint_done(&t);
}
END_TEST

#define MISMATCH_YAML                                                          \
  "rules:\n"                                                                   \
  "  - id: section.plans\n"                                                    \
  "    type: section\n"                                                        \
  "    severity: error\n"                                                      \
  "    key: plans\n"                                                           \
  "    required: false\n"                                                      \
  "    message: 缺少安排\n"                                                \
  "    headings: 工作(打算|安排)\n"                                      \
  "  - id: date.year\n"                                                        \
  "    type: date\n"                                                           \
  "    check: year-mismatch\n"                                                 \
  "    severity: error\n"                                                      \
  "    message: '{found}年与报告年度不符，应为{expected}年'\n"

START_TEST(date_year_mismatch) {
  lint t;
  lint_run(&t, MISMATCH_YAML,
           TITLE "2023年，全区坚持依法行政，各项工作取得新进展。\n" BODY);
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.year", RL_SEV_ERROR,
                 "2023年与报告年度不符，应为2024年", 2, 1, 6);
  lint_check(&t, TITLE "2024年，全区坚持依法行政，各项工作取得新进展。\n" BODY);
  expect_count(&t, 0);
  lint_check(&t, TITLE "一、2023年工作情况\n全年办理行政复议案件12件。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.year", RL_SEV_ERROR,
                 "2023年与报告年度不符，应为2024年", 2, 3, 8);
  // Without `plans`, a plans heading naming the report year is fine.
  lint_check(&t, TITLE BODY "二、2024年工作打算\n继续推进依法行政。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

START_TEST(date_year_mismatch_plans) {
  lint t;
  lint_run(&t, MISMATCH_YAML "    plans: plans\n",
           TITLE BODY "二、2024年工作打算\n继续推进依法行政。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "date.year", RL_SEV_ERROR,
                 "2024年与报告年度不符，应为2025年", 4, 3, 8);
  lint_check(&t, TITLE BODY "二、2025年工作打算\n继续推进依法行政。\n");
  expect_count(&t, 0);
  lint_done(&t);
}
END_TEST

/* --- switches: when, enabled, run-time failure ----------------------- */

START_TEST(when_year_min) {
  lint t;
  lint_run(&t,
           "rules:\n"
           "  - id: pattern.new\n"
           "    type: pattern\n"
           "    severity: info\n"
           "    forbid: 执法\n"
           "    message: 提到执法\n"
           "    when:\n"
           "      year_min: 2021\n",
           "某区2020年度法治政府建设情况报告\n一、主要举措和成效\n"
           "规范执法行为。\n");
  expect_count(&t, 0);
  lint_check(&t, "某区2021年度法治政府建设情况报告\n一、主要举措和成效\n"
                 "规范执法行为。\n");
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.new", RL_SEV_INFO, "提到执法", 3, 3, 5);
  lint_done(&t);
}
END_TEST

#define DISABLED_YAML                                                          \
  "rules:\n"                                                                   \
  "  - id: pattern.off\n"                                                      \
  "    type: pattern\n"                                                        \
  "    severity: info\n"                                                       \
  "    enabled: false\n"                                                       \
  "    forbid: 执法\n"                                                       \
  "    message: 提到执法\n"                                                \
  "  - id: metric.rate\n"                                                      \
  "    type: metric\n"                                                         \
  "    check: range\n"                                                         \
  "    severity: error\n"                                                      \
  "    enabled: false\n"                                                       \
  "    label: 率\n"                                                           \
  "    max: 100\n"                                                             \
  "    message: 超过{max}\n"                                                 \
  "  - id: metric.share\n"                                                     \
  "    type: metric\n"                                                         \
  "    check: share\n"                                                         \
  "    severity: warning\n"                                                    \
  "    enabled: false\n"                                                       \
  "    label: 占比\n"                                                        \
  "    message: 合计{sum}\n"

#define DISABLED_TEXT                                                          \
  TITLE "一、主要举措和成效\n规范执法行为。\n"                 \
        "出庭应诉率达到102%。\n"                                       \
        "许可类占比60%，处罚类占比50%。\n"

START_TEST(enabled_false) {
  lint t;
  lint_run(&t, DISABLED_YAML, DISABLED_TEXT);
  expect_count(&t, 0);

  rl_diag d;
  diag_clear(&d);
  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "pattern.off", 1, &d), 0);
  lint_check(&t, DISABLED_TEXT);
  expect_count(&t, 1);
  expect_finding(&t, 0, "pattern.off", RL_SEV_INFO, "提到执法", 3, 3, 5);

  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "metric.", 1, &d), 0);
  lint_check(&t, DISABLED_TEXT);
  expect_count(&t, 3);
  expect_finding(&t, 1, "metric.rate", RL_SEV_ERROR, "超过100", 4, 8, 12);
  expect_finding(&t, 2, "metric.share", RL_SEV_WARNING, "合计110", 5, 6, 18);

  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "metric.*", 0, &d), 0);
  lint_check(&t, DISABLED_TEXT);
  expect_count(&t, 1);

  // "metric" without the dot is an id, and there is no such rule.
  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "metric", 1, &d), -1);
  diag_clear(&d);
  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "nope.rule", 1, &d), -1);
  ck_assert_int_eq(d.kind, DIAG_USAGE);
  ck_assert_ptr_nonnull(strstr(d.msg, "nope.rule"));
  lint_done(&t);
}
END_TEST

/* The catastrophic pattern runs out of the match limit on each of
 * `lines` paragraphs of 40 a's (each ended by a sentence and a blank
 * line, else the normaliser joins them into one). */
static void catastrophic_text(char *text, size_t cap, int lines) {
  int n = snprintf(text, cap, "%s一、主要举措和成效\n规范执法行为。\n", TITLE);
  for (int i = 0; i < lines; i++)
    n += snprintf(text + n, cap - (size_t)n, "%s!%s\n",
                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                  lines > 1 ? "\n本段完。\n" : "");
}

START_TEST(catastrophic_pattern) {
  char text[1024];
  catastrophic_text(text, sizeof text, ENGINE_MAX_TOO_LONG + 1);
  lint t;
  lint_load(&t,
            "rules:\n"
            "  - id: pattern.fine\n"
            "    type: pattern\n"
            "    severity: info\n"
            "    forbid: 执法\n"
            "    message: 提到执法\n"
            "  - id: pattern.slow\n"
            "    type: pattern\n"
            "    severity: info\n"
            "    scope: paragraphs\n"
            "    forbid: '(a+)+$'\n"
            "    message: 慢\n",
            NULL);
  lint_check(&t, text);
  ck_assert_int_eq(t.rc, -1);
  ck_assert_int_eq(t.diag.kind, DIAG_RULES);
  ck_assert_msg(strstr(t.diag.msg, "pattern.slow") != NULL, "diag: %s",
                t.diag.msg);
  ck_assert_msg(strstr(t.diag.msg, "match limit") != NULL, "diag: %s",
                t.diag.msg);
  // The other rule's findings are kept, and the lines before it failed.
  expect_count(&t, 1 + ENGINE_MAX_TOO_LONG);
  expect_finding(&t, 0, "pattern.fine", RL_SEV_INFO, "提到执法", 3, 3, 5);
  lint_done(&t);
}
END_TEST

#define SLOW_YAML                                                              \
  "rules:\n"                                                                   \
  "  - id: pattern.fine\n"                                                     \
  "    type: pattern\n"                                                        \
  "    severity: info\n"                                                       \
  "    forbid: 执法|b\n"                                                        \
  "    message: 提到执法\n"                                                     \
  "  - id: pattern.slow\n"                                                     \
  "    type: pattern\n"                                                        \
  "    severity: info\n"                                                       \
  "    forbid: '(a+)+$|执法'\n"                                                 \
  "    message: 慢\n"

/* One line too much for a pattern is a finding there; the rule goes on
 * after it (its match on the next line is found). */
START_TEST(line_too_long_for_a_pattern) {
  char text[1024];
  catastrophic_text(text, sizeof text, 1);
  strcat(text, "依法执法。\n");
  lint t;
  lint_load(&t, SLOW_YAML, NULL);
  lint_check(&t, text);
  ck_assert_int_eq(t.rc, 0);
  expect_count(&t, 5);
  expect_finding(&t, 0, "pattern.fine", RL_SEV_INFO, "提到执法", 3, 3, 5);
  expect_finding(&t, 1, "pattern.slow", RL_SEV_INFO, "慢", 3, 3, 5);
  expect_finding(&t, 2, "input.too-long", RL_SEV_ERROR,
                 "此段过长或过于复杂，规则 pattern.slow 未能检查完（超出匹配步数"
                 "上限），请拆分段落或人工核对",
                 4, 1, 42);
  expect_finding(&t, 3, "pattern.fine", RL_SEV_INFO, "提到执法", 5, 3, 5);
  expect_finding(&t, 4, "pattern.slow", RL_SEV_INFO, "慢", 5, 3, 5);
  lint_done(&t);
}
END_TEST

/* --- what a checked report tells an audit: parts, key metrics, clones -- */

#define AUDIT_YAML                                                             \
  MEASURES_YAML                                                                \
  "metrics:\n"                                                                 \
  "  - id: review.cases\n"                                                     \
  "    label: 行政复议案件数\n"                                                \
  "    pattern: '复议案件(?<value>\\S{1,8}?)件|(?<zero>复议案件为零)'\n"     \
  "  - id: lost.cases\n"                                                       \
  "    label: 败诉\n"                                                          \
  "    pattern: '败诉(?<value>\\d+)件|(?<zero>零败诉)'\n"

START_TEST(report_parts) {
  lint t;
  lint_run(&t, AUDIT_YAML, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  ck_assert_ptr_eq(rl_report_ruleset(t.r), rl_ctx_ruleset(t.ctx, 0));
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_HEADING);
  ck_assert_int_eq(rl_report_part(t.r, "plans"), -1);
  lint_check(&t, TITLE "一、工作概况\n本区主要举措是强化执法，成效明显。\n");
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_BODY);
  lint_check(&t, TITLE "一、存在的不足\n还有差距。\n");
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_MISSING);
  // A switched-off rule still finds its part (scopes need it).
  rl_diag d;
  ck_assert_int_eq(rl_ctx_set_rule(t.ctx, "section.measures", 0, &d), 0);
  lint_check(&t, TITLE "一、主要举措和成效\n全年办理行政复议案件12件。\n");
  expect_count(&t, 0);
  ck_assert_int_eq(rl_report_part(t.r, "measures"), RL_PART_HEADING);
  lint_done(&t);
}
END_TEST

/* Metric i of t's report: its value, or -1 when absent. */
static double metric(lint *t, int i, rl_metric_value *v) {
  rl_diag d;
  int rc = rl_report_metric(t->ctx, t->r, i, v, &d);
  ck_assert_int_ge(rc, 0);
  return rc ? v->value : -1;
}

START_TEST(report_metrics) {
  lint t;
  rl_metric_value v;
  lint_run(&t, AUDIT_YAML,
           TITLE "全年办理行政复议案件1.2万件，另有复议案件3件。\n"
                 "行政诉讼零败诉。二是败诉2件。\n");
  // The scanner's quantity: 万 applied, its unit as written.
  ck_assert(metric(&t, 0, &v) == 12000);
  ck_assert_str_eq(v.unit, "件");
  ck_assert_str_eq(v.text, "复议案件1.2万件");
  // A stated count beats an earlier "zero" claim.
  ck_assert(metric(&t, 1, &v) == 2);
  ck_assert_str_eq(v.text, "败诉2件");
  lint_check(&t, TITLE "行政复议案件为零。行政诉讼实现零败诉。\n");
  ck_assert(metric(&t, 0, &v) == 0);
  ck_assert_str_eq(v.text, "复议案件为零");
  ck_assert(metric(&t, 1, &v) == 0);
  // A Chinese numeral without a unit the scanner knows is read afresh.
  lint_check(&t, TITLE "行政复议案件十二件。\n");
  ck_assert(metric(&t, 0, &v) == 12);
  // Absent is absent, not zero; the title is not searched.
  lint_check(&t, "某区复议案件5件2024年度法治政府建设情况报告\n没有数字。\n");
  ck_assert(metric(&t, 0, &v) == -1);
  ck_assert(metric(&t, 1, &v) == -1);
  rl_diag d;
  ck_assert_int_eq(rl_report_metric(t.ctx, t.r, 2, &v, &d), 0);
  lint_done(&t);
}
END_TEST

/* A clone checks like the original, with its own switches and counters,
 * and cannot load rules of its own. */
START_TEST(ctx_clone) {
  lint t;
  lint_run(&t, AUDIT_YAML, TITLE "一、存在的不足\n还有差距。\n");
  expect_count(&t, 1);
  rl_ctx *c = rl_ctx_clone(t.ctx);
  ck_assert_int_eq(rl_ctx_ruleset_count(c), 1);
  ck_assert_ptr_eq(rl_ctx_ruleset(c, 0), rl_ctx_ruleset(t.ctx, 0));
  rl_diag d;
  rl_report *r = rl_report_from_text(c, "c.txt", TITLE "一、存在的不足\n",
                                     strlen(TITLE "一、存在的不足\n"), &d);
  ck_assert_int_eq(rl_report_check(c, r, &d), 0);
  ck_assert_int_eq(rl_report_count(r, RL_SEV_ERROR), 1);
  ck_assert_uint_eq(rl_ctx_rule_hits(c, 0, 0), 0);
  ck_assert_int_eq(rl_ctx_set_rule(c, "section.", 0, &d), 0);
  ck_assert_int_eq(rl_ctx_rule_enabled(c, 0, 0), 0);
  ck_assert_int_eq(rl_ctx_rule_enabled(t.ctx, 0, 0), 1);
  ck_assert_int_eq(rl_ctx_load_rules(c, "rules", &d), -1);
  ck_assert_str_eq(d.msg, "rules: load them into the context that is cloned");
  rl_report_free(r);
  rl_ctx_free(c);
  lint_done(&t);
}
END_TEST

Suite *engine_suite(void) {
  Suite *s = suite_create("engine");
  TCase *tc = tcase_create("section");
  tcase_add_test(tc, section_found_by_heading);
  tcase_add_test(tc, section_missing);
  tcase_add_test(tc, section_missing_title_forms);
  tcase_add_test(tc, section_fallback);
  tcase_add_test(tc, section_not_required);
  tcase_add_test(tc, section_max_level);
  tcase_add_test(tc, section_topical);
  tcase_add_test(tc, section_order_wrong);
  tcase_add_test(tc, section_order_right);
  tcase_add_test(tc, section_length);
  tcase_add_test(tc, section_order_list);
  tcase_add_test(tc, section_length_map);
  suite_add_tcase(s, tc);

  tc = tcase_create("pattern");
  tcase_add_test(tc, pattern_forbid_groups);
  tcase_add_test(tc, pattern_original_columns);
  tcase_add_test(tc, pattern_unless);
  tcase_add_test(tc, pattern_require_title);
  tcase_add_test(tc, pattern_require_signature);
  tcase_add_test(tc, pattern_require_section);
  tcase_add_test(tc, pattern_headings_paragraphs);
  suite_add_tcase(s, tc);

  tc = tcase_create("sequence");
  tcase_add_test(tc, sequence_enum_repeat);
  tcase_add_test(tc, sequence_enum_gap);
  tcase_add_test(tc, sequence_enum_not_first);
  tcase_add_test(tc, sequence_enum_sections_restart);
  tcase_add_test(tc, sequence_heading_gap);
  tcase_add_test(tc, sequence_arabic_continues);
  tcase_add_test(tc, sequence_target_all);
  suite_add_tcase(s, tc);

  tc = tcase_create("metric");
  tcase_add_test(tc, metric_range);
  tcase_add_test(tc, metric_sum_eq);
  tcase_add_test(tc, metric_sum_le);
  tcase_add_test(tc, metric_share);
  tcase_add_test(tc, metric_consistency);
  suite_add_tcase(s, tc);

  tc = tcase_create("date");
  tcase_add_test(tc, date_deadline);
  tcase_add_test(tc, date_deadline_month_end);
  tcase_add_test(tc, date_deadline_department);
  tcase_add_test(tc, date_premature);
  tcase_add_test(tc, date_cutoff);
  tcase_add_test(tc, date_year_mismatch);
  tcase_add_test(tc, date_year_mismatch_plans);
  suite_add_tcase(s, tc);

  tc = tcase_create("switches");
  tcase_add_test(tc, when_year_min);
  tcase_add_test(tc, enabled_false);
  tcase_add_test(tc, catastrophic_pattern);
  tcase_add_test(tc, line_too_long_for_a_pattern);
  tcase_set_timeout(tc, 20);
  suite_add_tcase(s, tc);

  tc = tcase_create("audit");
  tcase_add_test(tc, report_parts);
  tcase_add_test(tc, report_metrics);
  tcase_add_test(tc, ctx_clone);
  suite_add_tcase(s, tc);
  return s;
}
