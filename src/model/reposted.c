/* reposted: a reposting site's name and address run into a sentence.
 *
 * Consumes decoded text; produces the insertions to cut, in order (see
 * reposted.h for what counts). One pass over the lines finds the
 * addresses and the names set off around them; a second settles the names
 * that run straight into the words before them, by the same address's
 * name elsewhere in the text; a third looks for a few of those names
 * standing alone. What is left out of matching, and how the
 * rules report it, is the normaliser's and the rules' business. */
#include "reposted.h"

#include "alloc.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
  NAME_MIN = 2,
  NAME_MAX = 16,  /* a site's name, in characters */
  ALONE_MIN = 3,  /* a name looked for without its address: at least so
                     many characters, */
  ALONE_NAMES = 4 /* and at most so many names */
};

/* An address between Chinese words, while its name is being settled. */
typedef struct insertion {
  size_t lo, hi;         /* its line */
  size_t url, url_end;   /* the address */
  size_t host, host_end; /* its host less "www." */
  size_t run, run_end;   /* the Chinese words right before the address,
                            blanks apart (at most NAME_MAX + 1 of them): the
                            name may be their tail; empty when none */
  size_t name;           /* the name's start; == url when none is known */
  size_t off, end;       /* what is reported: name, address, brackets */
  size_t skip, skip_end; /* and the blanks around it */
} insertion;

static uint32_t cp_at(const char *s, size_t i, size_t end) {
  uint32_t cp;
  int n = utf8_decode(s + i, end - i, &cp);
  return n < 0 ? 0xFFFD : cp;
}

/* The code point ending at i (i > lo), its start in *at. */
static uint32_t cp_before(const char *s, size_t lo, size_t i, size_t *at) {
  size_t b = utf8_back(s, i);
  *at = b < lo ? lo : b;
  return cp_at(s, *at, i);
}

static int is_clause_mark(uint32_t cp) {
  return cp == 0xFF0C /* ， */ || cp == 0x3002 /* 。 */ ||
         cp == 0xFF1B /* ； */ || cp == 0x3001 /* 、 */ ||
         cp == 0xFF1A /* ： */;
}

static uint32_t closing_of(uint32_t open) {
  switch (open) {
  case 0xFF08:
    return 0xFF09; /* （） */
  case '(':
    return ')';
  case 0x3010:
    return 0x3011; /* 【】 */
  case '[':
    return ']';
  case 0x3014:
    return 0x3015; /* 〔〕 */
  default:
    return 0;
  }
}

static size_t skip_blanks(const char *s, size_t i, size_t end) {
  while (i < end && utf8_is_blank(cp_at(s, i, end)))
    i += utf8_step(s + i, end - i);
  return i;
}

static size_t skip_blanks_back(const char *s, size_t lo, size_t i) {
  size_t at;
  while (i > lo && utf8_is_blank(cp_before(s, lo, i, &at)))
    i = at;
  return i;
}

/* ---- the address ------------------------------------------------------ */

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int starts_nocase(const char *s, size_t i, size_t end, const char *lit) {
  size_t n = strlen(lit);
  return end - i >= n && strncasecmp(s + i, lit, n) == 0;
}

/* Bytes of a site's top-level label (com net org cn …) at the start of
 * the last label of a host, s[0, len), or 0 if it is none. A figure run
 * onto it is not part of it ("www.example.com12件"). */
static size_t site_tld(const char *s, size_t len) {
  static const char *const tlds[] = {"com", "net",  "org", "cn",
                                     "cc",  "info", "top", NULL};
  size_t n = 0;
  while (n < len && !(s[n] >= '0' && s[n] <= '9'))
    n++;
  for (size_t k = n; k < len; k++)
    if (!(s[k] >= '0' && s[k] <= '9'))
      return 0;
  for (int i = 0; tlds[i]; i++)
    if (strlen(tlds[i]) == n && starts_nocase(s, 0, n, tlds[i]))
      return n;
  return 0;
}

static int is_gov_host(const char *s, size_t i, size_t end) {
  for (; i + 6 <= end; i++)
    if (starts_nocase(s, i, end, "gov.cn"))
      return 1;
  return 0;
}

