/* Unit tests for normalize: heading markers, trimming, folding, space
 * dropping, paragraph joining on the three seeds (exact paragraph texts)
 * and the position map: a character of the normalised text must lead
 * back, through posmap and linemap, to its line and code-point column in
 * the seed file. Seeds are read from seeds/ (tests run from the root). */
#include "decode.h"
#include "input.h"
#include "normalize.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_000 "seeds/000_34462ac303488de8.txt"
#define SEED_001 "seeds/001_8d96fa208fb949fd.txt"
#define SEED_004 "seeds/004_40ce34e03101b79a.txt"

#define IDSP "\xE3\x80\x80" /* U+3000 ideographic space */
#define NBSP "\xC2\xA0"     /* U+00A0 */

typedef struct fixture {
  decoded dec;
  normtext nt;
  linemap lm;
} fixture;

static void load_seed(fixture *f, const char *path) {
  char *raw;
  size_t len;
  rl_diag d;
  ck_assert_int_eq(input_read(path, INPUT_DEFAULT_MAX, &raw, &len, &d), 0);
  ck_assert_int_eq(decode_text(raw, len, path, &f->dec, &d), 0);
  free(raw);
  normalize_text(f->dec.text, f->dec.len, 0, &f->nt);
  linemap_init(&f->lm, f->dec.text, f->dec.len);
}

static void fixture_release(fixture *f) {
  linemap_release(&f->lm);
  normtext_release(&f->nt);
  decoded_release(&f->dec);
}

static size_t count_paras(const normtext *nt) {
  size_t n = 0;
  for (size_t i = 0; i < nt->len; i++)
    n += nt->text[i] == '\n';
  return n;
}

/* Paragraph k (0-based) without its '\n', copied into buf. */
static const char *para(const normtext *nt, size_t k, char *buf, size_t cap) {
  const char *p = nt->text;
  for (; k > 0; k--) {
    p = strchr(p, '\n');
    ck_assert_ptr_nonnull(p);
    p++;
  }
  const char *e = strchr(p, '\n');
  ck_assert_ptr_nonnull(e);
  ck_assert_uint_lt((size_t)(e - p), cap);
  memcpy(buf, p, (size_t)(e - p));
  buf[e - p] = '\0';
  return buf;
}

/* Line and column in the source of the byte at needle + skip. */
static void source_pos(const fixture *f, const char *needle, size_t skip,
                       int *line, int *col) {
  const char *hit = strstr(f->nt.text, needle);
  ck_assert_msg(hit != NULL, "not in normalised text: %s", needle);
  size_t off = (size_t)(hit - f->nt.text) + skip;
  linemap_lookup(&f->lm, posmap_to_src(&f->nt.map, off), line, col);
}

/* Invariants of any output: paragraphs end in '\n', none is empty, the
 * map is monotonic and in range, copied multi-byte text is the source's. */
static void check_invariants(const char *src, size_t len, const normtext *nt) {
  ck_assert_uint_eq(strlen(nt->text), nt->len);
  if (nt->len > 0)
    ck_assert_int_eq(nt->text[nt->len - 1], '\n');
  ck_assert_ptr_null(strstr(nt->text, "\n\n"));
  if (nt->len > 0)
    ck_assert_int_ne(nt->text[0], '\n');
  size_t last = 0;
  for (size_t i = 0; i < nt->len; i++) {
    size_t s = posmap_to_src(&nt->map, i);
    ck_assert_uint_ge(s, last);
    ck_assert_uint_le(s, len);
    if ((unsigned char)nt->text[i] >= 0x80)
      ck_assert_int_eq(src[s], nt->text[i]);
    last = s;
  }
}

static void norm(const char *src, normtext *nt) {
  normalize_text(src, strlen(src), 0, nt);
  check_invariants(src, strlen(src), nt);
}

static void assert_norm(const char *src, const char *want) {
  normtext nt;
  norm(src, &nt);
  ck_assert_str_eq(nt.text, want);
  normtext_release(&nt);
}

/* ---- heading markers -------------------------------------------------- */

