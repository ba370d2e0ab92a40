/* doc: lifecycle, lookup and invariant checks of the document model.
 * Building it is segment's and scan's job. */
#include "doc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void doc_init(doc *d, const char *text, size_t len) {
  memset(d, 0, sizeof *d);
  d->text = text;
  d->len = len;
  arena_init(&d->arena);
  d->title_first = d->title_last = -1;
  d->sig_issuer_para = -1;
  d->sig_date = -1;
  d->body_first = 0;
  d->body_last = -1;
}

void doc_release_numbers(doc *d) {
  free(d->qty);
  free(d->dates);
  free(d->enums);
  d->qty = NULL;
  d->dates = NULL;
  d->enums = NULL;
  d->nqty = d->ndate = d->nenum = 0;
}

void doc_release(doc *d) {
  doc_release_numbers(d);
  arena_release(&d->arena);
  memset(d, 0, sizeof *d);
}

void doc_split_paragraphs(doc *d) {
  int n = 0;
  for (size_t i = 0; i < d->len; i++)
    if (d->text[i] == '\n')
      n++;
  if (d->len && d->text[d->len - 1] != '\n')
    n++;
  d->paras = arena_alloc(&d->arena, (size_t)(n ? n : 1) * sizeof *d->paras);
  d->npara = 0;
  size_t start = 0;
  for (size_t i = 0; i <= d->len; i++) {
    if (i == d->len || d->text[i] == '\n') {
      if (i > start || i < d->len) {
        if (i == d->len && i == start)
          break;
        doc_para *p = &d->paras[d->npara++];
        p->off = start;
        p->len = i - start;
        p->heading = -1;
        p->section = -1;
        p->table = -1;
        p->style = 0;
      }
      start = i + 1;
    }
  }
  d->body_last = d->npara - 1;
}

int doc_para_at(const doc *d, size_t off) {
  int lo = 0, hi = d->npara - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    const doc_para *p = &d->paras[mid];
    if (off < p->off)
      hi = mid - 1;
    else if (off > p->off + p->len)
      lo = mid + 1;
    else
      return mid;
  }
  return -1;
}

static int span_ok(const doc *d, span s) {
  return s.off <= d->len && s.len <= d->len - s.off;
}

#define CHECK(cond)                                                            \
  do {                                                                         \
    assert(cond);                                                              \
    if (!(cond))                                                               \
      return -1;                                                               \
  } while (0)

static int check_paras(const doc *d) {
  size_t prev = 0;
  for (int i = 0; i < d->npara; i++) {
    const doc_para *p = &d->paras[i];
    CHECK(p->off >= prev && span_ok(d, (span){p->off, p->len}));
    CHECK(p->heading >= -1 && p->heading < d->nhead);
    CHECK(p->section >= -1 && p->section < d->nsection);
    prev = p->off + p->len;
  }
  return 0;
}

static int check_heads(const doc *d) {
  CHECK(d->nsection == 0 || d->nsection == d->nhead);
  for (int i = 0; i < d->nhead; i++) {
    const doc_heading *h = &d->heads[i];
    CHECK(h->para >= 0 && h->para < d->npara);
    CHECK(d->paras[h->para].heading == i);
    CHECK(span_ok(d, h->marker) && span_ok(d, h->text));
    CHECK(i == 0 || d->heads[i - 1].para < h->para);
  }
  for (int i = 0; i < d->nsection; i++) {
    const doc_section *s = &d->sections[i];
    CHECK(s->heading == i && s->off <= s->end && s->end <= d->len);
    CHECK(s->parent >= -1 && s->parent < i);
    if (s->parent >= 0) {
      const doc_section *p = &d->sections[s->parent];
      CHECK(p->off <= s->off && s->end <= p->end);
    }
  }
  return 0;
}

static int check_scan(const doc *d) {
  for (int i = 0; i < d->nqty; i++) {
    const doc_quantity *q = &d->qty[i];
    CHECK(span_ok(d, q->num) && span_ok(d, q->all) && span_ok(d, q->unit));
    CHECK(span_ok(d, q->label) && q->lo <= q->hi);
    CHECK(q->para >= 0 && q->para < d->npara);
    CHECK(i == 0 || d->qty[i - 1].num.off <= q->num.off);
  }
  for (int i = 0; i < d->ndate; i++) {
    const doc_date *t = &d->dates[i];
    CHECK(span_ok(d, t->s) && t->month >= 0 && t->month <= 12);
    CHECK(t->day >= 0 && t->day <= 31 && t->para >= 0 && t->para < d->npara);
  }
  for (int i = 0; i < d->nenum; i++) {
    const doc_enum *e = &d->enums[i];
    CHECK(span_ok(d, e->marker) && e->number > 0);
    CHECK(e->para >= 0 && e->para < d->npara);
    CHECK(i == 0 || d->enums[i - 1].marker.off < e->marker.off);
  }
  return 0;
}

static int check_tables(const doc *d) {
  for (int i = 0; i < d->ntable; i++) {
    const doc_table *t = &d->tables[i];
    CHECK(t->nrow >= 1 && t->first_row >= 0 &&
          t->first_row + t->nrow <= d->nrow);
    CHECK(t->para >= 0 && t->para < d->npara && span_ok(d, t->caption));
    CHECK(t->caption_para >= -1 && t->caption_para < t->para);
  }
  for (int i = 0; i < d->nrow; i++) {
    const doc_row *r = &d->rows[i];
    CHECK(r->first_cell >= 0 && r->first_cell + r->ncell <= d->ncell);
    CHECK(r->para >= 0 && r->para < d->npara);
  }
  for (int i = 0; i < d->ncell; i++) {
    const doc_cell *c = &d->cells[i];
    CHECK(span_ok(d, c->s) && span_ok(d, c->num));
    CHECK(!c->has_number || (c->num.off >= c->s.off &&
                             c->num.off + c->num.len <= c->s.off + c->s.len));
    CHECK(i == 0 || d->cells[i - 1].s.off <= c->s.off);
  }
  return 0;
}

int doc_check(const doc *d) {
  CHECK(d->text != NULL || d->len == 0);
  CHECK(d->title_first <= d->title_last && d->title_last < d->npara);
  CHECK(d->sig_date >= -1 && d->sig_date < d->ndate);
  CHECK(d->sig_issuer_para >= -1 && d->sig_issuer_para < d->npara);
  if (check_paras(d) || check_heads(d) || check_scan(d) ||
      check_tables(d))
    return -1;
  return 0;
}
