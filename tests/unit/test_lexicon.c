/* Unit tests for lexicon and its index file (lexindex): the index maps
 * and answers as the word list read from its text does (a small list, and
 * a sample of the shipped one); a missing, truncated, damaged or stale
 * index, or one made with other readings, is not used and the text is
 * read instead, with the same answers as a list without an index; a
 * racily clean word list is checked by its hash; a copy of the files
 * with new times still maps. Each test works in its own mkdtemp
 * directory. */
#include "lexicon.h"

#include "lexindex.h"
#include "utf8.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *lexicon_suite(void);

typedef struct lexdir {
  char dir[64];
  char words[128], pinyin[128], idx[128];
} lexdir;

static void write_file(const char *path, const char *s, size_t len) {
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(s, 1, len, f), len);
  ck_assert_int_eq(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  ck_assert_uint_eq(fread(p, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  p[n] = '\0';
  *len = (size_t)n;
  return p;
}

/* Sets path's modification time to `ago` seconds before now. */
static void age(const char *path, long ago) {
  struct timespec ts[2];
  clock_gettime(CLOCK_REALTIME, &ts[0]);
  ts[0].tv_sec -= ago;
  ts[1] = ts[0];
  ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static const char small_words[] =
    "# a word list for the tests\n"
    "一一\n"
    "参差不齐\ti\n"
    "图表图解\n"
    "研究\tv\n"
    "不够顺畅\ti\n"
    "实事求是\ti\n"
    "法治政府建设\n"
    "经费\n"
    "经费\tv\n" /* a second entry: the first one's tag holds */
    "三个\n";

static const char small_pinyin[] = "# readings\n"
                                   "参\tcan,shen,cen\n"
                                   "残\tcan\n"
                                   "差\tcha,chai,ci\n"
                                   "够\tgou\n"
                                   "过\tguo\n"
                                   "表\tbiao\n"
                                   "标\tbiao\n"
                                   "实\tshi\n"
                                   "是\tshi\n";

static void lexdir_make(lexdir *d, const char *words, size_t wlen,
                        const char *pinyin, size_t plen) {
  snprintf(d->dir, sizeof d->dir, "/tmp/rl-lexicon-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(d->dir));
  snprintf(d->words, sizeof d->words, "%s/words.txt", d->dir);
  snprintf(d->pinyin, sizeof d->pinyin, "%s/pinyin.txt", d->dir);
  snprintf(d->idx, sizeof d->idx, "%s/words.idx", d->dir);
  write_file(d->words, words, wlen);
  write_file(d->pinyin, pinyin, plen);
}

static void lexdir_small(lexdir *d) {
  lexdir_make(d, small_words, strlen(small_words), small_pinyin,
              strlen(small_pinyin));
}

static void lexdir_remove(lexdir *d) {
  char path[160];
  const char *names[] = {"words.txt", "pinyin.txt", "words.idx", "other.txt"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    snprintf(path, sizeof path, "%s/%s", d->dir, names[i]);
    unlink(path);
  }
  rmdir(d->dir);
}

static void make_index(const lexdir *d) {
  char err[600];
  ck_assert_msg(lexicon_write_index(d->words, d->pinyin, d->idx, err,
                                    sizeof err) == 0,
                "%s", err);
}

static lexicon *load(const lexdir *d) {
  lexicon *lx;
  char err[600];
  ck_assert_msg(lexicon_load(d->words, d->pinyin, &lx, err, sizeof err) == 0,
                "%s", err);
  return lx;
}

static int word(const lexicon *lx, const char *s) {
  return lexicon_word(lx, s, strlen(s));
}

/* The near misses of the idioms in s, as "phrase@place" lines. */
static char *idiom_misses(const lexicon *lx, const char *s) {
  uint32_t cp[512];
  int n = 0;
  for (size_t i = 0, len = strlen(s); i < len && n < 512; n++) {
    int k = utf8_decode(s + i, len - i, &cp[n]);
    i += k > 0 ? (size_t)k : 1;
  }
  nearmiss *top = nearmiss_new(lexicon_idioms(lx));
  nearmiss_text t;
  nearmiss_text_init(&t, cp, n);
  strbuf out;
  strbuf_init(&out, STRBUF_UNLIMITED);
  for (int at = 0; at < n; at++) {
    near_hit h[16];
    int found = nearmiss_find(top, &t, at, h, 16);
    for (int k = 0; k < found && k < 16; k++)
      strbuf_printf(&out, "%s@%d/%d\n", nearmiss_phrase(top, h[k].phrase),
                    at, h[k].j);
  }
  nearmiss_text_release(&t);
  nearmiss_free(top);
  return strbuf_detach(&out, NULL);
}

/* What a test asks of the small list; the same whatever backs it. */
static void check_small(const lexicon *lx) {
  ck_assert_int_eq(word(lx, "一一"), '-');
  ck_assert_int_eq(word(lx, "参差不齐"), 'i');
  ck_assert_int_eq(word(lx, "研究"), 'v');
  ck_assert_int_eq(word(lx, "经费"), '-');
  ck_assert_int_eq(word(lx, "残差不齐"), 0);
  ck_assert_int_eq(word(lx, "一"), 0);
  ck_assert_int_eq(word(lx, "# a word list for the tests"), 0);
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x53C2, 0x6B8B), 1); /* 参 残 */
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x591F, 0x8FC7), 1); /* 够 过 */
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x8868, 0x5B9E), 0); /* 表 实 */
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x8868, 0x6807), 1); /* 表 标 */
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x4E00, 0x4E00), 0); /* no reading */
  ck_assert_int_eq(nearmiss_count(lexicon_idioms(lx)), 3);
  char *m = idiom_misses(lx, "规范程度残差不齐，工作移交不过顺畅，实是求是。");
  ck_assert_str_eq(m, "参差不齐@4/0\n不够顺畅@13/1\n实事求是@18/1\n");
  free(m);
}

