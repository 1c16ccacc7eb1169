/* Writing an account for mutt and neomutt: a snippet to source from a
 * muttrc. The passwords are never in it: each is the output of a command
 * in backquotes, which (neo)mutt runs when it reads the file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/error.h>
#include <mailsetup/export.h>
#include <mailsetup/mailsetup.h>

#include "core/i18n.h"
#include "formats/mail-account.h"

#include <string.h>

/* A value inside double quotes in a muttrc: mutt expands backslashes,
 * backquotes and $variables there, so each is escaped. */
static void
append_quoted (GString *out, const char *value)
{
	g_string_append_c (out, '"');
	for (const char *p = value; *p; p++) {
		if (*p == '\\' || *p == '"' || *p == '`' || *p == '$')
			g_string_append_c (out, '\\');
		g_string_append_c (out, *p);
	}
	g_string_append_c (out, '"');
}

static void
set_quoted (GString *out, const char *name, const char *value)
{
	g_string_append_printf (out, "set %s = ", name);
	append_quoted (out, value);
	g_string_append_c (out, '\n');
}

/* @value in single quotes for the shell, a quote inside written '"'"':
 * no backslash, which neomutt would take for itself (mutt does not). */
static void
append_shell_quoted (GString *out, const char *value)
{
	g_string_append_c (out, '\'');
	for (const char *p = value; *p; p++) {
		if (*p == '\'')
			g_string_append (out, "'\"'\"'");
		else
			g_string_append_c (out, *p);
	}
	g_string_append_c (out, '\'');
}

/* The command with its placeholders replaced, each value quoted for the
 * shell; NULL with @error on an unknown placeholder. */
static char *
expand_command (const char *command, const MsMailAccount *a, const MsServer *s, GError **error)
{
	g_autoptr (GString) out = g_string_new (NULL);
	MsProtocol protocol = ms_server_get_protocol (s);

	for (const char *p = command; *p; p++) {
		const char *value = NULL;
		if (*p != '%') {
			g_string_append_c (out, *p);
			continue;
		}
		switch (*++p) {
		case '%': g_string_append_c (out, '%'); continue;
		case 'u': value = ms_server_get_username (s); break;
		case 'h': value = ms_server_get_hostname (s); break;
		case 'a': value = a->address; break;
		case 'p': value = protocol == MS_PROTOCOL_IMAP ? "imap" : protocol == MS_PROTOCOL_POP3 ? "pop" : "smtp"; break;
		default:
			g_set_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER,
			             _("unknown placeholder in the password command (use %%u, %%h, %%p, %%a or %%%%)"));
			return NULL;
		}
		append_shell_quoted (out, value ? value : a->address);
	}
	/* Inside backquotes neomutt reads backslashes as escapes and mutt
	 * does not: no way to write one that both pass on unchanged. */
	if (strchr (out->str, '\\') != NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("the password command and the user names in it cannot contain a backslash"));
		return NULL;
	}
	return g_string_free (g_steal_pointer (&out), FALSE);
}

/* set NAME = "`command`": inside the backquotes mutt passes the text to
 * the shell as it is, and uses the first line of its output. */
static gboolean
set_password (GString *out, const char *name, const char *command, const MsMailAccount *a, const MsServer *s,
              GError **error)
{
	g_autofree char *cmd = expand_command (command, a, s, error);
	if (cmd == NULL)
		return FALSE;
	g_string_append_printf (out, "set %s = \"`%s`\"\n", name, cmd);
	return TRUE;
}

/* scheme://user@host:port/ with the user percent-encoded (an address has
 * an "@", which would end the user part). */
static char *
server_url (const MsServer *s, const char *secure_scheme, const char *plain_scheme)
{
	g_autofree char *user = g_uri_escape_string (ms_server_get_username (s), NULL, FALSE);
	const char *scheme = ms_server_get_socket_type (s) == MS_SOCKET_TLS ? secure_scheme : plain_scheme;
	return g_strdup_printf ("%s://%s@%s:%u/", scheme, user, ms_server_get_hostname (s), ms_server_get_port (s));
}

