/* baseline: the findings a repository already had when it adopted the gate.
 *
 * A baseline file is JSON: {"tool":"reportlint","version":1,"findings":
 * [{"file","rule","fingerprint","line","message"}]}. Findings are matched
 * by file and fingerprint, never by line, so a baseline survives edits
 * elsewhere in a report; a finding in the baseline is suppressed with the
 * reason "baseline", and only new ones count. "file" is relative to the
 * baseline file's directory (the repository's top, usually), so the same
 * baseline matches however the reports are named on the command line. */
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

/* Parses a baseline file's text; name is its path (its directory is what
 * the entries' files are relative to) and is used in diagnostics. Returns
 * 0, or -1 with a DIAG_USAGE diagnostic. Free *out with baseline_free. */
int baseline_parse(const char *json, size_t len, const char *name,
                   baseline **out, rl_diag *diag);
void baseline_free(baseline *b);
/* Suppresses r's findings that are in b, and marks the entries that
 * matched; returns how many findings. */
size_t baseline_apply(baseline *b, rl_report *r);
/* The entries, and how many of them matched a finding so far. */
size_t baseline_count(const baseline *b);
size_t baseline_matched(const baseline *b);
/* Calls fn for every entry that matched no finding (fixed, or its file
 * renamed), in file order. */
void baseline_each_unmatched(const baseline *b,
                             void (*fn)(void *arg, const char *file,
                                        const char *rule_id, int line),
                             void *arg);
/* Writes the unsuppressed findings of the reports as a baseline file to
 * be saved at path name (the files are written relative to its
 * directory). */
int baseline_write(rl_report *const *reports, size_t n, const char *name,
                   strbuf *out);

#endif
