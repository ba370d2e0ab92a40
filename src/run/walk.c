/* walk: see walk.h. */
#include "walk.h"

#include "alloc.h"
#include "reader.h"
#include "settings.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { WALK_MAX_DEPTH = 32 };

size_t walk_skipped_total(const walk_skipped *sk) {
  size_t n = 0;
  for (int i = 0; i < WALK_NSKIP; i++)
    n += sk->n[i];
  return n;
}

void walk_skipped_describe(const walk_skipped *sk, strbuf *out) {
  static const char *const why[WALK_NSKIP] = {
      [WALK_SKIP_README] = N_("README (describes the folder)"),
      [WALK_SKIP_LOCK] = N_("Word lock file (~$)"),
      [WALK_SKIP_IGNORED] = N_("ignored by the configuration's ignore:"),
      [WALK_SKIP_OTHER] = N_("not a report format")};
  size_t total = walk_skipped_total(sk);
  if (!total)
    return;
  strbuf_printf(out,
                dngettext(RL_TEXTDOMAIN, "%zu file skipped: ",
                          "%zu files skipped: ", total),
                total);
  const char *sep = "";
  for (int i = 0; i < WALK_NSKIP; i++) {
    if (!sk->n[i])
      continue;
    /* TRANSLATORS: a count of skipped files and why, e.g. "2 not a report
       format". */
    strbuf_printf(out, "%s", sep);
    strbuf_printf(out, _("%zu %s"), sk->n[i], _(why[i]));
    if (i == WALK_SKIP_OTHER && sk->exts[0])
      strbuf_printf(out, " (%s)", sk->exts);
    sep = _(", ");
  }
  strbuf_printf(out, _("; reports are %s"), reader_report_extensions());
}

/* One file the walk passed over, counted under why; WALK_SKIP_OTHER keeps
 * its extension (lower-case, the first few) to name in the summary. */
static void count_skip(walk_skipped *sk, int why, const char *name) {
  if (!sk)
    return;
  sk->n[why]++;
  const char *dot = strrchr(name, '.');
  if (why != WALK_SKIP_OTHER || !dot || strlen(dot) > 8)
    return;
  char ext[10];
  size_t k = 0;
  for (; dot[k] && k < sizeof ext - 1; k++)
    ext[k] = (char)(dot[k] >= 'A' && dot[k] <= 'Z' ? dot[k] + 32 : dot[k]);
  ext[k] = '\0';
  size_t used = strlen(sk->exts);
  for (const char *p = sk->exts; (p = strstr(p, ext)); p += k)
    if (p[k] == ' ' || p[k] == '\0')
      return;
  if (used + k + 2 < sizeof sk->exts)
    snprintf(sk->exts + used, sizeof sk->exts - used, "%s%s",
             used ? " " : "", ext);
}

/* A file found in a directory: a report (reader_classify_name: any case
 * of its extensions), or passed over and counted. */
static void walk_file(const walker *w, const char *path, const char *name) {
  static const int why[] = {[READER_NAME_README] = WALK_SKIP_README,
                            [READER_NAME_LOCK] = WALK_SKIP_LOCK,
                            [READER_NAME_OTHER] = WALK_SKIP_OTHER};
  reader_name_kind k = reader_classify_name(name);
  if (k == READER_NAME_REPORT)
    w->file(w->arg, path);
  else
    count_skip(w->skips, why[k], name);
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir but . files, sorted; NULL with *n = 0 when it does
 * not open (said through w->error). The caller frees each and the array. */
static char **list_dir(const walker *w, const char *dir, size_t *n) {
  DIR *dp = opendir(dir);
  *n = 0;
  if (!dp) {
    rl_diag d;
    char ebuf[256];
    diag_set(&d, DIAG_INPUT, dir, 0, 0, "cannot open directory: %s",
             i18n_strerror(errno, ebuf, sizeof ebuf));
    w->error(w->arg, &d);
    return NULL;
  }
  char **names = NULL;
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(dp)))
    if (e->d_name[0] != '.')
      *ARRAY_PUSH(names, *n, cap) = xstrdup(e->d_name);
  closedir(dp);
  if (*n > 1)
    qsort(names, *n, sizeof *names, cmp_name);
  return names;
}

/* Directories: their report files, recursively, in name order. */
static void walk_dir(const walker *w, const char *dir, int depth) {
  size_t n;
  char **names = list_dir(w, dir, &n);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(dir) + strlen(names[i]) + 2;
    char *path = xmalloc(len);
    snprintf(path, len, "%s%s%s", dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
    struct stat st;
    if (settings_ignored(w->cfg, path)) {
      count_skip(w->skips, WALK_SKIP_IGNORED, names[i]);
    } else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      if (depth < WALK_MAX_DEPTH)
        walk_dir(w, path, depth + 1);
    } else {
      walk_file(w, path, names[i]);
    }
    free(path);
    free(names[i]);
  }
  free(names);
}

void walk_path(const walker *w, const char *path) {
  struct stat st;
  if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    walk_dir(w, path, 0);
  else if (w->force_exclude && strcmp(path, "-") != 0 &&
           settings_ignored(w->cfg, path))
    count_skip(w->skips, WALK_SKIP_IGNORED, path);
  else
    w->file(w->arg, path);
}
