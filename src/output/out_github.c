/* out_github: GitHub Actions workflow commands, and the job summary.
 *
 * out_github writes one command per unsuppressed finding, which the runner
 * turns into an annotation on the file:
 *   ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MSG
 * (::warning for warnings, ::notice for infos). endColumn is exclusive, as
 * the findings count it. GitHub rejects columns on an annotation over
 * several lines, so such a finding gets line and endLine only. Escaping
 * follows the runner's parser: in the message %, CR and LF become %25,
 * %0D, %0A; in property values also ':' and ',' (%3A, %2C). Unreadable
 * inputs and rules that failed at run time are ::error on their file; a
 * report whose findings passed --max-findings gets a ::warning saying so.
 *
 * out_github_summary renders Markdown for $GITHUB_STEP_SUMMARY (main.c
 * appends it): totals, a table of files × severities, and a table of at
 * most SUMMARY_MAX_ROWS unsuppressed findings. Cell text has Markdown
 * punctuation backslash-escaped (so '|' does not end the cell and '$' starts no
 * math), line breaks as <br> and other control characters as U+FFFD. */
#include "output.h"

#include "report.h"

#include <stdio.h>
#include <string.h>

enum { SUMMARY_MAX_ROWS = 200 };

static const char *command_name(rl_severity s) {
  return s == RL_SEV_ERROR     ? "error"
         : s == RL_SEV_WARNING ? "warning"
                               : "notice";
}

/* Appends s escaped as a command's message (prop = 0) or as a property
 * value (prop = 1). Returns 0, or -1 when out is full. */
static int put_escaped(strbuf *out, const char *s, int prop) {
  int rc = 0;
  size_t done = 0, i = 0;
  for (; s[i]; i++) {
    const char *rep = NULL;
    switch (s[i]) {
    case '%':
      rep = "%25";
      break;
    case '\r':
      rep = "%0D";
      break;
    case '\n':
      rep = "%0A";
      break;
    case ':':
      rep = prop ? "%3A" : NULL;
      break;
    case ',':
      rep = prop ? "%2C" : NULL;
      break;
    }
    if (rep) {
      rc |= strbuf_put(out, s + done, i - done);
      rc |= strbuf_puts(out, rep);
      done = i + 1;
    }
  }
  rc |= strbuf_put(out, s + done, i - done);
  return rc;
}

/* "::CMD file=PATH" and, when known, the position; the caller adds any
 * further properties, then "::" and the message. */
static int put_command(strbuf *out, const char *cmd, const char *file, int line,
                       int col) {
  int rc = strbuf_printf(out, "::%s file=", cmd);
  rc |= put_escaped(out, file, 1);
  if (line > 0)
    rc |= strbuf_printf(out, ",line=%d", line);
  if (line > 0 && col > 0)
    rc |= strbuf_printf(out, ",col=%d", col);
  return rc;
}

static int put_message(strbuf *out, const char *msg) {
  int rc = strbuf_puts(out, "::");
  rc |= put_escaped(out, msg, 0);
  rc |= strbuf_putc(out, '\n');
  return rc;
}

static int put_finding(strbuf *out, const rl_report *r, const finding *f) {
  int one_line = f->end_line == f->line;
  int rc = put_command(out, command_name(f->severity), r->path, f->line,
                       one_line ? f->col : 0);
  if (one_line)
    rc |= strbuf_printf(out, ",endLine=%d,endColumn=%d", f->end_line,
                        f->end_col > f->col ? f->end_col : f->col);
  else
    rc |= strbuf_printf(out, ",endLine=%d", f->end_line);
  rc |= strbuf_puts(out, ",title=");
  rc |= put_escaped(out, f->rule_id, 1);
  return rc | put_message(out, f->message);
}

static int put_diag(strbuf *out, const rl_diag *d) {
  int rc = put_command(out, "error", d->file, d->line, d->col);
  return rc | put_message(out, d->msg);
}

int out_github_report(const out_result *res, const rl_report *r,
                      strbuf *out) {
  (void)res;
  int rc = 0;
  for (size_t k = 0; k < r->findings.n; k++)
    if (!r->findings.v[k].suppressed)
      rc |= put_finding(out, r, &r->findings.v[k]);
  if (r->findings.dropped) {
    char msg[128];
    snprintf(msg, sizeof msg, "%zu more findings not shown (limit %zu)",
             r->findings.dropped, r->findings.max);
    rc |= put_command(out, "warning", r->path, 0, 0);
    rc |= put_message(out, msg);
  }
  return rc ? -1 : 0;
}

int out_github_end(const out_result *res, strbuf *out) {
  int rc = 0;
  for (size_t i = 0; i < res->nerrors; i++)
    rc |= put_diag(out, &res->errors[i]);
  for (size_t i = 0; i < res->nrule_errors; i++)
    rc |= put_diag(out, &res->rule_errors[i]);
  return rc ? -1 : 0;
}

int out_github(const out_result *res, strbuf *out) {
  int rc = 0;
  for (size_t i = 0; i < res->nreports; i++)
    rc |= out_github_report(res, res->reports[i], out);
  rc |= out_github_end(res, out);
  return rc ? -1 : 0;
}

