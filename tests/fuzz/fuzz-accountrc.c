/* libFuzzer target: ms_claws_accounts_parse() (Claws's accountrc, from the
 * user's disk, maybe hand-edited or half written) on any bytes, with the
 * production limits; then every field the check-up and the export read. The first line
 * also goes through the reader of certs/ file names (HOST.PORT.cert).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>
#include "checkup/checkup-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_server (const MsServer *s, MsProtocol a, MsProtocol b)
{
	if (s == NULL)
		return;
	g_assert (ms_server_get_protocol (s) == a || ms_server_get_protocol (s) == b);
	g_assert (ms_server_get_port (s) > 0);
	g_assert (ms_server_get_hostname (s)[0] != '\0');
	g_assert (g_utf8_validate (ms_server_get_hostname (s), -1, NULL));
	if (ms_server_get_username (s))
		g_assert (g_utf8_validate (ms_server_get_username (s), -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) accounts = ms_claws_accounts_parse ((const char *) data, size, &error);
	const guint8 *nl = memchr (data, '\n', size);
	g_autofree char *name = g_strndup ((const char *) data, nl ? (gsize) (nl - data) : size);
	g_autofree char *host = NULL;
	guint16 port = 0;

	if (_ms_cert_file_name_parse (name, &host, &port)) {
		g_assert (port > 0 && host != NULL && host[0] != '\0');
		g_assert (g_str_has_suffix (name, ".cert"));
	}

	if (accounts == NULL) {
		g_assert (error != NULL && error->domain == MS_CLAWS_CONFIG_ERROR && error->message[0] != '\0');
		g_assert (g_utf8_validate (error->message, -1, NULL));
		return 0;
	}
	g_assert (error == NULL);
	g_assert (accounts->len <= MS_ACCOUNTRC_MAX_ACCOUNTS);
	for (guint i = 0; i < accounts->len; i++) {
		const MsClawsAccount *a = accounts->pdata[i];
		g_assert (a->id >= 0);
		g_assert (a->name == NULL || g_utf8_validate (a->name, -1, NULL));
		g_assert (a->address == NULL || g_utf8_validate (a->address, -1, NULL));
		g_assert (a->realname == NULL || g_utf8_validate (a->realname, -1, NULL));
		/* Folders on the server, so only for IMAP accounts. */
		g_assert ((a->sent_folder == NULL && a->drafts_folder == NULL)
		          || (a->incoming && ms_server_get_protocol (a->incoming) == MS_PROTOCOL_IMAP));
		g_assert (a->sent_folder == NULL || (a->sent_folder[0] != '\0' && g_utf8_validate (a->sent_folder, -1, NULL)));
		check_server (a->incoming, MS_PROTOCOL_IMAP, MS_PROTOCOL_POP3);
		check_server (a->outgoing, MS_PROTOCOL_SMTP, MS_PROTOCOL_SMTP);
		/* Only mail accounts have a sending server the check-up looks at. */
		g_assert (a->outgoing == NULL || a->incoming != NULL);
		g_assert (a->exceptions != NULL && a->exceptions->len == 0);
	}
	return 0;
}
