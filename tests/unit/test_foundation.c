/* Unit tests for the foundation modules: alloc (arena, array growth),
 * strbuf (cap, detach) and utf8 (strict decoding, counting, stepping
 * back). These are the pieces every stage leans on, so their edge cases
 * (overlong forms, surrogates, truncation, the exact cap) are pinned. */
#include "alloc.h"
#include "strbuf.h"
#include "utf8.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

START_TEST(arena_blocks_are_zeroed_and_aligned) {
  arena a;
  arena_init(&a);
  for (int i = 0; i < 1000; i++) {
    unsigned char *p = arena_alloc(&a, 37);
    ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
    for (int k = 0; k < 37; k++)
      ck_assert_uint_eq(p[k], 0);
    memset(p, 0xAB, 37);
  }
  char *big = arena_alloc(&a, 100000); // larger than one block
  memset(big, 1, 100000);
  char *s = arena_strndup(&a, "法治政府", 6);
  ck_assert_str_eq(s, "法治");
  arena_release(&a);
  ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(array_push_grows_and_zeroes) {
  int *v = NULL;
  size_t n = 0, cap = 0;
  for (int i = 0; i < 100; i++)
    *ARRAY_PUSH(v, n, cap) = i;
  ck_assert_uint_eq(n, 100);
  ck_assert_uint_ge(cap, 100);
  ck_assert_int_eq(v[99], 99);
  if (cap > n)
    ck_assert_int_eq(v[n], 0);
  free(v);
}
END_TEST

START_TEST(strbuf_cap_is_hard) {
  strbuf sb;
  strbuf_init(&sb, 5);
  ck_assert_int_eq(strbuf_puts(&sb, "abc"), 0);
  ck_assert_int_eq(strbuf_puts(&sb, "def"), -1); // would reach 6
  ck_assert_str_eq(sb.p, "abc");                 // unchanged
  ck_assert_int_eq(strbuf_putc(&sb, 'd'), 0);
  ck_assert_int_eq(strbuf_putc(&sb, 'e'), 0); // exactly at the cap
  ck_assert_int_eq(strbuf_putc(&sb, 'f'), -1);
  ck_assert_int_eq(strbuf_printf(&sb, "%d", 1), -1);
  ck_assert_uint_eq(sb.len, 5);
  strbuf_reset(&sb);
  ck_assert_int_eq(strbuf_printf(&sb, "%d-%s", 42, "x"), 0);
  ck_assert_str_eq(sb.p, "42-x");
  strbuf_release(&sb);
}
END_TEST

START_TEST(strbuf_detach_hands_over) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  size_t len = 99;
  char *empty = strbuf_detach(&sb, &len);
  ck_assert_str_eq(empty, "");
  ck_assert_uint_eq(len, 0);
  free(empty);
  for (int i = 0; i < 1000; i++)
    strbuf_put(&sb, "法", 3);
  char *p = strbuf_detach(&sb, &len);
  ck_assert_uint_eq(len, 3000);
  ck_assert_uint_eq(strlen(p), 3000);
  ck_assert_ptr_null(sb.p);
  ck_assert_uint_eq(sb.len, 0);
  free(p);
  strbuf_release(&sb); // releasing a detached buffer is harmless
}
END_TEST

static int decode_len(const char *s, size_t len, uint32_t *cp) {
  return utf8_decode(s, len, cp);
}

