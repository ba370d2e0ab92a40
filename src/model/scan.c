/* scan: phase 2 of the document model: numbers, quantities, dates and
 * inline enumerations.
 *
 * Consumes a doc whose paragraphs are split, over the normalised text (one
 * paragraph per line, full-width digits folded, no spaces beside Chinese).
 * Produces doc.qty, doc.dates and doc.enums in text order, in doc.arena.
 * It does not judge the numbers (rates above 100 %, parts above wholes):
 * the rules do. One left-to-right pass per paragraph; every recognizer
 * consumes what it reads and looks behind a bounded distance only, so the
 * time is linear in the text whatever it holds. */
#include "scan.h"

#include "cnnum.h"

#include "utf8.h"

#include <stdint.h>
#include <string.h>

enum { LABEL_MAX = 30, ORDINAL_MAX = 99 };

typedef struct scanner {
  doc *d;
  const char *s;
  int para;
  size_t start, end; /* the paragraph being scanned */
  size_t floor;      /* labels and look-behinds stop here */
  size_t qcap, dcap, ecap;
} scanner;

/* Digits as written by read_arabic, before any 万/亿. */
typedef struct arabic {
  double mant;  /* all digits as an integer (exact below 2^53) */
  double ipart; /* the integer part */
  double fmant; /* the first 15 fraction digits as an integer */
  int ndigits, decimals, fdigits, zeros; /* zeros: trailing, integer part */
} arabic;

static const char *const units[] = {
    "个百分点", "百分点", "人次", "户次",   "件次", "场次", "节次", "批次",
    "个月",     "小时",   "公里", "平方米", "%",    "％",   "‰",    "件",
    "次",       "人",     "名",   "个",     "家",   "场",   "份",   "项",
    "条",       "起",     "期",   "类",     "所",   "户",   "批",   "篇",
    "部",       "台",     "辆",   "宗",     "套",   "处",   "支",   "本",
    "轮",       "天",     "节",   "堂",     "位",   "册",   "张",   "亩",
    "吨",       "元",     "倍",   "岁",
};

/* Counters a lone Chinese digit may take: 一人 and 两个 are quantities,
 * 两批 and 千家 are left alone. */
static const char *const lone_units[] = {"次", "个", "名", "人", "件",
                                         "场", "项", "家", "份", "条"};

static const struct {
  const char *word;
  doc_approx approx;
} approx_before[] = {
    {"将近", APPROX_NEARLY},  {"接近", APPROX_NEARLY}, {"大约", APPROX_ABOUT},
    {"超过", APPROX_ATLEAST}, {"近", APPROX_NEARLY},   {"约", APPROX_ABOUT},
    {"逾", APPROX_ATLEAST},
};

/* Words ending in 近 or 约 that are not approximations: 最近 附近 节约. */
static const char near_words[] = "最附邻靠就贴临亲";
static const char about_words[] = "节制签履合特公条预邀违契简守集";

/* Han characters that make a following Chinese numeral part of a word:
 * 第一 进一步 统一 唯一 之一 单一 同一 万一. */
static const char word_heads[] = "第进统唯之单同万";

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int has_at(const char *s, size_t i, size_t end, const char *lit) {
  size_t n = strlen(lit);
  return i <= end && end - i >= n && memcmp(s + i, lit, n) == 0;
}

/* Whether the n-byte character ch is one of the Han characters in set. */
static int in_set(const char *set, const char *ch, size_t n) {
  for (const char *p = set; *p; p += 3)
    if (n == 3 && memcmp(p, ch, 3) == 0)
      return 1;
  return 0;
}

static double power_of_ten(long k) {
  double r = 1;
  for (long j = 0; j < k && j < 400; j++)
    r *= 10;
  for (long j = 0; j > k && j > -400; j--)
    r /= 10;
  return r;
}

static uint32_t code_point(const char *s, size_t len, size_t *n) {
  uint32_t cp;
  int k = utf8_decode(s, len, &cp);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? cp : 0xFFFD;
}

