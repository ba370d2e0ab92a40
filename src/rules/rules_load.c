/* rules_load: YAML rule files → an rl_ruleset.
 *
 * Consumes the yamltree of each *.yaml / *.yml file in a directory;
 * produces rule structs with their patterns compiled. This file reads what
 * every rule has (id, type, severity, message, scope, when, examples), the
 * rule set header and the key metrics; a rule's own keys are read through
 * its kind's key table and load function (rule_kind.h, one rule_*.c per
 * type). Every key is checked against the keys its rule type allows, every
 * value against its type, every {variable} of a message against those its
 * type fills, and each complaint carries the file, line and column of the
 * node at fault. The format is also described by
 * schemas/rules.schema.json, which a unit test (test_rule_kind.c) holds
 * against the key tables. */
#include "rules_load.h"

#include "alloc.h"
#include "i18n.h"
#include "rule_kind.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// --- names -----------------------------------------------------------------

const key_word rules_severity_words[] = {{"error", RL_SEV_ERROR},
                                         {"warning", RL_SEV_WARNING},
                                         {"info", RL_SEV_INFO},
                                         {NULL, 0}};

static const key_word scope_words[] = {
    {"document", SCOPE_DOCUMENT},   {"title", SCOPE_TITLE},
    {"headings", SCOPE_HEADINGS},   {"paragraphs", SCOPE_PARAGRAPHS},
    {"signature", SCOPE_SIGNATURE}, {NULL, 0}};

// Enum fields are written through int *, which needs enums of int size.
_Static_assert(sizeof(rl_severity) == sizeof(int), "enum size");
_Static_assert(sizeof(rule_type) == sizeof(int), "enum size");

static const char *find_word_name(const key_word *w, int v) {
  for (; w->s; w++)
    if (w->v == v)
      return w->s;
  return "?";
}

static int find_word_value(const key_word *w, const char *s, int *out) {
  for (; w->s; w++)
    if (strcmp(w->s, s) == 0) {
      *out = w->v;
      return 0;
    }
  return -1;
}

// "a, b, c" into buf.
static void join_words(const key_word *w, char *buf, size_t cap) {
  buf[0] = '\0';
  for (size_t i = 0; w[i].s; i++) {
    size_t used = strlen(buf);
    snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", w[i].s);
  }
}

int rules_parse_severity(const char *s, rl_severity *out) {
  int v;
  if (find_word_value(rules_severity_words, s, &v) < 0)
    return -1;
  *out = (rl_severity)v;
  return 0;
}

const char *rules_severity_name(rl_severity s) {
  return find_word_name(rules_severity_words, (int)s);
}

const char *rules_type_name(rule_type t) {
  const rule_kind *k = rule_kind_of(t);
  return k ? k->name : "?";
}

// --- plain scalars ---------------------------------------------------------

int rules_load_is_string(const ynode *n) {
  return n->kind == YNODE_SCALAR && yamltree_classify(n) == SC_STRING;
}

// --- the loader --------------------------------------------------------------

int rules_load_fail(rules_loader *ld, const ynode *n, const char *fmt, ...) {
  char msg[sizeof ld->diag->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, _(fmt), ap);
  va_end(ap);
  return diag_set(ld->diag, DIAG_RULES, ld->path, n->line, n->col, "%s", msg);
}

void rules_load_note(rules_loader *ld, const ynode *n, const char *fmt, ...) {
  rl_ruleset *rs = ld->rs;
  rl_diag *d = ARRAY_PUSH(rs->notes, rs->nnotes, rs->capnotes);
  char msg[sizeof d->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, _(fmt), ap);
  va_end(ap);
  diag_set(d, DIAG_RULES, ld->path, n->line, n->col, "%s", msg);
}

const ynode *rules_load_get(const rules_loader *ld, const char *key) {
  return yamltree_get(ld->m, key);
}

const ynode *rules_load_get_key(const rules_loader *ld, const char *key) {
  for (size_t i = 0; i < ld->m->n; i++)
    if (strcmp(ld->m->keys[i]->str, key) == 0)
      return ld->m->keys[i];
  return NULL;
}

int rules_load_string(rules_loader *ld, const ynode *v, const char *name,
                      int nonempty, char **out) {
  if (!rules_load_is_string(v))
    return rules_load_fail(ld, v, "'%s' must be a string", name);
  if (nonempty && v->len == 0)
    return rules_load_fail(ld, v, "'%s' must not be empty", name);
  free(*out);
  *out = xstrdup(v->str);
  return 0;
}

int rules_load_bool(rules_loader *ld, const ynode *v, const char *name,
                    int *out) {
  scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_STRING;
  if (c != SC_TRUE && c != SC_FALSE)
    return rules_load_fail(ld, v, "'%s' must be true or false", name);
  *out = c == SC_TRUE;
  return 0;
}

// A plain decimal integer in [lo, hi]; what says what else is accepted.
int rules_load_int(rules_loader *ld, const ynode *v, const char *name, long lo,
                   long hi, const char *what, int *out) {
  if (v->kind != YNODE_SCALAR || yamltree_classify(v) != SC_INT)
    return rules_load_fail(ld, v, "'%s' must be %s", name, _(what));
  errno = 0;
  long x = strtol(v->str, NULL, 10);
  if (errno || x < lo || x > hi)
    return rules_load_fail(ld, v, "'%s' must be %s", name, _(what));
  *out = (int)x;
  return 0;
}

int rules_load_number(rules_loader *ld, const ynode *v, const char *name,
                      double *out) {
  scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_STRING;
  if (c != SC_INT && c != SC_FLOAT)
    return rules_load_fail(ld, v, "'%s' must be a number", name);
  *out = strtod(v->str, NULL);
  return 0;
}

int rules_load_word(rules_loader *ld, const ynode *v, const char *name,
                    const key_word *words, int *out) {
  if (!rules_load_is_string(v) || find_word_value(words, v->str, out) < 0) {
    char list[200];
    join_words(words, list, sizeof list);
    return rules_load_fail(ld, v, "'%s' must be one of %s", name, list);
  }
  return 0;
}

