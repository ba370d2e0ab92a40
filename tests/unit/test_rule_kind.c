/* Unit tests for rule_kind: the table covers every rule type once, and
 * schemas/rules.schema.json says what the key tables say: the same type
 * words, for each type the same allowed and required keys, and every key
 * of every type among the rule's properties. A key added to a kind and
 * not to the schema (or the other way round) fails here. */
#include "rule_kind.h"

#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *rule_kind_suite(void);

#define SCHEMA "schemas/rules.schema.json"

static cJSON *load_schema(void) {
  FILE *f = fopen(SCHEMA, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", SCHEMA);
  static char buf[1 << 20];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  cJSON *j = cJSON_Parse(buf);
  ck_assert_msg(j != NULL, "%s is not JSON", SCHEMA);
  return j;
}

static const cJSON *rule_def(const cJSON *schema) {
  const cJSON *defs = cJSON_GetObjectItemCaseSensitive(schema, "$defs");
  const cJSON *def = cJSON_GetObjectItemCaseSensitive(defs, "rule");
  ck_assert_ptr_nonnull(def);
  return def;
}

static int in_strings(const cJSON *arr, const char *s) {
  const cJSON *it;
  cJSON_ArrayForEach(it, arr) {
    if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0)
      return 1;
  }
  return 0;
}

static int in_keys(const key_spec *t, const char *name, int required_only) {
  for (; t->name; t++)
    if (strcmp(t->name, name) == 0 && (!required_only || t->required))
      return 1;
  return 0;
}

static int count_keys(const key_spec *t, int required_only) {
  int n = 0;
  for (; t->name; t++)
    n += !required_only || t->required;
  return n;
}

/* The `then` of the schema's allOf branch for rule type name. */
static const cJSON *type_branch(const cJSON *def, const char *name) {
  const cJSON *b;
  cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(def, "allOf")) {
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(b, "if"), "properties");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(props, "type"), "const");
    if (cJSON_IsString(c) && strcmp(c->valuestring, name) == 0)
      return cJSON_GetObjectItemCaseSensitive(b, "then");
  }
  return NULL;
}

START_TEST(test_table_covers_types) {
  int n = 0;
  for (int i = 0; rule_kinds[i]; i++, n++) {
    const rule_kind *k = rule_kinds[i];
    ck_assert_ptr_eq(rule_kind_of(k->type), k);
    ck_assert_ptr_eq(rule_kind_named(k->name), k);
    ck_assert_ptr_nonnull(k->keys);
    ck_assert_ptr_nonnull(k->vars);
    // A kind either finds parts (in two passes) or runs.
    ck_assert_int_eq(k->run == NULL, k->find_parts != NULL);
    ck_assert_int_eq(k->find_parts == NULL, k->finish == NULL);
  }
  ck_assert_int_eq(n, RULE_CROSS_YEAR + 1);
  ck_assert_ptr_null(rule_kind_named("grammar"));
}
END_TEST

START_TEST(test_schema_types) {
  cJSON *schema = load_schema();
  const cJSON *def = rule_def(schema);
  const cJSON *types = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(
          cJSON_GetObjectItemCaseSensitive(def, "properties"), "type"),
      "enum");
  int n = 0;
  for (int i = 0; rule_kinds[i]; i++, n++)
    ck_assert_msg(in_strings(types, rule_kinds[i]->name),
                  "type '%s' is not in the schema", rule_kinds[i]->name);
  ck_assert_int_eq(cJSON_GetArraySize(types), n);
  cJSON_Delete(schema);
}
END_TEST

// The common keys: the rule's required list and each branch's.
START_TEST(test_schema_common_keys) {
  cJSON *schema = load_schema();
  const cJSON *def = rule_def(schema);
  const cJSON *req = cJSON_GetObjectItemCaseSensitive(def, "required");
  const cJSON *props = cJSON_GetObjectItemCaseSensitive(def, "properties");
  for (const key_spec *k = rules_common_keys; k->name; k++) {
    ck_assert_msg(cJSON_GetObjectItemCaseSensitive(props, k->name) != NULL,
                  "common key '%s' is not a property of a rule", k->name);
    ck_assert_msg(in_strings(req, k->name) == k->required,
                  "common key '%s': required in the schema %d, in the "
                  "loader %d",
                  k->name, in_strings(req, k->name), k->required);
  }
  ck_assert_int_eq(cJSON_GetArraySize(req), count_keys(rules_common_keys, 1));
  cJSON_Delete(schema);
}
END_TEST

static void check_branch(const cJSON *def, const rule_kind *k) {
  const cJSON *then = type_branch(def, k->name);
  ck_assert_msg(then != NULL, "no schema branch for type '%s'", k->name);
  const cJSON *names = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(then, "propertyNames"), "enum");
  const cJSON *it;
  cJSON_ArrayForEach(it, names) {
    ck_assert_msg(in_keys(rules_common_keys, it->valuestring, 0) ||
                      in_keys(k->keys, it->valuestring, 0),
                  "schema allows '%s' in a %s rule; the loader does not",
                  it->valuestring, k->name);
  }
  const cJSON *req = cJSON_GetObjectItemCaseSensitive(then, "required");
  for (const key_spec *s = k->keys; s->name; s++)
    ck_assert_msg(in_strings(names, s->name) &&
                      in_strings(req, s->name) == s->required,
                  "key '%s' of a %s rule: allowed %d, required %d in the "
                  "schema; required %d in the loader",
                  s->name, k->name, in_strings(names, s->name),
                  in_strings(req, s->name), s->required);
  ck_assert_int_eq(cJSON_GetArraySize(names),
                   count_keys(rules_common_keys, 0) + count_keys(k->keys, 0));
  ck_assert_int_eq(cJSON_GetArraySize(req), count_keys(k->keys, 1));
}

// Each type's branch allows exactly its keys and requires the required.
START_TEST(test_schema_type_keys) {
  cJSON *schema = load_schema();
  const cJSON *def = rule_def(schema);
  for (int i = 0; rule_kinds[i]; i++)
    check_branch(def, rule_kinds[i]);
  cJSON_Delete(schema);
}
END_TEST

// A rule's properties are the common keys and every type's keys.
START_TEST(test_schema_properties) {
  cJSON *schema = load_schema();
  const cJSON *props =
      cJSON_GetObjectItemCaseSensitive(rule_def(schema), "properties");
  const cJSON *p;
  cJSON_ArrayForEach(p, props) {
    int known = in_keys(rules_common_keys, p->string, 0);
    for (int i = 0; !known && rule_kinds[i]; i++)
      known = in_keys(rule_kinds[i]->keys, p->string, 0);
    ck_assert_msg(known, "schema property '%s' is no rule type's key",
                  p->string);
  }
  for (int i = 0; rule_kinds[i]; i++)
    for (const key_spec *s = rule_kinds[i]->keys; s->name; s++)
      ck_assert_msg(cJSON_GetObjectItemCaseSensitive(props, s->name) != NULL,
                    "key '%s' of a %s rule is not a property in the schema",
                    s->name, rule_kinds[i]->name);
  cJSON_Delete(schema);
}
END_TEST

Suite *rule_kind_suite(void) {
  Suite *s = suite_create("rule_kind");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_table_covers_types);
  tcase_add_test(tc, test_schema_types);
  tcase_add_test(tc, test_schema_common_keys);
  tcase_add_test(tc, test_schema_type_keys);
  tcase_add_test(tc, test_schema_properties);
  suite_add_tcase(s, tc);
  return s;
}
