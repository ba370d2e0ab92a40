/* segment: phase 1 of the document model.
 *
 * Consumes normalised text (one paragraph a line); produces the paragraph
 * array, the title (one or two short lines at the top) and the year named
 * in it, headings with their levels, and sections as heading + body up to
 * the next heading of the same or a higher level. Numbers, dates and
 * enumerations are scan's job; the signature is found after scan, because
 * it is recognised by its date. */
#include "segment.h"

#include "cnnum.h"

#include "marker.h"
#include "scan.h"
#include "utf8.h"

#include <string.h>

enum {
  TITLE_MAX_CHARS = 60,     /* a title line is at most this long */
  TITLE_SEARCH_PARAS = 4,   /* the title is among the first paragraphs */
  FRAGMENT_MAX_CHARS = 24,  /* a table label wrapped out of its row */
  FRAGMENT_REACH = 4,       /* paragraphs from it to a row of its table */
  SHORT_HEADING_CHARS = 30, /* an unnumbered heading line is shorter */
  ISSUER_MAX_CHARS = 40,
  SIG_SEARCH_PARAS = 4,
};

static size_t chars(const doc *d, int para) {
  return utf8_count(d->text + d->paras[para].off, d->paras[para].len);
}

/* Terminal punctuation ends a sentence; a line ending in it is body text,
 * not a heading or a title. */
static int ends_terminal(const char *s, size_t len) {
  static const char *const marks[] = {"。", "！", "？", "；", "：", ";", ":"};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
    if (utf8_ends(s, len, marks[i]))
      return 1;
  return 0;
}

static int has_sentence_break(const char *s, size_t len) {
  const char *p = s, *end = s + len;
  while (p < end) {
    const char *q = memchr(p, "。"[0], (size_t)(end - p));
    if (!q)
      return 0;
    if (utf8_starts(q, (size_t)(end - q), "。"))
      return 1;
    p = q + 1;
  }
  return 0;
}

size_t segment_heading_marker(const char *s, size_t len, doc_mark *mark,
                              int *level, int *number) {
  marker m;
  size_t n = marker_read(s, len, 0, &m);
  *mark = m.mark, *level = m.level, *number = m.number;
  return n;
}

/* The heading's own text runs from the marker to the first sentence end:
 * run-in headings ("（一）加强组织领导。一是…") carry body text after it. */
static span heading_text(const doc *d, const doc_para *p, size_t mlen) {
  const char *s = d->text + p->off + mlen;
  size_t len = p->len - mlen, i = 0;
  while (i < len) {
    if (utf8_starts(s + i, len - i, "。") ||
        utf8_starts(s + i, len - i, "：")) {
      break;
    }
    i += utf8_step(s + i, len - i);
  }
  return (span){p->off + mlen, i};
}

static int is_title_line(const doc *d, int i) {
  const doc_para *p = &d->paras[i];
  return chars(d, i) <= TITLE_MAX_CHARS &&
         !ends_terminal(d->text + p->off, p->len) &&
         !has_sentence_break(d->text + p->off, p->len);
}

static int contains(const doc *d, int para, const char *lit) {
  const doc_para *p = &d->paras[para];
  return utf8_contains(d->text + p->off, p->len, lit);
}

/* A numbered heading is never (part of) the title. */
static int starts_heading(const doc *d, int i) {
  marker mk;
  const doc_para *p = &d->paras[i];
  size_t m = marker_read(d->text + p->off, p->len, 0, &mk);
  return m > 0 && m < p->len && mk.mark != MARK_NONE;
}

