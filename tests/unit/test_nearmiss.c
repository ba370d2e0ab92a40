/* Unit tests for nearmiss: each edit found, the layer order (an index's
 * own phrases before its base's), nearmiss_next never skipping a place
 * that has a miss, the written bytes viewed back with the same answers,
 * and views refusing bytes that are not an index or surviving damaged
 * tables. */
#include "nearmiss.h"

#include "utf8.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *nearmiss_suite(void);

enum { ALL = NEAR_SUB | NEAR_DEL | NEAR_INS | NEAR_CUT };

/* s as code points into cp (cap of them); returns how many. */
static int decode(const char *s, uint32_t *cp, int cap) {
  int n = 0;
  for (size_t i = 0, len = strlen(s); i < len && n < cap; n++) {
    int k = utf8_decode(s + i, len - i, &cp[n]);
    i += k > 0 ? (size_t)k : 1;
  }
  return n;
}

typedef struct found {
  near_hit hits[64];
  int n;
} found;

/* Every hit at every place of s, in order. */
static void find_all(const nearmiss *nm, const char *s, found *out) {
  uint32_t cp[256];
  int n = decode(s, cp, 256);
  nearmiss_text t;
  nearmiss_text_init(&t, cp, n);
  out->n = 0;
  for (int at = 0; at < n; at++) {
    near_hit h[16];
    int k = nearmiss_find(nm, &t, at, h, 16);
    for (int i = 0; i < k && i < 16 && out->n < 64; i++)
      out->hits[out->n++] = h[i];
  }
  nearmiss_text_release(&t);
}

static void same_hits(const found *a, const found *b) {
  ck_assert_int_eq(a->n, b->n);
  for (int i = 0; i < a->n; i++)
    ck_assert_mem_eq(&a->hits[i], &b->hits[i], sizeof a->hits[i]);
}

static const char *const terms[] = {"行政复议", "重大行政决策程序",
                                    "政府信息公开", "受理渠道", "不够顺畅"};
static const char *const idioms[] = {"参差不齐", "一心一意", "实事求是",
                                     "不够顺畅", "循序渐进"};

static nearmiss *with_terms(const nearmiss *base) {
  nearmiss *nm = nearmiss_new(base);
  for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
    ck_assert_int_eq(nearmiss_add(nm, terms[i], strlen(terms[i]), ALL, 0),
                     (int)i);
  return nm;
}

static nearmiss *with_idioms(void) {
  nearmiss *nm = nearmiss_new(NULL);
  for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++)
    nearmiss_add(nm, idioms[i], strlen(idioms[i]), NEAR_SUB, 1);
  return nm;
}

/* Texts with one miss of each kind, and some with none. */
static const char *const texts[] = {
    "导致工作规范程度残差不齐，办理行政法复议案件。",
    "严格落实重大行政决程序，做好政府信公开工作，畅通受理渠。",
    "工作移交不过顺畅，坚持实是求是，一新一意谋发展，循序渐近。",
    "参差不齐行政复议政府信息公开受理渠道不够顺畅实事求是",
    "abc，行政复，行政复议议，行行政复议，政府信息息公开。"};

START_TEST(test_each_edit) {
  nearmiss *nm = with_terms(NULL);
  found f;
  find_all(nm, "办理行政法复议案件", &f);
  ck_assert_int_eq(f.n, 1);
  ck_assert_int_eq(f.hits[0].kind, NEAR_INS);
  ck_assert_str_eq(nearmiss_phrase(nm, f.hits[0].phrase), "行政复议");
  find_all(nm, "做好政府信公开工作", &f);
  ck_assert_int_eq(f.n, 1);
  ck_assert_int_eq(f.hits[0].kind, NEAR_DEL);
  find_all(nm, "畅通受理渠", &f);
  ck_assert_int_eq(f.n, 1);
  ck_assert_int_eq(f.hits[0].kind, NEAR_CUT);
  find_all(nm, "移交不过顺畅", &f);
  ck_assert_int_eq(f.n, 1);
  ck_assert_int_eq(f.hits[0].kind, NEAR_SUB);
  ck_assert_int_eq(f.hits[0].j, 1);
  ck_assert_uint_eq(nearmiss_char(nm, f.hits[0].phrase, 1), 0x591F); /* 够 */
  /* the phrase itself is no miss; a term's first character is not
     replaced (edges 0) */
  find_all(nm, "行政复议", &f);
  ck_assert_int_eq(f.n, 0);
  find_all(nm, "刑政复议", &f);
  ck_assert_int_eq(f.n, 0);
  nearmiss_free(nm);
}
END_TEST

