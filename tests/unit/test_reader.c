/* Unit tests for reader.c: input format names, detection by content and
 * extension, and the extracted-text container. */
#include "reader.h"

#include <check.h>
#include <string.h>

static input_format detect(const char *path, const char *raw) {
  return reader_detect(path, raw, strlen(raw));
}

START_TEST(content_beats_extension) {
  ck_assert_int_eq(detect("a.txt", "PK\3\4rest"), FMT_DOCX);
  ck_assert_int_eq(detect("a.txt", "%PDF-1.7\n"), FMT_PDF);
  ck_assert_int_eq(detect("a.txt", "<!DOCTYPE html><html>"), FMT_HTML);
  ck_assert_int_eq(detect("a.md", "\xEF\xBB\xBF  <!-- x -->\n<HTML lang=zh>"),
                   FMT_HTML);
  ck_assert_int_eq(detect("-", "<?xml version=\"1.0\"?>\n<html>"), FMT_HTML);
  ck_assert_int_eq(detect("a.docx", "<body><p>x</p>"), FMT_HTML);
}
END_TEST

START_TEST(extension_when_content_says_nothing) {
  ck_assert_int_eq(detect("a.md", "# 标题\n"), FMT_MARKDOWN);
  ck_assert_int_eq(detect("dir/A.MARKDOWN", "正文"), FMT_MARKDOWN);
  ck_assert_int_eq(detect("page.htm", "<p>某区2024年度</p>"), FMT_HTML);
  /* a damaged .docx/.pdf goes to its reader, which says what is wrong */
  ck_assert_int_eq(detect("a.docx", "garbage"), FMT_DOCX);
  ck_assert_int_eq(detect("a.pdf", "garbage"), FMT_PDF);
  ck_assert_int_eq(detect("a.txt", "某区2024年度法治政府建设情况报告\n"),
                   FMT_TEXT);
  ck_assert_int_eq(detect("-", "<p>a paragraph is not a page</p>"), FMT_TEXT);
  ck_assert_int_eq(detect("a", ""), FMT_TEXT);
  ck_assert_int_eq(reader_detect(NULL, "PK", 2), FMT_TEXT);
}
END_TEST

START_TEST(format_names_round_trip) {
  for (int f = FMT_AUTO; f <= FMT_PDF; f++)
    ck_assert_int_eq(reader_format_parse(reader_format_name((input_format)f)),
                     f);
  ck_assert_int_eq(reader_format_parse("markdown"), FMT_MARKDOWN);
  ck_assert_int_eq(reader_format_parse("htm"), FMT_HTML);
  ck_assert_int_eq(reader_format_parse("text"), FMT_TEXT);
  ck_assert_int_eq(reader_format_parse("doc"), -1);
  ck_assert_int_eq(reader_format_parse("PDF"), -1);
}
END_TEST

START_TEST(notes_accumulate_and_release) {
  extracted x;
  extracted_init(&x);
  extracted_add_note(&x, NOTE_TRACKED_CHANGES, 5, 3);
  extracted_add_note(&x, NOTE_COMMENTS, 9, 1);
  ck_assert_int_eq(x.nnotes, 2);
  ck_assert_int_eq(x.notes[1].kind, NOTE_COMMENTS);
  ck_assert_uint_eq(x.notes[0].off, 5);
  ck_assert_int_eq(x.notes[0].count, 3);
  extracted_release(&x);
  ck_assert_ptr_null(x.notes);
  extracted_release(&x); /* twice is harmless */
}
END_TEST

extern Suite *reader_suite(void);

Suite *reader_suite(void) {
  Suite *s = suite_create("reader");
  TCase *tc = tcase_create("detect");
  tcase_add_test(tc, content_beats_extension);
  tcase_add_test(tc, extension_when_content_says_nothing);
  tcase_add_test(tc, format_names_round_trip);
  tcase_add_test(tc, notes_accumulate_and_release);
  suite_add_tcase(s, tc);
  return s;
}