START_TEST(heading_markers) {
  static const char *const yes[] = {
      "一、总体情况", "十一、其他",     "第一部分 成效",
      "第三章",       "（一）加强领导", "(二)制度",
      "一．落实",     "二.推进",        "1.组织",
      "1．组织",      "12、规范",       "（1）审查",
      "(3)复议",      "１．全角",       "1.",
      "两、不足",     "一〇、其他",     "（二〇）其他", /* as segment reads them */
      "## 标题",      "##标题",
  };
  static const char *const no[] = {
      "一是加强", "第一责任人", "2024年", "1.0版", "1.5倍",  "一",
      "（一",     "十二",       "正文",   "",      "12345.", "3、4月份",
      "零、其他", "0.其他",     "一二、", "#1",    "####### 七",
  };
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    ck_assert_msg(normalize_is_heading_start(yes[i], strlen(yes[i])),
                  "should be a heading: %s", yes[i]);
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    ck_assert_msg(!normalize_is_heading_start(no[i], strlen(no[i])),
                  "should not be a heading: %s", no[i]);
  // len is honoured: "一、" cut after 一 is no marker.
  ck_assert(!normalize_is_heading_start("一、", 3));
}
END_TEST

/* ---- trimming, folding, spaces ---------------------------------------- */

START_TEST(trims_and_drops_blank_lines) {
  assert_norm("", "");
  assert_norm("\n \n\t\n" IDSP "\n", "");
  assert_norm(IDSP IDSP "正文。  \n\n\n", "正文。\n");
  assert_norm("\f第二页。", "第二页。\n"); // no final LF: one is added
}
END_TEST

/* A title broken over the first two lines is one paragraph: an issuer
 * over the rest, or wrapped where the line ran out; not when a line has
 * punctuation, the first says 报告 already, or is an attachment mark. */
START_TEST(title_over_two_lines) {
  assert_norm("某市自然资源和规划局 2024 年政府信息公开工\n  作年度报告\n正文。\n",
              "某市自然资源和规划局2024年政府信息公开工作年度报告\n正文。\n");
  assert_norm("洪泽区人民政府\n2023年政府信息公开工作年度报告\n正文。\n",
              "洪泽区人民政府2023年政府信息公开工作年度报告\n正文。\n");
  assert_norm("某区2024年度法治政府建设情况报告\n2025年1月20日报告\n",
              "某区2024年度法治政府建设情况报告\n2025年1月20日报告\n");
  assert_norm("一、总体情况\n某项工作报告\n", "一、总体情况\n某项工作报告\n");
  assert_norm("标题\n正文\n某区工作报告\n", "标题\n正文\n某区工作报告\n");
}
END_TEST

START_TEST(folds_full_width_forms) {
  assert_norm("ＡＢｃ１２３％．５", "ABc123%.5\n");
  // Punctuation other than ．and ％ stays: （一） is not (一).
  assert_norm("（一）(一)，。：", "（一）(一)，。：\n");
  normtext nt;
  norm("率１００％", &nt);
  ck_assert_str_eq(nt.text, "率100%\n");
  ck_assert_uint_eq(posmap_to_src(&nt.map, 3), 3);  // 1 ← １
  ck_assert_uint_eq(posmap_to_src(&nt.map, 4), 6);  // 0 ← ０
  ck_assert_uint_eq(posmap_to_src(&nt.map, 6), 12); // % ← ％
  ck_assert_uint_eq(posmap_to_src(&nt.map, 7), 15); // '\n' ← end
  normtext_release(&nt);
}
END_TEST

START_TEST(drops_spaces_next_to_chinese) {
  assert_norm("2024 年", "2024年\n");
  assert_norm("截至 10月底", "截至10月底\n");
  assert_norm("开展法治审核 14 次", "开展法治审核14次\n");
  assert_norm("APP3.0 版本", "APP3.0版本\n");
  assert_norm("坚定信心 攻坚克难", "坚定信心攻坚克难\n");
  assert_norm("ISO 9001", "ISO 9001\n");
  assert_norm("ISO  \t 9001", "ISO 9001\n");
  assert_norm("ISO" IDSP "9001", "ISO 9001\n");
  assert_norm("a" NBSP "b", "a b\n");
  assert_norm("ＩＳＯ ９００１", "ISO 9001\n"); // decided after folding
  assert_norm("达到 $1+1>2$ 的效果", "达到$1+1>2$的效果\n");
  normtext nt;
  norm("ab   cd", &nt);
  ck_assert_uint_eq(posmap_to_src(&nt.map, 2), 2); // the kept space
  ck_assert_uint_eq(posmap_to_src(&nt.map, 3), 5); // c
  normtext_release(&nt);
}
END_TEST

