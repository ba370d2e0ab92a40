/* rule_date: the report year, the signature date and the dates in the text.
 *
 * deadline: the signature date is later than year + `deadline` ("+1-03-31");
 * premature: the report is dated inside the year it reports on, or the
 * text names a date later than its own date; cutoff: phrases showing the
 * data stop before the year ends (截至10月底); year-mismatch: the body
 * reports on another year than the title names, or its plans and the
 * measures it will take name the report year (R年我局将加大…); published: the page the
 * report came on (a portal's 发布时间) went up after the deadline. Banner
 * dates in the text never count: only the signature block's date is the
 * report's date, and the page's date is the reader's, not the text's.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

static long date_key(int y, int m, int d) {
  return (long)y * 10000 + m * 100 + d;
}

static const char *date_text(engine_run *run, const doc_date *t) {
  return arena_strndup(&run->d->arena, run->d->text + t->s.off, t->s.len);
}

/* The issuing organ: the signature's, else the title's words before its
 * year (沭阳县发展和改革局2023年…; a 政府信息公开 report in the national
 * format has no signature). */
static span issuer_of(const doc *d) {
  if (d->issuer.len)
    return d->issuer;
  if (d->title.len && d->year_span.len && d->year_span.off > d->title.off)
    return (span){d->title.off, d->year_span.off - d->title.off};
  return (span){0, 0};
}

static int is_department(engine_run *run) {
  const rule_date *rd = &run->r->u.date;
  if (run->opts->department)
    return 1;
  span who = issuer_of(run->d);
  if (!rd->issuer || !who.len)
    return 0;
  size_t ms, me;
  return engine_match_span(run, rd->issuer, who, &ms, &me);
}

static void check_deadline(engine_run *run) {
  const rule_date *rd = &run->r->u.date;
  const doc *d = run->d;
  if (!d->year || d->sig_date < 0 || (rd->department && !is_department(run)))
    return;
  const doc_date *t = &d->dates[d->sig_date];
  int y = d->year + rd->dl_years;
  int day = rd->dl_day < 0 ? days_in_month(y, rd->dl_month) : rd->dl_day;
  engine_hit(run);
  if (date_key(t->year, t->month, t->day) <= date_key(y, rd->dl_month, day))
    return;
  char deadline[48], year[16];
  snprintf(deadline, sizeof deadline, "%d年%d月%d日", y, rd->dl_month, day);
  snprintf(year, sizeof year, "%d", d->year);
  engine_var vars[] = {
      {"date", date_text(run, t)}, {"deadline", deadline}, {"year", year}};
  engine_emit(run, t->s.off, t->s.off + t->s.len, vars, 3, NULL);
}

/* published: an undated report whose page went up after the deadline
 * (reported at the title, or the first line: the page's date is not in
 * the text). A dated report is judged by its date: the page it is read
 * from may be a later copy on another site. */
static void check_published(engine_run *run) {
  const rule_date *rd = &run->r->u.date;
  const doc *d = run->d;
  if (!d->year || !d->published || d->sig_date >= 0 ||
      (rd->department && !is_department(run)))
    return;
  int y = d->year + rd->dl_years;
  int day = rd->dl_day < 0 ? days_in_month(y, rd->dl_month) : rd->dl_day;
  engine_hit(run);
  if (d->published <= date_key(y, rd->dl_month, day))
    return;
  char date[48], deadline[48], year[16];
  snprintf(date, sizeof date, "%d年%d月%d日", d->published / 10000,
           d->published / 100 % 100, d->published % 100);
  snprintf(deadline, sizeof deadline, "%d年%d月%d日", y, rd->dl_month, day);
  snprintf(year, sizeof year, "%d", d->year);
  engine_var vars[] = {
      {"date", date}, {"deadline", deadline}, {"year", year}};
  span at = d->title.len ? d->title : (span){0, 0};
  if (!at.len && d->npara > 0)
    at = (span){d->paras[0].off, d->paras[0].len};
  engine_emit(run, at.off, at.off + at.len, vars, 3, NULL);
}