static void add_digit(arabic *a, int dg, int fraction) {
  a->mant = a->mant * 10 + dg;
  if (a->ndigits < 1000000)
    a->ndigits++;
  if (!fraction) {
    a->ipart = a->ipart * 10 + dg;
    a->zeros = dg ? 0 : a->zeros + (a->zeros < 1000000);
    return;
  }
  if (a->decimals < 1000000)
    a->decimals++;
  if (a->fdigits < 15) {
    a->fmant = a->fmant * 10 + dg;
    a->fdigits++;
  }
}

// arabic = [0-9]+ ("," [0-9]{3})* ("." [0-9]+)?    e.g. 12,077  27.9
static size_t read_arabic(const char *s, size_t len, arabic *a) {
  size_t i = 0;
  memset(a, 0, sizeof *a);
  while (i < len && is_digit(s[i]))
    add_digit(a, s[i++] - '0', 0);
  if (i == 0)
    return 0;
  while (i + 4 <= len && s[i] == ',' && is_digit(s[i + 1]) &&
         is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
         (i + 4 == len || !is_digit(s[i + 4]))) {
    for (int k = 1; k <= 3; k++)
      add_digit(a, s[i + k] - '0', 0);
    i += 4;
  }
  if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
    for (i++; i < len && is_digit(s[i]); i++)
      add_digit(a, s[i] - '0', 1);
  }
  return i;
}

// multiplier = "万亿" | "万" | "亿"
static size_t read_multiplier(const char *s, size_t len, double *mult) {
  if (has_at(s, 0, len, "万亿")) {
    *mult = 1e12;
    return 6;
  }
  if (has_at(s, 0, len, "万") || has_at(s, 0, len, "亿")) {
    *mult = has_at(s, 0, len, "万") ? 1e4 : 1e8;
    return 3;
  }
  *mult = 1;
  return 0;
}

static double arabic_value(const arabic *a, double mult) {
  if (a->ndigits <= 15)
    return a->mant * mult / power_of_ten(a->decimals);
  return (a->ipart + a->fmant / power_of_ten(a->fdigits)) * mult;
}

/* One unit of the last digit of an integer, counting trailing zeros
 * (30 → 10, 300 → 100, 0 → 1): what 余 adds to reach "the next one". */
static double integer_magnitude(double v) {
  if (!(v >= 1 && v < 1e15))
    return v >= 1e15 ? v : 1;
  long long x = (long long)v;
  double m = 1;
  while (x % 10 == 0) {
    x /= 10;
    m *= 10;
  }
  return m;
}

static size_t read_arabic_number(const char *s, size_t len, doc_quantity *q,
                                 double *step) {
  arabic a;
  double mult;
  size_t n = read_arabic(s, len, &a);
  if (!n)
    return 0;
  n += read_multiplier(s + n, len - n, &mult);
  double unit = mult / power_of_ten(a.decimals);
  double half = a.decimals || mult > 1 ? 0.5 * unit : 0;
  q->value = arabic_value(&a, mult);
  q->lo = q->value - half;
  q->hi = q->value + half;
  q->decimals = a.decimals;
  *step = a.decimals ? unit : power_of_ten(a.zeros) * mult;
  return n;
}

static size_t read_chinese_number(const char *s, size_t len, doc_quantity *q,
                                  double *step) {
  double v;
  size_t n = cnnum_read(s, len, &v);
  if (!n)
    return 0;
  /* 三万 is rounded like 3万; 三万五千 is exact, and so is a lone 万
   * (近万人 is "nearly ten thousand", not "nearly 5000 to 15000"). */
  double half = 0;
  if (n > 3 && has_at(s, n - 3, len, "万"))
    half = 0.5e4;
  else if (n > 3 && has_at(s, n - 3, len, "亿"))
    half = 0.5e8;
  q->value = v;
  q->lo = v - half;
  q->hi = v + half;
  q->chinese = 1;
  *step = integer_magnitude(v);
  return n;
}

