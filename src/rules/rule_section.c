/* rule_section: report parts (section), their order (section-order) and
 * their length (section-length).
 *
 * A part is found under a heading whose text matches one of `headings`;
 * failing that, a `topical` part is the run of top-level headings no other
 * part claimed; failing that, a `fallback` pattern in the body shows the
 * part is there without a heading of its own. Findings: missing part,
 * part without heading, parts out of order, part too short.
 *
 * The three kinds' descriptors at the end of the file (rule_kind.h) give
 * their keys, the message variables they fill, and load and release. */
#include "rule_kind.h"

#include "alloc.h"
#include "utf8.h"
#include "i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int heading_matches(engine_run *run, const regex_list *pats,
                           const doc_heading *h) {
  const doc_para *p = &run->d->paras[h->para];
  span t = h->mark == MARK_NONE ? (span){p->off, p->len} : h->text;
  for (int i = 0; i < pats->n; i++) {
    size_t ms, me;
    if (engine_match_span(run, pats->v[i], t, &ms, &me))
      return 1;
  }
  return 0;
}

static void claim(engine_run *run, int h, int found) {
  engine_part *part = &run->parts[run->rule_index];
  doc_section *s = &run->d->sections[h];
  part->found = found;
  part->section = h;
  part->off = s->off;
  part->end = s->end;
  if (!s->key)
    s->key = run->r->u.section.key;
  engine_hit(run);
}

/* Section rules run in two passes: find_part claims a heading; once every
 * section rule has, finish_part resolves topical parts, body fallbacks and
 * missing parts. */
static void find_part(engine_run *run) {
  const rule_section *rs = &run->r->u.section;
  const doc *d = run->d;
  for (int h = 0; h < d->nhead; h++) {
    if (d->heads[h].level > rs->max_level)
      continue;
    if (heading_matches(run, &rs->headings, &d->heads[h])) {
      claim(run, h, 1);
      return;
    }
  }
}

static int claimed(const engine_run *run, int h) {
  for (int i = 0; i < run->rs->nrules; i++)
    if (run->parts[i].found == 1 && run->parts[i].section == h)
      return 1;
  return 0;
}

/* A topical part: the first run of unclaimed top-level headings. */
static int find_topical(engine_run *run) {
  const doc *d = run->d;
  int first = -1, last = -1;
  for (int h = 0; h < d->nhead; h++) {
    if (d->sections[h].parent >= 0)
      continue;
    if (claimed(run, h)) {
      if (first >= 0)
        break;
      continue;
    }
    if (first < 0)
      first = h;
    last = h;
  }
  if (first < 0)
    return 0;
  claim(run, first, 1);
  run->parts[run->rule_index].end = d->sections[last].end;
  return 1;
}

static int find_fallback(engine_run *run) {
  const rule_section *rs = &run->r->u.section;
  const doc *d = run->d;
  for (int i = 0; i < rs->fallback.n; i++) {
    for (int p = d->body_first; p <= d->body_last; p++) {
      size_t ms, me, off = d->paras[p].off;
      if (d->paras[p].heading >= 0 ||
          !engine_find(run, rs->fallback.v[i], d->text,
                       off + d->paras[p].len, off, &ms, &me))
        continue;
      engine_part *part = &run->parts[run->rule_index];
      part->found = 2;
      part->off = off;
      part->end = off + d->paras[p].len;
      engine_hit(run);
      rl_severity sev = rs->has_fallback_severity
                            ? (rl_severity)rs->fallback_severity
                            : RL_SEV_WARNING;
      const char *tmpl =
          rs->fallback_message ? rs->fallback_message : run->r->message;
      engine_var vars[] = {{"key", rs->key}};
      engine_emit_as(run, sev, tmpl, ms, me, vars, 1, rs->fallback.v[i]);
      return 1;
    }
  }
  return 0;
}

/* A missing part is reported at the title (or the first line). */
static span report_anchor(const doc *d) {
  if (d->title.len)
    return d->title;
  if (d->npara > 0)
    return (span){d->paras[0].off, d->paras[0].len};
  return (span){0, 0};
}

