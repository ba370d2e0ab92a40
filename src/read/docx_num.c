/* docx_num: see docx_num.h. Styles, abstract lists and list instances are
 * kept in arrays sorted by id after loading (bsearch, so a hostile part
 * with 100k styles costs n log n, not n^2); every chain that can loop
 * (w:basedOn, w:numStyleLink) is followed a bounded number of hops.
 * Counters belong to the list definition (w:abstractNum) and are shared
 * by every w:num that uses it, as Word and LibreOffice count (LibreOffice
 * exports "restart at 5, then go on" as two w:num of one list); a w:num
 * with a w:startOverride restarts the count at its first paragraph. A
 * level not used yet shows its start value in "%1.%2". */
#include "docx_num.h"

#include "alloc.h"
#include "docx_xml.h"
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
  NLVL = 9,          /* w:ilvl 0..8 */
  MAX_HOPS = 16,     /* w:basedOn / w:numStyleLink chains */
  MAX_LVLTEXT = 128, /* bytes kept of a w:lvlText */
  MAX_COUNT = 1000000000,
  UNSET = INT_MIN, /* a counter not started */
};

typedef enum fmt {
  F_DECIMAL,
  F_DECIMAL_ZERO,
  F_FULLWIDTH,
  F_CN_COUNTING,  /* 一 … 十 十一 … 九十九; 一○○ */
  F_CN_THOUSAND,  /* 一 … 十 十一 … 九十九; 一百 一百零一 */
  F_JA_COUNTING,  /* … 九十九; 百 百一 */
  F_CN_LEGAL,     /* 壹 贰 叁 … 壹拾 */
  F_TW_LEGAL,     /* 壹 貳 參 … 壹拾 */
  F_IDEO_DIGITAL, /* 一 二 … 一〇 */
  F_IDEO_TRAD,    /* 甲 乙 丙 … */
  F_IDEO_ZODIAC,  /* 子 丑 寅 … */
  F_CIRCLE,       /* ① … ㊿ */
  F_PAREN,        /* ⑴ … ⒇ */
  F_FULLSTOP,     /* ⒈ … ⒛ */
  F_IDEO_CIRCLE,  /* ㊀ … ㊉ */
  F_UPPER_LETTER,
  F_LOWER_LETTER,
  F_UPPER_ROMAN,
  F_LOWER_ROMAN,
  F_BULLET,
  F_NONE,
} fmt;

static const struct {
  const char *name;
  fmt f;
} fmt_names[] = {
    {"decimal", F_DECIMAL},
    {"decimalZero", F_DECIMAL_ZERO},
    {"decimalFullWidth", F_FULLWIDTH},
    {"decimalFullWidth2", F_FULLWIDTH},
    {"chineseCounting", F_CN_COUNTING},
    {"taiwaneseCounting", F_CN_COUNTING},
    {"chineseCountingThousand", F_CN_THOUSAND},
    {"taiwaneseCountingThousand", F_CN_THOUSAND},
    {"koreanCounting", F_CN_THOUSAND},
    {"japaneseCounting", F_JA_COUNTING},
    {"chineseLegalSimplified", F_CN_LEGAL},
    {"ideographLegalTraditional", F_TW_LEGAL},
    {"japaneseLegal", F_TW_LEGAL},
    {"ideographDigital", F_IDEO_DIGITAL},
    {"taiwaneseDigital", F_IDEO_DIGITAL},
    {"japaneseDigitalTenThousand", F_IDEO_DIGITAL},
    {"ideographTraditional", F_IDEO_TRAD},
    {"ideographZodiac", F_IDEO_ZODIAC},
    {"decimalEnclosedCircle", F_CIRCLE},
    {"decimalEnclosedCircleChinese", F_CIRCLE},
    {"decimalEnclosedParen", F_PAREN},
    {"decimalEnclosedFullstop", F_FULLSTOP},
    {"ideographEnclosedCircle", F_IDEO_CIRCLE},
    {"upperLetter", F_UPPER_LETTER},
    {"lowerLetter", F_LOWER_LETTER},
    {"upperRoman", F_UPPER_ROMAN},
    {"lowerRoman", F_LOWER_ROMAN},
    {"bullet", F_BULLET},
    {"none", F_NONE},
};

static fmt fmt_parse(const char *name) {
  for (size_t i = 0; name && i < sizeof fmt_names / sizeof *fmt_names; i++)
    if (strcmp(name, fmt_names[i].name) == 0)
      return fmt_names[i].f;
  return F_DECIMAL;
}