// Compiles the pattern in scalar v. Returns NULL with diag filled.
static regex *compile_at(rules_loader *ld, const ynode *v, const char *name) {
  char err[256];
  size_t off = 0;
  regex *re = regex_compile(v->str, v->len, err, sizeof err, &off);
  if (re)
    return re;
  if (ld->r)
    rules_load_fail(ld, v, "rule '%s': bad pattern in '%s': %s at offset %zu",
                    ld->r->id, name, err, off);
  else
    rules_load_fail(ld, v, "bad pattern in '%s': %s at offset %zu", name, err,
                    off);
  return NULL;
}

int rules_load_pattern(rules_loader *ld, const ynode *v, const char *name,
                       regex **out) {
  if (!rules_load_is_string(v))
    return rules_load_fail(ld, v, "'%s' must be a string", name);
  if (v->len == 0)
    return rules_load_fail(ld, v, "'%s' must not be empty", name);
  regex *re = compile_at(ld, v, name);
  if (!re)
    return -1;
  regex_free(*out);
  *out = re;
  return 0;
}

// string | [string, ...] (non-empty). Calls add_one for each item.
static int check_string_list(rules_loader *ld, const ynode *v,
                             const char *name) {
  if (rules_load_is_string(v))
    return 0;
  if (v->kind != YNODE_SEQ)
    return rules_load_fail(ld, v, "'%s' must be a string or a list of strings",
                           name);
  if (v->n == 0)
    return rules_load_fail(ld, v, "'%s' must not be an empty list", name);
  for (size_t i = 0; i < v->n; i++)
    if (!rules_load_is_string(v->vals[i]))
      return rules_load_fail(
          ld, v->vals[i], "'%s' must be a string or a list of strings", name);
  return 0;
}

// The items of a string-or-list node: the node itself or its elements.
static size_t count_items(const ynode *v) {
  return v->kind == YNODE_SEQ ? v->n : 1;
}

const ynode *rules_load_item(const ynode *v, size_t i) {
  return v->kind == YNODE_SEQ ? v->vals[i] : v;
}

int rules_load_patterns(rules_loader *ld, const ynode *v, const char *name,
                        regex_list *out) {
  if (check_string_list(ld, v, name) < 0)
    return -1;
  size_t n = count_items(v);
  out->v = xcalloc(n, sizeof *out->v);
  for (size_t i = 0; i < n; i++) {
    const ynode *item = rules_load_item(v, i);
    if (item->len == 0)
      return rules_load_fail(ld, item, "'%s' must not contain an empty pattern",
                             name);
    out->v[i] = compile_at(ld, item, name);
    if (!out->v[i])
      return -1;
    out->n++;
  }
  return 0;
}

// The key node of value v in mapping m (notes point at the key).
static const ynode *key_node(const ynode *m, const ynode *v) {
  for (size_t i = 0; i < m->n; i++)
    if (m->vals[i] == v)
      return m->keys[i];
  return v;
}

static const char *const item_keys[] = {"pattern", "when", "ext",
                                        "year_min", "year_max", NULL};

/* An item's years: when: {year_min, year_max}, or (deprecated) year_min
 * and year_max beside the pattern, as items were first written. */
static int read_item_years(rules_loader *ld, const ynode *item, int *lo,
                           int *hi) {
  const ynode *when = yamltree_get(item, "when");
  const ynode *old_lo = yamltree_get(item, "year_min");
  const ynode *old_hi = yamltree_get(item, "year_max");
  const ynode *old = old_lo ? old_lo : old_hi;
  if (when && old)
    return rules_load_fail(ld, old,
                           "an item has 'when' or 'year_min'/'year_max', "
                           "not both");
  if (old)
    rules_load_note(ld, key_node(item, old),
                    "'%s' beside 'pattern' is deprecated: write "
                    "when: {year_min: ..., year_max: ...}",
                    old == old_lo ? "year_min" : "year_max");
  const ynode *src = when ? when : item;
  static const char *const when_keys[] = {"year_min", "year_max", NULL};
  if (when && rules_load_map_keys(ld, when, "when", when_keys) < 0)
    return -1;
  const ynode *y;
  if ((y = yamltree_get(src, "year_min")) &&
      rules_load_int(ld, y, "year_min", 0, 9999, N_("a year"), lo) < 0)
    return -1;
  if ((y = yamltree_get(src, "year_max")) &&
      rules_load_int(ld, y, "year_max", 0, 9999, N_("a year"), hi) < 0)
    return -1;
  if (when && *lo && *hi && *lo > *hi)
    return rules_load_fail(ld, yamltree_get(when, "year_min"),
                           "'year_min' is greater than 'year_max'");
  return 0;
}

/* forbid-item = pattern | {pattern: pattern, when?: {year_min, year_max},
 *                          ext?: "txt"}
 * A list of forbid patterns may give some items a report-year range (as a
 * rule's `when` does) or a file extension. */
static int read_year_item(rules_loader *ld, const ynode *item,
                          const char *name, regex_list *out, size_t i,
                          size_t n) {
  for (size_t k = 0; k < item->n; k++) {
    const char *key = item->keys[k]->str;
    size_t j = 0;
    while (item_keys[j] && strcmp(item_keys[j], key) != 0)
      j++;
    if (!item_keys[j])
      return rules_load_fail(ld, item->keys[k],
                             "unknown key '%s' in an item of '%s' (allowed: "
                             "pattern, when, ext)",
                             key, name);
  }
  const ynode *pat = yamltree_get(item, "pattern");
  if (!pat)
    return rules_load_fail(ld, item, "an item of '%s' has no 'pattern'", name);
  if (!rules_load_is_string(pat) || pat->len == 0)
    return rules_load_fail(ld, pat, "'pattern' must be a non-empty string");
  if (!out->year_min) {
    out->year_min = xcalloc(n, sizeof *out->year_min);
    out->year_max = xcalloc(n, sizeof *out->year_max);
    out->ext = xcalloc(n, sizeof *out->ext);
  }
  const ynode *ext = yamltree_get(item, "ext");
  if (ext &&
      (!rules_load_is_string(ext) || ext->len == 0 || strchr(ext->str, '.')))
    return rules_load_fail(ld, ext,
                           "'ext' must be a file extension without the dot "
                           "(e.g. txt)");
  if (read_item_years(ld, item, &out->year_min[i], &out->year_max[i]) < 0)
    return -1;
  out->v[i] = compile_at(ld, pat, name);
  if (!out->v[i])
    return -1;
  // Last, so a failed item owns nothing: regex_list_release only frees
  // counted ones.
  if (ext)
    out->ext[i] = xstrdup(ext->str);
  return 0;
}

