/* mailsetup: an account taken to other mail programs: read from a
 * verified setup or from Claws Mail, written for mutt and neomutt.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>
#include <mailsetup/claws-config.h>

G_BEGIN_DECLS

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
 * @error: return location for an error (%MS_ERROR), as
 *   ms_config_from_setup_json()
 *
 * The verified account of a setup, read as ms_config_from_setup_json()
 * reads it (at most %MS_SETUP_JSON_MAX_SIZE bytes): the incoming and
 * outgoing servers that worked, with the user name that logged in (the
 * server's, else the run's, else the address). A setup that was not
 * verified is refused (%MS_ERROR_NO_USABLE_SERVER).
 *
 * Returns: (transfer full) (nullable): the account.
 *
 * Since: 0.1
 */
MsMailAccount *ms_mail_account_from_setup_json (const char *data, gsize length, GError **error);

/**
 * ms_mail_account_from_claws:
 * @account: an account read by ms_claws_accounts_parse()
 * @error: return location for an error (%MS_ERROR)
 *
 * The account as another program needs it: an IMAP or POP3 account with
 * both servers and an address. A server without a user name logs in with
 * the incoming one, else the address, as Claws does. Local, news and
 * incomplete accounts are refused (%MS_ERROR_NO_USABLE_SERVER).
 *
 * Returns: (transfer full) (nullable): the account.
 *
 * Since: 0.1
 */
MsMailAccount *ms_mail_account_from_claws (const MsClawsAccount *account, GError **error);

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
