/* xmllib: see xmllib.h. The table is filled once under pthread_once and
 * is read-only after: with the reason a load failed, the only process
 * state kept. */
#include "xmllib.h"

#include "dynlib.h"

#include <pthread.h>
#include <stdatomic.h>

#ifndef RL_XML2_SONAME
#define RL_XML2_SONAME "libxml2.so.2"
#endif

static xmllib lib;
static atomic_int loaded; /* read by xmllib_loaded outside the once */
static char load_error[256];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void open_libxml2(void) {
  xmllib x;
  void (*init_parser)(void);
  const dynlib_sym syms[] = {
      {"htmlNewParserCtxt", &x.htmlNewParserCtxt},
      {"htmlCtxtReadMemory", &x.htmlCtxtReadMemory},
      {"htmlFreeParserCtxt", &x.htmlFreeParserCtxt},
      {"htmlEntityLookup", &x.htmlEntityLookup},
      {"xmlDocGetRootElement", &x.xmlDocGetRootElement},
      {"xmlFreeDoc", &x.xmlFreeDoc},
      {"xmlIsBaseChar", &x.xmlIsBaseChar},
      {"xmlIsCombining", &x.xmlIsCombining},
      {"xmlIsDigit", &x.xmlIsDigit},
      {"xmlIsExtender", &x.xmlIsExtender},
      {"xmlIsIdeographic", &x.xmlIsIdeographic},
      {"xmlCreatePushParserCtxt", &x.xmlCreatePushParserCtxt},
      {"xmlCtxtUseOptions", &x.xmlCtxtUseOptions},
      {"xmlParseChunk", &x.xmlParseChunk},
      {"xmlFreeParserCtxt", &x.xmlFreeParserCtxt},
      {"xmlStopParser", &x.xmlStopParser},
      {"xmlSetGenericErrorFunc", &x.xmlSetGenericErrorFunc},
      {"xmlSetStructuredErrorFunc", &x.xmlSetStructuredErrorFunc},
      {"__xmlGenericError", &x.generic_error},
      {"__xmlGenericErrorContext", &x.generic_error_context},
      {"__xmlStructuredError", &x.structured_error},
      {"__xmlStructuredErrorContext", &x.structured_error_context},
      {"xmlInitParser", &init_parser},
  };
  if (dynlib_load(RL_XML2_SONAME, syms, sizeof syms / sizeof *syms,
                  load_error, sizeof load_error) < 0)
    return;
  init_parser();
  lib = x;
  atomic_store(&loaded, 1);
}

const xmllib *xmllib_load(const char **why) {
  pthread_once(&load_once, open_libxml2);
  if (!atomic_load(&loaded)) {
    *why = load_error;
    return NULL;
  }
  return &lib;
}

int xmllib_loaded(void) { return atomic_load(&loaded); }
