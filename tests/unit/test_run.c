/* Unit tests for the run of a check over paths: the walk (report files
 * by extension in any case, directories in name order, what is passed
 * over counted by why), the run (input order at one job and at several,
 * the summarise step on the worker and the take step in order, a take
 * step that stops the run), and the shingles that find copied text. */
#include "run.h"
#include "shingle.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *run_suite(void);

static char dir[64];

static void touch(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

static void make_tree(void) {
  snprintf(dir, sizeof dir, "/tmp/rl-run-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char sub[128];
  snprintf(sub, sizeof sub, "%s/sub", dir);
  mkdir(sub, 0700);
  const char *report = "某区2024年度法治政府建设情况报告\n一、主要举措和成效\n"
                       "全年办理行政复议案件12件。\n";
  touch("b.TXT", report);
  touch("a.markdown", report);
  touch("README.md", "# notes\n");
  touch("~$draft.docx", "lock");
  touch("sheet.xlsx", "x");
  touch("sub/c.txt", report);
}

static void remove_tree(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq(system(cmd), 0);
}

typedef struct found {
  char names[16][64];
  int n, errors;
} found;

static void on_file(void *arg, const char *path) {
  found *f = arg;
  const char *base = strrchr(path, '/');
  snprintf(f->names[f->n++], sizeof f->names[0], "%s", base ? base + 1 : path);
}

static void on_error(void *arg, const rl_diag *d) {
  (void)d;
  ((found *)arg)->errors++;
}

START_TEST(walk_finds_reports) {
  make_tree();
  found f = {0};
  walk_skipped sk = {{0}, ""};
  walker w = {NULL, on_file, on_error, &f, &sk, 0};
  walk_path(&w, dir);
  // name order (bytes): a.markdown, b.TXT, sub/c.txt; any case of the
  // extensions; README and the Word lock file passed over
  ck_assert_int_eq(f.n, 3);
  ck_assert_str_eq(f.names[0], "a.markdown");
  ck_assert_str_eq(f.names[1], "b.TXT");
  ck_assert_str_eq(f.names[2], "c.txt");
  ck_assert_uint_eq(walk_skipped_total(&sk), 3);
  ck_assert_uint_eq(sk.n[WALK_SKIP_README], 1);
  ck_assert_uint_eq(sk.n[WALK_SKIP_LOCK], 1);
  ck_assert_uint_eq(sk.n[WALK_SKIP_OTHER], 1);
  ck_assert_str_eq(sk.exts, ".xlsx");
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  walk_skipped_describe(&sk, &sb);
  ck_assert(strncmp(sb.p, "3 files skipped: 1 README", 25) == 0);
  strbuf_release(&sb);
  // a file named on the command line is a report whatever its name
  found g = {0};
  walker w2 = {NULL, on_file, on_error, &g, NULL, 0};
  walk_path(&w2, "/nonexistent/x.bin");
  ck_assert_int_eq(g.n, 1);
  remove_tree();
}
END_TEST

/* What the run's steps saw. */
typedef struct seen {
  int taken, summarised, stop_after;
  char order[16][64];
  int readable[16];
} seen;

static void summarise(void *arg, rl_ctx *ctx, run_item *it) {
  (void)ctx;
  seen *s = arg;
  __atomic_add_fetch(&s->summarised, 1, __ATOMIC_SEQ_CST);
  it->summary = strdup(it->in->path);
}

static int take(void *arg, run_item *it) {
  seen *s = arg;
  const char *base = strrchr(it->summary, '/');
  snprintf(s->order[s->taken], sizeof s->order[0], "%s", base + 1);
  s->readable[s->taken] = it->report != NULL;
  s->taken++;
  free(it->summary);
  return s->stop_after && s->taken >= s->stop_after ? 5 : 0;
}

static void drop(void *arg, run_item *it) {
  (void)arg;
  free(it->summary);
}

static int run_tree(int jobs, int stop_after, seen *s) {
  rl_ctx *ctx = rl_ctx_new(NULL);
  rl_diag d;
  ck_assert_int_eq(rl_ctx_load_rules(ctx, "rules/fzzf", &d), 0);
  ck_assert_int_eq(rl_ctx_load_all(ctx, &d), 0);
  memset(s, 0, sizeof *s);
  s->stop_after = stop_after;
  char missing[128];
  snprintf(missing, sizeof missing, "%s/gone.txt", dir);
  const char *paths[] = {dir, missing};
  run_params p = {.jobs = jobs};
  run_sink sink = {summarise, take, drop, NULL, s};
  int rc = run_paths(ctx, paths, 2, &p, &sink, NULL);
  rl_ctx_free(ctx);
  return rc;
}

START_TEST(run_in_input_order) {
  make_tree();
  for (int jobs = 1; jobs <= 3; jobs += 2) {
    seen s;
    ck_assert_int_eq(run_tree(jobs, 0, &s), 0);
    ck_assert_int_eq(s.taken, 4);
    ck_assert_int_eq(s.summarised, 4);
    ck_assert_str_eq(s.order[0], "a.markdown");
    ck_assert_str_eq(s.order[1], "b.TXT");
    ck_assert_str_eq(s.order[2], "c.txt");
    ck_assert_str_eq(s.order[3], "gone.txt"); /* unreadable: taken too */
    ck_assert_int_eq(s.readable[2], 1);
    ck_assert_int_eq(s.readable[3], 0);
  }
  remove_tree();
}
END_TEST

START_TEST(run_stops_when_take_says) {
  make_tree();
  for (int jobs = 1; jobs <= 3; jobs += 2) {
    seen s;
    ck_assert_int_eq(run_tree(jobs, 2, &s), 5);
    ck_assert_int_eq(s.taken, 2);
  }
  remove_tree();
}
END_TEST

START_TEST(shingles_find_copies) {
  shingle_set s;
  shingle_set_init(&s);
  shingle_set_add(&s, "一是完善主动公开信息联动机制。", strlen("一是完善主动公开信息联动机制。"), 0);
  shingle_set_add(&s, "二是加强平台建设，全年发布信息256条。",
                  strlen("二是加强平台建设，全年发布信息256条。"), 1);
  int best;
  // the same words with new figures and punctuation: all found, in piece 1
  const char *copy = "二是加强平台建设：全年发布信息318条";
  ck_assert(shingle_containment(&s, copy, strlen(copy), &best) == 1.0);
  ck_assert_int_eq(best, 1);
  const char *other = "三是健全考核评价体系";
  ck_assert(shingle_containment(&s, other, strlen(other), &best) == 0.0);
  ck_assert_int_eq(best, -1);
  ck_assert_uint_eq(shingle_count("ab12cd", 6), 1); /* "abcd" */
  ck_assert_uint_eq(shingle_count("三个字", strlen("三个字")), 0);
  shingle_set_release(&s);
}
END_TEST

Suite *run_suite(void) {
  Suite *s = suite_create("run");
  TCase *tc = tcase_create("walk and run");
  tcase_add_test(tc, walk_finds_reports);
  tcase_add_test(tc, run_in_input_order);
  tcase_add_test(tc, run_stops_when_take_says);
  tcase_add_test(tc, shingles_find_copies);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  return s;
}