static void finish_part(engine_run *run) {
  const rule_section *rs = &run->r->u.section;
  if (run->parts[run->rule_index].found)
    return;
  if (rs->topical && find_topical(run))
    return;
  if (find_fallback(run) || !rs->required)
    return;
  span a = report_anchor(run->d);
  size_t end = a.off;
  if (a.len)
    end = a.off + (size_t)(strchr(run->d->text + a.off, '\n') -
                           (run->d->text + a.off));
  engine_var vars[] = {{"key", rs->key}};
  engine_emit(run, a.off, end, vars, 1, NULL);
}

/* A heading as written: marker and text, without a run-in body. */
static span heading_span(const engine_run *run, const engine_part *p) {
  const doc_heading *h = &run->d->heads[p->section];
  const doc_para *para = &run->d->paras[h->para];
  return (span){para->off, h->text.off + h->text.len - para->off};
}

static const char *heading_of(engine_run *run, const engine_part *p) {
  if (p->section < 0)
    return "";
  span s = heading_span(run, p);
  return arena_strndup(&run->d->arena, run->d->text + s.off, s.len);
}

/* The value the current section-order or section-length rule gives the
 * part of section rule r: from its own list when it has one, else r's
 * `order` or `min_chars` (own); 0: none. */
static int part_value(const engine_run *run, const rule *r, int own) {
  const rule_parts *p = &run->r->u.parts;
  if (p->n == 0)
    return own;
  for (int i = 0; i < p->n; i++)
    if (strcmp(p->keys[i], r->u.section.key) == 0)
      return p->values[i];
  return 0;
}

static int rank_of(const engine_run *run, const rule *r) {
  return r->type == RULE_SECTION ? part_value(run, r, r->u.section.order) : 0;
}

/* Parts with a rank must appear in increasing order; each part that
 * stands before a part it should follow is reported at its heading. */
static void check_order(engine_run *run) {
  const rl_ruleset *rs = run->rs;
  for (int i = 0; i < rs->nrules; i++) {
    const engine_part *pi = &run->parts[i];
    const rule *ri = &rs->rules[i];
    int rank = rank_of(run, ri);
    if (!rank || pi->found != 1)
      continue;
    const engine_part *worst = NULL;
    const rule *wr = NULL;
    for (int j = 0; j < rs->nrules; j++) {
      const rule *rj = &rs->rules[j];
      const engine_part *pj = &run->parts[j];
      int rj_rank = rank_of(run, rj);
      if (!rj_rank || pj->found != 1 || rj_rank >= rank || pj->off < pi->off)
        continue;
      if (!worst || pj->off > worst->off)
        worst = pj, wr = rj;
    }
    if (!worst)
      continue;
    engine_hit(run);
    span s = heading_span(run, pi);
    engine_var vars[] = {{"key", ri->u.section.key},
                         {"heading", heading_of(run, pi)},
                         {"after_key", wr->u.section.key},
                         {"after", heading_of(run, worst)}};
    engine_emit(run, s.off, s.off + s.len, vars, 4, NULL);
  }
}

/* Length of a part's body in characters, not counting its heading (a
 * run-in body after "（一）标题。" counts), line breaks or spaces. */
static size_t body_chars(const doc *d, const engine_part *p) {
  size_t off = engine_body_start(d, p->section);
  size_t n = 0;
  for (size_t i = off; i < p->end;) {
    size_t k = utf8_step(d->text + i, p->end - i);
    if (d->text[i] != '\n' && d->text[i] != ' ')
      n++;
    i += k;
  }
  return n;
}

