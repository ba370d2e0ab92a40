/* engine: dispatch of rules over one document, message templates and
 * scopes shared by the rule types.
 *
 * Consumes a doc, a rule set and per-run switches; produces findings. Rule
 * types are in rule_*.c; this file knows them only through their
 * descriptors (rule_kind.h). */
#include "engine.h"

#include "rule_kind.h"
#include "strbuf.h"
#include "utf8.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

static int rule_applies(const engine_run *run, int i) {
  const rule *r = &run->rs->rules[i];
  int on = run->opts->enabled ? run->opts->enabled[i] : r->enabled;
  if (!on && !run->opts->all_rules)
    return 0;
  int y = run->d->year;
  if ((r->year_min && (!y || y < r->year_min)) ||
      (r->year_max && (!y || y > r->year_max)))
    return 0;
  return 1;
}

/* A rule that fails at run time (a pattern hit the match limit on too
 * many lines, or spent its time budget on this report) stops; the others
 * still run, and the first failure is the one reported. */
static void run_fn(engine_run *run, rule_fn fn) {
  run->failed = 0;
  run->ntoo_long = 0;
  regex_ctx_set_budget(run->rx, ENGINE_RULE_BUDGET);
  fn(run);
  regex_ctx_set_budget(run->rx, 0);
  run->any_failed |= run->failed;
}

static void run_rule(engine_run *run, int i) {
  run->r = &run->rs->rules[i];
  run->rule_index = i;
  run_fn(run, rule_kind_of(run->r->type)->run);
}

/* Runs fn for rule i; a section rule that does not apply still runs, with
 * its findings discarded, so that scopes and order rules see its part. */
static void run_section_pass(engine_run *run, int i, rule_fn fn) {
  run->r = &run->rs->rules[i];
  run->rule_index = i;
  if (rule_applies(run, i)) {
    run_fn(run, fn);
    return;
  }
  finding_list quiet, *real = run->out;
  finding_list_init(&quiet, 1);
  run->out = &quiet;
  run_fn(run, fn);
  finding_list_release(&quiet);
  run->out = real;
}

/* Whether rule i's kind finds report parts (run before every other rule,
 * in two passes). */
static int finds_parts(const rl_ruleset *rs, int i) {
  return rule_kind_of(rs->rules[i].type)->find_parts != NULL;
}

int engine_check(doc *d, const rl_ruleset *rs, const engine_opts *opts,
                 regex_ctx *rx, unsigned long *hits, finding_list *out,
                 engine_part **parts, rl_diag *diag) {
  engine_run run = {.d = d, .rs = rs, .opts = opts, .rx = rx, .out = out,
                    .hits = hits, .diag = diag};
  run.parts = arena_alloc(&d->arena, (size_t)(rs->nrules + 1) *
                                         sizeof *run.parts);
  for (int i = 0; i < rs->nrules; i++) {
    run.parts[i].section = -1;
    if (finds_parts(rs, i))
      run.parts[i].rule = &rs->rules[i];
  }
  for (int i = 0; i < rs->nrules; i++)
    if (finds_parts(rs, i))
      run_section_pass(&run, i, rule_kind_of(rs->rules[i].type)->find_parts);
  for (int i = 0; i < rs->nrules; i++)
    if (finds_parts(rs, i))
      run_section_pass(&run, i, rule_kind_of(rs->rules[i].type)->finish);
  for (int i = 0; i < rs->nrules; i++)
    if (!finds_parts(rs, i) && rule_applies(&run, i))
      run_rule(&run, i);
  if (parts)
    *parts = run.parts;
  return run.any_failed ? -1 : 0;
}

void engine_hit(engine_run *run) {
  if (run->hits)
    run->hits[run->rule_index]++;
}

const engine_part *engine_part_of(const engine_run *run, const char *key) {
  for (int i = 0; i < run->rs->nrules; i++) {
    const rule *r = &run->rs->rules[i];
    if (r->type == RULE_SECTION && strcmp(r->u.section.key, key) == 0)
      return &run->parts[i];
  }
  return NULL;
}

const engine_part *engine_prev_part(const engine_run *run, const char *key) {
  const engine_opts *o = run->opts;
  for (int i = 0; o->prev_parts && i < o->prev_rs->nrules; i++) {
    const rule *r = &o->prev_rs->rules[i];
    if (r->type == RULE_SECTION && strcmp(r->u.section.key, key) == 0)
      return &o->prev_parts[i];
  }
  return NULL;
}

void engine_emit_cut(engine_run *run, const doc_cut *c) {
  finding_list *fl = run->out;
  size_t n = fl->n;
  engine_var vars[] = {{"0", c->text}};
  engine_emit(run, c->off, c->off, vars, 1, NULL);
  if (fl->n > n)
    finding_place_source(fl, &fl->v[fl->n - 1], c->src, c->src_end, c->text);
}

void engine_relate(engine_run *run, size_t off) {
  finding_list *fl = run->out;
  if (fl->n && strcmp(fl->v[fl->n - 1].rule_id, run->r->id) == 0) {
    fl->v[fl->n - 1].has_rel = 1;
    fl->v[fl->n - 1].rel_off = off;
  }
}

