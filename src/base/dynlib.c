/* dynlib: see dynlib.h. dlopen() and dlsym() over a table of symbols, with
 * one message for every way it can fail. */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The loader's message in the form "SONAME: reason": glibc already starts
 * a failed dlopen's message with the name it was given. */
static void open_error(const char *soname, char *why, size_t cap) {
  const char *e = dlerror();
  size_t n = strlen(soname);
  if (!e)
    snprintf(why, cap, "%s: cannot be opened", soname);
  else if (strncmp(e, soname, n) == 0 && e[n] == ':')
    snprintf(why, cap, "%s", e);
  else
    snprintf(why, cap, "%s: %s", soname, e);
}

int dynlib_load(const char *soname, const dynlib_sym *syms, size_t n,
                char *why, size_t cap) {
  void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    open_error(soname, why, cap);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    void *p = dlsym(lib, syms[i].name);
    if (!p) {
      snprintf(why, cap, "%s has no %s", soname, syms[i].name);
      return -1;
    }
    memcpy(syms[i].slot, &p, sizeof p); // object → function pointer (POSIX)
  }
  return 0;
}