/* --- numerals ------------------------------------------------------- */

static void put_cp(strbuf *sb, uint32_t cp) {
  char b[4];
  int n = utf8_encode(cp, b);
  strbuf_put(sb, b, (size_t)n);
}

static void put_decimal(strbuf *sb, int v) { strbuf_printf(sb, "%d", v); }

/* Digits 0..9 of a set written one after another: 2024 → 二〇二四. */
static void put_digitwise(strbuf *sb, int v, const uint32_t digits[10]) {
  char tmp[16];
  int n = snprintf(tmp, sizeof tmp, "%d", v);
  for (int i = 0; i < n; i++)
    put_cp(sb, digits[tmp[i] - '0']);
}

static const uint32_t cn_digits[10] = {0x3007, 0x4E00, 0x4E8C, 0x4E09,
                                       0x56DB, 0x4E94, 0x516D, 0x4E03,
                                       0x516B, 0x4E5D}; /* 〇一二…九 */
static const uint32_t cn_units[4] = {0, 0x5341, 0x767E, 0x5343}; /* 十百千 */
static const uint32_t legal_cn[10] = {0x96F6, 0x58F9, 0x8D30, 0x53C1,
                                      0x8086, 0x4F0D, 0x9646, 0x67D2,
                                      0x634C, 0x7396}; /* 零壹贰叁…玖 */
static const uint32_t legal_tw[10] = {0x96F6, 0x58F9, 0x8CB3, 0x53C3,
                                      0x8086, 0x4F0D, 0x9678, 0x67D2,
                                      0x634C, 0x7396}; /* 零壹貳參…玖 */
static const uint32_t legal_units[4] = {0, 0x62FE, 0x4F70, 0x4EDF}; /* 拾佰仟 */

/* Place-value Chinese numerals for 1..9999 (callers check the range).
 * informal: 十一 rather than 一十一 below 20; japanese: 百一 (no 一 before
 * a unit, no 零). */
static void put_place_value(strbuf *sb, int v, const uint32_t digits[10],
                            const uint32_t units[4], int informal,
                            int japanese) {
  /* a run of zeros inside the number is one 零, whatever digits[0] is */
  int d[4] = {v / 1000, v / 100 % 10, v / 10 % 10, v % 10};
  int started = 0, zero = 0;
  for (int i = 0; i < 4; i++) {
    int unit = 3 - i;
    if (d[i] == 0) {
      zero = started;
      continue;
    }
    if (zero && !japanese)
      put_cp(sb, 0x96F6);
    zero = 0;
    int bare_one = d[i] == 1 && unit > 0 &&
                   (japanese || (informal && unit == 1 && !started));
    if (!bare_one)
      put_cp(sb, digits[d[i]]);
    if (unit > 0)
      put_cp(sb, units[unit]);
    started = 1;
  }
}

static void put_cycle(strbuf *sb, int v, const uint32_t *set, int n) {
  put_cp(sb, set[(v - 1) % n]);
}

static const uint32_t heavenly[10] = {0x7532, 0x4E59, 0x4E19, 0x4E01,
                                      0x620A, 0x5DF1, 0x5E9A, 0x8F9B,
                                      0x58EC, 0x7678}; /* 甲乙丙…癸 */
static const uint32_t zodiac[12] = {0x5B50, 0x4E11, 0x5BC5, 0x536F,
                                    0x8FB0, 0x5DF3, 0x5348, 0x672A,
                                    0x7533, 0x9149, 0x620C, 0x4EA5}; /* 子丑… */

/* ① … ⑳ U+2460, ㉑ … ㉟ U+3251, ㊱ … ㊿ U+32B1. */
static int put_circled(strbuf *sb, int v) {
  if (v >= 1 && v <= 20)
    put_cp(sb, 0x2460 + (uint32_t)(v - 1));
  else if (v >= 21 && v <= 35)
    put_cp(sb, 0x3251 + (uint32_t)(v - 21));
  else if (v >= 36 && v <= 50)
    put_cp(sb, 0x32B1 + (uint32_t)(v - 36));
  else
    return -1;
  return 0;
}

/* Enclosed forms with n glyphs from base, for 1..n. */
static int put_enclosed(strbuf *sb, int v, uint32_t base, int n) {
  if (v < 1 || v > n)
    return -1;
  put_cp(sb, base + (uint32_t)(v - 1));
  return 0;
}

