/* Unit tests for decode: UTF-8 with and without BOM, GB18030 (two- and
 * four-byte sequences), CRLF and lone CR, and the refusals: empty or
 * BOM-only input, a NUL byte and bytes valid in neither encoding, each
 * with the exact message and 1-based line and code-point column. */
#include "decode.h"

#include <check.h>
#include <string.h>

/* Decodes a literal; returns decode_text's status. */
static int run(const char *raw, size_t len, decoded *out, rl_diag *d) {
  diag_clear(d);
  return decode_text(raw, len, "r.txt", out, d);
}

START_TEST(plain_utf8) {
  decoded out;
  rl_diag d;
  ck_assert_int_eq(run("法治\n政府", 13, &out, &d), 0);
  ck_assert_str_eq(out.encoding, "UTF-8");
  ck_assert_uint_eq(out.len, 13);
  ck_assert_str_eq(out.text, "法治\n政府");
  decoded_release(&out);
  ck_assert_ptr_null(out.text);
}
END_TEST

START_TEST(bom_is_stripped) {
  decoded out;
  rl_diag d;
  ck_assert_int_eq(run("\xEF\xBB\xBF法治", 9, &out, &d), 0);
  ck_assert_str_eq(out.encoding, "UTF-8 with BOM");
  ck_assert_str_eq(out.text, "法治");
  ck_assert_uint_eq(out.len, 6);
  decoded_release(&out);
}
END_TEST

START_TEST(crlf_and_cr_become_lf) {
  decoded out;
  rl_diag d;
  const char *raw = "a\r\nb\rc\r\r\nd\r";
  ck_assert_int_eq(run(raw, strlen(raw), &out, &d), 0);
  ck_assert_str_eq(out.text, "a\nb\nc\n\nd\n");
  ck_assert_uint_eq(out.len, 9);
  decoded_release(&out);
}
END_TEST

START_TEST(gb18030_two_byte) {
  decoded out;
  rl_diag d;
  const char raw[] = "\xB7\xA8\xD6\xCE\r\n2024"; // 法治 CRLF 2024
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), 0);
  ck_assert_str_eq(out.encoding, "GB18030");
  ck_assert_str_eq(out.text, "法治\n2024");
  decoded_release(&out);
}
END_TEST

START_TEST(gb18030_four_byte) {
  decoded out;
  rl_diag d;
  // U+20000 is 95 32 82 36 in GB18030; 法 is B7 A8.
  const char raw[] = "\xB7\xA8\x95\x32\x82\x36";
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), 0);
  ck_assert_str_eq(out.encoding, "GB18030");
  ck_assert_str_eq(out.text, "法\xF0\xA0\x80\x80");
  decoded_release(&out);
}
END_TEST

START_TEST(empty_and_bom_only) {
  decoded out;
  rl_diag d;
  ck_assert_int_eq(run("", 0, &out, &d), -1);
  ck_assert_str_eq(d.msg, "empty file");
  ck_assert_int_eq(d.kind, DIAG_INPUT);
  ck_assert_str_eq(d.file, "r.txt");
  ck_assert_int_eq(run("\xEF\xBB\xBF", 3, &out, &d), -1);
  ck_assert_str_eq(d.msg, "empty file");
  ck_assert_ptr_null(out.text);
}
END_TEST

START_TEST(whitespace_only_is_refused) {
  decoded out;
  rl_diag d;
  ck_assert_int_eq(run(" \n\t\r\n", 5, &out, &d), -1);
  ck_assert_str_eq(d.msg, "empty file (only blank lines)");
  ck_assert_int_eq(run(" \n\t\nx", 5, &out, &d), 0);
  decoded_release(&out);
}
END_TEST

