/* fuzz_rules: libFuzzer target for rule files.
 *
 * Consumes arbitrary bytes as one YAML rule file. The loader's entry
 * points take a path (rules_load_file, rules_yaml_to_json), so the bytes
 * go to one temporary file per process, rewritten for every input; the
 * tree reader is also fed the buffer directly (yamltree_parse). A rule set
 * that loads is then run, as `reportlint test-rules` does, over its own
 * bad/good examples and a small fixed report, so that fuzzed patterns,
 * templates and limits reach the engine as well as the loader. Modelled on
 * jq's tests/jq_fuzz_*.c. */
#include "alloc.h"
#include "ctx.h"
#include "engine.h"
#include "report.h"
#include "reportlint.h"
#include "rules.h"
#include "yamltree.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Examples run per input at most: enough to reach every rule type.
#define MAX_EXAMPLES 4

// A report with a title, parts, figures, an enumeration and a signature.
static const char sample[] =
    "某区2024年度法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "（一）推进依法行政。一是办理行政复议案件15件，其中维持8件、纠错4件。"
    "二是行政机关负责人出庭应诉率100%。截至10月底，开展普法活动32场次。\n"
    "二、存在的不足和原因\n"
    "败诉案件2件，原因是执法不规范。\n"
    "三、下一年度主要安排\n"
    "2025年将继续推进法治政府建设。\n"
    "某区人民政府\n"
    "2025年1月7日\n";

// Per process: the temporary file and a context used only for reading.
static char tmp_path[64];
static rl_ctx *ctx;

static void remove_tmp(void) {
  if (tmp_path[0])
    unlink(tmp_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *dir = getenv("TMPDIR");
  snprintf(tmp_path, sizeof tmp_path, "%.40s/fuzz_rules.XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(tmp_path);
  if (fd < 0) {
    perror("fuzz_rules: mkstemp");
    abort();
  }
  close(fd);
  atexit(remove_tmp);
  ctx = rl_ctx_new(NULL);
  return 0;
}

static void write_tmp(const uint8_t *data, size_t size) {
  FILE *f = fopen(tmp_path, "wb");
  if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
    perror("fuzz_rules: writing the temporary file");
    abort();
  }
}

// Every rule of rs (enabled or not) over one report text.
static void run_rules(const rl_ruleset *rs, const char *text, size_t len) {
  rl_diag diag;
  diag_clear(&diag);
  rl_report *r = rl_report_from_text(ctx, "fuzz.txt", text, len, &diag);
  if (!r)
    return;
  engine_opts opts = {.enabled = NULL, .all_rules = 1, .ext = "txt"};
  engine_check(&r->d, rs, &opts, ctx->rx, NULL, &r->findings, NULL, &diag);
  finding_list_locate(&r->findings, r->nt.text, &r->nt.map, &r->lm);
  finding_list_sort(&r->findings);
  rl_report_free(r);
}

static void run_examples(const rl_ruleset *rs) {
  int done = 0;
  for (int i = 0; i < rs->nrules && done < MAX_EXAMPLES; i++) {
    const rule *r = &rs->rules[i];
    for (int k = 0; k < r->nbad && done < MAX_EXAMPLES; k++, done++)
      run_rules(rs, r->bad[k], strlen(r->bad[k]));
    for (int k = 0; k < r->ngood && done < MAX_EXAMPLES; k++, done++)
      run_rules(rs, r->good[k], strlen(r->good[k]));
  }
  run_rules(rs, sample, sizeof sample - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rl_diag diag;
  diag_clear(&diag);
  yamltree_free(yamltree_parse((const char *)data, size, "fuzz", &diag));

  write_tmp(data, size);
  diag_clear(&diag);
  // A zeroed set, as rules_load_dir starts one; rules_free frees it.
  rl_ruleset *rs = xcalloc(1, sizeof *rs);
  if (rules_load_file(rs, tmp_path, &diag) == 0 && rs->nrules > 0)
    run_examples(rs);
  rules_free(rs);

  diag_clear(&diag);
  free(rules_yaml_to_json(tmp_path, &diag));
  return 0;
}
