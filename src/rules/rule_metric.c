/* rule_metric: checks over the quantities the scanner found.
 *
 * range: a selected quantity outside [min, max]; sum: the parts named by
 * a pattern's `parts` group do not add up to (or exceed, relation le) its
 * `total`; share: percentages of one whole in one sentence add up to more
 * than 100; consistency: the same indicator stated with two values. Every
 * comparison uses the interval each number's wording allows (1.2万 is
 * 11,500–12,500, 30余 is 30–40), so only statements that cannot both be
 * true are reported.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include "scan.h"
#include "strbuf.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int span_matches(engine_run *run, const regex *re, span s) {
  size_t ms, me;
  return engine_match_span(run, re, s, &ms, &me);
}

static int selected(engine_run *run, const doc_quantity *q) {
  const rule_metric *m = &run->r->u.metric;
  if (m->label && !span_matches(run, m->label, q->label))
    return 0;
  if (m->unit && !span_matches(run, m->unit, q->unit))
    return 0;
  if (m->exclude && span_matches(run, m->exclude, q->label))
    return 0;
  return 1;
}

static int in_scope(const span *spans, int n, size_t off) {
  for (int i = 0; i < n; i++)
    if (off >= spans[i].off && off < spans[i].off + spans[i].len)
      return 1;
  return 0;
}

static const char *text_of(engine_run *run, span s) {
  return arena_strndup(&run->d->arena, run->d->text + s.off, s.len);
}

static void fmt_num(double v, char *buf, size_t cap) {
  if (!isfinite(v))
    snprintf(buf, cap, "∞");
  else if (fabs(v) < 1e15 && v == floor(v))
    snprintf(buf, cap, "%.0f", v);
  else if (fabs(v) < 1e15)
    snprintf(buf, cap, "%.4g", v);
  else
    snprintf(buf, cap, "%.3e", v);
}

static void check_range(engine_run *run, const span *spans, int n) {
  const rule_metric *m = &run->r->u.metric;
  for (int i = 0; i < run->d->nqty; i++) {
    const doc_quantity *q = &run->d->qty[i];
    if (!in_scope(spans, n, q->num.off) || !selected(run, q))
      continue;
    engine_hit(run);
    if (!((m->has_max && q->lo > m->max) || (m->has_min && q->hi < m->min)))
      continue;
    char mn[32] = "", mx[32] = "";
    if (m->has_min)
      fmt_num(m->min, mn, sizeof mn);
    if (m->has_max)
      fmt_num(m->max, mx, sizeof mx);
    engine_var vars[] = {{"label", text_of(run, q->label)},
                         {"value", text_of(run, q->all)},
                         {"unit", text_of(run, q->unit)},
                         {"min", mn},
                         {"max", mx}};
    engine_emit(run, q->num.off, q->all.off + q->all.len, vars, 5, NULL);
  }
}

/* Names what a quantity counts: the few characters after it ("7份合同"),
 * else the end of its label ("维持8件"). */
static void describe(engine_run *run, const doc_quantity *q, strbuf *sb) {
  const char *t = run->d->text;
  size_t i = q->all.off + q->all.len, end = run->d->len, n = 0;
  uint32_t next;
  int nk = i < end ? utf8_decode(t + i, end - i, &next) : -1;
  if ((nk < 0 || !utf8_is_han(next) || next == 0x548C || next == 0x53CA ||
       next == 0x4E0E) && q->label.len) {
    size_t from = q->label.off + q->label.len;
    for (int c = 0; c < 4 && from > q->label.off; c++)
      from = utf8_back(t, from);
    if (strncmp(t + from, "其中", strlen("其中")) == 0)
      from += strlen("其中");
    strbuf_put(sb, t + from, q->label.off + q->label.len - from);
  }
  strbuf_put(sb, t + q->all.off, q->all.len);
  while (i < end && n < 4) {
    uint32_t cp;
    int k = utf8_decode(t + i, end - i, &cp);
    if (k < 0 || !utf8_is_han(cp) || cp == 0x548C /* 和 */ ||
        cp == 0x53CA /* 及 */ || cp == 0x4E0E /* 与 */)
      break;
    strbuf_put(sb, t + i, (size_t)k);
    i += (size_t)k;
    n++;
  }
}

