/* rules_load: YAML rule files → an rl_ruleset.
 *
 * Consumes the yamltree of each *.yaml / *.yml file in a directory;
 * produces rule structs with their patterns compiled. Every key is checked
 * against the keys its rule type allows, every value against its type, and
 * each complaint carries the file, line and column of the node at fault.
 * What a rule means when it runs is left to the engine and the rule_*.c
 * checks; the format itself is also described by schemas/rules.schema.json,
 * which must stay in step with the key tables below. */
#include "rules.h"

#include "alloc.h"
#include "yamltree.h"

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

typedef struct word {
  const char *s;
  int v;
} word;

static const word severity_words[] = {{"error", RL_SEV_ERROR},
                                      {"warning", RL_SEV_WARNING},
                                      {"info", RL_SEV_INFO},
                                      {NULL, 0}};

static const word type_words[] = {{"section", RULE_SECTION},
                                  {"section-order", RULE_SECTION_ORDER},
                                  {"section-length", RULE_SECTION_LENGTH},
                                  {"pattern", RULE_PATTERN},
                                  {"sequence", RULE_SEQUENCE},
                                  {"metric", RULE_METRIC},
                                  {"date", RULE_DATE},
                                  {"input", RULE_INPUT},
                                  {"table", RULE_TABLE},
                                  {"lexicon", RULE_LEXICON},
                                  {NULL, 0}};

static const word target_words[] = {
    {"headings", SEQ_HEADINGS}, {"enumerations", SEQ_ENUMERATIONS}, {"all", SEQ_ALL}, {NULL, 0}};

static const word metric_words[] = {{"range", METRIC_RANGE},
                                    {"sum", METRIC_SUM},
                                    {"share", METRIC_SHARE},
                                    {"consistency", METRIC_CONSISTENCY},
                                    {"ratio", METRIC_RATIO},
                                    {NULL, 0}};

static const word relation_words[] = {
    {"eq", REL_EQ}, {"le", REL_LE}, {NULL, 0}};

static const word date_words[] = {{"deadline", DATE_DEADLINE},
                                  {"premature", DATE_PREMATURE},
                                  {"cutoff", DATE_CUTOFF},
                                  {"year-mismatch", DATE_YEAR_MISMATCH},
                                  {"published", DATE_PUBLISHED},
                                  {NULL, 0}};

static const word input_words[] = {
    {"tracked-changes", INPUT_TRACKED_CHANGES},
    {"comments", INPUT_COMMENTS},
    {NULL, 0}};

static const word lexicon_words[] = {
    {"doubled", LEXICON_DOUBLED}, {"near", LEXICON_NEAR}, {NULL, 0}};

static const word scope_words[] = {
    {"document", SCOPE_DOCUMENT},   {"title", SCOPE_TITLE},
    {"headings", SCOPE_HEADINGS},   {"paragraphs", SCOPE_PARAGRAPHS},
    {"signature", SCOPE_SIGNATURE}, {NULL, 0}};

// Enum fields are written through int *, which needs enums of int size.
_Static_assert(sizeof(rl_severity) == sizeof(int), "enum size");
_Static_assert(sizeof(rule_type) == sizeof(int), "enum size");

static const char *find_word_name(const word *w, int v) {
  for (; w->s; w++)
    if (w->v == v)
      return w->s;
  return "?";
}

static int find_word_value(const word *w, const char *s, int *out) {
  for (; w->s; w++)
    if (strcmp(w->s, s) == 0) {
      *out = w->v;
      return 0;
    }
  return -1;
}

// "a, b, c" into buf.
static void join_words(const word *w, char *buf, size_t cap) {
  buf[0] = '\0';
  for (size_t i = 0; w[i].s; i++) {
    size_t used = strlen(buf);
    snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", w[i].s);
  }
}

int rules_parse_severity(const char *s, rl_severity *out) {
  int v;
  if (find_word_value(severity_words, s, &v) < 0)
    return -1;
  *out = (rl_severity)v;
  return 0;
}

const char *rules_severity_name(rl_severity s) {
  return find_word_name(severity_words, (int)s);
}

const char *rules_type_name(rule_type t) {
  return find_word_name(type_words, t);
}

// --- plain scalars ---------------------------------------------------------

static int is_string(const ynode *n) {
  return n->kind == YNODE_SCALAR && yamltree_classify(n) == SC_STRING;
}

// --- the loader --------------------------------------------------------------

typedef struct loader {
  rl_ruleset *rs;
  const char *path;
  rl_diag *diag;
  rule *r;        /* the rule being read */
  const ynode *m; /* its mapping */
} loader;

