/* rule_input: findings about the file rather than its text.
 *
 * A format reader notes what the drafter must clean up before the file
 * goes out: a DOCX with unaccepted tracked changes, or with reviewers'
 * comments still in it. The report copies those notes into the doc; this
 * rule turns the ones of its `check` kind into a finding at the first
 * place concerned, with {count} in the message. Text and Markdown inputs
 * have no notes, so the rule never fires on them.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include <stdio.h>

static void run_input(engine_run *run) {
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

/* --- the kind ----------------------------------------------------------------
 *
 * input = check: tracked-changes | comments */

static const key_word input_words[] = {
    {"tracked-changes", INPUT_TRACKED_CHANGES},
    {"comments", INPUT_COMMENTS},
    {NULL, 0}};

static const key_spec input_keys[] = {{.name = "check",
                                       .kind = K_WORD,
                                       .off = RULE_FIELD(input, check),
                                       .words = input_words,
                                       .required = 1},
                                      {.name = NULL}};

static const char *const input_vars[] = {"count", NULL};

const rule_kind rule_kind_input = {
    .name = "input",
    .type = RULE_INPUT,
    .keys = input_keys,
    .vars = input_vars,
    .run = run_input,
};
