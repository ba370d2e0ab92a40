/* Unit tests for reader.c: the table of input formats (names, aliases,
 * extensions in any case, detection by content and extension, the
 * directory walk's classification, how places are named), and the
 * extracted-text container. */
#include "reader.h"

#include <check.h>
#include <ctype.h>
#include <stdio.h>
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

START_TEST(aliases_name_their_row) {
  ck_assert_int_eq(reader_format_parse("auto"), FMT_AUTO);
  ck_assert_int_eq(reader_format_parse("xhtml"), -1); /* an extension only */
  ck_assert_int_eq(reader_format_parse("Markdown"), -1);
  for (int f = FMT_TEXT; f <= FMT_PDF; f++) {
    const reader_format *row = reader_format_of((input_format)f);
    ck_assert_int_eq(row->id, f);
    ck_assert_str_eq(row->name, reader_format_name((input_format)f));
    for (const char *const *a = row->aliases; *a; a++)
      ck_assert_int_eq(reader_format_parse(*a), f);
  }
  ck_assert_int_eq(reader_format_of(FMT_AUTO)->id, FMT_TEXT);
}
END_TEST

/* Every extension of the table is a report's in a directory walk, in any
 * case, is read by its row when the content says nothing, and is named
 * in the message that lists them. */
START_TEST(extensions_in_any_case) {
  for (int f = FMT_TEXT; f <= FMT_PDF; f++) {
    const reader_format *row = reader_format_of((input_format)f);
    for (const char *const *e = row->exts; *e; e++) {
      char lower[32], upper[32];
      snprintf(lower, sizeof lower, "dir/a%s", *e);
      snprintf(upper, sizeof upper, "A%s", *e);
      for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
      ck_assert_int_eq(reader_classify_name(lower), READER_NAME_REPORT);
      ck_assert_int_eq(reader_classify_name(upper), READER_NAME_REPORT);
      ck_assert_int_eq(detect(lower, "x"), f);
      ck_assert_int_eq(detect(upper, "x"), f);
      ck_assert_ptr_nonnull(strstr(reader_report_extensions(), *e));
    }
  }
  ck_assert_int_eq(reader_classify_name("a.markdown"), READER_NAME_REPORT);
  ck_assert_int_eq(detect("a.markdown", "# 标题\n"), FMT_MARKDOWN);
  ck_assert_int_eq(reader_classify_name("a.odt"), READER_NAME_OTHER);
  ck_assert_int_eq(reader_classify_name("d/README.md"), READER_NAME_README);
  ck_assert_int_eq(reader_classify_name("~$a.docx"), READER_NAME_LOCK);
  ck_assert_int_eq(reader_classify_name(".md"), READER_NAME_OTHER);
}
END_TEST

/* How a place is named, and relocated, by its format's row. */
START_TEST(places_named_by_row) {
  char buf[64];
  extracted x;
  extracted_init(&x);
  linemap lm;
  linemap_init(&lm, "a\nb\nc\nd\n", 8);
  locmap m;
  location at = {0, 12, 5, 12, 6};
  locmap_init(&m, reader_format_of(FMT_DOCX), &lm, &x, NULL);
  ck_assert_str_eq(locmap_name(&m, &at, buf, sizeof buf), "¶12:5");
  locmap_init(&m, reader_format_of(FMT_TEXT), &lm, &x, NULL);
  locmap_place(&m, &at);
  ck_assert_str_eq(locmap_name(&m, &at, buf, sizeof buf), "12:5");
  int pages[] = {1, 3};
  x.page_start = pages;
  x.npages = 2;
  locmap_init(&m, reader_format_of(FMT_PDF), &lm, &x, NULL);
  at = (location){0, 4, 1, 4, 2};
  locmap_place(&m, &at);
  ck_assert_int_eq(at.page, 2);
  ck_assert_int_eq(at.line, 2);
  ck_assert_str_eq(locmap_name(&m, &at, buf, sizeof buf), "p2:2:1");
  ck_assert_str_eq(locmap_line_name(&m, 2, buf, sizeof buf), "2");
  ck_assert_str_eq(locmap_line_name(&m, 3, buf, sizeof buf), "1");
  x.page_start = NULL;
  linemap_release(&lm);
  extracted_release(&x);
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
  tcase_add_test(tc, aliases_name_their_row);
  tcase_add_test(tc, extensions_in_any_case);
  tcase_add_test(tc, places_named_by_row);
  tcase_add_test(tc, notes_accumulate_and_release);
  suite_add_tcase(s, tc);
  return s;
}
