/* Unit tests for reposted: what counts as a reposting site's insertion
 * (an address between Chinese words, its name set off or learnt, brackets
 * and lead-ins), what does not (government sites, addresses the text
 * points to, a line's end, a passage repeated whole), where each one's
 * reported and skipped text lie, and that it stays linear. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "reposted.h"

/* The insertions of s as "reported|skipped;" pairs, for one comparison. */
static char *found(const char *s) {
  size_t n;
  reposted_cut *c = reposted_find(s, strlen(s), &n);
  static char out[4096];
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    used += (size_t)snprintf(out + used, sizeof out - used, "%.*s|%.*s;",
                             (int)c[i].len, s + c[i].off,
                             (int)(c[i].skip_end - c[i].skip), s + c[i].skip);
    ck_assert_uint_le(c[i].skip, c[i].off);
    ck_assert_uint_ge(c[i].skip_end, c[i].off + c[i].len);
    if (i)
      ck_assert_uint_ge(c[i].skip, c[i - 1].skip_end);
  }
  free(c);
  return out;
}

START_TEST(an_address_between_words) {
  ck_assert_str_eq(found("推进依法行政www.example.com工作"),
                   "www.example.com|www.example.com;");
  ck_assert_str_eq(
      found("推进 http://example.net/a/b.html 工作"),
      "http://example.net/a/b.html| http://example.net/a/b.html ;");
  /* a figure run onto the address is the sentence's, not the host's */
  ck_assert_str_eq(found("复议案件www.example.com12件"),
                   "www.example.com|www.example.com;");
  ck_assert_str_eq(found("案件WWW.EXAMPLE.CN，"),
                   "WWW.EXAMPLE.CN|WWW.EXAMPLE.CN;");
}
END_TEST

START_TEST(no_insertion) {
  /* a government site; an address the text points to; the line's end; a
   * colon before it; inside an ASCII word; an unknown top-level label */
  ck_assert_str_eq(found("在区政府网站www.example.gov.cn公布"), "");
  ck_assert_str_eq(found("可登录www.example.com查阅"), "");
  ck_assert_str_eq(found("网址为 www.example.com 查阅"), "");
  ck_assert_str_eq(found("详见本局官网www.example.com。"), "");
  ck_assert_str_eq(found("在学习强国平台 www.example.cn 上发布"), "");
  ck_assert_str_eq(found("欢迎访问www.example.com\n"), "");
  ck_assert_str_eq(found("网址：www.example.com工作"), "");
  ck_assert_str_eq(found("全文见www.example.com"), "");
  ck_assert_str_eq(found("推进xwww.example.com工作"), "");
  ck_assert_str_eq(found("推进www.example.xyz工作"), "");
  ck_assert_str_eq(found("推进www.example工作"), "");
  ck_assert_str_eq(found(""), "");
}
END_TEST

START_TEST(a_name_set_off) {
  ck_assert_str_eq(found("推进依法行政 法律图书馆 www.example.com 工作"),
                   "法律图书馆 www.example.com| 法律图书馆 www.example.com ;");
  ck_assert_str_eq(
      found("执法（法律图书馆 www.example.com）12件"),
      "（法律图书馆 www.example.com）|（法律图书馆 www.example.com）;");
  ck_assert_str_eq(found("宣传本文来源：法律文库网http://example.com/x/全面"),
                   "本文来源：法律文库网http://example.com/x/|"
                   "本文来源：法律文库网http://example.com/x/;");
  /* a clause mark sets no name off: the clause may be the report's */
  ck_assert_str_eq(found("工作，推进依法行政法律图书馆 www.example.com 工作"),
                   "www.example.com| www.example.com ;");
  /* no name ends like a site's; too long for one */
  ck_assert_str_eq(found("推进 依法行政 www.example.com 工作"),
                   "www.example.com| www.example.com ;");
}
END_TEST

