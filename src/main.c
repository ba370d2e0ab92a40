/* main: the reportlint command line. Parses arguments, walks input paths,
 * calls the core library, prints findings and diagnostics and chooses the
 * exit code. The only file that writes to stdout/stderr or exits.
 *
 *   reportlint check [options] PATH...   check reports
 *   reportlint audit [options] PATH...   one summary over many reports
 *   reportlint rules [--explain ID]      list or document the rules
 *   reportlint lint-rules DIR            validate a rule set
 *   reportlint test-rules DIR            run the rules' examples */
#include "audit.h"
#include "baseline.h"
#include "config.h"
#include "input.h"
#include "outfile.h"
#include "reader.h"
#include "output.h"
#include "pool.h"
#include "cmd_serve.h"
#include "monoclock.h"
#include "reportlint.h"
#include "settings.h"
#include "alloc.h"
#include "strbuf.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef enum {
  EXIT_CLEAN = 0,    /* nothing at or above --fail-on */
  EXIT_FINDINGS = 1, /* findings at or above --fail-on */
  EXIT_USAGE = 2,    /* bad usage or a rule error */
  EXIT_INPUT = 3,    /* an input could not be read */
} exit_code;

enum { FAIL_NONE = 3, WALK_MAX_DEPTH = 32 };

typedef struct cli {
  const char *rules_dir;
  const char *ruleset;
  const char *format;
  const char *output;
  const char *explain; /* rules --explain ID */
  int lazy_rules;      /* check: read a rule set when a report needs it */
  const char *config;  /* --config FILE */
  int no_config;       /* --no-config */
  int force_exclude;   /* --force-exclude: ignore: applies to named files */
  int help;            /* CMD --help */
  const char *baseline, *write_baseline;
  config *cfg;         /* the loaded configuration, or NULL */
  int fail_on_set;     /* --fail-on given (it beats the configuration) */
  int fail_on;  /* rl_severity, or FAIL_NONE */
  int stats;
  int show_source;
  int color;    /* -1 auto */
  int department;
  int input_format;     /* --input-format: an input_format, 0 = by content */
  size_t max_bytes, max_line, max_findings; /* 0 = library defaults */
  size_t max_read_s;   /* --max-read-time: seconds; 0 = library default */
  long jobs;            /* -j N; 0 = the default (check 1, audit per core) */
  int bom;              /* audit --bom */
  const char **toggles; /* "+id" / "-id" in command-line order */
  size_t ntoggles, captoggles;
  const char **paths;
  size_t npaths, cappaths;
} cli;

static const char synopsis_text[] =
    "usage: reportlint check [options] PATH...\n"
    "       reportlint audit [options] PATH...\n"
    "       reportlint serve [--listen ADDR:PORT] [--max-upload SIZE] ...\n"
    "       reportlint rules [--rules DIR] [--explain ID]\n"
    "       reportlint lint-rules DIR\n"
    "       reportlint test-rules DIR\n"
    "       reportlint rules-to-json FILE\n"
    "       reportlint --help | --version\n"
    "       reportlint COMMAND --help | reportlint help COMMAND\n";

static const char check_options_text[] =
    "check options:\n"
    "  --rules DIR        rule sets to use (default: $REPORTLINT_RULES, the\n"
    "                     source tree's rules/, or PREFIX/share/reportlint/rules)\n"
    "  --ruleset NAME     apply this rule set instead of detecting it from\n"
    "                     the title\n"
    "  --format FMT       text (default), json, sarif, junit, github, jsonl,\n"
    "                     html (one self-contained page with the text and\n"
    "                     its findings highlighted), or model (the document\n"
    "                     model: headings, figures, dates, enumerations)\n"
    "  --fail-on SEV      exit 1 on findings at or above SEV: error (default),\n"
    "                     warning, info, none\n"
    "  --enable ID        turn a rule on (ID, or a prefix like 'metric.')\n"
    "  --disable ID       turn a rule off (same forms)\n"
    "  --department       the reports are government departments' reports\n"
    "  --config FILE      configuration file (default: .reportlint.yaml in\n"
    "                     the working directory or a parent)\n"
    "  --no-config        do not look for .reportlint.yaml\n"
    "  --force-exclude    apply the configuration's ignore: to files named\n"
    "                     on the command line too (hooks, CI)\n"
    "  --baseline FILE    report only findings not recorded in FILE\n"
    "  --write-baseline FILE\n"
    "                     record the current findings in FILE\n"
    "  -o, --output FILE  write the findings to FILE (whole or not at all)\n"
    "  -j N, --jobs N     check N reports at a time (default 1); the output\n"
    "                     is the same for every N\n"
    "  --no-source        text: do not show the source line under a finding\n"
    "  --color WHEN       text colours: auto (default), always, never\n"
    "  --stats            after the run, how often each rule matched, and\n"
    "                     the rules that never matched anything\n"
    "  --input-format F   read every input as F: txt, md, docx, html, pdf,\n"
    "                     or auto (default: by content, then extension)\n"
    "  --max-size N       refuse inputs larger than N bytes (default 50M)\n"
    "  --max-line N       refuse inputs with a line longer than N bytes\n"
    "                     (default 1M)\n"
    "  --max-findings N   report at most N findings per report (default\n"
    "                     10000; the rest are counted)\n"
    "  --max-read-time S  refuse a PDF whose text takes longer than S\n"
    "                     seconds to extract (default 60)\n"
    "\n";

static const char audit_text[] =
    "audit: one summary over many reports, checked in parallel: per report\n"
    "(issuer, year, date, on time, parts, findings, verdict), key figures,\n"
    "per rule and totals. It takes the check options above except\n"
    "--baseline, --write-baseline, --stats, --no-source and --color, and:\n"
    "  --format FMT       markdown (default), csv, json or html\n"
    "  -j N, --jobs N     as for check, but the default is one per core\n"
    "  --bom              csv: start with a UTF-8 byte order mark (Excel)\n"
    "  --fail-on SEV      a report with findings at or above SEV fails\n"
    "\n";

static const char paths_text[] =
    "PATH is a report file (.txt, .md: UTF-8 or GB18030; .docx; .html;\n"
    ".pdf), '-' for stdin, or a directory (its *.txt *.md *.markdown *.docx\n"
    "*.html *.htm *.xhtml *.pdf files in any case, recursively, and *.doc\n"
    "*.wps to say they must be saved as .docx; README files are skipped,\n"
    "and the summary says how many files were skipped and why).\n"
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or rule\n"
    "error, 3 an input could not be read.\n";

static const char rules_text[] =
    "usage: reportlint rules [--rules DIR] [--ruleset NAME] [--explain ID]\n"
    "\n"
    "Lists the rules of every rule set: id, severity, type and what a\n"
    "finding of the rule means, '(off)' for the rules off by default, then\n"
    "the key metrics the audit reports. --explain ID prints one rule in\n"
    "full: its message, explanation, regulation and examples.\n";

static const char lint_rules_text[] =
    "usage: reportlint lint-rules DIR\n"
    "\n"
    "Loads the rule set(s) in DIR and reports the first error with its\n"
    "file, line and column (exit 2), or one line per rule set.\n";

static const char test_rules_text[] =
    "usage: reportlint test-rules DIR\n"
    "\n"
    "Runs every rule's bad and good examples (and the key metrics'\n"
    "examples) through the rule set(s) in DIR; exit 1 if one fails.\n";

static const char rules_to_json_text[] =
    "usage: reportlint rules-to-json FILE\n"
    "\n"
    "Prints a YAML file as JSON, read by reportlint's own YAML reader (for\n"
    "schema validation).\n";

static const char exit_text[] =
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or rule\n"
    "error, 3 an input could not be read.\n";

/* reportlint --help: everything; CMD --help: that command's part. */
static void print_help(const char *cmd) {
  if (!cmd) {
    printf("%s\n%s\n%s\n%s%s", synopsis_text, check_options_text,
           audit_text, paths_text, exit_text);
  } else if (strcmp(cmd, "check") == 0) {
    printf("usage: reportlint check [options] PATH...\n\n%s\n%s%s",
           check_options_text, paths_text, exit_text);
  } else if (strcmp(cmd, "audit") == 0) {
    printf("usage: reportlint audit [options] PATH...\n\n%s\n%s\n%s%s",
           audit_text, check_options_text, paths_text, exit_text);
  } else if (strcmp(cmd, "serve") == 0) {
    fputs(cmd_serve_help, stdout);
  } else {
    static const struct {
      const char *cmd, *text;
    } texts[] = {{"rules", rules_text},
                 {"lint-rules", lint_rules_text},
                 {"test-rules", test_rules_text},
                 {"rules-to-json", rules_to_json_text}};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      if (strcmp(cmd, texts[i].cmd) == 0)
        fputs(texts[i].text, stdout);
  }
}