static void premature_at(engine_run *run, const doc_date *t,
                         const char *problem) {
  char year[16];
  snprintf(year, sizeof year, "%d", run->d->year);
  engine_var vars[] = {
      {"date", date_text(run, t)}, {"problem", problem}, {"year", year}};
  engine_emit(run, t->s.off, t->s.off + t->s.len, vars, 3, NULL);
}

static void check_premature(engine_run *run) {
  const doc *d = run->d;
  if (d->sig_date < 0)
    return;
  const doc_date *sig = &d->dates[d->sig_date];
  long sk = date_key(sig->year, sig->month, sig->day);
  engine_hit(run);
  if (d->year && sk <= date_key(d->year, 12, 31))
    premature_at(run, sig, "早于所报告年度结束");
  char problem[96];
  snprintf(problem, sizeof problem, "晚于报告落款日期“%.*s”",
           (int)sig->s.len, d->text + sig->s.off);
  for (int i = 0; i < d->ndate; i++) {
    const doc_date *t = &d->dates[i];
    if (i == d->sig_date || !t->year || !t->day || t->para > d->body_last)
      continue;
    if (date_key(t->year, t->month, t->day) > sk)
      premature_at(run, t, problem);
  }
}

static void check_cutoff(engine_run *run) {
  const regex_list *pats = &run->r->u.date.cutoff;
  int n;
  span *spans = engine_scope(run, &run->r->scope, &n);
  /* {year} is "2024年", or "报告年度" when the title names no year. */
  char year[32];
  if (run->d->year)
    snprintf(year, sizeof year, "%d年", run->d->year);
  else
    snprintf(year, sizeof year, "报告年度");
  engine_var vars[] = {{"year", year}};
  for (int i = 0; i < pats->n; i++) {
    for (int k = 0; k < n; k++) {
      size_t at = spans[k].off, end = at + spans[k].len, ms, me;
      while (at < end &&
             engine_find(run, pats->v[i], run->d->text, end, at, &ms, &me)) {
        engine_hit(run);
        engine_emit(run, ms, me, vars, 1, pats->v[i]);
        at = me > ms ? me : ms + 1;
        while (at < end && ((unsigned char)run->d->text[at] & 0xC0) == 0x80)
          at++;
      }
    }
  }
}

/* year-word = digit{4} "年" (not 年度 targets like "2021—2025年") */
static int year_at(const char *s, size_t len, size_t i) {
  if (i + 7 > len || (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') ||
                                s[i - 1] == '-')))
    return 0;
  for (int k = 0; k < 4; k++)
    if (s[i + k] < '0' || s[i + k] > '9')
      return 0;
  if (memcmp(s + i + 4, "年", 3) != 0)
    return 0;
  if (i >= 3 && (memcmp(s + i - 3, "—", 3) == 0 ||
                 memcmp(s + i - 3, "～", 3) == 0))
    return 0;
  return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
         (s[i + 3] - '0');
}

static void mismatch_at(engine_run *run, size_t off, int y, int plans) {
  char year[16], found[16], expected[16], reason[96];
  int R = run->d->year;
  snprintf(year, sizeof year, "%d", R);
  snprintf(found, sizeof found, "%d", y);
  snprintf(expected, sizeof expected, "%d", plans ? R + 1 : R);
  if (plans)
    snprintf(reason, sizeof reason, "下一年度安排应写%d年", R + 1);
  else
    snprintf(reason, sizeof reason, "报告年度是%d年", R);
  engine_var vars[] = {{"year", year},
                       {"found", found},
                       {"expected", expected},
                       {"reason", reason}};
  engine_emit(run, off, off + 4 + 3, vars, 4, NULL);
}

/* The plans part's first paragraph opening "R年，…" names the report year
 * where the next one is meant. */
static void check_plans_opening(engine_run *run, const engine_part *plans) {
  const doc *d = run->d;
  size_t body = engine_body_start(d, plans->section);
  int p = doc_para_at(d, body);
  if (p < 0 || d->paras[p].heading >= 0)
    p++;
  if (p >= d->npara || d->paras[p].off >= plans->end ||
      d->paras[p].heading >= 0)
    return;
  int y = year_at(d->text + d->paras[p].off, d->paras[p].len, 0);
  if (y == d->year)
    mismatch_at(run, d->paras[p].off, y, 1);
}

