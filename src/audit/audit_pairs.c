/* audit_pairs: an audit's reports paired across years.
 *
 * Consumes the records of the run (their issuer, year, path and key
 * figures, kept as they come: a small key in memory, the rest in a
 * temporary file, so memory stays flat however many reports there are);
 * after the run, groups them by body (the issuer normalised) and pairs
 * consecutive years of a body, a year with one report each; checks each
 * pair's later report against the earlier (reading both again, one pair
 * at a time) and keeps the cross-year findings; lists the reports left
 * unpaired and why; and lays out each body's key figures by year. The
 * writers (out_audit_*.c) render what it keeps. */
#include "audit.h"

#include "alloc.h"
#include "report.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- the body key ------------------------------------------------------ */

/* Replaces every from in *s by to (no longer than from), in place. */
static void replace_all(char **s, const char *from, const char *to) {
  size_t fl = strlen(from), tl = strlen(to);
  char *w = *s;
  for (const char *r = *s; *r;) {
    if (strncmp(r, from, fl) == 0) {
      memcpy(w, to, tl);
      w += tl;
      r += fl;
    } else {
      *w++ = *r++;
    }
  }
  *w = '\0';
}

char *audit_body_key(const char *issuer) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  size_t len = strlen(issuer);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = utf8_decode(issuer + i, len - i, &cp);
    i += n > 0 ? (size_t)n : 1;
    if (n <= 0 || cp == ' ' || cp == '\t' || cp == 0x3000)
      continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width forms */
      cp -= 0xFEE0;
    char b[4];
    strbuf_put(&sb, b, (size_t)utf8_encode(cp, b));
  }
  char *key = strbuf_detach(&sb, NULL);
  if (!key)
    key = xstrdup("");
  replace_all(&key, "管理委员会", "管委会"); /* a 管委会's two names */
  static const char *const tails[] = {"人民政府办公室", "人民政府办"};
  for (size_t k = 0; k < 2; k++) {
    size_t kl = strlen(tails[k]), n = strlen(key);
    if (n >= kl && strcmp(key + n - kl, tails[k]) == 0) {
      strcpy(key + n - kl, "人民政府");
      break;
    }
  }
  return key;
}