/* The note for an index that is not used, without the directory. */
static const char *why(const lexicon *lx) {
  const char *n = lexicon_index_note(lx);
  ck_assert_ptr_nonnull(n);
  const char *colon = strstr(n, ".idx: ");
  return colon ? colon + 6 : n;
}

START_TEST(test_index_path) {
  const char *in[] = {"rules/lexicon/words.txt", "words", "a.b/c",
                      "dir/.hidden", "x.y.txt"};
  const char *out[] = {"rules/lexicon/words.idx", "words.idx", "a.b/c.idx",
                       "dir/.hidden.idx", "x.y.idx"};
  for (int i = 0; i < 5; i++) {
    char *p = lexicon_index_path(in[i]);
    ck_assert_str_eq(p, out[i]);
    free(p);
  }
}
END_TEST

START_TEST(test_maps_and_agrees) {
  lexdir d;
  lexdir_small(&d);
  lexicon *text = load(&d);
  ck_assert_str_eq(why(text), "there is none");
  check_small(text);
  make_index(&d);
  lexicon *mapped = load(&d);
  ck_assert_ptr_null(lexicon_index_note(mapped));
  check_small(mapped);
  lexicon_free(mapped);
  lexicon_free(text);
  lexdir_remove(&d);
}
END_TEST

/* The shelf gives the word list of the same two files once, however the
 * paths are written; other files get their own; missing ones fail. */
