/* Unit tests for posmap and linemap: run merging, offsets inside
 * one-to-one and many-to-one runs, the end offset, and 1-based lines and
 * code-point columns (Chinese characters are one column each). */
#include "posmap.h"

#include <check.h>
#include <string.h>

START_TEST(adjacent_copies_merge) {
  posmap pm;
  posmap_init(&pm);
  posmap_add(&pm, 0, 3, 10, 3);
  posmap_add(&pm, 3, 2, 13, 2); // continues: merged
  posmap_add(&pm, 5, 1, 20, 3); // folded: many to one
  posmap_add(&pm, 6, 1, 23, 1); // copy after a fold: a new run
  posmap_add(&pm, 7, 2, 30, 2); // gap in the source: a new run
  ck_assert_uint_eq(pm.n, 4);
  ck_assert_uint_eq(pm.runs[0].norm_len, 5);
  ck_assert_uint_eq(pm.runs[0].src_len, 5);
  posmap_release(&pm);
  ck_assert_ptr_null(pm.runs);
  ck_assert_uint_eq(pm.n, 0);
}
END_TEST

START_TEST(offsets_map_back) {
  posmap pm;
  posmap_init(&pm);
  posmap_add(&pm, 0, 5, 10, 5);
  posmap_add(&pm, 5, 1, 20, 3);
  posmap_add(&pm, 6, 2, 30, 2);
  posmap_add(&pm, 8, 1, 40, 0); // a paragraph end at the end of the text
  ck_assert_uint_eq(posmap_to_src(&pm, 0), 10);
  ck_assert_uint_eq(posmap_to_src(&pm, 4), 14);
  ck_assert_uint_eq(posmap_to_src(&pm, 5), 20);
  ck_assert_uint_eq(posmap_to_src(&pm, 6), 30);
  ck_assert_uint_eq(posmap_to_src(&pm, 7), 31);
  ck_assert_uint_eq(posmap_to_src(&pm, 8), 40);
  ck_assert_uint_eq(posmap_to_src(&pm, 9), 40); // the total length
  posmap_release(&pm);
}
END_TEST

START_TEST(end_offset_is_end_of_last_run) {
  posmap pm;
  posmap_init(&pm);
  ck_assert_uint_eq(posmap_to_src(&pm, 0), 0);
  posmap_add(&pm, 0, 3, 7, 3);
  ck_assert_uint_eq(posmap_to_src(&pm, 3), 10);
  posmap_release(&pm);
}
END_TEST

START_TEST(many_runs_binary_search) {
  posmap pm;
  posmap_init(&pm);
  // Every other source byte skipped: no two runs merge.
  for (size_t i = 0; i < 1000; i++)
    posmap_add(&pm, i, 1, 2 * i, 1);
  ck_assert_uint_eq(pm.n, 1000);
  for (size_t i = 0; i < 1000; i++)
    ck_assert_uint_eq(posmap_to_src(&pm, i), 2 * i);
  posmap_release(&pm);
}
END_TEST

START_TEST(lines_and_code_point_columns) {
  const char *src = "ab\n法治c\n\n末";
  linemap lm;
  linemap_init(&lm, src, strlen(src));
  int line, col;
  linemap_lookup(&lm, 0, &line, &col);
  ck_assert_int_eq(line, 1);
  ck_assert_int_eq(col, 1);
  linemap_lookup(&lm, 2, &line, &col); // the LF itself
  ck_assert_int_eq(line, 1);
  ck_assert_int_eq(col, 3);
  linemap_lookup(&lm, 6, &line, &col); // 治
  ck_assert_int_eq(line, 2);
  ck_assert_int_eq(col, 2);
  linemap_lookup(&lm, 7, &line, &col); // inside 治: still its column
  ck_assert_int_eq(col, 2);
  linemap_lookup(&lm, 9, &line, &col); // c
  ck_assert_int_eq(line, 2);
  ck_assert_int_eq(col, 3);
  linemap_lookup(&lm, 11, &line, &col); // the empty line
  ck_assert_int_eq(line, 3);
  ck_assert_int_eq(col, 1);
  linemap_lookup(&lm, strlen(src), &line, &col); // end of text
  ck_assert_int_eq(line, 4);
  ck_assert_int_eq(col, 2);
  linemap_lookup(&lm, 999, &line, &col); // clamped
  ck_assert_int_eq(line, 4);
  linemap_release(&lm);
}
END_TEST

START_TEST(line_text) {
  const char *src = "ab\n法治c\n\n末";
  linemap lm;
  linemap_init(&lm, src, strlen(src));
  const char *p;
  size_t len;
  linemap_line(&lm, 7, &p, &len);
  ck_assert_uint_eq(len, 7);
  ck_assert_mem_eq(p, "法治c", 7);
  linemap_line(&lm, 11, &p, &len);
  ck_assert_uint_eq(len, 0);
  linemap_line(&lm, 12, &p, &len);
  ck_assert_mem_eq(p, "末", 3);
  ck_assert_uint_eq(len, 3);
  linemap_release(&lm);
  linemap_init(&lm, "", 0);
  linemap_line(&lm, 0, &p, &len);
  ck_assert_uint_eq(len, 0);
  linemap_release(&lm);
}
END_TEST

/* Declared here for -Wmissing-prototypes; the runner gets its list from
 * suites.h, which the Makefile greps from the definition below. */
extern Suite *posmap_suite(void);

Suite *posmap_suite(void) {
  Suite *s = suite_create("posmap");
  TCase *tc = tcase_create("posmap");
  tcase_add_test(tc, adjacent_copies_merge);
  tcase_add_test(tc, offsets_map_back);
  tcase_add_test(tc, end_offset_is_end_of_last_run);
  tcase_add_test(tc, many_runs_binary_search);
  suite_add_tcase(s, tc);
  tc = tcase_create("linemap");
  tcase_add_test(tc, lines_and_code_point_columns);
  tcase_add_test(tc, line_text);
  suite_add_tcase(s, tc);
  return s;
}
