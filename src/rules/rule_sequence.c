/* rule_sequence: numbering of headings and of inline enumerations.
 *
 * Headings are numbered among siblings (same parent, same level); Arabic
 * numbering that continues across sub-parts ((一) 1. 2. (二) 3.) is
 * legitimate. Enumerations (一是 二是 …) are numbered within the innermost
 * section. Findings are reported at the offending marker: a repeat, a gap,
 * a restart (optional), or a list that does not start at one.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include <stdio.h>
#include <string.h>

/* Chinese numeral for 1..999, as headings and enumerations write it:
 * 十二, 二十, 一百零五, 一百一十. */
static void cn_format(int n, char *buf, size_t cap) {
  static const char *const d[] = {"〇", "一", "二", "三", "四",
                                  "五", "六", "七", "八", "九"};
  if (n >= 100 && n <= 999) {
    char rest[32] = "";
    if (n % 100 >= 10)
      snprintf(rest, sizeof rest, "%s十%s", d[n % 100 / 10],
               n % 10 ? d[n % 10] : "");
    else if (n % 100)
      snprintf(rest, sizeof rest, "零%s", d[n % 10]);
    snprintf(buf, cap, "%s百%s", d[n / 100], rest);
  } else if (n <= 0 || n > 99)
    snprintf(buf, cap, "%d", n);
  else if (n < 10)
    snprintf(buf, cap, "%s", d[n]);
  else if (n < 20)
    snprintf(buf, cap, "十%s", n % 10 ? d[n % 10] : "");
  else
    snprintf(buf, cap, "%s十%s", d[n / 10], n % 10 ? d[n % 10] : "");
}

/* Writes the marker of ordinal n in a style (a doc_mark or a
 * doc_enum_style): "四、" "（四）" "4." "四是" "第四" … */
typedef void (*marker_fn)(int style, int n, char *buf, size_t cap);

static void heading_marker(int m, int n, char *buf, size_t cap) {
  char cn[16];
  cn_format(n, cn, sizeof cn);
  switch ((doc_mark)m) {
  case MARK_CN_DUN: snprintf(buf, cap, "%s、", cn); break;
  case MARK_CN_DOT: snprintf(buf, cap, "%s.", cn); break;
  case MARK_PART: snprintf(buf, cap, "第%s部分", cn); break;
  case MARK_CN_PAREN: snprintf(buf, cap, "（%s）", cn); break;
  case MARK_CN_HPAREN: snprintf(buf, cap, "(%s)", cn); break;
  case MARK_CN_PAREN_DUN: snprintf(buf, cap, "（%s）、", cn); break;
  case MARK_AR_DOT: snprintf(buf, cap, "%d.", n); break;
  case MARK_AR_DUN: snprintf(buf, cap, "%d、", n); break;
  case MARK_AR_PAREN: snprintf(buf, cap, "（%d）", n); break;
  case MARK_NONE: snprintf(buf, cap, "%d", n); break;
  }
}

static void enum_marker(int st, int n, char *buf, size_t cap) {
  char cn[16];
  cn_format(n, cn, sizeof cn);
  snprintf(buf, cap, st == ENUM_SHI ? "%s是" : st == ENUM_DI ? "第%s" : "其%s",
           cn);
}

typedef struct seq_item {
  span marker;
  int number;
  int prev;      /* previous number in the group, 0 if first */
  int continued; /* first of its group but continues earlier numbering */
} seq_item;

/* Decides what is wrong with item given its predecessor; returns the
 * expected number or 0 when the item is fine. */
static int judge(const rule_sequence *rs, const seq_item *it, char *problem,
                 size_t cap, const char *prev_marker,
                 const char *first_marker) {
  int n = it->number, p = it->prev;
  if (p == 0) {
    if (n == 1 || it->continued || !rs->gaps)
      return 0;
    snprintf(problem, cap, "没有从“%s”开始", first_marker);
    return 1;
  }
  if (n == p + 1)
    return 0;
  if (n == p && rs->repeats) {
    snprintf(problem, cap, "与上一项“%s”重复", prev_marker);
    return p + 1;
  }
  if (n == 1 && p > 1) {
    if (!rs->restarts)
      return 0;
    snprintf(problem, cap, "在“%s”之后重新从头编号", prev_marker);
    return p + 1;
  }
  if (n != p && rs->gaps) {
    snprintf(problem, cap, "紧跟在“%s”之后", prev_marker);
    return p + 1;
  }
  return 0;
}

static void report(engine_run *run, const seq_item *it, const char *problem,
                   const char *expected) {
  char text[64];
  snprintf(text, sizeof text, "%.*s", (int)it->marker.len,
           run->d->text + it->marker.off);
  engine_var vars[] = {{"marker", text},
                       {"problem", problem},
                       {"expected", expected}};
  engine_hit(run);
  engine_emit(run, it->marker.off, it->marker.off + it->marker.len, vars, 3,
              NULL);
}