START_TEST(test_shelf_shares) {
  lexdir a, b;
  lexdir_small(&a);
  lexdir_small(&b);
  lexicon_shelf *sh = lexicon_shelf_new();
  lexicon *x, *y, *z;
  int loaded;
  char err[600], other[200];
  ck_assert_int_eq(lexicon_shelf_get(sh, a.words, a.pinyin, &x, &loaded,
                                     err, sizeof err), 0);
  ck_assert_int_eq(loaded, 1);
  snprintf(other, sizeof other, "%s/../%s/words.txt", a.dir,
           strrchr(a.dir, '/') + 1);
  ck_assert_int_eq(lexicon_shelf_get(sh, other, a.pinyin, &y, &loaded,
                                     err, sizeof err), 0);
  ck_assert_ptr_eq(x, y);
  ck_assert_int_eq(loaded, 0);
  ck_assert_int_eq(lexicon_shelf_get(sh, b.words, b.pinyin, &z, &loaded,
                                     err, sizeof err), 0);
  ck_assert_ptr_ne(x, z);
  ck_assert_int_eq(loaded, 1);
  check_small(z);
  snprintf(other, sizeof other, "%s/none.txt", a.dir);
  ck_assert_int_eq(lexicon_shelf_get(sh, other, a.pinyin, &z, &loaded,
                                     err, sizeof err), -1);
  ck_assert(strstr(err, "none.txt") != NULL);
  lexicon_shelf_free(sh); /* frees both lists (valgrind, ASan) */
  lexicon_shelf_free(NULL);
  lexdir_remove(&a);
  lexdir_remove(&b);
}
END_TEST

START_TEST(test_missing_index_note) {
  lexdir d;
  lexdir_small(&d);
  lexicon *lx = load(&d);
  ck_assert_str_eq(why(lx), "there is none");
  lexicon_free(lx);
  lexdir_remove(&d);
}
END_TEST

// Cut short anywhere: not used, and the text answers.
START_TEST(test_truncated) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  size_t len;
  char *idx = read_file(d.idx, &len);
  size_t cuts[] = {0, 1, 7, 100, 231, len / 2, len - 1};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
    write_file(d.idx, idx, cuts[i]);
    lexicon *lx = load(&d);
    ck_assert_str_eq(why(lx), "it is truncated or damaged");
    check_small(lx);
    lexicon_free(lx);
  }
  free(idx);
  lexdir_remove(&d);
}
END_TEST

/* Rewrites the index with byte `at` xor-ed with x and loads it. */
static lexicon *load_poked(const lexdir *d, const char *idx, size_t len,
                           size_t at, unsigned char x) {
  char *copy = malloc(len);
  memcpy(copy, idx, len);
  copy[at] = (char)(copy[at] ^ x);
  write_file(d->idx, copy, len);
  free(copy);
  return load(d);
}

// The header's fields: each wrong one is named.
START_TEST(test_bad_header) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  size_t len;
  char *idx = read_file(d.idx, &len);
  struct {
    size_t at;
    unsigned char x;
    const char *why;
  } pokes[] = {
      {0, 0x20, "it is not a word-list index"},
      {8, 0x07, "it has format version 6; this build reads 1"},
      {12, 0x01, "it was made on another kind of machine"},
      {16, 0x0c, "it was made on another kind of machine"},
      {24, 0x01, "it is truncated or damaged"},         /* file size */
      {96, 0x01, "it is truncated or damaged"},         /* sections */
      {104 + 7, 0x10, "it is truncated or damaged"},    /* an offset */
      {104 + 8 + 7, 0x10, "it is truncated or damaged"}, /* a length */
  };
  for (size_t i = 0; i < sizeof pokes / sizeof *pokes; i++) {
    lexicon *lx = load_poked(&d, idx, len, pokes[i].at, pokes[i].x);
    ck_assert_str_eq(why(lx), pokes[i].why);
    check_small(lx);
    lexicon_free(lx);
  }
  free(idx);
  lexdir_remove(&d);
}
END_TEST

// Bytes of the tables flipped: the lookups stay inside the file (ASan and
// valgrind run this); what they answer is the damaged index's.
START_TEST(test_damaged_tables) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  size_t len;
  char *idx = read_file(d.idx, &len);
  srand(11);
  for (int round = 0; round < 100; round++) {
    size_t at = 232 + (size_t)rand() % (len - 232);
    lexicon *lx = load_poked(&d, idx, len, at, (unsigned char)(1 + rand()));
    const char *probe[] = {"一一", "参差不齐", "研究", "残差不齐", "经费"};
    for (int k = 0; k < 5; k++)
      (void)word(lx, probe[k]);
    (void)lexicon_sound_alike(lx, 0x53C2, 0x6B8B);
    free(idiom_misses(lx, "规范程度残差不齐，工作移交不过顺畅，实是求是。"));
    lexicon_free(lx);
  }
  free(idx);
  lexdir_remove(&d);
}
END_TEST