/* --- did you mean -------------------------------------------------------- */

/* The edit distance of a and b (insertions, deletions, substitutions and
 * swaps of neighbours), counted up to 9. */
static int edit_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 63 || m > 63)
    return 9;
  int d[64][64];
  for (size_t i = 0; i <= n; i++)
    d[i][0] = (int)i;
  for (size_t j = 0; j <= m; j++)
    d[0][j] = (int)j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (d[i - 1][j] + 1 < best)
        best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best)
        best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[n][m] < 9 ? d[n][m] : 9;
}

/* The candidate closest to word, if it is close enough to be a typo (at
 * most 2 edits, and fewer than a third of the word); NULL otherwise. */
static const char *closest(const char *word, const char *const *cands,
                           size_t n) {
  const char *best = NULL;
  int bestd = 3;
  size_t len = strlen(word);
  for (size_t i = 0; i < n; i++) {
    int dist = edit_distance(word, cands[i]);
    if (dist < bestd && (size_t)dist * 3 <= len + 1) {
      best = cands[i];
      bestd = dist;
    }
  }
  return best;
}

/* Appends "; did you mean 'X'?" to d's message when a candidate is close. */
static void suggest(rl_diag *d, const char *word, const char *const *cands,
                    size_t n) {
  const char *hit = closest(word, cands, n);
  size_t len = strlen(d->msg);
  if (hit)
    snprintf(d->msg + len, sizeof d->msg - len, "; did you mean '%s'?",
             hit);
}

/* The rule ids (and prefixes a rule id could be given as) and rule set
 * names of ctx, for suggestions. Returns a newly allocated array of
 * pointers into ctx; the caller frees the array. */
static const char **known_names(rl_ctx *ctx, int rulesets, size_t *n) {
  rl_diag ignored;
  rl_ctx_load_all(ctx, &ignored);
  const char **v = NULL;
  size_t cap = 0;
  *n = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    if (rulesets)
      *ARRAY_PUSH(v, *n, cap) = rs->name;
    for (int i = 0; !rulesets && i < rs->nrules; i++)
      *ARRAY_PUSH(v, *n, cap) = rs->rules[i].id;
  }
  return v;
}

static void suggest_name(rl_ctx *ctx, rl_diag *d, const char *word,
                         int rulesets) {
  size_t n;
  const char **v = known_names(ctx, rulesets, &n);
  suggest(d, word, v, n);
  free(v);
}

static int usage_error(const char *fmt, const char *arg) {
  fputs("reportlint: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'reportlint --help'.\n", stderr);
  return EXIT_USAGE;
}

static void print_diag(const rl_diag *d) {
  char buf[2200];
  diag_format(d, buf, sizeof buf);
  fprintf(stderr, "%s\n", buf);
}

/* --- rule directory ----------------------------------------------------- */

/* The default rules: $REPORTLINT_RULES, the rules/ folder of the source
 * tree the binary was built in (beside it, or one up for build-asan/),
 * the data directory of the prefix it is installed in (bin/../share), else
 * the data directory it was configured for. Returns NULL when none of
 * them is a directory, with the places looked at in *looked (a newly
 * allocated string; the caller frees it). */
static const char *default_rules_dir(char *buf, size_t cap, char **looked) {
  const char *env = getenv("REPORTLINT_RULES");
  *looked = NULL;
  if (env && *env)
    return env;
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, "$REPORTLINT_RULES (not set)");
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash = NULL;
  if (n > 0) {
    exe[n] = '\0';
    slash = strrchr(exe, '/');
  }
  if (slash)
    *slash = '\0';
  static const char *const rel[] = {"rules", "../rules",
                                    "../share/reportlint/rules"};
  struct stat st;
  for (int i = 0; slash && i < 3; i++) {
    snprintf(buf, cap, "%s/%s", exe, rel[i]);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
      strbuf_release(&sb);
      return buf;
    }
    strbuf_printf(&sb, ", %s", buf);
  }
  if (stat(RL_DATADIR "/rules", &st) == 0 && S_ISDIR(st.st_mode)) {
    strbuf_release(&sb);
    return RL_DATADIR "/rules";
  }
  strbuf_puts(&sb, ", " RL_DATADIR "/rules");
  *looked = strbuf_detach(&sb, NULL);
  return NULL;
}

/* No --rules, no configuration's rules:, and no default rule set. */
static int no_rules_found(const char *looked, rl_diag *d) {
  return diag_set(d, DIAG_RULES, "reportlint", 0, 0,
                  "no rule set found; looked in %s. Give --rules DIR, set "
                  "REPORTLINT_RULES=DIR, keep the rules/ folder beside the "
                  "binary, or install them with 'make install'",
                  looked);
}

/* YYYY-MM-DD in $REPORTLINT_TODAY fixes "today" for waiver expiry (for
 * reproducible runs and tests); otherwise the real date is used. */