/* Judges an item against its predecessor and reports what is wrong,
 * naming markers in the item's own style. */
static void check_item(engine_run *run, const seq_item *it, marker_fn fmt,
                       int style) {
  char problem[160], prev[64], first[64], expected[64];
  fmt(style, it->prev, prev, sizeof prev);
  fmt(style, 1, first, sizeof first);
  int e = judge(&run->r->u.sequence, it, problem, sizeof problem, prev,
                first);
  if (e) {
    fmt(style, e, expected, sizeof expected);
    report(run, it, problem, expected);
  }
}

static void check_headings(engine_run *run) {
  const doc *d = run->d;
  for (int i = 0; i < d->nhead; i++) {
    const doc_heading *h = &d->heads[i];
    if (h->mark == MARK_NONE)
      continue;
    seq_item it = {h->marker, h->number, 0, 0};
    int prev = -1;
    for (int j = i - 1; j >= 0 && prev < 0; j--)
      if (d->heads[j].level == h->level && d->heads[j].mark != MARK_NONE &&
          d->sections[j].parent == d->sections[i].parent)
        prev = j;
    if (prev >= 0) {
      it.prev = d->heads[prev].number;
    } else {
      for (int j = i - 1; j >= 0; j--)
        if (d->heads[j].level == h->level && d->heads[j].mark != MARK_NONE) {
          it.continued = d->heads[j].number == h->number - 1;
          break;
        }
    }
    check_item(run, &it, heading_marker, (int)h->mark);
  }
}

static void check_enumerations(engine_run *run) {
  const doc *d = run->d;
  for (int i = 0; i < d->nenum; i++) {
    const doc_enum *e = &d->enums[i];
    int sec = d->paras[e->para].section;
    seq_item it = {e->marker, e->number, 0, 0};
    for (int j = i - 1; j >= 0; j--) {
      const doc_enum *f = &d->enums[j];
      if (d->paras[f->para].section != sec)
        break;
      if (f->style == e->style) {
        it.prev = f->number;
        break;
      }
    }
    check_item(run, &it, enum_marker, (int)e->style);
  }
}

static void run_sequence(engine_run *run) {
  seq_target t = run->r->u.sequence.target;
  if (t == SEQ_HEADINGS || t == SEQ_ALL)
    check_headings(run);
  if (t == SEQ_ENUMERATIONS || t == SEQ_ALL)
    check_enumerations(run);
}

/* --- the kind ----------------------------------------------------------------
 *
 * sequence = check: headings | enumerations | all, [repeats, gaps, restarts]
 * `check` names the numbering checked, as other types name their variant;
 * `target` is its old spelling, still read (with a note). */

#define SEQ(f) RULE_FIELD(sequence, f)

static const key_word target_words[] = {{"headings", SEQ_HEADINGS},
                                        {"enumerations", SEQ_ENUMERATIONS},
                                        {"all", SEQ_ALL},
                                        {NULL, 0}};

static const key_spec sequence_keys[] = {
    {.name = "check",
     .kind = K_WORD,
     .off = SEQ(target),
     .words = target_words},
    {.name = "target",
     .kind = K_WORD,
     .off = SEQ(target),
     .words = target_words},
    {.name = "repeats", .kind = K_BOOL, .off = SEQ(repeats)},
    {.name = "gaps", .kind = K_BOOL, .off = SEQ(gaps)},
    {.name = "restarts", .kind = K_BOOL, .off = SEQ(restarts)},
    {.name = NULL}};

static int sequence_load(rules_loader *ld) {
  const ynode *check = rules_load_get(ld, "check");
  const ynode *target = rules_load_get_key(ld, "target");
  if (!check && !target)
    return rules_load_fail(ld, ld->m, "rule '%s' has no 'check'", ld->r->id);
  if (check && target)
    return rules_load_fail(ld, target,
                           "'target' is the old spelling of 'check': give "
                           "'check' only");
  if (target)
    rules_load_note(ld, target,
                    "'target' of a sequence rule is deprecated: write "
                    "check: headings | enumerations | all");
  return 0;
}

static void sequence_defaults(rule *r) {
  r->u.sequence.repeats = 1;
  r->u.sequence.gaps = 1;
}

static const char *const sequence_vars[] = {"marker", "problem", "expected",
                                            NULL};

const rule_kind rule_kind_sequence = {
    .name = "sequence",
    .type = RULE_SEQUENCE,
    .keys = sequence_keys,
    .vars = sequence_vars,
    .defaults = sequence_defaults,
    .load = sequence_load,
    .run = run_sequence,
};
