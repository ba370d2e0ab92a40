/* out_sarif: the whole run as one SARIF 2.1.0 log, for GitHub code
 * scanning and other SARIF viewers.
 *
 * One run: the driver lists every rule of every rule set that some report
 * was checked with (results point at them by ruleIndex), artifacts lists
 * the reports, results the findings (waived ones say by what), and the one
 * invocation carries unreadable inputs and rule failures as error
 * notifications. File paths become relative URIs where they can. Nothing
 * depends on the clock, so golden files compare byte for byte. */
#include "output.h"

#include "alloc.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SARIF_SCHEMA                                                           \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"        \
  "sarif-schema-2.1.0.json"
#define SARIF_INFO_URI "https://github.com/reportlint/reportlint"

/* ASCII only: <ctype.h> answers by locale, and these feed URIs and names. */
static int is_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* --- URIs ---------------------------------------------------------------- */

/* The repository the run is in: the nearest directory up from the
 * working directory holding .git (a directory, or a file for a worktree
 * or submodule), as code scanning resolves paths against its checkout.
 * Returns a newly allocated path (free()), or NULL outside one. */
static char *repo_root(void) {
  char dir[4096], probe[4200];
  if (!getcwd(dir, sizeof dir))
    return NULL;
  for (;;) {
    struct stat st;
    snprintf(probe, sizeof probe, "%s/.git", strcmp(dir, "/") ? dir : "");
    if (stat(probe, &st) == 0)
      return xstrdup(dir);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
      return NULL;
    *slash = '\0';
  }
}

/* path made absolute against the working directory, with "." and ".."
 * segments and repeated slashes resolved by name (no symbolic links
 * followed: the user's names are kept). Returns a newly allocated string
 * (free()), or NULL when the working directory is unknown. */
static char *absolute_path(const char *path) {
  char cwd[4096];
  strbuf in, out;
  if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
    return NULL;
  strbuf_init(&in, STRBUF_UNLIMITED);
  strbuf_init(&out, STRBUF_UNLIMITED);
  strbuf_printf(&in, "%s/%s", path[0] == '/' ? "" : cwd, path);
  char *p = strbuf_detach(&in, NULL);
  char *save = NULL; /* strtok_r: serve renders logs on several threads */
  for (char *seg = strtok_r(p, "/", &save); seg;
       seg = strtok_r(NULL, "/", &save)) {
    if (strcmp(seg, ".") == 0)
      continue;
    if (strcmp(seg, "..") == 0) {
      while (out.len && out.p[out.len - 1] != '/')
        out.len--;
      if (out.len)
        out.len--;
      continue;
    }
    strbuf_printf(&out, "/%s", seg);
  }
  free(p);
  if (!out.len)
    strbuf_putc(&out, '/');
  return strbuf_detach(&out, NULL);
}

/* RFC 3986 unreserved characters and the path separator stay; every other
 * byte (spaces, '%', ':', '#', and each byte of a non-ASCII character's
 * UTF-8) becomes %XX. A ':' in a first segment would otherwise read as a
 * scheme. */
static void put_encoded(strbuf *sb, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (is_alnum(*p) || strchr("-._~/", *p))
      strbuf_putc(sb, (char)*p);
    else
      strbuf_printf(sb, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
  }
}

/* An artifactLocation's uri: relative to the repository root (root, with
 * uriBaseId %SRCROOT%) when the file is in it; else relative to the
 * working directory when there is no repository and the file is under
 * it; else an absolute file: URI. */
typedef struct sarif_uri {
  char *s;   /* percent-encoded; owned */
  int based; /* relative to %SRCROOT% */
} sarif_uri;

static sarif_uri path_uri(const char *path, const char *root) {
  char cwd[4096];
  char *abs = absolute_path(path);
  const char *base = root ? root : getcwd(cwd, sizeof cwd) ? cwd : NULL;
  size_t n = base ? strlen(base) : 0;
  sarif_uri u = {NULL, 0};
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  if (abs && base && n > 1 && strncmp(abs, base, n) == 0 && abs[n] == '/') {
    put_encoded(&sb, abs + n + 1);
    u.based = root != NULL;
  } else {
    strbuf_puts(&sb, "file://");
    put_encoded(&sb, abs ? abs : path);
  }
  free(abs);
  u.s = strbuf_detach(&sb, NULL);
  return u;
}