START_TEST(invalid_bytes_are_copied) {
  const char src[] = "a\xFF b\xE6\xB3\n"; // 0xFF, truncated 法
  normtext nt;
  normalize_text(src, sizeof src - 1, 0, &nt);
  ck_assert_str_eq(nt.text, "a\xFF\x62\xE6\xB3\n");
  normtext_release(&nt);
}
END_TEST

/* ---- joining on synthetic text ---------------------------------------- */

/* Ten lines of width 20 make the wrap width 20: "full" means >= 16. */
#define FULL10 "一二三四五六七八九十"

START_TEST(joins_full_lines_and_wrapped_clauses) {
  // A full line joins even after 。; a short one ending in 。 does not.
  assert_norm(FULL10 "\n\n" FULL10 "\n" FULL10 "\n" FULL10 "\n" FULL10
                     "\n" FULL10 "\n" FULL10 "\n" FULL10
                     "\n一二三四五六七八九。"
                     "\n尾巴。\n下一段",
              FULL10 FULL10 FULL10 FULL10 FULL10 FULL10 FULL10 FULL10
              "一二三四五六七八九。尾巴。\n下一段\n");
  // ...but not a following line without punctuation (an issuer).
  assert_norm(FULL10 "\n" FULL10 "\n" FULL10 "\n" FULL10 "\n" FULL10
                     "\n一二三四五六七八九。\n香山街道办事处\n2025年1月7日",
              FULL10 FULL10 FULL10 FULL10 FULL10
              "一二三四五六七八九。\n香山街道办事处\n2025年1月7日\n");
  // Too few full lines: not taken for a hard-wrapped text.
  assert_norm(FULL10 "\n短。", FULL10 "\n短。\n");
}
END_TEST

START_TEST(short_lines_without_punctuation_stand_alone) {
  assert_norm("法治政府建设工作报告\n拓展法治格局\n"
              "苏州市吴中区人民政府香山街道办事处\n2025年1月7日\n",
              "法治政府建设工作报告\n拓展法治格局\n"
              "苏州市吴中区人民政府香山街道办事处\n2025年1月7日\n");
}
END_TEST

START_TEST(continuation_and_clause_punctuation_join) {
  assert_norm("确保了 7 份合同、\n\n4份复函", "确保了7份合同、4份复函\n");
  assert_norm("严格执法。严格落实\n行政执法公示",
              "严格执法。严格落实行政执法公示\n");
  assert_norm("评定三级调解员 2\n名", "评定三级调解员2名\n");
  assert_norm("印发《\n方案》", "印发《方案》\n");
  assert_norm("汇报如下：\n一是", "汇报如下：\n一是\n");
  assert_norm("“金牌调解员。”\n下一段", "“金牌调解员。”\n下一段\n");
}
END_TEST

START_TEST(headings_are_never_glued) {
  // The next line is a numbered heading: even a wrapped clause stops.
  assert_norm("工作机制，推进\n（一）加强组织领导。一是",
              "工作机制，推进\n（一）加强组织领导。一是\n");
  // A level-1 heading never takes the next line, even with a comma.
  assert_norm("一、聚力高效统筹法治，全面推进\n深入理顺工作机制。",
              "一、聚力高效统筹法治，全面推进\n深入理顺工作机制。\n");
  // A run-in level-2 heading is body text and may wrap.
  assert_norm("（一）加强组织领导。一是强化\n机制建设。",
              "（一）加强组织领导。一是强化机制建设。\n");
  // 1.0 is a number, not a heading.
  assert_norm("委托事项清单，\n1.0版》", "委托事项清单，1.0版》\n");
}
END_TEST

/* Text copied from a web page runs its lines together: a 一、 or （一）
 * heading after a sentence end in a long line starts a line again. */
START_TEST(run_in_headings_start_a_line) {
  char src[4096], want[4200];
  const char *body = "全年共办理行政复议案件12件，纠错3件。";
  char run[1024] = "";
  for (int i = 0; i < 6; i++)
    strcat(run, body);
  snprintf(src, sizeof src, "%s二、存在的不足和原因。主要是%s（一）学习不够：%s",
           run, run, run);
  snprintf(want, sizeof want, "%s\n二、存在的不足和原因。主要是%s\n（一）学习不够：%s\n",
           run, run, run);
  assert_norm(src, want);
  // 三、四月份 is not a heading: its phrase has a 、 and a digit.
  snprintf(src, sizeof src, "%s三、四月份开展检查12次。%s", run, run);
  snprintf(want, sizeof want, "%s\n", src);
  assert_norm(src, want);
  // A short line never splits; nor does a phrase without 。 or ：.
  assert_norm("已完成。二、存在的不足。", "已完成。二、存在的不足。\n");
  snprintf(src, sizeof src, "%s二、存在的不足和原因主要是学习不够深入系统全面到位的问题", run);
  snprintf(want, sizeof want, "%s\n", src);
  assert_norm(src, want);
}
END_TEST