static size_t read_number(const char *s, size_t len, size_t base,
                          doc_quantity *q, double *step) {
  q->decimals = 0;
  q->chinese = 0;
  q->approx = APPROX_EXACT;
  size_t n = read_arabic_number(s, len, q, step);
  if (!n)
    n = read_chinese_number(s, len, q, step);
  q->num = (span){base, n};
  q->all = q->num;
  if (!n)
    q->value = q->lo = q->hi = 0;
  return n;
}

size_t scan_number(const char *s, size_t len, size_t base, doc_quantity *q) {
  double step;
  return read_number(s, len, base, q, &step);
}

/* ---- scanner helpers ---------------------------------------------------- */

static uint32_t char_before(const scanner *sc, size_t i, size_t *start) {
  if (i <= sc->start) {
    *start = i;
    return 0;
  }
  size_t p = utf8_back(sc->s, i), n;
  if (p < sc->start)
    p = sc->start;
  *start = p;
  uint32_t cp = code_point(sc->s + p, i - p, &n);
  return n == i - p ? cp : 0xFFFD;
}

/* Clause delimiters: ，。；：、（）！？ and their ASCII forms, and space. */
static int is_clause_delimiter(const char *ch, size_t n, uint32_t cp) {
  if (cp < 0x80)
    return cp && strchr(",;:()!? \t", (int)cp) != NULL;
  return in_set("，。；：、（）！？", ch, n);
}

/* Enumerations start a clause: at the paragraph start or after
 * 。；：，、！？ ） ” . > or a space, so 统一是 and 唯一是 are not 一是. */
static int at_clause_start(const scanner *sc, size_t i) {
  size_t p;
  uint32_t cp = char_before(sc, i, &p);
  if (cp == 0 || cp == 0x201D) /* paragraph start, ” */
    return 1;
  if (cp == '>' || cp == '.') /* after markup debris (<br>) or a "." */
    return 1;
  return cp != '(' && !has_at(sc->s, p, i, "（") &&
         is_clause_delimiter(sc->s + p, i - p, cp);
}

/* The arrays grow on the heap (the doc frees them): doubled inside the
 * arena, every old copy stayed until the report was freed, and 45 MB of
 * "1% 1% ..." peaked at 4 GB. */
static void *make_room(void *v, int n, size_t *cap, size_t sz) {
  array_grow(&v, cap, (size_t)n + 1, sz);
  return v;
}

static void push_qty(scanner *sc, const doc_quantity *q) {
  doc *d = sc->d;
  d->qty = make_room(d->qty, d->nqty, &sc->qcap, sizeof *d->qty);
  d->qty[d->nqty++] = *q;
}

static void push_date(scanner *sc, size_t off, size_t end, const int ymd[3],
                      int chinese) {
  doc *d = sc->d;
  d->dates =
      make_room(d->dates, d->ndate, &sc->dcap, sizeof *d->dates);
  d->dates[d->ndate++] =
      (doc_date){{off, end - off}, ymd[0], ymd[1], ymd[2], chinese, sc->para};
  sc->floor = end;
}

static void push_enum(scanner *sc, size_t off, size_t end, int number,
                      doc_enum_style style) {
  doc *d = sc->d;
  d->enums =
      make_room(d->enums, d->nenum, &sc->ecap, sizeof *d->enums);
  d->enums[d->nenum++] = (doc_enum){{off, end - off}, number, style, sc->para};
  sc->floor = end;
}

/* ---- dates --------------------------------------------------------------- */

static int days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2)
    return days[month - 1];
  if (year == 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return 28;
}

static int is_valid_date(const int ymd[3]) {
  return ymd[1] >= 1 && ymd[1] <= 12 && ymd[2] >= 0 &&
         ymd[2] <= days_in_month(ymd[0], ymd[1]);
}

/* Reads 1..max ASCII digits at i that are not followed by another digit;
 * returns how many (0 if none or too many). */
static size_t read_digits(const char *s, size_t i, size_t end, size_t max,
                          int *v) {
  size_t n = 0;
  *v = 0;
  while (i + n < end && is_digit(s[i + n]) && n <= max) {
    *v = *v * 10 + (s[i + n] - '0');
    n++;
  }
  return n > max ? 0 : n;
}

