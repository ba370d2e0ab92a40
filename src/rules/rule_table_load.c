/* rule_table_load: the table sub-language of `table` rules.
 *
 * Consumes a table rule's `rows`, `cols` and `assert` (the keys its key
 * table leaves for later, since assertions name rows and columns); produces
 * the rule_table's keys and assertions, each complaint at the YAML node at
 * fault. What the assertions mean when they run is rule_table.c's. */
#include "rule_table_load.h"

#include "alloc.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// key = pattern | {match: pattern, nth?: int, at?: int}
// keys = {name: key, ...}        e.g. cols: {total: '总计|合计'}
static int read_table_key(rules_loader *ld, const ynode *v, const char *name,
                          int is_col, table_key *k) {
  k->nth = 1;
  if (v->kind != YNODE_MAP)
    return rules_load_pattern(ld, v, name, &k->label);
  static const char *const col_keys[] = {"match", "nth", "at", NULL};
  static const char *const row_keys[] = {"match", "at", NULL};
  if (rules_load_map_keys(ld, v, name, is_col ? col_keys : row_keys) < 0)
    return -1;
  const ynode *m = yamltree_get(v, "match"), *nth = yamltree_get(v, "nth");
  const ynode *at = yamltree_get(v, "at");
  if (!m)
    return rules_load_fail(ld, v, "'%s' needs 'match' (the header pattern)",
                           name);
  if (rules_load_pattern(ld, m, name, &k->label) < 0)
    return -1;
  if (at && rules_load_int(ld, at, "at", 1, 1000, N_("an integer from 1 to 1000"),
                           &k->at) < 0)
    return -1;
  if (nth && rules_load_int(ld, nth, "nth", 1, 64, N_("an integer from 1 to 64"),
                            &k->nth) < 0)
    return -1;
  return 0;
}

