/* rule_pattern: `forbid` and `require` patterns within a scope.
 *
 * Every forbid match is a finding at the matched text, unless its
 * paragraph matches one of `unless`; a scope in which no require pattern
 * matches gets one finding at the scope's start. With `cut: reposted`,
 * what the normaliser cut out of the text (a reposting site's name and
 * address run into a sentence, which no pattern can see any more) is a
 * finding too, at its place in the source.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include <stdlib.h>
#include <string.h>

static int excused(engine_run *run, size_t at) {
  const regex_list *unless = &run->r->u.pattern.unless;
  int p = doc_para_at(run->d, at);
  if (p < 0 || unless->n == 0)
    return 0;
  const doc_para *para = &run->d->paras[p];
  for (int i = 0; i < unless->n; i++) {
    size_t ms, me;
    if (engine_find(run, unless->v[i], run->d->text, para->off + para->len,
                    para->off, &ms, &me))
      return 1;
  }
  return 0;
}

/* A forbid match waiting to be reported. */
typedef struct candidate {
  size_t ms, me, end; /* match, and the end of the span it was found in */
  int pattern;
} candidate;

typedef struct candidates {
  candidate *v;
  size_t n, cap;
} candidates;

static void collect(engine_run *run, int pattern, span s, candidates *c) {
  const regex *re = run->r->u.pattern.forbid.v[pattern];
  const char *text = run->d->text;
  size_t end = s.off + s.len, at = s.off, ms, me;
  while (at <= end && engine_find(run, re, text, end, at, &ms, &me)) {
    engine_hit(run);
    *ARRAY_PUSH(c->v, c->n, c->cap) = (candidate){ms, me, end, pattern};
    if (c->n > run->out->max)
      return;
    at = me > ms ? me : ms + 1;
    while (at < end && ((unsigned char)text[at] & 0xC0) == 0x80)
      at++;
  }
}

static int by_position(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->ms != y->ms)
    return x->ms < y->ms ? -1 : 1;
  if (x->me != y->me)
    return x->me > y->me ? -1 : 1; /* the longer match first */
  return x->pattern - y->pattern;
}

/* Forbid patterns of one rule may overlap ("××次" is both "××" and
 * "×次"; "20xx年" both "20xx年" and "xx"): overlapping matches are one
 * problem, reported once, at the earliest and longest match. */
static void report(engine_run *run, candidates *c, const engine_var *vars,
                   int nvars) {
  if (c->n > 1)
    qsort(c->v, c->n, sizeof *c->v, by_position);
  size_t kept_end = 0;
  int any = 0;
  for (size_t i = 0; i < c->n && !run->failed; i++) {
    const candidate *k = &c->v[i];
    if ((any && k->ms < kept_end) || excused(run, k->ms))
      continue;
    any = 1;
    kept_end = k->me;
    /* Match again at the same place to restore this pattern's groups. */
    const regex *re = run->r->u.pattern.forbid.v[k->pattern];
    size_t ms, me;
    if (engine_find(run, re, run->d->text, k->end, k->ms, &ms, &me))
      engine_emit(run, k->ms, k->me, vars, nvars, re);
  }
}

static int require_in(engine_run *run, span s) {
  const regex_list *req = &run->r->u.pattern.require;
  for (int i = 0; i < req->n; i++) {
    size_t ms, me;
    if (engine_find(run, req->v[i], run->d->text, s.off + s.len, s.off, &ms,
                    &me)) {
      engine_hit(run);
      return 1;
    }
  }
  return 0;
}

/* Where a failed requirement on an empty scope is reported: the title, or
 * the first paragraph. */
static span first_line(const doc *d) {
  if (d->title.len)
    return d->title;
  if (d->npara)
    return (span){d->paras[0].off, d->paras[0].len};
  return (span){0, 0};
}

/* A forbid item with a year range applies only to reports on those years;
 * one with an `ext` only to files with that extension. */
static int item_applies(const engine_run *run, const regex_list *l, int i) {
  if (!l->year_min)
    return 1;
  const char *ext = l->ext[i];
  if (ext && (!run->opts->ext || strcmp(ext, run->opts->ext) != 0))
    return 0;
  int y = run->d->year, lo = l->year_min[i], hi = l->year_max[i];
  if (!lo && !hi)
    return 1;
  return y && (!lo || y >= lo) && (!hi || y <= hi);
}

