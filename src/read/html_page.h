/* html_page: what a portal page says about its article outside it.
 *
 * Consumes libxml2's tree of a whole page and the element chosen as the
 * article; produces the page's title for the article (meta ArticleTitle or
 * og:title, the ucap CMS's <ucaptitle>, an <h1> outside the article that
 * names a report, else <title> less the site name after its separator)
 * and the page's publication date (meta PubDate and its spellings, the
 * ucap <publishtime>, or a 发布时间/发布日期/公开日期/时间 label outside the
 * article). Finding the title inside the article is segment's job; this
 * module only supplies what the article lacks. */
#ifndef RL_HTML_PAGE_H
#define RL_HTML_PAGE_H

#include "xmllib.h"

#include <stddef.h>

typedef struct html_page {
  char *title;     /* owned, NULL if none; trimmed, one line */
  int title_line;  /* the source line of the element that gives it */
  int published;   /* yyyymmdd, 0 if none */
  char date_text[32]; /* the date as the page writes it */
} html_page;

/* Fills *p from doc (root: the article element). An <h1> outside the
 * article is its title whatever it says; the <title> and meta tags are
 * taken only when they name a report (报告, 年报), since a site puts its
 * column's or its own name there too. Release with
 * html_page_release(). */
void html_page_read(xmlDoc *doc, const xmlNode *root, html_page *p);
void html_page_release(html_page *p);

/* Reads a date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日
 * at the start of s; returns yyyymmdd, or 0 if s does not start with one.
 * *len gets the bytes it took. */
int html_page_date(const char *s, size_t *len);

#endif
