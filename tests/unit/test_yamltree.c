/* Unit tests for yamltree: node positions (columns in code points), quoted
 * vs plain scalars, the refusals (aliases, depth, duplicate keys, several
 * documents, non-scalar keys, NUL) and libyaml syntax error positions. */
#include "yamltree.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *yamltree_suite(void);

static ynode *parse(const char *text, rl_diag *d) {
  diag_clear(d);
  return yamltree_parse(text, strlen(text), "t.yaml", d);
}

// Parses text, expecting failure at line:col with exactly msg.
static void expect_error(const char *text, int line, int col, const char *msg) {
  rl_diag d;
  ynode *n = parse(text, &d);
  ck_assert_ptr_null(n);
  ck_assert_int_eq(d.kind, DIAG_RULES);
  ck_assert_str_eq(d.file, "t.yaml");
  ck_assert_str_eq(d.msg, msg);
  ck_assert_int_eq(d.line, line);
  ck_assert_int_eq(d.col, col);
}

START_TEST(test_positions) {
  rl_diag d;
  ynode *root = parse("a: 1\n"
                      "名称: \"法治\"\n"
                      "list:\n"
                      "  - x\n"
                      "  - {k: v}\n",
                      &d);
  ck_assert_ptr_nonnull(root);
  ck_assert_int_eq(root->kind, YNODE_MAP);
  ck_assert_uint_eq(root->n, 3);
  const ynode *a = yamltree_get(root, "a");
  ck_assert_str_eq(a->str, "1");
  ck_assert_int_eq(a->quoted, 0);
  ck_assert_int_eq(a->line, 1);
  ck_assert_int_eq(a->col, 4);
  const ynode *name = yamltree_get(root, "名称");
  ck_assert_str_eq(name->str, "法治");
  ck_assert_int_eq(name->quoted, 1);
  ck_assert_int_eq(name->line, 2);
  ck_assert_int_eq(name->col, 5); // code points, not bytes
  ck_assert_int_eq(root->keys[1]->line, 2);
  ck_assert_int_eq(root->keys[1]->col, 1);
  const ynode *list = yamltree_get(root, "list");
  ck_assert_int_eq(list->kind, YNODE_SEQ);
  ck_assert_uint_eq(list->n, 2);
  ck_assert_int_eq(list->vals[0]->line, 4);
  ck_assert_int_eq(list->vals[0]->col, 5);
  ck_assert_int_eq(list->vals[1]->kind, YNODE_MAP);
  ck_assert_int_eq(list->vals[1]->col, 5);
  ck_assert_str_eq(yamltree_get(list->vals[1], "k")->str, "v");
  ck_assert_ptr_null(yamltree_get(root, "missing"));
  ck_assert_ptr_null(yamltree_get(list, "k"));
  yamltree_free(root);
}
END_TEST

START_TEST(test_styles) {
  rl_diag d;
  ynode *root = parse("p: yes\ns: 'yes'\nb: |\n  line\nt: !!str 12\n", &d);
  ck_assert_ptr_nonnull(root);
  ck_assert_int_eq(yamltree_get(root, "p")->quoted, 0);
  ck_assert_int_eq(yamltree_get(root, "s")->quoted, 1);
  ck_assert_int_eq(yamltree_get(root, "b")->quoted, 1);
  ck_assert_str_eq(yamltree_get(root, "b")->str, "line\n");
  ck_assert_int_eq(yamltree_get(root, "t")->quoted, 1);
  yamltree_free(root);
}
END_TEST

START_TEST(test_empty) {
  rl_diag d;
  const char *texts[] = {"", "# only a comment\n", "---\n", "\xEF\xBB\xBF"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    ynode *root = parse(texts[i], &d);
    ck_assert_ptr_nonnull(root);
    ck_assert_int_eq(root->kind, YNODE_MAP);
    ck_assert_uint_eq(root->n, 0);
    yamltree_free(root);
  }
}
END_TEST

START_TEST(test_bom) {
  rl_diag d;
  ynode *root = parse("\xEF\xBB\xBFkey: 值\n", &d);
  ck_assert_ptr_nonnull(root);
  const ynode *v = yamltree_get(root, "key");
  ck_assert_str_eq(v->str, "值");
  ck_assert_int_eq(v->line, 1);
  ck_assert_int_eq(v->col, 6);
  yamltree_free(root);
}
END_TEST