static void check_length(engine_run *run) {
  const rl_ruleset *rs = run->rs;
  for (int i = 0; i < rs->nrules; i++) {
    const rule *ri = &rs->rules[i];
    const engine_part *p = &run->parts[i];
    int least = ri->type == RULE_SECTION
                    ? part_value(run, ri, ri->u.section.min_chars)
                    : 0;
    if (!least || p->found != 1)
      continue;
    size_t n = body_chars(run->d, p);
    if (n >= (size_t)least)
      continue;
    engine_hit(run);
    char chars[32], min[32];
    snprintf(chars, sizeof chars, "%zu", n);
    snprintf(min, sizeof min, "%d", least);
    span s = heading_span(run, p);
    engine_var vars[] = {{"key", ri->u.section.key},
                         {"heading", heading_of(run, p)},
                         {"chars", chars},
                         {"min", min}};
    engine_emit(run, s.off, s.off + s.len, vars, 4, NULL);
  }
}

/* --- the kinds -------------------------------------------------------------
 *
 * section = key, headings, [name, fallback, required, max_level, topical,
 *           fallback_severity, fallback_message, order, min_chars]
 * section-order = [order: [key | [key, ...], ...]]
 * section-length = [min_chars: {key: count, ...}]
 * The order and the thresholds belong to the rules that check them; a
 * section rule's own `order` and `min_chars` are their old spelling, read
 * (with a note) when the checking rule gives none. */

#define SEC(f) RULE_FIELD(section, f)

static const key_spec section_keys[] = {
    {.name = "key", .kind = K_STR, .off = SEC(key), .required = 1},
    {.name = "name", .kind = K_STR, .off = SEC(name)},
    {.name = "headings",
     .kind = K_PATTERNS,
     .off = SEC(headings),
     .required = 1},
    {.name = "fallback", .kind = K_PATTERNS, .off = SEC(fallback)},
    {.name = "required", .kind = K_BOOL, .off = SEC(required)},
    {.name = "order", .kind = K_COUNT, .off = SEC(order)},
    {.name = "min_chars", .kind = K_COUNT, .off = SEC(min_chars)},
    {.name = "max_level", .kind = K_LEVEL, .off = SEC(max_level)},
    {.name = "fallback_severity",
     .kind = K_WORD,
     .off = SEC(fallback_severity),
     .words = rules_severity_words,
     .has = 1,
     .has_off = SEC(has_fallback_severity)},
    {.name = "fallback_message", .kind = K_STR, .off = SEC(fallback_message)},
    {.name = "topical", .kind = K_BOOL, .off = SEC(topical)},
    {.name = NULL}};

static void section_defaults(rule *r) {
  r->u.section.required = 1;
  r->u.section.max_level = 2;
}

static void section_release(rule *r) {
  rule_section *s = &r->u.section;
  free(s->key);
  free(s->name);
  regex_list_release(&s->headings);
  regex_list_release(&s->fallback);
  free(s->fallback_message);
}

// The old spelling still loads; lint-rules names it.
static int section_load(rules_loader *ld) {
  static const char *const moved[][2] = {
      {"order", "list the part's key in the section-order rule's 'order'"},
      {"min_chars", "give it in the section-length rule's 'min_chars: "
                    "{key: count}'"}};
  for (size_t i = 0; i < sizeof moved / sizeof *moved; i++) {
    const ynode *k = rules_load_get_key(ld, moved[i][0]);
    if (k)
      rules_load_note(ld, k, "'%s' of a section rule is deprecated: %s",
                      moved[i][0], moved[i][1]);
  }
  return 0;
}

// A part found by a fallback pattern is reported with that match.
static const regex_list *section_captures(const rule *r) {
  return &r->u.section.fallback;
}

static const char *const section_vars[] = {"key", NULL};
static const char *const section_templates[] = {"fallback_message", NULL};
static const char *const order_vars[] = {"key", "heading", "after_key", "after",
                                         NULL};
static const char *const length_vars[] = {"key", "heading", "chars", "min",
                                          NULL};

const rule_kind rule_kind_section = {
    .name = "section",
    .type = RULE_SECTION,
    .keys = section_keys,
    .vars = section_vars,
    .templates = section_templates,
    .captures = section_captures,
    .defaults = section_defaults,
    .load = section_load,
    .release = section_release,
    .find_parts = find_part,
    .finish = finish_part,
};

/* The section rule (read before this one) whose key is v's, or NULL with
 * the diagnostic filled. */
