/* table_view: the layout of one table, for table rules.
 *
 * A table's rows have label cells, then data cells; rows are right-aligned
 * on their data cells, so data column c of every row is the same column
 * (an HTML or DOCX row has every grid position, spans expanded; an aligned
 * text row has been rebuilt column by column by tables_find). `width` is
 * the number of data columns: the most cells, from the first number on,
 * of any row with a number. Rows without a number are header rows.
 *
 * A data row's label path joins its labels with '/' down the numbering
 * hierarchy (一、 > （一） > 1.), so a row that only says "2.重复申请"
 * under "（五）不予处理" of "三、本年度办理结果" (a rowspan, or a text
 * table that prints a parent label once) has the path
 * "三、本年度办理结果/（五）不予处理/2.重复申请". A row is a leaf unless
 * the next data row's path extends its own. */
#ifndef RL_TABLE_VIEW_H
#define RL_TABLE_VIEW_H

#include "doc.h"

/* A table and its layout (the arrays are the doc's: nothing to free). */
typedef struct table_view {
  const doc *d;
  const doc_table *t;
  int width;                 /* data columns */
  const char *const *path;   /* per row: label path (NUL-terminated); ""
                                for a header row or a row without labels */
  const unsigned char *data; /* per row: 1 if it has a number */
  const unsigned char *leaf; /* per data row: 1 if no later row is its
                                child */
} table_view;

/* Lays out d->tables[table] into its doc_table fields (width, path, data,
 * leaf), in d's arena; tables_find calls it once per table. */
void table_view_layout(doc *d, int table);
/* A view of d->tables[table], laid out already. */
void table_view_init(table_view *v, const doc *d, int table);

/* Data cell (row, col), col in [0, width); NULL if the row is too short. */
const doc_cell *table_view_cell(const table_view *v, int row, int col);
/* The header text over data column col: the last non-empty cell in that
 * column of a header row above row (the nearest header, for tables whose
 * sub-tables repeat their headers); span len 0 if none. */
span table_view_header(const table_view *v, int row, int col);
/* The last label of row (its own label, without the parents). */
const char *table_view_label(const table_view *v, int row);

#endif
