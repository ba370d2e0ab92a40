/* cmd_check: `reportlint check`, the findings of each report.
 *
 * Consumes the parsed command line; runs the check over the inputs
 * (run.h) and writes each report's findings in the chosen format: as each
 * report is taken for the formats written as they go (text, jsonl,
 * github), else all at the end; applies --baseline, writes
 * --write-baseline and GitHub's step summary, prints --stats, the files
 * skipped and the baseline entries left over, and chooses the exit code. */
#include "cli.h"

#include "alloc.h"
#include "baseline.h"
#include "input.h"
#include "outfile.h"
#include "output.h"
#include "run.h"
#include "strbuf.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What one check run holds besides the reports it streams. */
typedef struct check_run {
  rl_ctx *ctx;
  rl_report **reports;   /* kept for the formats that are not streamed */
  size_t nreports, capreports;
  rl_diag *errors;
  size_t nerrors, caperrors;
  rl_diag *rule_errors; /* rules that failed at run time, one per report */
  size_t nrule_errors, caprule_errors;
  const cli *c;
  baseline *bl;        /* --baseline, or NULL */
  out_totals totals;
  walk_skipped skips;  /* files the walk passed over */
  const out_stream *stream; /* written report by report; NULL: at the end */
  out_result res;      /* the streamed writer's options */
  FILE *f;             /* where the stream goes: stdout or -o's file */
  strbuf buf;
  int write_failed, write_errno;
  rl_report *previous; /* --previous: last year's report, checked */
} check_run;

static void print_stats(const check_run *r) {
  fputs(_("rule statistics (matches over the run):\n"), stderr);
  int silent = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(r->ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(r->ctx, s);
    for (int i = 0; i < rs->nrules; i++) {
      unsigned long h = rl_ctx_rule_hits(r->ctx, s, i);
      int on = rl_ctx_rule_enabled(r->ctx, s, i);
      fprintf(stderr, "  %8lu  %s%s\n", h, rs->rules[i].id,
              on ? "" : _(" (disabled)"));
      silent += on && h == 0;
    }
  }
  fprintf(stderr,
          dngettext(RL_TEXTDOMAIN,
                    "%d enabled rule never matched anything in this run\n",
                    "%d enabled rules never matched anything in this run\n",
                    (unsigned long)silent),
          silent);
}

/* The writer's options, shared by the streamed and the whole output. */
static out_result result_of(const cli *c, const check_run *r) {
  out_result res = {.reports = r->reports, .nreports = r->nreports,
                    .errors = r->errors, .nerrors = r->nerrors,
                    .rule_errors = r->rule_errors,
                    .nrule_errors = r->nrule_errors,
                    .ctx = r->ctx, .show_source = c->show_source,
                    .totals = &r->totals,
                    .nskipped = walk_skipped_total(&r->skips)};
  res.color = c->color >= 0 ? c->color
                            : (!c->output && isatty(STDOUT_FILENO) &&
                               !getenv("NO_COLOR"));
  return res;
}

/* Writes and empties r->buf; a failed write is remembered with its errno
 * (a closed pipe or a full disk: the run then stops). */
static int flush_run(check_run *r) {
  if (r->buf.len && !r->write_failed &&
      fwrite(r->buf.p, 1, r->buf.len, r->f) != r->buf.len) {
    r->write_failed = 1;
    r->write_errno = errno;
  }
  strbuf_reset(&r->buf);
  return r->write_failed ? -1 : 0;
}

/* The whole output of a format that is not streamed, at the end. */
static int emit(const cli *c, const check_run *r) {
  out_result res = result_of(c, r);
  strbuf out;
  strbuf_init(&out, STRBUF_UNLIMITED);
  out_writer w = output_find(c->format ? c->format : "text");
  int rc = w(&res, &out);
  if (rc == 0) {
    if (c->output)
      rc = cli_write_output(c->output, out.p ? out.p : "", out.len);
    else if (out.len && fwrite(out.p, 1, out.len, stdout) != out.len)
      rc = -1;
  }
  strbuf_release(&out);
  return rc;
}

/* A streamed format's closing piece, and -o's file put in place. */
static int emit_end(const cli *c, check_run *r, outfile *of) {
  out_result res = result_of(c, r);
  if (!r->write_failed && r->stream->end(&res, &r->buf) < 0)
    r->write_failed = 1;
  flush_run(r);
  if (!c->output)
    return r->write_failed || fflush(stdout) != 0 ? -1 : 0;
  if (r->write_failed)
    errno = r->write_errno;
  return cli_output_close(of, !r->write_failed);
}

static int exit_status(const cli *c, const check_run *r, int write_failed) {
  if (r->nrule_errors || write_failed)
    return EXIT_USAGE;
  if (r->nerrors)
    return EXIT_INPUT;
  int fail_on = cli_fail_on(c);
  if (fail_on == FAIL_NONE)
    return EXIT_CLEAN;
  for (int s = fail_on; s <= RL_SEV_ERROR; s++)
    if (r->totals.counts[s])
      return EXIT_FINDINGS;
  return EXIT_CLEAN;
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
    cli_print_diag(&d);
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
    fprintf(stderr,
            _("reportlint: warning: no entry of the baseline %s matched a "
              "finding (its paths are relative to its directory; were these "
              "reports checked?)\n"),
            c->baseline);
  fprintf(stderr,
          _("reportlint: %zu of %zu baseline entries match no finding any "
            "more (rewrite it with --write-baseline):\n"),
          n - matched, n);
  size_t listed = 0;
  baseline_each_unmatched(bl, print_unmatched_entry, &listed);
  if (listed > 20)
    fprintf(stderr, _("  ... and %zu more\n"), listed - 20);
}

