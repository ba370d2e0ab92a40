/* cli_args: argv → a `cli`, the help texts, and "did you mean".
 *
 * Consumes the arguments after the subcommand: options (--opt VALUE,
 * --opt=VALUE, -j4) and paths, '--' ending the options; produces the cli
 * struct the subcommands read, or one line on stderr naming the bad
 * option or value (with the closest known word) and EXIT_USAGE. */
#include "cli.h"

#include "alloc.h"
#include "audit.h"
#include "cmd_serve.h"
#include "output.h"
#include "reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    "  --previous FILE    the same body's report of the year before: the\n"
    "                     cross-year rules compare each report with it\n"
    "                     (figures carried over, parts copied, the year)\n"
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
void cli_print_help(const char *cmd) {
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

void cli_suggest_name(rl_ctx *ctx, rl_diag *d, const char *word,
                         int rulesets) {
  size_t n;
  const char **v = known_names(ctx, rulesets, &n);
  suggest(d, word, v, n);
  free(v);
}

int cli_usage_error(const char *fmt, const char *arg) {
  fputs("reportlint: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'reportlint --help'.\n", stderr);
  return EXIT_USAGE;
}

void cli_print_diag(const rl_diag *d) {
  char buf[2200];
  diag_format(d, buf, sizeof buf);
  fprintf(stderr, "%s\n", buf);
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
    return cli_usage_error("option '%s' needs a rule id", on ? "--enable"
                                                           : "--disable");
  size_t len = strlen(id) + 2;
  char *t = xmalloc(len);
  snprintf(t, len, "%c%s", on ? '+' : '-', id);
  *ARRAY_PUSH(c->toggles, c->ntoggles, c->captoggles) = t;
  return 0;
}

int cli_parse_size(const char *v, size_t *out) {
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
      n > (unsigned long long)SIZE_MAX / mul)
    return -1;
  *out = (size_t)(n * mul);
  return 0;
}

/* --max-size and the like: a size, or the usage error. */
static int parse_size(const char *opt, const char *v, size_t *out) {
  if (cli_parse_size(v, out) == 0)
    return 0;
  fprintf(stderr, "reportlint: %s: expected a positive size like 50M, "
                  "not '%s'\nTry 'reportlint --help'.\n", opt, v);
  return EXIT_USAGE;
}

/* jobs = digits (1 to 1024)                e.g. -j 4, -j4, --jobs=4 */
static int set_jobs(cli *c, const char *v) {
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (errno || end == v || *end || n < 1 || n > 1024)
    return cli_usage_error("-j: expected a number of jobs from 1 to 1024, "
                       "not '%s'",
                       v);
  c->jobs = n;
  return 0;
}

static int set_fail_on(cli *c, const char *v) {
  c->fail_on_set = 1;
  if (parse_severity_opt(v, &c->fail_on) == 0)
    return 0;
  return cli_usage_error("--fail-on: expected error, warning, info or none, "
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
    return cli_usage_error("--color: expected auto, always or never, not '%s'",
                       v);
  return 0;
}

static const char *const option_names[] = {
    "--rules",     "--ruleset",      "--format",       "--explain",
    "--config",    "--baseline",     "--write-baseline", "--jobs",
    "--previous",
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
  else if ((v = opt_value(argc, argv, i, "--previous")))
    c->previous = v;
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
      return cli_usage_error("unknown input format '%s' (auto, txt, md, docx, "
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
      return cli_usage_error("--max-read-time: expected seconds from 1 to "
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
    return cli_usage_error("option '%s' needs a value", opt);
  return 0;
}

int cli_parse_args(cli *c, int argc, char **argv, int first) {
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
int cli_check_format(const cli *c, int for_audit) {
  if (!c->format || (for_audit ? audit_writer_find(c->format) != NULL
                               : output_find(c->format) != NULL))
    return 0;
  fprintf(stderr, "reportlint: --format: expected %s, not '%s'\n"
                  "Try 'reportlint --help'.\n",
          for_audit ? audit_writer_names() : output_names(), c->format);
  return EXIT_USAGE;
}

void cli_release(cli *c) {
  config_free(c->cfg);
  for (size_t i = 0; i < c->ntoggles; i++)
    free((char *)c->toggles[i]);
  free(c->toggles);
  free(c->paths);
}

static const char *const command_names[] = {
    "check", "audit", "serve", "rules", "lint-rules", "test-rules", "rules-to-json",
    "help"};

int cli_is_command(const char *cmd) {
  for (size_t i = 0; i < sizeof command_names / sizeof *command_names; i++)
    if (strcmp(cmd, command_names[i]) == 0)
      return 1;
  return 0;
}

/* "unknown command 'chek'; did you mean 'check'?" */
int cli_unknown_command(const char *cmd) {
  return unknown_word("command", cmd, cmd, command_names,
                      sizeof command_names / sizeof *command_names);
}

