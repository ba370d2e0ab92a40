/* rule_input: findings about the file rather than its text.
 *
 * A format reader notes what the drafter must clean up before the file
 * goes out: a DOCX with unaccepted tracked changes, or with reviewers'
 * comments still in it. The report copies those notes into the doc; this
 * rule turns the ones of its `check` kind into a finding at the first
 * place concerned, with {count} in the message. Text and Markdown inputs
 * have no notes, so the rule never fires on them. */
#include "engine.h"

#include <stdio.h>

void rule_input_run(engine_run *run) {
  const doc *d = run->d;
  for (int i = 0; i < d->nnote; i++) {
    const doc_note *n = &d->notes[i];
    if (n->kind != (int)run->r->u.input.check)
      continue;
    engine_hit(run);
    char count[16];
    snprintf(count, sizeof count, "%d", n->count);
    engine_var vars[] = {{"count", count}};
    size_t end = n->off;
    while (end < d->len && d->text[end] != '\n')
      end++;
    engine_emit(run, n->off, end, vars, 1, NULL);
  }
}