// The word list changed after the index was made: the same size, and
// another size. The index is not used; the text's words count.
START_TEST(test_stale) {
  lexdir d;
  lexdir_small(&d);
  age(d.words, 100);
  make_index(&d);
  char *w = strdup(small_words);
  char *at = strstr(w, "图表图解");
  memcpy(at, "图标图解", strlen("图标图解")); /* same length */
  write_file(d.words, w, strlen(w));
  lexicon *lx = load(&d);
  char expect[200];
  snprintf(expect, sizeof expect, "%s has changed since it was made",
           d.words);
  ck_assert_str_eq(why(lx), expect);
  ck_assert_int_eq(word(lx, "图标图解"), '-');
  ck_assert_int_eq(word(lx, "图表图解"), 0);
  lexicon_free(lx);
  write_file(d.words, "新词\n", strlen("新词\n"));
  lx = load(&d);
  ck_assert_int_eq(word(lx, "新词"), '-');
  ck_assert_int_eq(word(lx, "研究"), 0);
  lexicon_free(lx);
  free(w);
  lexdir_remove(&d);
}
END_TEST

// Made within the same clock tick as the word list was written, the index
// keeps no time, so a change of the same size that keeps the time (a
// racily clean file, as git calls it) is still caught, by the hash.
START_TEST(test_racy) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  struct stat st;
  ck_assert_int_eq(stat(d.words, &st), 0);
  lexicon *lx = load(&d);
  ck_assert_ptr_null(lexicon_index_note(lx)); /* mapped, after the hash */
  lexicon_free(lx);
  char *w = strdup(small_words);
  memcpy(strstr(w, "图表图解"), "图标图解", strlen("图标图解"));
  write_file(d.words, w, strlen(w));
  struct timespec ts[2] = {st.st_mtim, st.st_mtim};
  ck_assert_int_eq(utimensat(AT_FDCWD, d.words, ts, 0), 0);
  lx = load(&d);
  ck_assert_ptr_nonnull(strstr(why(lx), "has changed since it was made"));
  ck_assert_int_eq(word(lx, "图标图解"), '-');
  lexicon_free(lx);
  free(w);
  lexdir_remove(&d);
}
END_TEST

// A copy with new times (cp without -p, a package's clamped times) is
// the same text: the hash says so, and the index is used.
START_TEST(test_copy_new_times) {
  lexdir d;
  lexdir_small(&d);
  age(d.words, 100);
  age(d.pinyin, 100);
  make_index(&d);
  age(d.words, 50);
  age(d.pinyin, 10);
  lexicon *lx = load(&d);
  ck_assert_ptr_null(lexicon_index_note(lx));
  check_small(lx);
  lexicon_free(lx);
  lexdir_remove(&d);
}
END_TEST

// An index made with other readings is not used with these.
START_TEST(test_other_readings) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  char other[160];
  snprintf(other, sizeof other, "%s/other.txt", d.dir);
  write_file(other, "参\tcan\n", strlen("参\tcan\n"));
  lexicon *lx;
  char err[600];
  ck_assert_int_eq(lexicon_load(d.words, other, &lx, err, sizeof err), 0);
  ck_assert_ptr_nonnull(strstr(why(lx), "other.txt has changed"));
  ck_assert_int_eq(lexicon_sound_alike(lx, 0x53C2, 0x6B8B), 0);
  lexicon_free(lx);
  lexdir_remove(&d);
}
END_TEST