START_TEST(large_input_is_linear) {
  // 40 000 wrapped lines and one 1 MB line of spaces between letters.
  size_t lines = 40000, line_len = strlen(FULL10 "，\n");
  size_t len = lines * line_len;
  char *src = malloc(len + 1);
  for (size_t i = 0; i < lines; i++)
    memcpy(src + i * line_len, FULL10 "，\n", line_len);
  src[len] = '\0';
  normtext nt;
  normalize_text(src, len, 0, &nt);
  ck_assert_uint_eq(nt.len, len - lines + 1); // one paragraph
  normtext_release(&nt);
  memset(src, ' ', len);
  src[0] = 'a';
  src[len - 1] = 'b';
  normalize_text(src, len, 0, &nt);
  ck_assert_str_eq(nt.text, "a b\n");
  normtext_release(&nt);
  free(src);
}
END_TEST

/* ---- the seeds -------------------------------------------------------- */

START_TEST(seed_000_paragraphs) {
  fixture f;
  load_seed(&f, SEED_000);
  check_invariants(f.dec.text, f.dec.len, &f.nt);
  char buf[8192];
  ck_assert_uint_eq(count_paras(&f.nt), 12); /* the title is one */
  ck_assert_str_eq(para(&f.nt, 0, buf, sizeof buf),
                   "姑苏区司法局2024年度法治政府建设工作报告");
  ck_assert_str_eq(para(&f.nt, 1, buf, sizeof buf),
                   "2024年，在区委区政府的正确领导及上级部门的有力指导下，"
                   "姑苏区司法局坚持以习近平新时代中国特色社会主义思想为指"
                   "导，全力提升司法行政各项业务工作水平，为高质量发展贡献"
                   "法治力量。");
  ck_assert_str_eq(para(&f.nt, 2, buf, sizeof buf),
                   "一、聚力高效统筹法治，全面推进法治姑苏建设");
  ck_assert_str_eq(para(&f.nt, 4, buf, sizeof buf),
                   "二、围绕中心服务大局，更实举措深化法治政府建设");
  ck_assert_str_eq(para(&f.nt, 6, buf, sizeof buf),
                   "三、普治并举提优强基，法治赋能基层社会治理");
  ck_assert_str_eq(para(&f.nt, 8, buf, sizeof buf),
                   "四、优化供给提质增效，更优服务践行司法为民");
  ck_assert_str_eq(para(&f.nt, 10, buf, sizeof buf),
                   "五、关口前移协同发力，全面筑牢社会稳定防线。");
  para(&f.nt, 3, buf, sizeof buf);
  ck_assert_str_eq(buf + strlen(buf) - strlen("承担法制审核运行机制。"),
                   "承担法制审核运行机制。");
  ck_assert_ptr_nonnull(strstr(buf, "发布9期全区“法治记事”。"));
  para(&f.nt, 5, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "法律顾问的背景调查。"));
  ck_assert_ptr_nonnull(strstr(buf, "委托事项清单1.0版》"));
  para(&f.nt, 9, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "“苏城存证”APP3.0版本应用推广"));
  para(&f.nt, 11, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "2024年评定三级调解员2名、四级调解员44名"));
  ck_assert_ptr_nonnull(strstr(buf, "截至10月底"));
  ck_assert_ptr_nonnull(strstr(buf, "占比达27.9%，"));
  fixture_release(&f);
}
END_TEST