static gboolean
check (const MsMailAccount *a, const char *command, GError **error)
{
	const MsServer *servers[] = { a->incoming, a->outgoing };
	const char *texts[] = { a->address, a->realname, a->sent_folder, a->drafts_folder };

	if (a->incoming == NULL || a->outgoing == NULL || a->address == NULL ||
	    ms_server_get_protocol (a->incoming) == MS_PROTOCOL_SMTP ||
	    ms_server_get_protocol (a->outgoing) != MS_PROTOCOL_SMTP) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("an account needs an address, an IMAP or POP3 server and an SMTP server"));
		return FALSE;
	}
	for (guint i = 0; i < G_N_ELEMENTS (servers); i++) {
		/* ssl_force_tls would refuse it anyway; better said now. */
		if (ms_server_get_socket_type (servers[i]) == MS_SOCKET_PLAIN) {
			g_set_error (error, MS_ERROR, MS_ERROR_INSECURE_SERVER,
			             _("%s does not use TLS: no password will be set up to travel in clear"),
			             ms_server_get_hostname (servers[i]));
			return FALSE;
		}
		const char *user = ms_server_get_username (servers[i]);
		if (!_ms_export_text_ok (user) || (user && strchr (user, '`'))) {
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("a user name has a control character or a backquote"));
			return FALSE;
		}
	}
	for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
		if (!_ms_export_text_ok (texts[i])) {
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("the account has text with control characters"));
			return FALSE;
		}
	if (!_ms_export_text_ok (command) || strchr (command, '`') != NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("the password command cannot contain a line break, a control character or a backquote"));
		return FALSE;
	}
	return TRUE;
}

char *
ms_mutt_write (const MsMailAccount *a, MsMuttFlavour flavour, const char *password_command, GError **error)
{
	const char *command = password_command ? password_command : MS_MUTT_PASSWORD_SECRET_TOOL;
	const char *program = flavour == MS_MUTT_NEOMUTT ? "neomutt" : "mutt";
	const MsServer *in = a->incoming, *out = a->outgoing;
	g_autoptr (GString) s = g_string_new (NULL);

	if (!check (a, command, error))
		return NULL;
	/* Comments are not translated: the file may be shared. */
	g_string_append_printf (s, "# %s for %s, written by mailsetup %s.\n", a->address, program, ms_version_string ());
	g_string_append (s, "# No password in this file: each is what the command in backquotes prints.\n");
	if (a->realname)
		set_quoted (s, "realname", a->realname);
	set_quoted (s, "from", a->address);
	g_string_append (s, "set use_from = yes\n");
	g_string_append (s, "# Never in clear: TLS from the start, or STARTTLS required.\n");
	g_string_append (s, "set ssl_force_tls = yes\nset ssl_starttls = yes\n");

	g_autofree char *in_url = NULL;
	if (ms_server_get_protocol (in) == MS_PROTOCOL_IMAP) {
		in_url = server_url (in, "imaps", "imap");
		g_string_append_printf (s, "# Incoming: IMAP at %s, port %u.\n", ms_server_get_hostname (in),
		                        ms_server_get_port (in));
		set_quoted (s, "imap_user", ms_server_get_username (in));
		if (!set_password (s, "imap_pass", command, a, in, error))
			return NULL;
		set_quoted (s, "folder", in_url);
		set_quoted (s, "spoolfile", "+INBOX");
		g_autofree char *sent = g_strconcat ("+", a->sent_folder ? a->sent_folder : "Sent", NULL);
		g_autofree char *drafts = g_strconcat ("+", a->drafts_folder ? a->drafts_folder : "Drafts", NULL);
		set_quoted (s, "record", sent);
		set_quoted (s, "postponed", drafts);
	} else {
		in_url = server_url (in, "pops", "pop");
		g_string_append_printf (s, "# Incoming: POP3 at %s, port %u, fetched into ~/Mail (Maildir).\n",
		                        ms_server_get_hostname (in), ms_server_get_port (in));
		set_quoted (s, "pop_host", in_url);
		set_quoted (s, "pop_user", ms_server_get_username (in));
		if (!set_password (s, "pop_pass", command, a, in, error))
			return NULL;
		/* Mail stays on the server, as a mail client beside this one
		 * (Claws on another machine) expects; no question at each fetch. */
		g_string_append (s, "set pop_delete = no\n");
		g_string_append (s, "set mbox_type = Maildir\n");
		set_quoted (s, "folder", "~/Mail");
		set_quoted (s, "spoolfile", "+INBOX");
		set_quoted (s, "record", "+Sent");
		set_quoted (s, "postponed", "+Drafts");
	}

	g_autofree char *out_url = server_url (out, "smtps", "smtp");
	g_string_append_printf (s, "# Outgoing: SMTP at %s, port %u.\n", ms_server_get_hostname (out),
	                        ms_server_get_port (out));
	set_quoted (s, "smtp_url", out_url);
	/* Mutt has no smtp_user: it takes the user from the URL. */
	if (flavour == MS_MUTT_NEOMUTT)
		set_quoted (s, "smtp_user", ms_server_get_username (out));
	if (!set_password (s, "smtp_pass", command, a, out, error))
		return NULL;
	return g_string_free (g_steal_pointer (&s), FALSE);
}