/* Exact integers: a sum of counts is checked digit for digit, since a
 * double has 53 bits and 999999999999999999 + 1 is not 1e18 in it. */
__extension__ typedef unsigned __int128 exact_int;
enum { EXACT_MAX_DIGITS = 36 }; /* a sum of many stays below 2^128 */

/* A value the double holds exactly: a whole number below 2^53. */
static int exact_double(double v, exact_int *out) {
  if (v < 0 || v >= 9007199254740992.0 || v != floor(v))
    return 0;
  *out = (exact_int)v;
  return 1;
}

/* An exact integer as written: its digits (thousands commas skipped), or
 * for Chinese numerals the value. Returns 0 for decimals, 万 and 亿 (then
 * lo < hi), approximations and numbers too long: their intervals decide. */
static int exact_of(const doc *d, const doc_quantity *q, exact_int *out) {
  if (q->approx != APPROX_EXACT || q->lo != q->hi || q->decimals)
    return 0;
  if (q->chinese)
    return exact_double(q->value, out);
  const char *t = d->text + q->num.off;
  exact_int v = 0;
  int digits = 0;
  for (size_t i = 0; i < q->num.len; i++) {
    if (t[i] == ',')
      continue;
    if (t[i] < '0' || t[i] > '9' || ++digits > EXACT_MAX_DIGITS)
      return 0;
    v = v * 10 + (exact_int)(t[i] - '0');
  }
  *out = v;
  return digits > 0;
}

/* The numbers stated inside a span: the scanner's quantities there, or,
 * when it saw none (e.g. a rank "第120名"), the bare numbers. */
typedef struct figures {
  double lo, hi, value;
  int n;
  const doc_quantity *first;
  doc_quantity bare; /* first bare number, when there is no quantity */
  exact_int sum;     /* their exact sum, when exact */
  int exact;         /* every figure is an exact integer */
} figures;

static void add_exact(const doc *d, const doc_quantity *q, figures *f) {
  exact_int v;
  if (f->n == 0)
    f->exact = 1;
  if (f->exact && exact_of(d, q, &v))
    f->sum += v;
  else
    f->exact = 0;
}

/* The index of the first quantity at or after off. The scanner stores
 * them in text order, so a match looks only at its own (walking them all
 * for every match made sum and ratio rules quadratic in the document). */
