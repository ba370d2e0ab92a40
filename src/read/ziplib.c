/* ziplib: see ziplib.h. The table is filled once under pthread_once and
 * is read-only after: with the reason a load failed, the only process
 * state kept. */
#include "ziplib.h"

#include "dynlib.h"

#include <pthread.h>
#include <stdatomic.h>

#ifndef RL_ZIP_SONAME
#define RL_ZIP_SONAME "libzip.so.4"
#endif

static ziplib lib;
static atomic_int loaded; /* read by ziplib_loaded outside the once */
static char load_error[256];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void open_libzip(void) {
  ziplib z;
  const dynlib_sym syms[] = {
      {"zip_error_init", &z.zip_error_init},
      {"zip_error_fini", &z.zip_error_fini},
      {"zip_error_code_zip", &z.zip_error_code_zip},
      {"zip_error_strerror", &z.zip_error_strerror},
      {"zip_source_buffer_create", &z.zip_source_buffer_create},
      {"zip_source_free", &z.zip_source_free},
      {"zip_open_from_source", &z.zip_open_from_source},
      {"zip_get_error", &z.zip_get_error},
      {"zip_get_num_entries", &z.zip_get_num_entries},
      {"zip_stat_index", &z.zip_stat_index},
      {"zip_name_locate", &z.zip_name_locate},
      {"zip_fopen_index", &z.zip_fopen_index},
      {"zip_fread", &z.zip_fread},
      {"zip_file_get_error", &z.zip_file_get_error},
      {"zip_fclose", &z.zip_fclose},
      {"zip_discard", &z.zip_discard},
  };
  if (dynlib_load(RL_ZIP_SONAME, syms, sizeof syms / sizeof *syms,
                  load_error, sizeof load_error) < 0)
    return;
  lib = z;
  atomic_store(&loaded, 1);
}

const ziplib *ziplib_load(const char **why) {
  pthread_once(&load_once, open_libzip);
  if (!atomic_load(&loaded)) {
    *why = load_error;
    return NULL;
  }
  return &lib;
}

int ziplib_loaded(void) { return atomic_load(&loaded); }
