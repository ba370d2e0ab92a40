/* dynlib: a shared library opened with dlopen() when first needed.
 *
 * The libraries that only some inputs need (poppler-glib for PDF, libxml2
 * for HTML and DOCX, libzip for DOCX) are compiled against but not linked:
 * mapping and relocating them and what they pull in (GLib and cairo, ICU,
 * libcrypto) would cost every run milliseconds, while most runs read plain
 * text. Consumes a SONAME (found by the Makefile at build time) and a
 * table of the symbols a reader calls; produces their addresses, or one
 * line saying why not. Running it once per process, and from which
 * thread, is the caller's business (pthread_once: xmllib.c, ziplib.c,
 * read_pdf.c). */
#ifndef RL_DYNLIB_H
#define RL_DYNLIB_H

#include <stddef.h>

/* A symbol to find and where its address goes: slot points to a function
 * pointer (or, for a data symbol, an object pointer) of the caller's. */
typedef struct dynlib_sym {
  const char *name;
  void *slot;
} dynlib_sym;

/* Opens soname (RTLD_NOW | RTLD_LOCAL; dlsym then searches its
 * dependencies too) and stores each syms[i].name's address into the
 * pointer at syms[i].slot. Returns 0, or -1 with why (cap bytes, one line)
 * as "SONAME: reason" (the loader's message, or "SONAME has no NAME");
 * slots may then be partly filled and must not be used. The library stays
 * loaded for the life of the process, also on failure: closing a library
 * that registered types or thread keys (GLib, libxml2) is not safe. */
int dynlib_load(const char *soname, const dynlib_sym *syms, size_t n,
                char *why, size_t cap);

#endif