START_TEST(utf8_decode_accepts_valid_forms) {
  uint32_t cp;
  ck_assert_int_eq(decode_len("A", 1, &cp), 1);
  ck_assert_uint_eq(cp, 'A');
  ck_assert_int_eq(decode_len("\xC2\xA0", 2, &cp), 2);
  ck_assert_uint_eq(cp, 0xA0);
  ck_assert_int_eq(decode_len("法", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0x6CD5);
  ck_assert_int_eq(decode_len("\xF0\xA0\x80\x80", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x20000);
  ck_assert_int_eq(decode_len("\xF4\x8F\xBF\xBF", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x10FFFF);
}
END_TEST

START_TEST(utf8_decode_rejects_bad_forms) {
  uint32_t cp;
  ck_assert_int_eq(decode_len("\xC0\xAF", 2, &cp), -1); // overlong /
  ck_assert_uint_eq(cp, 0xFFFD);
  ck_assert_int_eq(decode_len("\xE0\x80\xAF", 3, &cp), -1);     // overlong
  ck_assert_int_eq(decode_len("\xF0\x80\x80\xAF", 4, &cp), -1); // overlong
  ck_assert_int_eq(decode_len("\xED\xA0\x80", 3, &cp), -1);     // U+D800
  ck_assert_int_eq(decode_len("\xED\xBF\xBF", 3, &cp), -1);     // U+DFFF
  ck_assert_int_eq(decode_len("\xF4\x90\x80\x80", 4, &cp), -1); // > 10FFFF
  ck_assert_int_eq(decode_len("\xE6\xB3", 2, &cp), -1);         // truncated
  ck_assert_int_eq(decode_len("\xE6\xB3\x41", 3, &cp), -1);     // bad trail
  ck_assert_int_eq(decode_len("\x80", 1, &cp), -1);             // lone trail
  ck_assert_int_eq(decode_len("\xFF", 1, &cp), -1);
}
END_TEST

START_TEST(utf8_encode_round_trips) {
  uint32_t cps[] = {0x41, 0xA0, 0x6CD5, 0xFF10, 0x20000, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    char buf[4];
    uint32_t back;
    int n = utf8_encode(cps[i], buf);
    ck_assert_int_eq(utf8_decode(buf, (size_t)n, &back), n);
    ck_assert_uint_eq(back, cps[i]);
  }
}
END_TEST

START_TEST(utf8_count_and_invalid_at) {
  ck_assert_uint_eq(utf8_count("", 0), 0);
  ck_assert_uint_eq(utf8_count("a法b", 5), 3);
  ck_assert_uint_eq(utf8_count("a\xFF\xFE\x62", 4), 4); // one per bad byte
  ck_assert_uint_eq(utf8_count("法治", 5), 3);          // 法 + two stray bytes
  ck_assert_uint_eq(utf8_invalid_at("法治", 6), 6);
  ck_assert_uint_eq(utf8_invalid_at("法\xB7\xA8", 5), 3);
  ck_assert_uint_eq(utf8_step("法", 3), 3);
  ck_assert_uint_eq(utf8_step("\xFF", 1), 1);
}
END_TEST

START_TEST(utf8_back_finds_char_starts) {
  const char *s = "a法\xF0\xA0\x80\x80z"; // 1 + 3 + 4 + 1 bytes
  ck_assert_uint_eq(utf8_back(s, 0), 0);
  ck_assert_uint_eq(utf8_back(s, 1), 0);
  ck_assert_uint_eq(utf8_back(s, 4), 1);
  ck_assert_uint_eq(utf8_back(s, 8), 4);
  ck_assert_uint_eq(utf8_back(s, 9), 8);
  // At most three continuation bytes are skipped.
  ck_assert_uint_eq(utf8_back("a\x80\x80\x80\x80", 5), 1);
}
END_TEST

START_TEST(utf8_escape_name_is_utf8_on_one_line) {
  char out[32];
  char *d = utf8_escape_name_dup("a\xFF报告\n.txt\t\x7F");
  ck_assert_str_eq(d, "a\\xFF报告\\n.txt\\t\\x7F");
  free(d);
  // cut between characters, never inside one or inside an escape
  ck_assert_uint_eq(utf8_escape_name("ab报告", out, 6), 5);
  ck_assert_str_eq(out, "ab报");
  ck_assert_uint_eq(utf8_escape_name("a\xFF", out, 5), 1);
  ck_assert_str_eq(out, "a");
}
END_TEST

START_TEST(utf8_width_classes) {
  ck_assert(utf8_is_han(0x6CD5));
  ck_assert(utf8_is_han(0x3007)); // 〇
  ck_assert(!utf8_is_han(0x3001));
  ck_assert(utf8_is_wide(0x3001)); // 、
  ck_assert(utf8_is_wide(0xFF0C)); // ，
  ck_assert(utf8_is_wide(0x201C)); // “
  ck_assert(!utf8_is_wide('A'));
}
END_TEST

/* Declared here for -Wmissing-prototypes; the runner gets its list from
 * suites.h, which the Makefile greps from the definition below. */
extern Suite *foundation_suite(void);

Suite *foundation_suite(void) {
  Suite *s = suite_create("foundation");
  TCase *tc = tcase_create("alloc");
  tcase_add_test(tc, arena_blocks_are_zeroed_and_aligned);
  tcase_add_test(tc, utf8_escape_name_is_utf8_on_one_line);
  tcase_add_test(tc, array_push_grows_and_zeroes);
  suite_add_tcase(s, tc);
  tc = tcase_create("strbuf");
  tcase_add_test(tc, strbuf_cap_is_hard);
  tcase_add_test(tc, strbuf_detach_hands_over);
  suite_add_tcase(s, tc);
  tc = tcase_create("utf8");
  tcase_add_test(tc, utf8_decode_accepts_valid_forms);
  tcase_add_test(tc, utf8_decode_rejects_bad_forms);
  tcase_add_test(tc, utf8_encode_round_trips);
  tcase_add_test(tc, utf8_count_and_invalid_at);
  tcase_add_test(tc, utf8_back_finds_char_starts);
  tcase_add_test(tc, utf8_width_classes);
  suite_add_tcase(s, tc);
  return s;
}