static int read_forbid(rules_loader *ld, const ynode *v, const char *name,
                       regex_list *out) {
  if (v->kind != YNODE_SEQ)
    return rules_load_patterns(ld, v, name, out);
  if (v->n == 0)
    return rules_load_fail(ld, v, "'%s' must not be an empty list", name);
  out->v = xcalloc(v->n, sizeof *out->v);
  for (size_t i = 0; i < v->n; i++) {
    const ynode *item = v->vals[i];
    if (item->kind == YNODE_MAP) {
      if (read_year_item(ld, item, name, out, i, v->n) < 0)
        return -1;
    } else if (!rules_load_is_string(item)) {
      return rules_load_fail(
          ld, item,
          "'%s' items must be patterns or {pattern, year_min, "
          "year_max, ext} mappings",
          name);
    } else if (item->len == 0) {
      return rules_load_fail(ld, item, "'%s' must not contain an empty pattern",
                             name);
    } else if (!(out->v[i] = compile_at(ld, item, name))) {
      return -1;
    }
    out->n++;
  }
  return 0;
}

int rules_load_texts(rules_loader *ld, const ynode *v, const char *name,
                     char ***out, int *nout) {
  if (check_string_list(ld, v, name) < 0)
    return -1;
  size_t n = count_items(v);
  *out = xcalloc(n, sizeof **out);
  for (size_t i = 0; i < n; i++)
    (*out)[i] = xstrdup(rules_load_item(v, i)->str);
  *nout = (int)n;
  return 0;
}

// --- key tables --------------------------------------------------------------

static int read_scope(rules_loader *ld, const ynode *v);
static int read_when(rules_loader *ld, const ynode *v);
static int read_examples(rules_loader *ld, const ynode *v);

#define FIELD(f) offsetof(rule, f)

// id and type are read before the table (the others depend on them).
const key_spec rules_common_keys[] = {
    {.name = "id", .kind = K_LATER, .required = 1},
    {.name = "type", .kind = K_LATER, .required = 1},
    {.name = "severity",
     .kind = K_WORD,
     .off = FIELD(severity),
     .words = rules_severity_words,
     .required = 1},
    {.name = "message", .kind = K_STR, .off = FIELD(message), .required = 1},
    {.name = "scope", .kind = K_READ, .read = read_scope},
    {.name = "description", .kind = K_TEXT, .off = FIELD(description)},
    {.name = "regulation", .kind = K_TEXT, .off = FIELD(regulation)},
    {.name = "enabled", .kind = K_BOOL, .off = FIELD(enabled)},
    {.name = "when", .kind = K_READ, .read = read_when},
    {.name = "examples", .kind = K_READ, .read = read_examples},
    {.name = NULL}};

static const key_spec *find_spec(const key_spec *t, const char *name) {
  for (; t->name; t++)
    if (strcmp(t->name, name) == 0)
      return t;
  return NULL;
}

static void append_names(const key_spec *t, char *buf, size_t cap) {
  for (; t->name; t++) {
    size_t used = strlen(buf);
    snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", t->name);
  }
}

// --- special keys --------------------------------------------------------

// scope = document | title | headings | paragraphs | signature
//       | "section:" key
static int read_scope(rules_loader *ld, const ynode *v) {
  rule_scope *s = &ld->r->scope;
  int kind;
  if (rules_load_is_string(v) &&
      find_word_value(scope_words, v->str, &kind) == 0) {
    s->kind = (scope_kind)kind;
    return 0;
  }
  if (rules_load_is_string(v) && strncmp(v->str, "section:", 8) == 0 &&
      v->str[8]) {
    s->kind = SCOPE_SECTION;
    s->key = xstrdup(v->str + 8);
    return 0;
  }
  return rules_load_fail(ld, v,
                         "'scope' must be document, title, headings, "
                         "paragraphs, signature or section:<key>");
}

// allowed is NULL-terminated.
int rules_load_map_keys(rules_loader *ld, const ynode *v, const char *name,
                        const char *const *allowed) {
  if (v->kind != YNODE_MAP)
    return rules_load_fail(ld, v, "'%s' must be a mapping", name);
  for (size_t i = 0; i < v->n; i++) {
    const char *k = v->keys[i]->str;
    size_t j = 0;
    while (allowed[j] && strcmp(allowed[j], k) != 0)
      j++;
    if (allowed[j])
      continue;
    char list[200] = "";
    for (j = 0; allowed[j]; j++) {
      size_t used = strlen(list);
      snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
               allowed[j]);
    }
    if (!ld->r)
      return rules_load_fail(ld, v->keys[i],
                             "unknown key '%s' in '%s' (allowed: %s)", k, name,
                             list);
    return rules_load_fail(ld, v->keys[i],
                           "unknown key '%s' in '%s' of rule '%s' (allowed: "
                           "%s)",
                           k, name, ld->r->id, list);
  }
  return 0;
}

// when = {year_min: int, year_max: int}
static int read_when(rules_loader *ld, const ynode *v) {
  static const char *const keys[] = {"year_min", "year_max", NULL};
  if (rules_load_map_keys(ld, v, "when", keys) < 0)
    return -1;
  const char *what = N_("a non-negative integer");
  const ynode *lo = yamltree_get(v, "year_min");
  const ynode *hi = yamltree_get(v, "year_max");
  if (lo && rules_load_int(ld, lo, "year_min", 0, INT_MAX, what,
                           &ld->r->year_min) < 0)
    return -1;
  if (hi && rules_load_int(ld, hi, "year_max", 0, INT_MAX, what,
                           &ld->r->year_max) < 0)
    return -1;
  if (lo && hi && ld->r->year_min > ld->r->year_max)
    return rules_load_fail(ld, lo, "'year_min' is greater than 'year_max'");
  return 0;
}

