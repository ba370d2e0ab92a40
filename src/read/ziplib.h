/* ziplib: libzip, opened with dlopen() on the first DOCX input.
 *
 * Linked, libzip and what it pulls in (libcrypto, libbz2) cost every run
 * mapping and relocation, and only read_docx.c uses it. Consumes nothing;
 * produces the table of the libzip functions read_docx.c calls, named as
 * libzip names them. The headers still come from libzip (the build uses
 * its -I flags, not its -l). */
#ifndef RL_ZIPLIB_H
#define RL_ZIPLIB_H

#include <zip.h>

typedef struct ziplib {
  void (*zip_error_init)(zip_error_t *);
  void (*zip_error_fini)(zip_error_t *);
  int (*zip_error_code_zip)(const zip_error_t *);
  const char *(*zip_error_strerror)(zip_error_t *);
  zip_source_t *(*zip_source_buffer_create)(const void *, zip_uint64_t, int,
                                            zip_error_t *);
  void (*zip_source_free)(zip_source_t *);
  zip_t *(*zip_open_from_source)(zip_source_t *, int, zip_error_t *);
  zip_error_t *(*zip_get_error)(zip_t *);
  zip_int64_t (*zip_get_num_entries)(zip_t *, zip_flags_t);
  int (*zip_stat_index)(zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *);
  zip_int64_t (*zip_name_locate)(zip_t *, const char *, zip_flags_t);
  zip_file_t *(*zip_fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
  zip_int64_t (*zip_fread)(zip_file_t *, void *, zip_uint64_t);
  zip_error_t *(*zip_file_get_error)(zip_file_t *);
  int (*zip_fclose)(zip_file_t *);
  void (*zip_discard)(zip_t *);
} ziplib;

/* Opens libzip the first time any thread calls it (pthread_once); later
 * calls return at once. Returns the table (read-only, valid for the
 * process), or NULL with *why set to a one-line reason such as
 * "libzip.so.4: cannot open shared object file: No such file or
 * directory" (static; every call gives the same). */
const ziplib *ziplib_load(const char **why);

/* 1 if ziplib_load has opened libzip in this process, else 0. For the
 * tests: reading a text report must not. */
int ziplib_loaded(void);

#endif
