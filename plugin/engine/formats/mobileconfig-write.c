/* Writer of an Apple configuration profile (.mobileconfig): an XML
 * property list with one com.apple.mail.managed payload, unsigned, that
 * iOS and macOS install after asking for the address, user name and
 * password (the keys left out are asked for). Keys as in Apple's
 * "Configuration Profile Reference", Mail payload.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/publish.h>

#include <string.h>

static void
key_string (GString *out, const char *indent, const char *key, const char *value)
{
	g_autofree char *escaped = g_markup_escape_text (value, -1);
	g_string_append_printf (out, "%s<key>%s</key>\n%s<string>%s</string>\n", indent, key, indent, escaped);
}

static void
key_integer (GString *out, const char *indent, const char *key, guint value)
{
	g_string_append_printf (out, "%s<key>%s</key>\n%s<integer>%u</integer>\n", indent, key, indent, value);
}

static void
key_bool (GString *out, const char *indent, const char *key, gboolean value)
{
	g_string_append_printf (out, "%s<key>%s</key>\n%s<%s/>\n", indent, key, indent, value ? "true" : "false");
}

/* The first server of @list that a profile can carry: secure (Apple's
 * UseSSL covers implicit TLS and STARTTLS alike) and a real host name. */
static const MsServer *
first_secure (GPtrArray *list)
{
	for (guint i = 0; i < list->len; i++) {
		const MsServer *s = g_ptr_array_index (list, i);
		if (ms_server_is_secure (s) && strchr (ms_server_get_hostname (s), '%') == NULL)
			return s;
	}
	return NULL;
}

static void
server_keys (GString *out, const char *prefix, const MsServer *s)
{
	const char *indent = "\t\t\t";
	g_autofree char *host = g_strconcat (prefix, "MailServerHostName", NULL);
	g_autofree char *port = g_strconcat (prefix, "MailServerPortNumber", NULL);
	g_autofree char *ssl = g_strconcat (prefix, "MailServerUseSSL", NULL);
	g_autofree char *auth = g_strconcat (prefix, "MailServerAuthentication", NULL);
	MsAuthMethods methods = ms_server_get_auth (s);

	key_string (out, indent, host, ms_server_get_hostname (s));
	key_integer (out, indent, port, ms_server_get_port (s));
	key_bool (out, indent, ssl, TRUE);
	/* A password sent as is inside TLS is EmailAuthPassword; a
	 * challenge-response only is EmailAuthCRAMMD5. */
	key_string (out, indent, auth, (methods & MS_AUTH_PASSWORD_CLEARTEXT) || !(methods & MS_AUTH_PASSWORD_ENCRYPTED)
	                               ? "EmailAuthPassword" : "EmailAuthCRAMMD5");
}

static char *
new_uuid (void)
{
	char *uuid = g_uuid_string_random ();
	/* Apple's examples and tools write UUIDs in capitals. */
	for (char *p = uuid; *p; p++)
		*p = g_ascii_toupper (*p);
	return uuid;
}

char *
ms_mobileconfig_write (const MsConfig *config, const char *domain)
{
	const MsServer *in = first_secure (ms_config_get_incoming (config));
	const MsServer *out_server = first_secure (ms_config_get_outgoing (config));
	g_autofree char *profile_uuid = new_uuid ();
	g_autofree char *mail_uuid = new_uuid ();
	g_autofree char *ascii = g_hostname_to_ascii (domain);
	g_auto (GStrv) labels = g_strsplit (ascii ? ascii : domain, ".", -1);
	g_autoptr (GString) reversed = g_string_new (NULL);
	g_autofree char *name = NULL;
	GString *out;

	if (in == NULL || out_server == NULL)
		return NULL;
	/* PayloadIdentifier: reverse DNS, stable for the domain, so that a
	 * newer profile replaces the installed one. */
	for (int i = (int) g_strv_length (labels) - 1; i >= 0; i--)
		g_string_append_printf (reversed, "%s%s", reversed->len ? "." : "", labels[i]);
	name = ms_config_get_display_name (config) ? g_strdup (ms_config_get_display_name (config)) : g_strdup (domain);

	out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                    "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
	                    "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
	                    "<plist version=\"1.0\">\n<dict>\n");
	g_string_append (out, "\t<key>PayloadContent</key>\n\t<array>\n\t\t<dict>\n");
	key_string (out, "\t\t\t", "EmailAccountDescription", name);
	key_string (out, "\t\t\t", "EmailAccountType",
	            ms_server_get_protocol (in) == MS_PROTOCOL_POP3 ? "EmailTypePOP" : "EmailTypeIMAP");
	server_keys (out, "Incoming", in);
	server_keys (out, "Outgoing", out_server);
	key_bool (out, "\t\t\t", "OutgoingPasswordSameAsIncomingPassword", TRUE);
	{
		g_autofree char *id = g_strdup_printf ("%s.mailsetup.mail", reversed->str);
		key_string (out, "\t\t\t", "PayloadIdentifier", id);
	}
	key_string (out, "\t\t\t", "PayloadType", "com.apple.mail.managed");
	key_string (out, "\t\t\t", "PayloadUUID", mail_uuid);
	key_integer (out, "\t\t\t", "PayloadVersion", 1);
	key_string (out, "\t\t\t", "PayloadDisplayName", name);
	g_string_append (out, "\t\t</dict>\n\t</array>\n");
	{
		g_autofree char *title = g_strdup_printf ("%s (mail)", name);
		g_autofree char *id = g_strdup_printf ("%s.mailsetup", reversed->str);
		key_string (out, "\t", "PayloadDisplayName", title);
		key_string (out, "\t", "PayloadIdentifier", id);
	}
	key_bool (out, "\t", "PayloadRemovalDisallowed", FALSE);
	key_string (out, "\t", "PayloadType", "Configuration");
	key_string (out, "\t", "PayloadUUID", profile_uuid);
	key_integer (out, "\t", "PayloadVersion", 1);
	g_string_append (out, "</dict>\n</plist>\n");
	return g_string_free (out, FALSE);
}