static int read_table_keys(rules_loader *ld, const char *name, table_key **out,
                           int *n) {
  const ynode *v = yamltree_get(ld->m, name);
  if (!v)
    return 0;
  if (v->kind != YNODE_MAP || v->n == 0)
    return rules_load_fail(ld, v, "'%s' must be a mapping of names to patterns",
                           name);
  *out = xcalloc(v->n, sizeof **out);
  for (size_t i = 0; i < v->n; i++) {
    table_key *k = &(*out)[i];
    k->name = xstrdup(v->keys[i]->str);
    (*n)++;
    if (read_table_key(ld, v->vals[i], v->keys[i]->str, name[0] == 'c', k) < 0)
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
static int table_key_ref(rules_loader *ld, const ynode *v, table_assert *a,
                         int first, int along_given) {
  const rule_table *t = &ld->r->u.table;
  if (!rules_load_is_string(v))
    return rules_load_fail(ld, v,
                           "table keys must be names from 'rows' or 'cols'");
  int ir = find_table_key(t->rows, t->nrows, v->str);
  int ic = find_table_key(t->cols, t->ncols, v->str);
  if (first && !along_given)
    a->along_cols = ir < 0 && ic >= 0;
  int i = a->along_cols ? ic : ir;
  if (ir < 0 && ic < 0)
    return rules_load_fail(ld, v, "rule '%s': no key '%s' in 'rows' or 'cols'",
                           ld->r->id, v->str);
  if (i < 0)
    return rules_load_fail(
        ld, v,
        "rule '%s': '%s' is in '%s', but this assertion's keys "
        "name %s (mix no rows and columns in one assertion)",
        ld->r->id, v->str, a->along_cols ? "rows" : "cols",
        a->along_cols ? _("columns") : _("rows"));
  return i;
}

/* A key of one kind, whatever the assertion's direction: [row, col]. */
static int table_named_key(rules_loader *ld, const ynode *v, int is_col) {
  const rule_table *t = &ld->r->u.table;
  int i = rules_load_is_string(v)
              ? is_col ? find_table_key(t->cols, t->ncols, v->str)
                       : find_table_key(t->rows, t->nrows, v->str)
              : -1;
  if (i < 0)
    return rules_load_fail(
        ld, v,
        "rule '%s': a cell is [row, col]: a key from 'rows', then "
        "one from 'cols'",
        ld->r->id);
  return i;
}

// cell = [rowkey, colkey]
static int read_table_cell(rules_loader *ld, const ynode *v, const char *name,
                           int *row, int *col) {
  if (!v || v->kind != YNODE_SEQ || v->n != 2)
    return rules_load_fail(ld, v ? v : ld->m,
                           "'%s' must be [row key, column key]", name);
  if ((*row = table_named_key(ld, v->vals[0], 0)) < 0 ||
      (*col = table_named_key(ld, v->vals[1], 1)) < 0)
    return -1;
  return 0;
}

/* Reads a list of key names (or one name when one is allowed) into
 * *out / *n. */
static int read_key_list(rules_loader *ld, const ynode *v, const char *name,
                         table_assert *a, int first, int along_given, int **out,
                         int *n) {
  if (!(v->kind == YNODE_SEQ && v->n > 0) &&
      !(first < 0 && rules_load_is_string(v)))
    return rules_load_fail(ld, v, "'%s' must be a list of row or column names",
                           name);
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

static const key_word along_words[] = {{"rows", 0}, {"cols", 1}, {NULL, 0}};

// text-table = text: pattern, (cell: [row, col] | cells: [[row, col], ...]),
//              share_of?: [row, col], value?: number
/* what names the form in messages: "relation text-table" (the old
 * spelling) or "check text-table". */
static int read_text_table(rules_loader *ld, const ynode *v, table_assert *a,
                           const char *what) {
  a->check = TABLE_TEXT;
  a->share_row = a->share_col = -1;
  const ynode *text = yamltree_get(v, "text");
  if (!text)
    return rules_load_fail(ld, v,
                           "%s needs 'text' (the pattern "
                           "of the sentence, with a group 'value')",
                           what);
  if (rules_load_pattern(ld, text, "text", &a->text) < 0)
    return -1;
  const ynode *value = yamltree_get(v, "value");
  if (value) {
    if (rules_load_number(ld, value, "value", &a->value) < 0)
      return -1;
    a->has_value = 1;
  } else if (regex_group_number(a->text, "value") < 0 &&
             regex_group_count(a->text) < 1) {
    return rules_load_fail(ld, text,
                           "rule '%s': 'text' needs a group (?<value>...) "
                           "around the quoted number, or 'value'",
                           ld->r->id);
  }
  const ynode *cell = yamltree_get(v, "cell"),
              *cells = yamltree_get(v, "cells");
  if (!cell == !cells)
    return rules_load_fail(ld, v,
                           "%s needs 'cell: [row, col]' or "
                           "'cells: [[row, col], ...]' (added up)",
                           what);
  int n = cell ? 1 : cells->kind == YNODE_SEQ ? (int)cells->n : 0;
  if (n == 0)
    return rules_load_fail(ld, cells, "'cells' must be a list of [row, col]");
  a->cell_rows = xcalloc((size_t)n, sizeof *a->cell_rows);
  a->cell_cols = xcalloc((size_t)n, sizeof *a->cell_cols);
  for (int i = 0; i < n; i++, a->ncells++)
    if (read_table_cell(ld, cell ? cell : cells->vals[i],
                        cell ? "cell" : "cells", &a->cell_rows[i],
                        &a->cell_cols[i]) < 0)
      return -1;
  const ynode *share = yamltree_get(v, "share_of");
  if (share &&
      read_table_cell(ld, share, "share_of", &a->share_row, &a->share_col) < 0)
    return -1;
  return 0;
}

// labels = [string...]: the form's numbered row labels, e.g. "1.属于国家秘密"
static int read_form_labels(rules_loader *ld, const ynode *v, table_assert *a) {
  a->check = TABLE_LABELS;
  if (v->kind != YNODE_SEQ || v->n == 0)
    return rules_load_fail(ld, v,
                           "'labels' must be a non-empty list of row labels");
  a->labels = xcalloc(v->n, sizeof *a->labels);
  for (size_t i = 0; i < v->n; i++, a->nlabels++)
    if (rules_load_string(ld, v->vals[i], "labels", 1, &a->labels[i]) < 0)
      return -1;
  return 0;
}

// message = template: the assertion's own, instead of the rule's
static int read_assert_message(rules_loader *ld, const ynode *v,
                               table_assert *a) {
  const ynode *msg = yamltree_get(v, "message");
  if (msg && (rules_load_string(ld, msg, "message", 1, &a->message) < 0 ||
              rules_load_template(ld, msg, a->message) < 0))
    return -1;
  return 0;
}

/* The first spelling, one key naming the check and holding its operands:
 * assertion = {sum: [key...], equals: key | [key...], along?: rows|cols}
 *           | {eq: [a, b], along?} | {le: [a, b], along?}
 *           | {filled: [key...], along?}
 *           | {nonnegative: true, except?} | {integer: true, except?}
 *           | {readable: true} | {present: heading pattern}
 *           | {labels: [string...]} | {split: row key}
 *           | {zeros: true, except?: header pattern}
 *           | {relation: text-table, text: pattern, cell: [row, col],
 *              share_of?: [row, col], value?: number}
 * Deprecated for {check: ...} (below), still read as it always was. */
static int read_old_assert(rules_loader *ld, const ynode *v, table_assert *a) {
  static const char *const keys[] = {
      "sum",     "equals", "eq",       "le",       "filled",      "along",
      "message", "except", "relation", "text",     "nonnegative", "integer",
      "cell",    "cells",  "share_of", "readable", "present",     "labels",
      "split",   "zeros",  "value",    NULL};
  if (rules_load_map_keys(ld, v, "assert", keys) < 0 ||
      read_assert_message(ld, v, a) < 0)
    return -1;
  const ynode *rel = yamltree_get(v, "relation");
  if (rel && (!rules_load_is_string(rel) || strcmp(rel->str, "text-table")))
    return rules_load_fail(ld, rel, "'relation' must be text-table");
  if (rel)
    return read_text_table(ld, v, a, "relation text-table");
  const ynode *sum = yamltree_get(v, "sum"), *eq = yamltree_get(v, "eq");
  const ynode *le = yamltree_get(v, "le"), *along = yamltree_get(v, "along");
  const ynode *equals = yamltree_get(v, "equals");
  const ynode *filled = yamltree_get(v, "filled");
  const ynode *except = yamltree_get(v, "except");
  if (along &&
      rules_load_word(ld, along, "along", along_words, &a->along_cols) < 0)
    return -1;
  if (yamltree_get(v, "present")) {
    a->check = TABLE_PRESENT;
    return rules_load_pattern(ld, yamltree_get(v, "present"), "present",
                              &a->text);
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
    if (rules_load_bool(ld, f, flags[i].name, &on) < 0)
      return -1;
    a->check = flags[i].check;
    if (except && a->check != TABLE_READABLE && a->check != TABLE_ZEROS &&
        rules_load_pattern(ld, except, "except", &a->except) < 0)
      return -1;
    if (!on)
      return rules_load_fail(ld, v, "'%s' can only be true", flags[i].name);
    if (except && a->check == TABLE_ZEROS &&
        rules_load_pattern(ld, except, "except", &a->except) < 0)
      return -1;
    if (except && a->check == TABLE_READABLE)
      break; /* 'except' does not go with it */
    return 0;
  }
  if (except)
    return rules_load_fail(ld, except,
                           "'except' goes with nonnegative or integer");
  const ynode *list = sum ? sum : eq ? eq : le ? le : filled;
  if (!list || list->kind != YNODE_SEQ || list->n == 0 ||
      ((eq || le) && !sum && list->n != 2))
    return rules_load_fail(
        ld, list ? list : v,
        "an assertion is {sum: [keys], equals: key}, {eq: [a, b]}, "
        "{le: [a, b]}, {filled: [keys]}, {nonnegative: true}, "
        "{integer: true}, {readable: true}, {present: pattern} or "
        "{relation: text-table, ...}");
  if (sum && !equals)
    return rules_load_fail(ld, v,
                           "'sum' needs 'equals' (the key of the total)");
  a->check = sum ? TABLE_SUM : eq ? TABLE_EQ : le ? TABLE_LE : TABLE_FILLED;
  if (read_key_list(ld, list,
                    sum  ? "sum"
                    : eq ? "eq"
                    : le ? "le"
                         : "filled",
                    a, 1, along != NULL, &a->parts, &a->nparts) < 0)
    return -1;
  if (sum && read_key_list(ld, equals, "equals", a, -1, 1, &a->totals,
                           &a->ntotals) < 0)
    return -1;
  return 0;
}

/* One spelling for every assertion, as the other rule types name theirs:
 * `check` names it, the other keys are its operands.
 * assertion = {check: sum, keys: [key...], equals: key | [key...], along?}
 *           | {check: eq | le, keys: [a, b], along?}
 *           | {check: filled, keys: [key...], along?}
 *           | {check: nonnegative | integer | zeros, except?: pattern}
 *           | {check: readable}
 *           | {check: present, heading: pattern}
 *           | {check: labels, labels: [string...]}
 *           | {check: split, row: row key}
 *           | {check: text-table, text: pattern, cell | cells, share_of?,
 *              value?}
 * each with message?: template */
typedef struct assert_form {
  const char *name;
  table_check check;
  const char *keys[6]; /* its operands (besides check and message) */
} assert_form;

static const assert_form assert_forms[] = {
    {"sum", TABLE_SUM, {"keys", "equals", "along"}},
    {"eq", TABLE_EQ, {"keys", "along"}},
    {"le", TABLE_LE, {"keys", "along"}},
    {"filled", TABLE_FILLED, {"keys", "along"}},
    {"nonnegative", TABLE_NONNEGATIVE, {"except"}},
    {"integer", TABLE_INTEGER, {"except"}},
    {"zeros", TABLE_ZEROS, {"except"}},
    {"readable", TABLE_READABLE, {NULL}},
    {"present", TABLE_PRESENT, {"heading"}},
    {"labels", TABLE_LABELS, {"labels"}},
    {"split", TABLE_SPLIT, {"row"}},
    {"text-table", TABLE_TEXT, {"text", "cell", "cells", "share_of", "value"}},
};

enum { NFORMS = sizeof assert_forms / sizeof *assert_forms };

static const char *name_of_check(table_check c) {
  for (int i = 0; i < NFORMS; i++)
    if (assert_forms[i].check == c)
      return assert_forms[i].name;
  return "?";
}

static const assert_form *find_form(rules_loader *ld, const ynode *v) {
  for (int i = 0; rules_load_is_string(v) && i < NFORMS; i++)
    if (strcmp(assert_forms[i].name, v->str) == 0)
      return &assert_forms[i];
  char list[200] = "";
  for (int i = 0; i < NFORMS; i++) {
    size_t used = strlen(list);
    snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
             assert_forms[i].name);
  }
  rules_load_fail(ld, v, "an assertion's 'check' must be one of %s", list);
  return NULL;
}

// The operand key, or NULL with the diagnostic filled.
static const ynode *need(rules_loader *ld, const ynode *v, const char *key,
                         const char *check) {
  const ynode *k = yamltree_get(v, key);
  if (!k)
    rules_load_fail(ld, v, "check %s needs '%s'", check, key);
  return k;
}

// keys = [key...]: eq and le name two; sum adds equals, the total(s).
static int read_line_check(rules_loader *ld, const ynode *v, table_assert *a,
                           const char *check) {
  const ynode *keys = need(ld, v, "keys", check);
  const ynode *along = yamltree_get(v, "along");
  if (!keys || (along && rules_load_word(ld, along, "along", along_words,
                                         &a->along_cols) < 0))
    return -1;
  int pair = a->check == TABLE_EQ || a->check == TABLE_LE;
  if (keys->kind != YNODE_SEQ || keys->n == 0 || (pair && keys->n != 2))
    return rules_load_fail(ld, keys,
                           pair ? "'keys' of check %s must be [a, b]"
                                : "'keys' of check %s must be a list of row "
                                  "or column names",
                           check);
  const ynode *equals = NULL;
  if (a->check == TABLE_SUM && !(equals = need(ld, v, "equals", check)))
    return -1;
  if (read_key_list(ld, keys, "keys", a, 1, along != NULL, &a->parts,
                    &a->nparts) < 0)
    return -1;
  if (equals && read_key_list(ld, equals, "equals", a, -1, 1, &a->totals,
                              &a->ntotals) < 0)
    return -1;
  return 0;
}

static int read_operands(rules_loader *ld, const ynode *v, table_assert *a,
                         const char *check) {
  const ynode *k;
  switch (a->check) {
  case TABLE_SUM:
  case TABLE_EQ:
  case TABLE_LE:
  case TABLE_FILLED:
    return read_line_check(ld, v, a, check);
  case TABLE_NONNEGATIVE:
  case TABLE_INTEGER:
  case TABLE_ZEROS:
    k = yamltree_get(v, "except");
    return k ? rules_load_pattern(ld, k, "except", &a->except) : 0;
  case TABLE_READABLE:
    return 0;
  case TABLE_PRESENT:
    k = need(ld, v, "heading", check);
    return k ? rules_load_pattern(ld, k, "heading", &a->text) : -1;
  case TABLE_LABELS:
    k = need(ld, v, "labels", check);
    return k ? read_form_labels(ld, k, a) : -1;
  case TABLE_SPLIT:
    if (!(k = need(ld, v, "row", check)))
      return -1;
    a->parts = xcalloc(1, sizeof *a->parts);
    if ((a->parts[0] = table_named_key(ld, k, 0)) < 0)
      return -1;
    a->nparts = 1;
    return 0;
  case TABLE_TEXT:
    return read_text_table(ld, v, a, "check text-table");
  }
  return 0;
}

static int read_checked_assert(rules_loader *ld, const ynode *v,
                               table_assert *a) {
  const assert_form *f = find_form(ld, yamltree_get(v, "check"));
  if (!f)
    return -1;
  const char *allowed[8] = {"check", "message"};
  for (int i = 0; i < 6 && f->keys[i]; i++)
    allowed[i + 2] = f->keys[i];
  if (rules_load_map_keys(ld, v, "assert", allowed) < 0 ||
      read_assert_message(ld, v, a) < 0)
    return -1;
  a->check = f->check;
  return read_operands(ld, v, a, f->name);
}

static int read_table_assert(rules_loader *ld, const ynode *v,
                             table_assert *a) {
  a->share_row = a->share_col = -1;
  if (v->kind == YNODE_MAP && yamltree_get(v, "check"))
    return read_checked_assert(ld, v, a);
  if (read_old_assert(ld, v, a) < 0)
    return -1;
  rules_load_note(ld, v,
                  "this spelling of a table assertion is deprecated: write "
                  "{check: %s, ...}",
                  name_of_check(a->check));
  return 0;
}

int rule_table_load(rules_loader *ld) {
  rule_table *t = &ld->r->u.table;
  if (read_table_keys(ld, "rows", &t->rows, &t->nrows) < 0 ||
      read_table_keys(ld, "cols", &t->cols, &t->ncols) < 0)
    return -1;
  const ynode *v = yamltree_get(ld->m, "assert");
  if (v->kind != YNODE_SEQ || v->n == 0)
    return rules_load_fail(ld, v,
                           "'assert' must be a non-empty list of assertions");
  t->asserts = xcalloc(v->n, sizeof *t->asserts);
  for (size_t i = 0; i < v->n; i++) {
    t->nasserts++;
    if (read_table_assert(ld, v->vals[i], &t->asserts[i]) < 0)
      return -1;
  }
  return 0;
}

void rule_table_release(rule *r) {
  rule_table *t = &r->u.table;
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