static int fail_at(loader *ld, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(loader *ld, const ynode *n, const char *fmt, ...) {
  char msg[sizeof ld->diag->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return diag_set(ld->diag, DIAG_RULES, ld->path, n->line, n->col, "%s", msg);
}

static int read_string(loader *ld, const ynode *v, const char *name,
                       int nonempty, char **out) {
  if (!is_string(v))
    return fail_at(ld, v, "'%s' must be a string", name);
  if (nonempty && v->len == 0)
    return fail_at(ld, v, "'%s' must not be empty", name);
  free(*out);
  *out = xstrdup(v->str);
  return 0;
}

static int read_bool(loader *ld, const ynode *v, const char *name, int *out) {
  scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_STRING;
  if (c != SC_TRUE && c != SC_FALSE)
    return fail_at(ld, v, "'%s' must be true or false", name);
  *out = c == SC_TRUE;
  return 0;
}

// A plain decimal integer in [lo, hi]; what says what else is accepted.
static int read_int(loader *ld, const ynode *v, const char *name, long lo,
                    long hi, const char *what, int *out) {
  if (v->kind != YNODE_SCALAR || yamltree_classify(v) != SC_INT)
    return fail_at(ld, v, "'%s' must be %s", name, what);
  errno = 0;
  long x = strtol(v->str, NULL, 10);
  if (errno || x < lo || x > hi)
    return fail_at(ld, v, "'%s' must be %s", name, what);
  *out = (int)x;
  return 0;
}

static int read_number(loader *ld, const ynode *v, const char *name,
                       double *out) {
  scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_STRING;
  if (c != SC_INT && c != SC_FLOAT)
    return fail_at(ld, v, "'%s' must be a number", name);
  *out = strtod(v->str, NULL);
  return 0;
}

static int read_word(loader *ld, const ynode *v, const char *name,
                     const word *words, int *out) {
  if (!is_string(v) || find_word_value(words, v->str, out) < 0) {
    char list[200];
    join_words(words, list, sizeof list);
    return fail_at(ld, v, "'%s' must be one of %s", name, list);
  }
  return 0;
}

// Compiles the pattern in scalar v. Returns NULL with diag filled.
static regex *compile_at(loader *ld, const ynode *v, const char *name) {
  char err[256];
  size_t off = 0;
  regex *re = regex_compile(v->str, v->len, err, sizeof err, &off);
  if (re)
    return re;
  if (ld->r)
    fail_at(ld, v, "rule '%s': bad pattern in '%s': %s at offset %zu",
            ld->r->id, name, err, off);
  else
    fail_at(ld, v, "bad pattern in '%s': %s at offset %zu", name, err, off);
  return NULL;
}

static int read_pattern(loader *ld, const ynode *v, const char *name,
                        regex **out) {
  if (!is_string(v))
    return fail_at(ld, v, "'%s' must be a string", name);
  if (v->len == 0)
    return fail_at(ld, v, "'%s' must not be empty", name);
  regex *re = compile_at(ld, v, name);
  if (!re)
    return -1;
  regex_free(*out);
  *out = re;
  return 0;
}

// string | [string, ...] (non-empty). Calls add_one for each item.
static int check_string_list(loader *ld, const ynode *v, const char *name) {
  if (is_string(v))
    return 0;
  if (v->kind != YNODE_SEQ)
    return fail_at(ld, v, "'%s' must be a string or a list of strings", name);
  if (v->n == 0)
    return fail_at(ld, v, "'%s' must not be an empty list", name);
  for (size_t i = 0; i < v->n; i++)
    if (!is_string(v->vals[i]))
      return fail_at(ld, v->vals[i],
                     "'%s' must be a string or a list of strings", name);
  return 0;
}

// The items of a string-or-list node: the node itself or its elements.
static size_t count_items(const ynode *v) {
  return v->kind == YNODE_SEQ ? v->n : 1;
}

static const ynode *get_item(const ynode *v, size_t i) {
  return v->kind == YNODE_SEQ ? v->vals[i] : v;
}

static int read_patterns(loader *ld, const ynode *v, const char *name,
                         regex_list *out) {
  if (check_string_list(ld, v, name) < 0)
    return -1;
  size_t n = count_items(v);
  out->v = xcalloc(n, sizeof *out->v);
  for (size_t i = 0; i < n; i++) {
    const ynode *item = get_item(v, i);
    if (item->len == 0)
      return fail_at(ld, item, "'%s' must not contain an empty pattern", name);
    out->v[i] = compile_at(ld, item, name);
    if (!out->v[i])
      return -1;
    out->n++;
  }
  return 0;
}

/* forbid-item = pattern | {pattern: pattern, year_min: int, year_max: int,
 *                          ext: "txt"}
 * A list of forbid patterns may give some items a report-year range. */
static int read_year_item(loader *ld, const ynode *item, const char *name,
                          regex_list *out, size_t i, size_t n) {
  static const char *const keys[] = {"pattern", "year_min", "year_max",
                                     "ext"};
  for (size_t k = 0; k < item->n; k++) {
    const char *key = item->keys[k]->str;
    if (strcmp(key, keys[0]) && strcmp(key, keys[1]) && strcmp(key, keys[2]) &&
        strcmp(key, keys[3]))
      return fail_at(ld, item->keys[k],
                     "unknown key '%s' in an item of '%s' (allowed: "
                     "pattern, year_min, year_max, ext)",
                     key, name);
  }
  const ynode *pat = yamltree_get(item, "pattern");
  if (!pat)
    return fail_at(ld, item, "an item of '%s' has no 'pattern'", name);
  if (!is_string(pat) || pat->len == 0)
    return fail_at(ld, pat, "'pattern' must be a non-empty string");
  if (!out->year_min) {
    out->year_min = xcalloc(n, sizeof *out->year_min);
    out->year_max = xcalloc(n, sizeof *out->year_max);
    out->ext = xcalloc(n, sizeof *out->ext);
  }
  const ynode *ext = yamltree_get(item, "ext");
  if (ext && (!is_string(ext) || ext->len == 0 || strchr(ext->str, '.')))
    return fail_at(ld, ext, "'ext' must be a file extension without the dot "
                            "(e.g. txt)");
  const ynode *y;
  if ((y = yamltree_get(item, "year_min")) &&
      read_int(ld, y, "year_min", 0, 9999, "a year", &out->year_min[i]) < 0)
    return -1;
  if ((y = yamltree_get(item, "year_max")) &&
      read_int(ld, y, "year_max", 0, 9999, "a year", &out->year_max[i]) < 0)
    return -1;
  out->v[i] = compile_at(ld, pat, name);
  if (!out->v[i])
    return -1;
  // Last, so a failed item owns nothing: free_list only frees counted ones.
  if (ext)
    out->ext[i] = xstrdup(ext->str);
  return 0;
}

static int read_forbid(loader *ld, const ynode *v, const char *name,
                       regex_list *out) {
  if (v->kind != YNODE_SEQ)
    return read_patterns(ld, v, name, out);
  if (v->n == 0)
    return fail_at(ld, v, "'%s' must not be an empty list", name);
  out->v = xcalloc(v->n, sizeof *out->v);
  for (size_t i = 0; i < v->n; i++) {
    const ynode *item = v->vals[i];
    if (item->kind == YNODE_MAP) {
      if (read_year_item(ld, item, name, out, i, v->n) < 0)
        return -1;
    } else if (!is_string(item)) {
      return fail_at(ld, item,
                     "'%s' items must be patterns or {pattern, year_min, "
                     "year_max, ext} mappings",
                     name);
    } else if (item->len == 0) {
      return fail_at(ld, item, "'%s' must not contain an empty pattern", name);
    } else if (!(out->v[i] = compile_at(ld, item, name))) {
      return -1;
    }
    out->n++;
  }
  return 0;
}

static int read_texts(loader *ld, const ynode *v, const char *name, char ***out,
                      int *nout) {
  if (check_string_list(ld, v, name) < 0)
    return -1;
  size_t n = count_items(v);
  *out = xcalloc(n, sizeof **out);
  for (size_t i = 0; i < n; i++)
    (*out)[i] = xstrdup(get_item(v, i)->str);
  *nout = (int)n;
  return 0;
}

// --- key tables --------------------------------------------------------------

typedef enum {
  K_ID,       /* handled before the table */
  K_TYPE,     /* handled before the table */
  K_STR,      /* non-empty string → char * */
  K_TEXT,     /* string, may be empty → char * */
  K_BOOL,     /* → int */
  K_COUNT,    /* integer ≥ 0 → int */
  K_LEVEL,    /* integer 1..4 → int */
  K_NUMBER,   /* → double, with an int "has" flag */
  K_WORD,     /* one of words → int */
  K_PATTERN,  /* one regex → regex * */
  K_PATTERNS, /* string or list of regexes → regex_list */
  K_FORBID,   /* K_PATTERNS whose items may carry a year range */
  K_SCOPE,
  K_WHEN,
  K_EXAMPLES,
  K_DEADLINE,
  K_LATER,    /* read by a type's combination check, after every key */
} key_kind;

typedef struct key_spec {
  const char *name;
  key_kind kind;
  size_t off;        /* the field in rule */
  const word *words; /* K_WORD */
  int has;           /* K_NUMBER, K_WORD: set the int flag at has_off */
  size_t has_off;
  int required;
} key_spec;

#define FIELD(f) offsetof(rule, f)
#define SEC(f) offsetof(rule, u.section.f)
#define PAT(f) offsetof(rule, u.pattern.f)
#define SEQ(f) offsetof(rule, u.sequence.f)
#define MET(f) offsetof(rule, u.metric.f)
#define DAT(f) offsetof(rule, u.date.f)
#define INP(f) offsetof(rule, u.input.f)
#define TAB(f) offsetof(rule, u.table.f)
#define LEX(f) offsetof(rule, u.lexicon.f)

static const key_spec common_keys[] = {
    {"id", K_ID, 0, NULL, 0, 0, 1},
    {"type", K_TYPE, 0, NULL, 0, 0, 1},
    {"severity", K_WORD, FIELD(severity), severity_words, 0, 0, 1},
    {"message", K_STR, FIELD(message), NULL, 0, 0, 1},
    {"scope", K_SCOPE, 0, NULL, 0, 0, 0},
    {"description", K_TEXT, FIELD(description), NULL, 0, 0, 0},
    {"regulation", K_TEXT, FIELD(regulation), NULL, 0, 0, 0},
    {"enabled", K_BOOL, FIELD(enabled), NULL, 0, 0, 0},
    {"when", K_WHEN, 0, NULL, 0, 0, 0},
    {"examples", K_EXAMPLES, 0, NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec section_keys[] = {
    {"key", K_STR, SEC(key), NULL, 0, 0, 1},
    {"name", K_STR, SEC(name), NULL, 0, 0, 0},
    {"headings", K_PATTERNS, SEC(headings), NULL, 0, 0, 1},
    {"fallback", K_PATTERNS, SEC(fallback), NULL, 0, 0, 0},
    {"required", K_BOOL, SEC(required), NULL, 0, 0, 0},
    {"order", K_COUNT, SEC(order), NULL, 0, 0, 0},
    {"min_chars", K_COUNT, SEC(min_chars), NULL, 0, 0, 0},
    {"max_level", K_LEVEL, SEC(max_level), NULL, 0, 0, 0},
    {"fallback_severity", K_WORD, SEC(fallback_severity), severity_words, 1,
     SEC(has_fallback_severity), 0},
    {"fallback_message", K_STR, SEC(fallback_message), NULL, 0, 0, 0},
    {"topical", K_BOOL, SEC(topical), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec no_keys[] = {{NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec pattern_keys[] = {
    {"forbid", K_FORBID, PAT(forbid), NULL, 0, 0, 0},
    {"require", K_PATTERNS, PAT(require), NULL, 0, 0, 0},
    {"unless", K_PATTERNS, PAT(unless), NULL, 0, 0, 0},
    {"also", K_PATTERNS, PAT(also), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec sequence_keys[] = {
    {"target", K_WORD, SEQ(target), target_words, 0, 0, 1},
    {"repeats", K_BOOL, SEQ(repeats), NULL, 0, 0, 0},
    {"gaps", K_BOOL, SEQ(gaps), NULL, 0, 0, 0},
    {"restarts", K_BOOL, SEQ(restarts), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec metric_keys[] = {
    {"check", K_WORD, MET(check), metric_words, 0, 0, 1},
    {"label", K_PATTERN, MET(label), NULL, 0, 0, 0},
    {"unit", K_PATTERN, MET(unit), NULL, 0, 0, 0},
    {"exclude", K_PATTERN, MET(exclude), NULL, 0, 0, 0},
    {"min", K_NUMBER, MET(min), NULL, 1, MET(has_min), 0},
    {"max", K_NUMBER, MET(max), NULL, 1, MET(has_max), 0},
    {"pattern", K_PATTERN, MET(pattern), NULL, 0, 0, 0},
    {"relation", K_WORD, MET(relation), relation_words, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec date_keys[] = {
    {"check", K_WORD, DAT(check), date_words, 0, 0, 1},
    {"deadline", K_DEADLINE, 0, NULL, 0, 0, 0},
    {"cutoff", K_PATTERNS, DAT(cutoff), NULL, 0, 0, 0},
    {"department", K_BOOL, DAT(department), NULL, 0, 0, 0},
    {"issuer", K_PATTERN, DAT(issuer), NULL, 0, 0, 0},
    {"plans", K_STR, DAT(plans_key), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec input_keys[] = {
    {"check", K_WORD, INP(check), input_words, 0, 0, 1},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec table_keys[] = {
    {"select", K_PATTERN, TAB(select), NULL, 0, 0, 1},
    {"rows", K_LATER, 0, NULL, 0, 0, 0},
    {"cols", K_LATER, 0, NULL, 0, 0, 0},
    {"assert", K_LATER, 0, NULL, 0, 0, 1},
    {"missing_message", K_STR, TAB(missing_message), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec lexicon_keys[] = {
    {"check", K_WORD, LEX(check), lexicon_words, 0, 0, 1},
    {"words", K_STR, LEX(words), NULL, 0, 0, 1},
    {"pinyin", K_STR, LEX(pinyin), NULL, 0, 0, 1},
    {"terms", K_LATER, 0, NULL, 0, 0, 0},
    {"measures", K_LATER, 0, NULL, 0, 0, 0},
    {"doubles", K_LATER, 0, NULL, 0, 0, 0},
    {"except", K_LATER, 0, NULL, 0, 0, 0},
    {"idioms", K_BOOL, LEX(idioms), NULL, 0, 0, 0},
    {"max", K_COUNT, LEX(max), NULL, 0, 0, 0},
    {NULL, 0, 0, NULL, 0, 0, 0}};

static const key_spec *find_type_keys(rule_type t) {
  switch (t) {
  case RULE_SECTION:
    return section_keys;
  case RULE_PATTERN:
    return pattern_keys;
  case RULE_SEQUENCE:
    return sequence_keys;
  case RULE_METRIC:
    return metric_keys;
  case RULE_DATE:
    return date_keys;
  case RULE_INPUT:
    return input_keys;
  case RULE_TABLE:
    return table_keys;
  case RULE_LEXICON:
    return lexicon_keys;
  case RULE_SECTION_ORDER:
  case RULE_SECTION_LENGTH:
    break;
  }
  return no_keys;
}

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
static int read_scope(loader *ld, const ynode *v) {
  rule_scope *s = &ld->r->scope;
  int kind;
  if (is_string(v) && find_word_value(scope_words, v->str, &kind) == 0) {
    s->kind = (scope_kind)kind;
    return 0;
  }
  if (is_string(v) && strncmp(v->str, "section:", 8) == 0 && v->str[8]) {
    s->kind = SCOPE_SECTION;
    s->key = xstrdup(v->str + 8);
    return 0;
  }
  return fail_at(ld, v,
                 "'scope' must be document, title, headings, paragraphs, "
                 "signature or section:<key>");
}

// allowed is NULL-terminated.
static int check_map_keys(loader *ld, const ynode *v, const char *name,
                          const char *const *allowed) {
  if (v->kind != YNODE_MAP)
    return fail_at(ld, v, "'%s' must be a mapping", name);
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
      return fail_at(ld, v->keys[i], "unknown key '%s' in '%s' (allowed: %s)",
                     k, name, list);
    return fail_at(ld, v->keys[i],
                   "unknown key '%s' in '%s' of rule '%s' (allowed: %s)", k,
                   name, ld->r->id, list);
  }
  return 0;
}

// when = {year_min: int, year_max: int}
static int read_when(loader *ld, const ynode *v) {
  static const char *const keys[] = {"year_min", "year_max", NULL};
  if (check_map_keys(ld, v, "when", keys) < 0)
    return -1;
  const char *what = "a non-negative integer";
  const ynode *lo = yamltree_get(v, "year_min");
  const ynode *hi = yamltree_get(v, "year_max");
  if (lo &&
      read_int(ld, lo, "year_min", 0, INT_MAX, what, &ld->r->year_min) < 0)
    return -1;
  if (hi &&
      read_int(ld, hi, "year_max", 0, INT_MAX, what, &ld->r->year_max) < 0)
    return -1;
  if (lo && hi && ld->r->year_min > ld->r->year_max)
    return fail_at(ld, lo, "'year_min' is greater than 'year_max'");
  return 0;
}

// examples = {bad: string | [string], good: string | [string]}
static int read_examples(loader *ld, const ynode *v) {
  static const char *const keys[] = {"bad", "good", NULL};
  if (check_map_keys(ld, v, "examples", keys) < 0)
    return -1;
  const ynode *bad = yamltree_get(v, "bad");
  const ynode *good = yamltree_get(v, "good");
  rule *r = ld->r;
  if (bad && read_texts(ld, bad, "bad", &r->bad, &r->nbad) < 0)
    return -1;
  if (good && read_texts(ld, good, "good", &r->good, &r->ngood) < 0)
    return -1;
  return 0;
}

static int count_month_days(int m) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[m - 1];
}

// deadline = ("+" | "-") digit{1,2} "-" month "-" (day | "end")
//   e.g. +1-03-31 (31 March of the following year), +0-12-end
static int read_deadline(loader *ld, const ynode *v) {
  static const char *form = "'deadline' must look like +1-03-31 (sign and "
                            "years, month 01-12, day 01-31 or end)";
  if (!is_string(v) || (v->str[0] != '+' && v->str[0] != '-'))
    return fail_at(ld, v, "%s", form);
  const char *s = v->str;
  size_t ny = strspn(s + 1, "0123456789");
  const char *m = s + 1 + ny;
  if (ny < 1 || ny > 2 || m[0] != '-' || strspn(m + 1, "0123456789") != 2 ||
      m[3] != '-')
    return fail_at(ld, v, "%s", form);
  const char *d = m + 4;
  int month = atoi(m + 1);
  int day = -1;
  if (strcmp(d, "end") != 0) {
    if (strspn(d, "0123456789") != 2 || d[2] != '\0')
      return fail_at(ld, v, "%s", form);
    day = atoi(d);
  }
  if (month < 1 || month > 12 || day == 0 || day > 31)
    return fail_at(ld, v, "%s", form);
  if (day > count_month_days(month))
    return fail_at(ld, v, "'deadline': month %02d has no day %02d", month, day);
  rule_date *dt = &ld->r->u.date;
  dt->dl_years = atoi(s + 1) * (s[0] == '-' ? -1 : 1);
  dt->dl_month = month;
  dt->dl_day = day;
  return 0;
}

// --- one rule --------------------------------------------------------------

static int read_key(loader *ld, const key_spec *k, const ynode *v) {
  char *base = (char *)ld->r;
  void *field = base + k->off;
  switch (k->kind) {
  case K_ID:
  case K_TYPE:
    return 0;
  case K_STR:
  case K_TEXT:
    return read_string(ld, v, k->name, k->kind == K_STR, field);
  case K_BOOL:
    return read_bool(ld, v, k->name, field);
  case K_COUNT:
    return read_int(ld, v, k->name, 0, INT_MAX, "a non-negative integer",
                    field);
  case K_LEVEL:
    return read_int(ld, v, k->name, 1, 4, "an integer from 1 to 4", field);
  case K_NUMBER:
    *(int *)(base + k->has_off) = 1;
    return read_number(ld, v, k->name, field);
  case K_WORD:
    if (k->has)
      *(int *)(base + k->has_off) = 1;
    return read_word(ld, v, k->name, k->words, field);
  case K_PATTERN:
    return read_pattern(ld, v, k->name, field);
  case K_PATTERNS:
    return read_patterns(ld, v, k->name, field);
  case K_FORBID:
    return read_forbid(ld, v, k->name, field);
  case K_SCOPE:
    return read_scope(ld, v);
  case K_WHEN:
    return read_when(ld, v);
  case K_EXAMPLES:
    return read_examples(ld, v);
  case K_DEADLINE:
    return read_deadline(ld, v);
  case K_LATER:
    return 0;
  }
  return 0;
}

static int check_rule_keys(loader *ld, const key_spec *own) {
  const ynode *m = ld->m;
  for (size_t i = 0; i < m->n; i++) {
    const char *k = m->keys[i]->str;
    if (find_spec(common_keys, k) || find_spec(own, k))
      continue;
    char allowed[600] = "";
    append_names(common_keys, allowed, sizeof allowed);
    append_names(own, allowed, sizeof allowed);
    return fail_at(ld, m->keys[i],
                   "unknown key '%s' in rule '%s' (allowed: %s)", k, ld->r->id,
                   allowed);
  }
  return 0;
}

static int require_keys(loader *ld, const key_spec *t) {
  for (; t->name; t++)
    if (t->required && !yamltree_get(ld->m, t->name))
      return fail_at(ld, ld->m, "rule '%s' has no '%s'", ld->r->id, t->name);
  return 0;
}

static void set_defaults(rule *r) {
  r->enabled = 1;
  switch (r->type) {
  case RULE_SECTION:
    r->u.section.required = 1;
    r->u.section.max_level = 2;
    break;
  case RULE_SEQUENCE:
    r->u.sequence.repeats = 1;
    r->u.sequence.gaps = 1;
    break;
  case RULE_LEXICON:
    r->u.lexicon.idioms = 1;
    r->u.lexicon.max = 10;
    break;
  default:
    break;
  }
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

// Reads id and type, which the other checks need.
static int read_id_and_type(loader *ld) {
  rule *r = ld->r;
  const ynode *id = yamltree_get(ld->m, "id");
  if (!id)
    return fail_at(ld, ld->m, "rule has no 'id'");
  if (!is_string(id))
    return fail_at(ld, id, "'id' must be a string");
  if (!is_rule_id(id->str))
    return fail_at(ld, id,
                   "rule id '%s' must be dotted lower-case words "
                   "(e.g. section.measures)",
                   id->str);
  r->id = xstrdup(id->str);
  const ynode *type = yamltree_get(ld->m, "type");
  if (!type)
    return fail_at(ld, ld->m, "rule '%s' has no 'type'", r->id);
  int t;
  if (read_word(ld, type, "type", type_words, &t) < 0)
    return -1;
  r->type = (rule_type)t;
  return 0;
}

static int check_metric(loader *ld) {
  const rule_metric *mt = &ld->r->u.metric;
  const char *id = ld->r->id;
  int ratio = mt->check == METRIC_RATIO;
  if ((mt->check == METRIC_SUM || ratio) && !mt->pattern)
    return fail_at(ld, ld->m,
                   "rule '%s' has no 'pattern' (needed by "
                   "check '%s')",
                   id, ratio ? "ratio" : "sum");
  if (mt->check == METRIC_RANGE && !mt->has_min && !mt->has_max)
    return fail_at(ld, ld->m,
                   "rule '%s' has no 'min' or 'max' (needed by "
                   "check 'range')",
                   id);
  if (mt->has_min && mt->has_max && mt->min > mt->max)
    return fail_at(ld, yamltree_get(ld->m, "min"),
                   "'min' is greater than 'max'");
  static const char *const sum_groups[] = {"total", "parts", NULL};
  static const char *const ratio_groups[] = {"part", "whole", "rate", NULL};
  const char *const *groups = ratio ? ratio_groups : sum_groups;
  int grouped = mt->check == METRIC_SUM || ratio;
  for (int i = 0; grouped && mt->pattern && groups[i]; i++)
    if (regex_group_number(mt->pattern, groups[i]) < 0)
      return fail_at(ld, yamltree_get(ld->m, "pattern"),
                     "rule '%s': 'pattern' has no named group '%s' "
                     "(write (?<%s>...))",
                     id, groups[i], groups[i]);
  return 0;
}

// --- table rules -------------------------------------------------------------

// key = pattern | {match: pattern, nth?: int, at?: int}
// keys = {name: key, ...}        e.g. cols: {total: '总计|合计'}
static int read_table_key(loader *ld, const ynode *v, const char *name,
                          int is_col, table_key *k) {
  k->nth = 1;
  if (v->kind != YNODE_MAP)
    return read_pattern(ld, v, name, &k->label);
  static const char *const col_keys[] = {"match", "nth", "at", NULL};
  static const char *const row_keys[] = {"match", "at", NULL};
  if (check_map_keys(ld, v, name, is_col ? col_keys : row_keys) < 0)
    return -1;
  const ynode *m = yamltree_get(v, "match"), *nth = yamltree_get(v, "nth");
  const ynode *at = yamltree_get(v, "at");
  if (!m)
    return fail_at(ld, v, "'%s' needs 'match' (the header pattern)", name);
  if (read_pattern(ld, m, name, &k->label) < 0)
    return -1;
  if (at && read_int(ld, at, "at", 1, 1000, "an integer from 1 to 1000",
                     &k->at) < 0)
    return -1;
  if (nth && read_int(ld, nth, "nth", 1, 64, "an integer from 1 to 64",
                      &k->nth) < 0)
    return -1;
  return 0;
}

static int read_table_keys(loader *ld, const char *name, table_key **out,
                           int *n) {
  const ynode *v = yamltree_get(ld->m, name);
  if (!v)
    return 0;
  if (v->kind != YNODE_MAP || v->n == 0)
    return fail_at(ld, v, "'%s' must be a mapping of names to patterns",
                   name);
  *out = xcalloc(v->n, sizeof **out);
  for (size_t i = 0; i < v->n; i++) {
    table_key *k = &(*out)[i];
    k->name = xstrdup(v->keys[i]->str);
    (*n)++;
    if (read_table_key(ld, v->vals[i], v->keys[i]->str, name[0] == 'c', k) <
        0)
      return -1;
  }
  return 0;
}

static int find_table_key(const table_key *v, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(v[i].name, name) == 0)
      return i;
  return -1;
}

/* Key name in scalar v → its index in rows (a->along_cols 0) or cols. The
 * first key decides which, when `along` is not given. */
static int table_key_ref(loader *ld, const ynode *v, table_assert *a,
                         int first, int along_given) {
  const rule_table *t = &ld->r->u.table;
  if (!is_string(v))
    return fail_at(ld, v, "table keys must be names from 'rows' or 'cols'");
  int ir = find_table_key(t->rows, t->nrows, v->str);
  int ic = find_table_key(t->cols, t->ncols, v->str);
  if (first && !along_given)
    a->along_cols = ir < 0 && ic >= 0;
  int i = a->along_cols ? ic : ir;
  if (ir < 0 && ic < 0)
    return fail_at(ld, v, "rule '%s': no key '%s' in 'rows' or 'cols'",
                   ld->r->id, v->str);
  if (i < 0)
    return fail_at(ld, v,
                   "rule '%s': '%s' is in '%s', but this assertion's keys "
                   "name %s (mix no rows and columns in one assertion)",
                   ld->r->id, v->str, a->along_cols ? "rows" : "cols",
                   a->along_cols ? "columns" : "rows");
  return i;
}

/* A key of one kind, whatever the assertion's direction: [row, col]. */
static int table_named_key(loader *ld, const ynode *v, int is_col) {
  const rule_table *t = &ld->r->u.table;
  int i = is_string(v) ? is_col ? find_table_key(t->cols, t->ncols, v->str)
                                : find_table_key(t->rows, t->nrows, v->str)
                       : -1;
  if (i < 0)
    return fail_at(ld, v,
                   "rule '%s': a cell is [row, col]: a key from 'rows', then "
                   "one from 'cols'",
                   ld->r->id);
  return i;
}

// cell = [rowkey, colkey]
static int read_table_cell(loader *ld, const ynode *v, const char *name,
                           int *row, int *col) {
  if (!v || v->kind != YNODE_SEQ || v->n != 2)
    return fail_at(ld, v ? v : ld->m, "'%s' must be [row key, column key]",
                   name);
  if ((*row = table_named_key(ld, v->vals[0], 0)) < 0 ||
      (*col = table_named_key(ld, v->vals[1], 1)) < 0)
    return -1;
  return 0;
}

/* Reads a list of key names (or one name when one is allowed) into
 * *out / *n. */
static int read_key_list(loader *ld, const ynode *v, const char *name,
                         table_assert *a, int first, int along_given,
                         int **out, int *n) {
  if (!(v->kind == YNODE_SEQ && v->n > 0) && !(first < 0 && is_string(v)))
    return fail_at(ld, v, "'%s' must be a list of row or column names", name);
  size_t count = v->kind == YNODE_SEQ ? v->n : 1;
  *out = xcalloc(count, sizeof **out);
  for (size_t i = 0; i < count; i++) {
    const ynode *item = v->kind == YNODE_SEQ ? v->vals[i] : v;
    int k = table_key_ref(ld, item, a, first > 0 && i == 0, along_given);
    if (k < 0)
      return -1;
    (*out)[(*n)++] = k;
  }
  return 0;
}

static const word along_words[] = {{"rows", 0}, {"cols", 1}, {NULL, 0}};

static int read_text_table(loader *ld, const ynode *v, table_assert *a) {
  a->check = TABLE_TEXT;
  a->share_row = a->share_col = -1;
  const ynode *rel = yamltree_get(v, "relation");
  if (!is_string(rel) || strcmp(rel->str, "text-table") != 0)
    return fail_at(ld, rel, "'relation' must be text-table");
  const ynode *text = yamltree_get(v, "text");
  if (!text)
    return fail_at(ld, v, "relation text-table needs 'text' (the pattern "
                          "of the sentence, with a group 'value')");
  if (read_pattern(ld, text, "text", &a->text) < 0)
    return -1;
  const ynode *value = yamltree_get(v, "value");
  if (value) {
    if (read_number(ld, value, "value", &a->value) < 0)
      return -1;
    a->has_value = 1;
  } else if (regex_group_number(a->text, "value") < 0 &&
             regex_group_count(a->text) < 1) {
    return fail_at(ld, text, "rule '%s': 'text' needs a group (?<value>...) "
                             "around the quoted number, or 'value'",
                   ld->r->id);
  }
  const ynode *cell = yamltree_get(v, "cell"), *cells = yamltree_get(v, "cells");
  if (!cell == !cells)
    return fail_at(ld, v, "relation text-table needs 'cell: [row, col]' or "
                          "'cells: [[row, col], ...]' (added up)");
  int n = cell ? 1 : cells->kind == YNODE_SEQ ? (int)cells->n : 0;
  if (n == 0)
    return fail_at(ld, cells, "'cells' must be a list of [row, col]");
  a->cell_rows = xcalloc((size_t)n, sizeof *a->cell_rows);
  a->cell_cols = xcalloc((size_t)n, sizeof *a->cell_cols);
  for (int i = 0; i < n; i++, a->ncells++)
    if (read_table_cell(ld, cell ? cell : cells->vals[i], cell ? "cell" : "cells",
                        &a->cell_rows[i], &a->cell_cols[i]) < 0)
      return -1;
  const ynode *share = yamltree_get(v, "share_of");
  if (share &&
      read_table_cell(ld, share, "share_of", &a->share_row, &a->share_col) < 0)
    return -1;
  return 0;
}

// labels = [string...]: the form's numbered row labels, e.g. "1.属于国家秘密"
static int read_form_labels(loader *ld, const ynode *v, table_assert *a) {
  a->check = TABLE_LABELS;
  if (v->kind != YNODE_SEQ || v->n == 0)
    return fail_at(ld, v, "'labels' must be a non-empty list of row labels");
  a->labels = xcalloc(v->n, sizeof *a->labels);
  for (size_t i = 0; i < v->n; i++, a->nlabels++)
    if (read_string(ld, v->vals[i], "labels", 1, &a->labels[i]) < 0)
      return -1;
  return 0;
}

// assertion = {sum: [key...], equals: key | [key...], along?: rows|cols}
//           | {eq: [a, b], along?} | {le: [a, b], along?}
//           | {filled: [key...], along?}
//           | {nonnegative: true, except?} | {integer: true, except?}
//           | {readable: true} | {present: heading pattern}
//           | {labels: [string...]} | {split: row key}
//           | {zeros: true, except?: header pattern}
//           | {relation: text-table, text: pattern, cell: [row, col],
//              share_of?: [row, col], value?: number}
// each with message?: template
static int read_table_assert(loader *ld, const ynode *v, table_assert *a) {
  static const char *const keys[] = {
      "sum",         "equals",  "eq",     "le",       "filled",
      "along",       "message", "except", "relation", "text",
      "nonnegative", "integer", "cell",   "cells",    "share_of", "readable",
      "present",     "labels",  "split",  "zeros",    "value",    NULL};
  a->share_row = a->share_col = -1;
  if (check_map_keys(ld, v, "assert", keys) < 0)
    return -1;
  const ynode *msg = yamltree_get(v, "message");
  if (msg && read_string(ld, msg, "message", 1, &a->message) < 0)
    return -1;
  if (yamltree_get(v, "relation"))
    return read_text_table(ld, v, a);
  const ynode *sum = yamltree_get(v, "sum"), *eq = yamltree_get(v, "eq");
  const ynode *le = yamltree_get(v, "le"), *along = yamltree_get(v, "along");
  const ynode *equals = yamltree_get(v, "equals");
  const ynode *filled = yamltree_get(v, "filled");
  const ynode *except = yamltree_get(v, "except");
  if (along && read_word(ld, along, "along", along_words, &a->along_cols) < 0)
    return -1;
  if (yamltree_get(v, "present")) {
    a->check = TABLE_PRESENT;
    return read_pattern(ld, yamltree_get(v, "present"), "present", &a->text);
  }
  if (yamltree_get(v, "labels"))
    return read_form_labels(ld, yamltree_get(v, "labels"), a);
  if (yamltree_get(v, "split")) { /* split: row key */
    a->check = TABLE_SPLIT;
    a->parts = xcalloc(1, sizeof *a->parts);
    if ((a->parts[0] = table_named_key(ld, yamltree_get(v, "split"), 0)) < 0)
      return -1;
    a->nparts = 1;
    return 0;
  }
  // {readable: true} | {integer: true} | {nonnegative: true}: no keys
  static const struct {
    const char *name;
    table_check check;
  } flags[] = {{"readable", TABLE_READABLE},
               {"zeros", TABLE_ZEROS},
               {"integer", TABLE_INTEGER},
               {"nonnegative", TABLE_NONNEGATIVE}};
  for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
    const ynode *f = yamltree_get(v, flags[i].name);
    if (!f)
      continue;
    int on = 0;
    if (read_bool(ld, f, flags[i].name, &on) < 0)
      return -1;
    a->check = flags[i].check;
    if (except && a->check != TABLE_READABLE && a->check != TABLE_ZEROS &&
        read_pattern(ld, except, "except", &a->except) < 0)
      return -1;
    if (!on)
      return fail_at(ld, v, "'%s' can only be true", flags[i].name);
    if (except && a->check == TABLE_ZEROS &&
        read_pattern(ld, except, "except", &a->except) < 0)
      return -1;
    if (except && a->check == TABLE_READABLE)
      break; /* 'except' does not go with it */
    return 0;
  }
  if (except)
    return fail_at(ld, except, "'except' goes with nonnegative or integer");
  const ynode *list = sum ? sum : eq ? eq : le ? le : filled;
  if (!list || list->kind != YNODE_SEQ || list->n == 0 ||
      ((eq || le) && !sum && list->n != 2))
    return fail_at(ld, list ? list : v,
                   "an assertion is {sum: [keys], equals: key}, {eq: [a, b]}, "
                   "{le: [a, b]}, {filled: [keys]}, {nonnegative: true}, "
                   "{integer: true}, {readable: true}, {present: pattern} or "
                   "{relation: text-table, ...}");
  if (sum && !equals)
    return fail_at(ld, v, "'sum' needs 'equals' (the key of the total)");
  a->check = sum ? TABLE_SUM : eq ? TABLE_EQ : le ? TABLE_LE : TABLE_FILLED;
  if (read_key_list(ld, list, sum ? "sum" : eq ? "eq" : le ? "le" : "filled",
                    a, 1, along != NULL, &a->parts, &a->nparts) < 0)
    return -1;
  if (sum && read_key_list(ld, equals, "equals", a, -1, 1, &a->totals,
                           &a->ntotals) < 0)
    return -1;
  return 0;
}

static int check_table(loader *ld) {
  rule_table *t = &ld->r->u.table;
  if (read_table_keys(ld, "rows", &t->rows, &t->nrows) < 0 ||
      read_table_keys(ld, "cols", &t->cols, &t->ncols) < 0)
    return -1;
  const ynode *v = yamltree_get(ld->m, "assert");
  if (v->kind != YNODE_SEQ || v->n == 0)
    return fail_at(ld, v, "'assert' must be a non-empty list of assertions");
  t->asserts = xcalloc(v->n, sizeof *t->asserts);
  for (size_t i = 0; i < v->n; i++) {
    t->nasserts++;
    if (read_table_assert(ld, v->vals[i], &t->asserts[i]) < 0)
      return -1;
  }
  return 0;
}

static void free_table(rule_table *t) {
  regex_free(t->select);
  for (int i = 0; i < t->nrows; i++) {
    free(t->rows[i].name);
    regex_free(t->rows[i].label);
  }
  for (int i = 0; i < t->ncols; i++) {
    free(t->cols[i].name);
    regex_free(t->cols[i].label);
  }
  free(t->rows);
  free(t->cols);
  for (int i = 0; i < t->nasserts; i++) {
    table_assert *a = &t->asserts[i];
    free(a->parts);
    free(a->totals);
    free(a->cell_rows);
    free(a->cell_cols);
    free(a->message);
    regex_free(a->except);
    regex_free(a->text);
    for (int k = 0; k < a->nlabels; k++)
      free(a->labels[k]);
    free(a->labels);
  }
  free(t->asserts);
  free(t->missing_message);
}

// --- lexicon rules -----------------------------------------------------------

static void free_texts(char **v, int n);

/* path, relative to the directory of the rule file being read. Returns a
 * newly allocated string (free()). */
static char *beside_rule_file(const loader *ld, const char *path) {
  const char *slash = strrchr(ld->path, '/');
  if (path[0] == '/' || !slash)
    return xstrdup(path);
  size_t dl = (size_t)(slash - ld->path) + 1;
  char *out = xmalloc(dl + strlen(path) + 1);
  memcpy(out, ld->path, dl);
  strcpy(out + dl, path);
  return out;
}

/* The word list of an earlier lexicon rule of the set reading the same
 * files, or NULL: a set's lexicon rules load it once. */
static lexicon *find_loaded_lexicon(const loader *ld) {
  const rule_lexicon *me = &ld->r->u.lexicon;
  for (int i = 0; i < ld->rs->nrules; i++) {
    const rule *r = &ld->rs->rules[i];
    if (r->type == RULE_LEXICON && r->u.lexicon.lex &&
        strcmp(r->u.lexicon.words, me->words) == 0 &&
        strcmp(r->u.lexicon.pinyin, me->pinyin) == 0)
      return r->u.lexicon.lex;
  }
  return NULL;
}

static void add_idiom(void *arg, const char *s, size_t len) {
  nearmiss_add(arg, s, len, NEAR_SUB, 1);
}

static int index_terms(loader *ld, const ynode *terms) {
  rule_lexicon *lx = &ld->r->u.lexicon;
  lx->near = nearmiss_new();
  for (int i = 0; i < lx->nterms; i++)
    if (nearmiss_add(lx->near, lx->terms[i], strlen(lx->terms[i]),
                     NEAR_SUB | NEAR_DEL | NEAR_INS | NEAR_CUT, 0) < 0)
      return fail_at(ld, get_item(terms, (size_t)i),
                     "term '%s' must have %d to %d characters", lx->terms[i],
                     NEARMISS_MIN, NEARMISS_MAX);
  if (lx->idioms)
    lexicon_each(lx->lex, 'i', add_idiom, lx->near);
  return 0;
}

static int check_lexicon(loader *ld) {
  rule_lexicon *lx = &ld->r->u.lexicon;
  const ynode *terms = yamltree_get(ld->m, "terms");
  const ynode *measures = yamltree_get(ld->m, "measures");
  if (terms && read_texts(ld, terms, "terms", &lx->terms, &lx->nterms) < 0)
    return -1;
  if (measures && read_texts(ld, measures, "measures", &lx->measures,
                             &lx->nmeasures) < 0)
    return -1;
  const ynode *except = yamltree_get(ld->m, "except");
  if (except && read_texts(ld, except, "except", &lx->except,
                           &lx->nexcept) < 0)
    return -1;
  const ynode *doubles = yamltree_get(ld->m, "doubles");
  if (doubles && read_texts(ld, doubles, "doubles", &lx->doubles,
                            &lx->ndoubles) < 0)
    return -1;
  char *w = beside_rule_file(ld, lx->words);
  char *p = beside_rule_file(ld, lx->pinyin);
  free(lx->words);
  free(lx->pinyin);
  lx->words = w;
  lx->pinyin = p;
  lx->lex = find_loaded_lexicon(ld);
  char err[600];
  if (!lx->lex && lexicon_load(w, p, &lx->lex, err, sizeof err) < 0)
    return fail_at(ld, yamltree_get(ld->m, "words"), "rule '%s': %s",
                   ld->r->id, err);
  lx->owns_lex = lx->lex != find_loaded_lexicon(ld);
  if (lx->check == LEXICON_NEAR)
    return index_terms(ld, terms);
  return 0;
}

static void free_lexicon_rule(rule_lexicon *lx) {
  free(lx->words);
  free(lx->pinyin);
  if (lx->owns_lex)
    lexicon_free(lx->lex);
  free_texts(lx->terms, lx->nterms);
  free_texts(lx->measures, lx->nmeasures);
  free_texts(lx->doubles, lx->ndoubles);
  free_texts(lx->except, lx->nexcept);
  nearmiss_free(lx->near);
}

// Requirements that depend on more than one key.
static int check_combinations(loader *ld) {
  const rule *r = ld->r;
  switch (r->type) {
  case RULE_PATTERN:
    if (!r->u.pattern.forbid.n && !r->u.pattern.require.n)
      return fail_at(ld, ld->m, "rule '%s' has no 'forbid' or 'require'",
                     r->id);
    return 0;
  case RULE_METRIC:
    return check_metric(ld);
  case RULE_TABLE:
    return check_table(ld);
  case RULE_LEXICON:
    return check_lexicon(ld);
  case RULE_DATE:
    if ((r->u.date.check == DATE_DEADLINE ||
         r->u.date.check == DATE_PUBLISHED) &&
        !yamltree_get(ld->m, "deadline"))
      return fail_at(ld, ld->m,
                     "rule '%s' has no 'deadline' (needed by "
                     "check '%s')",
                     r->id,
                     r->u.date.check == DATE_DEADLINE ? "deadline"
                                                      : "published");
    if (r->u.date.check == DATE_CUTOFF && !r->u.date.cutoff.n)
      return fail_at(ld, ld->m,
                     "rule '%s' has no 'cutoff' (needed by "
                     "check 'cutoff')",
                     r->id);
    return 0;
  default:
    return 0;
  }
}

static int check_unique_id(loader *ld) {
  int i = rules_find(ld->rs, ld->r->id);
  if (i < 0)
    return 0;
  const rule *first = &ld->rs->rules[i];
  return fail_at(ld, yamltree_get(ld->m, "id"),
                 "duplicate rule id '%s' (first defined at %s:%d)", ld->r->id,
                 first->file, first->line);
}

static int read_rule_body(loader *ld) {
  if (read_id_and_type(ld) < 0)
    return -1;
  set_defaults(ld->r);
  const key_spec *own = find_type_keys(ld->r->type);
  if (check_rule_keys(ld, own) < 0 || require_keys(ld, common_keys) < 0 ||
      require_keys(ld, own) < 0 || check_unique_id(ld) < 0)
    return -1;
  for (size_t i = 0; i < ld->m->n; i++) {
    const char *k = ld->m->keys[i]->str;
    const key_spec *spec = find_spec(common_keys, k);
    if (!spec)
      spec = find_spec(own, k);
    if (read_key(ld, spec, ld->m->vals[i]) < 0)
      return -1;
  }
  return check_combinations(ld);
}

static void free_list(regex_list *l) {
  for (int i = 0; i < l->n; i++)
    regex_free(l->v[i]);
  free(l->v);
  for (int i = 0; l->ext && i < l->n; i++)
    free(l->ext[i]);
  free(l->year_min);
  free(l->year_max);
  free(l->ext);
}

static void free_texts(char **v, int n) {
  for (int i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static void free_rule(rule *r) {
  switch (r->type) {
  case RULE_SECTION:
    free(r->u.section.key);
    free(r->u.section.name);
    free_list(&r->u.section.headings);
    free_list(&r->u.section.fallback);
    free(r->u.section.fallback_message);
    break;
  case RULE_PATTERN:
    free_list(&r->u.pattern.forbid);
    free_list(&r->u.pattern.require);
    free_list(&r->u.pattern.unless);
    free_list(&r->u.pattern.also);
    break;
  case RULE_METRIC:
    regex_free(r->u.metric.label);
    regex_free(r->u.metric.unit);
    regex_free(r->u.metric.exclude);
    regex_free(r->u.metric.pattern);
    break;
  case RULE_TABLE:
    free_table(&r->u.table);
    break;
  case RULE_LEXICON:
    free_lexicon_rule(&r->u.lexicon);
    break;
  case RULE_DATE:
    free_list(&r->u.date.cutoff);
    regex_free(r->u.date.issuer);
    free(r->u.date.plans_key);
    break;
  default:
    break;
  }
  free(r->id);
  free(r->message);
  free(r->scope.key);
  free(r->description);
  free(r->regulation);
  free_texts(r->bad, r->nbad);
  free_texts(r->good, r->ngood);
  free(r->file);
}

static int read_rule(loader *ld, const ynode *m) {
  if (m->kind != YNODE_MAP)
    return fail_at(ld, m, "each rule must be a mapping");
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
  char *name, *version, *report_type, *regulation;
  regex *detect, *detect_content;
  int fallback;
} header;

static void release_header(header *h) {
  free(h->name);
  free(h->version);
  free(h->report_type);
  free(h->regulation);
  regex_free(h->detect);
  regex_free(h->detect_content);
}

static int read_header_key(loader *ld, header *h, const ynode *k,
                           const ynode *v) {
  const char *key = k->str;
  if (strcmp(key, "name") == 0)
    return read_string(ld, v, key, 1, &h->name);
  if (strcmp(key, "version") == 0) {
    scalar_class c = v->kind == YNODE_SCALAR ? yamltree_classify(v) : SC_NULL;
    if (c != SC_STRING && c != SC_INT && c != SC_FLOAT)
      return fail_at(ld, v, "'version' must be a string or a number");
    h->version = xstrdup(v->str);
    return 0;
  }
  if (strcmp(key, "report_type") == 0)
    return read_string(ld, v, key, 0, &h->report_type);
  if (strcmp(key, "regulation") == 0)
    return read_string(ld, v, key, 0, &h->regulation);
  if (strcmp(key, "detect") == 0)
    return read_pattern(ld, v, key, &h->detect);
  if (strcmp(key, "detect_content") == 0)
    return read_pattern(ld, v, key, &h->detect_content);
  if (strcmp(key, "fallback") == 0)
    return read_bool(ld, v, key, &h->fallback);
  return fail_at(ld, k,
                 "unknown key '%s' in 'ruleset' (allowed: name, version, "
                 "report_type, regulation, detect, detect_content, "
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
  if (!is_same_text(rs->detect ? regex_source(rs->detect) : NULL,
                    h->detect ? regex_source(h->detect) : NULL))
    return "detect";
  if (!is_same_text(rs->detect_content ? regex_source(rs->detect_content)
                                       : NULL,
                    h->detect_content ? regex_source(h->detect_content)
                                      : NULL))
    return "detect_content";
  if (rs->fallback != h->fallback)
    return "fallback";
  return NULL;
}

// A rule set has one header. rs->version doubles as "a header was read":
// it is set (to "0" by default) by the first header.
static int merge_header(loader *ld, const ynode *node, header *h) {
  rl_ruleset *rs = ld->rs;
  if (!h->version)
    h->version = xstrdup("0");
  if (rs->version) {
    const char *diff = find_header_difference(rs, h);
    if (diff)
      return fail_at(ld, node,
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
  rs->detect = h->detect;
  rs->detect_content = h->detect_content;
  rs->fallback = h->fallback;
  return 0;
}

static int read_header(loader *ld, const ynode *v) {
  if (v->kind != YNODE_MAP)
    return fail_at(ld, v, "'ruleset' must be a mapping");
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
  free(m->unit);
  free(m->description);
  for (int i = 0; i < m->nexamples; i++)
    free(m->examples[i].text);
  free(m->examples);
  free(m->file);
}

// metric-example = {text: string, value: number | null}
static int read_metric_example(loader *ld, const ynode *v,
                               key_metric_example *out) {
  static const char *const keys[] = {"text", "value", NULL};
  if (v->kind != YNODE_MAP)
    return fail_at(ld, v, "a metric example must be a mapping with 'text' "
                          "and 'value'");
  if (check_map_keys(ld, v, "examples", keys) < 0)
    return -1;
  const ynode *text = yamltree_get(v, "text");
  const ynode *value = yamltree_get(v, "value");
  if (!text || !value)
    return fail_at(ld, v, "a metric example needs 'text' and 'value' "
                          "(null: the figure is not stated)");
  if (read_string(ld, text, "text", 1, &out->text) < 0)
    return -1;
  if (value->kind == YNODE_SCALAR && yamltree_classify(value) == SC_NULL)
    return 0;
  out->has_value = 1;
  return read_number(ld, value, "value", &out->value);
}

static int read_metric_examples(loader *ld, const ynode *v, key_metric *m) {
  if (v->kind != YNODE_SEQ)
    return fail_at(ld, v, "'examples' of a metric must be a list of "
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

static int read_metric_id(loader *ld, const ynode *m, key_metric *out) {
  const ynode *id = yamltree_get(m, "id");
  if (!id)
    return fail_at(ld, m, "metric has no 'id'");
  if (!is_string(id) || !is_rule_id(id->str))
    return fail_at(ld, id,
                   "metric id must be dotted lower-case words "
                   "(e.g. review.cases)");
  int i = rules_find_metric(ld->rs, id->str);
  if (i >= 0)
    return fail_at(ld, id, "duplicate metric id '%s' (first defined at %s:%d)",
                   id->str, ld->rs->metrics[i].file,
                   ld->rs->metrics[i].line);
  out->id = xstrdup(id->str);
  return 0;
}

// The pattern must name the figure: a group `value` (or `zero`).
static int read_metric_pattern(loader *ld, const ynode *v, key_metric *m) {
  if (read_pattern(ld, v, "pattern", &m->pattern) < 0)
    return -1;
  if (regex_group_number(m->pattern, "value") < 0)
    return fail_at(ld, v,
                   "metric '%s': 'pattern' needs a named group (?<value>...) "
                   "around the number",
                   m->id);
  return 0;
}

// metric = {id, label, pattern, unit?, description?, examples?}
static int read_metric_body(loader *ld, const ynode *m, key_metric *out) {
  static const char *const keys[] = {"id",   "label",       "pattern",
                                     "unit", "description", "examples",
                                     NULL};
  if (check_map_keys(ld, m, "metric", keys) < 0 ||
      read_metric_id(ld, m, out) < 0)
    return -1;
  const ynode *label = yamltree_get(m, "label");
  const ynode *pattern = yamltree_get(m, "pattern");
  if (!label || !pattern)
    return fail_at(ld, m, "metric '%s' needs 'label' and 'pattern'", out->id);
  const ynode *unit = yamltree_get(m, "unit");
  const ynode *desc = yamltree_get(m, "description");
  const ynode *ex = yamltree_get(m, "examples");
  if (read_string(ld, label, "label", 1, &out->label) < 0 ||
      read_metric_pattern(ld, pattern, out) < 0 ||
      (unit && read_string(ld, unit, "unit", 1, &out->unit) < 0) ||
      (desc && read_string(ld, desc, "description", 0, &out->description) <
                   0) ||
      (ex && read_metric_examples(ld, ex, out) < 0))
    return -1;
  return 0;
}

static int read_metric(loader *ld, const ynode *m) {
  if (m->kind != YNODE_MAP)
    return fail_at(ld, m, "each metric must be a mapping");
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

static int read_metrics(loader *ld, const ynode *list) {
  if (list->kind != YNODE_SEQ)
    return fail_at(ld, list, "'metrics' must be a list of metrics");
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
static int read_file_root(loader *ld, const ynode *root) {
  if (root->kind != YNODE_MAP)
    return fail_at(ld, root,
                   "a rule file must be a mapping with 'ruleset', 'rules' "
                   "and/or 'metrics'");
  for (size_t i = 0; i < root->n; i++) {
    const char *k = root->keys[i]->str;
    if (strcmp(k, "ruleset") != 0 && strcmp(k, "rules") != 0 &&
        strcmp(k, "metrics") != 0)
      return fail_at(ld, root->keys[i],
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
    return fail_at(ld, list, "'rules' must be a list of rules");
  for (size_t i = 0; i < list->n; i++)
    if (read_rule(ld, list->vals[i]) < 0)
      return -1;
  return 0;
}

int rules_load_file(rl_ruleset *rs, const char *path, rl_diag *diag) {
  ynode *root = yamltree_load(path, diag);
  if (!root)
    return -1;
  loader ld = {rs, path, diag, NULL, NULL};
  int before = rs->nrules, metrics_before = rs->nmetrics;
  int rc = read_file_root(&ld, root);
  yamltree_free(root);
  if (rc < 0) {
    // Leave rs as it was before this file, apart from its header.
    while (rs->nrules > before)
      free_rule(&rs->rules[--rs->nrules]);
    while (rs->nmetrics > metrics_before)
      free_metric(&rs->metrics[--rs->nmetrics]);
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
  if (!d)
    return diag_set(diag, DIAG_RULES, dir, 0, 0,
                    "cannot open rule directory: %s", strerror(errno));
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
  free(rs->name);
  free(rs->version);
  free(rs->report_type);
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