static int is_path_char(unsigned char c) {
  return is_alnum(c) || (c && strchr("._~/?=&%#:+-", c));
}

// address = ("http" ["s"] "://" ["www."] | "www.") host ["/" path]
// host    = label ("." label)+, its last label a site's (com net org cn …)
// Not a government site's (gov.cn). The host's end in *host_end.
static size_t read_address(const char *s, size_t i, size_t end, size_t *host,
                           size_t *host_end) {
  size_t j = i;
  if (starts_nocase(s, j, end, "https://"))
    j += 8;
  else if (starts_nocase(s, j, end, "http://"))
    j += 7;
  int www = starts_nocase(s, j, end, "www.");
  if (j == i && !www)
    return 0;
  if (www)
    j += 4;
  *host = j;
  size_t labels = 0, last = j;
  while (j < end && is_alnum((unsigned char)s[j])) {
    last = j;
    while (j < end && (is_alnum((unsigned char)s[j]) || s[j] == '-'))
      j++;
    labels++;
    if (j + 1 < end && s[j] == '.' && is_alnum((unsigned char)s[j + 1]))
      j++;
    else
      break;
  }
  j = last + site_tld(s + last, j - last);
  if (labels + (www ? 1 : 0) < 2 || j == last || is_gov_host(s, i, j))
    return 0;
  *host_end = j;
  if (j < end && s[j] == '/')
    while (j < end && is_path_char((unsigned char)s[j]))
      j++;
  while (j > *host_end && (s[j - 1] == '.' || s[j - 1] == ':'))
    j--;
  return j;
}

/* ---- the words around it ---------------------------------------------- */

/* The text before `at` points to the address: 登录、访问 … (为/是), or
 * names what it is the address of (the report's own mention of a
 * platform: 学习强国平台 www.xuexi.cn 上). Not 在 or 通过: a site's
 * insertion follows them as often as anything. */
static int points_to(const char *s, size_t lo, size_t at) {
  static const char *const words[] = {
      "登录", "登陆", "访问", "浏览",   "网址",   "网站", "官网", "链接",
      "点击", "输入", "搜索", "关注",   "地址",   "平台", "专栏", "网页",
      "主页", "页面", "门户", "客户端", "公众号", NULL};
  size_t at2;
  uint32_t cp = at > lo ? cp_before(s, lo, at, &at2) : 0;
  if (cp == 0x4E3A /* 为 */ || cp == 0x662F /* 是 */)
    at = at2;
  for (int i = 0; words[i]; i++)
    if (utf8_ends(s + lo, at - lo, words[i]))
      return 1;
  return 0;
}

/* A site's name ends so: …网 …网站 …文库 …图书馆 …之家 …在线 …论坛 … */
static int ends_like_site(const char *s, size_t from, size_t to) {
  static const char *const ends[] = {"网",   "站",   "库",   "馆",   "之家",
                                     "在线", "论坛", "社区", "频道", "百科",
                                     "中心", "资讯", NULL};
  for (int i = 0; ends[i]; i++)
    if (utf8_ends(s + from, to - from, ends[i]))
      return 1;
  return 0;
}

/* The start of the Chinese words ending at `at`, at most NAME_MAX + 1 of
 * them back (one more than a name: a run that long is no name). */
static size_t han_run(const char *s, size_t lo, size_t at, int *chars) {
  size_t b;
  *chars = 0;
  while (at > lo && *chars <= NAME_MAX &&
         utf8_is_han(cp_before(s, lo, at, &b))) {
    at = b;
    ++*chars;
  }
  return at;
}

/* The words a site puts before its name (本文来源：, 转载自 …) ending at
 * `at`: returns their start, or at. */
static size_t lead_in(const char *s, size_t lo, size_t at) {
  static const char *const words[] = {
      "本文来源：", "本文来源:", "信息来源：", "信息来源:", "文章来源：",
      "文章来源:",  "来源：",    "来源:",      "出处：",    "出处:",
      "本文来自",   "转载自",    "转自",       "摘自",      NULL};
  size_t b = skip_blanks_back(s, lo, at);
  for (int i = 0; words[i]; i++)
    if (utf8_ends(s + lo, b - lo, words[i]))
      return b - strlen(words[i]);
  return at;
}