START_TEST(seed_000_positions) {
  fixture f;
  load_seed(&f, SEED_000);
  int line, col;
  // "…细化，2024 年评定三级调解员 2" is line 141; the 2 is column 31.
  source_pos(&f, "调解员2名", strlen("调解员"), &line, &col);
  ck_assert_int_eq(line, 141);
  ck_assert_int_eq(col, 31);
  // ...and 名 is the first character of line 143.
  source_pos(&f, "调解员2名", strlen("调解员2"), &line, &col);
  ck_assert_int_eq(line, 143);
  ck_assert_int_eq(col, 1);
  // "纷化解在萌芽。截至 10月底" is line 126; the 1 is column 11.
  source_pos(&f, "截至10月底", strlen("截至"), &line, &col);
  ck_assert_int_eq(line, 126);
  ck_assert_int_eq(col, 11);
  // Line 43 starts with a space: 景 is column 2.
  source_pos(&f, "背景调查", strlen("背"), &line, &col);
  ck_assert_int_eq(line, 43);
  ck_assert_int_eq(col, 2);
  // The title's first character, after a leading space.
  linemap_lookup(&f.lm, posmap_to_src(&f.nt.map, 0), &line, &col);
  ck_assert_int_eq(line, 1);
  ck_assert_int_eq(col, 2);
  // A paragraph's '\n' stands at the end of its last line (line 10).
  source_pos(&f, "法治力量。\n", strlen("法治力量。"), &line, &col);
  ck_assert_int_eq(line, 10);
  ck_assert_int_eq(col, 6);
  const char *p;
  size_t len;
  linemap_line(&f.lm, posmap_to_src(&f.nt.map, 0), &p, &len);
  ck_assert_uint_eq(len, strlen(" 姑苏区司法局 2024年度"));
  ck_assert_mem_eq(p, " 姑苏区司法局 2024年度", len);
  fixture_release(&f);
}
END_TEST

START_TEST(seed_001_paragraphs) {
  fixture f;
  load_seed(&f, SEED_001);
  check_invariants(f.dec.text, f.dec.len, &f.nt);
  char buf[8192];
  ck_assert_uint_eq(count_paras(&f.nt), 32);
  ck_assert_str_eq(para(&f.nt, 1, buf, sizeof buf), "□本报记者肖朋");
  ck_assert_str_eq(para(&f.nt, 7, buf, sizeof buf),
                   "强化国际交流,推进涉外法律服务");
  ck_assert_str_eq(para(&f.nt, 8, buf, sizeof buf), "拓展法治格局");
  ck_assert_str_eq(para(&f.nt, 9, buf, sizeof buf), "建设更高水平法治太仓");
  para(&f.nt, 19, buf, sizeof buf);
  ck_assert_ptr_nonnull(
      strstr(buf, "便捷化网络平台，不断提升司法惠民实事成效。"));
  ck_assert_str_eq(para(&f.nt, 20, buf, sizeof buf), "增强法治赋能");
  int line, col;
  source_pos(&f, "平台，不断提升", strlen("平台，不"), &line, &col);
  ck_assert_int_eq(line, 53); // 断 starts line 53
  ck_assert_int_eq(col, 1);
  fixture_release(&f);
}
END_TEST

START_TEST(seed_004_paragraphs) {
  fixture f;
  load_seed(&f, SEED_004);
  check_invariants(f.dec.text, f.dec.len, &f.nt);
  char buf[8192];
  ck_assert_uint_eq(count_paras(&f.nt), 21);
  ck_assert_str_eq(para(&f.nt, 0, buf, sizeof buf),
                   "香山街道2024年度法治政府建设工作报告");
  para(&f.nt, 4, buf, sizeof buf);
  ck_assert_str_eq(buf + strlen(buf) -
                       strlen("开展法治审核14次，有效确保了7份合同、4份复函和"
                              "3起农民工权益保护的合规性。"),
                   "开展法治审核14次，有效确保了7份合同、4份复函和"
                   "3起农民工权益保护的合规性。");
  para(&f.nt, 9, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "文明执法。严格落实行政执法公示、"));
  ck_assert_str_eq(para(&f.nt, 11, buf, sizeof buf), "三、存在的不足和原因");
  para(&f.nt, 12, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "败诉情况。二是"));
  ck_assert_str_eq(para(&f.nt, 19, buf, sizeof buf),
                   "苏州市吴中区人民政府香山街道办事处");
  ck_assert_str_eq(para(&f.nt, 20, buf, sizeof buf), "2025年1月7日");
  int line, col;
  source_pos(&f, "审核14次", strlen("审核"), &line, &col);
  ck_assert_int_eq(line, 11);
  ck_assert_int_eq(col, 155);
  source_pos(&f, "合同、4份", strlen("合同、"), &line, &col);
  ck_assert_int_eq(line, 13);
  ck_assert_int_eq(col, 1);
  fixture_release(&f);
}
END_TEST