/* run.originalUriBaseIds: where %SRCROOT% is. */
static cJSON *base_ids_json(const char *root) {
  cJSON *o = cJSON_CreateObject();
  cJSON *src = cJSON_AddObjectToObject(o, "%SRCROOT%");
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, "file://");
  put_encoded(&sb, root);
  strbuf_putc(&sb, '/');
  char *uri = strbuf_detach(&sb, NULL);
  cJSON_AddStringToObject(src, "uri", uri);
  free(uri);
  return o;
}

static cJSON *text_object(const char *text) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "text", text);
  return o;
}

/* --- the driver's rules -------------------------------------------------- */

/* "topic.administrative-review" → "TopicAdministrativeReview". Returns a
 * newly allocated string; the caller frees it with free(). */
static char *pascal_name(const char *id) {
  char *s = xmalloc(strlen(id) + 1);
  char *w = s;
  int up = 1;
  for (const char *p = id; *p; p++) {
    if (!is_alnum((unsigned char)*p)) {
      up = 1;
      continue;
    }
    *w++ = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    up = 0;
  }
  *w = '\0';
  return s;
}

/* shortDescription: the message when it is plain text, else the first
 * sentence of the description (up to and including "。"), else the id. */
static char *short_description(const rule *ru) {
  if (ru->message && !strchr(ru->message, '{'))
    return xstrdup(ru->message);
  if (!ru->description)
    return xstrdup(ru->id);
  const char *end = strstr(ru->description, "。");
  return end ? xstrndup(ru->description,
                        (size_t)(end - ru->description) + strlen("。"))
             : xstrdup(ru->description);
}

static const char *sarif_level(rl_severity s) {
  switch (s) {
  case RL_SEV_ERROR:
    return "error";
  case RL_SEV_WARNING:
    return "warning";
  case RL_SEV_INFO:
    break;
  }
  return "note";
}

static cJSON *rule_help(const rule *ru) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, ru->description ? ru->description : ru->id);
  if (ru->regulation)
    strbuf_printf(&sb, "\n\n依据：%s", ru->regulation);
  char *s = strbuf_detach(&sb, NULL);
  cJSON *o = text_object(s);
  free(s);
  return o;
}

/* A rule's SARIF id. Two rule sets may use the same id (date.deadline),
 * and driver.rules must not repeat one, so the rules of every set but the
 * default one (the first loaded, which a report without a matching title
 * gets) are qualified by their set: xxgk/date.deadline. */
static char *sarif_rule_id(const rl_ruleset *rs, const char *id, int qualify) {
  size_t n = strlen(rs->name) + strlen(id) + 2;
  char *s = xmalloc(n);
  snprintf(s, n, "%s%s%s", qualify ? rs->name : "", qualify ? "/" : "", id);
  return s;
}

static cJSON *rule_json(const rule *ru, const rl_ruleset *rs, int qualify) {
  cJSON *o = cJSON_CreateObject();
  char *id = sarif_rule_id(rs, ru->id, qualify);
  cJSON_AddStringToObject(o, "id", id);
  free(id);
  char *s = pascal_name(ru->id);
  cJSON_AddStringToObject(o, "name", s[0] ? s : ru->id);
  free(s);
  s = short_description(ru);
  cJSON_AddItemToObject(o, "shortDescription", text_object(s));
  free(s);
  cJSON_AddItemToObject(
      o, "fullDescription",
      text_object(ru->description ? ru->description : ru->id));
  cJSON_AddItemToObject(o, "help", rule_help(ru));
  if (rs->docs) { /* the rule's page: the set's documentation, #ID */
    strbuf uri;
    strbuf_init(&uri, STRBUF_UNLIMITED);
    strbuf_printf(&uri, "%s#%s", rs->docs, ru->id);
    char *u = strbuf_detach(&uri, NULL);
    cJSON_AddStringToObject(o, "helpUri", u);
    free(u);
  }
  cJSON *conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
  if (!ru->enabled)
    cJSON_AddFalseToObject(conf, "enabled");
  cJSON_AddStringToObject(conf, "level", sarif_level(ru->severity));
  cJSON *props = cJSON_AddObjectToObject(o, "properties");
  cJSON *tags = cJSON_AddArrayToObject(props, "tags");
  cJSON_AddItemToArray(tags, cJSON_CreateString(rules_type_name(ru->type)));
  cJSON_AddItemToArray(tags, cJSON_CreateString(rs->name));
  cJSON_AddStringToObject(props, "ruleset", rs->name);
  return o;
}

