/* cmd_audit: `reportlint audit`, one summary over many reports.
 *
 * Consumes the parsed command line; runs the audit (audit.h) over the
 * inputs on a worker per core and writes the summary in the chosen format
 * as the records come, in input order: a writer's second table is spooled
 * to a temporary file until the last row, so memory stays flat. Draws a
 * progress line on a terminal, says what could not be read, and chooses
 * the exit code. */
#include "cli.h"

#include "audit.h"
#include "monoclock.h"
#include "outfile.h"
#include "strbuf.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
  fputc('\r', stderr);
  fprintf(stderr, _("audit: %zu/%zu reports, %.1f/s"), done, total, rate);
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
    cli_print_diag(&r->error);
  if (r->rule_failed)
    cli_print_diag(&r->rule_error);
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
                    : c->previous       ? "--previous"
                    : c->write_baseline ? "--write-baseline"
                    : c->stats          ? "--stats"
                    : !c->show_source   ? "--no-source"
                    : c->color >= 0     ? "--color"
                                        : NULL;
  if (c->npaths == 0)
    return cli_usage_error("%s",
                           _("audit: no input (give files or directories)"));
  if (opt)
    return cli_usage_error(_("%s is an option of 'check', not 'audit'"), opt);
  if (c->bom && (!c->format || strcmp(c->format, "csv") != 0))
    return cli_usage_error("%s", _("--bom is for --format csv"));
  return 0;
}

/* Runs the audit over c's paths into o->f; returns the exit status. */
static int audit_inputs(const cli *c, rl_ctx *ctx, audit_out *o,
                        walk_skipped *skips) {
  long jobs = c->jobs ? c->jobs : sysconf(_SC_NPROCESSORS_ONLN);
  audit_params p = {{c->cfg, c->toggles, c->ntoggles, c->department,
                     jobs < 1 ? 1 : (int)jobs, c->force_exclude, NULL},
                    o->w->section};
  audit a;
  audit_init(&a, ctx, cli_fail_on(c));
  audit_out_opts oo = {c->bom};
  o->w->head(&a, &oo, &o->buf);
  flush_to(o, o->f, &o->buf);
  o->start = o->last = monoclock_seconds();
  if (audit_run(&a, c->paths, c->npaths, &p, audit_emit, audit_progress_line,
                o, skips) == 0) {
    audit_pairs_run(&a, &p); /* the same body's consecutive years */
    audit_finish(o, &a);
  }
  clear_progress(o);
  int rc = audit_exit_status(&a, o->write_failed);
  audit_release(&a);
  return rc;
}

int cmd_audit(cli *c) {
  int rc = audit_usage(c);
  if (rc || cli_load_config(c) < 0 || cli_refuse_overwrite(c, c->output) < 0)
    return rc ? rc : EXIT_USAGE;
  rl_ctx *ctx = cli_load_ctx(c, &rc);
  if (!ctx)
    return rc;
  walk_skipped skips = {{0}, ""};
  audit_out o = {.w = audit_writer_find(c->format ? c->format : "markdown"),
                 .f = stdout,
                 .tty = isatty(STDERR_FILENO)};
  strbuf_init(&o.buf, STRBUF_UNLIMITED);
  strbuf_init(&o.spool_buf, STRBUF_UNLIMITED);
  outfile of;
  if (c->output && cli_output_open(&of, c->output) < 0) {
    o.f = NULL;
    rc = EXIT_USAGE;
  } else {
    o.f = c->output ? of.f : stdout;
    rc = audit_inputs(c, ctx, &o, &skips);
  }
  if (c->output && o.f && cli_output_close(&of, !o.write_failed) < 0) {
    rc = EXIT_USAGE;
  } else if (!c->output && (o.write_failed || fflush(stdout) != 0)) {
    char ebuf[256];
    fprintf(stderr, _("reportlint: cannot write the summary: %s\n"),
            i18n_strerror(errno, ebuf, sizeof ebuf));
    rc = EXIT_USAGE;
  }
  cli_print_skipped(&skips);
  if (o.spool)
    fclose(o.spool);
  strbuf_release(&o.buf);
  strbuf_release(&o.spool_buf);
  rl_ctx_free(ctx);
  return rc;
}
