/* suppress: inline directives and waivers; see suppress.h for the syntax.
 * Directive lines are found on the decoded text before normalising, so
 * they never join a paragraph or trip a rule themselves. */
#include "suppress.h"

#include "alloc.h"
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_spaces(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

static int starts(const char *p, const char *end, const char *lit) {
  size_t n = strlen(lit);
  return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* opener = "<!--" | "//" | "#"     then "reportlint-" */
static const char *directive_start(const char *p, const char *end,
                                   int *html) {
  p = skip_spaces(p, end);
  *html = starts(p, end, "<!--");
  if (*html)
    p += 4;
  else if (starts(p, end, "//"))
    p += 2;
  else if (starts(p, end, "#"))
    p += 1;
  else
    return NULL;
  p = skip_spaces(p, end);
  return starts(p, end, "reportlint-") ? p : NULL;
}

/* date = yyyy-mm-dd → yyyymmdd, 0 if malformed */
static int parse_date(const char *s, size_t n) {
  int y, m, d;
  char buf[16];
  if (n != 10)
    return 0;
  memcpy(buf, s, n);
  buf[n] = '\0';
  if (sscanf(buf, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31)
    return 0;
  return y * 10000 + m * 100 + d;
}

/* The text after a keyword ("reason:" or "reason："), up to stop. */
static const char *find_key(const char *p, const char *end, const char *key,
                            size_t *klen) {
  char full[32];
  snprintf(full, sizeof full, "%s：", key);
  for (const char *q = p; q < end; q++) {
    if (starts(q, end, key) && q + strlen(key) < end && q[strlen(key)] == ':') {
      *klen = strlen(key) + 1;
      return q;
    }
    if (starts(q, end, full)) {
      *klen = strlen(full);
      return q;
    }
  }
  return NULL;
}

static void trim(const char **a, const char **b) {
  while (*a < *b && (**a == ' ' || **a == '\t'))
    (*a)++;
  while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t'))
    (*b)--;
}

/* ids = id { ("," | " ") id }      up to "reason:" */
static void parse_rules(directive *d, const char *p, const char *end) {
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
      p++;
    const char *q = p;
    while (q < end && *q != ' ' && *q != ',' && *q != '\t')
      q++;
    if (q > p) {
      d->rules = xrealloc(d->rules, (d->nrules + 1) * sizeof *d->rules);
      d->rules[d->nrules++] = xstrndup(p, (size_t)(q - p));
    }
    p = q;
  }
}

static void parse_body(directive *d, const char *p, const char *end) {
  size_t klen;
  const char *reason = find_key(p, end, "reason", &klen);
  const char *until = find_key(p, end, "until", &klen);
  const char *ids_end = reason ? reason : until ? until : end;
  parse_rules(d, p, ids_end);
  if (reason) {
    size_t rlen;
    find_key(reason, end, "reason", &rlen);
    const char *a = reason + rlen;
    const char *b = until && until > reason ? until : end;
    trim(&a, &b);
    if (b > a)
      d->reason = xstrndup(a, (size_t)(b - a));
  }
  if (until) {
    find_key(until, end, "until", &klen);
    const char *a = until + klen, *b = end;
    trim(&a, &b);
    d->until = parse_date(a, (size_t)(b - a));
    if (!d->until)
      snprintf(d->problem, sizeof d->problem, "日期格式应为2026-03-31");
  }
  if (d->kind != DIRECTIVE_ENABLE) {
    if (!d->nrules)
      snprintf(d->problem, sizeof d->problem, "没有指明规则编号");
    else if (!d->reason)
      snprintf(d->problem, sizeof d->problem, "缺少理由（reason: …）");
  }
}

static const struct {
  const char *word;
  directive_kind kind;
} keywords[] = {{"reportlint-disable-next-line", DIRECTIVE_NEXT_LINE},
                {"reportlint-disable-file", DIRECTIVE_FILE},
                {"reportlint-disable", DIRECTIVE_BLOCK},
                {"reportlint-enable", DIRECTIVE_ENABLE}};

/* Reads a directive line; returns 1 and fills d if it is one. */
static int read_directive(const char *line, const char *end, directive *d) {
  int html;
  const char *p = directive_start(line, end, &html);
  if (!p)
    return 0;
  for (size_t k = 0; k < sizeof keywords / sizeof *keywords; k++) {
    const char *w = keywords[k].word;
    size_t n = strlen(w);
    if (!starts(p, end, w) || (p + n < end && p[n] != ' ' && p[n] != '\t' &&
                               !starts(p + n, end, "-->")))
      continue;
    memset(d, 0, sizeof *d);
    d->kind = keywords[k].kind;
    d->col = (int)utf8_count(line, (size_t)(p - line)) + 1;
    const char *body_end = end;
    if (html) {
      const char *close = NULL;
      for (const char *q = p; q + 3 <= end; q++)
        if (memcmp(q, "-->", 3) == 0)
          close = q;
      body_end = close ? close : end;
    }
    parse_body(d, p + n, body_end);
    return 1;
  }
  return 0;
}

static int is_blank_line(const char *p, const char *end) {
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return 0;
  return 1;
}

/* next-line covers the next line with text; a block ends at the first
 * enable naming one of its rules, or naming none. */
static void resolve_ranges(directive_set *set, const char *text, size_t len) {
  for (size_t i = 0; i < set->n; i++) {
    directive *d = &set->v[i];
    d->from = d->line + 1;
    d->to = INT_MAX;
    if (d->kind == DIRECTIVE_FILE)
      d->from = 1;
  }
  /* Next-line directives: walk the lines once. */
  int line = 1;
  for (size_t s = 0; s <= len;) {
    const char *nl = memchr(text + s, '\n', len - s);
    size_t e = nl ? (size_t)(nl - text) : len;
    for (size_t j = 0; j < set->n; j++) {
      directive *d = &set->v[j];
      if (d->kind == DIRECTIVE_NEXT_LINE && d->to == INT_MAX &&
          line > d->line && !is_blank_line(text + s, text + e))
        d->from = d->to = line;
    }
    s = e + 1;
    line++;
    if (!nl)
      break;
  }
  for (size_t i = 0; i < set->n; i++) {
    directive *d = &set->v[i];
    if (d->kind == DIRECTIVE_NEXT_LINE && d->to == INT_MAX)
      d->to = d->from - 1; /* nothing follows: covers nothing */
    if (d->kind != DIRECTIVE_BLOCK)
      continue;
    for (size_t j = i + 1; j < set->n; j++) {
      directive *e = &set->v[j];
      int ends = e->kind == DIRECTIVE_ENABLE && e->nrules == 0;
      for (size_t a = 0; e->kind == DIRECTIVE_ENABLE && a < e->nrules; a++)
        for (size_t b = 0; b < d->nrules; b++)
          ends |= strcmp(e->rules[a], d->rules[b]) == 0;
      if (ends) {
        d->to = e->line - 1;
        break;
      }
    }
  }
}

void suppress_scan(char *text, size_t len, directive_set *set) {
  memset(set, 0, sizeof *set);
  int line = 1;
  for (size_t s = 0; s < len;) {
    char *nl = memchr(text + s, '\n', len - s);
    size_t e = nl ? (size_t)(nl - text) : len;
    directive d;
    if (read_directive(text + s, text + e, &d)) {
      d.line = line;
      *ARRAY_PUSH(set->v, set->n, set->cap) = d;
      memset(text + s, ' ', e - s); /* gone for the model, positions kept */
    }
    s = e + 1;
    line++;
  }
  resolve_ranges(set, text, len);
}

void suppress_release(directive_set *set) {
  for (size_t i = 0; i < set->n; i++) {
    for (size_t k = 0; k < set->v[i].nrules; k++)
      free(set->v[i].rules[k]);
    free(set->v[i].rules);
    free(set->v[i].reason);
  }
  free(set->v);
  memset(set, 0, sizeof *set);
}

static int known_rule(const rl_ruleset *rs, const char *pat) {
  for (int i = 0; rs && i < rs->nrules; i++)
    if (rules_id_matches(pat, rs->rules[i].id))
      return 1;
  return 0;
}

static void meta(finding_list *fl, const char *id, rl_severity sev,
                 const char *msg, int line, int col, const char *what) {
  finding *f = finding_add(fl, id, sev, msg, "", 0, 0);
  if (!f)
    return;
  f->line = f->end_line = line;
  f->col = col;
  f->end_col = col + (int)utf8_count(what, strlen(what));
  f->excerpt = f->matched = arena_strndup(&fl->arena, what, strlen(what));
}

static int covers(const directive *d, const finding *f) {
  if (d->problem[0] || d->kind == DIRECTIVE_ENABLE || f->line < d->from ||
      f->line > d->to)
    return 0;
  for (size_t k = 0; k < d->nrules; k++)
    if (rules_id_matches(d->rules[k], f->rule_id))
      return 1;
  return 0;
}

static void apply_directives(directive_set *set, int today,
                             finding_list *fl) {
  for (size_t i = 0; i < fl->n; i++) {
    finding *f = &fl->v[i];
    for (size_t j = 0; j < set->n && !f->suppressed; j++) {
      directive *d = &set->v[j];
      if (!covers(d, f) || (d->until && d->until < today))
        continue;
      f->suppressed = 1;
      f->suppression = d->reason;
      d->used = 1;
    }
  }
}

static void apply_waivers(waiver *w, size_t nw, int today, finding_list *fl) {
  for (size_t i = 0; i < fl->n; i++) {
    finding *f = &fl->v[i];
    for (size_t j = 0; j < nw && !f->suppressed; j++) {
      if (!rules_id_matches(w[j].rule, f->rule_id) ||
          (w[j].line && w[j].line != f->line) ||
          (w[j].until && w[j].until < today))
        continue;
      /* The waiver outlives nothing: copy its reason into the list. */
      f->suppressed = 1;
      f->suppression =
          arena_strndup(&fl->arena, w[j].reason, strlen(w[j].reason));
      w[j].used = 1;
    }
  }
}

static void fmt_date(int ymd, char *buf, size_t cap) {
  snprintf(buf, cap, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
           ymd % 100);
}

static void report_directive(const directive *d, const rl_ruleset *rs,
                             int today, finding_list *fl) {
  char msg[512], date[16];
  const char *word = d->kind == DIRECTIVE_NEXT_LINE ? "reportlint-disable-next-line"
                     : d->kind == DIRECTIVE_FILE    ? "reportlint-disable-file"
                     : d->kind == DIRECTIVE_BLOCK   ? "reportlint-disable"
                                                    : "reportlint-enable";
  if (d->problem[0]) {
    snprintf(msg, sizeof msg, "豁免指令无效：%s", d->problem);
    meta(fl, "suppression.invalid", RL_SEV_WARNING, msg, d->line, d->col,
         word);
    return;
  }
  for (size_t k = 0; k < d->nrules; k++) {
    if (known_rule(rs, d->rules[k]))
      continue;
    snprintf(msg, sizeof msg, "豁免指令中的规则“%s”不存在", d->rules[k]);
    meta(fl, "suppression.unknown-rule", RL_SEV_INFO, msg, d->line, d->col,
         word);
  }
  if (d->kind == DIRECTIVE_ENABLE)
    return;
  if (d->until && d->until < today) {
    fmt_date(d->until, date, sizeof date);
    snprintf(msg, sizeof msg, "豁免已于%s到期，相关问题重新报告", date);
    meta(fl, "suppression.expired", RL_SEV_INFO, msg, d->line, d->col, word);
  } else if (!d->used) {
    snprintf(msg, sizeof msg, "豁免指令没有对应的问题，可以删除");
    meta(fl, "suppression.unused", RL_SEV_INFO, msg, d->line, d->col, word);
  }
}

static void report_waiver(const waiver *w, const rl_ruleset *rs, int today,
                          finding_list *fl) {
  char msg[512], date[16];
  if (!known_rule(rs, w->rule)) {
    snprintf(msg, sizeof msg, "豁免（%s）中的规则“%s”不存在", w->source,
             w->rule);
    meta(fl, "suppression.unknown-rule", RL_SEV_INFO, msg, 1, 1, "");
  } else if (w->until && w->until < today) {
    fmt_date(w->until, date, sizeof date);
    snprintf(msg, sizeof msg, "豁免（%s）已于%s到期，相关问题重新报告",
             w->source, date);
    meta(fl, "suppression.expired", RL_SEV_INFO, msg, 1, 1, "");
  } else if (!w->used && w->sidecar) {
    snprintf(msg, sizeof msg, "豁免（%s）没有对应的问题，可以删除",
             w->source);
    meta(fl, "suppression.unused", RL_SEV_INFO, msg, 1, 1, "");
  }
}

void suppress_apply(directive_set *set, waiver *w, size_t nw,
                    const rl_ruleset *rs, int today, finding_list *fl) {
  apply_directives(set, today, fl);
  apply_waivers(w, nw, today, fl);
  for (size_t i = 0; i < set->n; i++)
    report_directive(&set->v[i], rs, today, fl);
  for (size_t i = 0; i < nw; i++)
    report_waiver(&w[i], rs, today, fl);
  finding_list_sort(fl);
}