/* The rule fails: said once, the first failure of the run. */
static int rule_failed(engine_run *run, const regex *re, const char *why) {
  if (!run->any_failed && !run->failed)
    diag_set(run->diag, DIAG_RULES, run->r->file, run->r->line, 0,
             "rule '%s': pattern '%s' failed: %s", run->r->id,
             regex_source(re), why);
  run->failed = 1;
  return 0;
}

/* The text's line [off, end) could not be checked by the current rule: a
 * finding there, and the line skipped by the rule's later searches. */
static void too_long(engine_run *run, size_t off, size_t end) {
  char msg[512];
  snprintf(msg, sizeof msg,
           "此段过长或过于复杂，规则 %s 未能检查完（超出匹配步数上限），"
           "请拆分段落或人工核对",
           run->r->id);
  finding_add(run->out, FINDING_TOO_LONG, RL_SEV_ERROR, msg, run->d->text,
              off, end);
  run->too_long[run->ntoo_long++] = (span){off, end - off};
}

/* The first line already found too long in text offsets [from, to), or
 * NULL. */
static const span *next_too_long(const engine_run *run, size_t from,
                                 size_t to) {
  const span *best = NULL;
  for (int i = 0; i < run->ntoo_long; i++) {
    const span *t = &run->too_long[i];
    if (t->off + t->len >= from && t->off < to && (!best || t->off < best->off))
      best = t;
  }
  return best;
}

/* After a limit hit searching s[start, len): searches line by line for a
 * match before the line that runs out of the limit (returns 1 with it),
 * else reports that line too long (returns 0; the caller searches on past
 * it) or, when no single line is at fault or there are too many, fails
 * the rule (returns -1). */
static int find_by_line(engine_run *run, const regex *re, const char *s,
                        size_t len, size_t start, size_t *ms, size_t *me) {
  size_t base = (size_t)(s - run->d->text);
  for (size_t ls = start; ls < len;) {
    const char *nl = memchr(s + ls, '\n', len - ls);
    size_t le = nl ? (size_t)(nl - s) : len;
    int rc = regex_find(run->rx, re, s, le, ls, ms, me);
    if (rc == 1)
      return 1;
    if (rc < 0 && !regex_ctx_limit_hit(run->rx))
      return -1;
    if (rc < 0) {
      if (run->ntoo_long == ENGINE_MAX_TOO_LONG)
        return -1;
      too_long(run, base + ls, base + le);
      return 0;
    }
    ls = le + 1;
  }
  return -1;
}

/* Whether s is the document's text (rules also match labels and cells,
 * which are views into it). */
static int in_text(const engine_run *run, const char *s, size_t len) {
  return s >= run->d->text && s + len <= run->d->text + run->d->len;
}

int engine_find(engine_run *run, const regex *re, const char *s, size_t len,
                size_t start, size_t *ms, size_t *me) {
  int text = in_text(run, s, len);
  size_t base = text ? (size_t)(s - run->d->text) : 0;
  while (start <= len) {
    const span *skip = text ? next_too_long(run, base + start, base + len)
                            : NULL;
    size_t stop = skip && skip->off > base + start ? skip->off - base : len;
    int rc = skip && skip->off <= base + start
                 ? 0
                 : regex_find(run->rx, re, s, stop, start, ms, me);
    if (rc == 1)
      return 1;
    if (rc < 0 && (!text || !regex_ctx_limit_hit(run->rx)))
      return rule_failed(run, re, regex_ctx_error(run->rx));
    if (rc < 0) {
      char why[320];
      snprintf(why, sizeof why, "%s", regex_ctx_error(run->rx));
      int full = run->ntoo_long == ENGINE_MAX_TOO_LONG;
      rc = find_by_line(run, re, s, stop, start, ms, me);
      if (rc == 1)
        return 1;
      if (rc < 0 && full)
        snprintf(why, sizeof why,
                 _("match limit exceeded on more than %d lines of the "
                   "report"),
                 ENGINE_MAX_TOO_LONG);
      if (rc < 0)
        return rule_failed(run, re, why);
      continue; /* the line found too long is skipped now */
    }
    if (!skip)
      return 0;
    start = skip->off + skip->len + 1 - base; /* past the line and its LF */
  }
  return 0;
}

int engine_match_span(engine_run *run, const regex *re, span s, size_t *ms,
                      size_t *me) {
  if (!engine_find(run, re, run->d->text + s.off, s.len, 0, ms, me))
    return 0;
  *ms += s.off;
  *me += s.off;
  return 1;
}

/* {name} → a variable, else a named group, else a group number of the
 * last match; an unknown name stays as written so authors see it. */
/* A value in a message: cut after ENGINE_VAR_MAX_CHARS characters with
 * "…", so that a number of 100,000 digits still leaves a message (the
 * whole would pass the message's cap and leave nothing). */
enum { ENGINE_VAR_MAX_CHARS = 1000 };

