/* webfurn: the furniture of a web page in a report's text.
 *
 * Consumes text lines (an article extracted from a portal page, or a
 * crawled page saved as text) and blanks the lines that are the page's
 * rather than the report's: the publishing line (发布时间 来源 浏览次数
 * 【大 中 小】 打印本页), the metadata block of a 政府信息公开 page (索引号
 * 发布机构 公文生成日期), the breadcrumb (您所在的位置 当前位置), the date
 * banner (今天是…星期…), share and close buttons, the site's footer (版权所
 * 有 主办单位 ICP备 网站标识码). A blanked line becomes spaces and keeps its
 * '\n', so positions do not move. The page's publication date, when such
 * a line gives one, is returned: the deadline rules judge an undated
 * report by it, and a page published late by it. */
#ifndef RL_WEBFURN_H
#define RL_WEBFURN_H

#include <stddef.h>

/* How many non-blank lines at each end of a crawled text may be
 * furniture. */
#define WEBFURN_ZONE 15

/* Is s (len bytes, one line) furniture: it starts with a publishing label
 * (发布日期 发布时间 信息来源 索引号 您所在的位置 当前位置 今天是 …) or
 * holds two labels or more. "资金来源：" alone in a sentence is text. */
int webfurn_is_chrome_line(const char *s, size_t len);

/* Blanks every furniture line of text (an article: chrome inside it is
 * the portal's). Returns the publication date found (yyyymmdd) or 0. */
int webfurn_blank_all(char *text, size_t len);

/* Blanks the furniture lines before a crawled text's first line of
 * report (its title, a heading or a paragraph) and after its last (the
 * signature), within WEBFURN_ZONE lines of each end. Returns the
 * publication date found, or 0. */
int webfurn_blank_ends(char *text, size_t len);

#endif
