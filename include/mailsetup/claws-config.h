/* mailsetup: reading Claws Mail's own configuration (its accountrc), for
 * the check-up of existing accounts and for their export to other programs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/**
 * MS_CLAWS_CONFIG_ERROR:
 *
 * The error domain of reading a Claws Mail configuration (#MsClawsConfigError).
 *
 * Since: 0.1
 */
#define MS_CLAWS_CONFIG_ERROR (ms_claws_config_error_quark ())

/**
 * MsClawsConfigError:
 * @MS_CLAWS_CONFIG_ERROR_NO_CONFIG: the directory holds no accountrc.
 * @MS_CLAWS_CONFIG_ERROR_TOO_LARGE: accountrc is over %MS_ACCOUNTRC_MAX_BYTES,
 *   or one of its lines over %MS_ACCOUNTRC_MAX_LINE.
 * @MS_CLAWS_CONFIG_ERROR_TOO_MANY: more than %MS_ACCOUNTRC_MAX_ACCOUNTS accounts.
 * @MS_CLAWS_CONFIG_ERROR_MALFORMED: not an accountrc (binary data, not
 *   UTF-8, a broken group header, a setting outside any group).
 *
 * Since: 0.1
 */
typedef enum {
	MS_CLAWS_CONFIG_ERROR_NO_CONFIG,
	MS_CLAWS_CONFIG_ERROR_TOO_LARGE,
	MS_CLAWS_CONFIG_ERROR_TOO_MANY,
	MS_CLAWS_CONFIG_ERROR_MALFORMED,
} MsClawsConfigError;

/** ms_claws_config_error_quark: Returns: the quark of %MS_CLAWS_CONFIG_ERROR. Since: 0.1 */
GQuark ms_claws_config_error_quark (void);

/**
 * MS_ACCOUNTRC_MAX_BYTES:
 *
 * The largest accountrc read (Claws writes about 3 KiB per account, so
 * this is room for %MS_ACCOUNTRC_MAX_ACCOUNTS with long signatures).
 *
 * Since: 0.1
 */
#define MS_ACCOUNTRC_MAX_BYTES (1024 * 1024)
/**
 * MS_ACCOUNTRC_MAX_LINE:
 *
 * The longest line of accountrc read (signatures can be long).
 *
 * Since: 0.1
 */
#define MS_ACCOUNTRC_MAX_LINE (64 * 1024)
/**
 * MS_ACCOUNTRC_MAX_ACCOUNTS:
 *
 * The most accounts read from one accountrc.
 *
 * Since: 0.1
 */
#define MS_ACCOUNTRC_MAX_ACCOUNTS 256

/**
 * MsClawsAccount:
 * @id: Claws's account number (`[Account: N]`)
 * @name: (nullable): the name shown in Claws's account list
 * @realname: (nullable): the person's name put in From
 * @address: (nullable): the address
 * @incoming: (nullable): the IMAP or POP3 server (its user name set), or
 *   %NULL for accounts that are not mail accounts (local, news) or whose
 *   server is not a host name
 * @outgoing: (nullable): the SMTP server of a mail account (its user name
 *   set when Claws signs in to send: the SMTP one, else the incoming one)
 * @smtp_auth: Claws signs in to send
 * @auto_accept: Claws accepts valid certificates without asking
 * @sent_folder: (nullable): the IMAP folder of sent messages on the server
 *   ("INBOX/Sent"), when Claws keeps them there
 * @drafts_folder: (nullable): the IMAP folder of drafts on the server
 * @exceptions: (element-type MsCertException): the certificates stored for
 *   the incoming and outgoing host and port: empty from the reader, filled
 *   by the check-up's ms_checkup_accounts_load()
 *
 * One account of a Claws Mail configuration. Passwords are not in
 * accountrc (Claws keeps them in its password store) and never read.
 *
 * Since: 0.1
 */
typedef struct {
	int id;
	char *name;
	char *realname;
	char *address;
	MsServer *incoming;
	MsServer *outgoing;
	gboolean smtp_auth;
	gboolean auto_accept;
	char *sent_folder;
	char *drafts_folder;
	GPtrArray *exceptions;
} MsClawsAccount;

/** ms_claws_account_free: @account: (transfer full) (nullable): an account. Since: 0.1 */
void ms_claws_account_free (MsClawsAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsClawsAccount, ms_claws_account_free)

/**
 * ms_claws_accounts_parse:
 * @text: (array length=length): the contents of an accountrc file (not
 *   nul-terminated)
 * @length: its length
 * @error: return location for a %MS_CLAWS_CONFIG_ERROR
 *
 * A bounded reader of Claws's accountrc: `[Account: N]` groups of
 * `key=value` lines, in UTF-8. Unknown keys and groups are ignored; as in
 * Claws, the last occurrence of a key counts, and a value Claws itself
 * would not accept (a port out of range) leaves Claws's default.
 *
 * Returns: (transfer full) (element-type MsClawsAccount) (nullable): the
 * accounts in file order, possibly none.
 *
 * Since: 0.1
 */
GPtrArray *ms_claws_accounts_parse (const char *text, gsize length, GError **error);

/**
 * ms_claws_accounts_load:
 * @claws_dir: Claws's configuration directory (`~/.claws-mail`)
 * @error: return location for an error (%MS_CLAWS_CONFIG_ERROR, or
 *   %G_FILE_ERROR when the file cannot be read)
 *
 * Reads `accountrc` in @claws_dir with ms_claws_accounts_parse(). Reads only.
 *
 * Returns: (transfer full) (element-type MsClawsAccount) (nullable): the accounts.
 *
 * Since: 0.1
 */
GPtrArray *ms_claws_accounts_load (const char *claws_dir, GError **error);

G_END_DECLS
