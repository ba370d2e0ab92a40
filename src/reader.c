/* reader: format names and detection, and the extracted-text container
 * the format readers (read_docx.c, read_html.c, read_pdf.c) fill. */
#include "reader.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const format_names[] = {"auto", "txt", "md", "docx",
                                           "html", "pdf"};

const char *reader_format_name(input_format f) {
  return f >= FMT_AUTO && f <= FMT_PDF ? format_names[f] : "?";
}

int reader_format_parse(const char *name) {
  static const struct {
    const char *name;
    input_format f;
  } aliases[] = {{"auto", FMT_AUTO},     {"txt", FMT_TEXT},
                 {"text", FMT_TEXT},     {"md", FMT_MARKDOWN},
                 {"markdown", FMT_MARKDOWN}, {"docx", FMT_DOCX},
                 {"html", FMT_HTML},     {"htm", FMT_HTML},
                 {"pdf", FMT_PDF}};
  for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
    if (strcmp(name, aliases[i].name) == 0)
      return (int)aliases[i].f;
  return -1;
}

/* The start of the content after a BOM, blanks and comments: is it an
 * HTML document? */
static int looks_like_html(const char *raw, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (;;) {
    while (i < len && strchr(" \t\r\n", raw[i]))
      i++;
    if (i + 4 <= len && memcmp(raw + i, "<!--", 4) == 0) {
      const char *e = NULL;
      for (size_t k = i + 4; k + 3 <= len; k++)
        if (memcmp(raw + k, "-->", 3) == 0) {
          e = raw + k + 3;
          break;
        }
      if (!e)
        return 0;
      i = (size_t)(e - raw);
      continue;
    }
    if (i + 5 <= len && memcmp(raw + i, "<?xml", 5) == 0) {
      const char *e = memchr(raw + i, '>', len - i);
      if (!e)
        return 0;
      i = (size_t)(e - raw) + 1;
      continue;
    }
    break;
  }
  size_t rest = len - i < 64 ? len - i : 64;
  const char *p = raw + i;
  return rest >= 5 && (strncasecmp(p, "<html", 5) == 0 ||
                       strncasecmp(p, "<head", 5) == 0 ||
                       strncasecmp(p, "<body", 5) == 0 ||
                       (rest >= 14 && strncasecmp(p, "<!doctype html", 14) == 0));
}

static int ext_is(const char *path, const char *ext) {
  size_t n = strlen(path), e = strlen(ext);
  return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* The report extensions, matched without regard to case (.DOCX, .TXT):
 * the directory walk takes the files that have one, and reader_detect
 * reads by it when the content does not tell. .doc and .wps are taken
 * too, so that their drafter hears to save them as .docx (decode_text
 * knows the Word 97-2003 / WPS signature) instead of nothing at all. */
static const struct {
  const char *ext;
  input_format f;
} report_exts[] = {
    {".txt", FMT_TEXT},   {".md", FMT_MARKDOWN}, {".markdown", FMT_MARKDOWN},
    {".html", FMT_HTML},  {".htm", FMT_HTML},    {".xhtml", FMT_HTML},
    {".docx", FMT_DOCX},  {".pdf", FMT_PDF},     {".doc", FMT_TEXT},
    {".wps", FMT_TEXT}};

enum { NREPORT_EXTS = sizeof report_exts / sizeof *report_exts };

static int report_ext(const char *path) {
  for (int i = 0; path && i < NREPORT_EXTS; i++)
    if (ext_is(path, report_exts[i].ext))
      return i;
  return -1;
}

reader_name_kind reader_classify_name(const char *name) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  if (strncasecmp(base, "README", 6) == 0)
    return READER_NAME_README;
  if (strncmp(base, "~$", 2) == 0)
    return READER_NAME_LOCK;
  return report_ext(base) >= 0 ? READER_NAME_REPORT : READER_NAME_OTHER;
}

const char *reader_report_extensions(void) {
  return ".txt .md .markdown .html .htm .xhtml .docx .pdf (.doc .wps: "
         "to be saved as .docx)";
}

input_format reader_detect(const char *path, const char *raw, size_t len) {
  if (len >= 4 && memcmp(raw, "PK\3\4", 4) == 0)
    return FMT_DOCX; /* any zip: read_docx says what is wrong if not DOCX */
  if (len >= 5 && memcmp(raw, "%PDF-", 5) == 0)
    return FMT_PDF;
  if (looks_like_html(raw, len))
    return FMT_HTML;
  /* No telling content: the extension decides, so a damaged .docx or
   * .pdf gets its reader's error rather than "binary file". */
  int i = report_ext(path);
  return i >= 0 ? report_exts[i].f : FMT_TEXT;
}

void extracted_init(extracted *x) {
  memset(x, 0, sizeof *x);
  posmap_init(&x->map);
}

void extracted_release(extracted *x) {
  free(x->text);
  free(x->src);
  posmap_release(&x->map);
  free(x->page_start);
  free(x->notes);
  free(x->line_level);
  memset(x, 0, sizeof *x);
}

void extracted_add_note(extracted *x, reader_note_kind kind, size_t off,
                        int count) {
  x->notes = xrealloc(x->notes, (size_t)(x->nnotes + 1) * sizeof *x->notes);
  x->notes[x->nnotes++] = (reader_note){kind, off, count};
}