/* base[s] = index in driver.rules of rule set s's first rule, or -1 when no
 * report was checked with s. Returns a newly allocated array (free()). */
static int *rule_bases(const out_result *res, int nsets) {
  int *base = xmalloc((size_t)(nsets ? nsets : 1) * sizeof *base);
  for (int s = 0; s < nsets; s++)
    base[s] = -1;
  for (size_t i = 0; i < res->nreports; i++)
    if (res->reports[i]->set >= 0 && res->reports[i]->set < nsets)
      base[res->reports[i]->set] = 0;
  int next = 0;
  for (int s = 0; s < nsets; s++)
    if (base[s] == 0) {
      base[s] = next;
      next += rl_ctx_ruleset(res->ctx, s)->nrules;
    }
  return base;
}

/* Whether a report has the built-in input.too-long finding, whose rule is
 * in no rule set: then driver.rules gets it too (after the sets' rules). */
static int has_too_long(const out_result *res) {
  for (size_t i = 0; i < res->nreports; i++)
    for (size_t k = 0; k < res->reports[i]->findings.n; k++)
      if (strcmp(res->reports[i]->findings.v[k].rule_id, FINDING_TOO_LONG) ==
          0)
        return 1;
  return 0;
}

static cJSON *too_long_rule_json(void) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", FINDING_TOO_LONG);
  cJSON_AddStringToObject(o, "name", "InputTooLong");
  cJSON_AddItemToObject(o, "shortDescription",
                        text_object("此段过长或过于复杂，有规则未能检查完"));
  const char *full = "某条规则的正则表达式在这一段上超出了 PCRE2 的匹配步数"
                     "上限，这一段未经该规则检查；报告的其余部分照常检查。"
                     "请拆分段落或人工核对。";
  cJSON_AddItemToObject(o, "fullDescription", text_object(full));
  cJSON_AddItemToObject(o, "help", text_object(full));
  cJSON *conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
  cJSON_AddStringToObject(conf, "level", "error");
  cJSON *props = cJSON_AddObjectToObject(o, "properties");
  cJSON *tags = cJSON_AddArrayToObject(props, "tags");
  cJSON_AddItemToArray(tags, cJSON_CreateString("input"));
  return o;
}

/* *too_long: the built-in rule's index in driver.rules, or -1. */
static cJSON *driver_json(const out_result *res, const int *base, int nsets,
                          int *too_long) {
  cJSON *d = cJSON_CreateObject();
  cJSON_AddStringToObject(d, "name", "reportlint");
  cJSON_AddStringToObject(d, "version", RL_VERSION);
  cJSON_AddStringToObject(d, "semanticVersion", RL_VERSION);
  cJSON_AddStringToObject(d, "informationUri", SARIF_INFO_URI);
  cJSON *rules = cJSON_AddArrayToObject(d, "rules");
  for (int s = 0; s < nsets; s++) {
    if (base[s] < 0)
      continue;
    const rl_ruleset *rs = rl_ctx_ruleset(res->ctx, s);
    for (int i = 0; i < rs->nrules; i++)
      cJSON_AddItemToArray(rules, rule_json(&rs->rules[i], rs, s > 0));
  }
  *too_long = -1;
  if (has_too_long(res)) {
    *too_long = cJSON_GetArraySize(rules);
    cJSON_AddItemToArray(rules, too_long_rule_json());
  }
  return d;
}

/* --- results ------------------------------------------------------------- */

/* A physicalLocation on artifact uri (index >= 0: also its position in
 * run.artifacts). Lines and columns of 0 are left out: unknown. */
static cJSON *location_json(const sarif_uri *uri, int index, int line,
                            int col, int end_line, int end_col) {
  cJSON *loc = cJSON_CreateObject();
  cJSON *pl = cJSON_AddObjectToObject(loc, "physicalLocation");
  cJSON *al = cJSON_AddObjectToObject(pl, "artifactLocation");
  cJSON_AddStringToObject(al, "uri", uri->s);
  if (uri->based)
    cJSON_AddStringToObject(al, "uriBaseId", "%SRCROOT%");
  if (index >= 0)
    cJSON_AddNumberToObject(al, "index", index);
  if (line > 0) {
    cJSON *rg = cJSON_AddObjectToObject(pl, "region");
    cJSON_AddNumberToObject(rg, "startLine", line);
    if (col > 0)
      cJSON_AddNumberToObject(rg, "startColumn", col);
    if (end_line >= line)
      cJSON_AddNumberToObject(rg, "endLine", end_line);
    if (col > 0 && end_line >= line && end_col > 0)
      cJSON_AddNumberToObject(rg, "endColumn", end_col);
  }
  return loc;
}

