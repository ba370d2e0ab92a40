/* fixture: a test fixture file read whole (see fixture.h). */
#include "fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

char *fixture_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s (run from the repository root)",
                path);
  size_t cap = 1 << 16, n = 0, got;
  char *p = malloc(cap + 1);
  ck_assert_ptr_nonnull(p);
  while ((got = fread(p + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      p = realloc(p, (cap *= 2) + 1);
      ck_assert_ptr_nonnull(p);
    }
  }
  ck_assert_msg(!ferror(f), "cannot read %s", path);
  fclose(f);
  p[n] = '\0';
  *len = n;
  return p;
}
