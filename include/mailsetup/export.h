/* mailsetup: an account taken to other mail programs: read from a
 * verified setup or from Claws Mail, written for mutt and neomutt.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/**
 * MS_EXPORT_MAX_INPUT:
 *
 * The largest setup JSON or Claws accountrc read, in bytes.
 *
 * Since: 0.1
 */
#define MS_EXPORT_MAX_INPUT (1024 * 1024)

/**
 * MS_EXPORT_MAX_ACCOUNTS:
 *
 * The most accounts read from one Claws accountrc; the rest are left out.
 *
 * Since: 0.1
 */
#define MS_EXPORT_MAX_ACCOUNTS 256

/**
 * MsMailAccount:
 * @address: the address
 * @realname: (nullable): the person's name
 * @incoming: the IMAP or POP3 server, its username the login
 * @outgoing: the SMTP server, its username the login
 * @sent_folder: (nullable): the IMAP folder of sent messages ("Sent")
 * @drafts_folder: (nullable): the IMAP folder of drafts ("Drafts")
 *
 * One account, as another program needs it.
 *
 * Since: 0.1
 */
typedef struct {
	char *address;
	char *realname;
	MsServer *incoming;
	MsServer *outgoing;
	char *sent_folder;
	char *drafts_folder;
} MsMailAccount;

/** ms_mail_account_free: @account: (transfer full) (nullable): an account. Since: 0.1 */
void ms_mail_account_free (MsMailAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsMailAccount, ms_mail_account_free)

/**
 * ms_mail_account_from_setup_json:
 * @data: (array length=length): the output of `mailsetup setup --json`
 *   (schema "mailsetup-setup/1")
 * @length: its length in bytes
 * @error: return location for an error (%MS_ERROR)
 *
 * Reads the verified account of a setup: the incoming and outgoing
 * servers that worked, with the user name that logged in. A setup that
 * was not verified is refused (%MS_ERROR_NO_USABLE_SERVER).
 *
 * Returns: (transfer full) (nullable): the account.
 *
 * Since: 0.1
 */
MsMailAccount *ms_mail_account_from_setup_json (const char *data, gsize length, GError **error);

/**
 * ms_claws_accountrc_parse:
 * @data: (array length=length): a Claws Mail accountrc
 * @length: its length in bytes
 * @error: return location for an error (%MS_ERROR)
 *
 * Reads the IMAP and POP3 accounts of a Claws Mail accountrc (`[Account: N]`
 * groups of `key=value` lines, at most %MS_EXPORT_MAX_ACCOUNTS). Local,
 * news and incomplete accounts are left out. Passwords are never read.
 *
 * Returns: (transfer full) (element-type MsMailAccount): the accounts, in
 * the file's order, possibly none; %NULL with @error if @data is not text
 * or over %MS_EXPORT_MAX_INPUT bytes.
 *
 * Since: 0.1
 */
GPtrArray *ms_claws_accountrc_parse (const char *data, gsize length, GError **error);

/**
 * MsMuttFlavour:
 * @MS_MUTT_NEOMUTT: NeoMutt.
 * @MS_MUTT_MUTT: Mutt (1.5.20 or later).
 *
 * Since: 0.1
 */
typedef enum {
	MS_MUTT_NEOMUTT,
	MS_MUTT_MUTT,
} MsMuttFlavour;

/**
 * MS_MUTT_PASSWORD_SECRET_TOOL:
 *
 * The default password command: libsecret's `secret-tool` with the
 * attributes of a network password (store it once with
 * `secret-tool store --label=… user USER server HOST protocol imap`).
 *
 * Since: 0.1
 */
#define MS_MUTT_PASSWORD_SECRET_TOOL "secret-tool lookup user %u server %h protocol %p"

/**
 * MS_MUTT_PASSWORD_PASS:
 *
 * The password command for `pass`, the standard Unix password manager:
 * the entry `mail/HOST/USER`, its first line.
 *
 * Since: 0.1
 */
#define MS_MUTT_PASSWORD_PASS "pass show mail/%h/%u"

/**
 * ms_mutt_write:
 * @account: the account
 * @flavour: the program
 * @password_command: (nullable): the command printing a password, with
 *   `%u` (user name), `%h` (host), `%p` (protocol: imap, pop or smtp),
 *   `%a` (address) and `%%` replaced, each value quoted for the shell;
 *   %NULL for %MS_MUTT_PASSWORD_SECRET_TOOL
 * @error: return location for an error (%MS_ERROR)
 *
 * A configuration snippet that works as is: the IMAP folder or the POP3
 * host as `imaps://` / `pops://` URLs, or the plain scheme with
 * `ssl_starttls`, `smtps://` or `smtp://` with STARTTLS for sending,
 * `ssl_force_tls` always, user names percent-encoded in URLs and quoted
 * elsewhere, and the passwords as the output of @password_command, run by
 * the program when it starts: never written. A server without TLS, a
 * value with a line break or a backquote, or an unknown placeholder is
 * refused.
 *
 * Returns: (transfer full) (nullable): the snippet.
 *
 * Since: 0.1
 */
char *ms_mutt_write (const MsMailAccount *account, MsMuttFlavour flavour, const char *password_command,
                     GError **error);

G_END_DECLS