// day-part = day ("日" | "号") | "底" | "末"     e.g. 7日, 底
// Reads the day after "月"; a month-end counts as its last day. Returns
// bytes read, 0 if none (then *day is 0).
static size_t arabic_day(const char *s, size_t j, size_t end, int ymd[3]) {
  int day;
  size_t n = read_digits(s, j, end, 2, &day);
  ymd[2] = 0;
  if (n && (has_at(s, j + n, end, "日") || has_at(s, j + n, end, "号"))) {
    ymd[2] = day;
    return n + 3;
  }
  if (!n && (has_at(s, j, end, "底") || has_at(s, j, end, "末"))) {
    ymd[2] = ymd[1] >= 1 && ymd[1] <= 12 ? days_in_month(ymd[0], ymd[1]) : 0;
    return 3;
  }
  return 0;
}

// numeric-date = year sep month sep day, sep = "." | "-" | "/"
//   e.g. 2024.1.7, 2024-01-07, 2024/1/7
static size_t numeric_date(const char *s, size_t i, size_t end, int ymd[3]) {
  char sep = s[i + 4];
  size_t j = i + 5, n = read_digits(s, j, end, 2, &ymd[1]);
  if (!n || j + n >= end || s[j + n] != sep)
    return 0;
  j += n + 1;
  n = read_digits(s, j, end, 2, &ymd[2]);
  if (!n || ymd[2] < 1)
    return 0;
  return j + n - i;
}

// date = year "年" month "月" day-part?       e.g. 2025年1月7日, 2024年10月
//      | month "月" day-part                   e.g. 1月7日, 10月底
//      | numeric-date
static size_t scan_date_arabic(scanner *sc, size_t i) {
  const char *s = sc->s;
  size_t end = sc->end, j = i;
  int first, ymd[3] = {0, 0, 0};
  size_t n = read_digits(s, i, end, 4, &first);
  if (n == 4 && i + 5 < end &&
      (s[i + 4] == '.' || s[i + 4] == '-' || s[i + 4] == '/')) {
    ymd[0] = first;
    j = i + numeric_date(s, i, end, ymd);
  } else if (n == 4 && has_at(s, i + 4, end, "年")) {
    ymd[0] = first;
    j = i + 7;
    n = read_digits(s, j, end, 2, &ymd[1]);
    if (!n || !has_at(s, j + n, end, "月"))
      return 0;
    j += n + 3;
    j += arabic_day(s, j, end, ymd);
  } else if (n >= 1 && n <= 2 && has_at(s, i + n, end, "月")) {
    ymd[1] = first;
    j = i + n + 3;
    n = arabic_day(s, j, end, ymd);
    if (!n)
      return 0;
    j += n;
  }
  if (j == i)
    return 0;
  /* 2023年2月29日 is skipped whole: not a date, and 2月29日 is not one
   * either. */
  if (is_valid_date(ymd))
    push_date(sc, i, j, ymd, 0);
  return j;
}

// cn-day-part = cn-numeral "日" | "底" | "末"     e.g. 七日
static size_t chinese_day(const char *s, size_t j, size_t end, int ymd[3]) {
  double v;
  size_t n = cnnum_read(s + j, end - j, &v);
  ymd[2] = 0;
  if (n && v >= 1 && v <= 31 && has_at(s, j + n, end, "日")) {
    ymd[2] = (int)v;
    return n + 3;
  }
  if (!n && (has_at(s, j, end, "底") || has_at(s, j, end, "末"))) {
    ymd[2] = days_in_month(ymd[0], ymd[1]);
    return 3;
  }
  return 0;
}