/* The name before the address: the words right before it (in->run,
 * chars of them) when they end like a site's name and are set off by a
 * blank, an opening bracket or a lead-in ("依法行政 法律图书馆 www…",
 * "（法律图书馆www…）", "来源：法律图书馆www…"). A clause mark sets none
 * off, as "，推进依法行政法律图书馆" may be one clause. Returns its start,
 * or in->url when there is none. */
static size_t set_off_name(const char *s, size_t lo, const insertion *in,
                           int chars) {
  size_t run = in->run, at;
  if (chars < NAME_MIN || chars > NAME_MAX || run == lo ||
      !ends_like_site(s, run, in->run_end))
    return in->url;
  uint32_t cp = cp_before(s, lo, run, &at);
  return utf8_is_blank(cp) || closing_of(cp) || lead_in(s, lo, run) < run
             ? run
             : in->url;
}

/* Whether the words before `at` are a sentence's: a Chinese character, or
 * a clause mark when a name stands there. */
static int sentence_before(const char *s, size_t lo, size_t at, int named) {
  size_t b = skip_blanks_back(s, lo, at), x;
  if (b == lo)
    return 0;
  uint32_t cp = cp_before(s, lo, b, &x);
  return (utf8_is_han(cp) || (named && is_clause_mark(cp))) &&
         !points_to(s, lo, b);
}

/* Whether the words after `at` go on with the sentence: a Chinese
 * character, a clause mark or a figure (案件 … 12件). */
