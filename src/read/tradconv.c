/* tradconv: traditional → simplified for matching (see tradconv.h). */
#include "tradconv.h"

#include "dynlib.h"
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef RL_OPENCC_SONAME
#define RL_OPENCC_SONAME "libopencc.so.1.1"
#endif

enum {
  TRAD_MIN_HITS = 8,   /* traditional-only characters that settle it */
  TRAD_SAMPLE = 65536, /* bytes looked at */
};

/* Characters common in these reports that simplified text never uses
 * (OpenCC's t2s changes each): 國報說會區發與務為們這個來時實對開關機應
 * 經過還進學業產標準導權執訴審處縣辦設計劃點歷歲單間題構農醫療衛廣術條
 * 統參網絡語資規範職責視門戶聯監復議訟識舉總東組織黨幹現強. */
static const uint32_t traditional_only[] = { /* sorted */
    0x4F86, 0x500B, 0x5011, 0x5283, 0x52D9, 0x5340, 0x53C3, 0x55AE, 0x570B,
    0x57F7, 0x5831, 0x5B78, 0x5BE6, 0x5BE9, 0x5C0D, 0x5C0E, 0x5E79, 0x5EE3,
    0x5F37, 0x5FA9, 0x61C9, 0x6236, 0x6642, 0x6703, 0x6771, 0x689D, 0x696D,
    0x69CB, 0x6A19, 0x6A5F, 0x6B0A, 0x6B72, 0x6B77, 0x6E96, 0x70BA, 0x73FE,
    0x7522, 0x7642, 0x767C, 0x76E3, 0x7BC4, 0x7D44, 0x7D61, 0x7D71, 0x7D93,
    0x7DB2, 0x7E23, 0x7E3D, 0x7E54, 0x806F, 0x8077, 0x8207, 0x8209, 0x8655,
    0x8853, 0x885B, 0x898F, 0x8996, 0x8A08, 0x8A1F, 0x8A2D, 0x8A34, 0x8A9E,
    0x8AAA, 0x8B58, 0x8B70, 0x8CAC, 0x8CC7, 0x8FA6, 0x8FB2, 0x9019, 0x9032,
    0x904E, 0x9084, 0x91AB, 0x9580, 0x958B, 0x9593, 0x95DC, 0x984C, 0x9EDE,
    0x9EE8,
};

static int in_sorted(const uint32_t *v, size_t n, uint32_t cp);

static int is_traditional_only(uint32_t cp) {
  return in_sorted(traditional_only,
                   sizeof traditional_only / sizeof *traditional_only, cp);
}

/* Simplified forms of such characters (东为义业个举产们会…, each changed by
 * OpenCC's s2t): a text that has enough of them is simplified and is read
 * no further. */
static const uint32_t simplified_only[] = { /* sorted */
    0x4E1A, 0x4E1C, 0x4E2A, 0x4E3A, 0x4E3E, 0x4E49, 0x4EA7, 0x4EEC, 0x4F1A,
    0x4F53, 0x5173, 0x51C6, 0x5212, 0x529E, 0x52A1, 0x533A, 0x5355, 0x53BF,
    0x53C2, 0x53D1, 0x56FD, 0x5904, 0x5B9E, 0x5BA1, 0x5BF9, 0x5BFC, 0x5F3A,
    0x6267, 0x62A5, 0x65F6, 0x673A, 0x6743, 0x6761, 0x6765, 0x6784, 0x6807,
    0x73B0, 0x7EC7, 0x7ECF, 0x7EDF, 0x7F51, 0x804C, 0x8054, 0x8282, 0x89C4,
    0x8BA1, 0x8BAE, 0x8BBE, 0x8BC6, 0x8BC9, 0x8BF4, 0x8D23, 0x8D44, 0x8FC7,
    0x8FD8, 0x8FD9, 0x8FDB, 0x957F, 0x95E8, 0x95EE, 0x95F4, 0x9898,
};

static int in_sorted(const uint32_t *v, size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid] == cp)
      return 1;
    if (v[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

int tradconv_is_traditional(const char *text, size_t len) {
  size_t n = len < TRAD_SAMPLE ? len : TRAD_SAMPLE;
  int trad = 0, simp = 0;
  for (size_t i = 0; i < n && trad < TRAD_MIN_HITS && simp < TRAD_MIN_HITS;) {
    uint32_t cp;
    int k = utf8_decode(text + i, n - i, &cp);
    if (k <= 0) {
      i++;
      continue;
    }
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      trad += is_traditional_only(cp);
      simp += in_sorted(simplified_only,
                        sizeof simplified_only / sizeof *simplified_only, cp);
    }
    i += (size_t)k;
  }
  return trad >= TRAD_MIN_HITS;
}

/* The OpenCC calls, found in the library at run time. */
typedef void *opencc_t;
typedef struct opencc_api {
  opencc_t (*open)(const char *);
  char *(*convert_utf8)(opencc_t, const char *, size_t);
  void (*convert_utf8_free)(char *);
  const char *(*error)(void);
} opencc_api;

/* Process state, written once under pthread_once; conversions are
 * serialised by the lock (OpenCC does not promise a converter may be
 * shared between threads). */
static opencc_api api;
static opencc_t converter;
static char api_error[256];
static pthread_once_t api_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t api_lock = PTHREAD_MUTEX_INITIALIZER;

static void open_opencc(void) {
  opencc_api a;
  const dynlib_sym syms[] = {{"opencc_open", &a.open},
                             {"opencc_convert_utf8", &a.convert_utf8},
                             {"opencc_convert_utf8_free", &a.convert_utf8_free},
                             {"opencc_error", &a.error}};
  if (dynlib_load(RL_OPENCC_SONAME, syms, sizeof syms / sizeof *syms,
                  api_error, sizeof api_error) < 0)
    return;
  opencc_t c = a.open("t2s.json");
  if (c == (opencc_t)-1 || !c) {
    snprintf(api_error, sizeof api_error, "OpenCC t2s.json: %s", a.error());
    return;
  }
  api = a;
  converter = c;
}

/* Converts line [a, b) in place when its conversion keeps its length. */
static int convert_line(char *text, size_t a, size_t b) {
  char *out = api.convert_utf8(converter, text + a, b - a);
  if (!out)
    return 0;
  int same = strlen(out) == b - a;
  if (same)
    memcpy(text + a, out, b - a);
  api.convert_utf8_free(out);
  return same;
}

int tradconv_simplify(char *text, size_t len, char *why, size_t cap) {
  pthread_once(&api_once, open_opencc);
  if (!converter) {
    snprintf(why, cap, "%s", api_error[0] ? api_error : "OpenCC unavailable");
    return -1;
  }
  int lines = 0;
  pthread_mutex_lock(&api_lock);
  for (size_t start = 0; start < len;) {
    const char *nl = memchr(text + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - text) : len;
    if (end > start)
      lines += convert_line(text, start, end);
    start = end + 1;
  }
  pthread_mutex_unlock(&api_lock);
  return lines;
}