/* After the output: the baseline file and GitHub's step summary. */
static int write_extras(const cli *c, const check_run *r) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  int rc = 0;
  if (c->write_baseline) {
    rc = baseline_write(r->reports, r->nreports, c->write_baseline, &sb);
    if (rc == 0)
      rc = cli_write_output(c->write_baseline, sb.p ? sb.p : "", sb.len);
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
    if (rc < 0) {
      char ebuf[256];
      fprintf(stderr, _("reportlint: cannot append to '%s': %s\n"), summary,
              i18n_strerror(errno, ebuf, sizeof ebuf));
    }
  }
  strbuf_release(&sb);
  return rc;
}

static int same_diag(const rl_diag *a, const rl_diag *b) {
  return a->kind == b->kind && a->line == b->line && a->col == b->col &&
         strcmp(a->file, b->file) == 0 && strcmp(a->msg, b->msg) == 0;
}

/* In input order: diagnostics to stderr, then the report's output is
 * written and the report freed (streamed) or kept for the end. */
static int take_checked(void *arg, run_item *it) {
  check_run *r = arg;
  rl_report *rep = it->report;
  it->report = NULL;
  if (!rep) {
    cli_print_diag(&it->error);
    *ARRAY_PUSH(r->errors, r->nerrors, r->caperrors) = it->error;
  } else if (it->rule_failed) {
    /* a broken rule file, read when the first report needed it, fails
     * every report of its set: said once */
    int said = 0;
    for (size_t k = 0; k < r->nrule_errors && !said; k++)
      said = same_diag(&r->rule_errors[k], &it->rule_error);
    if (!said)
      cli_print_diag(&it->rule_error);
    *ARRAY_PUSH(r->rule_errors, r->nrule_errors, r->caprule_errors) =
        it->rule_error;
  }
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

/* --previous FILE: last year's report, read and checked with the same
 * settings (its own findings are not shown). Returns 0, or an exit code
 * (said why). */
static int load_previous(const cli *c, check_run *r) {
  run_input in = {c->previous, NULL, 0};
  run_params p = {c->cfg,        c->toggles,       c->ntoggles, c->department,
                  1,             c->force_exclude, NULL};
  run_sink none = {0};
  run_item *it = run_check_one(r->ctx, &in, &p, &none);
  int rc = !it->report ? EXIT_INPUT : it->rule_failed ? EXIT_USAGE : 0;
  if (rc)
    cli_print_diag(it->report ? &it->rule_error : &it->error);
  r->previous = it->report;
  it->report = NULL;
  run_item_free(it);
  return rc;
}

/* Checks the inputs in order (run.h: as the walk finds them with one
 * job, listed and on the pool with more); streams or keeps. */
static int check_inputs(const cli *c, check_run *r) {
  outfile of;
  r->stream = stream_of(c);
  r->f = stdout;
  if (r->stream && c->output) {
    if (cli_output_open(&of, c->output) < 0)
      return -1;
    r->f = of.f;
  }
  r->res = result_of(c, r);
  strbuf_init(&r->buf, STRBUF_UNLIMITED);
  run_params p = {c->cfg,
                  c->toggles,
                  c->ntoggles,
                  c->department,
                  c->jobs > 1 ? (int)c->jobs : 1,
                  c->force_exclude,
                  r->previous};
  run_sink s = {.take = take_checked, .arg = r};
  run_paths(r->ctx, c->paths, c->npaths, &p, &s, &r->skips);
  int rc = r->stream ? emit_end(c, r, &of) : emit(c, r);
  strbuf_release(&r->buf);
  return rc;
}

int cmd_check(cli *c) {
  if (c->npaths == 0)
    return cli_usage_error("%s", "check: no input (give a file, a directory "
                             "or '-')");
  if (c->bom)
    return cli_usage_error("%s", "--bom is an option of 'audit', not 'check'");
  if (cli_load_config(c) < 0 || cli_refuse_overwrite(c, c->output) < 0 ||
      cli_refuse_overwrite(c, c->write_baseline) < 0)
    return EXIT_USAGE;
  int rc = EXIT_CLEAN;
  check_run r = {.c = c};
  if (c->baseline && load_baseline(c->baseline, &r.bl) < 0)
    return EXIT_USAGE;
  c->lazy_rules = 1;
  r.ctx = cli_load_ctx(c, &rc);
  if (!r.ctx) {
    baseline_free(r.bl);
    return rc;
  }
  out_totals_init(&r.totals, r.ctx);
  if (c->previous && (rc = load_previous(c, &r)) != 0) {
    rl_report_free(r.previous);
    out_totals_release(&r.totals);
    baseline_free(r.bl);
    rl_ctx_free(r.ctx);
    return rc;
  }
  int failed = check_inputs(c, &r) < 0;
  failed |= write_extras(c, &r) < 0;
  if (c->stats)
    print_stats(&r);
  cli_print_skipped(&r.skips);
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
  rl_report_free(r.previous);
  rl_ctx_free(r.ctx);
  return rc;
}