static int today_override(void) {
  const char *t = getenv("REPORTLINT_TODAY");
  int y, m, d;
  if (t && sscanf(t, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return y * 10000 + m * 100 + d;
  return 0;
}

/* Rule directories: --rules, else the configuration's (relative to its
 * file), else the default. */
static int load_rule_dirs(const cli *c, rl_ctx *ctx, rl_diag *d) {
  char buf[PATH_MAX + 16];
  if (c->rules_dir || !c->cfg || !c->cfg->nrules_dirs) {
    char *looked = NULL;
    const char *dir = c->rules_dir ? c->rules_dir
                                   : default_rules_dir(buf, sizeof buf,
                                                       &looked);
    int rc = dir ? rl_ctx_load_rules(ctx, dir, d) : no_rules_found(looked, d);
    free(looked);
    return rc;
  }
  for (size_t i = 0; i < c->cfg->nrules_dirs; i++) {
    const char *dir = c->cfg->rules_dirs[i];
    if (dir[0] != '/') {
      snprintf(buf, sizeof buf, "%s/%s", c->cfg->dir, dir);
      dir = buf;
    }
    if (rl_ctx_load_rules(ctx, dir, d) < 0)
      return -1;
  }
  return 0;
}

/* Every rule id a configuration names must exist. */
static int check_config_ids(const config *cfg, const rl_ctx *ctx,
                            rl_diag *d) {
  for (size_t o = 0; cfg && o <= cfg->noverrides; o++) {
    const config_settings *s =
        o == 0 ? &cfg->set : &cfg->overrides[o - 1].set;
    for (size_t i = 0; i < s->nrules; i++) {
      int hit = 0;
      for (int k = 0; k < rl_ctx_ruleset_count(ctx) && !hit; k++) {
        const rl_ruleset *rs = rl_ctx_ruleset(ctx, k);
        for (int j = 0; j < rs->nrules && !hit; j++)
          hit = rules_id_matches(s->rules[i].id, rs->rules[j].id);
      }
      if (!hit) {
        diag_set(d, DIAG_USAGE, cfg->path, 0, 0,
                 "no rule matches '%s' (see 'reportlint rules')",
                 s->rules[i].id);
        suggest_name((rl_ctx *)ctx, d, s->rules[i].id, 0);
        return -1;
      }
    }
  }
  return 0;
}

/* The rule sets. A rule set's files beyond its header are read when a
 * report selects it (rl_ctx_load_ruleset), which saves a one-report check
 * the other sets' YAML; everything else here needs them all: a
 * configuration's or a toggle's rule ids, the pool's clones, --stats. */
static int config_names_rules(const config *cfg) {
  for (size_t o = 0; cfg && o <= cfg->noverrides; o++)
    if ((o == 0 ? &cfg->set : &cfg->overrides[o - 1].set)->nrules)
      return 1;
  return 0;
}

static int reads_rules_lazily(const cli *c) {
  return c->lazy_rules && c->jobs <= 1 && !c->stats &&
         !config_names_rules(c->cfg);
}

static rl_ctx *load_ctx(const cli *c, int *rc) {
  rl_options opts = {.department = c->department,
                     .max_bytes = c->max_bytes,
                     .max_line = c->max_line,
                     .max_findings = c->max_findings,
                     .max_read_ms = (unsigned)(c->max_read_s * 1000),
                     .today = today_override(),
                     .input_format = c->input_format};
  rl_ctx *ctx = rl_ctx_new(&opts);
  rl_diag d;
  diag_clear(&d);
  const char *ruleset =
      c->ruleset ? c->ruleset : c->cfg ? c->cfg->ruleset : NULL;
  int loaded = load_rule_dirs(c, ctx, &d) == 0 &&
               (reads_rules_lazily(c) || rl_ctx_load_all(ctx, &d) == 0);
  int bad_set = loaded && ruleset && rl_ctx_use_ruleset(ctx, ruleset, &d) < 0;
  if (bad_set)
    suggest_name(ctx, &d, ruleset, 1);
  if (!loaded || bad_set || check_config_ids(c->cfg, ctx, &d) < 0) {
    print_diag(&d);
    rl_ctx_free(ctx);
    *rc = EXIT_USAGE;
    return NULL;
  }
  for (size_t i = 0; i < c->ntoggles; i++) {
    if (rl_ctx_set_rule(ctx, c->toggles[i] + 1, c->toggles[i][0] == '+',
                        &d) < 0) {
      suggest_name(ctx, &d, c->toggles[i] + 1, 0);
      print_diag(&d);
      rl_ctx_free(ctx);
      *rc = EXIT_USAGE;
      return NULL;
    }
  }
  return ctx;
}

/* --- argument parsing ----------------------------------------------------- */

static int parse_severity_opt(const char *v, int *out) {
  rl_severity s;
  if (strcmp(v, "none") == 0) {
    *out = FAIL_NONE;
    return 0;
  }
  if (rules_parse_severity(v, &s) < 0)
    return -1;
  *out = (int)s;
  return 0;
}

/* Options taking a value: --opt VALUE or --opt=VALUE. */
static const char *opt_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0)
    return NULL;
  if (argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (argv[*i][n] != '\0')
    return NULL;
  if (*i + 1 >= argc)
    return "";
  return argv[++*i];
}

static int parse_flag(cli *c, const char *a) {
  if (strcmp(a, "--stats") == 0)
    c->stats = 1;
  else if (strcmp(a, "--no-source") == 0)
    c->show_source = 0;
  else if (strcmp(a, "--bom") == 0)
    c->bom = 1;
  else if (strcmp(a, "--department") == 0)
    c->department = 1;
  else if (strcmp(a, "--no-config") == 0)
    c->no_config = 1;
  else if (strcmp(a, "--force-exclude") == 0)
    c->force_exclude = 1;
  else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
    c->help = 1;
  else
    return 0;
  return 1;
}

static int push_toggle(cli *c, int on, const char *id) {
  if (!*id)
    return usage_error("option '%s' needs a rule id", on ? "--enable"
                                                           : "--disable");
  size_t len = strlen(id) + 2;
  char *t = xmalloc(len);
  snprintf(t, len, "%c%s", on ? '+' : '-', id);
  *ARRAY_PUSH(c->toggles, c->ntoggles, c->captoggles) = t;
  return 0;
}

/* size = digits [k|K|m|M|g|G]       e.g. 50M, 1048576 (must be > 0) */
static int parse_size(const char *opt, const char *v, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long n = strtoull(v, &end, 10);
  unsigned long long mul = 1;
  if (end != v && *end && !end[1]) {
    mul = (*end == 'k' || *end == 'K')   ? 1024ULL
          : (*end == 'm' || *end == 'M') ? 1024ULL * 1024
          : (*end == 'g' || *end == 'G') ? 1024ULL * 1024 * 1024
                                         : 0;
    end += mul != 0;
  }
  if (errno || end == v || *end || v[0] == '-' || n == 0 || mul == 0 ||
      n > (unsigned long long)SIZE_MAX / mul) {
    fprintf(stderr, "reportlint: %s: expected a positive size like 50M, "
                    "not '%s'\nTry 'reportlint --help'.\n", opt, v);
    return EXIT_USAGE;
  }
  *out = (size_t)(n * mul);
  return 0;
}

/* jobs = digits (1 to 1024)                e.g. -j 4, -j4, --jobs=4 */
static int set_jobs(cli *c, const char *v) {
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (errno || end == v || *end || n < 1 || n > 1024)
    return usage_error("-j: expected a number of jobs from 1 to 1024, "
                       "not '%s'",
                       v);
  c->jobs = n;
  return 0;
}

static int set_fail_on(cli *c, const char *v) {
  c->fail_on_set = 1;
  if (parse_severity_opt(v, &c->fail_on) == 0)
    return 0;
  return usage_error("--fail-on: expected error, warning, info or none, "
                     "not '%s'", v);
}

static int set_color(cli *c, const char *v) {
  if (strcmp(v, "always") == 0)
    c->color = 1;
  else if (strcmp(v, "never") == 0)
    c->color = 0;
  else if (strcmp(v, "auto") == 0)
    c->color = -1;
  else
    return usage_error("--color: expected auto, always or never, not '%s'",
                       v);
  return 0;
}

static const char *const option_names[] = {
    "--rules",     "--ruleset",      "--format",       "--explain",
    "--config",    "--baseline",     "--write-baseline", "--jobs",
    "--output",    "--fail-on",      "--color",        "--input-format",
    "--max-size",  "--max-line",     "--max-findings", "--max-read-time",
    "--enable",
    "--disable",   "--stats",        "--no-source",    "--bom",
    "--department", "--no-config",   "--force-exclude", "--help"};

/* "reportlint: unknown KIND 'NAME'; did you mean 'X'?" and the hint to
 * --help, for a word not among cands; returns EXIT_USAGE. */
static int unknown_word(const char *kind, const char *shown, const char *word,
                        const char *const *cands, size_t n) {
  const char *hit = closest(word, cands, n);
  fprintf(stderr, "reportlint: unknown %s '%s'", kind, shown);
  if (hit)
    fprintf(stderr, "; did you mean '%s'?", hit);
  fputs("\nTry 'reportlint --help'.\n", stderr);
  return EXIT_USAGE;
}

/* "unknown option '--fial-on'; did you mean '--fail-on'?" */
static int unknown_option(const char *opt) {
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(opt, "="), opt);
  return unknown_word("option", opt, name, option_names,
                      sizeof option_names / sizeof *option_names);
}

/* Returns 0, or an exit code for a bad option. */
static int parse_value_opt(cli *c, int argc, char **argv, int *i) {
  const char *opt = argv[*i], *v;
  if ((v = opt_value(argc, argv, i, "--rules")))
    c->rules_dir = v;
  else if ((v = opt_value(argc, argv, i, "--ruleset")))
    c->ruleset = v;
  else if ((v = opt_value(argc, argv, i, "--format")))
    c->format = v;
  else if ((v = opt_value(argc, argv, i, "--explain")))
    c->explain = v;
  else if ((v = opt_value(argc, argv, i, "--config")))
    c->config = v;
  else if ((v = opt_value(argc, argv, i, "--baseline")))
    c->baseline = v;
  else if ((v = opt_value(argc, argv, i, "--write-baseline")))
    c->write_baseline = v;
  else if (strncmp(opt, "-j", 2) == 0 && opt[2] >= '0' && opt[2] <= '9')
    return set_jobs(c, opt + 2);
  else if ((v = opt_value(argc, argv, i, "--jobs")) ||
           (v = opt_value(argc, argv, i, "-j")))
    return set_jobs(c, v);
  else if ((v = opt_value(argc, argv, i, "--output")) ||
           (v = opt_value(argc, argv, i, "-o")))
    c->output = v;
  else if ((v = opt_value(argc, argv, i, "--fail-on")))
    return set_fail_on(c, v);
  else if ((v = opt_value(argc, argv, i, "--color")))
    return set_color(c, v);
  else if ((v = opt_value(argc, argv, i, "--input-format"))) {
    c->input_format = reader_format_parse(v);
    if (c->input_format < 0)
      return usage_error("unknown input format '%s' (auto, txt, md, docx, "
                         "html, pdf)",
                         v);
  }
  else if ((v = opt_value(argc, argv, i, "--max-size")))
    return parse_size(opt, v, &c->max_bytes);
  else if ((v = opt_value(argc, argv, i, "--max-line")))
    return parse_size(opt, v, &c->max_line);
  else if ((v = opt_value(argc, argv, i, "--max-findings")))
    return parse_size(opt, v, &c->max_findings);
  else if ((v = opt_value(argc, argv, i, "--max-read-time"))) {
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (end == v || *end || v[0] == '-' || n == 0 || n > 86400)
      return usage_error("--max-read-time: expected seconds from 1 to "
                         "86400, not '%s'",
                         v);
    c->max_read_s = n;
    return 0;
  }
  else if ((v = opt_value(argc, argv, i, "--enable")))
    return push_toggle(c, 1, v);
  else if ((v = opt_value(argc, argv, i, "--disable")))
    return push_toggle(c, 0, v);
  else
    return unknown_option(opt);
  if (!*v)
    return usage_error("option '%s' needs a value", opt);
  return 0;
}