static uint64_t hash_of(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

/* ---- the entries' records ---------------------------------------------- */

/* record = len path, len body, nfig, nfig × (has value) */
static void put_str(FILE *f, const char *s) {
  uint32_t n = (uint32_t)strlen(s);
  fwrite(&n, sizeof n, 1, f);
  fwrite(s, 1, n, f);
}

static char *get_str(FILE *f) {
  uint32_t n = 0;
  if (fread(&n, sizeof n, 1, f) != 1 || n > (1u << 20))
    return xstrdup("");
  char *s = xmalloc(n + 1);
  s[fread(s, 1, n, f)] = '\0';
  return s;
}

void audit_pairs_add(audit *a, const audit_record *r) {
  if (r->unreadable || !r->issuer || !r->year || !r->path)
    return;
  if (!a->spool && !(a->spool = tmpfile()))
    return; /* no pairing without a temporary file */
  char *body = audit_body_key(r->issuer);
  fseek(a->spool, 0, SEEK_END);
  audit_entry *e = ARRAY_PUSH(a->entries, a->nentries, a->capentries);
  *e = (audit_entry){hash_of(body), ftell(a->spool), r->year, r->index};
  put_str(a->spool, r->path);
  put_str(a->spool, body);
  int32_t nfig = r->figures ? r->nfigures : 0;
  fwrite(&nfig, sizeof nfig, 1, a->spool);
  for (int i = 0; i < nfig; i++) {
    unsigned char has = (unsigned char)r->figures[i].has;
    fwrite(&has, 1, 1, a->spool);
    fwrite(&r->figures[i].value, sizeof(double), 1, a->spool);
  }
  free(body);
}

/* An entry's record read back. */
typedef struct entry_data {
  char *path, *body;
  int nfig;
  audit_figure *fig;
} entry_data;

static void read_entry(audit *a, const audit_entry *e, entry_data *out) {
  fseek(a->spool, e->off, SEEK_SET);
  out->path = get_str(a->spool);
  out->body = get_str(a->spool);
  int32_t n = 0;
  if (fread(&n, sizeof n, 1, a->spool) != 1 || n < 0 || n > 4096)
    n = 0;
  out->nfig = n;
  out->fig = xcalloc((size_t)n + 1, sizeof *out->fig);
  for (int i = 0; i < n; i++) {
    unsigned char has = 0;
    if (fread(&has, 1, 1, a->spool) != 1 ||
        fread(&out->fig[i].value, sizeof(double), 1, a->spool) != 1)
      break;
    out->fig[i].has = has;
  }
}

static void entry_data_release(entry_data *d) {
  free(d->path);
  free(d->body);
  free(d->fig);
}

/* ---- one pair ---------------------------------------------------------- */

/* A report read and checked with the audit's settings (run_check_one),
 * against previous if not NULL; NULL if it cannot be read or checked. */
static rl_report *check_again(audit *a, const audit_params *p,
                              const char *path, const rl_report *previous) {
  run_input in = {path, NULL, 0};
  run_params rp = p->run;
  rp.previous = previous;
  run_sink none = {0};
  run_item *it = run_check_one(a->ctx, &in, &rp, &none);
  rl_report *r = it->rule_failed ? NULL : it->report;
  if (r)
    it->report = NULL;
  run_item_free(it);
  return r;
}

/* The cross-year findings of r as lines for the summary. */
static void keep_findings(audit_pair *pr, const rl_report *r) {
  for (size_t i = 0; i < r->findings.n; i++) {
    const finding *f = &r->findings.v[i];
    int k = r->rs ? rules_find(r->rs, f->rule_id) : -1;
    if (f->suppressed || k < 0 || r->rs->rules[k].type != RULE_CROSS_YEAR)
      continue;
    char where[64];
    strbuf sb;
    strbuf_init(&sb, STRBUF_UNLIMITED);
    strbuf_printf(&sb, "%s %s：%s", f->rule_id,
                  report_location(r, f, where, sizeof where), f->message);
    pr->lines = xrealloc(pr->lines, (pr->nlines + 1) * sizeof *pr->lines);
    pr->sev = xrealloc(pr->sev, (pr->nlines + 1) * sizeof *pr->sev);
    pr->sev[pr->nlines] = f->severity;
    pr->lines[pr->nlines++] = strbuf_detach(&sb, NULL);
  }
}

static void run_pair(audit *a, const audit_params *p, const audit_entry *le,
                     const audit_entry *te) {
  entry_data ld, td;
  read_entry(a, le, &ld);
  read_entry(a, te, &td);
  if (strcmp(ld.body, td.body) == 0) { /* not a hash collision */
    audit_pair *pr = ARRAY_PUSH(a->pairs, a->npairs, a->cappairs);
    *pr = (audit_pair){xstrdup(td.body), utf8_escape_name_dup(ld.path),
                       utf8_escape_name_dup(td.path), le->year, te->year,
                       NULL, NULL, 0, 0};
    rl_report *last = check_again(a, p, ld.path, NULL);
    rl_report *now = last ? check_again(a, p, td.path, last) : NULL;
    pr->failed = !now;
    if (now)
      keep_findings(pr, now);
    rl_report_free(now);
    rl_report_free(last);
  }
  entry_data_release(&ld);
  entry_data_release(&td);
}

/* ---- the grouping ------------------------------------------------------ */

static int by_body_year(const void *x, const void *y) {
  const audit_entry *a = x, *b = y;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

static int by_index(const void *x, const void *y) {
  const audit_single *a = x, *b = y;
  return (a->index > b->index) - (a->index < b->index);
}

/* The singles in input order, the first AUDIT_SINGLES_SHOWN kept: memory
 * stays bounded however many reports go unpaired. */
static void keep_first_singles(audit *a) {
  if (a->nsingles > 1)
    qsort(a->singles, a->nsingles, sizeof *a->singles, by_index);
  while (a->nsingles > AUDIT_SINGLES_SHOWN) {
    audit_single *s = &a->singles[--a->nsingles];
    free(s->file);
    free(s->body);
  }
}

/* An unpaired report of a body with several: kept with why (the first
 * AUDIT_SINGLES_SHOWN by input order; see keep_first_singles). */
static void add_single(audit *a, const audit_entry *e, const char *why) {
  a->unpaired++;
  entry_data d;
  read_entry(a, e, &d);
  *ARRAY_PUSH(a->singles, a->nsingles, a->capsingles) =
      (audit_single){utf8_escape_name_dup(d.path), xstrdup(d.body), e->year,
                     e->index, why};
  entry_data_release(&d);
  if (a->nsingles > 2 * AUDIT_SINGLES_SHOWN)
    keep_first_singles(a);
}

/* One body's figures by year (years with one report). */
static void add_body(audit *a, const audit_entry *g, size_t n,
                     const unsigned char *alone) {
  int years = 0;
  for (size_t i = 0; i < n; i++)
    years += alone[i];
  if (years < 2)
    return;
  audit_body *b = ARRAY_PUSH(a->bodies, a->nbodies, a->capbodies);
  memset(b, 0, sizeof *b);
  b->years = xcalloc((size_t)years, sizeof *b->years);
  b->figures = xcalloc((size_t)years * (size_t)a->nmetrics + 1,
                       sizeof *b->figures);
  for (size_t i = 0; i < n; i++) {
    if (!alone[i])
      continue;
    entry_data d;
    read_entry(a, &g[i], &d);
    if (!b->name)
      b->name = xstrdup(d.body);
    for (int m = 0; m < a->nmetrics && m < d.nfig; m++)
      b->figures[(size_t)b->nyears * (size_t)a->nmetrics + (size_t)m] =
          d.fig[m];
    b->years[b->nyears++] = g[i].year;
    entry_data_release(&d);
  }
}

static int has_year(const audit_entry *g, size_t n, int year) {
  for (size_t i = 0; i < n; i++)
    if (g[i].year == year)
      return 1;
  return 0;
}

/* The entries g[0..n) of one body, by year: pairs of consecutive years
 * that have one report each; the others unpaired. */
static void pair_body(audit *a, const audit_params *p, const audit_entry *g,
                      size_t n) {
  if (n == 1) { /* the body's only report: nothing to pair, counted */
    a->lonely++;
    return;
  }
  unsigned char *alone = xcalloc(n + 1, 1), *paired = xcalloc(n + 1, 1);
  for (size_t i = 0; i < n; i++)
    alone[i] = (i == 0 || g[i - 1].year != g[i].year) &&
               (i + 1 == n || g[i + 1].year != g[i].year);
  for (size_t i = 0; i + 1 < n; i++)
    if (alone[i] && alone[i + 1] && g[i + 1].year == g[i].year + 1) {
      run_pair(a, p, &g[i], &g[i + 1]);
      paired[i] = paired[i + 1] = 1;
    }
  for (size_t i = 0; i < n; i++)
    if (!paired[i])
      add_single(a, &g[i],
                 !alone[i] ? "同一机关同一年度有多份报告，无法确定哪份是正式报告"
                 : has_year(g, n, g[i].year - 1) ||
                         has_year(g, n, g[i].year + 1)
                     ? "相邻年度有多份报告，无法确定与哪份对照"
                     : "没有相邻年度的报告");
  add_body(a, g, n, alone);
  free(alone);
  free(paired);
}

void audit_pairs_run(audit *a, const audit_params *p) {
  if (a->nentries > 1)
    qsort(a->entries, a->nentries, sizeof *a->entries, by_body_year);
  for (size_t i = 0; i < a->nentries;) {
    size_t j = i;
    while (j < a->nentries && a->entries[j].key == a->entries[i].key)
      j++;
    pair_body(a, p, a->entries + i, j - i);
    i = j;
  }
  keep_first_singles(a);
}

void audit_pairs_release(audit *a) {
  for (size_t i = 0; i < a->npairs; i++) {
    audit_pair *pr = &a->pairs[i];
    for (size_t k = 0; k < pr->nlines; k++)
      free(pr->lines[k]);
    free(pr->lines);
    free(pr->sev);
    free(pr->body);
    free(pr->last);
    free(pr->this);
  }
  free(a->pairs);
  for (size_t i = 0; i < a->nsingles; i++) {
    free(a->singles[i].file);
    free(a->singles[i].body);
  }
  free(a->singles);
  for (size_t i = 0; i < a->nbodies; i++) {
    free(a->bodies[i].name);
    free(a->bodies[i].years);
    free(a->bodies[i].figures);
  }
  free(a->bodies);
  free(a->entries);
  if (a->spool)
    fclose(a->spool);
}