// examples = {bad: string | [string], good: string | [string]}
static int read_examples(rules_loader *ld, const ynode *v) {
  static const char *const keys[] = {"bad", "good", NULL};
  if (rules_load_map_keys(ld, v, "examples", keys) < 0)
    return -1;
  const ynode *bad = yamltree_get(v, "bad");
  const ynode *good = yamltree_get(v, "good");
  rule *r = ld->r;
  if (bad && rules_load_texts(ld, bad, "bad", &r->bad, &r->nbad) < 0)
    return -1;
  if (good && rules_load_texts(ld, good, "good", &r->good, &r->ngood) < 0)
    return -1;
  return 0;
}

// --- message variables -------------------------------------------------------

/* A {name} the engine may fill: a variable (letters, digits, _) or a group
 * number. Other text in braces is printed as written, so not checked. */
static int is_variable(const char *s, size_t len) {
  if (len == 0)
    return 0;
  int digits = s[0] >= '0' && s[0] <= '9';
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    int ok = (c >= '0' && c <= '9') ||
             (!digits &&
              ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'));
    if (!ok)
      return 0;
  }
  return 1;
}

static int is_named(const char *const *v, const char *name) {
  for (; v && *v; v++)
    if (strcmp(*v, name) == 0)
      return 1;
  return 0;
}

// A named group, or a group number the engine reads ({0} .. {99}).
static int is_capture(const regex_list *l, const char *name) {
  if (!l || l->n == 0)
    return 0;
  if (name[0] >= '0' && name[0] <= '9')
    return strlen(name) <= 2;
  for (int i = 0; i < l->n; i++)
    if (regex_group_number(l->v[i], name) >= 0)
      return 1;
  return 0;
}

static int refuse_variable(rules_loader *ld, const ynode *v, const rule_kind *k,
                           const char *name) {
  char known[400] = "";
  for (const char *const *p = k->vars; p && *p; p++) {
    size_t used = strlen(known);
    snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", *p);
  }
  const regex_list *caps = k->captures ? k->captures(ld->r) : NULL;
  if (caps && caps->n) {
    size_t used = strlen(known);
    snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "",
             "the groups of its patterns");
  }
  return rules_load_fail(ld, v,
                         "unknown message variable '{%s}' for a %s rule; "
                         "known: %s",
                         name, k->name, known[0] ? known : "none");
}

/* The engine expands "{" name "}" when the name is at most 64 bytes; what
 * it cannot fill it prints as written, which a typo should not get to. */
int rules_load_template(rules_loader *ld, const ynode *v, const char *text) {
  const rule_kind *k = rule_kind_of(ld->r->type);
  const regex_list *caps = k->captures ? k->captures(ld->r) : NULL;
  for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
    const char *close = strchr(p + 1, '}');
    if (!close || close - p > 64 ||
        !is_variable(p + 1, (size_t)(close - p - 1)))
      continue;
    char name[65];
    snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
    if (!is_named(k->vars, name) && !is_capture(caps, name) &&
        !(k->fills && k->fills(ld->r, name)))
      return refuse_variable(ld, v, k, name);
  }
  return 0;
}

// The rule's message and its kind's other templates.
static int check_templates(rules_loader *ld, const rule_kind *k) {
  const ynode *msg = rules_load_get(ld, "message");
  if (rules_load_template(ld, msg, ld->r->message) < 0)
    return -1;
  for (const char *const *t = k->templates; t && *t; t++) {
    const ynode *v = rules_load_get(ld, *t);
    if (v && rules_load_template(ld, v, v->str) < 0)
      return -1;
  }
  return 0;
}

// --- one rule --------------------------------------------------------------

static int read_key(rules_loader *ld, const key_spec *k, const ynode *v) {
  char *base = (char *)ld->r;
  void *field = base + k->off;
  switch (k->kind) {
  case K_STR:
  case K_TEXT:
    return rules_load_string(ld, v, k->name, k->kind == K_STR, field);
  case K_BOOL:
    return rules_load_bool(ld, v, k->name, field);
  case K_COUNT:
    return rules_load_int(ld, v, k->name, 0, INT_MAX,
                          N_("a non-negative integer"), field);
  case K_LEVEL:
    return rules_load_int(ld, v, k->name, 1, 4, N_("an integer from 1 to 4"),
                          field);
  case K_NUMBER:
    *(int *)(base + k->has_off) = 1;
    return rules_load_number(ld, v, k->name, field);
  case K_WORD:
    if (k->has)
      *(int *)(base + k->has_off) = 1;
    return rules_load_word(ld, v, k->name, k->words, field);
  case K_PATTERN:
    return rules_load_pattern(ld, v, k->name, field);
  case K_PATTERNS:
    return rules_load_patterns(ld, v, k->name, field);
  case K_FORBID:
    return read_forbid(ld, v, k->name, field);
  case K_READ:
    return k->read(ld, v);
  case K_LATER:
    return 0;
  }
  return 0;
}

static int check_rule_keys(rules_loader *ld, const key_spec *own) {
  const ynode *m = ld->m;
  for (size_t i = 0; i < m->n; i++) {
    const char *k = m->keys[i]->str;
    if (find_spec(rules_common_keys, k) || find_spec(own, k))
      continue;
    char allowed[600] = "";
    append_names(rules_common_keys, allowed, sizeof allowed);
    append_names(own, allowed, sizeof allowed);
    return rules_load_fail(ld, m->keys[i],
                           "unknown key '%s' in rule '%s' (allowed: %s)", k,
                           ld->r->id, allowed);
  }
  return 0;
}

static int require_keys(rules_loader *ld, const key_spec *t) {
  for (; t->name; t++)
    if (t->required && !yamltree_get(ld->m, t->name))
      return rules_load_fail(ld, ld->m, "rule '%s' has no '%s'", ld->r->id,
                             t->name);
  return 0;
}

// id = [a-z] [a-z0-9-]* ("." [a-z0-9] [a-z0-9-]*)+     e.g. section.measures
static int is_rule_id(const char *s) {
  static const char *tail = "abcdefghijklmnopqrstuvwxyz0123456789-";
  if (!(*s >= 'a' && *s <= 'z'))
    return 0;
  s += strspn(s, tail);
  int parts = 0;
  while (*s == '.') {
    s++;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
      return 0;
    s += strspn(s, tail);
    parts++;
  }
  return *s == '\0' && parts > 0;
}