/* A, B, … Z, AA, BB, … (Word repeats the letter). */
static int put_letters(strbuf *sb, int v, char first) {
  if (v < 1 || v > 26 * 30)
    return -1;
  for (int i = 0; i <= (v - 1) / 26; i++)
    strbuf_putc(sb, (char)(first + (v - 1) % 26));
  return 0;
}

static int put_roman(strbuf *sb, int v, int lower) {
  static const struct {
    int v;
    const char *s;
  } r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
           {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
           {5, "V"},    {4, "IV"},   {1, "I"}};
  if (v < 1 || v > 3999)
    return -1;
  for (size_t i = 0; i < sizeof r / sizeof *r; i++)
    for (; v >= r[i].v; v -= r[i].v)
      for (const char *p = r[i].s; *p; p++)
        strbuf_putc(sb, lower ? (char)(*p - 'A' + 'a') : *p);
  return 0;
}

/* The place-value and cyclic ideographic formats; -1 if v is out of
 * their range. */
static int put_ideographic(strbuf *sb, fmt f, int v) {
  static const uint32_t circled_zero[10] = {0x25CB, 0x4E00, 0x4E8C, 0x4E09,
                                            0x56DB, 0x4E94, 0x516D, 0x4E03,
                                            0x516B, 0x4E5D}; /* ○一二… */
  if (v < 1)
    return -1;
  switch (f) {
  case F_CN_COUNTING:
    if (v < 100)
      put_place_value(sb, v, cn_digits, cn_units, 1, 0);
    else
      put_digitwise(sb, v, circled_zero);
    return 0;
  case F_CN_THOUSAND:
  case F_JA_COUNTING:
    if (v > 9999)
      return -1;
    put_place_value(sb, v, cn_digits, cn_units, 1, f == F_JA_COUNTING);
    return 0;
  case F_CN_LEGAL:
  case F_TW_LEGAL:
    if (v > 9999)
      return -1;
    put_place_value(sb, v, f == F_CN_LEGAL ? legal_cn : legal_tw, legal_units,
                    0, 0);
    return 0;
  case F_IDEO_DIGITAL:
    put_digitwise(sb, v, cn_digits);
    return 0;
  case F_IDEO_TRAD:
    put_cycle(sb, v, heavenly, 10);
    return 0;
  case F_IDEO_ZODIAC:
    put_cycle(sb, v, zodiac, 12);
    return 0;
  default:
    return -1;
  }
}

/* Writes v in format f; -1 when f cannot write v (the caller falls back
 * to decimal). */
static int put_numeral(strbuf *sb, fmt f, int v) {
  static const uint32_t fullwidth[10] = {0xFF10, 0xFF11, 0xFF12, 0xFF13,
                                         0xFF14, 0xFF15, 0xFF16, 0xFF17,
                                         0xFF18, 0xFF19};
  switch (f) {
  case F_DECIMAL:
    put_decimal(sb, v);
    return 0;
  case F_DECIMAL_ZERO:
    strbuf_printf(sb, v >= 0 && v < 10 ? "0%d" : "%d", v);
    return 0;
  case F_FULLWIDTH:
    if (v < 0)
      return -1;
    put_digitwise(sb, v, fullwidth);
    return 0;
  case F_CIRCLE:
    return put_circled(sb, v);
  case F_PAREN:
    return put_enclosed(sb, v, 0x2474, 20);
  case F_FULLSTOP:
    return put_enclosed(sb, v, 0x2488, 20);
  case F_IDEO_CIRCLE:
    return put_enclosed(sb, v, 0x3280, 10);
  case F_UPPER_LETTER:
  case F_LOWER_LETTER:
    return put_letters(sb, v, f == F_UPPER_LETTER ? 'A' : 'a');
  case F_UPPER_ROMAN:
  case F_LOWER_ROMAN:
    return put_roman(sb, v, f == F_LOWER_ROMAN);
  case F_BULLET:
  case F_NONE:
    return 0;
  default:
    return put_ideographic(sb, f, v);
  }
}

static void format_value(strbuf *sb, fmt f, int v) {
  if (put_numeral(sb, f, v) < 0)
    put_decimal(sb, v);
}

void docx_num_format(const char *name, int value, strbuf *sb) {
  format_value(sb, fmt_parse(name), value);
}

/* --- definitions ---------------------------------------------------- */

typedef enum style_type { ST_OTHER, ST_PARA, ST_NUMBERING } style_type;

typedef struct style {
  char *id, *name, *based_on;
  style_type type;
  int is_default;
  int num_id, ilvl, outline; /* -1 = not set by this style */
  size_t order;
} style;

typedef enum suffix { SUFF_TAB, SUFF_SPACE, SUFF_NOTHING } suffix;

