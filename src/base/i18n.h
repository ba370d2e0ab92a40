/* i18n: the messages a user reads, in the language of their locale.
 *
 * Every English message a user sees (the CLI's help and errors, the
 * library's diagnostics) is looked up in the text domain "reportlint"
 * (GNU gettext as glibc has it; catalog po/zh_CN.po). _() translates at
 * the place it is used, N_() only marks a string in a table for xgettext
 * so that the table's user translates it with _(). diag_set translates
 * its format itself. Which language, and where the catalog is, is the
 * command line's business (cli_setup.c: cli_setup_locale); until it binds
 * the domain, or under any locale but a Chinese one, every lookup returns
 * the English text unchanged. */
#ifndef RL_I18N_H
#define RL_I18N_H

#include <libintl.h>
#include <stddef.h>

#define RL_TEXTDOMAIN "reportlint"
#define _(s) dgettext(RL_TEXTDOMAIN, s)
#define N_(s) s

/* The text of errno err, translated when the catalog has it (the common
 * ones: no such file, permission denied, …), else strerror_r's into buf.
 * Returns a static string or buf. */
const char *i18n_strerror(int err, char *buf, size_t cap);

#endif