/* ---- Markdown ------------------------------------------------------------ */

static void assert_md(const char *src, const char *want) {
  normtext nt;
  normalize_text(src, strlen(src), NORMALIZE_MARKDOWN, &nt);
  check_invariants(src, strlen(src), &nt);
  ck_assert_str_eq(nt.text, want);
  normtext_release(&nt);
}

START_TEST(markdown_syntax_is_dropped) {
  assert_md("**一、总体情况**\n全年办理**复议案件**12件。\n",
            "一、总体情况\n全年办理复议案件12件。\n");
  assert_md("> 引用的段落。\n- 一是加强领导。\n* 二是完善制度。\n",
            "引用的段落。\n一是加强领导。\n二是完善制度。\n");
  assert_md("见[通知](https://example.gov.cn/a.html)和![图](x.png)。\n",
            "见通知和图。\n");
  assert_md("代码`ABC`与转义\\*号、~~删除~~。\n", "代码ABC与转义*号、删除。\n");
  assert_md("第一段。\n\n---\n\n第二段。\n", "第一段。\n第二段。\n");
  /* single * and _ stay: a placeholder and a file name */
  assert_md("召开会议*次，见a_b.txt。\n", "召开会议*次，见a_b.txt。\n");
  /* a bracket that is not a link stays */
  assert_md("【待补充】[注]。\n", "【待补充】[注]。\n");
}
END_TEST

START_TEST(no_join_keeps_every_line) {
  const char *src = "一是加强领导，\n成立领导小组\n";
  normtext nt;
  normalize_text(src, strlen(src), NORMALIZE_NO_JOIN, &nt);
  ck_assert_str_eq(nt.text, "一是加强领导，\n成立领导小组\n");
  normtext_release(&nt);
  normalize_text(src, strlen(src), 0, &nt);
  ck_assert_str_eq(nt.text, "一是加强领导，成立领导小组\n");
  normtext_release(&nt);
}
END_TEST

START_TEST(markdown_positions_point_at_the_source) {
  const char *src = "**一、总体**\n全年**12**件。\n";
  normtext nt;
  normalize_text(src, strlen(src), NORMALIZE_MARKDOWN, &nt);
  ck_assert_str_eq(nt.text, "一、总体\n全年12件。\n");
  /* "一" is after the two asterisks; "12" after 全年** */
  ck_assert_uint_eq(posmap_to_src(&nt.map, 0), 2);
  const char *twelve = strstr(nt.text, "12");
  ck_assert_uint_eq(posmap_to_src(&nt.map, (size_t)(twelve - nt.text)),
                    (size_t)(strstr(src, "12") - src));
  normtext_release(&nt);
}
END_TEST

/* Declared here for -Wmissing-prototypes; the runner gets its list from
 * suites.h, which the Makefile greps from the definition below. */
extern Suite *normalize_suite(void);

Suite *normalize_suite(void) {
  Suite *s = suite_create("normalize");
  TCase *tc = tcase_create("text");
  tcase_add_test(tc, heading_markers);
  tcase_add_test(tc, run_in_headings_start_a_line);
  tcase_add_test(tc, trims_and_drops_blank_lines);
  tcase_add_test(tc, title_over_two_lines);
  tcase_add_test(tc, folds_full_width_forms);
  tcase_add_test(tc, drops_spaces_next_to_chinese);
  tcase_add_test(tc, invalid_bytes_are_copied);
  tcase_add_test(tc, markdown_syntax_is_dropped);
  tcase_add_test(tc, markdown_positions_point_at_the_source);
  tcase_add_test(tc, no_join_keeps_every_line);
  suite_add_tcase(s, tc);
  tc = tcase_create("join");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, joins_full_lines_and_wrapped_clauses);
  tcase_add_test(tc, short_lines_without_punctuation_stand_alone);
  tcase_add_test(tc, continuation_and_clause_punctuation_join);
  tcase_add_test(tc, headings_are_never_glued);
  tcase_add_test(tc, large_input_is_linear);
  suite_add_tcase(s, tc);
  tc = tcase_create("seeds");
  tcase_add_test(tc, seed_000_paragraphs);
  tcase_add_test(tc, seed_000_positions);
  tcase_add_test(tc, seed_001_paragraphs);
  tcase_add_test(tc, seed_004_paragraphs);
  suite_add_tcase(s, tc);
  return s;
}