START_TEST(test_limits) {
  nearmiss *nm = nearmiss_new(NULL);
  ck_assert_int_eq(nearmiss_add(nm, "三个字", strlen("三个字"), ALL, 0), -1);
  const char *longer = "一二三四五六七八九十一二三四五六七八九十一二三四五";
  ck_assert_int_eq(nearmiss_add(nm, longer, strlen(longer), ALL, 0), -1);
  ck_assert_int_eq(nearmiss_add(nm, "\xff\xfe\xfd\xfc", 4, ALL, 0), -1);
  ck_assert_int_eq(nearmiss_count(nm), 0);
  nearmiss_free(nm);
}
END_TEST

// A base's phrases are numbered after the index's own, and for the same
// edit the own ones come first.
START_TEST(test_layers) {
  nearmiss *base = with_idioms();
  nearmiss *top = with_terms(base);
  int own = nearmiss_count(top);
  found f;
  find_all(top, "工作规范残差不齐", &f); /* an idiom's first character */
  ck_assert_int_eq(f.n, 1);
  ck_assert_int_eq(f.hits[0].phrase, own + 0);
  ck_assert_str_eq(nearmiss_phrase(top, f.hits[0].phrase), "参差不齐");
  find_all(top, "移交不过顺畅", &f); /* both a term and an idiom */
  ck_assert_int_eq(f.n, 2);
  ck_assert_int_eq(f.hits[0].phrase, 4);
  ck_assert_int_eq(f.hits[1].phrase, own + 3);
  /* the same phrases in one index find the same, in the same order */
  nearmiss *flat = with_terms(NULL);
  for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++)
    nearmiss_add(flat, idioms[i], strlen(idioms[i]), NEAR_SUB, 1);
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    found a, b;
    find_all(top, texts[i], &a);
    find_all(flat, texts[i], &b);
    same_hits(&a, &b);
  }
  nearmiss_free(flat);
  nearmiss_free(top);
  nearmiss_free(base);
}
END_TEST

// nearmiss_next skips only places where nearmiss_find finds nothing.
START_TEST(test_next_skips_no_miss) {
  nearmiss *base = with_idioms();
  nearmiss *top = with_terms(base);
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    uint32_t cp[256];
    int n = decode(texts[i], cp, 256);
    nearmiss_text t;
    nearmiss_text_init(&t, cp, n);
    for (int at = 0; at < n; at++) {
      near_hit h[16];
      int next = nearmiss_next(top, cp, n, at);
      ck_assert_int_ge(next, at);
      for (int k = at; k < next && k < n; k++)
        ck_assert_int_eq(nearmiss_find(top, &t, k, h, 16), 0);
    }
    nearmiss_text_release(&t);
  }
  nearmiss_free(top);
  nearmiss_free(base);
}
END_TEST

/* nm's bytes in an 8-byte aligned buffer (free()). */
static void *written(const nearmiss *nm, size_t *len) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  ck_assert_int_eq(nearmiss_write(nm, &sb), 0);
  void *p = aligned_alloc(8, (sb.len + 7) / 8 * 8);
  memcpy(p, sb.p, sb.len);
  *len = sb.len;
  strbuf_release(&sb);
  return p;
}