/* "R年" followed by an `action` (R年我局加大…) in text[from, end): the
 * report year named where the year the measures are for is meant. */
static void measures_in(engine_run *run, size_t from, size_t end) {
  const doc *d = run->d;
  /* the next action at or after where the last search started: searched
   * again only once a year stands past it, so the text is read once */
  size_t ms = 0, me;
  int searched = 0, found = 0;
  for (size_t i = from; i + 7 <= end; i++) {
    if (year_at(d->text, end, i) != d->year)
      continue;
    size_t after = i + 7;
    if (after + 3 <= end && memcmp(d->text + after, "度", 3) == 0)
      after += 3;
    if (!searched || (found && ms < after)) {
      found = engine_find(run, run->r->u.date.action, d->text, end, after,
                          &ms, &me);
      searched = 1;
    }
    if (found && ms == after)
      mismatch_at(run, i, d->year, 1);
  }
}

/* Measures to take: the plans part when the rule names one, and from
 * where `measures` matches (整改措施, 下一步) to the end of its paragraph,
 * and on to the next heading when it matched in a heading. */
static void check_measures(engine_run *run, const engine_part *plans) {
  const doc *d = run->d;
  const rule_date *dt = &run->r->u.date;
  if (!dt->action)
    return;
  int under = 0; /* in the paragraphs under a measures heading */
  for (int p = d->body_first; p <= d->body_last && p < d->npara; p++) {
    const doc_para *para = &d->paras[p];
    size_t end = para->off + para->len, ms, me;
    if (plans && plans->found == 1 && para->off >= plans->off &&
        para->off < plans->end) {
      measures_in(run, para->off, end);
    } else if (dt->measures && engine_find(run, dt->measures, d->text, end,
                                           para->off, &ms, &me)) {
      measures_in(run, me, end);
      under = para->heading >= 0;
    } else if (para->heading >= 0) {
      under = 0;
    } else if (under) {
      measures_in(run, para->off, end);
    }
  }
}

static void check_year_mismatch(engine_run *run) {
  const doc *d = run->d;
  int R = d->year;
  if (!R)
    return;
  engine_hit(run);
  /* The opening: "R年，…" in the first body paragraph. */
  for (int p = d->body_first; p <= d->body_last && p < d->body_first + 2; p++) {
    if (d->paras[p].heading >= 0)
      break;
    int y = year_at(d->text + d->paras[p].off, d->paras[p].len, 0);
    if (y && y != R && y != R + 1)
      mismatch_at(run, d->paras[p].off, y, 0);
  }
  const char *pk = run->r->u.date.plans_key;
  const engine_part *plans = pk ? engine_part_of(run, pk) : NULL;
  for (int h = 0; h < d->nhead; h++) {
    const doc_para *p = &d->paras[d->heads[h].para];
    size_t hl = d->heads[h].text.off + d->heads[h].text.len - p->off;
    int in_plans = plans && plans->found == 1 && p->off >= plans->off &&
                   p->off < plans->end;
    for (size_t i = 0; i + 7 <= hl; i++) {
      int y = year_at(d->text + p->off, hl, i);
      if (!y)
        continue;
      if (in_plans ? y != R + 1 : (y != R && y != R + 1))
        mismatch_at(run, p->off + i, y, in_plans);
      break;
    }
  }
  if (plans && plans->found == 1)
    check_plans_opening(run, plans);
  check_measures(run, plans);
}

static void run_date(engine_run *run) {
  switch (run->r->u.date.check) {
  case DATE_DEADLINE: check_deadline(run); break;
  case DATE_PREMATURE: check_premature(run); break;
  case DATE_CUTOFF: check_cutoff(run); break;
  case DATE_YEAR_MISMATCH: check_year_mismatch(run); break;
  case DATE_PUBLISHED: check_published(run); break;
  }
}

/* --- the kind ----------------------------------------------------------------
 *
 * date = check, [deadline, cutoff, department, issuer, plans, measures, action]
 *   deadline and published need a deadline; cutoff needs cutoff phrases. */

#define DAT(f) RULE_FIELD(date, f)

static int count_month_days(int m) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[m - 1];
}

