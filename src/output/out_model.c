/* out_model: the document model of each report as JSON, for rule authors
 * (what did the scanner see?) and auditors (extracted figures): title,
 * year, headings with levels, quantities with label, unit, value and the
 * interval their wording allows, dates and enumerations, each with its
 * original line and column. */
#include "output.h"
#include "table_view.h"

#include "report.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static void add_text(cJSON *o, const char *key, const rl_report *r, span s) {
  char *t = report_span_text(r, s);
  cJSON_AddStringToObject(o, key, t);
  free(t);
}

static void add_pos(cJSON *o, const rl_report *r, size_t off) {
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  cJSON_AddNumberToObject(o, "line", line);
  cJSON_AddNumberToObject(o, "column", col);
}

static const char *approx_name(doc_approx a) {
  static const char *const names[] = {"exact", "at-least", "nearly", "about"};
  return names[a];
}

static cJSON *quantities(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.nqty; i++) {
    const doc_quantity *q = &r->d.qty[i];
    cJSON *o = cJSON_CreateObject();
    add_text(o, "text", r, q->all);
    add_text(o, "label", r, q->label);
    add_text(o, "unit", r, q->unit);
    cJSON_AddNumberToObject(o, "value", q->value);
    cJSON_AddNumberToObject(o, "lo", q->lo);
    cJSON_AddNumberToObject(o, "hi", q->hi);
    cJSON_AddStringToObject(o, "approx", approx_name(q->approx));
    add_pos(o, r, q->all.off);
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

static cJSON *dates(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.ndate; i++) {
    const doc_date *t = &r->d.dates[i];
    cJSON *o = cJSON_CreateObject();
    add_text(o, "text", r, t->s);
    char iso[32];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", t->year, t->month, t->day);
    cJSON_AddStringToObject(o, "date", iso);
    cJSON_AddBoolToObject(o, "signature", i == r->d.sig_date);
    add_pos(o, r, t->s.off);
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

static cJSON *enums(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.nenum; i++) {
    const doc_enum *e = &r->d.enums[i];
    cJSON *o = cJSON_CreateObject();
    add_text(o, "marker", r, e->marker);
    cJSON_AddNumberToObject(o, "number", e->number);
    cJSON_AddNumberToObject(o, "section", r->d.paras[e->para].section);
    add_pos(o, r, e->marker.off);
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

static cJSON *headings(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.nhead; i++) {
    const doc_heading *h = &r->d.heads[i];
    cJSON *o = cJSON_CreateObject();
    add_text(o, "marker", r, h->marker);
    add_text(o, "text", r, h->text);
    cJSON_AddNumberToObject(o, "level", h->level);
    cJSON_AddNumberToObject(o, "number", h->number);
    cJSON_AddNumberToObject(o, "parent", r->d.sections[i].parent);
    add_pos(o, r, h->marker.off);
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

/* Each table as the table rules see it: data columns, and per row its
 * label path (data rows) and cells with their positions. */
static cJSON *tables(const rl_report *r) {
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; i < r->d.ntable; i++) {
    table_view v;
    table_view_init(&v, &r->d, i);
    cJSON *t = cJSON_CreateObject();
    add_text(t, "caption", r, v.t->caption);
    add_pos(t, r, r->d.paras[v.t->para].off);
    cJSON_AddNumberToObject(t, "data_columns", v.width);
    cJSON *rows = cJSON_AddArrayToObject(t, "rows");
    for (int k = 0; k < v.t->nrow; k++) {
      const doc_row *dr = &r->d.rows[v.t->first_row + k];
      cJSON *row = cJSON_CreateObject();
      cJSON_AddBoolToObject(row, "header", !v.data[k]);
      if (v.data[k])
        cJSON_AddStringToObject(row, "path", v.path[k]);
      cJSON *cells = cJSON_AddArrayToObject(row, "cells");
      for (int j = 0; j < dr->ncell; j++) {
        const doc_cell *c = &r->d.cells[dr->first_cell + j];
        cJSON *cell = cJSON_CreateObject();
        add_text(cell, "text", r, c->s);
        if (c->has_number)
          cJSON_AddNumberToObject(cell, "value", c->value);
        add_pos(cell, r, c->has_number ? c->num.off : c->s.off);
        cJSON_AddItemToArray(cells, cell);
      }
      cJSON_AddItemToArray(rows, row);
    }
    cJSON_AddItemToArray(a, t);
  }
  return a;
}

static cJSON *model_json(const rl_report *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "file", r->path);
  cJSON_AddStringToObject(o, "encoding", r->dec.encoding);
  if (r->d.title.len)
    add_text(o, "title", r, r->d.title);
  cJSON_AddNumberToObject(o, "year", r->d.year);
  cJSON_AddNumberToObject(o, "paragraphs", r->d.npara);
  cJSON_AddItemToObject(o, "headings", headings(r));
  cJSON_AddItemToObject(o, "quantities", quantities(r));
  cJSON_AddItemToObject(o, "dates", dates(r));
  cJSON_AddItemToObject(o, "enumerations", enums(r));
  cJSON_AddItemToObject(o, "tables", tables(r));
  if (r->d.issuer.len)
    add_text(o, "issuer", r, r->d.issuer);
  return o;
}

int out_model(const out_result *res, strbuf *out) {
  cJSON *root = cJSON_CreateArray();
  for (size_t i = 0; i < res->nreports; i++)
    cJSON_AddItemToArray(root, model_json(res->reports[i]));
  return out_put_json(root, out);
}
