/* rule_kind: the table of rule types.
 *
 * Consumes the descriptors the rule_*.c files export; produces the lookups
 * by type and by `type:` word that the loader and the engine use. The
 * order of the table is the order in which messages list the types. */
#include "rule_kind.h"

#include <string.h>

const rule_kind *const rule_kinds[] = {&rule_kind_section,
                                       &rule_kind_section_order,
                                       &rule_kind_section_length,
                                       &rule_kind_pattern,
                                       &rule_kind_sequence,
                                       &rule_kind_metric,
                                       &rule_kind_date,
                                       &rule_kind_input,
                                       &rule_kind_table,
                                       &rule_kind_lexicon,
                                       &rule_kind_cross_year,
                                       NULL};

const rule_kind *rule_kind_of(rule_type t) {
  for (int i = 0; rule_kinds[i]; i++)
    if (rule_kinds[i]->type == t)
      return rule_kinds[i];
  return NULL;
}

const rule_kind *rule_kind_named(const char *name) {
  for (int i = 0; rule_kinds[i]; i++)
    if (strcmp(rule_kinds[i]->name, name) == 0)
      return rule_kinds[i];
  return NULL;
}