static int parse_args(cli *c, int argc, char **argv, int first) {
  int rest = 0;
  for (int i = first; i < argc; i++) {
    const char *a = argv[i];
    if (rest || a[0] != '-' || strcmp(a, "-") == 0) {
      *ARRAY_PUSH(c->paths, c->npaths, c->cappaths) = a;
    } else if (strcmp(a, "--") == 0) {
      rest = 1;
    } else if (!parse_flag(c, a)) {
      int rc = parse_value_opt(c, argc, argv, &i);
      if (rc)
        return rc;
    }
  }
  return 0;
}

/* --format names a writer of the command's: audit's, or check's. */
static int check_format(const cli *c, int for_audit) {
  if (!c->format || (for_audit ? audit_writer_find(c->format) != NULL
                               : output_find(c->format) != NULL))
    return 0;
  fprintf(stderr, "reportlint: --format: expected %s, not '%s'\n"
                  "Try 'reportlint --help'.\n",
          for_audit ? audit_writer_names() : output_names(), c->format);
  return EXIT_USAGE;
}

static void cli_release(cli *c) {
  config_free(c->cfg);
  for (size_t i = 0; i < c->ntoggles; i++)
    free((char *)c->toggles[i]);
  free(c->toggles);
  free(c->paths);
}

/* --- inputs -------------------------------------------------------------- */

/* What check and audit are given: the report files the walk found, in
 * order, and the directories that did not open (reported in that place). */
typedef struct inputs {
  audit_input *v;
  size_t n, cap;
} inputs;

static void add_input(void *arg, const char *path) {
  inputs *in = arg;
  int index = (int)in->n + 1;
  *ARRAY_PUSH(in->v, in->n, in->cap) =
      (audit_input){xstrdup(path), NULL, index};
}

static void add_unopened(void *arg, const rl_diag *d) {
  inputs *in = arg;
  rl_diag *copy = xmalloc(sizeof *copy);
  *copy = *d;
  int index = (int)in->n + 1;
  *ARRAY_PUSH(in->v, in->n, in->cap) =
      (audit_input){xstrdup(d->file), copy, index};
}

static void inputs_release(inputs *in) {
  for (size_t i = 0; i < in->n; i++) {
    free((char *)in->v[i].path);
    free((rl_diag *)in->v[i].error);
  }
  free(in->v);
}

/* The files a directory walk passed over, by why, for the summary: a
 * report folder of 7 files must not read as 2 reports without a word. */
enum { SKIP_README, SKIP_LOCK, SKIP_IGNORED, SKIP_OTHER, NSKIP };

typedef struct skipped {
  size_t n[NSKIP];
  char exts[64]; /* the first few extensions of SKIP_OTHER files */
} skipped;

/* A walk over the input paths: each report file found goes to file(),
 * each directory that cannot be opened to error(), and what was passed
 * over is counted in skips. check and audit collect them first (for the
 * worker pool, the count and the order). */
typedef struct walker {
  const config *cfg;   /* the configuration's ignore: globs */
  void (*file)(void *arg, const char *path);
  void (*error)(void *arg, const rl_diag *d);
  void *arg;
  skipped *skips;      /* NULL: not counted */
  int force_exclude;   /* ignore: applies to files named as well */
} walker;

static size_t skipped_total(const skipped *sk) {
  size_t n = 0;
  for (int i = 0; i < NSKIP; i++)
    n += sk->n[i];
  return n;
}

/* "reportlint: 3 files skipped: 1 README (describes the folder), 2 not a
 * report format (.xlsx .jpg); ..." on stderr, after the run; nothing if
 * none. */
static void print_skipped(const skipped *sk) {
  static const char *const why[NSKIP] = {
      [SKIP_README] = "README (describes the folder)",
      [SKIP_LOCK] = "Word lock file (~$)",
      [SKIP_IGNORED] = "ignored by the configuration's ignore:",
      [SKIP_OTHER] = "not a report format"};
  size_t total = skipped_total(sk);
  if (!total)
    return;
  fprintf(stderr, "reportlint: %zu file%s skipped:", total,
          total == 1 ? "" : "s");
  const char *sep = " ";
  for (int i = 0; i < NSKIP; i++) {
    if (!sk->n[i])
      continue;
    fprintf(stderr, "%s%zu %s", sep, sk->n[i], why[i]);
    if (i == SKIP_OTHER && sk->exts[0])
      fprintf(stderr, " (%s)", sk->exts);
    sep = ", ";
  }
  fprintf(stderr, "; reports are %s\n", reader_report_extensions());
}

typedef struct run {
  rl_ctx *ctx;
  const audit_input *in; /* what the walk found, checked in this order */
  rl_report **reports;   /* kept for the formats that are not streamed */
  size_t nreports, capreports;
  rl_diag *errors;
  size_t nerrors, caperrors;
  rl_diag *rule_errors; /* rules that failed at run time, one per report */
  size_t nrule_errors, caprule_errors;
  const cli *c;
  baseline *bl;        /* --baseline, or NULL */
  out_totals totals;
  skipped skips;       /* files the walk passed over */
  const out_stream *stream; /* written report by report; NULL: at the end */
  out_result res;      /* the streamed writer's options */
  FILE *f;             /* where the stream goes: stdout or -o's file */
  strbuf buf;
  int write_failed, write_errno;
} run;

/* One file the walk passed over, counted under why; SKIP_OTHER keeps its
 * extension (lower-case, the first few) to name in the summary. */
static void count_skip(skipped *sk, int why, const char *name) {
  if (!sk)
    return;
  sk->n[why]++;
  const char *dot = strrchr(name, '.');
  if (why != SKIP_OTHER || !dot || strlen(dot) > 8)
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
  static const int why[] = {[READER_NAME_README] = SKIP_README,
                            [READER_NAME_LOCK] = SKIP_LOCK,
                            [READER_NAME_OTHER] = SKIP_OTHER};
  reader_name_kind k = reader_classify_name(name);
  if (k == READER_NAME_REPORT)
    w->file(w->arg, path);
  else
    count_skip(w->skips, why[k], name);
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories: their report files, recursively, in name order. Symbolic
 * links to directories are not followed (no loops). */
static void walk(const walker *w, const char *dir, int depth) {
  DIR *dp = opendir(dir);
  if (!dp) {
    rl_diag d;
    diag_set(&d, DIAG_INPUT, dir, 0, 0, "cannot open directory: %s",
             strerror(errno));
    w->error(w->arg, &d);
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dp)))
    if (e->d_name[0] != '.')
      *ARRAY_PUSH(names, n, cap) = xstrdup(e->d_name);
  closedir(dp);
  qsort(names, n, sizeof *names, cmp_name);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(dir) + strlen(names[i]) + 2;
    char *path = xmalloc(len);
    snprintf(path, len, "%s%s%s", dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
    struct stat st;
    if (settings_ignored(w->cfg, path)) {
      count_skip(w->skips, SKIP_IGNORED, names[i]);
    } else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      if (depth < WALK_MAX_DEPTH)
        walk(w, path, depth + 1);
    } else {
      walk_file(w, path, names[i]);
    }
    free(path);
    free(names[i]);
  }
  free(names);
}

/* A command-line path: a directory is walked, anything else (a file, '-')
 * is a report, unless --force-exclude and the configuration's ignore:
 * say otherwise (so that a hook naming staged files agrees with CI
 * walking the directory). */
static void walk_path(const walker *w, const char *path) {
  struct stat st;
  if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    walk(w, path, 0);
  else if (w->force_exclude && strcmp(path, "-") != 0 &&
           settings_ignored(w->cfg, path))
    count_skip(w->skips, SKIP_IGNORED, path);
  else
    w->file(w->arg, path);
}

/* --- output -------------------------------------------------------------- */

static void output_failed(const char *path) {
  int err = errno;
  char *name = utf8_escape_name_dup(path);
  fprintf(stderr, "reportlint: cannot write '%s': %s\n", name, strerror(err));
  free(name);
}