static int sentence_after(const char *s, size_t at, size_t end) {
  at = skip_blanks(s, at, end);
  if (at >= end)
    return 0;
  uint32_t cp = cp_at(s, at, end);
  return utf8_is_han(cp) || (is_clause_mark(cp) && cp != 0xFF1A) ||
         (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Widens the insertion to the brackets around it, if both stand there. */
static void take_brackets(const char *s, size_t lo, size_t end, insertion *in) {
  size_t b = skip_blanks_back(s, lo, in->off), at;
  if (b == lo)
    return;
  uint32_t close = closing_of(cp_before(s, lo, b, &at));
  size_t a = skip_blanks(s, in->end, end);
  if (close && a < end && cp_at(s, a, end) == close) {
    in->off = at;
    in->end = a + utf8_step(s + a, end - a);
  }
}

/* Settles what is reported and skipped once the name is known. */
static void place(const char *s, size_t lo, size_t end, insertion *in) {
  in->off = lead_in(s, lo, in->name);
  in->end = in->url_end;
  if (in->off < in->url)
    take_brackets(s, lo, end, in);
  in->skip = skip_blanks_back(s, lo, in->off);
  in->skip_end = skip_blanks(s, in->end, end);
}

/* The address at url, in the line [lo, end), if it is an insertion. */
static int read_insertion(const char *s, size_t lo, size_t end, size_t url,
                          insertion *in) {
  size_t host, host_end;
  size_t url_end = read_address(s, url, end, &host, &host_end);
  if (!url_end)
    return 0;
  *in = (insertion){.lo = lo,
                    .hi = end,
                    .url = url,
                    .url_end = url_end,
                    .host = host,
                    .host_end = host_end,
                    .name = url};
  int chars;
  in->run_end = skip_blanks_back(s, lo, url);
  in->run = han_run(s, lo, in->run_end, &chars);
  in->name = set_off_name(s, lo, in, chars);
  place(s, lo, end, in);
  return sentence_after(s, in->end, end) &&
         sentence_before(s, lo, in->off, in->name < url);
}

/* ---- names learnt from other insertions ------------------------------- */

/* An insertion by its host, for grouping (qsort has no context). */
typedef struct by_host {
  const char *host;
  size_t len;
  insertion *in;
} by_host;

static int cmp_host(const void *a, const void *b) {
  const by_host *x = a, *y = b;
  int c = strncasecmp(x->host, y->host, x->len < y->len ? x->len : y->len);
  if (c)
    return c;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return (x->in->url > y->in->url) - (x->in->url < y->in->url);
}

/* Bytes of the longest common tail of two runs, in whole characters. */
static size_t common_tail(const char *s, size_t a, size_t a_end, size_t b,
                          size_t b_end) {
  size_t n = 0;
  while (n < a_end - a && n < b_end - b && s[a_end - n - 1] == s[b_end - n - 1])
    n++;
  while (n > 0 && ((unsigned char)s[a_end - n] & 0xC0) == 0x80)
    n--;
  return n;
}

/* The name the insertions g[0, n) of one address share: one set off in
 * any of them, else the tail of the words right before two or more of
 * them where those words differ. Returns its bytes, its start at *name; 0
 * if none. */
static size_t shared_name(const char *s, const by_host *g, size_t n,
                          size_t *name) {
  for (size_t i = 0; i < n; i++) {
    const insertion *in = g[i].in;
    if (in->name < in->url) {
      *name = in->name;
      return in->run_end - in->name;
    }
  }
  size_t len = 0, from = 0, runs = 0;
  for (size_t i = 0; i < n; i++) {
    const insertion *in = g[i].in;
    if (in->run == in->run_end)
      continue;
    len = runs ? common_tail(s, in->run, in->run_end, from, from + len)
               : in->run_end - in->run;
    from = g[i].in->run_end - len;
    runs++;
  }
  /* The words must differ before it somewhere: a passage repeated whole
   * ("推进依法行政法律图书馆www…" quoted twice) tells no name. */
  int differ = 0;
  for (size_t i = 0; i < n; i++)
    differ |= g[i].in->run_end - g[i].in->run > len;
  size_t chars = utf8_count(s + from, len);
  if (runs < 2 || !differ || chars < NAME_MIN || chars > NAME_MAX ||
      !ends_like_site(s, from, from + len))
    return 0;
  *name = from;
  return len;
}

static size_t line_end(const char *s, size_t len, size_t at) {
  const char *nl = memchr(s + at, '\n', len - at);
  return nl ? (size_t)(nl - s) : len;
}

/* Gives the name to each insertion of one address whose words end with
 * it. */
static void learn_name(const char *s, const by_host *g, size_t n) {
  size_t name, nlen = shared_name(s, g, n, &name);
  for (size_t i = 0; nlen && i < n; i++) {
    insertion *in = g[i].in;
    if (in->name < in->url || in->run_end - in->run < nlen ||
        memcmp(s + in->run_end - nlen, s + name, nlen) != 0)
      continue;
    in->name = in->run_end - nlen;
    place(s, in->lo, in->hi, in);
  }
}

static void learn_names(const char *s, insertion *v, size_t n) {
  by_host *g = xmalloc((n + 1) * sizeof *g);
  for (size_t i = 0; i < n; i++)
    g[i] = (by_host){s + v[i].host, v[i].host_end - v[i].host, &v[i]};
  qsort(g, n, sizeof *g, cmp_host);
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && g[j].len == g[i].len &&
                    strncasecmp(g[j].host, g[i].host, g[i].len) == 0;
         j++)
      ;
    learn_name(s, g + i, j - i);
  }
  free(g);
}

/* ---- names alone ------------------------------------------------------ */

/* The first occurrence of pat[0, n) in s[from, len), or len. At most n
 * comparisons a byte: a name is a few dozen bytes. */
static size_t find_bytes(const char *s, size_t from, size_t len,
                         const char *pat, size_t n) {
  while (from + n <= len) {
    const char *p = memchr(s + from, pat[0], len - n + 1 - from);
    if (!p)
      return len;
    size_t at = (size_t)(p - s);
    if (memcmp(p, pat, n) == 0)
      return at;
    from = at + 1;
  }
  return len;
}

static int same_name(const char *s, const insertion *a, const insertion *b) {
  return a->run_end - a->name == b->run_end - b->name &&
         memcmp(s + a->name, s + b->name, a->run_end - a->name) == 0;
}

/* The first ALONE_NAMES names of at least ALONE_MIN characters that came
 * with their addresses, each once: copies of their insertions into names
 * (v moves as it grows); returns how many. */