typedef struct level {
  int defined;
  int start;
  fmt f;
  char *text; /* w:lvlText, NULL if absent */
  suffix suff;
  int restart; /* w:lvlRestart; -1 = after any higher level */
  int is_lgl;
  char *pstyle;
} level;

typedef struct abstract {
  int id;
  char *link; /* w:numStyleLink */
  level lvl[NLVL];
  int count[NLVL];
  size_t order;
} abstract;

typedef struct override {
  int has_start, start;
  level lvl; /* a whole w:lvl in w:lvlOverride, if defined */
} override;

typedef struct num {
  int id, abstract_id;
  override ov[NLVL];
  int started[NLVL]; /* a paragraph used this level of this w:num */
  size_t order;
} num;

struct docx_num {
  style *styles;
  size_t nstyles, styles_cap;
  abstract *abs;
  size_t nabs, abs_cap;
  num *nums;
  size_t nnums, nums_cap;
  const style *default_style;
};

docx_num *docx_num_new(void) { return xcalloc(1, sizeof(docx_num)); }

static void level_release(level *l) {
  free(l->text);
  free(l->pstyle);
}

void docx_num_free(docx_num *dn) {
  if (!dn)
    return;
  for (size_t i = 0; i < dn->nstyles; i++) {
    free(dn->styles[i].id);
    free(dn->styles[i].name);
    free(dn->styles[i].based_on);
  }
  for (size_t i = 0; i < dn->nabs; i++) {
    free(dn->abs[i].link);
    for (int k = 0; k < NLVL; k++)
      level_release(&dn->abs[i].lvl[k]);
  }
  for (size_t i = 0; i < dn->nnums; i++)
    for (int k = 0; k < NLVL; k++)
      level_release(&dn->nums[i].ov[k].lvl);
  free(dn->styles);
  free(dn->abs);
  free(dn->nums);
  free(dn);
}

/* Sorting by id then document order: bsearch then finds some entry with
 * the id, and find_* step back to the first one, as Word uses. */