/* The inline directive that waived f, or NULL when the waiver came from
 * elsewhere (configuration, sidecar file, baseline): a used directive
 * with f's reason whose lines cover f's line. */
static const directive *inline_waiver(const rl_report *r, const finding *f) {
  if (!f->suppression)
    return NULL;
  for (size_t i = 0; i < r->directives.n; i++) {
    const directive *d = &r->directives.v[i];
    if (d->used && d->reason && strcmp(d->reason, f->suppression) == 0 &&
        d->from <= f->xline && f->xline <= d->to)
      return d;
  }
  return NULL;
}

/* A directive in the report is "inSource" (located at its line); a waiver
 * in a configuration or sidecar file, or the baseline, lives apart from
 * the report: "external". */
static cJSON *suppressions_json(const rl_report *r, const finding *f,
                                const sarif_uri *uri) {
  const directive *d = inline_waiver(r, f);
  cJSON *a = cJSON_CreateArray();
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "kind", d ? "inSource" : "external");
  if (f->suppression && f->suppression[0])
    cJSON_AddStringToObject(o, "justification", f->suppression);
  if (d)
    cJSON_AddItemToObject(o, "location",
                          location_json(uri, -1, d->line, d->col, 0, 0));
  cJSON_AddItemToArray(a, o);
  return a;
}

static cJSON *result_json(const rl_report *r, const finding *f, int rule_index,
                          const sarif_uri *uri, int artifact, int qualify,
                          const char *root) {
  cJSON *o = cJSON_CreateObject();
  if (qualify && r->rs) {
    char *id = sarif_rule_id(r->rs, f->rule_id, 1);
    cJSON_AddStringToObject(o, "ruleId", id);
    free(id);
  } else {
    cJSON_AddStringToObject(o, "ruleId", f->rule_id);
  }
  if (rule_index >= 0)
    cJSON_AddNumberToObject(o, "ruleIndex", rule_index);
  cJSON_AddStringToObject(o, "level", sarif_level(f->severity));
  cJSON_AddItemToObject(o, "message", text_object(f->message));
  cJSON *locs = cJSON_AddArrayToObject(o, "locations");
  cJSON_AddItemToArray(locs, location_json(uri, artifact, f->line, f->col,
                                           f->end_line, f->end_col));
  if (f->has_rel && r->previous) { /* cross-year: last year's place */
    sarif_uri prev = path_uri(r->previous->path, root);
    cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
    cJSON *loc = location_json(&prev, -1, f->rel_line, f->rel_col, 0, 0);
    cJSON_AddNumberToObject(loc, "id", 1);
    cJSON_AddItemToObject(loc, "message", text_object("上年报告"));
    cJSON_AddItemToArray(rel, loc);
    free(prev.s);
  }
  cJSON *fp = cJSON_AddObjectToObject(o, "partialFingerprints");
  cJSON_AddStringToObject(fp, "reportlint/v1", f->fingerprint);
  if (f->suppressed)
    cJSON_AddItemToObject(o, "suppressions", suppressions_json(r, f, uri));
  if (f->page) {
    cJSON *props = cJSON_AddObjectToObject(o, "properties");
    cJSON_AddNumberToObject(props, "page", f->page);
  }
  return o;
}

/* SARIF wants an IANA character set name. */
static cJSON *artifact_json(const rl_report *r, const sarif_uri *uri) {
  cJSON *o = cJSON_CreateObject();
  cJSON *loc = cJSON_AddObjectToObject(o, "location");
  cJSON_AddStringToObject(loc, "uri", uri->s);
  if (uri->based)
    cJSON_AddStringToObject(loc, "uriBaseId", "%SRCROOT%");
  const char *enc = r->dec.encoding;
  if (enc && r->fmt->text_file)
    cJSON_AddStringToObject(o, "encoding",
                            strncmp(enc, "UTF-8", 5) == 0 ? "UTF-8" : enc);
  return o;
}