// cn-date = cn-year "年" cn-month "月" cn-day-part?  e.g. 二〇二五年一月七日
//         | cn-month "月" cn-day-part                e.g. 十月一日
// cn-year = four positional cn-digits                e.g. 二〇二五, 二○二五
static size_t scan_date_chinese(scanner *sc, size_t i) {
  const char *s = sc->s;
  size_t end = sc->end, j = i;
  int ymd[3] = {0, 0, 0};
  double v;
  size_t n = cnnum_read(s + j, end - j, &v);
  if (n == 12 && v >= 1000 && v <= 9999 && has_at(s, j + n, end, "年")) {
    ymd[0] = (int)v;
    j += n + 3;
    n = cnnum_read(s + j, end - j, &v);
  }
  if (!n || v < 1 || v > 12 || !has_at(s, j + n, end, "月"))
    return 0;
  ymd[1] = (int)v;
  j += n + 3;
  n = chinese_day(s, j, end, ymd);
  if (!n && !ymd[0])
    return 0;
  j += n;
  if (is_valid_date(ymd))
    push_date(sc, i, j, ymd, 1);
  return j;
}

/* ---- quantities ---------------------------------------------------------- */

/* Length of the longest unit at i, 0 if none. */
static size_t unit_at(const char *s, size_t i, size_t end) {
  size_t best = 0;
  for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
    size_t n = strlen(units[k]);
    if (n > best && has_at(s, i, end, units[k]))
      best = n;
  }
  return best;
}

// approx-before = "将近" | "接近" | "大约" | "超过" | "近" | "约" | "逾"
// Returns the start of the word ending at i (i if none) and sets *approx.
static size_t approx_word_before(const scanner *sc, size_t i,
                                 doc_approx *approx) {
  for (size_t k = 0; k < sizeof approx_before / sizeof *approx_before; k++) {
    const char *w = approx_before[k].word;
    size_t n = strlen(w);
    if (i - sc->floor < n || memcmp(sc->s + i - n, w, n) != 0)
      continue;
    if (n == 3 && i - sc->floor >= 6) {
      const char *prev = sc->s + i - 6;
      if ((!strcmp(w, "近") && in_set(near_words, prev, 3)) ||
          (!strcmp(w, "约") && in_set(about_words, prev, 3)))
        continue;
    }
    *approx = approx_before[k].approx;
    return i - n;
  }
  *approx = APPROX_EXACT;
  return i;
}

// label = text before the quantity, back to a clause delimiter, the end
// of the previous quantity or date, or LABEL_MAX code points
//   e.g. 累计梳理收集各类问题案件线索数 (before 279个)
static span find_label(const scanner *sc, size_t at) {
  size_t b = at;
  for (int k = 0; k < LABEL_MAX && b > sc->floor; k++) {
    size_t p;
    uint32_t cp = char_before(sc, b, &p);
    if (p < sc->floor || is_clause_delimiter(sc->s + p, b - p, cp))
      break;
    b = p;
  }
  return (span){b, at - b};
}

/* A Chinese numeral is a quantity only where it cannot be part of a
 * word: not after 第进统唯之单同万 or another numeral, and a lone digit
 * only before a common counter and outside quoted names (一人 yes;
 * 一次性, 零件, 千家, “综合查一次” no). */
static int accept_chinese(const scanner *sc, const doc_quantity *q,
                          int approx) {
  const char *s = sc->s;
  size_t p, n;
  uint32_t prev = char_before(sc, q->num.off, &p);
  if (prev &&
      (cnnum_is_numeral(prev) || in_set(word_heads, s + p, q->num.off - p)))
    return 0;
  if (utf8_count(s + q->num.off, q->num.len) > 1)
    return 1;
  uint32_t cp = code_point(s + q->num.off, q->num.len, &n);
  if (cp == 0x4E07) /* 万: only 近万人, 万余人 */
    return approx;
  if (cnnum_digit(cp) < 1 && cp != 0x5341) /* 零件, 百姓, 千家 */
    return 0;
  size_t after = q->unit.off + q->unit.len;
  if (has_at(s, q->unit.off, sc->end, "次性") || prev == 0x201C ||
      prev == 0x300A || has_at(s, after, sc->end, "”") ||
      has_at(s, after, sc->end, "》"))
    return 0; /* names: “两个维护” “综合查一次” */
  for (size_t k = 0; k < sizeof lone_units / sizeof *lone_units; k++)
    if (q->unit.len == strlen(lone_units[k]) &&
        !memcmp(s + q->unit.off, lone_units[k], q->unit.len))
      return 1;
  return 0;
}

