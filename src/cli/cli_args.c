/* cli_args: argv → a `cli`, the help texts, and "did you mean".
 *
 * Consumes the arguments after the subcommand with getopt_long: options
 * (--opt VALUE, --opt=VALUE, -j4, -j 4) and paths in any order, '--'
 * ending the options; produces the cli
 * struct the subcommands read, or one line on stderr naming the bad
 * option or value (with the closest known word) and EXIT_USAGE. */
#include "cli.h"

#include "alloc.h"
#include "i18n.h"
#include "audit.h"
#include "cmd_serve.h"
#include "output.h"
#include "reader.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis_text[] = N_(
    "usage: reportlint check [options] PATH...\n"
    "       reportlint audit [options] PATH...\n"
    "       reportlint serve [--listen ADDR:PORT] [--max-upload SIZE] ...\n"
    "       reportlint rules [--rules DIR] [--explain ID]\n"
    "       reportlint lint-rules DIR\n"
    "       reportlint test-rules DIR\n"
    "       reportlint rules-to-json FILE\n"
    "       reportlint --help | --version\n"
    "       reportlint COMMAND --help | reportlint help COMMAND\n");

static const char check_options_text[] = N_(
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
    "\n");

static const char audit_text[] = N_(
    "audit: one summary over many reports, checked in parallel: per report\n"
    "(issuer, year, date, on time, parts, findings, verdict), key figures,\n"
    "per rule and totals. It takes the check options above except\n"
    "--baseline, --write-baseline, --stats, --no-source and --color, and:\n"
    "  --format FMT       markdown (default), csv, json or html\n"
    "  -j N, --jobs N     as for check, but the default is one per core\n"
    "  --bom              csv: start with a UTF-8 byte order mark (Excel)\n"
    "  --fail-on SEV      a report with findings at or above SEV fails\n"
    "\n");

static const char paths_text[] = N_(
    "PATH is a report file (.txt, .md: UTF-8 or GB18030; .docx; .html;\n"
    ".pdf), '-' for stdin, or a directory (its *.txt *.md *.markdown *.docx\n"
    "*.html *.htm *.xhtml *.pdf files in any case, recursively, and *.doc\n"
    "*.wps to say they must be saved as .docx; README files are skipped,\n"
    "and the summary says how many files were skipped and why).\n"
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or rule\n"
    "error, 3 an input could not be read.\n");

static const char rules_text[] = N_(
    "usage: reportlint rules [--rules DIR] [--ruleset NAME] [--explain ID]\n"
    "\n"
    "Lists the rules of every rule set: id, severity, type and what a\n"
    "finding of the rule means, '(off)' for the rules off by default, then\n"
    "the key metrics the audit reports. --explain ID prints one rule in\n"
    "full: its message, explanation, regulation and examples.\n");

static const char lint_rules_text[] = N_(
    "usage: reportlint lint-rules DIR\n"
    "\n"
    "Loads the rule set(s) in DIR and reports the first error with its\n"
    "file, line and column (exit 2), or one line per rule set.\n");

static const char test_rules_text[] = N_(
    "usage: reportlint test-rules DIR\n"
    "\n"
    "Runs every rule's bad and good examples (and the key metrics'\n"
    "examples) through the rule set(s) in DIR; exit 1 if one fails.\n");

static const char rules_to_json_text[] = N_(
    "usage: reportlint rules-to-json FILE\n"
    "\n"
    "Prints a YAML file as JSON, read by reportlint's own YAML reader (for\n"
    "schema validation).\n");

static const char exit_text[] = N_(
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or rule\n"
    "error, 3 an input could not be read.\n");