START_TEST(test_write_view) {
  nearmiss *built = with_terms(NULL);
  for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++)
    nearmiss_add(built, idioms[i], strlen(idioms[i]), NEAR_SUB, 1);
  size_t len;
  void *bytes = written(built, &len);
  char err[200];
  nearmiss *view = nearmiss_view(bytes, len, err, sizeof err);
  ck_assert_msg(view != NULL, "%s", err);
  ck_assert_int_eq(nearmiss_count(view), nearmiss_count(built));
  for (int i = 0; i < nearmiss_count(built); i++)
    ck_assert_str_eq(nearmiss_phrase(view, i), nearmiss_phrase(built, i));
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    found a, b;
    find_all(built, texts[i], &a);
    find_all(view, texts[i], &b);
    same_hits(&a, &b);
  }
  /* a view is a base like any other */
  nearmiss *top = with_terms(view);
  found f;
  find_all(top, "残差不齐", &f);
  ck_assert_int_eq(f.n, 1);
  ck_assert_str_eq(nearmiss_phrase(top, f.hits[0].phrase), "参差不齐");
  nearmiss_free(top);
  nearmiss_free(view);
  free(bytes);
  nearmiss_free(built);
}
END_TEST

START_TEST(test_view_refuses) {
  nearmiss *built = with_idioms();
  size_t len;
  unsigned char *bytes = written(built, &len);
  char err[200];
  ck_assert_ptr_null(nearmiss_view(bytes, 16, err, sizeof err));
  ck_assert_str_eq(err, "its phrase index is short or misaligned");
  ck_assert_ptr_null(nearmiss_view(bytes + 1, len - 1, err, sizeof err));
  ck_assert_ptr_null(nearmiss_view(bytes, len - 8, err, sizeof err));
  ck_assert_str_eq(err, "its phrase index's tables do not add up");
  bytes[0] ^= 1; /* the magic */
  ck_assert_ptr_null(nearmiss_view(bytes, len, err, sizeof err));
  ck_assert_str_eq(err, "its phrase index was written by another build");
  bytes[0] ^= 1;
  bytes[8] ^= 1; /* the canary */
  ck_assert_ptr_null(nearmiss_view(bytes, len, err, sizeof err));
  bytes[8] ^= 1;
  nearmiss *ok = nearmiss_view(bytes, len, err, sizeof err);
  ck_assert_ptr_nonnull(ok);
  nearmiss_free(ok);
  free(bytes);
  nearmiss_free(built);
}
END_TEST

// Damaged tables under a good header: lookups stay inside the bytes
// (ASan and valgrind run this), whatever they answer.
START_TEST(test_view_damaged) {
  nearmiss *built = with_terms(NULL);
  for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++)
    nearmiss_add(built, idioms[i], strlen(idioms[i]), NEAR_SUB, 1);
  size_t len;
  unsigned char *bytes = written(built, &len);
  unsigned char *copy = malloc(len);
  srand(7);
  for (int round = 0; round < 200; round++) {
    memcpy(copy, bytes, len);
    for (int k = 0; k < 1 + round % 16; k++)
      copy[16 + (size_t)rand() % (len - 16)] ^= (unsigned char)(1 + rand());
    if (round % 50 == 0) /* every slot in use: probes must still end */
      memset(copy + len / 2, 0xff, len / 4);
    void *aligned = aligned_alloc(8, (len + 7) / 8 * 8);
    memcpy(aligned, copy, len);
    char err[200];
    nearmiss *v = nearmiss_view(aligned, len, err, sizeof err);
    if (v) {
      for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        found f;
        find_all(v, texts[i], &f);
        for (int h = 0; h < f.n; h++) {
          ck_assert_ptr_nonnull(nearmiss_phrase(v, f.hits[h].phrase));
          (void)nearmiss_char(v, f.hits[h].phrase, f.hits[h].j);
        }
        uint32_t cp[256];
        int n = decode(texts[i], cp, 256);
        ck_assert_int_le(nearmiss_next(v, cp, n, 0), n);
      }
      nearmiss_free(v);
    }
    free(aligned);
  }
  free(copy);
  free(bytes);
  nearmiss_free(built);
}
END_TEST

Suite *nearmiss_suite(void) {
  Suite *s = suite_create("nearmiss");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_each_edit);
  tcase_add_test(tc, test_limits);
  tcase_add_test(tc, test_layers);
  tcase_add_test(tc, test_next_skips_no_miss);
  tcase_add_test(tc, test_write_view);
  tcase_add_test(tc, test_view_refuses);
  tcase_add_test(tc, test_view_damaged);
  suite_add_tcase(s, tc);
  return s;
}