/* Opens -o's stream (see outfile.h). Returns 0, or -1 (said why). */
static int output_open(outfile *of, const char *path) {
  if (outfile_open(of, path) == 0)
    return 0;
  output_failed(path);
  return -1;
}

/* Closes -o's stream, the bytes put in place. Returns 0, or -1 (said). */
static int output_close(outfile *of, int ok) {
  const char *path = of->path;
  if (outfile_close(of, ok) == 0)
    return 0;
  output_failed(path);
  return -1;
}

static int write_output(const char *path, const char *buf, size_t len) {
  if (outfile_write(path, buf, len) == 0)
    return 0;
  output_failed(path);
  return -1;
}

/* An output that is one of the inputs: found by walking the inputs as
 * check and audit will, comparing device and inode (not names), before
 * anything is written. */
typedef struct overlap {
  struct stat out;
  char *input; /* the first input that is the output, or NULL */
} overlap;

static void find_overlap(void *arg, const char *path) {
  overlap *o = arg;
  struct stat st;
  if (!o->input && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
      st.st_dev == o->out.st_dev && st.st_ino == o->out.st_ino)
    o->input = xstrdup(path);
}

static void ignore_unopened(void *arg, const rl_diag *d) {
  (void)arg;
  (void)d;
}

/* Returns -1 (said why) when writing path would overwrite an input. */
static int refuse_overwrite(const cli *c, const char *path) {
  overlap o = {.input = NULL};
  if (!path || outfile_stat(path, &o.out) != 1 || S_ISDIR(o.out.st_mode))
    return 0;
  walker w = {c->cfg, find_overlap, ignore_unopened, &o, NULL,
              c->force_exclude};
  for (size_t i = 0; i < c->npaths && !o.input; i++)
    walk_path(&w, c->paths[i]);
  if (!o.input)
    return 0;
  char *name = utf8_escape_name_dup(o.input);
  fprintf(stderr, "reportlint: output would overwrite the input %s\n", name);
  free(name);
  free(o.input);
  return -1;
}

static void print_stats(const run *r) {
  fputs("rule statistics (matches over the run):\n", stderr);
  int silent = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(r->ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(r->ctx, s);
    for (int i = 0; i < rs->nrules; i++) {
      unsigned long h = rl_ctx_rule_hits(r->ctx, s, i);
      int on = rl_ctx_rule_enabled(r->ctx, s, i);
      fprintf(stderr, "  %8lu  %s%s\n", h, rs->rules[i].id,
              on ? "" : " (disabled)");
      silent += on && h == 0;
    }
  }
  fprintf(stderr, "%d enabled rule%s never matched anything in this run\n",
          silent, silent == 1 ? "" : "s");
}

/* The writer's options, shared by the streamed and the whole output. */
static out_result result_of(const cli *c, const run *r) {
  out_result res = {.reports = r->reports, .nreports = r->nreports,
                    .errors = r->errors, .nerrors = r->nerrors,
                    .rule_errors = r->rule_errors,
                    .nrule_errors = r->nrule_errors,
                    .ctx = r->ctx, .show_source = c->show_source,
                    .totals = &r->totals,
                    .nskipped = skipped_total(&r->skips)};
  res.color = c->color >= 0 ? c->color
                            : (!c->output && isatty(STDOUT_FILENO) &&
                               !getenv("NO_COLOR"));
  return res;
}

/* Writes and empties r->buf; a failed write is remembered with its errno
 * (a closed pipe or a full disk: the run then stops). */
static int flush_run(run *r) {
  if (r->buf.len && !r->write_failed &&
      fwrite(r->buf.p, 1, r->buf.len, r->f) != r->buf.len) {
    r->write_failed = 1;
    r->write_errno = errno;
  }
  strbuf_reset(&r->buf);
  return r->write_failed ? -1 : 0;
}

/* The whole output of a format that is not streamed, at the end. */
static int emit(const cli *c, const run *r) {
  out_result res = result_of(c, r);
  strbuf out;
  strbuf_init(&out, STRBUF_UNLIMITED);
  out_writer w = output_find(c->format ? c->format : "text");
  int rc = w(&res, &out);
  if (rc == 0) {
    if (c->output)
      rc = write_output(c->output, out.p ? out.p : "", out.len);
    else if (out.len && fwrite(out.p, 1, out.len, stdout) != out.len)
      rc = -1;
  }
  strbuf_release(&out);
  return rc;
}

/* A streamed format's closing piece, and -o's file put in place. */
static int emit_end(const cli *c, run *r, outfile *of) {
  out_result res = result_of(c, r);
  if (!r->write_failed && r->stream->end(&res, &r->buf) < 0)
    r->write_failed = 1;
  flush_run(r);
  if (!c->output)
    return r->write_failed || fflush(stdout) != 0 ? -1 : 0;
  if (r->write_failed)
    errno = r->write_errno;
  return output_close(of, !r->write_failed);
}

static int exit_status(const cli *c, const run *r, int write_failed) {
  if (r->nrule_errors || write_failed)
    return EXIT_USAGE;
  if (r->nerrors)
    return EXIT_INPUT;
  int fail_on = c->fail_on;
  if (!c->fail_on_set && c->cfg && c->cfg->fail_on >= 0)
    fail_on = c->cfg->fail_on;
  if (fail_on == FAIL_NONE)
    return EXIT_CLEAN;
  for (int s = fail_on; s <= RL_SEV_ERROR; s++)
    if (r->totals.counts[s])
      return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

/* The configuration: --config FILE, else .reportlint.yaml found walking up
 * from the working directory (unless --no-config). */
static int load_config(cli *c) {
  char *found = NULL;
  const char *path = c->config;
  if (!path && !c->no_config)
    path = found = config_find();
  rl_diag d;
  diag_clear(&d);
  int rc = path ? config_load(path, &c->cfg, &d) : 0;
  free(found);
  if (rc < 0)
    print_diag(&d);
  return rc;
}

static int load_baseline(const char *path, baseline **out) {
  char *buf;
  size_t len;
  rl_diag d;
  diag_clear(&d);
  int rc = input_read(path, BASELINE_MAX_BYTES, &buf, &len, &d);
  if (rc == 0) {
    rc = baseline_parse(buf, len, path, out, &d);
    free(buf);
  }
  if (rc < 0)
    print_diag(&d);
  return rc;
}

static void print_unmatched_entry(void *arg, const char *file,
                                  const char *rule_id, int line) {
  size_t *n = arg;
  if (++*n <= 20)
    fprintf(stderr, "  %s:%d: %s\n", file, line, rule_id);
}

/* After the run: a baseline none of whose entries matched was most likely
 * written for other paths; entries that match nothing are listed (fixed,
 * or their report renamed: write the baseline again). */
static void report_baseline(const cli *c, const baseline *bl) {
  size_t n = baseline_count(bl), matched = baseline_matched(bl);
  if (n == 0 || matched == n)
    return;
  if (matched == 0)
    fprintf(stderr, "reportlint: warning: no entry of the baseline %s "
                    "matched a finding (its paths are relative to its "
                    "directory; were these reports checked?)\n",
            c->baseline);
  fprintf(stderr, "reportlint: %zu of %zu baseline entries match no "
                  "finding any more (rewrite it with --write-baseline):\n",
          n - matched, n);
  size_t listed = 0;
  baseline_each_unmatched(bl, print_unmatched_entry, &listed);
  if (listed > 20)
    fprintf(stderr, "  ... and %zu more\n", listed - 20);
}

/* After the output: the baseline file and GitHub's step summary. */
static int write_extras(const cli *c, const run *r) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  int rc = 0;
  if (c->write_baseline) {
    rc = baseline_write(r->reports, r->nreports, c->write_baseline, &sb);
    if (rc == 0)
      rc = write_output(c->write_baseline, sb.p ? sb.p : "", sb.len);
  }
  const char *summary = getenv("GITHUB_STEP_SUMMARY");
  if (rc == 0 && c->format && strcmp(c->format, "github") == 0 && summary &&
      *summary) {
    out_result res = {.reports = r->reports, .nreports = r->nreports,
                      .errors = r->errors, .nerrors = r->nerrors,
                      .rule_errors = r->rule_errors,
                      .nrule_errors = r->nrule_errors, .ctx = r->ctx};
    strbuf_reset(&sb);
    FILE *f = out_github_summary(&res, &sb) == 0 ? fopen(summary, "a") : NULL;
    rc = f && fwrite(sb.p ? sb.p : "", 1, sb.len, f) == sb.len ? 0 : -1;
    rc = (f && fclose(f) == 0) ? rc : -1;
    if (rc < 0)
      fprintf(stderr, "reportlint: cannot append to '%s': %s\n", summary,
              strerror(errno));
  }
  strbuf_release(&sb);
  return rc;
}