static int first_quantity_at(const doc *d, size_t off) {
  int lo = 0, hi = d->nqty;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d->qty[mid].num.off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* A number that goes on a number or a code (the 400 of 1e400 or of
 * V400), even before the group: the scanner does not read it either. */
static int glued(const char *t, size_t i) {
  if (i == 0)
    return 0;
  char c = t[i - 1];
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z') || c == '.' || c == '_';
}

static void read_figures(engine_run *run, span g, figures *f, strbuf *expr,
                         strbuf *desc) {
  const doc *d = run->d;
  memset(f, 0, sizeof *f);
  for (int i = first_quantity_at(d, g.off);
       i < d->nqty && d->qty[i].num.off < g.off + g.len; i++) {
    const doc_quantity *q = &d->qty[i];
    if (expr) /* the numbers as written: "1.2万", not 12000 */
      strbuf_printf(expr, "%s%.*s", f->n ? " + " : "", (int)q->num.len,
                    d->text + q->num.off);
    if (desc) {
      if (f->n)
        strbuf_puts(desc, "、");
      describe(run, q, desc);
    }
    if (!f->first)
      f->first = q;
    add_exact(d, q, f);
    f->lo += q->lo, f->hi += q->hi, f->value += q->value;
    f->n++;
  }
  for (size_t i = g.off; f->n == 0 && i < g.off + g.len; i++) {
    size_t k = scan_number(d->text + i, g.off + g.len - i, i, &f->bare);
    if (k == 0 || glued(d->text, i))
      continue;
    f->lo = f->bare.lo, f->hi = f->bare.hi, f->value = f->bare.value;
    f->first = &f->bare;
    add_exact(d, &f->bare, f);
    f->n = 1;
    if (expr)
      strbuf_put(expr, d->text + f->bare.num.off, f->bare.num.len);
    if (desc)
      strbuf_put(desc, d->text + f->bare.num.off, f->bare.num.len);
  }
}

static void sum_at(engine_run *run, span total, span parts) {
  const rule_metric *m = &run->r->u.metric;
  figures t, p;
  strbuf expr, desc;
  strbuf_init(&expr, 4096);
  strbuf_init(&desc, 4096);
  read_figures(run, total, &t, NULL, NULL);
  read_figures(run, parts, &p, &expr, &desc);
  if (t.n > 0 && p.n > 0) {
    engine_hit(run);
    int bad = m->relation == REL_EQ ? (p.hi < t.lo || p.lo > t.hi)
                                    : p.lo > t.hi;
    if (t.exact && p.exact)
      bad = m->relation == REL_EQ ? p.sum != t.sum : p.sum > t.sum;
    if (bad) {
      char sb[32], full[4200];
      const char *tb = text_of(run, t.first->num);
      fmt_num(p.value, sb, sizeof sb);
      if (m->relation == REL_EQ)
        snprintf(full, sizeof full, "%s ≠ %s", tb, expr.p);
      else
        snprintf(full, sizeof full, "%s > %s", expr.p, tb);
      engine_var vars[] = {{"total", text_of(run, total)},
                           {"sum", sb},
                           {"expr", full},
                           {"parts", desc.p}};
      engine_emit(run, t.first->num.off, parts.off + parts.len, vars, 4,
                  NULL);
    }
  }
  strbuf_release(&expr);
  strbuf_release(&desc);
}

/* A stated rate is rounded: it stands for ± half a unit of its last
 * digit even when written as an integer ("占25%" may be 25.3 %). */
static void ratio_at(engine_run *run, span part, span whole, span rate) {
  figures p, w, r;
  read_figures(run, part, &p, NULL, NULL);
  read_figures(run, whole, &w, NULL, NULL);
  read_figures(run, rate, &r, NULL, NULL);
  if (p.n != 1 || w.n != 1 || r.n != 1 || w.lo <= 0)
    return;
  engine_hit(run);
  double half = 0.5;
  for (int i = 0; i < r.first->decimals; i++)
    half /= 10;
  double lo = p.lo / w.hi * 100, hi = p.hi / w.lo * 100;
  if (hi >= r.value - half && lo <= r.value + half)
    return;
  char computed[32];
  snprintf(computed, sizeof computed, "%.1f%%", p.value / w.value * 100);
  engine_var vars[] = {{"part", text_of(run, part)},
                       {"whole", text_of(run, whole)},
                       {"rate", text_of(run, rate)},
                       {"computed", computed}};
  engine_emit(run, r.first->num.off, rate.off + rate.len, vars, 4, NULL);
}

/* Runs the rule's pattern over the scope and hands the named groups of
 * every match to fn. */
static void each_match(engine_run *run, const span *spans, int n,
                       const char *const *names, int ngroups,
                       void (*fn)(engine_run *, const span *)) {
  const regex *re = run->r->u.metric.pattern;
  int g[3];
  for (int i = 0; i < ngroups; i++)
    g[i] = regex_group_number(re, names[i]);
  for (int k = 0; k < n && !run->failed; k++) {
    size_t at = spans[k].off, end = spans[k].off + spans[k].len, ms, me;
    while (at < end && engine_find(run, re, run->d->text, end, at, &ms, &me)) {
      span got[3];
      int ok = 1;
      for (int i = 0; i < ngroups && ok; i++) {
        size_t gs, ge;
        ok = regex_group(run->rx, g[i], &gs, &ge);
        got[i] = (span){gs, ge - gs};
      }
      if (ok)
        fn(run, got);
      at = me > ms ? me : ms + utf8_step(run->d->text + ms, end - ms);
    }
  }
}

static void sum_groups(engine_run *run, const span *g) {
  sum_at(run, g[0], g[1]);
}

static void ratio_groups(engine_run *run, const span *g) {
  ratio_at(run, g[0], g[1], g[2]);
}

static void check_sum(engine_run *run, const span *spans, int n) {
  static const char *const names[] = {"total", "parts"};
  each_match(run, spans, n, names, 2, sum_groups);
}

static void check_ratio(engine_run *run, const span *spans, int n) {
  static const char *const names[] = {"part", "whole", "rate"};
  each_match(run, spans, n, names, 3, ratio_groups);
}

static int sentence_end(const char *t, size_t i, size_t len) {
  return t[i] == '\n' ||
         (i + 3 <= len && (memcmp(t + i, "。", 3) == 0 ||
                           memcmp(t + i, "；", 3) == 0 ||
                           memcmp(t + i, "！", 3) == 0 ||
                           memcmp(t + i, "？", 3) == 0));
}

/* Shares in one sentence: quantities between two sentence ends. */
static void check_share(engine_run *run, const span *spans, int n) {
  const doc *d = run->d;
  int i = 0;
  while (i < d->nqty) {
    size_t s = d->qty[i].num.off;
    size_t e = s;
    while (e < d->len && !sentence_end(d->text, e, d->len))
      e++;
    int first = -1, last = -1;
    double lo = 0;
    int j = i;
    for (; j < d->nqty && d->qty[j].num.off < e; j++) {
      const doc_quantity *q = &d->qty[j];
      if (!in_scope(spans, n, q->num.off) || !selected(run, q))
        continue;
      if (first < 0)
        first = j;
      last = j;
      lo += q->lo;
    }
    if (first >= 0 && last > first) {
      engine_hit(run);
      if (lo > 100.0 + 1e-9) {
        char sum[32];
        fmt_num(lo, sum, sizeof sum);
        engine_var vars[] = {{"sum", sum}};
        engine_emit(run, d->qty[first].num.off,
                    d->qty[last].all.off + d->qty[last].all.len, vars, 1,
                    NULL);
      }
    }
    i = j > i ? j : i + 1;
  }
}

/* The indicator's key: the label pattern's `key` group, else its match. */
static span indicator_key(engine_run *run, const doc_quantity *q) {
  const regex *re = run->r->u.metric.label;
  size_t ms, me;
  if (!re || !engine_match_span(run, re, q->label, &ms, &me))
    return q->label;
  int g = regex_group_number(re, "key");
  size_t gs, ge;
  if (g > 0 && regex_group(run->rx, g, &gs, &ge))
    return (span){q->label.off + gs, ge - gs};
  return (span){ms, me - ms};
}

static int same_text(const doc *d, span a, span b) {
  return a.len == b.len && memcmp(d->text + a.off, d->text + b.off, a.len) == 0;
}

static void check_consistency(engine_run *run, const span *spans, int n) {
  const doc *d = run->d;
  span *keys = arena_alloc(&run->d->arena,
                           (size_t)(d->nqty + 1) * sizeof *keys);
  int *idx = arena_alloc(&run->d->arena, (size_t)(d->nqty + 1) * sizeof *idx);
  int nk = 0;
  for (int i = 0; i < d->nqty; i++) {
    const doc_quantity *q = &d->qty[i];
    if (!in_scope(spans, n, q->num.off) || !selected(run, q))
      continue;
    engine_hit(run);
    span key = indicator_key(run, q);
    for (int j = 0; j < nk; j++) {
      const doc_quantity *p = &d->qty[idx[j]];
      if (!same_text(d, keys[j], key) || !same_text(d, p->unit, q->unit))
        continue;
      if (q->hi < p->lo || q->lo > p->hi) {
        engine_var vars[] = {{"key", text_of(run, key)},
                             {"value", text_of(run, q->all)},
                             {"previous", text_of(run, p->all)}};
        engine_emit(run, q->num.off, q->all.off + q->all.len, vars, 3, NULL);
      }
      break;
    }
    keys[nk] = key;
    idx[nk++] = i;
  }
}

static void run_metric(engine_run *run) {
  int n;
  span *spans = engine_scope(run, &run->r->scope, &n);
  switch (run->r->u.metric.check) {
  case METRIC_RANGE: check_range(run, spans, n); break;
  case METRIC_SUM: check_sum(run, spans, n); break;
  case METRIC_SHARE: check_share(run, spans, n); break;
  case METRIC_CONSISTENCY: check_consistency(run, spans, n); break;
  case METRIC_RATIO: check_ratio(run, spans, n); break;
  }
}

/* --- the kind ----------------------------------------------------------------
 *
 * metric = check, [label, unit, exclude, min, max, pattern, relation]
 *   range needs min or max; sum needs a pattern with groups total and
 *   parts; ratio one with part, whole and rate. */

#define MET(f) RULE_FIELD(metric, f)

static const key_word metric_words[] = {
    {"range", METRIC_RANGE}, {"sum", METRIC_SUM},
    {"share", METRIC_SHARE}, {"consistency", METRIC_CONSISTENCY},
    {"ratio", METRIC_RATIO}, {NULL, 0}};

static const key_word relation_words[] = {
    {"eq", REL_EQ}, {"le", REL_LE}, {NULL, 0}};

static const key_spec metric_keys[] = {
    {.name = "check",
     .kind = K_WORD,
     .off = MET(check),
     .words = metric_words,
     .required = 1},
    {.name = "label", .kind = K_PATTERN, .off = MET(label)},
    {.name = "unit", .kind = K_PATTERN, .off = MET(unit)},
    {.name = "exclude", .kind = K_PATTERN, .off = MET(exclude)},
    {.name = "min",
     .kind = K_NUMBER,
     .off = MET(min),
     .has = 1,
     .has_off = MET(has_min)},
    {.name = "max",
     .kind = K_NUMBER,
     .off = MET(max),
     .has = 1,
     .has_off = MET(has_max)},
    {.name = "pattern", .kind = K_PATTERN, .off = MET(pattern)},
    {.name = "relation",
     .kind = K_WORD,
     .off = MET(relation),
     .words = relation_words},
    {.name = NULL}};

static int metric_load(rules_loader *ld) {
  const rule_metric *mt = &ld->r->u.metric;
  const char *id = ld->r->id;
  int ratio = mt->check == METRIC_RATIO;
  if ((mt->check == METRIC_SUM || ratio) && !mt->pattern)
    return rules_load_fail(ld, ld->m,
                           "rule '%s' has no 'pattern' (needed by "
                           "check '%s')",
                           id, ratio ? "ratio" : "sum");
  if (mt->check == METRIC_RANGE && !mt->has_min && !mt->has_max)
    return rules_load_fail(ld, ld->m,
                           "rule '%s' has no 'min' or 'max' (needed by "
                           "check 'range')",
                           id);
  if (mt->has_min && mt->has_max && mt->min > mt->max)
    return rules_load_fail(ld, yamltree_get(ld->m, "min"),
                           "'min' is greater than 'max'");
  static const char *const sum_groups[] = {"total", "parts", NULL};
  static const char *const ratio_groups[] = {"part", "whole", "rate", NULL};
  const char *const *groups = ratio ? ratio_groups : sum_groups;
  int grouped = mt->check == METRIC_SUM || ratio;
  for (int i = 0; grouped && mt->pattern && groups[i]; i++)
    if (regex_group_number(mt->pattern, groups[i]) < 0)
      return rules_load_fail(ld, yamltree_get(ld->m, "pattern"),
                             "rule '%s': 'pattern' has no named group '%s' "
                             "(write (?<%s>...))",
                             id, groups[i], groups[i]);
  return 0;
}

static void metric_release(rule *r) {
  regex_free(r->u.metric.label);
  regex_free(r->u.metric.unit);
  regex_free(r->u.metric.exclude);
  regex_free(r->u.metric.pattern);
}

// Every check's variables: range, sum, share, consistency, ratio.
static const char *const metric_vars[] = {
    "label", "value", "unit",     "min",  "max",   "total", "sum",      "expr",
    "parts", "key",   "previous", "part", "whole", "rate",  "computed", NULL};

const rule_kind rule_kind_metric = {
    .name = "metric",
    .type = RULE_METRIC,
    .keys = metric_keys,
    .vars = metric_vars,
    .load = metric_load,
    .release = metric_release,
    .run = run_metric,
};
