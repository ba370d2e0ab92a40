/* baseline: read, apply and write baseline files (see baseline.h). The
 * entries are kept sorted by file and fingerprint for binary search; their
 * files are relative to the baseline file's directory, so a baseline
 * written from reports/ matches when read from ./reports, an absolute
 * path or a subdirectory. Each entry remembers whether it matched. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "baseline.h"

#include "alloc.h"
#include "output.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
  char *file;
  char fingerprint[17];
  char *rule; /* for the list of stale entries; may be NULL */
  int line;
  int matched;
} entry;

struct baseline {
  entry *v;
  size_t n;
  char *dir; /* the baseline file's directory, absolute */
  size_t matched;
};

/* The absolute directory of path (which need not exist yet), or NULL.
 * Returns a newly allocated string; the caller frees it. */
static char *dir_of(const char *path) {
  char *copy = xstrdup(path);
  char *slash = strrchr(copy, '/');
  const char *dir = ".";
  if (slash == copy)
    dir = "/";
  else if (slash) {
    *slash = '\0';
    dir = copy;
  }
  char *abs = realpath(dir, NULL);
  free(copy);
  return abs;
}

/* path = abs_file relative to abs_dir ("../x/a.txt" when outside it).
 * Returns a newly allocated string; the caller frees it. */
static char *relative_to(const char *abs_file, const char *abs_dir) {
  /* common: the longest prefix of abs_dir, ending at a component
   * boundary, that abs_file starts with */
  size_t common = 0;
  for (size_t i = 0; abs_dir[i] && abs_dir[i] == abs_file[i];) {
    i++;
    if ((abs_dir[i] == '/' || abs_dir[i] == '\0') &&
        (abs_file[i] == '/' || abs_file[i] == '\0'))
      common = i;
  }
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  for (const char *p = abs_dir + common; *p; p++)
    if (*p != '/' && (p == abs_dir + common || p[-1] == '/'))
      strbuf_puts(&sb, "../");
  const char *rest = abs_file + common;
  strbuf_puts(&sb, *rest == '/' ? rest + 1 : rest);
  return strbuf_detach(&sb, NULL);
}

/* A report's path as the baseline names it: relative to dir when the file
 * can be resolved, else as given without a leading "./". Returns a newly
 * allocated string; the caller frees it. */
static char *entry_path(const char *path, const char *dir) {
  char *abs = dir && path[0] ? realpath(path, NULL) : NULL;
  if (!abs) {
    while (strncmp(path, "./", 2) == 0)
      path += 2;
    return xstrdup(path);
  }
  char *rel = relative_to(abs, dir);
  free(abs);
  return rel;
}

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->file, y->file);
  return c ? c : strcmp(x->fingerprint, y->fingerprint);
}

static int bad(rl_diag *diag, const char *name, const char *what) {
  return diag_set(diag, DIAG_USAGE, name, 0, 0, "not a baseline file: %s",
                  what);
}

/* Walks the array once (cJSON_GetArrayItem from the head each time made
 * loading quadratic in the number of entries). */
static int read_entries(const cJSON *findings, const char *name,
                        baseline *b, rl_diag *diag) {
  size_t n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) n++;
  b->v = xcalloc(n + 1, sizeof *b->v);
  cJSON_ArrayForEach(f, findings) {
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(f, "file");
    const cJSON *fp = cJSON_GetObjectItemCaseSensitive(f, "fingerprint");
    if (!cJSON_IsString(file) || !cJSON_IsString(fp) ||
        strlen(fp->valuestring) != 16)
      return bad(diag, name, "a finding without file and fingerprint");
    entry *e = &b->v[b->n++];
    /* an absolute path (older baselines) is made relative like the rest */
    e->file = file->valuestring[0] == '/'
                  ? entry_path(file->valuestring, b->dir)
                  : xstrdup(file->valuestring);
    memcpy(e->fingerprint, fp->valuestring, 17);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "rule");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(f, "line");
    e->rule = cJSON_IsString(id) ? xstrdup(id->valuestring) : NULL;
    e->line = cJSON_IsNumber(line) ? line->valueint : 0;
  }
  qsort(b->v, b->n, sizeof *b->v, cmp_entry);
  return 0;
}

int baseline_parse(const char *json, size_t len, const char *name,
                   baseline **out, rl_diag *diag) {
  cJSON *root = cJSON_ParseWithLength(json, len);
  if (!root)
    return bad(diag, name, "invalid JSON");
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
  baseline *b = xcalloc(1, sizeof *b);
  b->dir = dir_of(name);
  int rc = cJSON_IsArray(findings)
               ? read_entries(findings, name, b, diag)
               : bad(diag, name, "no \"findings\" list");
  cJSON_Delete(root);
  if (rc < 0) {
    baseline_free(b);
    return -1;
  }
  *out = b;
  return 0;
}

void baseline_free(baseline *b) {
  if (!b)
    return;
  for (size_t i = 0; i < b->n; i++) {
    free(b->v[i].file);
    free(b->v[i].rule);
  }
  free(b->v);
  free(b->dir);
  free(b);
}

size_t baseline_apply(baseline *b, rl_report *r) {
  size_t n = 0;
  char *path = entry_path(r->path, b->dir);
  for (size_t i = 0; i < r->findings.n; i++) {
    finding *f = &r->findings.v[i];
    entry key = {.file = path};
    memcpy(key.fingerprint, f->fingerprint, 17);
    entry *e = f->suppressed ? NULL
                             : bsearch(&key, b->v, b->n, sizeof *b->v,
                                       cmp_entry);
    if (!e)
      continue;
    b->matched += !e->matched;
    e->matched = 1;
    f->suppressed = 1;
    f->suppression = "baseline";
    n++;
  }
  free(path);
  finding_list_count(&r->findings, r->counts);
  return n;
}

size_t baseline_count(const baseline *b) { return b->n; }

size_t baseline_matched(const baseline *b) { return b->matched; }

void baseline_each_unmatched(const baseline *b,
                             void (*fn)(void *arg, const char *file,
                                        const char *rule_id, int line),
                             void *arg) {
  for (size_t i = 0; i < b->n; i++)
    if (!b->v[i].matched)
      fn(arg, b->v[i].file, b->v[i].rule ? b->v[i].rule : "?", b->v[i].line);
}

int baseline_write(rl_report *const *reports, size_t n, const char *name,
                   strbuf *out) {
  char *dir = dir_of(name);
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "tool", "reportlint");
  cJSON_AddNumberToObject(root, "version", 1);
  cJSON *arr = cJSON_AddArrayToObject(root, "findings");
  for (size_t i = 0; i < n; i++) {
    const rl_report *r = reports[i];
    for (size_t k = 0; k < r->findings.n; k++) {
      const finding *f = &r->findings.v[k];
      if (f->suppressed)
        continue;
      cJSON *o = cJSON_CreateObject();
      char *path = entry_path(r->path, dir);
      cJSON_AddStringToObject(o, "file", path);
      free(path);
      cJSON_AddStringToObject(o, "rule", f->rule_id);
      cJSON_AddStringToObject(o, "fingerprint", f->fingerprint);
      cJSON_AddNumberToObject(o, "line", f->line);
      cJSON_AddStringToObject(o, "message", f->message);
      cJSON_AddItemToArray(arr, o);
    }
  }
  free(dir);
  return out_put_json(root, out);
}