/* One input checked on a worker: the report, or why it could not be
 * read; and the rule that failed on it, if one did. */
typedef struct checked {
  rl_report *rep;
  rl_diag error;
  int rule_failed;
  rl_diag rule_error;
} checked;

static int same_diag(const rl_diag *a, const rl_diag *b) {
  return a->kind == b->kind && a->line == b->line && a->col == b->col &&
         strcmp(a->file, b->file) == 0 && strcmp(a->msg, b->msg) == 0;
}

static checked *check_one(const run *r, rl_ctx *ctx, const audit_input *in) {
  checked *ck = xcalloc(1, sizeof *ck);
  diag_clear(&ck->error);
  if (in->error) {
    ck->error = *in->error;
    return ck;
  }
  ck->rep = rl_report_read(ctx, in->path, &ck->error);
  if (!ck->rep)
    return ck;
  const cli *c = r->c;
  settings s;
  diag_clear(&ck->rule_error);
  if (settings_for(c->cfg, in->path, c->toggles, c->ntoggles, c->department,
                   &s, &ck->rule_error) < 0 ||
      rl_report_check_opts(ctx, ck->rep, &s.opts, &ck->rule_error) < 0)
    ck->rule_failed = 1;
  settings_release(&s);
  return ck;
}

static void *check_input(void *arg, rl_ctx *ctx, size_t i) {
  const run *r = arg;
  return check_one(r, ctx, &r->in[i]);
}

/* In input order: diagnostics to stderr, then the report's output is
 * written and the report freed (streamed) or kept for the end. */
static int take_checked(void *arg, void *result, size_t i) {
  (void)i;
  run *r = arg;
  checked *ck = result;
  rl_report *rep = ck->rep;
  if (!rep) {
    print_diag(&ck->error);
    *ARRAY_PUSH(r->errors, r->nerrors, r->caperrors) = ck->error;
  } else if (ck->rule_failed) {
    /* a broken rule file, read when the first report needed it, fails
     * every report of its set: said once */
    int said = 0;
    for (size_t k = 0; k < r->nrule_errors && !said; k++)
      said = same_diag(&r->rule_errors[k], &ck->rule_error);
    if (!said)
      print_diag(&ck->rule_error);
    *ARRAY_PUSH(r->rule_errors, r->nrule_errors, r->caprule_errors) =
        ck->rule_error;
  }
  free(ck);
  if (!rep)
    return 0;
  if (r->bl)
    baseline_apply(r->bl, rep);
  out_totals_add(&r->totals, rep);
  if (!r->stream) {
    *ARRAY_PUSH(r->reports, r->nreports, r->capreports) = rep;
    return 0;
  }
  if (r->stream->report(&r->res, rep, &r->buf) < 0)
    r->write_failed = 1;
  rl_report_free(rep);
  return flush_run(r);
}

static void drop_checked(void *arg, void *result) {
  (void)arg;
  checked *ck = result;
  rl_report_free(ck->rep);
  free(ck);
}

/* A worker's rule hit counts, back into the run's context (--stats). */
static void merge_hits(void *arg, const rl_ctx *clone) {
  run *r = arg;
  rl_ctx_add_hits(r->ctx, clone);
}

/* Streamed unless something needs every report at the end: a format
 * that is not streamed, --write-baseline, or GitHub's step summary. */
static const out_stream *stream_of(const cli *c) {
  const char *summary = getenv("GITHUB_STEP_SUMMARY");
  const char *format = c->format ? c->format : "text";
  if (c->write_baseline ||
      (strcmp(format, "github") == 0 && summary && *summary))
    return NULL;
  return output_stream_find(format);
}

/* -j 1: each file is checked as the walk finds it, with the run's own
 * context, so nothing but the current report is held however many there
 * are (the pool needs the list of inputs first). A failed write skips
 * the rest. */
static void check_now(void *arg, const char *path) {
  run *r = arg;
  audit_input in = {path, NULL, 0};
  if (!r->write_failed)
    take_checked(r, check_one(r, r->ctx, &in), 0);
}

static void unopened_now(void *arg, const rl_diag *d) {
  run *r = arg;
  audit_input in = {d->file, d, 0};
  if (!r->write_failed)
    take_checked(r, check_one(r, r->ctx, &in), 0);
}

/* Checks the inputs in order, on c->jobs threads over the list of them
 * when it is more than 1; streams or keeps. */
static int check_inputs(const cli *c, run *r) {
  outfile of;
  r->stream = stream_of(c);
  r->f = stdout;
  if (r->stream && c->output) {
    if (output_open(&of, c->output) < 0)
      return -1;
    r->f = of.f;
  }
  r->res = result_of(c, r);
  strbuf_init(&r->buf, STRBUF_UNLIMITED);
  if (c->jobs > 1) {
    inputs in = {0};
    walker w = {c->cfg, add_input, add_unopened, &in, &r->skips,
                c->force_exclude};
    for (size_t i = 0; i < c->npaths; i++)
      walk_path(&w, c->paths[i]);
    r->in = in.v;
    pool_ops ops = {.work = check_input, .sink = take_checked,
                    .discard = drop_checked, .merge = merge_hits};
    pool_run(r->ctx, in.n, (int)c->jobs, &ops, r);
    inputs_release(&in);
  } else {
    walker w = {c->cfg, check_now, unopened_now, r, &r->skips,
                c->force_exclude};
    for (size_t i = 0; i < c->npaths; i++)
      walk_path(&w, c->paths[i]);
  }
  int rc = r->stream ? emit_end(c, r, &of) : emit(c, r);
  strbuf_release(&r->buf);
  return rc;
}

static int cmd_check(cli *c) {
  if (c->npaths == 0)
    return usage_error("%s", "check: no input (give a file, a directory "
                             "or '-')");
  if (c->bom)
    return usage_error("%s", "--bom is an option of 'audit', not 'check'");
  if (load_config(c) < 0 || refuse_overwrite(c, c->output) < 0 ||
      refuse_overwrite(c, c->write_baseline) < 0)
    return EXIT_USAGE;
  int rc = EXIT_CLEAN;
  run r = {.c = c};
  if (c->baseline && load_baseline(c->baseline, &r.bl) < 0)
    return EXIT_USAGE;
  c->lazy_rules = 1;
  r.ctx = load_ctx(c, &rc);
  if (!r.ctx) {
    baseline_free(r.bl);
    return rc;
  }
  out_totals_init(&r.totals, r.ctx);
  int failed = check_inputs(c, &r) < 0;
  failed |= write_extras(c, &r) < 0;
  if (c->stats)
    print_stats(&r);
  print_skipped(&r.skips);
  if (r.bl)
    report_baseline(c, r.bl);
  rc = exit_status(c, &r, failed);
  for (size_t i = 0; i < r.nreports; i++)
    rl_report_free(r.reports[i]);
  out_totals_release(&r.totals);
  free(r.reports);
  free(r.errors);
  free(r.rule_errors);
  baseline_free(r.bl);
  rl_ctx_free(r.ctx);
  return rc;
}

/* --- audit ------------------------------------------------------------- */


/* The summary as it is written: rows go out as the records come. */
typedef struct audit_out {
  const audit_writer *w;
  FILE *f;             /* stdout, or -o's temporary file */
  FILE *spool;         /* the writer's second table, until the end */
  strbuf buf, spool_buf;
  int write_failed;
  int tty;             /* stderr is a terminal: draw a progress line */
  int drawn;           /* a progress line is on the screen */
  double start, last;  /* seconds, monotonic */
} audit_out;

static void clear_progress(audit_out *o) {
  if (o->drawn)
    fputs("\r\033[K", stderr);
  o->drawn = 0;
}

/* "audit: 120/3000 reports, 85.3/s" on stderr, redrawn in place at most
 * ten times a second, and only on a terminal. */
static void audit_progress_line(void *arg, size_t done, size_t total) {
  audit_out *o = arg;
  double now = monoclock_seconds();
  if (!o->tty || (now - o->last < 0.1 && done < total))
    return;
  double rate = now > o->start ? (double)done / (now - o->start) : 0;
  fprintf(stderr, "\raudit: %zu/%zu reports, %.1f/s", done, total, rate);
  o->last = now;
  o->drawn = 1;
}