/* reportlint --help: everything; CMD --help: that command's part. */
void cli_print_help(const char *cmd) {
  if (!cmd) {
    printf("%s\n%s\n%s\n%s%s", _(synopsis_text), _(check_options_text),
           _(audit_text), _(paths_text), _(exit_text));
  } else if (strcmp(cmd, "check") == 0) {
    printf("%s\n%s\n%s%s", _("usage: reportlint check [options] PATH...\n"),
           _(check_options_text), _(paths_text), _(exit_text));
  } else if (strcmp(cmd, "audit") == 0) {
    printf("%s\n%s\n%s\n%s%s",
           _("usage: reportlint audit [options] PATH...\n"), _(audit_text),
           _(check_options_text), _(paths_text), _(exit_text));
  } else if (strcmp(cmd, "serve") == 0) {
    fputs(_(cmd_serve_help), stdout);
  } else {
    static const struct {
      const char *cmd, *text;
    } texts[] = {{"rules", rules_text},
                 {"lint-rules", lint_rules_text},
                 {"test-rules", test_rules_text},
                 {"rules-to-json", rules_to_json_text}};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      if (strcmp(cmd, texts[i].cmd) == 0)
        fputs(_(texts[i].text), stdout);
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
    snprintf(d->msg + len, sizeof d->msg - len, _("; did you mean '%s'?"),
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
  fputs(_("\nTry 'reportlint --help'.\n"), stderr);
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

static int push_toggle(cli *c, int on, const char *id) {
  if (!*id)
    return cli_usage_error(_("option '%s' needs a rule id"),
                           on ? "--enable" : "--disable");
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
  fprintf(stderr, "reportlint: ");
  fprintf(stderr, _("%s: expected a positive size like 50M, not '%s'"), opt,
          v);
  fputs(_("\nTry 'reportlint --help'.\n"), stderr);
  return EXIT_USAGE;
}

/* jobs = digits (1 to 1024)                e.g. -j 4, -j4, --jobs=4 */
static int set_jobs(cli *c, const char *v) {
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (errno || end == v || *end || n < 1 || n > 1024)
    return cli_usage_error(_("-j: expected a number of jobs from 1 to 1024, "
                             "not '%s'"),
                           v);
  c->jobs = n;
  return 0;
}

static int set_fail_on(cli *c, const char *v) {
  c->fail_on_set = 1;
  if (parse_severity_opt(v, &c->fail_on) == 0)
    return 0;
  return cli_usage_error(_("--fail-on: expected error, warning, info or none, "
                           "not '%s'"),
                         v);
}

static int set_color(cli *c, const char *v) {
  if (strcmp(v, "always") == 0)
    c->color = 1;
  else if (strcmp(v, "never") == 0)
    c->color = 0;
  else if (strcmp(v, "auto") == 0)
    c->color = -1;
  else
    return cli_usage_error(
        _("--color: expected auto, always or never, not '%s'"), v);
  return 0;
}

/* The options, for getopt_long: a long option's val is its short
 * letter, or its OPT_ code. Their order is the order "did you mean"
 * prefers among equally close names. */
enum {
  OPT_RULES = 256, OPT_RULESET, OPT_FORMAT, OPT_EXPLAIN, OPT_CONFIG,
  OPT_PREVIOUS, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_FAIL_ON, OPT_COLOR,
  OPT_INPUT_FORMAT,
  OPT_MAX_SIZE, OPT_MAX_LINE, OPT_MAX_FINDINGS, OPT_MAX_READ_TIME,
  OPT_ENABLE, OPT_DISABLE, OPT_STATS, OPT_NO_SOURCE, OPT_BOM, OPT_DEPARTMENT,
  OPT_NO_CONFIG, OPT_FORCE_EXCLUDE
};

static const struct option long_options[] = {
    {"rules", required_argument, NULL, OPT_RULES},
    {"ruleset", required_argument, NULL, OPT_RULESET},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"previous", required_argument, NULL, OPT_PREVIOUS},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
    {"jobs", required_argument, NULL, 'j'},
    {"output", required_argument, NULL, 'o'},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"color", required_argument, NULL, OPT_COLOR},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"max-line", required_argument, NULL, OPT_MAX_LINE},
    {"max-findings", required_argument, NULL, OPT_MAX_FINDINGS},
    {"max-read-time", required_argument, NULL, OPT_MAX_READ_TIME},
    {"enable", required_argument, NULL, OPT_ENABLE},
    {"disable", required_argument, NULL, OPT_DISABLE},
    {"stats", no_argument, NULL, OPT_STATS},
    {"no-source", no_argument, NULL, OPT_NO_SOURCE},
    {"bom", no_argument, NULL, OPT_BOM},
    {"department", no_argument, NULL, OPT_DEPARTMENT},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"force-exclude", no_argument, NULL, OPT_FORCE_EXCLUDE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* '-' keeps options and paths in command-line order (a path is returned
 * as option 1), ':' reports a missing value as ':' instead of printing. */
static const char short_options[] = "-:j:o:h";

/* "reportlint: unknown option 'NAME'" (what: that format) and "; did you
 * mean 'X'?" when a word of cands is close to word, and the hint to
 * --help; returns EXIT_USAGE. */
static int unknown_word(const char *what, const char *shown, const char *word,
                        const char *const *cands, size_t n) {
  const char *hit = closest(word, cands, n);
  fputs("reportlint: ", stderr);
  fprintf(stderr, what, shown);
  if (hit)
    fprintf(stderr, _("; did you mean '%s'?"), hit);
  fputs(_("\nTry 'reportlint --help'.\n"), stderr);
  return EXIT_USAGE;
}

/* "unknown option '--fial-on'; did you mean '--fail-on'?" */
static int unknown_option(const char *opt) {
  enum { N = sizeof long_options / sizeof *long_options - 1 };
  char names[N][24], name[64];
  const char *cands[N];
  for (size_t i = 0; i < N; i++) {
    snprintf(names[i], sizeof names[i], "--%s", long_options[i].name);
    cands[i] = names[i];
  }
  snprintf(name, sizeof name, "%.*s", (int)strcspn(opt, "="), opt);
  return unknown_word(_("unknown option '%s'"), opt, name, cands, N);
}

static int set_max_read_time(cli *c, const char *v) {
  char *end;
  unsigned long n = strtoul(v, &end, 10);
  if (end == v || *end || v[0] == '-' || n == 0 || n > 86400)
    return cli_usage_error(_("--max-read-time: expected seconds from 1 to "
                             "86400, not '%s'"),
                           v);
  c->max_read_s = n;
  return 0;
}

static int set_input_format(cli *c, const char *v) {
  c->input_format = reader_format_parse(v);
  if (c->input_format < 0)
    return cli_usage_error(_("unknown input format '%s' (auto, txt, md, "
                             "docx, html, pdf)"),
                           v);
  return 0;
}

/* The option with code opt and value v (opt_text: its argument as
 * given, for messages). Returns 0, or an exit code for a bad value. */
static int set_option(cli *c, int opt, const char *v, const char *opt_text) {
  const char **slot = NULL;
  switch (opt) {
  case 'h': c->help = 1; return 0;
  case OPT_STATS: c->stats = 1; return 0;
  case OPT_NO_SOURCE: c->show_source = 0; return 0;
  case OPT_BOM: c->bom = 1; return 0;
  case OPT_DEPARTMENT: c->department = 1; return 0;
  case OPT_NO_CONFIG: c->no_config = 1; return 0;
  case OPT_FORCE_EXCLUDE: c->force_exclude = 1; return 0;
  case 'j': return set_jobs(c, v);
  case OPT_FAIL_ON: return set_fail_on(c, v);
  case OPT_COLOR: return set_color(c, v);
  case OPT_INPUT_FORMAT: return set_input_format(c, v);
  case OPT_MAX_SIZE: return parse_size(opt_text, v, &c->max_bytes);
  case OPT_MAX_LINE: return parse_size(opt_text, v, &c->max_line);
  case OPT_MAX_FINDINGS: return parse_size(opt_text, v, &c->max_findings);
  case OPT_MAX_READ_TIME: return set_max_read_time(c, v);
  case OPT_ENABLE: return push_toggle(c, 1, v);
  case OPT_DISABLE: return push_toggle(c, 0, v);
  case OPT_RULES: slot = &c->rules_dir; break;
  case OPT_RULESET: slot = &c->ruleset; break;
  case OPT_FORMAT: slot = &c->format; break;
  case OPT_EXPLAIN: slot = &c->explain; break;
  case OPT_CONFIG: slot = &c->config; break;
  case OPT_PREVIOUS: slot = &c->previous; break;
  case OPT_BASELINE: slot = &c->baseline; break;
  case OPT_WRITE_BASELINE: slot = &c->write_baseline; break;
  case 'o': slot = &c->output; break;
  default: return unknown_option(opt_text);
  }
  if (!*v)
    return cli_usage_error(_("option '%s' needs a value"), opt_text);
  *slot = v;
  return 0;
}

/* 1 unless arg is a long option (getopt_long's match: idx) abbreviated.
 * A long option is taken only when spelled out: a unique prefix (--stat)
 * would stop working when an option sharing it is added, so it gets
 * "did you mean" instead. */
static int spelled_out(const char *arg, int idx) {
  if (idx < 0 || strncmp(arg, "--", 2) != 0)
    return 1;
  size_t n = strlen(long_options[idx].name);
  return strncmp(arg + 2, long_options[idx].name, n) == 0 &&
         (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

int cli_parse_args(cli *c, int argc, char **argv, int first) {
  /* getopt_long's argv[0] is the subcommand; optind 0 re-initialises it. */
  int n = argc - first + 1;
  char **v = argv + first - 1;
  opterr = 0;
  optind = 0;
  for (;;) {
    int at = optind ? optind : 1, idx = -1;
    int opt = getopt_long(n, v, short_options, long_options, &idx);
    if (opt == -1)
      break;
    const char *arg = v[at];
    if (opt == 1) {
      *ARRAY_PUSH(c->paths, c->npaths, c->cappaths) = optarg;
      continue;
    }
    if (opt == '?' || !spelled_out(arg, idx))
      return unknown_option(arg);
    const char *val = optarg;
    if (opt == ':') { /* the value is missing: as if given empty */
      opt = optopt;
      val = "";
    } else if (val && arg[1] != '-' && val == arg + 2 && val[0] == '=') {
      val++; /* -j=4, -o=FILE */
    }
    int rc = set_option(c, opt, val ? val : "", arg);
    if (rc)
      return rc;
  }
  for (int i = optind; i < n; i++) /* after '--' */
    *ARRAY_PUSH(c->paths, c->npaths, c->cappaths) = v[i];
  return 0;
}

/* --format names a writer of the command's: audit's, or check's. */
int cli_check_format(const cli *c, int for_audit) {
  if (!c->format || (for_audit ? audit_writer_find(c->format) != NULL
                               : output_find(c->format) != NULL))
    return 0;
  fputs("reportlint: ", stderr);
  fprintf(stderr, _("--format: expected %s, not '%s'"),
          for_audit ? audit_writer_names() : output_names(), c->format);
  fputs(_("\nTry 'reportlint --help'.\n"), stderr);
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
  return unknown_word(_("unknown command '%s'"), cmd, cmd, command_names,
                      sizeof command_names / sizeof *command_names);
}