// deadline = ("+" | "-") digit{1,2} "-" month "-" (day | "end")
//   e.g. +1-03-31 (31 March of the following year), +0-12-end
static int read_deadline(rules_loader *ld, const ynode *v) {
  static const char *form = "'deadline' must look like +1-03-31 (sign and "
                            "years, month 01-12, day 01-31 or end)";
  if (!rules_load_is_string(v) || (v->str[0] != '+' && v->str[0] != '-'))
    return rules_load_fail(ld, v, "%s", form);
  const char *s = v->str;
  size_t ny = strspn(s + 1, "0123456789");
  const char *m = s + 1 + ny;
  if (ny < 1 || ny > 2 || m[0] != '-' || strspn(m + 1, "0123456789") != 2 ||
      m[3] != '-')
    return rules_load_fail(ld, v, "%s", form);
  const char *d = m + 4;
  int month = atoi(m + 1);
  int day = -1;
  if (strcmp(d, "end") != 0) {
    if (strspn(d, "0123456789") != 2 || d[2] != '\0')
      return rules_load_fail(ld, v, "%s", form);
    day = atoi(d);
  }
  if (month < 1 || month > 12 || day == 0 || day > 31)
    return rules_load_fail(ld, v, "%s", form);
  if (day > count_month_days(month))
    return rules_load_fail(ld, v, "'deadline': month %02d has no day %02d",
                           month, day);
  rule_date *dt = &ld->r->u.date;
  dt->dl_years = atoi(s + 1) * (s[0] == '-' ? -1 : 1);
  dt->dl_month = month;
  dt->dl_day = day;
  return 0;
}

static const key_word date_words[] = {
    {"deadline", DATE_DEADLINE},   {"premature", DATE_PREMATURE},
    {"cutoff", DATE_CUTOFF},       {"year-mismatch", DATE_YEAR_MISMATCH},
    {"published", DATE_PUBLISHED}, {NULL, 0}};

static const key_spec date_keys[] = {
    {.name = "check",
     .kind = K_WORD,
     .off = DAT(check),
     .words = date_words,
     .required = 1},
    {.name = "deadline", .kind = K_READ, .read = read_deadline},
    {.name = "cutoff", .kind = K_PATTERNS, .off = DAT(cutoff)},
    {.name = "department", .kind = K_BOOL, .off = DAT(department)},
    {.name = "issuer", .kind = K_PATTERN, .off = DAT(issuer)},
    {.name = "plans", .kind = K_STR, .off = DAT(plans_key)},
    {.name = "measures", .kind = K_PATTERN, .off = DAT(measures)},
    {.name = "action", .kind = K_PATTERN, .off = DAT(action)},
    {.name = NULL}};

static int date_load(rules_loader *ld) {
  const rule *r = ld->r;
  date_check c = r->u.date.check;
  if ((c == DATE_DEADLINE || c == DATE_PUBLISHED) &&
      !rules_load_get(ld, "deadline"))
    return rules_load_fail(ld, ld->m,
                           "rule '%s' has no 'deadline' (needed by "
                           "check '%s')",
                           r->id,
                           c == DATE_DEADLINE ? "deadline" : "published");
  if (c == DATE_CUTOFF && !r->u.date.cutoff.n)
    return rules_load_fail(ld, ld->m,
                           "rule '%s' has no 'cutoff' (needed by "
                           "check 'cutoff')",
                           r->id);
  return 0;
}

static void date_release(rule *r) {
  regex_list_release(&r->u.date.cutoff);
  regex_free(r->u.date.issuer);
  regex_free(r->u.date.measures);
  regex_free(r->u.date.action);
  free(r->u.date.plans_key);
}

// A cutoff finding is reported with its match.
static const regex_list *date_captures(const rule *r) {
  return &r->u.date.cutoff;
}

// Every check's variables: deadline, published, premature, cutoff,
// year-mismatch.
static const char *const date_vars[] = {
    "date", "deadline", "year", "problem", "found", "expected", "reason", NULL};

const rule_kind rule_kind_date = {
    .name = "date",
    .type = RULE_DATE,
    .keys = date_keys,
    .vars = date_vars,
    .captures = date_captures,
    .load = date_load,
    .release = date_release,
    .run = run_date,
};