static const rule *find_section(rules_loader *ld, const ynode *v,
                                const char *name) {
  const rl_ruleset *rs = ld->rs;
  for (int i = 0; rules_load_is_string(v) && i < rs->nrules; i++)
    if (rs->rules[i].type == RULE_SECTION &&
        strcmp(rs->rules[i].u.section.key, v->str) == 0)
      return &rs->rules[i];
  rules_load_fail(ld, v,
                  "rule '%s': '%s' names parts by the key of a section rule "
                  "defined before it; no section rule has the key '%s'",
                  ld->r->id, name, rules_load_is_string(v) ? v->str : "?");
  return NULL;
}

static int add_part(rules_loader *ld, const ynode *v, const char *name,
                    int value, int cap) {
  rule_parts *p = &ld->r->u.parts;
  if (!find_section(ld, v, name))
    return -1;
  for (int i = 0; i < p->n; i++)
    if (strcmp(p->keys[i], v->str) == 0)
      return rules_load_fail(ld, v, "'%s' names the part '%s' twice", name,
                             v->str);
  if (!p->keys) {
    p->keys = xcalloc((size_t)cap, sizeof *p->keys);
    p->values = xcalloc((size_t)cap, sizeof *p->values);
  }
  p->keys[p->n] = xstrdup(v->str);
  p->values[p->n++] = value;
  return 0;
}

// The parts of `order`, counting those of inner lists.
static int count_parts(const ynode *v) {
  int n = 0;
  for (size_t i = 0; i < v->n; i++)
    n += v->vals[i]->kind == YNODE_SEQ ? (int)v->vals[i]->n : 1;
  return n;
}

/* order = [key | [key, ...], ...]      e.g. [overview, active, requests]
 * Parts in an inner list share their rank: either may come first. */
static int read_order(rules_loader *ld, const ynode *v) {
  if (v->kind != YNODE_SEQ || v->n == 0)
    return rules_load_fail(ld, v,
                           "'order' must be a non-empty list of "
                           "section keys");
  int cap = count_parts(v);
  for (size_t i = 0; i < v->n; i++) {
    const ynode *item = v->vals[i];
    size_t n = item->kind == YNODE_SEQ ? item->n : 1;
    if (n == 0)
      return rules_load_fail(ld, item, "'order' must not hold an empty list");
    for (size_t k = 0; k < n; k++)
      if (add_part(ld, rules_load_item(item, k), "order", (int)i + 1, cap) < 0)
        return -1;
  }
  return 0;
}

// min_chars = {key: count, ...}        e.g. {measures: 200, plans: 80}
static int read_min_chars(rules_loader *ld, const ynode *v) {
  if (v->kind != YNODE_MAP || v->n == 0)
    return rules_load_fail(ld, v,
                           "'min_chars' must be a mapping of section "
                           "keys to counts");
  for (size_t i = 0; i < v->n; i++) {
    int least;
    if (rules_load_int(ld, v->vals[i], "min_chars", 1, INT_MAX,
                       N_("a positive integer"), &least) < 0 ||
        add_part(ld, v->keys[i], "min_chars", least, (int)v->n) < 0)
      return -1;
  }
  return 0;
}

static const key_spec order_keys[] = {
    {.name = "order", .kind = K_READ, .read = read_order}, {.name = NULL}};

static const key_spec length_keys[] = {
    {.name = "min_chars", .kind = K_READ, .read = read_min_chars},
    {.name = NULL}};

static void parts_release(rule *r) {
  rules_texts_free(r->u.parts.keys, r->u.parts.n);
  free(r->u.parts.values);
}

const rule_kind rule_kind_section_order = {
    .name = "section-order",
    .type = RULE_SECTION_ORDER,
    .keys = order_keys,
    .vars = order_vars,
    .release = parts_release,
    .run = check_order,
};

const rule_kind rule_kind_section_length = {
    .name = "section-length",
    .type = RULE_SECTION_LENGTH,
    .keys = length_keys,
    .vars = length_vars,
    .release = parts_release,
    .run = check_length,
};
