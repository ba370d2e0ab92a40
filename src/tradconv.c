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
static const uint32_t traditional_only[] = {
    0x570B, 0x5831, 0x8AAA, 0x6703, 0x5340, 0x767C, 0x8207, 0x52D9, 0x70BA,
    0x5011, 0x9019, 0x500B, 0x4F86, 0x6642, 0x5BE6, 0x5C0D, 0x958B, 0x95DC,
    0x6A5F, 0x61C9, 0x7D93, 0x904E, 0x9084, 0x9032, 0x5B78, 0x696D, 0x7522,
    0x6A19, 0x6E96, 0x5C0E, 0x6B0A, 0x57F7, 0x8A34, 0x5BE9, 0x8655, 0x7E23,
    0x8FA6, 0x8A2D, 0x8A08, 0x5283, 0x9EDE, 0x6B77, 0x6B72, 0x55AE, 0x9593,
    0x984C, 0x69CB, 0x8FB2, 0x91AB, 0x7642, 0x885B, 0x5EE3, 0x8853, 0x689D,
    0x7D71, 0x53C3, 0x7DB2, 0x7D61, 0x8A9E, 0x8CC7, 0x898F, 0x7BC4, 0x8077,
    0x8CAC, 0x8996, 0x9580, 0x6236, 0x806F, 0x76E3, 0x5FA9, 0x8B70, 0x8A1F,
    0x8B58, 0x8209, 0x7E3D, 0x6771, 0x7D44, 0x7E54, 0x9EE8, 0x5E79, 0x73FE,
    0x5F37};

static int is_traditional_only(uint32_t cp) {
  for (size_t i = 0; i < sizeof traditional_only / sizeof *traditional_only;
       i++)
    if (traditional_only[i] == cp)
      return 1;
  return 0;
}

int tradconv_is_traditional(const char *text, size_t len) {
  size_t n = len < TRAD_SAMPLE ? len : TRAD_SAMPLE;
  int hits = 0;
  for (size_t i = 0; i < n && hits < TRAD_MIN_HITS;) {
    uint32_t cp;
    int k = utf8_decode(text + i, n - i, &cp);
    if (k <= 0) {
      i++;
      continue;
    }
    hits += cp >= 0x4E00 && is_traditional_only(cp);
    i += (size_t)k;
  }
  return hits >= TRAD_MIN_HITS;
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