START_TEST(nul_byte_names_its_position) {
  decoded out;
  rl_diag d;
  const char raw[] = "第一行\r\n法治\0x";
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), -1);
  ck_assert_str_eq(d.msg, "binary file (NUL byte at line 2, column 3)");
  ck_assert_int_eq(d.line, 2);
  ck_assert_int_eq(d.col, 3);
  ck_assert_ptr_null(out.text);
  // The BOM is not a column.
  ck_assert_int_eq(run("\xEF\xBB\xBF\0", 4, &out, &d), -1);
  ck_assert_int_eq(d.line, 1);
  ck_assert_int_eq(d.col, 1);
}
END_TEST

START_TEST(invalid_in_both_encodings) {
  decoded out;
  rl_diag d;
  // 0xFF is not a GB18030 byte; lone CR counts as a line end.
  const char raw[] = "ab\rc\xFF";
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), -1);
  ck_assert_str_eq(d.msg, "not valid GB18030 (invalid byte 0xFF at line 2, "
                          "column 2) nor UTF-8");
  ck_assert_int_eq(d.line, 2);
  ck_assert_int_eq(d.col, 2);
  // A truncated GB18030 lead byte at the end fails both too: told after
  // the one GB18030 character before it.
  ck_assert_int_eq(run("\xB7\xA8\xD6", 3, &out, &d), -1);
  ck_assert_str_eq(d.msg, "not valid GB18030 (invalid byte 0xD6 at line 1, "
                          "column 2) nor UTF-8");
}
END_TEST

START_TEST(gb18030_failure_is_told_where_gb18030_fails) {
  decoded out;
  rl_diag d;
  // 法治 in GB18030 (UTF-8 fails at 1:1), three lines, then 0xFF in the
  // middle of line 3: the place is 3:3 in GB18030 characters.
  const char raw[] = "\xB7\xA8\xD6\xCE\n\xB7\xA8\r\nab\xFF\xB7\xA8";
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), -1);
  ck_assert_str_eq(d.msg, "not valid GB18030 (invalid byte 0xFF at line 3, "
                          "column 3) nor UTF-8");
  ck_assert_int_eq(d.line, 3);
  ck_assert_int_eq(d.col, 3);
}
END_TEST

START_TEST(broken_utf8_is_not_read_as_gb18030) {
  decoded out;
  rl_diag d;
  // Eight Chinese characters in UTF-8, then a stray Latin-1 byte: the
  // GB18030 reading would succeed but be nonsense.
  const char raw[] = "法治政府建设报告\n年度\xE9";
  ck_assert_int_eq(run(raw, sizeof raw - 1, &out, &d), -1);
  ck_assert_str_eq(d.msg,
                   "not valid UTF-8 (invalid byte 0xE9 at line 2, column 3)");
  // After a BOM the file declared itself UTF-8.
  const char bom[] = "\xEF\xBB\xBF\xB7\xA8";
  ck_assert_int_eq(run(bom, sizeof bom - 1, &out, &d), -1);
  ck_assert_str_eq(d.msg,
                   "not valid UTF-8 (invalid byte 0xB7 at line 1, column 1)");
}
END_TEST

/* Declared here for -Wmissing-prototypes; the runner gets its list from
 * suites.h, which the Makefile greps from the definition below. */
extern Suite *decode_suite(void);

Suite *decode_suite(void) {
  Suite *s = suite_create("decode");
  TCase *tc = tcase_create("accept");
  tcase_add_test(tc, plain_utf8);
  tcase_add_test(tc, bom_is_stripped);
  tcase_add_test(tc, crlf_and_cr_become_lf);
  tcase_add_test(tc, gb18030_two_byte);
  tcase_add_test(tc, gb18030_four_byte);
  tcase_add_test(tc, whitespace_only_is_refused);
  suite_add_tcase(s, tc);
  tc = tcase_create("refuse");
  tcase_add_test(tc, empty_and_bom_only);
  tcase_add_test(tc, nul_byte_names_its_position);
  tcase_add_test(tc, invalid_in_both_encodings);
  tcase_add_test(tc, gb18030_failure_is_told_where_gb18030_fails);
  tcase_add_test(tc, broken_utf8_is_not_read_as_gb18030);
  suite_add_tcase(s, tc);
  return s;
}
