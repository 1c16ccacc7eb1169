/* MsMailAccount: one account as another program needs it, taken from
 * Claws's accountrc or from the output of `mailsetup setup --json`
 * (both read elsewhere: formats/claws-accountrc.c, setup-json-read.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/error.h>
#include <mailsetup/export.h>

#include "core/i18n.h"
#include "formats/mail-account.h"
#include "formats/setup-json.h"

#include <string.h>

void
ms_mail_account_free (MsMailAccount *a)
{
	if (a == NULL)
		return;
	g_free (a->address);
	g_free (a->realname);
	g_clear_pointer (&a->incoming, ms_server_unref);
	g_clear_pointer (&a->outgoing, ms_server_unref);
	g_free (a->sent_folder);
	g_free (a->drafts_folder);
	g_free (a);
}

gboolean
_ms_export_text_ok (const char *s)
{
	if (s == NULL)
		return TRUE;
	if (!g_utf8_validate (s, -1, NULL))
		return FALSE;
	for (const char *p = s; *p; p++)
		if ((guchar) *p < 0x20 || *p == 0x7f)
			return FALSE;
	return TRUE;
}

MsMailAccount *
ms_mail_account_from_claws (const MsClawsAccount *c, GError **error)
{
	g_return_val_if_fail (c != NULL, NULL);
	if (c->incoming == NULL || c->outgoing == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("Claws Mail's account %d is not an IMAP or POP3 account with both servers"), c->id);
		return NULL;
	}
	if (c->address == NULL || !_ms_export_text_ok (c->address) || strchr (c->address, '@') == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_NO_AT, _("Claws Mail's account %d has no valid address"),
		             c->id);
		return NULL;
	}
	g_autoptr (MsMailAccount) a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (c->address);
	a->realname = _ms_export_text_ok (c->realname) ? g_strdup (c->realname) : NULL;
	a->incoming = ms_server_copy (c->incoming);
	a->outgoing = ms_server_copy (c->outgoing);
	a->sent_folder = g_strdup (c->sent_folder);
	a->drafts_folder = g_strdup (c->drafts_folder);
	/* Claws logs in with the address when no user name is set, and sends
	 * with the incoming login when there is no SMTP one; another program
	 * must be told (and a snippet that signs in to send is the safe one). */
	if (ms_server_get_username (a->incoming) == NULL)
		ms_server_set_username (a->incoming, a->address);
	if (ms_server_get_username (a->outgoing) == NULL)
		ms_server_set_username (a->outgoing, ms_server_get_username (a->incoming));
	return g_steal_pointer (&a);
}

MsMailAccount *
ms_mail_account_from_setup_json (const char *data, gsize length, GError **error)
{
	g_autoptr (MsSetupJson) s = _ms_setup_json_read (data, (gssize) MIN (length, (gsize) G_MAXSSIZE), error);
	MsMailAccount *a;

	if (s == NULL)
		return NULL;
	a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (ms_address_get_address (s->address));
	a->incoming = ms_server_ref (s->incoming);
	a->outgoing = ms_server_ref (s->outgoing);
	return a;
}
