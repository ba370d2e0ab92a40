/* fixture: a test fixture file read whole, for the unit tests.
 *
 * Consumes a path relative to the repository root (the tests run from
 * there); produces its bytes, NUL-terminated. A missing or unreadable file
 * fails the calling test with its name. */
#ifndef RL_TEST_FIXTURE_H
#define RL_TEST_FIXTURE_H

#include <stddef.h>

/* The bytes of path (*len of them, plus a NUL); the caller frees them. */
char *fixture_slurp(const char *path, size_t *len);

#endif
