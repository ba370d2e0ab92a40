/* baseline: the findings a repository already had when it adopted the gate.
 *
 * A baseline file is JSON: {"tool":"reportlint","version":1,"findings":
 * [{"file","rule","fingerprint","line","message"}]}. Findings are matched
 * by file and fingerprint, never by line, so a baseline survives edits
 * elsewhere in a report; a finding in the baseline is suppressed with the
 * reason "baseline", and only new ones count. */
#ifndef RL_BASELINE_H
#define RL_BASELINE_H

#include "diag.h"
#include "reportlint.h"
#include "strbuf.h"

#include <stddef.h>

typedef struct baseline baseline;

/* The largest baseline file read (README "Limits and guarantees"): a
 * baseline is a repository file that a pull request can change. */
#define BASELINE_MAX_BYTES ((size_t)64 << 20)

/* Parses a baseline file's text; name is used in diagnostics. Returns 0,
 * or -1 with a DIAG_USAGE diagnostic. Free *out with baseline_free. */
int baseline_parse(const char *json, size_t len, const char *name,
                   baseline **out, rl_diag *diag);
void baseline_free(baseline *b);
/* Suppresses r's findings that are in b; returns how many. */
size_t baseline_apply(const baseline *b, rl_report *r);
/* Writes the unsuppressed findings of the reports as a baseline file. */
int baseline_write(rl_report *const *reports, size_t n, strbuf *out);

#endif