/* The report's findings into results, and the report into artifacts. */
static void add_report(cJSON *results, cJSON *artifacts, const rl_report *r,
                       int rule_base, int qualify, int too_long,
                       const char *root) {
  sarif_uri uri = path_uri(r->path, root);
  int index = cJSON_GetArraySize(artifacts);
  cJSON_AddItemToArray(artifacts, artifact_json(r, &uri));
  for (size_t i = 0; i < r->findings.n; i++) {
    const finding *f = &r->findings.v[i];
    int builtin = strcmp(f->rule_id, FINDING_TOO_LONG) == 0;
    int ri = r->rs && rule_base >= 0 ? rules_find(r->rs, f->rule_id) : -1;
    if (ri >= 0)
      ri += rule_base;
    if (builtin)
      ri = too_long;
    cJSON_AddItemToArray(results, result_json(r, f, ri, &uri, index,
                                              qualify && !builtin, root));
  }
  free(uri.s);
}

/* --- the invocation ------------------------------------------------------ */

static cJSON *notification_json(const char *level, const char *msg,
                                const char *file, int line, int col,
                                const char *root) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "level", level);
  cJSON_AddItemToObject(o, "message", text_object(msg));
  if (file && file[0]) {
    sarif_uri uri = path_uri(file, root);
    cJSON *locs = cJSON_AddArrayToObject(o, "locations");
    cJSON_AddItemToArray(locs, location_json(&uri, -1, line, col, 0, 0));
    free(uri.s);
  }
  return o;
}

/* Findings past --max-findings are not in results; say so, or the log
 * would look complete. */
static cJSON *dropped_json(const rl_report *r, const char *root) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_printf(&sb, "%zu more findings not reported (--max-findings)",
                r->findings.dropped);
  char *msg = strbuf_detach(&sb, NULL);
  cJSON *o = notification_json("warning", msg, r->path, 0, 0, root);
  free(msg);
  return o;
}

static cJSON *invocation_json(const out_result *res, const char *root) {
  cJSON *inv = cJSON_CreateObject();
  cJSON_AddBoolToObject(inv, "executionSuccessful",
                        res->nerrors == 0 && res->nrule_errors == 0);
  cJSON *ns = cJSON_CreateArray();
  for (size_t i = 0; i < res->nerrors; i++) {
    const rl_diag *d = &res->errors[i];
    cJSON_AddItemToArray(
        ns, notification_json("error", d->msg, d->file, d->line, d->col,
                              root));
  }
  for (size_t i = 0; i < res->nrule_errors; i++) {
    const rl_diag *d = &res->rule_errors[i];
    cJSON_AddItemToArray(
        ns, notification_json("error", d->msg, d->file, d->line, d->col,
                              root));
  }
  for (size_t i = 0; i < res->nreports; i++)
    if (res->reports[i]->findings.dropped)
      cJSON_AddItemToArray(ns, dropped_json(res->reports[i], root));
  if (cJSON_GetArraySize(ns) > 0)
    cJSON_AddItemToObject(inv, "toolExecutionNotifications", ns);
  else
    cJSON_Delete(ns);
  return inv;
}

int out_sarif(const out_result *res, strbuf *out) {
  int nsets = res->ctx ? rl_ctx_ruleset_count(res->ctx) : 0;
  int *base = rule_bases(res, nsets);
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
  cJSON_AddStringToObject(root, "version", "2.1.0");
  cJSON *run = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
  cJSON *tool = cJSON_AddObjectToObject(run, "tool");
  int too_long;
  cJSON_AddItemToObject(tool, "driver",
                        driver_json(res, base, nsets, &too_long));
  cJSON *invs = cJSON_AddArrayToObject(run, "invocations");
  char *repo = repo_root();
  if (repo)
    cJSON_AddItemToObject(run, "originalUriBaseIds", base_ids_json(repo));
  cJSON_AddItemToArray(invs, invocation_json(res, repo));
  cJSON *artifacts = cJSON_AddArrayToObject(run, "artifacts");
  cJSON *results = cJSON_AddArrayToObject(run, "results");
  for (size_t i = 0; i < res->nreports; i++) {
    const rl_report *r = res->reports[i];
    add_report(results, artifacts, r,
               r->set >= 0 && r->set < nsets ? base[r->set] : -1, r->set > 0,
               too_long, repo);
  }
  free(repo);
  cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
  free(base);
  return out_put_json(root, out);
}
