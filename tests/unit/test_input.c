/* Unit tests for input: whole-file reads, stdin ("-"), and the refusals
 * (directory, missing path, empty file, size cap on a regular file and on
 * a pipe). A FIFO without a writer must not hang. Temporary files live in
 * a mkdtemp directory that each test removes. */
#include "input.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct tmpdir {
  char dir[64];
  char path[128];
} tmpdir;

static void tmp_open(tmpdir *t) {
  snprintf(t->dir, sizeof t->dir, "/tmp/rl_input_XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(t->dir));
  snprintf(t->path, sizeof t->path, "%s/f", t->dir);
}

static void tmp_write(tmpdir *t, const char *bytes, size_t len) {
  FILE *f = fopen(t->path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
  fclose(f);
}

static void tmp_close(tmpdir *t) {
  unlink(t->path);
  rmdir(t->dir);
}

START_TEST(reads_whole_file) {
  tmpdir t;
  tmp_open(&t);
  tmp_write(&t, "法治\0x\n", 8);
  char *buf;
  size_t len;
  rl_diag d;
  diag_clear(&d);
  ck_assert_int_eq(input_read(t.path, INPUT_DEFAULT_MAX, &buf, &len, &d), 0);
  ck_assert_uint_eq(len, 8);
  ck_assert_mem_eq(buf, "法治\0x\n", 8); // NUL bytes are decode's business
  ck_assert_int_eq(buf[len], '\0');
  free(buf);
  tmp_close(&t);
}
END_TEST

START_TEST(reads_stdin_dash) {
  tmpdir t;
  tmp_open(&t);
  tmp_write(&t, "from stdin\n", 11);
  FILE *f = fopen(t.path, "rb");
  int saved = dup(STDIN_FILENO);
  dup2(fileno(f), STDIN_FILENO);
  char *buf;
  size_t len;
  rl_diag d;
  int rc = input_read("-", INPUT_DEFAULT_MAX, &buf, &len, &d);
  dup2(saved, STDIN_FILENO);
  close(saved);
  fclose(f);
  ck_assert_int_eq(rc, 0);
  ck_assert_str_eq(buf, "from stdin\n");
  free(buf);
  tmp_close(&t);
}
END_TEST

START_TEST(refuses_directory) {
  char *buf = (char *)1;
  size_t len;
  rl_diag d;
  ck_assert_int_eq(input_read("/tmp", INPUT_DEFAULT_MAX, &buf, &len, &d), -1);
  ck_assert_ptr_null(buf);
  ck_assert_int_eq(d.kind, DIAG_INPUT);
  ck_assert_str_eq(d.file, "/tmp");
  ck_assert_str_eq(d.msg, "is a directory");
}
END_TEST

START_TEST(refuses_missing_file) {
  char *buf;
  size_t len;
  rl_diag d;
  const char *p = "/nonexistent/rl/report.txt";
  ck_assert_int_eq(input_read(p, INPUT_DEFAULT_MAX, &buf, &len, &d), -1);
  ck_assert_str_eq(d.file, p);
  ck_assert_str_eq(d.msg, "cannot open: No such file or directory");
  ck_assert_int_eq(d.line, 0);
}
END_TEST

START_TEST(refuses_empty_file) {
  tmpdir t;
  tmp_open(&t);
  tmp_write(&t, "", 0);
  char *buf;
  size_t len;
  rl_diag d;
  ck_assert_int_eq(input_read(t.path, INPUT_DEFAULT_MAX, &buf, &len, &d), -1);
  ck_assert_str_eq(d.msg, "empty file");
  tmp_close(&t);
}
END_TEST

START_TEST(refuses_file_over_cap) {
  tmpdir t;
  tmp_open(&t);
  tmp_write(&t, "0123456789", 10);
  char *buf;
  size_t len;
  rl_diag d;
  ck_assert_int_eq(input_read(t.path, 9, &buf, &len, &d), -1);
  ck_assert_str_eq(d.msg, "file too large (10 bytes, limit 9)");
  ck_assert_int_eq(input_read(t.path, 10, &buf, &len, &d), 0); // at the cap
  ck_assert_uint_eq(len, 10);
  free(buf);
  tmp_close(&t);
}
END_TEST

START_TEST(refuses_pipe_over_cap) {
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  ck_assert_int_eq(write(fds[1], "0123456789", 10), 10);
  close(fds[1]);
  int saved = dup(STDIN_FILENO);
  dup2(fds[0], STDIN_FILENO);
  char *buf;
  size_t len;
  rl_diag d;
  int rc = input_read("-", 4, &buf, &len, &d);
  dup2(saved, STDIN_FILENO);
  close(saved);
  close(fds[0]);
  ck_assert_int_eq(rc, -1);
  ck_assert_str_eq(d.msg, "file too large (more than 4 bytes, limit 4)");
}
END_TEST

START_TEST(fifo_without_writer_does_not_hang) {
  tmpdir t;
  tmp_open(&t);
  ck_assert_int_eq(mkfifo(t.path, 0600), 0);
  char *buf;
  size_t len;
  rl_diag d;
  ck_assert_int_eq(input_read(t.path, INPUT_DEFAULT_MAX, &buf, &len, &d), -1);
  ck_assert_str_eq(d.msg, "empty file");
  tmp_close(&t);
}
END_TEST

/* Declared here for -Wmissing-prototypes; the runner gets its list from
 * suites.h, which the Makefile greps from the definition below. */
extern Suite *input_suite(void);

Suite *input_suite(void) {
  Suite *s = suite_create("input");
  TCase *tc = tcase_create("read");
  tcase_set_timeout(tc, 10);
  tcase_add_test(tc, reads_whole_file);
  tcase_add_test(tc, reads_stdin_dash);
  tcase_add_test(tc, refuses_directory);
  tcase_add_test(tc, refuses_missing_file);
  tcase_add_test(tc, refuses_empty_file);
  tcase_add_test(tc, refuses_file_over_cap);
  tcase_add_test(tc, refuses_pipe_over_cap);
  tcase_add_test(tc, fifo_without_writer_does_not_hang);
  suite_add_tcase(s, tc);
  return s;
}
