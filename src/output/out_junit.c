/* out_junit: JUnit XML, as GitLab (artifacts:reports:junit) and Jenkins
 * (junit step) display it.
 *
 *   <testsuites name="reportlint" tests failures errors>
 *     <testsuite name=PATH tests failures errors skipped>   one per report
 *       <testcase classname=PATH name=RULE-ID>   one per rule of its set
 *
 * Every rule of the applied rule set is a testcase, so passing rules show
 * as passed; so is any other rule id with findings (the checks of the
 * waivers themselves: suppression.unused and the like). A testcase fails
 * when the rule has an unsuppressed error or warning finding in the
 * report: one <failure type=worst severity message=first such finding's
 * message> whose text lists all the rule's unsuppressed findings there,
 * one "path:line:col: severity: message" a line. Info findings alone do
 * not fail a testcase (they are advice, and the default --fail-on error
 * does not fail on them either); they go to the testcase's <system-out>,
 * as do suppressed findings, marked "(suppressed: why)". Disabled rules
 * and rules whose `when:` years exclude the report are <skipped/>. An
 * unreadable input is a testsuite with one testcase "input" holding an
 * <error>; rules that failed at run time are testcases with an <error> in
 * a last testsuite "rule errors". No times or timestamps, so the output is
 * deterministic.
 *
 * Text is escaped for XML 1.0: the five markup characters as entities,
 * characters XML forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 (a path may have any) as U+FFFD. */
#include "output.h"

#include "alloc.h"
#include "report.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The writer's output with a sticky failure: once the strbuf's cap is hit
 * the rendering is incomplete, and out_junit returns -1. */
typedef struct xml_out {
  strbuf *sb;
  int failed;
} xml_out;

/* What one rule did to one report. */
typedef struct rule_case {
  const char *id;       /* the rule's id (owned by the rule set) */
  const char *skipped;  /* why not run, or NULL */
  size_t nfail;         /* unsuppressed error/warning findings */
  size_t nquiet;        /* info and suppressed findings (system-out) */
  const finding *first; /* first failing finding */
  rl_severity worst;
} rule_case;

static void put(xml_out *o, const char *s) {
  if (strbuf_puts(o->sb, s) < 0)
    o->failed = 1;
}

static void putf(xml_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void putf(xml_out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (strbuf_vprintf(o->sb, fmt, ap) < 0)
    o->failed = 1;
  va_end(ap);
}

/* The replacement for one byte of s at i, or NULL to copy it; *step is how
 * many bytes it stands for. In attributes tab, LF and CR are character
 * references, since attribute-value normalisation turns them into spaces;
 * in text CR is one, since end-of-line handling turns it into LF. */
static const char *xml_escape(const char *s, size_t len, size_t i, int attr,
                              size_t *step) {
  unsigned char c = (unsigned char)s[i];
  *step = 1;
  switch (c) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&apos;";
  case '\t':
    return attr ? "&#9;" : NULL;
  case '\n':
    return attr ? "&#10;" : NULL;
  case '\r':
    return "&#13;";
  }
  if (c < 0x20)
    return "\xEF\xBF\xBD";
  if (c < 0x80)
    return NULL;
  uint32_t cp;
  int k = utf8_decode(s + i, len - i, &cp);
  if (k < 0)
    return "\xEF\xBF\xBD";
  *step = (size_t)k;
  return cp == 0xFFFE || cp == 0xFFFF ? "\xEF\xBF\xBD" : NULL;
}

static void put_escaped(xml_out *o, const char *s, int attr) {
  size_t len = strlen(s), done = 0, i = 0;
  while (i < len) {
    size_t step;
    const char *rep = xml_escape(s, len, i, attr, &step);
    if (rep) {
      if (strbuf_put(o->sb, s + done, i - done) < 0)
        o->failed = 1;
      put(o, rep);
      done = i + step;
    }
    i += step;
  }
  if (strbuf_put(o->sb, s + done, len - done) < 0)
    o->failed = 1;
}

static void put_attr(xml_out *o, const char *name, const char *value) {
  putf(o, " %s=\"", name);
  put_escaped(o, value, 1);
  put(o, "\"");
}