static int put_cell(strbuf *out, const char *s) {
  int rc = 0;
  for (; *s; s++) {
    if (*s == '\r' && s[1] == '\n')
      continue;
    if (*s == '\n' || *s == '\r')
      rc |= strbuf_puts(out, "<br>");
    else if (*s == '\t')
      rc |= strbuf_putc(out, ' ');
    else if ((unsigned char)*s < 0x20)
      rc |= strbuf_puts(out, "\xEF\xBF\xBD");
    else if (strchr("\\`*_[]<>|~&$#!", *s))
      rc |= strbuf_printf(out, "\\%c", *s);
    else
      rc |= strbuf_putc(out, *s);
  }
  return rc;
}

static const char *plural(size_t n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

static int put_totals(const out_result *res, strbuf *out) {
  size_t c[3] = {0, 0, 0}, suppressed = 0;
  for (size_t i = 0; i < res->nreports; i++) {
    const rl_report *r = res->reports[i];
    for (int s = 0; s < 3; s++)
      c[s] += r->counts[s];
    for (size_t k = 0; k < r->findings.n; k++)
      suppressed += r->findings.v[k].suppressed != 0;
  }
  int rc = strbuf_printf(
      out, "## reportlint\n\n%zu %s checked: %zu %s, %zu %s, %zu %s",
      res->nreports, plural(res->nreports, "file", "files"), c[RL_SEV_ERROR],
      plural(c[RL_SEV_ERROR], "error", "errors"), c[RL_SEV_WARNING],
      plural(c[RL_SEV_WARNING], "warning", "warnings"), c[RL_SEV_INFO],
      plural(c[RL_SEV_INFO], "info", "infos"));
  if (suppressed)
    rc |= strbuf_printf(out, " (%zu suppressed)", suppressed);
  if (res->nerrors)
    rc |= strbuf_printf(out, "; %zu %s could not be read", res->nerrors,
                        plural(res->nerrors, "file", "files"));
  if (res->nrule_errors)
    rc |= strbuf_printf(out, "; %zu %s", res->nrule_errors,
                        plural(res->nrule_errors, "rule error", "rule errors"));
  return rc | strbuf_puts(out, "\n\n");
}

static int put_file_table(const out_result *res, strbuf *out) {
  if (!res->nreports)
    return 0;
  int rc = strbuf_puts(out, "| File | Errors | Warnings | Infos |\n"
                            "|---|---:|---:|---:|\n");
  for (size_t i = 0; i < res->nreports; i++) {
    const rl_report *r = res->reports[i];
    rc |= strbuf_puts(out, "| ");
    rc |= put_cell(out, r->path);
    rc |= strbuf_printf(out, " | %zu | %zu | %zu |\n", r->counts[RL_SEV_ERROR],
                        r->counts[RL_SEV_WARNING], r->counts[RL_SEV_INFO]);
  }
  return rc | strbuf_putc(out, '\n');
}

static int put_finding_row(strbuf *out, const rl_report *r, const finding *f) {
  int rc = strbuf_puts(out, "| ");
  rc |= put_cell(out, r->path);
  rc |= strbuf_printf(out, ":%d | %s | ", f->line,
                      rules_severity_name(f->severity));
  rc |= put_cell(out, f->rule_id);
  rc |= strbuf_puts(out, " | ");
  rc |= put_cell(out, f->message);
  return rc | strbuf_puts(out, " |\n");
}

static int put_finding_table(const out_result *res, strbuf *out) {
  size_t total = 0, rows = 0;
  int rc = 0;
  for (size_t i = 0; i < res->nreports; i++) {
    const rl_report *r = res->reports[i];
    for (size_t k = 0; k < r->findings.n; k++) {
      const finding *f = &r->findings.v[k];
      if (f->suppressed)
        continue;
      if (!total++)
        rc |= strbuf_puts(out, "### Findings\n\n"
                               "| Location | Severity | Rule | Message |\n"
                               "|---|---|---|---|\n");
      if (rows < SUMMARY_MAX_ROWS) {
        rc |= put_finding_row(out, r, f);
        rows++;
      }
    }
  }
  if (total > rows)
    rc |= strbuf_printf(out,
                        "\n%zu more findings not shown here (the first "
                        "%d are); the job log has them all.\n",
                        total - rows, SUMMARY_MAX_ROWS);
  return total ? rc | strbuf_putc(out, '\n') : rc;
}

/* Unreadable inputs and rule errors, as a list. */
static int put_diag_list(strbuf *out, const char *heading, const rl_diag *d,
                         size_t n) {
  if (!n)
    return 0;
  int rc = strbuf_printf(out, "### %s\n\n", heading);
  for (size_t i = 0; i < n; i++) {
    char text[2200];
    diag_format(&d[i], text, sizeof text);
    rc |= strbuf_puts(out, "- ");
    rc |= put_cell(out, text);
    rc |= strbuf_putc(out, '\n');
  }
  return rc | strbuf_putc(out, '\n');
}

int out_github_summary(const out_result *res, strbuf *out) {
  int rc = put_totals(res, out);
  rc |= put_file_table(res, out);
  rc |= put_finding_table(res, out);
  rc |= put_diag_list(out, "Unreadable inputs", res->errors, res->nerrors);
  rc |= put_diag_list(out, "Rule errors", res->rule_errors, res->nrule_errors);
  return rc ? -1 : 0;
}