/* Widens the precision interval by what the approximation word allows. */
static void apply_approx(doc_quantity *q, double step) {
  switch (q->approx) {
  case APPROX_ATLEAST: /* 30余 → [30, 40], 1万余 → [1万, 2万] */
    q->lo = q->value;
    q->hi = q->value + step;
    break;
  case APPROX_NEARLY: /* 近300 → [270, 300] */
    q->lo *= 0.9;
    break;
  case APPROX_ABOUT: /* 约300 → [270, 330] */
    q->lo *= 0.9;
    q->hi *= 1.1;
    break;
  default:
    break;
  }
}

// after = ("余" | "多")? multiplier? unit ("左右" | "以上")?
//   e.g. 余名, 余万元, %以上, 个左右
// Reads what follows the number at j into q; returns the end, 0 if no unit.
static size_t read_after_number(const scanner *sc, size_t j, doc_quantity *q,
                                double *step) {
  const char *s = sc->s;
  size_t end = sc->end, u = j, unit = j;
  double mult = 1;
  if (has_at(s, u, end, "余") || has_at(s, u, end, "多")) {
    q->approx = APPROX_ATLEAST;
    u += 3;
    unit = u;
    u += read_multiplier(s + u, end - u, &mult); /* 30余万元 */
  }
  size_t n = unit_at(s, u, end);
  if (!n)
    return 0;
  q->unit = (span){unit, u + n - unit};
  q->value *= mult;
  q->lo *= mult;
  q->hi *= mult;
  *step *= mult;
  u += n;
  if (has_at(s, u, end, "左右")) {
    q->approx = APPROX_ABOUT;
    u += 6;
  } else if (has_at(s, u, end, "以上")) {
    q->approx = APPROX_ATLEAST;
    u += 6;
  }
  return u;
}

// quantity = approx-before? number after      e.g. 近300节次, 约22516万元
// Returns where scanning resumes: past the quantity, or past the number
// when it is not one (a year, a code, a number without a unit).
static size_t scan_quantity(scanner *sc, size_t i) {
  doc_quantity q;
  double step;
  memset(&q, 0, sizeof q);
  size_t n = read_number(sc->s + i, sc->end - i, i, &q, &step);
  if (!n)
    return i;
  size_t j = i + n;
  if (has_at(sc->s, j, sc->end, "年")) { /* 2024年, 2024年度: not a label */
    j += has_at(sc->s, j + 3, sc->end, "度") ? 6 : 3;
    sc->floor = j;
    return j;
  }
  doc_approx before;
  size_t all = approx_word_before(sc, i, &before);
  size_t e = read_after_number(sc, j, &q, &step);
  if (!e)
    return j;
  if (q.approx == APPROX_EXACT)
    q.approx = before;
  if (q.chinese && !accept_chinese(sc, &q, q.approx != APPROX_EXACT))
    return j;
  apply_approx(&q, step);
  q.all = (span){all, e - all};
  q.label = find_label(sc, all);
  q.para = sc->para;
  push_qty(sc, &q);
  sc->floor = e;
  return e;
}

/* ---- tokens -------------------------------------------------------------- */

// code = [A-Za-z] [A-Za-z0-9._-]*      e.g. APP3.0, V2 (never a quantity)
static size_t skip_code(const scanner *sc, size_t i) {
  const char *s = sc->s;
  while (i < sc->end && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '.' ||
                         s[i] == '_' || s[i] == '-'))
    i++;
  return i;
}

static size_t scan_arabic_token(scanner *sc, size_t i) {
  size_t p;
  uint32_t prev = char_before(sc, i, &p);
  if (prev < 0x80 && (is_alpha((char)prev) || prev == '.' || prev == '_'))
    return skip_code(sc, i);
  size_t e = scan_date_arabic(sc, i);
  return e ? e : scan_quantity(sc, i);
}