/* title = line | line line      (a title may wrap over two lines) */
static void find_title(doc *d) {
  int lim = d->npara < TITLE_SEARCH_PARAS ? d->npara : TITLE_SEARCH_PARAS;
  for (int i = 0; i < lim; i++) {
    if (!is_title_line(d, i) || starts_heading(d, i))
      break;
    int last = i;
    if (!contains(d, i, "报告") && i + 1 < d->npara &&
        !starts_heading(d, i + 1) && is_title_line(d, i + 1) &&
        contains(d, i + 1, "报告"))
      last = i + 1;
    if (contains(d, last, "报告") || i == 0) {
      d->title_first = i;
      d->title_last = last;
      const doc_para *a = &d->paras[i], *b = &d->paras[last];
      size_t skip = marker_hashes(d->text + a->off, a->len);
      d->title = (span){a->off + skip, b->off + b->len - a->off - skip};
      d->body_first = last + 1;
      if (contains(d, last, "报告"))
        return;
    }
  }
}

static int digit_at(const char *s, size_t len, size_t i) {
  return i < len && s[i] >= '0' && s[i] <= '9';
}

/* year = digit{4} [space] "年"  |  cn-digit{4} "年"     e.g. 2024年度 */
static void find_year(doc *d) {
  const char *s = d->text + d->title.off;
  size_t len = d->title.len;
  for (size_t i = 0; i < len; i += utf8_step(s + i, len - i)) {
    if (i + 4 < len && digit_at(s, len, i) && digit_at(s, len, i + 3) &&
        digit_at(s, len, i + 1) && digit_at(s, len, i + 2) &&
        !digit_at(s, len, i + 4) && (i == 0 || !digit_at(s, len, i - 1)) &&
        utf8_starts(s + i + 4, len - i - 4, "年")) {
      d->year = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
                (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
      d->year_span = (span){d->title.off + i, 4};
      return;
    }
    double v = 0;
    size_t n = cnnum_read(s + i, len - i, &v);
    if (n >= 4 * 3 && v >= 1900 && v <= 2999 &&
        utf8_starts(s + i + n, len - i - n, "年")) {
      d->year = (int)v;
      d->year_span = (span){d->title.off + i, n};
      return;
    }
    if (n > 0)
      i += n - 1;
  }
}

static void add_heading(doc *d, int para, doc_mark mark, int level, int num,
                        size_t mlen) {
  doc_heading *h = &d->heads[d->nhead];
  doc_para *p = &d->paras[para];
  h->para = para;
  h->mark = mark;
  h->level = level;
  h->number = num;
  h->marker = (span){p->off, mlen};
  h->text = heading_text(d, p, mlen);
  p->heading = d->nhead++;
}

/* An unnumbered heading is a short line with no sentence punctuation that
 * introduces body text within the next two paragraphs. They count only in
 * reports that have no numbered top-level headings. */
static int is_unnumbered_heading(const doc *d, int i) {
  const doc_para *p = &d->paras[i];
  if (p->table >= 0 || chars(d, i) > SHORT_HEADING_CHARS ||
      !is_title_line(d, i))
    return 0;
  if (memchr(d->text + p->off, ',', p->len) ||
      utf8_starts(d->text + p->off, p->len, "□"))
    return 0;
  for (int k = i + 1; k < d->npara && k <= i + 2; k++)
    if (chars(d, k) > TITLE_MAX_CHARS)
      return 1;
  return 0;
}

/* The nearest table row within FRAGMENT_REACH paragraphs from i in
 * direction step, crossing only short lines; its table, or -1. */
static int near_table(const doc *d, int i, int step) {
  for (int k = i + step, n = 0; k >= 0 && k < d->npara && n < FRAGMENT_REACH;
       k += step, n++) {
    if (d->paras[k].table >= 0)
      return d->paras[k].table;
    if (chars(d, k) > FRAGMENT_MAX_CHARS)
      return -1;
  }
  return -1;
}

/* A row label of a text table wrapped out of its row (pdftotext -layout
 * puts "（三）不" on one line, "予公开" two lines down, and the figures
 * between): a short line between table rows. A part heading (一、) between
 * two tables sits between tables of different widths (表二 and 表三, 表三
 * and 表四), so a level-1 line counts only between tables of one width;
 * the national tables' parts have no sub-headings between tables. */
static int is_table_fragment(const doc *d, int i, int level) {
  if (chars(d, i) > FRAGMENT_MAX_CHARS)
    return 0;
  int before = near_table(d, i, -1), after = near_table(d, i, +1);
  return before >= 0 && after >= 0 &&
         (level > 1 || d->tables[before].width == d->tables[after].width);
}

/* A row of a table that was not read as one (a PDF page whose figure
 * columns poppler glues onto the label: 二、上年结转政府信息公开申请数量
 * 0000000, or 四、结转下年度继续办理 0 0 0 alone on a page): the line ends
 * in figures right after a CJK character and has no clause punctuation
 * past its marker. A heading does not end in a bare number. */
static int is_glued_row(const doc *d, int i) {
  const doc_para *p = &d->paras[i];
  const char *s = d->text + p->off;
  size_t end = p->len, k = end;
  while (k > 0 && ((s[k - 1] >= '0' && s[k - 1] <= '9') || s[k - 1] == ' ' ||
                   s[k - 1] == '\t'))
    k--;
  if (k == end || k < 3 || (unsigned char)s[k - 1] < 0x80)
    return 0;
  static const char *const punct[] = {"。", "，", "；", "：", "、", NULL};
  for (size_t j = 0; j < k; j++)
    for (int q = 0; punct[q]; q++)
      if (!strncmp(s + j, punct[q], 3) && j >= 6)
        return 0; /* past the marker's own 、 */
  return 1;
}

/* The pieces of a text table that a wrapped label broke cannot be read
 * column by column (which figures are whose is a guess): they are ragged,
 * reported once as unreadable and not checked. */
static void mark_broken(doc *d, int i) {
  int before = near_table(d, i, -1), after = near_table(d, i, +1);
  d->tables[before].ragged = d->tables[after].ragged = 1;
}

static void find_headings(doc *d) {
  d->heads = arena_alloc(&d->arena, (size_t)(d->npara + 1) * sizeof *d->heads);
  int numbered_l1 = 0;
  for (int i = d->body_first; i < d->npara; i++) {
    marker mk;
    const doc_para *p = &d->paras[i];
    if (p->table >= 0)
      continue; /* a table row: its labels are not headings */
    size_t m = marker_read(d->text + p->off, p->len, 0, &mk);
    if (m > 0 && is_glued_row(d, i))
      continue;
    if (m > 0 && is_table_fragment(d, i, mk.level)) {
      mark_broken(d, i);
      continue;
    }
    int hint = p->style;
    if (m > 0 && m < p->len) {
      add_heading(d, i, mk.mark, mk.level, mk.number, m);
      numbered_l1 |= mk.level == 1;
    } else if (hint >= 1 && hint <= 9 && chars(d, i) <= TITLE_MAX_CHARS) {
      /* styled as a heading by its writer, without a number */
      add_heading(d, i, MARK_NONE, hint < 4 ? hint : 4, 0, 0);
    }
  }
  if (numbered_l1)
    return;
  /* Unnumbered headings: rebuild the list in paragraph order. */
  int n = d->nhead;
  doc_heading *numbered = d->heads;
  d->heads = arena_alloc(&d->arena, (size_t)(d->npara + 1) * sizeof *d->heads);
  d->nhead = 0;
  int k = 0;
  for (int i = d->body_first; i < d->npara; i++) {
    if (k < n && numbered[k].para == i) {
      d->heads[d->nhead] = numbered[k++];
      d->paras[i].heading = d->nhead++;
    } else if (is_unnumbered_heading(d, i)) {
      add_heading(d, i, MARK_NONE, 1, 0, 0);
    }
  }
}

/* Sections nest by level: a section ends where a heading of the same or a
 * higher (smaller) level begins. */
static void build_sections(doc *d) {
  d->nsection = d->nhead;
  d->sections =
      arena_alloc(&d->arena, (size_t)(d->nhead + 1) * sizeof *d->sections);
  int *stack = arena_alloc(&d->arena, (size_t)(d->nhead + 1) * sizeof *stack);
  int top = 0;
  size_t body_end = d->len;
  for (int i = 0; i < d->nhead; i++) {
    const doc_heading *h = &d->heads[i];
    while (top > 0 && d->heads[stack[top - 1]].level >= h->level) {
      d->sections[stack[top - 1]].end = d->paras[h->para].off;
      top--;
    }
    doc_section *s = &d->sections[i];
    s->heading = i;
    s->parent = top > 0 ? stack[top - 1] : -1;
    s->off = d->paras[h->para].off;
    s->end = body_end;
    stack[top++] = i;
  }
  for (int i = 0, sec = -1; i < d->npara; i++) {
    if (d->paras[i].heading >= 0)
      sec = d->paras[i].heading;
    while (sec >= 0 && d->paras[i].off >= d->sections[sec].end)
      sec = d->sections[sec].parent;
    d->paras[i].section = sec;
  }
}

void segment_paragraphs(doc *d) {
  doc_split_paragraphs(d);
  find_title(d);
  if (d->title_first >= 0)
    find_year(d);
}

void segment_structure(doc *d) {
  find_headings(d);
  build_sections(d);
}

void segment_run(doc *d) {
  segment_paragraphs(d);
  segment_structure(d);
}

/* A date paragraph is only a date, or an issuer followed by a date. */
static int date_in_para(const doc *d, int para) {
  for (int i = d->ndate - 1; i >= 0; i--) {
    const doc_date *t = &d->dates[i];
    const doc_para *p = &d->paras[para];
    if (t->para != para || t->year == 0 || t->day == 0)
      continue;
    if (t->s.off + t->s.len != p->off + p->len)
      continue;
    return i;
  }
  return -1;
}

static int is_web_chrome(const doc *d, int para) {
  return contains(d, para, "发布时间") || contains(d, para, "今天是") ||
         contains(d, para, "来源") || contains(d, para, "日期：");
}

static int is_issuer_line(const doc *d, int para) {
  return para >= d->body_first && d->paras[para].heading < 0 &&
         chars(d, para) <= ISSUER_MAX_CHARS && is_title_line(d, para) &&
         !is_web_chrome(d, para);
}

/* The closing block belongs to no section. */
static void detach_signature(doc *d) {
  int first = d->body_last + 1;
  size_t cut = d->paras[first].off;
  for (int i = 0; i < d->nsection; i++)
    if (d->sections[i].end > cut)
      d->sections[i].end = cut;
  for (int i = first; i < d->npara; i++)
    d->paras[i].section = -1;
}

/* signature = issuer-line date-line | issuer date    (at the very end) */
void segment_signature(doc *d) {
  int lo = d->npara - SIG_SEARCH_PARAS;
  for (int i = d->npara - 1; i >= d->body_first && i >= lo; i--) {
    // A date above a heading is inside the body, not its closing block.
    if (d->paras[i].heading >= 0)
      return;
    if (is_web_chrome(d, i))
      continue;
    int t = date_in_para(d, i);
    if (t < 0)
      continue;
    const doc_para *p = &d->paras[i];
    const doc_date *dt = &d->dates[t];
    size_t before = dt->s.off - p->off;
    if (before > 0 && is_issuer_line(d, i)) {
      d->sig_issuer_para = i;
      d->issuer = (span){p->off, before};
    } else if (before == 0 && i - 1 >= 0 && is_issuer_line(d, i - 1)) {
      d->sig_issuer_para = i - 1;
      d->issuer = (span){d->paras[i - 1].off, d->paras[i - 1].len};
    } else if (before > 0) {
      continue;
    }
    d->sig_date = t;
    d->body_last = (d->sig_issuer_para >= 0 ? d->sig_issuer_para : i) - 1;
    detach_signature(d);
    return;
  }
}
