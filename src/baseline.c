/* baseline: read, apply and write baseline files (see baseline.h). The
 * entries are kept sorted by file and fingerprint for binary search. */
#include "baseline.h"

#include "alloc.h"
#include "output.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
  char *file;
  char fingerprint[17];
} entry;

struct baseline {
  entry *v;
  size_t n;
};

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
    e->file = xstrdup(file->valuestring);
    memcpy(e->fingerprint, fp->valuestring, 17);
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
  for (size_t i = 0; i < b->n; i++)
    free(b->v[i].file);
  free(b->v);
  free(b);
}

size_t baseline_apply(const baseline *b, rl_report *r) {
  size_t n = 0;
  for (size_t i = 0; i < r->findings.n; i++) {
    finding *f = &r->findings.v[i];
    entry key = {r->path, ""};
    memcpy(key.fingerprint, f->fingerprint, 17);
    if (f->suppressed || !bsearch(&key, b->v, b->n, sizeof *b->v, cmp_entry))
      continue;
    f->suppressed = 1;
    f->suppression = "baseline";
    n++;
  }
  finding_list_count(&r->findings, r->counts);
  return n;
}

int baseline_write(rl_report *const *reports, size_t n, strbuf *out) {
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
      cJSON_AddStringToObject(o, "file", r->path);
      cJSON_AddStringToObject(o, "rule", f->rule_id);
      cJSON_AddStringToObject(o, "fingerprint", f->fingerprint);
      cJSON_AddNumberToObject(o, "line", f->line);
      cJSON_AddStringToObject(o, "message", f->message);
      cJSON_AddItemToArray(arr, o);
    }
  }
  return out_put_json(root, out);
}