/* "path:line:col: severity: message" and a newline, escaped as text. */
static void put_finding_line(xml_out *o, const rl_report *r, const finding *f) {
  char loc[48];
  put_escaped(o, r->path, 0);
  putf(o, ":%s: %s: ", report_location(r, f, loc, sizeof loc),
       rules_severity_name(f->severity));
  put_escaped(o, f->message, 0);
  if (f->suppressed) {
    put(o, " (suppressed: ");
    put_escaped(o, f->suppression ? f->suppression : "", 0);
    put(o, ")");
  }
  put(o, "\n");
}

/* Why rule i of the report's set did not run on it, or NULL if it did: it
 * must be enabled (by default, --enable/--disable or --all-rules) and its
 * `when:` years must admit the report's year, as engine.c's rule_applies()
 * decides. */
static const char *skip_reason(const out_result *res, const rl_report *r,
                               int i) {
  const rule *ru = &r->rs->rules[i];
  if (!rl_ctx_rule_enabled(res->ctx, r->set, i)) /* all_rules included */
    return "disabled";
  int y = r->d.year;
  if ((ru->year_min && (!y || y < ru->year_min)) ||
      (ru->year_max && (!y || y > ru->year_max)))
    return "not applicable to the report's year";
  return NULL;
}

static int is_failure(const finding *f) {
  return !f->suppressed && f->severity != RL_SEV_INFO;
}

static rule_case classify(const rl_report *r, const char *id,
                          const char *skipped) {
  rule_case c = {.id = id, .skipped = skipped, .worst = RL_SEV_INFO};
  for (size_t k = 0; k < r->findings.n; k++) {
    const finding *f = &r->findings.v[k];
    if (strcmp(f->rule_id, id) != 0)
      continue;
    if (!is_failure(f)) {
      c.nquiet++;
      continue;
    }
    if (!c.nfail++)
      c.first = f;
    if (f->severity > c.worst)
      c.worst = f->severity;
  }
  return c;
}

/* The rule's findings that pass filter (1: failing ones, 0: the others). */
static void put_rule_findings(xml_out *o, const rl_report *r, const char *id,
                              int failing) {
  for (size_t k = 0; k < r->findings.n; k++) {
    const finding *f = &r->findings.v[k];
    if (strcmp(f->rule_id, id) == 0 && is_failure(f) == failing)
      put_finding_line(o, r, f);
  }
}

static void put_testcase(xml_out *o, const rl_report *r, const rule_case *c) {
  put(o, "    <testcase");
  put_attr(o, "classname", r->path);
  put_attr(o, "name", c->id);
  if (!c->skipped && !c->nfail && !c->nquiet) {
    put(o, "/>\n");
    return;
  }
  put(o, ">\n");
  if (c->skipped) {
    put(o, "      <skipped");
    put_attr(o, "message", c->skipped);
    put(o, "/>\n");
  }
  if (c->nfail) {
    put(o, "      <failure");
    put_attr(o, "type", rules_severity_name(c->worst));
    put_attr(o, "message", c->first->message);
    put(o, ">");
    put_rule_findings(o, r, c->id, 1);
    put(o, "</failure>\n");
  }
  if (c->nquiet) {
    put(o, "      <system-out>");
    put_rule_findings(o, r, c->id, 0);
    put(o, "</system-out>\n");
  }
  put(o, "    </testcase>\n");
}

static void put_suite_open(xml_out *o, const char *name, size_t tests,
                           size_t failures, size_t errors, size_t skipped) {
  put(o, "  <testsuite");
  put_attr(o, "name", name);
  putf(o, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
       tests, failures, errors, skipped);
}

static int has_case(const rule_case *cases, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(cases[i].id, id) == 0)
      return 1;
  return 0;
}

/* The report's testcases: every rule of its set, then one per rule id
 * that is not in the set but has findings (suppression.unused and the
 * other checks of the waivers themselves), in order of first finding.
 * Returns a newly allocated array (free()) of *n cases. */