// type = section | section-order | ... (the kinds' names, in table order)
static int read_type(rules_loader *ld, const ynode *type) {
  const rule_kind *k =
      rules_load_is_string(type) ? rule_kind_named(type->str) : NULL;
  if (!k) {
    char list[200] = "";
    for (int i = 0; rule_kinds[i]; i++) {
      size_t used = strlen(list);
      snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
               rule_kinds[i]->name);
    }
    return rules_load_fail(ld, type, "'type' must be one of %s", list);
  }
  ld->r->type = k->type;
  return 0;
}

// Reads id and type, which the other checks need.
static int read_id_and_type(rules_loader *ld) {
  rule *r = ld->r;
  const ynode *id = yamltree_get(ld->m, "id");
  if (!id)
    return rules_load_fail(ld, ld->m, "rule has no 'id'");
  if (!rules_load_is_string(id))
    return rules_load_fail(ld, id, "'id' must be a string");
  if (!is_rule_id(id->str))
    return rules_load_fail(ld, id,
                           "rule id '%s' must be dotted lower-case words "
                           "(e.g. section.measures)",
                           id->str);
  r->id = xstrdup(id->str);
  const ynode *type = yamltree_get(ld->m, "type");
  if (!type)
    return rules_load_fail(ld, ld->m, "rule '%s' has no 'type'", r->id);
  return read_type(ld, type);
}

static int check_unique_id(rules_loader *ld) {
  int i = rules_find(ld->rs, ld->r->id);
  if (i < 0)
    return 0;
  const rule *first = &ld->rs->rules[i];
  return rules_load_fail(ld, yamltree_get(ld->m, "id"),
                         "duplicate rule id '%s' (first defined at %s:%d)",
                         ld->r->id, first->file, first->line);
}

static int read_rule_body(rules_loader *ld) {
  if (read_id_and_type(ld) < 0)
    return -1;
  const rule_kind *kind = rule_kind_of(ld->r->type);
  ld->r->enabled = 1;
  if (kind->defaults)
    kind->defaults(ld->r);
  const key_spec *own = kind->keys;
  if (check_rule_keys(ld, own) < 0 || require_keys(ld, rules_common_keys) < 0 ||
      require_keys(ld, own) < 0 || check_unique_id(ld) < 0)
    return -1;
  for (size_t i = 0; i < ld->m->n; i++) {
    const char *k = ld->m->keys[i]->str;
    const key_spec *spec = find_spec(rules_common_keys, k);
    if (!spec)
      spec = find_spec(own, k);
    if (read_key(ld, spec, ld->m->vals[i]) < 0)
      return -1;
  }
  if (kind->load && kind->load(ld) < 0)
    return -1;
  return check_templates(ld, kind);
}

void regex_list_release(regex_list *l) {
  for (int i = 0; i < l->n; i++)
    regex_free(l->v[i]);
  free(l->v);
  for (int i = 0; l->ext && i < l->n; i++)
    free(l->ext[i]);
  free(l->year_min);
  free(l->year_max);
  free(l->ext);
}