START_TEST(a_name_learnt_from_the_same_address) {
  /* run into the words before it twice: the tail they share */
  ck_assert_str_eq(
      found("推进依法行政法律文库网www.example.com，办理复议案件法律文库网"
            "www.example.com12件"),
      "法律文库网www.example.com|法律文库网www.example.com;"
      "法律文库网www.example.com|法律文库网www.example.com;");
  /* set off once, then known where it is not */
  ck_assert_str_eq(
      found("执法 法律图书馆 www.example.com 工作，推进依法行政法律图书馆"
            "www.example.com工作"),
      "法律图书馆 www.example.com| 法律图书馆 www.example.com ;"
      "法律图书馆www.example.com|法律图书馆www.example.com;");
  /* a passage repeated whole tells no name; another host learns nothing */
  ck_assert_str_eq(found("“推进依法行政法律图书馆www.example.com工作”\n"
                         "“推进依法行政法律图书馆www.example.com工作”"),
                   "www.example.com|www.example.com;"
                   "www.example.com|www.example.com;");
  ck_assert_str_eq(
      found("推进依法行政法律文库网www.a.com，办理复议案件法律文库网"
            "www.b.com12件"),
      "www.a.com|www.a.com;www.b.com|www.b.com;");
}
END_TEST

START_TEST(a_name_alone_after_its_address) {
  /* the site that put its name and address in once puts its name alone
   * elsewhere: cut there too, between words; not at a clause's start */
  ck_assert_str_eq(found("推进依法行政 法律图书馆 www.example.com 工作。\n"
                         "办理复议案件法律图书馆12件，法律图书馆发布。"),
                   "法律图书馆 www.example.com| 法律图书馆 www.example.com ;"
                   "法律图书馆|法律图书馆;");
  /* a name with no address anywhere is the report's own words */
  ck_assert_str_eq(found("办理复议案件法律图书馆12件。"), "");
  /* two characters are too few to look for alone */
  ck_assert_str_eq(found("推进 文网 www.example.com 工作，推进文网工作"),
                   "文网 www.example.com| 文网 www.example.com ;");
}
END_TEST

START_TEST(the_normaliser_cuts_them_out) {
  const char *s = "全年办理行政复议案件 法律图书馆 www.example.com 12件。\n";
  normtext nt;
  normalize_text(s, strlen(s), 0, &nt);
  ck_assert_str_eq(nt.text, "全年办理行政复议案件12件。\n");
  ck_assert_uint_eq(nt.ncut, 1);
  ck_assert_uint_eq(nt.cuts[0].src, strlen("全年办理行政复议案件 "));
  ck_assert_uint_eq(nt.cuts[0].src_len, strlen("法律图书馆 www.example.com"));
  ck_assert_uint_eq(nt.cuts[0].norm, strlen("全年办理行政复议案件"));
  /* the figure after it maps back to its own place */
  ck_assert_uint_eq(posmap_to_src(&nt.map, nt.cuts[0].norm),
                    strlen("全年办理行政复议案件 法律图书馆 www.example.com "));
  normtext_release(&nt);
}
END_TEST

/* Text made of address characters, of a quarter million addresses, and of
 * blanks before one: every insertion found, none made up. (Whether it
 * stays linear is `make bench`'s to measure.) */
START_TEST(linear_on_hostile_text) {
  size_t n = 1 << 18;
  char *s = malloc(n + 1);
  for (size_t i = 0; i < n; i++)
    s[i] = i % 2 ? 'w' : '.';
  s[n] = '\0';
  size_t k;
  free(reposted_find(s, n, &k));
  ck_assert_uint_eq(k, 0);
  const char *unit = "案件 www.a.com 1";
  size_t ul = strlen(unit), reps = n / ul;
  for (size_t i = 0; i < reps; i++)
    memcpy(s + i * ul, unit, ul);
  s[reps * ul] = '\0';
  reposted_cut *c = reposted_find(s, reps * ul, &k);
  ck_assert_uint_eq(k, reps);
  free(c);
  memset(s, ' ', n);
  memcpy(s + n - 20, "案www.a.com件", strlen("案www.a.com件"));
  free(reposted_find(s, n - 20 + strlen("案www.a.com件"), &k));
  ck_assert_uint_eq(k, 1);
  free(s);
}
END_TEST

extern Suite *reposted_suite(void);
Suite *reposted_suite(void) {
  Suite *s = suite_create("reposted");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60); /* valgrind */
  tcase_add_test(tc, an_address_between_words);
  tcase_add_test(tc, no_insertion);
  tcase_add_test(tc, a_name_set_off);
  tcase_add_test(tc, a_name_learnt_from_the_same_address);
  tcase_add_test(tc, a_name_alone_after_its_address);
  tcase_add_test(tc, the_normaliser_cuts_them_out);
  tcase_add_test(tc, linear_on_hostile_text);
  suite_add_tcase(s, tc);
  return s;
}