/* `also`: the first match anywhere in the document, or 0 if none. */
static int find_also(engine_run *run, span *other) {
  const regex_list *also = &run->r->u.pattern.also;
  for (int i = 0; i < also->n; i++) {
    size_t ms, me;
    if (engine_find(run, also->v[i], run->d->text, run->d->len, 0, &ms, &me)) {
      *other = (span){ms, me - ms};
      return 1;
    }
  }
  return 0;
}

static void run_pattern(engine_run *run) {
  const rule_pattern *rp = &run->r->u.pattern;
  int n;
  span *spans = engine_scope(run, &run->r->scope, &n);
  engine_var vars[1];
  int nvars = 0;
  if (rp->also.n) {
    span other;
    if (!find_also(run, &other))
      return;
    vars[0] = (engine_var){"other", arena_strndup(&run->d->arena,
                                                  run->d->text + other.off,
                                                  other.len)};
    nvars = 1;
  }
  candidates c = {0};
  for (int i = 0; i < rp->forbid.n && !run->failed; i++)
    for (int k = 0; k < n && item_applies(run, &rp->forbid, i); k++)
      collect(run, i, spans[k], &c);
  report(run, &c, vars, nvars);
  free(c.v);
  for (int i = 0; rp->cut == PATTERN_CUT_REPOSTED && i < run->d->ncut; i++) {
    engine_hit(run);
    engine_emit_cut(run, &run->d->cuts[i]);
  }
  if (rp->require.n == 0)
    return;
  /* A missing part is its section rule's finding, not this one's; a
   * missing title or signature fails the requirement. */
  if (n == 0 && run->r->scope.kind == SCOPE_SECTION)
    return;
  for (int k = 0; k < n; k++)
    if (require_in(run, spans[k]))
      return;
  span at = n ? spans[0] : first_line(run->d);
  const engine_part *part = run->r->scope.kind == SCOPE_SECTION
                                ? engine_part_of(run, run->r->scope.key)
                                : NULL;
  if (part && part->found == 1) /* a part lacking something: its heading */
    at = (span){part->off, part->end - part->off};
  const char *text = run->d->text;
  const char *nl = memchr(text + at.off, '\n', at.len);
  size_t end = nl ? (size_t)(nl - text) : at.off + at.len;
  engine_emit(run, at.off, end, NULL, 0, NULL);
}

/* --- the kind ----------------------------------------------------------------
 *
 * pattern = (forbid | require | cut)+, [unless, also]
 * cut     = reposted */

#define PAT(f) RULE_FIELD(pattern, f)

static const key_word cut_words[] = {{"reposted", PATTERN_CUT_REPOSTED},
                                     {NULL, 0}};

static const key_spec pattern_keys[] = {
    {.name = "forbid", .kind = K_FORBID, .off = PAT(forbid)},
    {.name = "require", .kind = K_PATTERNS, .off = PAT(require)},
    {.name = "unless", .kind = K_PATTERNS, .off = PAT(unless)},
    {.name = "also", .kind = K_PATTERNS, .off = PAT(also)},
    {.name = "cut", .kind = K_WORD, .off = PAT(cut), .words = cut_words},
    {.name = NULL}};

static int pattern_load(rules_loader *ld) {
  const rule *r = ld->r;
  if (!r->u.pattern.forbid.n && !r->u.pattern.require.n && !r->u.pattern.cut)
    return rules_load_fail(ld, ld->m,
                           "rule '%s' has no 'forbid', 'require' or 'cut'",
                           r->id);
  return 0;
}

static void pattern_release(rule *r) {
  regex_list_release(&r->u.pattern.forbid);
  regex_list_release(&r->u.pattern.require);
  regex_list_release(&r->u.pattern.unless);
  regex_list_release(&r->u.pattern.also);
}

// A forbid finding is reported with its match.
static const regex_list *pattern_captures(const rule *r) {
  return &r->u.pattern.forbid;
}

static const char *const pattern_vars[] = {"other", NULL};

// A cut-out text's finding says what was cut as {0}.
static int pattern_fills(const rule *r, const char *name) {
  return r->u.pattern.cut && strcmp(name, "0") == 0;
}

const rule_kind rule_kind_pattern = {
    .name = "pattern",
    .type = RULE_PATTERN,
    .keys = pattern_keys,
    .vars = pattern_vars,
    .captures = pattern_captures,
    .fills = pattern_fills,
    .load = pattern_load,
    .release = pattern_release,
    .run = run_pattern,
};