static rule_case *report_cases(const out_result *res, const rl_report *r,
                               size_t *n) {
  int nrules = r->rs ? r->rs->nrules : 0;
  rule_case *cases = xcalloc((size_t)nrules + r->findings.n + 1, sizeof *cases);
  size_t k = 0;
  for (int i = 0; i < nrules; i++, k++)
    cases[k] = classify(r, r->rs->rules[i].id, skip_reason(res, r, i));
  for (size_t i = 0; i < r->findings.n; i++) {
    const char *id = r->findings.v[i].rule_id;
    if (!has_case(cases, k, id))
      cases[k++] = classify(r, id, NULL);
  }
  *n = k;
  return cases;
}

/* One report's testsuite; adds its testcases and failures to *tests and
 * *failures. */
static void put_report(xml_out *o, const out_result *res, const rl_report *r,
                       size_t *tests, size_t *failures) {
  size_t n, nfail = 0, nskip = 0;
  rule_case *cases = report_cases(res, r, &n);
  for (size_t i = 0; i < n; i++) {
    nfail += cases[i].nfail > 0;
    nskip += cases[i].skipped != NULL;
  }
  put_suite_open(o, r->path, n, nfail, 0, nskip);
  if (r->rs) {
    put(o, "    <properties>\n      <property name=\"ruleset\"");
    put_attr(o, "value", r->rs->name);
    put(o, "/>\n      <property name=\"ruleset.version\"");
    put_attr(o, "value", r->rs->version);
    put(o, "/>\n    </properties>\n");
  }
  for (size_t i = 0; i < n; i++)
    put_testcase(o, r, &cases[i]);
  if (r->findings.dropped)
    putf(o,
         "    <system-out>%zu more findings not shown (limit %zu)"
         "</system-out>\n",
         r->findings.dropped, r->findings.max);
  put(o, "  </testsuite>\n");
  free(cases);
  *tests += n;
  *failures += nfail;
}

/* A testcase holding one <error> for d; classname and name as given. */
static void put_error_case(xml_out *o, const char *classname, const char *name,
                           const char *type, const rl_diag *d) {
  char text[2200];
  diag_format(d, text, sizeof text);
  put(o, "    <testcase");
  put_attr(o, "classname", classname);
  put_attr(o, "name", name);
  put(o, ">\n      <error");
  put_attr(o, "type", type);
  put_attr(o, "message", d->msg);
  put(o, ">");
  put_escaped(o, text, 0);
  put(o, "\n</error>\n    </testcase>\n");
}

static void put_input_errors(xml_out *o, const out_result *res) {
  for (size_t i = 0; i < res->nerrors; i++) {
    const rl_diag *d = &res->errors[i];
    put_suite_open(o, d->file, 1, 0, 1, 0);
    put_error_case(o, d->file, "input", "input", d);
    put(o, "  </testsuite>\n");
  }
}

/* Rule errors name the rule file, not the report: one suite for all. */
static void put_rule_errors(xml_out *o, const out_result *res) {
  if (!res->nrule_errors)
    return;
  size_t n = res->nrule_errors;
  put_suite_open(o, "rule errors", n, 0, n, 0);
  for (size_t i = 0; i < n; i++) {
    const rl_diag *d = &res->rule_errors[i];
    char where[1100];
    snprintf(where, sizeof where, "%s:%d", d->file, d->line);
    put_error_case(o, "rule errors", where, "rules", d);
  }
  put(o, "  </testsuite>\n");
}

int out_junit(const out_result *res, strbuf *out) {
  /* The totals open the document, so render the suites first. */
  strbuf body;
  strbuf_init(&body, out->max);
  xml_out o = {&body, 0};
  size_t tests = 0, failures = 0;
  size_t errors = res->nerrors + res->nrule_errors;
  for (size_t i = 0; i < res->nreports; i++)
    put_report(&o, res, res->reports[i], &tests, &failures);
  put_input_errors(&o, res);
  put_rule_errors(&o, res);
  xml_out top = {out, o.failed};
  put(&top, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  putf(&top,
       "<testsuites name=\"reportlint\" tests=\"%zu\" failures=\"%zu\""
       " errors=\"%zu\">\n",
       tests + errors, failures, errors);
  if (body.len && strbuf_put(out, body.p, body.len) < 0)
    top.failed = 1;
  put(&top, "</testsuites>\n");
  strbuf_release(&body);
  return top.failed ? -1 : 0;
}