/* Writes sb to f (the output or the spool) and empties it. */
static void flush_to(audit_out *o, FILE *f, strbuf *sb) {
  if (sb->len && !o->write_failed && fwrite(sb->p, 1, sb->len, f) != sb->len)
    o->write_failed = 1;
  strbuf_reset(sb);
}

static int audit_emit(void *arg, const audit *a, const audit_record *r) {
  audit_out *o = arg;
  if (r->unreadable || r->rule_failed)
    clear_progress(o);
  if (r->unreadable)
    print_diag(&r->error);
  if (r->rule_failed)
    print_diag(&r->rule_error);
  o->w->row(a, r, &o->buf, &o->spool_buf);
  flush_to(o, o->f, &o->buf);
  if (o->spool_buf.len && !o->spool && !(o->spool = tmpfile()))
    o->write_failed = 1;
  if (o->spool)
    flush_to(o, o->spool, &o->spool_buf);
  return o->write_failed;
}

/* After the last row: the spooled table, then the per-rule table and the
 * totals. */
static void audit_finish(audit_out *o, const audit *a) {
  if (o->w->spool_head && o->spool) {
    o->w->spool_head(a, &o->buf);
    flush_to(o, o->f, &o->buf);
    char chunk[65536];
    size_t n;
    rewind(o->spool);
    while (!o->write_failed && (n = fread(chunk, 1, sizeof chunk, o->spool)))
      o->write_failed = fwrite(chunk, 1, n, o->f) != n;
    o->write_failed |= ferror(o->spool) != 0;
  }
  o->w->tail(a, &o->buf);
  flush_to(o, o->f, &o->buf);
}

static int audit_exit_status(const audit *a, int write_failed) {
  if (a->totals.rule_failures || write_failed)
    return EXIT_USAGE;
  if (a->totals.unreadable)
    return EXIT_INPUT;
  return a->totals.failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* The options of check that make no sense for a summary. */
static int audit_usage(const cli *c) {
  const char *opt = c->baseline         ? "--baseline"
                    : c->write_baseline ? "--write-baseline"
                    : c->stats          ? "--stats"
                    : !c->show_source   ? "--no-source"
                    : c->color >= 0     ? "--color"
                                        : NULL;
  if (c->npaths == 0)
    return usage_error("%s", "audit: no input (give files or directories)");
  if (opt)
    return usage_error("%s is an option of 'check', not 'audit'", opt);
  if (c->bom && (!c->format || strcmp(c->format, "csv") != 0))
    return usage_error("%s", "--bom is for --format csv");
  return 0;
}

/* Runs the audit over the inputs into o->f; returns the exit status. */
static int audit_inputs(const cli *c, rl_ctx *ctx, const inputs *in,
                        audit_out *o) {
  int fail_on = c->fail_on;
  if (!c->fail_on_set && c->cfg && c->cfg->fail_on >= 0)
    fail_on = c->cfg->fail_on;
  long jobs = c->jobs ? c->jobs : sysconf(_SC_NPROCESSORS_ONLN);
  audit_params p = {c->cfg, c->toggles, c->ntoggles, c->department,
                    jobs < 1 ? 1 : (int)jobs, o->w == &audit_html};
  audit a;
  audit_init(&a, ctx, fail_on);
  audit_out_opts oo = {c->bom};
  o->w->head(&a, &oo, &o->buf);
  flush_to(o, o->f, &o->buf);
  o->start = o->last = monoclock_seconds();
  if (audit_run(&a, in->v, in->n, &p, audit_emit, audit_progress_line, o) ==
      0)
    audit_finish(o, &a);
  clear_progress(o);
  int rc = audit_exit_status(&a, o->write_failed);
  audit_release(&a);
  return rc;
}

static int cmd_audit(cli *c) {
  int rc = audit_usage(c);
  if (rc || load_config(c) < 0 || refuse_overwrite(c, c->output) < 0)
    return rc ? rc : EXIT_USAGE;
  rl_ctx *ctx = load_ctx(c, &rc);
  if (!ctx)
    return rc;
  inputs in = {0};
  skipped skips = {{0}, ""};
  walker w = {c->cfg, add_input, add_unopened, &in, &skips,
              c->force_exclude};
  for (size_t i = 0; i < c->npaths; i++)
    walk_path(&w, c->paths[i]);
  audit_out o = {.w = audit_writer_find(c->format ? c->format : "markdown"),
                 .f = stdout,
                 .tty = isatty(STDERR_FILENO)};
  strbuf_init(&o.buf, STRBUF_UNLIMITED);
  strbuf_init(&o.spool_buf, STRBUF_UNLIMITED);
  outfile of;
  if (c->output && output_open(&of, c->output) < 0) {
    o.f = NULL;
    rc = EXIT_USAGE;
  } else {
    o.f = c->output ? of.f : stdout;
    rc = audit_inputs(c, ctx, &in, &o);
  }
  if (c->output && o.f && output_close(&of, !o.write_failed) < 0) {
    rc = EXIT_USAGE;
  } else if (!c->output && (o.write_failed || fflush(stdout) != 0)) {
    fprintf(stderr, "reportlint: cannot write the summary: %s\n",
            strerror(errno));
    rc = EXIT_USAGE;
  }
  print_skipped(&skips);
  if (o.spool)
    fclose(o.spool);
  strbuf_release(&o.buf);
  strbuf_release(&o.spool_buf);
  inputs_release(&in);
  rl_ctx_free(ctx);
  return rc;
}

/* --- rules, lint-rules, test-rules ---------------------------------------- */

static void print_examples(const char *kind, char *const *v, int n) {
  for (int i = 0; i < n; i++) {
    printf("  %s:\n", kind);
    for (const char *p = v[i]; *p;) {
      const char *nl = strchr(p, '\n');
      size_t len = nl ? (size_t)(nl - p) : strlen(p);
      printf("    %.*s\n", (int)len, p);
      p += len + (nl ? 1 : 0);
    }
  }
}

static void explain(const rl_ruleset *rs, const rule *r) {
  printf("%s  (%s, %s, rule set %s %s)\n", r->id,
         rules_severity_name(r->severity), rules_type_name(r->type), rs->name,
         rs->version);
  printf("消息: %s\n", r->message);
  if (r->description)
    printf("说明: %s\n", r->description);
  if (r->regulation)
    printf("依据: %s\n", r->regulation);
  if (!r->enabled)
    printf("默认关闭 (turn on with --enable %s)\n", r->id);
  if (r->nbad || r->ngood)
    printf("示例:\n");
  print_examples("错误示例 (bad)", r->bad, r->nbad);
  print_examples("正确示例 (good)", r->good, r->ngood);
  printf("定义于: %s:%d\n", r->file, r->line);
}

/* ID names r: its id, or "set/id" as SARIF writes the rules of a second
 * rule set. */
static int explains(const char *id, const rl_ruleset *rs, const rule *r) {
  size_t n = strlen(rs->name);
  if (strncmp(id, rs->name, n) == 0 && id[n] == '/')
    id += n + 1;
  return strcmp(id, r->id) == 0;
}

static int cmd_rules(cli *c, const char *explain_id) {
  int rc = EXIT_CLEAN;
  rl_ctx *ctx = load_ctx(c, &rc);
  if (!ctx)
    return rc;
  int found = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    if (!explain_id)
      printf("# %s %s: %s (%s)\n", rs->name, rs->version,
             rs->report_type ? rs->report_type : "", rs->dir);
    for (int i = 0; i < rs->nrules; i++) {
      const rule *r = &rs->rules[i];
      if (explain_id && explains(explain_id, rs, r)) {
        explain(rs, r);
        found = 1;
      } else if (!explain_id) {
        printf("%-32s %-7s %-14s %s%s\n", r->id,
               rules_severity_name(r->severity), rules_type_name(r->type),
               r->message, r->enabled ? "" : " (off)");
      }
    }
    for (int i = 0; !explain_id && i < rs->nmetrics; i++) {
      const key_metric *m = &rs->metrics[i];
      printf("%-32s %-7s %-14s %s%s%s%s\n", m->id, "-", "key metric",
             m->label, m->unit ? "（" : "", m->unit ? m->unit : "",
             m->unit ? "）" : "");
    }
  }
  if (explain_id && !found) {
    rl_diag d;
    diag_set(&d, DIAG_USAGE, NULL, 0, 0,
             "no rule with id '%s' (see 'reportlint rules')", explain_id);
    suggest_name(ctx, &d, explain_id, 0);
    rl_ctx_free(ctx);
    return usage_error("%s", d.msg);
  }
  rl_ctx_free(ctx);
  return EXIT_CLEAN;
}