static void put_value(strbuf *sb, const char *s, size_t len) {
  size_t i = 0;
  for (int n = 0; i < len && n < ENGINE_VAR_MAX_CHARS; n++)
    i += utf8_step(s + i, len - i);
  strbuf_put(sb, s, i);
  if (i < len)
    strbuf_puts(sb, "…");
}

static void expand_var(strbuf *sb, const char *name, size_t nlen,
                       const engine_run *run, const engine_var *vars,
                       int nvars, const regex *re) {
  for (int i = 0; i < nvars; i++) {
    if (strlen(vars[i].name) == nlen &&
        memcmp(vars[i].name, name, nlen) == 0) {
      put_value(sb, vars[i].value, strlen(vars[i].value));
      return;
    }
  }
  if (re) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*s", (int)(nlen < 63 ? nlen : 63), name);
    int g = regex_group_number(re, buf);
    if (g < 0 && nlen > 0 && nlen <= 2 && buf[0] >= '0' && buf[0] <= '9')
      g = nlen == 1 ? buf[0] - '0' : (buf[0] - '0') * 10 + (buf[1] - '0');
    size_t gs, ge;
    if (g >= 0 && regex_group(run->rx, g, &gs, &ge)) {
      put_value(sb, run->d->text + gs, ge - gs);
      return;
    }
  }
  strbuf_putc(sb, '{');
  strbuf_put(sb, name, nlen);
  strbuf_putc(sb, '}');
}

void engine_emit_as(engine_run *run, rl_severity sev, const char *tmpl,
                    size_t off, size_t end, const engine_var *vars, int nvars,
                    const regex *re) {
  strbuf sb;
  strbuf_init(&sb, 64 * 1024);
  for (const char *p = tmpl; *p;) {
    const char *close = p[0] == '{' ? strchr(p + 1, '}') : NULL;
    if (close && close - p <= 64) {
      expand_var(&sb, p + 1, (size_t)(close - p - 1), run, vars, nvars, re);
      p = close + 1;
    } else {
      strbuf_putc(&sb, *p++);
    }
  }
  finding_add(run->out, run->r->id, sev, sb.p ? sb.p : "", run->d->text, off,
              end);
  strbuf_release(&sb);
}

void engine_emit(engine_run *run, size_t off, size_t end,
                 const engine_var *vars, int nvars, const regex *re) {
  const signed char *over = run->opts->severity;
  rl_severity sev = over && over[run->rule_index] >= 0
                        ? (rl_severity)over[run->rule_index]
                        : run->r->severity;
  engine_emit_as(run, sev, run->r->message, off, end, vars, nvars, re);
}

size_t engine_body_start(const doc *d, int sec) {
  const doc_heading *h = &d->heads[sec];
  size_t off = h->text.off + h->text.len;
  const doc_para *p = &d->paras[h->para];
  size_t end = p->off + p->len;
  if (off < end && (unsigned char)d->text[off] >= 0x80)
    off += 3; /* the 。 or ： that ends a run-in heading */
  else if (off >= end && end < d->len)
    off = end + 1; /* the next paragraph */
  return off > d->sections[sec].end ? d->sections[sec].end : off;
}

static span para_span(const doc *d, int i) {
  return (span){d->paras[i].off, d->paras[i].len};
}

static span *body_paragraphs(const doc *d, int headings, int *n) {
  span *v = arena_alloc((arena *)&d->arena,
                        (size_t)(d->npara + 1) * sizeof *v);
  *n = 0;
  for (int i = d->body_first; i <= d->body_last && i < d->npara; i++)
    if ((d->paras[i].heading >= 0) == headings)
      v[(*n)++] = para_span(d, i);
  return v;
}

span *engine_scope(engine_run *run, const rule_scope *scope, int *n) {
  doc *d = run->d;
  span *v = arena_alloc(&d->arena, 2 * sizeof *v);
  *n = 0;
  switch (scope->kind) {
  case SCOPE_DOCUMENT:
    v[(*n)++] = (span){0, d->len};
    return v;
  case SCOPE_TITLE:
    if (d->title.len)
      v[(*n)++] = d->title;
    return v;
  case SCOPE_HEADINGS:
    return body_paragraphs(d, 1, n);
  case SCOPE_PARAGRAPHS:
    return body_paragraphs(d, 0, n);
  case SCOPE_SIGNATURE:
    if (d->body_last + 1 < d->npara) {
      size_t off = d->paras[d->body_last + 1].off;
      v[(*n)++] = (span){off, d->len - off};
    }
    return v;
  case SCOPE_SECTION: {
    /* A part found by its heading is scoped to its body, so that the
     * heading's own words ("不足和原因") do not satisfy a requirement. */
    const engine_part *p = engine_part_of(run, scope->key);
    size_t off = p && p->found == 1 ? engine_body_start(d, p->section)
                                    : p ? p->off : 0;
    if (p && p->found)
      v[(*n)++] = (span){off, p->end - off};
    return v;
  }
  }
  return v;
}