static int cmp_style(const void *a, const void *b) {
  const style *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int cmp_abstract(const void *a, const void *b) {
  const abstract *x = a, *y = b;
  if (x->id != y->id)
    return (x->id > y->id) - (x->id < y->id);
  return (x->order > y->order) - (x->order < y->order);
}

static int cmp_num(const void *a, const void *b) {
  const num *x = a, *y = b;
  if (x->id != y->id)
    return (x->id > y->id) - (x->id < y->id);
  return (x->order > y->order) - (x->order < y->order);
}

static const style *find_style(const docx_num *dn, const char *id) {
  if (!id || !dn->nstyles)
    return NULL;
  size_t lo = 0, hi = dn->nstyles;
  while (lo < hi) { /* first style whose id is >= id */
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(dn->styles[mid].id, id) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < dn->nstyles && strcmp(dn->styles[lo].id, id) == 0
             ? &dn->styles[lo]
             : NULL;
}

static abstract *find_abstract(const docx_num *dn, int id) {
  size_t lo = 0, hi = dn->nabs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (dn->abs[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < dn->nabs && dn->abs[lo].id == id ? &dn->abs[lo] : NULL;
}

static num *find_num(const docx_num *dn, int id) {
  size_t lo = 0, hi = dn->nnums;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (dn->nums[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < dn->nnums && dn->nums[lo].id == id ? &dn->nums[lo] : NULL;
}

/* --- loading styles.xml ---------------------------------------------- */

/* Where a loader is: the element names from the root down to here, as
 * far as they matter, and how deep inside a tracked property change (old
 * properties, not the document's) it is. */
typedef struct load_state {
  docx_num *dn;
  int depth;
  int skip_from; /* depth of an enclosing w:*Change element, 0 if none */
  const char *path[DOCX_XML_MAX_DEPTH + 2]; /* static names or NULL */
  /* numbering.xml: what is being filled */
  abstract *cur_abs;
  num *cur_num;
  level *cur_lvl;
  override *cur_ov;
} load_state;

/* The static copy of a WordprocessingML element name this module cares
 * about, or NULL. */
static const char *known_name(const char *ns, const char *local) {
  static const char *const names[] = {
      "style",       "name",         "basedOn", "pPr",
      "numPr",       "numId",        "ilvl",    "outlineLvl",
      "abstractNum", "numStyleLink", "lvl",     "start",
      "numFmt",      "lvlText",      "suff",    "lvlRestart",
      "isLgl",       "pStyle",       "num",     "abstractNumId",
      "lvlOverride", "startOverride"};
  if (!docx_xml_is_w(ns))
    return NULL;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(local, names[i]) == 0)
      return names[i];
  return NULL;
}

static int is_change(const char *ns, const char *local) {
  size_t n = strlen(local);
  return docx_xml_is_w(ns) && n > 6 && strcmp(local + n - 6, "Change") == 0;
}

/* Enters an element; returns its static name, or NULL when it is unknown
 * or inside a property change. */
static const char *enter(load_state *ls, const char *ns, const char *local) {
  ls->depth++;
  if (!ls->skip_from && is_change(ns, local))
    ls->skip_from = ls->depth;
  const char *name = ls->skip_from ? NULL : known_name(ns, local);
  ls->path[ls->depth] = name;
  return name;
}

static int leave(void *ud, const char *ns, const char *local) {
  load_state *ls = ud;
  (void)ns;
  (void)local;
  if (ls->skip_from == ls->depth)
    ls->skip_from = 0;
  ls->path[ls->depth] = NULL;
  ls->depth--;
  return 0;
}

/* Is the element at depth d (1 = the root) named name? */
static int path_is(const load_state *ls, int d, const char *name) {
  return d >= 1 && d <= ls->depth && ls->path[d] &&
         strcmp(ls->path[d], name) == 0;
}

/* Is the element n levels above the current one named name? */
static int up_is(const load_state *ls, int n, const char *name) {
  return path_is(ls, ls->depth - n, name);
}

static int is(const char *e, const char *name) { return strcmp(e, name) == 0; }

static void set_str(char **dst, const docx_attr *a, int n, const char *local) {
  const char *v = docx_xml_attr(a, n, local);
  if (v) {
    free(*dst);
    *dst = xstrdup(v);
  }
}

static void begin_style(docx_num *dn, const docx_attr *a, int n) {
  style *s = ARRAY_PUSH(dn->styles, dn->nstyles, dn->styles_cap);
  const char *type = docx_xml_attr(a, n, "type");
  const char *id = docx_xml_attr(a, n, "styleId");
  s->id = xstrdup(id ? id : "");
  s->type = !type || strcmp(type, "paragraph") == 0 ? ST_PARA
            : strcmp(type, "numbering") == 0        ? ST_NUMBERING
                                                    : ST_OTHER;
  s->is_default = docx_xml_int(a, n, "default", 0, 0, 1);
  s->num_id = s->ilvl = s->outline = -1;
  s->order = dn->nstyles;
}

/* styles.xml: w:styles/w:style with w:name, w:basedOn and, in its w:pPr,
 * w:numPr/w:numId, w:numPr/w:ilvl and w:outlineLvl. */
static int style_start(void *ud, const char *ns, const char *local,
                       const docx_attr *a, int n) {
  load_state *ls = ud;
  docx_num *dn = ls->dn;
  const char *e = enter(ls, ns, local);
  if (!e)
    return 0;
  if (is(e, "style") && ls->depth == 2) {
    begin_style(dn, a, n);
    return 0;
  }
  if (!dn->nstyles || !path_is(ls, 2, "style"))
    return 0;
  style *s = &dn->styles[dn->nstyles - 1];
  if (is(e, "name") && ls->depth == 3)
    set_str(&s->name, a, n, "val");
  else if (is(e, "basedOn") && ls->depth == 3)
    set_str(&s->based_on, a, n, "val");
  else if (is(e, "outlineLvl") && ls->depth == 4 && up_is(ls, 1, "pPr"))
    s->outline = docx_xml_int(a, n, "val", -1, 0, 9);
  else if (is(e, "numId") && ls->depth == 5 && up_is(ls, 1, "numPr") &&
           up_is(ls, 2, "pPr"))
    s->num_id = docx_xml_int(a, n, "val", -1, 0, INT_MAX);
  else if (is(e, "ilvl") && ls->depth == 5 && up_is(ls, 1, "numPr") &&
           up_is(ls, 2, "pPr"))
    s->ilvl = docx_xml_int(a, n, "val", -1, 0, NLVL - 1);
  return 0;
}

static void finish_styles(docx_num *dn) {
  if (dn->nstyles)
    qsort(dn->styles, dn->nstyles, sizeof *dn->styles, cmp_style);
  const style *best = NULL;
  for (size_t i = 0; i < dn->nstyles; i++) {
    const style *s = &dn->styles[i];
    if (s->type == ST_PARA && s->is_default &&
        (!best || s->order < best->order))
      best = s;
  }
  dn->default_style = best;
}

int docx_num_load_styles(docx_num *dn, const char *xml, size_t len,
                         const char *file, rl_diag *diag) {
  load_state ls;
  memset(&ls, 0, sizeof ls);
  ls.dn = dn;
  docx_xml_handler h = {style_start, leave, NULL};
  int rc = docx_xml_parse(xml, len, "word/styles.xml", file, &h, &ls, diag);
  finish_styles(dn);
  return rc;
}

/* --- loading numbering.xml ------------------------------------------- */

static void level_reset(level *l) {
  level_release(l);
  memset(l, 0, sizeof *l);
  l->defined = 1;
  l->f = F_DECIMAL;
  l->suff = SUFF_TAB;
  l->restart = -1;
}

/* A w:lvlText value, cut at a code point boundary to MAX_LVLTEXT bytes. */
static char *lvl_text(const char *v) {
  size_t len = strlen(v), n = 0;
  while (n < len) {
    size_t step = utf8_step(v + n, len - n);
    if (n + step > MAX_LVLTEXT)
      break;
    n += step;
  }
  return xstrndup(v, n);
}

static void level_prop(level *l, const char *e, const docx_attr *a, int n) {
  const char *v = docx_xml_attr(a, n, "val");
  if (is(e, "start"))
    l->start = docx_xml_int(a, n, "val", 0, 0, MAX_COUNT);
  else if (is(e, "numFmt") && v && strcmp(v, "custom") != 0)
    l->f = fmt_parse(v); /* "custom" has a w:14 fallback next to it */
  else if (is(e, "lvlText")) {
    free(l->text);
    l->text = lvl_text(v ? v : "");
  } else if (is(e, "suff"))
    l->suff = !v                          ? SUFF_TAB
              : strcmp(v, "space") == 0   ? SUFF_SPACE
              : strcmp(v, "nothing") == 0 ? SUFF_NOTHING
                                          : SUFF_TAB;
  else if (is(e, "lvlRestart"))
    l->restart = docx_xml_int(a, n, "val", -1, 0, NLVL);
  else if (is(e, "isLgl"))
    l->is_lgl = docx_xml_int(a, n, "val", 1, 0, 1);
  else if (is(e, "pStyle"))
    set_str(&l->pstyle, a, n, "val");
}

static void begin_abstract(load_state *ls, const docx_attr *a, int n) {
  docx_num *dn = ls->dn;
  abstract *ab = ARRAY_PUSH(dn->abs, dn->nabs, dn->abs_cap);
  ab->id = docx_xml_int(a, n, "abstractNumId", -1, -1, INT_MAX);
  for (int k = 0; k < NLVL; k++)
    ab->count[k] = UNSET;
  ab->order = dn->nabs;
  ls->cur_abs = ab;
  ls->cur_num = NULL;
}

static void begin_num(load_state *ls, const docx_attr *a, int n) {
  docx_num *dn = ls->dn;
  num *nm = ARRAY_PUSH(dn->nums, dn->nnums, dn->nums_cap);
  nm->id = docx_xml_int(a, n, "numId", -1, -1, INT_MAX);
  nm->abstract_id = -1;
  nm->order = dn->nnums;
  ls->cur_num = nm;
  ls->cur_abs = NULL;
}

/* Elements inside a w:num: which list, and its overrides. */
static void num_child(load_state *ls, const char *e, const docx_attr *a,
                      int n) {
  num *nm = ls->cur_num;
  if (is(e, "abstractNumId") && ls->depth == 3)
    nm->abstract_id = docx_xml_int(a, n, "val", -1, -1, INT_MAX);
  else if (is(e, "lvlOverride") && ls->depth == 3)
    ls->cur_ov = &nm->ov[docx_xml_int(a, n, "ilvl", 0, 0, NLVL - 1)];
  else if (is(e, "startOverride") && ls->depth == 4 && ls->cur_ov) {
    ls->cur_ov->has_start = 1;
    ls->cur_ov->start = docx_xml_int(a, n, "val", 0, 0, MAX_COUNT);
  } else if (is(e, "lvl") && ls->depth == 4 && ls->cur_ov) {
    level_reset(&ls->cur_ov->lvl);
    ls->cur_lvl = &ls->cur_ov->lvl;
  }
}

/* numbering.xml: w:abstractNum (w:lvl, w:numStyleLink) and w:num
 * (w:abstractNumId, w:lvlOverride). */
static int numbering_start(void *ud, const char *ns, const char *local,
                           const docx_attr *a, int n) {
  load_state *ls = ud;
  const char *e = enter(ls, ns, local);
  if (!e)
    return 0;
  if (ls->depth == 2) {
    ls->cur_abs = NULL;
    ls->cur_num = NULL;
    if (is(e, "abstractNum"))
      begin_abstract(ls, a, n);
    else if (is(e, "num"))
      begin_num(ls, a, n);
    return 0;
  }
  if (ls->cur_lvl) {
    level_prop(ls->cur_lvl, e, a, n);
  } else if (ls->cur_abs && ls->depth == 3) {
    if (is(e, "lvl")) {
      ls->cur_lvl =
          &ls->cur_abs->lvl[docx_xml_int(a, n, "ilvl", 0, 0, NLVL - 1)];
      level_reset(ls->cur_lvl);
    } else if (is(e, "numStyleLink")) {
      set_str(&ls->cur_abs->link, a, n, "val");
    }
  } else if (ls->cur_num) {
    num_child(ls, e, a, n);
  }
  return 0;
}

static int numbering_end(void *ud, const char *ns, const char *local) {
  load_state *ls = ud;
  if (path_is(ls, ls->depth, "lvl"))
    ls->cur_lvl = NULL;
  else if (path_is(ls, ls->depth, "lvlOverride"))
    ls->cur_ov = NULL;
  return leave(ud, ns, local);
}

int docx_num_load_numbering(docx_num *dn, const char *xml, size_t len,
                            const char *file, rl_diag *diag) {
  load_state ls;
  memset(&ls, 0, sizeof ls);
  ls.dn = dn;
  docx_xml_handler h = {numbering_start, numbering_end, NULL};
  int rc = docx_xml_parse(xml, len, "word/numbering.xml", file, &h, &ls, diag);
  if (dn->nabs)
    qsort(dn->abs, dn->nabs, sizeof *dn->abs, cmp_abstract);
  if (dn->nnums)
    qsort(dn->nums, dn->nnums, sizeof *dn->nums, cmp_num);
  return rc;
}

/* --- paragraphs ------------------------------------------------------ */

/* The paragraph's style: w:pStyle if it names a style, else the default
 * paragraph style (Word does the same for an unknown w:pStyle). */
static const style *para_style(const docx_num *dn, const char *id) {
  const style *s = find_style(dn, id);
  return s ? s : dn->default_style;
}

/* The w:num and level of a paragraph: its own w:numPr, else the first
 * in its style chain; a style that gives no w:ilvl takes the level whose
 * w:pStyle names it. 0 if the paragraph is not numbered. */
static int para_list(const docx_num *dn, const docx_ppr *p, int *num_id,
                     int *ilvl) {
  int id = p->num_id, lv = p->ilvl;
  const style *owner = NULL;
  const style *s = para_style(dn, p->style);
  for (int hops = 0; s && hops < MAX_HOPS && (id < 0 || lv < 0); hops++) {
    if (id < 0 && s->num_id >= 0) {
      id = s->num_id;
      owner = s;
    }
    if (lv < 0 && s->ilvl >= 0)
      lv = s->ilvl;
    s = find_style(dn, s->based_on);
  }
  if (id <= 0)
    return 0;
  if (lv < 0 && owner) {
    const num *nm = find_num(dn, id);
    const abstract *ab = nm ? find_abstract(dn, nm->abstract_id) : NULL;
    for (int k = 0; ab && k < NLVL && lv < 0; k++)
      if (ab->lvl[k].pstyle && strcmp(ab->lvl[k].pstyle, owner->id) == 0)
        lv = k;
  }
  *num_id = id;
  *ilvl = lv < 0 ? 0 : lv;
  return 1;
}

/* The list definition of a w:num, following w:numStyleLink to the list
 * that a numbering style stands for. */
static abstract *list_abstract(const docx_num *dn, const num *nm) {
  abstract *ab = find_abstract(dn, nm->abstract_id);
  for (int hops = 0; ab && ab->link && hops < MAX_HOPS; hops++) {
    const style *s = find_style(dn, ab->link);
    const num *n2 = s && s->num_id >= 0 ? find_num(dn, s->num_id) : NULL;
    abstract *a2 = n2 ? find_abstract(dn, n2->abstract_id) : NULL;
    if (!a2 || a2 == ab)
      break;
    ab = a2;
  }
  return ab;
}

static const level *level_of(const num *nm, const abstract *ab, int k) {
  if (nm->ov[k].lvl.defined)
    return &nm->ov[k].lvl;
  return ab && ab->lvl[k].defined ? &ab->lvl[k] : NULL;
}

static int start_of(const num *nm, const abstract *ab, int k) {
  if (nm->ov[k].has_start)
    return nm->ov[k].start;
  const level *l = level_of(nm, ab, k);
  return l ? l->start : 0;
}

/* One more paragraph at level ilvl: count it, restart the levels below
 * (w:lvlRestart N: only when a level above N is used; 0: never). */
static void advance(num *nm, abstract *ab, int ilvl) {
  int *c = &ab->count[ilvl];
  if (nm->ov[ilvl].has_start && !nm->started[ilvl])
    *c = nm->ov[ilvl].start;
  else if (*c == UNSET)
    *c = start_of(nm, ab, ilvl);
  else if (*c < MAX_COUNT)
    (*c)++;
  nm->started[ilvl] = 1;
  for (int k = ilvl + 1; k < NLVL; k++) {
    const level *l = level_of(nm, ab, k);
    int r = l ? l->restart : -1;
    if (r < 0 || (r > 0 && ilvl < r))
      ab->count[k] = UNSET;
  }
}

/* lvl-text = { literal | "%" digit }   e.g. "%1、" "（%2）" "%1.%2" */
static void render(strbuf *sb, const num *nm, const abstract *ab,
                   const level *l) {
  const char *t = l->text;
  size_t len = strlen(t);
  for (size_t i = 0; i < len;) {
    if (t[i] == '%' && i + 1 < len && t[i + 1] >= '1' && t[i + 1] <= '9') {
      int k = t[i + 1] - '1';
      const level *lk = level_of(nm, ab, k);
      int v = ab->count[k] != UNSET ? ab->count[k] : start_of(nm, ab, k);
      fmt f = l->is_lgl ? F_DECIMAL : lk ? lk->f : F_DECIMAL;
      if (f != F_NONE && f != F_BULLET)
        format_value(sb, f, v);
      i += 2;
    } else {
      size_t step = utf8_step(t + i, len - i);
      strbuf_put(sb, t + i, step);
      i += step;
    }
  }
}

void docx_num_marker(docx_num *dn, const docx_ppr *p, strbuf *marker) {
  int id, ilvl;
  if (!para_list(dn, p, &id, &ilvl))
    return;
  num *nm = find_num(dn, id);
  if (!nm)
    return;
  abstract *ab = list_abstract(dn, nm);
  const level *l = ab ? level_of(nm, ab, ilvl) : NULL;
  if (!l)
    return; /* counters live in the list definition: none, no marker */
  advance(nm, ab, ilvl);
  if (l->f == F_BULLET || l->f == F_NONE || !l->text)
    return;
  strbuf m;
  strbuf_init(&m, DOCX_MARKER_MAX);
  render(&m, nm, ab, l);
  if (m.len && l->suff == SUFF_SPACE)
    strbuf_putc(&m, ' ');
  strbuf_put(marker, m.p, m.len);
  strbuf_release(&m);
}

/* heading-name = "heading" " " digit | "标题" [" "] digit   (any case)
 * title-name   = "Title" | "标题" */
static int name_level(const char *name) {
  static const char cn[] = "\xE6\xA0\x87\xE9\xA2\x98"; /* 标题 */
  const char *rest = NULL;
  if (strncasecmp(name, "heading ", 8) == 0)
    rest = name + 8;
  else if (strncmp(name, cn, sizeof cn - 1) == 0) {
    rest = name + sizeof cn - 1;
    if (*rest == '\0')
      return DOCX_LEVEL_TITLE;
    if (*rest == ' ')
      rest++;
  } else if (strcasecmp(name, "title") == 0) {
    return DOCX_LEVEL_TITLE;
  }
  if (rest && rest[0] >= '1' && rest[0] <= '9' && rest[1] == '\0')
    return rest[0] - '0';
  return 0;
}

int docx_num_level(const docx_num *dn, const docx_ppr *p) {
  int outline = p->outline;
  const style *s = para_style(dn, p->style);
  for (int hops = 0; s && hops < MAX_HOPS && outline < 0; hops++) {
    outline = s->outline;
    s = find_style(dn, s->based_on);
  }
  if (outline >= 0)
    return outline <= 8 ? outline + 1 : 0;
  s = para_style(dn, p->style);
  for (int hops = 0; s && hops < MAX_HOPS; hops++) {
    int lv = s->name ? name_level(s->name) : 0;
    if (lv)
      return lv;
    s = find_style(dn, s->based_on);
  }
  return 0;
}
