/* rule_pattern: `forbid` and `require` patterns within a scope.
 *
 * Every forbid match is a finding at the matched text, unless its
 * paragraph matches one of `unless`; a scope in which no require pattern
 * matches gets one finding at the scope's start. */
#include "engine.h"

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

static void forbid_in(engine_run *run, const regex *re, span s,
                      const engine_var *vars, int nvars) {
  const char *text = run->d->text;
  size_t end = s.off + s.len, at = s.off, ms, me;
  while (at <= end && engine_find(run, re, text, end, at, &ms, &me)) {
    engine_hit(run);
    if (!excused(run, ms)) {
      /* Re-run the match: `unless` used the shared match data. */
      size_t ms2, me2;
      engine_find(run, re, text, end, ms, &ms2, &me2);
      engine_emit(run, ms, me, vars, nvars, re);
    }
    if (run->out->n >= run->out->max)
      return;
    at = me > ms ? me : ms + 1;
    while (at < end && ((unsigned char)text[at] & 0xC0) == 0x80)
      at++;
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

/* A forbid item with a year range applies only to reports on those years. */
static int item_applies(const engine_run *run, const regex_list *l, int i) {
  if (!l->year_min)
    return 1;
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

void rule_pattern_run(engine_run *run) {
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
  for (int i = 0; i < rp->forbid.n && !run->failed; i++)
    for (int k = 0; k < n && item_applies(run, &rp->forbid, i); k++)
      forbid_in(run, rp->forbid.v[i], spans[k], vars, nvars);
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
  const char *text = run->d->text;
  const char *nl = memchr(text + at.off, '\n', at.len);
  size_t end = nl ? (size_t)(nl - text) : at.off + at.len;
  engine_emit(run, at.off, end, NULL, 0, NULL);
}
