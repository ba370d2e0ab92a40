/* fuzz_model: libFuzzer target for the reading pipeline and the rules.
 *
 * Consumes arbitrary bytes as a report file. First decode (may refuse the
 * bytes: fine), then the model in one call as report.c builds it
 * (model_build: normalise, segment, tables, scan, signature); doc_check()
 * must hold afterwards. Then the same text through the public API with the
 * default rule set, so every rule also runs on hostile documents. The rule
 * set is loaded once per process from $REPORTLINT_RULES, else rules/fzzf
 * (run from the source tree), else ../rules/fzzf beside the binary. Modelled on jq's
 * tests/jq_fuzz_*.c and cmark's fuzz/cmark-fuzz.c. */
#include "decode.h"
#include "doc.h"
#include "model.h"
#include "normalize.h"
#include "reportlint.h"
#include "table_view.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Loaded once; read-only afterwards, so it is not state between inputs.
static rl_ctx *ctx, *ctx_tables; /* fzzf; xxgk forced: the table rules */

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

// $REPORTLINT_RULES, else rules/fzzf, else <dir of argv[0]>/../rules/fzzf.
static char *find_rules(const char *argv0) {
  const char *env = getenv("REPORTLINT_RULES");
  if (env && *env)
    return strdup(env);
  if (is_dir("rules/fzzf"))
    return strdup("rules/fzzf");
  const char *slash = strrchr(argv0, '/');
  size_t dl = slash ? (size_t)(slash - argv0) : 1;
  char *p = malloc(dl + sizeof "/../rules/fzzf");
  if (!p)
    abort();
  snprintf(p, dl + sizeof "/../rules/fzzf", "%.*s/../rules/fzzf", (int)dl,
           slash ? argv0 : ".");
  return p;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  char *dir = find_rules((*argv)[0]);
  rl_diag diag;
  diag_clear(&diag);
  ctx = rl_ctx_new(NULL);
  if (rl_ctx_load_rules(ctx, dir, &diag) < 0) {
    char buf[2200];
    diag_format(&diag, buf, sizeof buf);
    fprintf(stderr, "fuzz_model: cannot load rules from %s: %s\n"
                    "  (set REPORTLINT_RULES or run from the source tree)\n",
            dir, buf);
    abort();
  }
  // Rules with `enabled: false` are rules too; run them on hostile input.
  rl_ctx_enable_all(ctx);
  // The table rules of the second set, on every input: beside the fzzf
  // directory, or the one $REPORTLINT_TABLE_RULES names.
  const char *tenv = getenv("REPORTLINT_TABLE_RULES");
  char *tdir = tenv && *tenv ? strdup(tenv) : strdup(dir);
  char *leaf = strstr(tdir, "fzzf");
  if (!(tenv && *tenv) && leaf && strlen(leaf) == 4)
    memcpy(leaf, "xxgk", 4);
  ctx_tables = rl_ctx_new(NULL);
  if (rl_ctx_load_rules(ctx_tables, tdir, &diag) < 0 ||
      rl_ctx_use_ruleset(ctx_tables, "xxgk", &diag) < 0) {
    rl_ctx_free(ctx_tables);
    ctx_tables = NULL; /* no xxgk rules there: fzzf only */
  }
  free(tdir);
  free(dir);
  return 0;
}

// The model in one call, as report.c builds it, asserting its invariants.
static void check_stages(const decoded *dec) {
  model_input in = {dec->text, dec->len,
                    dec->len & 1 ? NORMALIZE_MARKDOWN : 0, NULL};
  normtext nt;
  linemap lm;
  doc d;
  model_build(&in, &nt, &lm, &d);
  assert(nt.text[nt.len] == '\0');
  assert(doc_check(&d) == 0);
  for (int i = 0; i < d.ntable; i++) {
    table_view v;
    table_view_init(&v, &d, i);
    for (int r = 0; r < d.tables[i].nrow; r++)
      for (int c = 0; c < v.width; c++)
        (void)table_view_cell(&v, r, c);
  }
  doc_release(&d);
  linemap_release(&lm);
  normtext_release(&nt);
}

// The whole check through the public API. A leading '#' makes it a
// Markdown file, so that rules limited to an extension (ext: md) run too.
static void check_public(const uint8_t *data, size_t size) {
  const char *name = size && data[0] == '#' ? "fuzz.md" : "fuzz.txt";
  rl_diag diag;
  diag_clear(&diag);
  rl_report *r =
      rl_report_from_text(ctx, name, (const char *)data, size, &diag);
  if (!r)
    return;
  rl_report_check(ctx, r, &diag);
  rl_report_free(r);
  if (!ctx_tables)
    return;
  r = rl_report_from_text(ctx_tables, name, (const char *)data, size, &diag);
  if (r) {
    rl_report_check(ctx_tables, r, &diag);
    rl_report_free(r);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  decoded dec;
  rl_diag diag;
  diag_clear(&diag);
  if (decode_text((const char *)data, size, "fuzz", &dec, &diag) == 0) {
    check_stages(&dec);
    decoded_release(&dec);
  }
  check_public(data, size);
  return 0;
}