static size_t names_with_addresses(const char *s, const insertion *v, size_t n,
                                   insertion *names) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < ALONE_NAMES; i++) {
    if (v[i].name == v[i].url ||
        utf8_count(s + v[i].name, v[i].run_end - v[i].name) < ALONE_MIN)
      continue;
    size_t j = 0;
    while (j < k && !same_name(s, &names[j], &v[i]))
      j++;
    if (j == k)
      names[k++] = v[i];
  }
  return k;
}

/* The line around `at`, after the last one found [*lo, *hi): occurrences
 * come in order, so no byte is looked at twice. */
static void line_at(const char *s, size_t len, size_t at, size_t *lo,
                    size_t *hi) {
  if (at >= *lo && at < *hi)
    return;
  size_t b = at;
  while (b > *hi && s[b - 1] != '\n')
    b--;
  *lo = b;
  *hi = line_end(s, len, at);
}

/* Where a name occurs between words with no address, reads it as the same
 * site's insertion (it put its address elsewhere in the text). v[0, nurl)
 * are the address insertions, in order; the new ones are pushed after. */
static void find_names_alone(const char *s, size_t len, insertion **v,
                             size_t *n, size_t *cap) {
  insertion found[ALONE_NAMES];
  size_t nurl = *n, nnames = names_with_addresses(s, *v, nurl, found);
  for (size_t i = 0; i < nnames; i++) {
    const char *name = s + found[i].name;
    size_t nlen = found[i].run_end - found[i].name, c = 0, lo = 0, hi = 0;
    for (size_t at = find_bytes(s, 0, len, name, nlen); at < len;
         at = find_bytes(s, at + nlen, len, name, nlen)) {
      while (c < nurl && (*v)[c].end <= at)
        c++;
      if (c < nurl && (*v)[c].off <= at + nlen)
        continue; /* part of an insertion with its address */
      line_at(s, len, at, &lo, &hi);
      insertion in = {.lo = lo,
                      .hi = hi,
                      .url = at + nlen,
                      .url_end = at + nlen,
                      .name = at,
                      .run_end = at + nlen};
      place(s, lo, hi, &in);
      if (sentence_before(s, lo, in.off, 0) && sentence_after(s, in.end, hi))
        *ARRAY_PUSH(*v, *n, *cap) = in;
    }
  }
}

static int by_place(const void *a, const void *b) {
  const insertion *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  return (x->end < y->end) - (x->end > y->end);
}

/* ---- the whole text --------------------------------------------------- */

/* An address may start at i: not inside a word of ASCII letters, digits
 * or an address. */
static int address_may_start(const char *s, size_t lo, size_t i) {
  char c = s[i] | 0x20;
  if (c != 'h' && c != 'w')
    return 0;
  return i == lo ||
         !(is_alnum((unsigned char)s[i - 1]) || strchr("./@:_-", s[i - 1]));
}

static void find_in_line(const char *s, size_t lo, size_t end, insertion **v,
                         size_t *n, size_t *cap) {
  for (size_t i = lo; i < end; i++) {
    insertion in;
    if (!address_may_start(s, lo, i) || !read_insertion(s, lo, end, i, &in))
      continue;
    *ARRAY_PUSH(*v, *n, *cap) = in;
    i = in.url_end - 1;
  }
}

reposted_cut *reposted_find(const char *text, size_t len, size_t *n) {
  insertion *v = NULL;
  size_t nv = 0, cap = 0;
  for (size_t lo = 0; lo < len;) {
    size_t end = line_end(text, len, lo);
    find_in_line(text, lo, end, &v, &nv, &cap);
    lo = end + 1;
  }
  if (nv > 1)
    learn_names(text, v, nv);
  size_t nurl = nv;
  find_names_alone(text, len, &v, &nv, &cap);
  if (nv > nurl)
    qsort(v, nv, sizeof *v, by_place);
  reposted_cut *cuts = nv ? xmalloc(nv * sizeof *cuts) : NULL;
  size_t k = 0, last = 0;
  for (size_t i = 0; i < nv; i++) {
    if (v[i].off < last) /* a name reaching back into the one before */
      continue;
    size_t skip = v[i].skip < last ? last : v[i].skip;
    cuts[k++] =
        (reposted_cut){v[i].off, v[i].end - v[i].off, skip, v[i].skip_end};
    last = v[i].skip_end;
  }
  free(v);
  *n = k;
  return cuts;
}