START_TEST(test_aliases_refused) {
  expect_error("a: &x 1\nb: *x\n", 1, 4,
               "anchors and aliases are not supported");
  expect_error("a: &x [1]\n", 1, 4, "anchors and aliases are not supported");
  expect_error("a: &x {k: 1}\n", 1, 4, "anchors and aliases are not supported");
  expect_error("a: 1\nb: *x\n", 2, 4, "anchors and aliases are not supported");
}
END_TEST

START_TEST(test_depth) {
  char buf[400] = "";
  for (int i = 0; i < 64; i++)
    strcat(buf, "[");
  for (int i = 0; i < 64; i++)
    strcat(buf, "]");
  rl_diag d;
  ynode *root = parse(buf, &d);
  ck_assert_ptr_nonnull(root);
  yamltree_free(root);
  char deep[400] = "";
  for (int i = 0; i < 65; i++)
    strcat(deep, "[");
  for (int i = 0; i < 65; i++)
    strcat(deep, "]");
  expect_error(deep, 1, 65, "nesting deeper than 64 levels");
}
END_TEST

START_TEST(test_duplicate_key) {
  expect_error("a: 1\nb: 2\na: 3\n", 3, 1,
               "duplicate key 'a' (first at line 1)");
  expect_error("r:\n  - id: x\n    id: y\n", 3, 5,
               "duplicate key 'id' (first at line 2)");
  // Many keys: the hash table grows and still finds the repeat.
  char *buf = malloc(200 * 16 + 32);
  buf[0] = '\0';
  for (int i = 0; i < 200; i++)
    sprintf(buf + strlen(buf), "k%d: %d\n", i, i);
  strcat(buf, "k17: again\n");
  expect_error(buf, 201, 1, "duplicate key 'k17' (first at line 18)");
  free(buf);
}
END_TEST

START_TEST(test_bad_key) {
  expect_error("? [a, b]\n: 1\n", 1, 3, "mapping key must be a scalar");
  expect_error("{a: 1}: x\n", 1, 1, "mapping key must be a scalar");
}
END_TEST

START_TEST(test_documents) {
  expect_error("a: 1\n---\nb: 2\n", 2, 1,
               "more than one YAML document in the file");
}
END_TEST

START_TEST(test_nul) {
  expect_error("a: \"x\\0y\"\n", 1, 4, "scalar contains a NUL character");
}
END_TEST

START_TEST(test_syntax_error) {
  expect_error("a: 1\n b: 2\n", 2, 3,
               "mapping values are not allowed in this context");
  expect_error("rules:\n  - id: x\n  bad\n", 4, 1,
               "could not find expected ':' (while scanning a simple key "
               "at line 3)");
  expect_error("a: \"unterminated\n", 2, 1,
               "found unexpected end of stream (while scanning a quoted "
               "scalar at line 1)");
}
END_TEST

START_TEST(test_bad_utf8) {
  expect_error("a: 1\nb: \xFF\n", 2, 4,
               "invalid leading UTF-8 octet (byte 0xFF)");
}
END_TEST

START_TEST(test_load_file) {
  char path[] = "/tmp/yamltree-XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  const char *text = "k: v\n";
  ck_assert_int_eq((int)write(fd, text, strlen(text)), (int)strlen(text));
  close(fd);
  rl_diag d;
  diag_clear(&d);
  ynode *root = yamltree_load(path, &d);
  ck_assert_ptr_nonnull(root);
  ck_assert_str_eq(yamltree_get(root, "k")->str, "v");
  yamltree_free(root);
  unlink(path);
  ck_assert_ptr_null(yamltree_load(path, &d));
  ck_assert_int_eq(d.kind, DIAG_RULES);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, "cannot open: No such file or directory");
  ck_assert_int_eq(d.line, 0);
}
END_TEST

Suite *yamltree_suite(void) {
  Suite *s = suite_create("yamltree");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_positions);
  tcase_add_test(tc, test_styles);
  tcase_add_test(tc, test_empty);
  tcase_add_test(tc, test_bom);
  tcase_add_test(tc, test_aliases_refused);
  tcase_add_test(tc, test_depth);
  tcase_add_test(tc, test_duplicate_key);
  tcase_add_test(tc, test_bad_key);
  tcase_add_test(tc, test_documents);
  tcase_add_test(tc, test_nul);
  tcase_add_test(tc, test_syntax_error);
  tcase_add_test(tc, test_bad_utf8);
  tcase_add_test(tc, test_load_file);
  suite_add_tcase(s, tc);
  return s;
}