// enum-shi = cn-numeral "是"            e.g. 一是, 十一是 (at a clause start)
static size_t scan_enum_shi(scanner *sc, size_t i) {
  double v;
  size_t n = cnnum_read(sc->s + i, sc->end - i, &v);
  if (!n || v < 1 || v > ORDINAL_MAX || !at_clause_start(sc, i) ||
      !has_at(sc->s, i + n, sc->end, "是"))
    return 0;
  push_enum(sc, i, i + n + 3, (int)v, ENUM_SHI);
  return i + n + 3;
}

static size_t scan_cn_token(scanner *sc, size_t i) {
  size_t e = scan_date_chinese(sc, i);
  if (!e)
    e = scan_enum_shi(sc, i);
  return e ? e : scan_quantity(sc, i);
}

static size_t enum_punct_len(const char *s, size_t i, size_t end) {
  if (has_at(s, i, end, "，") || has_at(s, i, end, "、") ||
      has_at(s, i, end, "："))
    return 3;
  return i < end && (s[i] == ',' || s[i] == ':') ? 1 : 0;
}

// enum-di = "第" cn-numeral ("，" | "、" | "：")    e.g. 第一，第二、
// ordinal = "第" number                           e.g. 第一责任人, 第120名
// An ordinal is never a quantity, so its number is consumed here.
static size_t scan_ordinal(scanner *sc, size_t i) {
  const char *s = sc->s;
  size_t j = i + 3;
  double v;
  size_t n = cnnum_read(s + j, sc->end - j, &v);
  if (n) {
    size_t p = enum_punct_len(s, j + n, sc->end);
    if (p && v >= 1 && v <= ORDINAL_MAX && at_clause_start(sc, i)) {
      /* The marker is "第一"; the comma after it is not part of it. */
      push_enum(sc, i, j + n, (int)v, ENUM_DI);
      return j + n + p;
    }
    return j + n;
  }
  arabic a;
  return j + read_arabic(s + j, sc->end - j, &a);
}

// enum-qi = "其" cn-numeral ("，" | "、" | "：" | "是")    e.g. 其一，其二是
static size_t scan_enum_qi(scanner *sc, size_t i) {
  const char *s = sc->s;
  size_t j = i + 3;
  double v;
  size_t n = cnnum_read(s + j, sc->end - j, &v);
  if (!n || v < 1 || v > 10 || !at_clause_start(sc, i))
    return i;
  size_t p = enum_punct_len(s, j + n, sc->end);
  int shi = !p && has_at(s, j + n, sc->end, "是");
  if (!p && !shi)
    return i;
  /* The marker is "其一" (or "其二是"); a comma after it is not part of it. */
  push_enum(sc, i, j + n + (shi ? 3 : 0), (int)v, ENUM_QI);
  return j + n + (shi ? 3 : p);
}

/* Recognizes whatever starts at i; returns where to resume (i if
 * nothing did, then the caller steps one character). */
static size_t scan_at(scanner *sc, size_t i) {
  const char *s = sc->s;
  if (is_digit(s[i]))
    return scan_arabic_token(sc, i);
  if (has_at(s, i, sc->end, "第"))
    return scan_ordinal(sc, i);
  if (has_at(s, i, sc->end, "其"))
    return scan_enum_qi(sc, i);
  size_t n;
  if (cnnum_is_numeral(code_point(s + i, sc->end - i, &n)))
    return scan_cn_token(sc, i);
  return i;
}

static void scan_paragraph(scanner *sc) {
  size_t i = sc->start;
  sc->floor = sc->start;
  while (i < sc->end) {
    size_t next = scan_at(sc, i);
    i = next > i ? next : i + utf8_step(sc->s + i, sc->end - i);
  }
}

void scan_run(doc *d) {
  scanner sc;
  memset(&sc, 0, sizeof sc);
  sc.d = d;
  sc.s = d->text;
  doc_release_numbers(d);
  for (int p = 0; p < d->npara; p++) {
    sc.para = p;
    sc.start = d->paras[p].off;
    sc.end = d->paras[p].off + d->paras[p].len;
    scan_paragraph(&sc);
  }
}
