/* xmllib: libxml2, opened with dlopen() on the first HTML or DOCX input.
 *
 * Linked, libxml2 and what it pulls in (ICU, liblzma, libstdc++) cost
 * every run a millisecond or more of mapping and relocation, and only
 * read_html.c and docx_xml.c use it. Consumes nothing; produces the table
 * of the libxml2 functions those readers call, with the parser initialised
 * (xmlInitParser, which is not safe to race, runs once, inside the open).
 * The fields are named as libxml2 names the functions, so that its
 * documentation applies; the headers still come from libxml2 (the build
 * uses its -I flags, not its -l). */
#ifndef RL_XMLLIB_H
#define RL_XMLLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

typedef struct xmllib {
  /* read_html.c: the HTML parser and its tree */
  htmlParserCtxtPtr (*htmlNewParserCtxt)(void);
  xmlDocPtr (*htmlCtxtReadMemory)(htmlParserCtxtPtr, const char *, int,
                                  const char *, const char *, int);
  void (*htmlFreeParserCtxt)(htmlParserCtxtPtr);
  const htmlEntityDesc *(*htmlEntityLookup)(const xmlChar *);
  xmlNodePtr (*xmlDocGetRootElement)(const xmlDoc *);
  void (*xmlFreeDoc)(xmlDocPtr);
  /* read_html.c: XML's letter classes (functions, not chvalid.h's
   * macros over libxml2's range tables) */
  int (*xmlIsBaseChar)(unsigned int);
  int (*xmlIsCombining)(unsigned int);
  int (*xmlIsDigit)(unsigned int);
  int (*xmlIsExtender)(unsigned int);
  int (*xmlIsIdeographic)(unsigned int);
  /* docx_xml.c: the SAX2 push parser */
  xmlParserCtxtPtr (*xmlCreatePushParserCtxt)(xmlSAXHandlerPtr, void *,
                                              const char *, int, const char *);
  int (*xmlCtxtUseOptions)(xmlParserCtxtPtr, int);
  int (*xmlParseChunk)(xmlParserCtxtPtr, const char *, int, int);
  void (*xmlFreeParserCtxt)(xmlParserCtxtPtr);
  /* both */
  void (*xmlStopParser)(xmlParserCtxtPtr);
  /* docx_xml.c: the calling thread's error handlers. The last four are
   * __xmlGenericError() and its kin, which return where the thread's
   * handler is kept: in a threaded libxml2 the xmlGenericError family of
   * macros dereference them (the macros take the libxml2 names here). */
  void (*xmlSetGenericErrorFunc)(void *, xmlGenericErrorFunc);
  void (*xmlSetStructuredErrorFunc)(void *, xmlStructuredErrorFunc);
  xmlGenericErrorFunc *(*generic_error)(void);
  void **(*generic_error_context)(void);
  xmlStructuredErrorFunc *(*structured_error)(void);
  void **(*structured_error_context)(void);
} xmllib;

/* Opens libxml2 and initialises its parser the first time any thread
 * calls it (pthread_once); later calls return at once. Returns the table
 * (read-only, valid for the process), or NULL with *why set to a one-line
 * reason such as "libxml2.so.2: cannot open shared object file: No such
 * file or directory" (static; every call gives the same). */
const xmllib *xmllib_load(const char **why);

/* 1 if xmllib_load has opened libxml2 in this process, else 0. For the
 * tests: reading a text report must not. */
int xmllib_loaded(void);

#endif
