/* rule_table_load: reads the rows, columns and assertions of a table rule
 * (the kind's load function, rule_kind.h) and frees them again. */
#ifndef RL_RULE_TABLE_LOAD_H
#define RL_RULE_TABLE_LOAD_H

#include "rules_load.h"

/* Reads `rows`, `cols` and `assert` of the rule being read into
 * ld->r->u.table. Returns 0, or -1 with ld->diag filled. */
int rule_table_load(rules_loader *ld);
/* Frees r's table part (whatever rule_table_load got to). */
void rule_table_release(rule *r);

#endif
