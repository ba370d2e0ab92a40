/* rule_table: what other rule kinds use of the table rules' reading of a
 * table (rule_table.c). */
#ifndef RL_RULE_TABLE_H
#define RL_RULE_TABLE_H

#include "engine.h"
#include "table_view.h"

/* 1 if table v of run->d is one `select` names: its caption (the
 * paragraph before it), the heading it stands under, or a cell of its
 * header rows matches. */
int rule_table_selected(engine_run *run, const regex *select,
                        const table_view *v);

#endif