// Unreadable text: an error, index or not.
START_TEST(test_missing_text) {
  lexdir d;
  lexdir_small(&d);
  make_index(&d);
  unlink(d.pinyin);
  lexicon *lx = NULL;
  char err[600];
  ck_assert_int_eq(lexicon_load(d.words, d.pinyin, &lx, err, sizeof err), -1);
  ck_assert_ptr_nonnull(strstr(err, "cannot open"));
  ck_assert_int_eq(
      lexicon_write_index(d.words, d.pinyin, d.idx, err, sizeof err), -1);
  lexdir_remove(&d);
}
END_TEST

// The shipped word list: a sample of its words, words one character off,
// readings and the idioms' near misses, the same mapped as read.
START_TEST(test_shipped_sample) {
  size_t wlen, plen;
  char *words = read_file("rules/lexicon/words.txt", &wlen);
  char *pinyin = read_file("rules/lexicon/pinyin.txt", &plen);
  lexdir d;
  lexdir_make(&d, words, wlen, pinyin, plen);
  lexicon *text = load(&d);
  make_index(&d);
  lexicon *mapped = load(&d);
  ck_assert_ptr_null(lexicon_index_note(mapped));
  strbuf idioms;
  strbuf_init(&idioms, STRBUF_UNLIMITED);
  int line = 0, checked = 0;
  for (char *p = words, *nl; (nl = strchr(p, '\n')); p = nl + 1, line++) {
    size_t wl = strcspn(p, "\t\n");
    if (*p == '#' || line % 53)
      continue;
    ck_assert_int_eq(lexicon_word(mapped, p, wl), lexicon_word(text, p, wl));
    ck_assert_int_ne(lexicon_word(mapped, p, wl), 0);
    ck_assert_int_eq(lexicon_word(mapped, p, wl - 3),
                     lexicon_word(text, p, wl - 3));
    char buf[64];
    snprintf(buf, sizeof buf, "%.*s的", (int)wl, p);
    ck_assert_int_eq(word(mapped, buf), word(text, buf));
    uint32_t a, b;
    utf8_decode(p, wl, &a);
    utf8_decode(p + 3, wl - 3, &b);
    ck_assert_int_eq(lexicon_sound_alike(mapped, a, b),
                     lexicon_sound_alike(text, a, b));
    if (p[wl] == '\t' && p[wl + 1] == 'i' && wl >= 12) {
      /* the idiom with its second character replaced by the first */
      strbuf_put(&idioms, p, 3);
      strbuf_put(&idioms, p, wl - 3);
      strbuf_puts(&idioms, "，");
    }
    checked++;
  }
  ck_assert_int_gt(checked, 5000);
  ck_assert_int_eq(nearmiss_count(lexicon_idioms(mapped)),
                   nearmiss_count(lexicon_idioms(text)));
  /* in pieces the helper's buffer holds */
  for (size_t off = 0; off < idioms.len;) {
    size_t n = idioms.len - off < 1200 ? idioms.len - off : 1200;
    while (n < idioms.len - off && (idioms.p[off + n] & 0xC0) == 0x80)
      n--;
    char *piece = strndup(idioms.p + off, n);
    char *a = idiom_misses(mapped, piece), *b = idiom_misses(text, piece);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    free(piece);
    off += n;
  }
  strbuf_release(&idioms);
  lexicon_free(mapped);
  lexicon_free(text);
  free(words);
  free(pinyin);
  lexdir_remove(&d);
}
END_TEST

Suite *lexicon_suite(void) {
  Suite *s = suite_create("lexicon");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_index_path);
  tcase_add_test(tc, test_maps_and_agrees);
  tcase_add_test(tc, test_shelf_shares);
  tcase_add_test(tc, test_missing_index_note);
  tcase_add_test(tc, test_truncated);
  tcase_add_test(tc, test_bad_header);
  tcase_add_test(tc, test_damaged_tables);
  tcase_add_test(tc, test_stale);
  tcase_add_test(tc, test_racy);
  tcase_add_test(tc, test_copy_new_times);
  tcase_add_test(tc, test_other_readings);
  tcase_add_test(tc, test_missing_text);
  tcase_add_test(tc, test_shipped_sample);
  suite_add_tcase(s, tc);
  return s;
}