/* lint-rules and test-rules take one rule directory instead of --rules. */
static rl_ctx *load_dir_arg(cli *c, const char *cmd, int *rc) {
  *rc = EXIT_CLEAN;
  if (c->npaths != 1) {
    fprintf(stderr, "reportlint: %s: give exactly one rule directory\n"
                    "Try 'reportlint --help'.\n", cmd);
    *rc = EXIT_USAGE;
    return NULL;
  }
  c->rules_dir = c->paths[0];
  return load_ctx(c, rc);
}

static int cmd_lint_rules(cli *c) {
  int rc;
  rl_ctx *ctx = load_dir_arg(c, "lint-rules", &rc);
  if (!ctx)
    return rc;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    for (int i = 0; i < rs->nnotes; i++) /* old spellings: they still load */
      fprintf(stderr, "%s:%d:%d: warning: %s\n", rs->notes[i].file,
              rs->notes[i].line, rs->notes[i].col, rs->notes[i].msg);
    printf("%s: rule set %s %s: %d rules OK\n", rs->dir, rs->name,
           rs->version, rs->nrules);
  }
  rl_ctx_free(ctx);
  return EXIT_CLEAN;
}

/* Runs one example through the whole rule set; returns 1 if the rule's
 * verdict is the expected one. */
static int run_example(rl_ctx *ctx, int set, const rule *r, const char *text,
                       int bad, int index) {
  char name[512];
  snprintf(name, sizeof name, "%s:%d: %s example %d of %s", r->file, r->line,
           bad ? "bad" : "good", index + 1, r->id);
  rl_diag d;
  diag_clear(&d);
  if (rl_ctx_use_ruleset(ctx, rl_ctx_ruleset(ctx, set)->name, &d) < 0)
    return 0;
  /* Examples are plain-text reports (.txt) for rules that care. */
  rl_report *rep =
      rl_report_from_text(ctx, "example.txt", text, strlen(text), &d);
  if (!rep) {
    printf("FAIL %s: %s\n", name, d.msg);
    return 0;
  }
  int ok = rl_report_check(ctx, rep, &d) == 0 && rl_report_has(rep, r->id) == bad;
  if (!ok)
    printf("FAIL %s: %s\n", name,
           bad ? "expected the rule's finding, got none"
               : "expected no finding of this rule, got one");
  rl_report_free(rep);
  return ok;
}

/* A key metric's example is a paragraph of a report: it is read under a
 * title, and the figure found must be the one the example states (or
 * none). Returns 1 if it is. */
static int run_metric_example(rl_ctx *ctx, int set, int mi, int index) {
  const rl_ruleset *rs = rl_ctx_ruleset(ctx, set);
  const key_metric *m = &rs->metrics[mi];
  const key_metric_example *ex = &m->examples[index];
  rl_diag d;
  diag_clear(&d);
  strbuf text;
  strbuf_init(&text, STRBUF_UNLIMITED);
  strbuf_printf(&text, "某区2024年度法治政府建设情况报告\n%s\n", ex->text);
  rl_report *rep = NULL;
  rl_metric_value v;
  int got = -1;
  if (rl_ctx_use_ruleset(ctx, rs->name, &d) == 0 &&
      (rep = rl_report_from_text(ctx, "example.txt", text.p, text.len, &d)) &&
      rl_report_check(ctx, rep, &d) == 0)
    got = rl_report_metric(ctx, rep, mi, &v, &d);
  int ok = got >= 0 && got == ex->has_value && (!got || v.value == ex->value);
  if (!ok) {
    printf("FAIL %s:%d: example %d of metric %s: ", m->file, m->line,
           index + 1, m->id);
    if (got < 0)
      printf("%s\n", d.msg);
    else if (got)
      printf("found %g (\"%s\"), expected %s%.15g\n", v.value, v.text,
             ex->has_value ? "" : "none, not ", ex->value);
    else
      printf("found nothing, expected %.15g\n", ex->value);
  }
  rl_report_free(rep);
  strbuf_release(&text);
  return ok;
}

static int cmd_test_rules(cli *c) {
  int rc;
  rl_ctx *ctx = load_dir_arg(c, "test-rules", &rc);
  if (!ctx)
    return rc;
  rl_ctx_enable_all(ctx);
  int pass = 0, fail = 0, untested = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    for (int i = 0; i < rs->nrules; i++) {
      const rule *r = &rs->rules[i];
      untested += r->nbad == 0;
      for (int k = 0; k < r->nbad; k++)
        run_example(ctx, s, r, r->bad[k], 1, k) ? pass++ : fail++;
      for (int k = 0; k < r->ngood; k++)
        run_example(ctx, s, r, r->good[k], 0, k) ? pass++ : fail++;
    }
    for (int i = 0; i < rs->nmetrics; i++)
      for (int k = 0; k < rs->metrics[i].nexamples; k++)
        run_metric_example(ctx, s, i, k) ? pass++ : fail++;
  }
  rl_ctx_free(ctx);
  if (untested)
    printf("note: %d rule%s no bad example\n", untested,
           untested == 1 ? " has" : "s have");
  printf("%d passed, %d failed\n", pass, fail);
  return fail ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* YAML → JSON with the loader's own reader, for schema validation. */
static int cmd_rules_to_json(const cli *c) {
  if (c->npaths != 1)
    return usage_error("%s", "rules-to-json: give exactly one rule file");
  rl_diag d;
  diag_clear(&d);
  char *json = rules_yaml_to_json(c->paths[0], &d);
  if (!json) {
    print_diag(&d);
    return EXIT_USAGE;
  }
  printf("%s\n", json);
  free(json);
  return EXIT_CLEAN;
}

static const char *const command_names[] = {
    "check", "audit", "serve", "rules", "lint-rules", "test-rules", "rules-to-json",
    "help"};

static int run_command(const char *cmd, cli *c) {
  if (strcmp(cmd, "check") == 0)
    return cmd_check(c);
  if (strcmp(cmd, "audit") == 0)
    return cmd_audit(c);
  if (strcmp(cmd, "rules") == 0)
    return cmd_rules(c, c->explain);
  if (strcmp(cmd, "lint-rules") == 0)
    return cmd_lint_rules(c);
  if (strcmp(cmd, "test-rules") == 0)
    return cmd_test_rules(c);
  return cmd_rules_to_json(c);
}

static int is_command(const char *cmd) {
  for (size_t i = 0; i < sizeof command_names / sizeof *command_names; i++)
    if (strcmp(cmd, command_names[i]) == 0)
      return 1;
  return 0;
}

/* "unknown command 'chek'; did you mean 'check'?" */
static int unknown_command(const char *cmd) {
  return unknown_word("command", cmd, cmd, command_names,
                      sizeof command_names / sizeof *command_names);
}

int main(int argc, char **argv) {
  /* A file size limit must fail the write (and -o cleans up), not kill us
   * with a temporary file left behind. */
  signal(SIGXFSZ, SIG_IGN);
  if (argc < 2)
    return usage_error("%s", "no command given");
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      (strcmp(cmd, "help") == 0 && argc < 3)) {
    print_help(NULL);
    return EXIT_CLEAN;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("reportlint %s\n", RL_VERSION);
    return EXIT_CLEAN;
  }
  if (strcmp(cmd, "serve") == 0) {
    char buf[PATH_MAX + 16], *looked = NULL;
    const char *dir = default_rules_dir(buf, sizeof buf, &looked);
    int rc = cmd_serve(argc, argv, dir ? dir : RL_DATADIR "/rules");
    free(looked);
    return rc;
  }
  if (strcmp(cmd, "help") == 0) { /* help CMD */
    if (!is_command(argv[2]))
      return unknown_command(argv[2]);
    print_help(argv[2]);
    return EXIT_CLEAN;
  }
  if (!is_command(cmd))
    return unknown_command(cmd);
  cli c = {.fail_on = RL_SEV_ERROR, .show_source = 1, .color = -1};
  int rc = parse_args(&c, argc, argv, 2);
  if (rc == 0 && c.help)
    print_help(cmd);
  else if (rc == 0)
    rc = check_format(&c, strcmp(cmd, "audit") == 0);
  if (rc == 0 && !c.help)
    rc = run_command(cmd, &c);
  cli_release(&c);
  return rc;
}