void rules_texts_free(char **v, int n) {
  for (int i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static void free_rule(rule *r) {
  const rule_kind *kind = rule_kind_of(r->type);
  if (kind && kind->release)
    kind->release(r);
  free(r->id);
  free(r->message);
  free(r->scope.key);
  free(r->description);
  free(r->regulation);
  rules_texts_free(r->bad, r->nbad);
  rules_texts_free(r->good, r->ngood);
  free(r->file);
}

static int read_rule(rules_loader *ld, const ynode *m) {
  if (m->kind != YNODE_MAP)
    return rules_load_fail(ld, m, "each rule must be a mapping");
  rule r;
  memset(&r, 0, sizeof r);
  ld->r = &r;
  ld->m = m;
  int rc = read_rule_body(ld);
  ld->r = NULL;
  ld->m = NULL;
  if (rc < 0) {
    free_rule(&r);
    return -1;
  }
  r.file = xstrdup(ld->path);
  r.line = m->line;
  *ARRAY_PUSH(ld->rs->rules, ld->rs->nrules, ld->rs->cap) = r;
  return 0;
}

// --- the ruleset header ------------------------------------------------------

typedef struct header {
  char *name, *version, *report_type, *regulation, *docs;
  regex *detect, *detect_content;
  int fallback;
} header;

static void release_header(header *h) {
  free(h->name);
  free(h->version);
  free(h->report_type);
  free(h->regulation);
  free(h->docs);
  regex_free(h->detect);
  regex_free(h->detect_content);
}

static int read_header_key(rules_loader *ld, header *h, const ynode *k,
                           const ynode *v) {
  const char *key = k->str;
  if (strcmp(key, "name") == 0)
    return rules_load_string(ld, v, key, 1, &h->name);
  if (strcmp(key, "version") == 0) {
    scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_NULL;
    if (c != SC_STRING && c != SC_INT && c != SC_FLOAT)
      return rules_load_fail(ld, v, "'version' must be a string or a number");
    h->version = xstrdup(v->str);
    return 0;
  }
  if (strcmp(key, "report_type") == 0)
    return rules_load_string(ld, v, key, 0, &h->report_type);
  if (strcmp(key, "regulation") == 0)
    return rules_load_string(ld, v, key, 0, &h->regulation);
  if (strcmp(key, "docs") == 0)
    return rules_load_string(ld, v, key, 1, &h->docs);
  if (strcmp(key, "detect") == 0)
    return rules_load_pattern(ld, v, key, &h->detect);
  if (strcmp(key, "detect_content") == 0)
    return rules_load_pattern(ld, v, key, &h->detect_content);
  if (strcmp(key, "fallback") == 0)
    return rules_load_bool(ld, v, key, &h->fallback);
  return rules_load_fail(
      ld, k,
      "unknown key '%s' in 'ruleset' (allowed: name, version, "
      "report_type, regulation, docs, detect, detect_content, "
      "fallback)",
      key);
}

static int is_same_text(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

// Names the first field in which h differs from the header already in rs.
static const char *find_header_difference(const rl_ruleset *rs,
                                          const header *h) {
  if (!is_same_text(rs->name, h->name))
    return "name";
  if (!is_same_text(rs->version, h->version))
    return "version";
  if (!is_same_text(rs->report_type, h->report_type))
    return "report_type";
  if (!is_same_text(rs->regulation, h->regulation))
    return "regulation";
  if (!is_same_text(rs->docs, h->docs))
    return "docs";
  if (!is_same_text(rs->detect ? regex_source(rs->detect) : NULL,
                    h->detect ? regex_source(h->detect) : NULL))
    return "detect";
  if (!is_same_text(rs->detect_content ? regex_source(rs->detect_content)
                                       : NULL,
                    h->detect_content ? regex_source(h->detect_content) : NULL))
    return "detect_content";
  if (rs->fallback != h->fallback)
    return "fallback";
  return NULL;
}

// A rule set has one header. rs->version doubles as "a header was read":
// it is set (to "0" by default) by the first header.
static int merge_header(rules_loader *ld, const ynode *node, header *h) {
  rl_ruleset *rs = ld->rs;
  if (!h->version)
    h->version = xstrdup("0");
  if (rs->version) {
    const char *diff = find_header_difference(rs, h);
    if (diff)
      return rules_load_fail(
          ld, node,
          "a rule set has one 'ruleset' header; this one differs "
          "from the first in '%s'",
          diff);
    release_header(h);
    return 0;
  }
  rs->name = h->name;
  rs->version = h->version;
  rs->report_type = h->report_type;
  rs->regulation = h->regulation;
  rs->docs = h->docs;
  rs->detect = h->detect;
  rs->detect_content = h->detect_content;
  rs->fallback = h->fallback;
  return 0;
}

static int read_header(rules_loader *ld, const ynode *v) {
  if (v->kind != YNODE_MAP)
    return rules_load_fail(ld, v, "'ruleset' must be a mapping");
  header h;
  memset(&h, 0, sizeof h);
  for (size_t i = 0; i < v->n; i++)
    if (read_header_key(ld, &h, v->keys[i], v->vals[i]) < 0) {
      release_header(&h);
      return -1;
    }
  if (merge_header(ld, v, &h) < 0) {
    release_header(&h);
    return -1;
  }
  return 0;
}

// --- key metrics -------------------------------------------------------------

static void free_metric(key_metric *m) {
  free(m->id);
  free(m->label);
  regex_free(m->pattern);
  regex_free(m->t_select);
  regex_free(m->t_row);
  regex_free(m->t_col);
  free(m->unit);
  free(m->description);
  for (int i = 0; i < m->nexamples; i++)
    free(m->examples[i].text);
  free(m->examples);
  free(m->file);
}

// metric-example = {text: string, value: number | null}
static int read_metric_example(rules_loader *ld, const ynode *v,
                               key_metric_example *out) {
  static const char *const keys[] = {"text", "value", NULL};
  if (v->kind != YNODE_MAP)
    return rules_load_fail(ld, v,
                           "a metric example must be a mapping with 'text' "
                           "and 'value'");
  if (rules_load_map_keys(ld, v, "examples", keys) < 0)
    return -1;
  const ynode *text = yamltree_get(v, "text");
  const ynode *value = yamltree_get(v, "value");
  if (!text || !value)
    return rules_load_fail(ld, v,
                           "a metric example needs 'text' and 'value' "
                           "(null: the figure is not stated)");
  if (rules_load_string(ld, text, "text", 1, &out->text) < 0)
    return -1;
  if (value->kind == YNODE_SCALAR && yamltree_classify(value) == SC_NULL)
    return 0;
  out->has_value = 1;
  return rules_load_number(ld, value, "value", &out->value);
}

static int read_metric_examples(rules_loader *ld, const ynode *v,
                                key_metric *m) {
  if (v->kind != YNODE_SEQ)
    return rules_load_fail(ld, v,
                           "'examples' of a metric must be a list of "
                           "{text, value}");
  m->examples = xcalloc(v->n + 1, sizeof *m->examples);
  for (size_t i = 0; i < v->n; i++) {
    if (read_metric_example(ld, v->vals[i], &m->examples[i]) < 0) {
      m->nexamples = (int)i + 1;
      return -1;
    }
  }
  m->nexamples = (int)v->n;
  return 0;
}

static int read_metric_id(rules_loader *ld, const ynode *m, key_metric *out) {
  const ynode *id = yamltree_get(m, "id");
  if (!id)
    return rules_load_fail(ld, m, "metric has no 'id'");
  if (!rules_load_is_string(id) || !is_rule_id(id->str))
    return rules_load_fail(ld, id,
                           "metric id must be dotted lower-case words "
                           "(e.g. review.cases)");
  int i = rules_find_metric(ld->rs, id->str);
  if (i >= 0)
    return rules_load_fail(
        ld, id, "duplicate metric id '%s' (first defined at %s:%d)", id->str,
        ld->rs->metrics[i].file, ld->rs->metrics[i].line);
  out->id = xstrdup(id->str);
  return 0;
}

// The pattern must name the figure: a group `value` (or `zero`).
static int read_metric_pattern(rules_loader *ld, const ynode *v,
                               key_metric *m) {
  if (rules_load_pattern(ld, v, "pattern", &m->pattern) < 0)
    return -1;
  if (regex_group_number(m->pattern, "value") < 0)
    return rules_load_fail(
        ld, v,
        "metric '%s': 'pattern' needs a named group (?<value>...) "
        "around the number",
        m->id);
  return 0;
}

/* A metric's unit, description and examples. */
static int read_metric_rest(rules_loader *ld, const ynode *m,
                            key_metric *out) {
  const ynode *unit = yamltree_get(m, "unit");
  const ynode *desc = yamltree_get(m, "description");
  const ynode *ex = yamltree_get(m, "examples");
  if ((unit && rules_load_string(ld, unit, "unit", 1, &out->unit) < 0) ||
      (desc &&
       rules_load_string(ld, desc, "description", 0, &out->description) < 0) ||
      (ex && read_metric_examples(ld, ex, out) < 0))
    return -1;
  return 0;
}

// table = {select, row, col}: a figure read from a table's cell
static int read_metric_table(rules_loader *ld, const ynode *t,
                             key_metric *m) {
  static const char *const keys[] = {"select", "row", "col", NULL};
  if (t->kind != YNODE_MAP)
    return rules_load_fail(ld, t, "metric '%s': 'table' must be a mapping "
                                  "{select, row, col}",
                           m->id);
  const ynode *sel = yamltree_get(t, "select"), *row = yamltree_get(t, "row"),
              *col = yamltree_get(t, "col");
  if (rules_load_map_keys(ld, t, "table", keys) < 0)
    return -1;
  if (!sel || !row || !col)
    return rules_load_fail(ld, t, "metric '%s': 'table' needs 'select', "
                                  "'row' and 'col'",
                           m->id);
  return rules_load_pattern(ld, sel, "select", &m->t_select) < 0 ||
                 rules_load_pattern(ld, row, "row", &m->t_row) < 0 ||
                 rules_load_pattern(ld, col, "col", &m->t_col) < 0
             ? -1
             : 0;
}

// metric = {id, label, pattern | table, unit?, description?, examples?}
static int read_metric_body(rules_loader *ld, const ynode *m, key_metric *out) {
  static const char *const keys[] = {"id",   "label",       "pattern",
                                     "table", "unit", "description",
                                     "examples", NULL};
  if (rules_load_map_keys(ld, m, "metric", keys) < 0 ||
      read_metric_id(ld, m, out) < 0)
    return -1;
  const ynode *label = yamltree_get(m, "label");
  const ynode *pattern = yamltree_get(m, "pattern");
  const ynode *table = yamltree_get(m, "table");
  if (!label || (!pattern == !table))
    return rules_load_fail(ld, m,
                           "metric '%s' needs 'label' and one of 'pattern' "
                           "and 'table'",
                           out->id);
  if (table)
    return read_metric_table(ld, table, out) < 0 ||
                   rules_load_string(ld, label, "label", 1, &out->label) < 0
               ? -1
               : read_metric_rest(ld, m, out);
  if (rules_load_string(ld, label, "label", 1, &out->label) < 0 ||
      read_metric_pattern(ld, pattern, out) < 0)
    return -1;
  return read_metric_rest(ld, m, out);
}

static int read_metric(rules_loader *ld, const ynode *m) {
  if (m->kind != YNODE_MAP)
    return rules_load_fail(ld, m, "each metric must be a mapping");
  key_metric km;
  memset(&km, 0, sizeof km);
  if (read_metric_body(ld, m, &km) < 0) {
    free_metric(&km);
    return -1;
  }
  km.file = xstrdup(ld->path);
  km.line = m->line;
  *ARRAY_PUSH(ld->rs->metrics, ld->rs->nmetrics, ld->rs->capmetrics) = km;
  return 0;
}

static int read_metrics(rules_loader *ld, const ynode *list) {
  if (list->kind != YNODE_SEQ)
    return rules_load_fail(ld, list, "'metrics' must be a list of metrics");
  for (size_t i = 0; i < list->n; i++)
    if (read_metric(ld, list->vals[i]) < 0)
      return -1;
  return 0;
}

int rules_find_metric(const rl_ruleset *rs, const char *id) {
  for (int i = 0; i < rs->nmetrics; i++)
    if (strcmp(rs->metrics[i].id, id) == 0)
      return i;
  return -1;
}

// --- files and directories -------------------------------------------------

// file = {ruleset: header?, rules: [rule]?, metrics: [metric]?}
static int read_file_root(rules_loader *ld, const ynode *root) {
  if (root->kind != YNODE_MAP)
    return rules_load_fail(
        ld, root,
        "a rule file must be a mapping with 'ruleset', 'rules' "
        "and/or 'metrics'");
  for (size_t i = 0; i < root->n; i++) {
    const char *k = root->keys[i]->str;
    if (strcmp(k, "ruleset") != 0 && strcmp(k, "rules") != 0 &&
        strcmp(k, "metrics") != 0)
      return rules_load_fail(
          ld, root->keys[i],
          "unknown top-level key '%s' (allowed: ruleset, rules, "
          "metrics)",
          k);
  }
  const ynode *h = yamltree_get(root, "ruleset");
  if (h && read_header(ld, h) < 0)
    return -1;
  const ynode *metrics = yamltree_get(root, "metrics");
  if (metrics && read_metrics(ld, metrics) < 0)
    return -1;
  const ynode *list = yamltree_get(root, "rules");
  if (!list)
    return 0;
  if (list->kind != YNODE_SEQ)
    return rules_load_fail(ld, list, "'rules' must be a list of rules");
  for (size_t i = 0; i < list->n; i++)
    if (read_rule(ld, list->vals[i]) < 0)
      return -1;
  return 0;
}

int rules_load_file(rl_ruleset *rs, const char *path, rl_diag *diag) {
  ynode *root = yamltree_load(path, diag);
  if (!root)
    return -1;
  rules_loader ld = {rs, path, diag, NULL, NULL};
  int before = rs->nrules, metrics_before = rs->nmetrics;
  int notes_before = rs->nnotes;
  int rc = read_file_root(&ld, root);
  yamltree_free(root);
  if (rc < 0) {
    // Leave rs as it was before this file, apart from its header.
    while (rs->nrules > before)
      free_rule(&rs->rules[--rs->nrules]);
    while (rs->nmetrics > metrics_before)
      free_metric(&rs->metrics[--rs->nmetrics]);
    rs->nnotes = notes_before;
  }
  return rc;
}

static int has_rule_suffix(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
         (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name) {
  size_t dl = strlen(dir);
  int slash = dl > 0 && dir[dl - 1] == '/';
  char *p = xmalloc(dl + strlen(name) + 2);
  sprintf(p, "%s%s%s", dir, slash ? "" : "/", name);
  return p;
}

// The paths of the rule files in dir, sorted. Returns their number (≥ 0),
// or -1 with diag filled; *out is freed by the caller.
static int list_rule_files(const char *dir, char ***out, rl_diag *diag) {
  DIR *d = opendir(dir);
  char ebuf[256];
  if (!d)
    return diag_set(diag, DIAG_RULES, dir, 0, 0,
                    "cannot open rule directory: %s",
                    i18n_strerror(errno, ebuf, sizeof ebuf));
  char **v = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    struct dirent *e = readdir(d);
    if (!e)
      break;
    if (e->d_name[0] == '.' || !has_rule_suffix(e->d_name))
      continue;
    char *path = join_path(dir, e->d_name);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
      *ARRAY_PUSH(v, n, cap) = path;
    else
      free(path);
  }
  closedir(d);
  if (n > 1)
    qsort(v, n, sizeof *v, compare_names);
  *out = v;
  return (int)n;
}

// The last component of dir, without trailing slashes.
static char *take_base_name(const char *dir) {
  size_t end = strlen(dir);
  while (end > 1 && dir[end - 1] == '/')
    end--;
  size_t start = end;
  while (start > 0 && dir[start - 1] != '/')
    start--;
  if (start == end)
    return xstrndup(dir, end);
  return xstrndup(dir + start, end - start);
}

/* Loads the files of dir; lazy: stop after the file with the header and
 * keep the rest in rs->pending. */
static int load_dir(const char *dir, rl_ruleset **out, rl_diag *diag,
                    int lazy) {
  *out = NULL;
  char **paths = NULL;
  int n = list_rule_files(dir, &paths, diag);
  if (n < 0)
    return -1;
  int rc = 0, done = 0;
  rl_ruleset *rs = xcalloc(1, sizeof *rs);
  if (n == 0)
    rc = diag_set(diag, DIAG_RULES, dir, 0, 0, "no *.yaml rule files");
  while (rc == 0 && done < n && !(lazy && rs->name))
    rc = rules_load_file(rs, paths[done++], diag);
  if (rc == 0 && done < n) {
    rs->npending = n - done;
    rs->pending = xcalloc((size_t)rs->npending, sizeof *rs->pending);
    for (int i = done; i < n; i++)
      rs->pending[i - done] = paths[i];
    n = done;
  }
  for (int i = 0; i < n; i++)
    free(paths[i]);
  free(paths);
  if (rc < 0) {
    rules_free(rs);
    return -1;
  }
  if (!rs->name)
    rs->name = take_base_name(dir);
  if (!rs->version)
    rs->version = xstrdup("0");
  rs->dir = xstrdup(dir);
  *out = rs;
  return 0;
}

int rules_load_dir(const char *dir, rl_ruleset **out, rl_diag *diag) {
  return load_dir(dir, out, diag, 0);
}

int rules_load_dir_lazy(const char *dir, rl_ruleset **out, rl_diag *diag) {
  return load_dir(dir, out, diag, 1);
}

int rules_load_pending(rl_ruleset *rs, rl_diag *diag) {
  int rc = 0, i = 0;
  for (; i < rs->npending && rc == 0; i++)
    rc = rules_load_file(rs, rs->pending[i], diag);
  for (int k = 0; k < rs->npending; k++)
    free(rs->pending[k]);
  free(rs->pending);
  rs->pending = NULL;
  rs->npending = 0;
  return rc;
}

void rules_free(rl_ruleset *rs) {
  if (!rs)
    return;
  for (int i = 0; i < rs->nrules; i++)
    free_rule(&rs->rules[i]);
  free(rs->rules);
  for (int i = 0; i < rs->nmetrics; i++)
    free_metric(&rs->metrics[i]);
  free(rs->metrics);
  for (int i = 0; i < rs->npending; i++)
    free(rs->pending[i]);
  free(rs->pending);
  free(rs->notes);
  free(rs->name);
  free(rs->version);
  free(rs->report_type);
  free(rs->docs);
  free(rs->regulation);
  regex_free(rs->detect);
  regex_free(rs->detect_content);
  free(rs->dir);
  free(rs);
}

int rules_find(const rl_ruleset *rs, const char *id) {
  for (int i = 0; i < rs->nrules; i++)
    if (strcmp(rs->rules[i].id, id) == 0)
      return i;
  return -1;
}

// --- YAML → JSON -------------------------------------------------------------

static cJSON *convert_scalar(const ynode *n) {
  switch (yamltree_classify(n)) {
  case SC_TRUE:
    return cJSON_CreateTrue();
  case SC_FALSE:
    return cJSON_CreateFalse();
  case SC_NULL:
    return cJSON_CreateNull();
  case SC_INT:
  case SC_FLOAT:
    return cJSON_CreateNumber(strtod(n->str, NULL));
  case SC_STRING:
    break;
  }
  return cJSON_CreateString(n->str);
}

static cJSON *convert_node(const ynode *n) {
  if (n->kind == YNODE_SCALAR)
    return convert_scalar(n);
  cJSON *j = n->kind == YNODE_MAP ? cJSON_CreateObject() : cJSON_CreateArray();
  for (size_t i = 0; j && i < n->n; i++) {
    cJSON *item = convert_node(n->vals[i]);
    int ok = item && (n->kind == YNODE_MAP
                          ? cJSON_AddItemToObject(j, n->keys[i]->str, item)
                          : cJSON_AddItemToArray(j, item));
    if (!ok) {
      cJSON_Delete(item); // not added: still ours
      cJSON_Delete(j);
      return NULL;
    }
  }
  return j;
}

char *rules_yaml_to_json(const char *path, rl_diag *diag) {
  ynode *root = yamltree_load(path, diag);
  if (!root)
    return NULL;
  cJSON *j = convert_node(root);
  yamltree_free(root);
  char *text = j ? cJSON_Print(j) : NULL;
  cJSON_Delete(j);
  if (!text) {
    diag_set(diag, DIAG_RULES, path, 0, 0, "out of memory building JSON");
    return NULL;
  }
  char *copy = xstrdup(text);
  cJSON_free(text);
  return copy;
}

int rules_id_matches(const char *pat, const char *id) {
  size_t n = strlen(pat);
  if (n && pat[n - 1] == '*')
    return strncmp(pat, id, n - 1) == 0;
  if (n && pat[n - 1] == '.')
    return strncmp(pat, id, n) == 0;
  return strcmp(pat, id) == 0;
}
