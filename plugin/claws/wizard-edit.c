/* The assistant's page for experts: the settings of the result page as
 * fields (incoming protocol, host, port, security; outgoing host, port,
 * security; the user names), filled in from what was found or verified.
 * Next verifies exactly these settings (no discovery) and comes back to
 * the result page; nothing is written before Apply.
 *
 * Unencrypted connections are not offered: the engine never proposes one
 * as working, and a password must not cross the network in clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#include "wizard-private.h"

/* Positions in the combo boxes. */
enum { IN_IMAP, IN_POP3 };
enum { SEC_TLS, SEC_STARTTLS };

static MsSocketType
security_of (GtkWidget *combo)
{
	return gtk_combo_box_get_active (GTK_COMBO_BOX (combo)) == SEC_STARTTLS
		? MS_SOCKET_STARTTLS : MS_SOCKET_TLS;
}

static MsProtocol
incoming_protocol (Wizard *w)
{
	return gtk_combo_box_get_active (GTK_COMBO_BOX (w->in_protocol)) == IN_POP3
		? MS_PROTOCOL_POP3 : MS_PROTOCOL_IMAP;
}

/* The registered port of a protocol over a kind of connection (RFC 8314,
 * RFC 6409). */
static guint
usual_port (MsProtocol protocol, MsSocketType security)
{
	gboolean tls = security == MS_SOCKET_TLS;

	switch (protocol) {
	case MS_PROTOCOL_IMAP: return tls ? 993 : 143;
	case MS_PROTOCOL_POP3: return tls ? 995 : 110;
	case MS_PROTOCOL_SMTP: return tls ? 465 : 587;
	}
	return 0;
}

/* A port still at the usual value of the previous choice follows the new
 * choice; a port the user typed stays. */
static void
follow_port (GtkWidget *port, guint old_usual, guint new_usual)
{
	if ((guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (port)) == old_usual)
		gtk_spin_button_set_value (GTK_SPIN_BUTTON (port), new_usual);
}

static void
on_incoming_changed (GtkComboBox *combo, Wizard *w)
{
	guint old = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w->in_port), "ms-usual"));
	guint usual = usual_port (incoming_protocol (w), security_of (w->in_security));

	follow_port (w->in_port, old, usual);
	g_object_set_data (G_OBJECT (w->in_port), "ms-usual", GUINT_TO_POINTER (usual));
	ms_wz_edit_check (w);
}

static void
on_outgoing_changed (GtkComboBox *combo, Wizard *w)
{
	guint old = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w->out_port), "ms-usual"));
	guint usual = usual_port (MS_PROTOCOL_SMTP, security_of (w->out_security));

	follow_port (w->out_port, old, usual);
	g_object_set_data (G_OBJECT (w->out_port), "ms-usual", GUINT_TO_POINTER (usual));
	ms_wz_edit_check (w);
}

static GtkWidget *
security_combo (void)
{
	GtkWidget *c = gtk_combo_box_text_new ();

	/* In the order of SEC_*. */
	gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (c), _("Encrypted from the start (TLS)"));
	gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (c), _("Encrypted after connecting (STARTTLS)"));
	gtk_combo_box_set_active (GTK_COMBO_BOX (c), SEC_TLS);
	return c;
}

static GtkWidget *
port_spin (void)
{
	GtkWidget *s = gtk_spin_button_new_with_range (1, 65535, 1);

	gtk_spin_button_set_digits (GTK_SPIN_BUTTON (s), 0);
	gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (s), TRUE);
	return s;
}

static GtkWidget *
host_entry (Wizard *w, const char *name)
{
	GtkWidget *e = gtk_entry_new ();

	ms_wz_set_accessible (e, name, NULL);
	gtk_entry_set_activates_default (GTK_ENTRY (e), TRUE);
	gtk_widget_set_hexpand (e, TRUE);
	g_signal_connect_swapped (e, "changed", G_CALLBACK (ms_wz_edit_check), w);
	return e;
}

/* One labelled row of the grid; the label's mnemonic goes to @field. */
static void
add_row (GtkWidget *grid, int row, const char *mnemonic, GtkWidget *field, const char *name)
{
	GtkWidget *l = gtk_label_new_with_mnemonic (mnemonic);

	gtk_label_set_xalign (GTK_LABEL (l), 1.0);
	gtk_label_set_mnemonic_widget (GTK_LABEL (l), field);
	if (name != NULL)
		ms_wz_set_accessible (field, name, NULL);
	gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), field, 1, row, 1, 1);
}

static GtkWidget *
heading (const char *text)
{
	g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", text);

	return ms_wz_markup_label (m);
}

GtkWidget *
ms_wz_build_edit_page (Wizard *w)
{
	GtkWidget *grid = gtk_grid_new ();
	int row = 0;

	gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
	gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
	g_object_set (grid, "margin", 12, NULL);
	gtk_grid_attach (GTK_GRID (grid),
		ms_wz_text_label (_("Change what you need, then Next checks exactly these settings with "
				    "your password. Nothing is saved before Apply.")), 0, row++, 2, 1);

	gtk_grid_attach (GTK_GRID (grid), heading (_("Incoming mail")), 0, row++, 2, 1);
	w->in_protocol = gtk_combo_box_text_new ();
	/* In the order of IN_*. */
	gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (w->in_protocol), "IMAP");
	gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (w->in_protocol), "POP3");
	gtk_combo_box_set_active (GTK_COMBO_BOX (w->in_protocol), IN_IMAP);
	add_row (grid, row++, _("P_rotocol:"), w->in_protocol, _("Incoming protocol"));
	w->in_host = host_entry (w, _("Incoming server"));
	add_row (grid, row++, _("_Server:"), w->in_host, NULL);
	w->in_port = port_spin ();
	add_row (grid, row++, _("P_ort:"), w->in_port, _("Incoming port"));
	w->in_security = security_combo ();
	add_row (grid, row++, _("S_ecurity:"), w->in_security, _("Incoming security"));
	w->in_user = host_entry (w, _("Incoming user name"));
	add_row (grid, row++, _("_User name:"), w->in_user, NULL);

	gtk_grid_attach (GTK_GRID (grid), heading (_("Outgoing mail (SMTP)")), 0, row++, 2, 1);
	w->out_host = host_entry (w, _("Outgoing server"));
	add_row (grid, row++, _("Ser_ver:"), w->out_host, NULL);
	w->out_port = port_spin ();
	add_row (grid, row++, _("Por_t:"), w->out_port, _("Outgoing port"));
	w->out_security = security_combo ();
	add_row (grid, row++, _("Sec_urity:"), w->out_security, _("Outgoing security"));
	w->out_user = host_entry (w, _("Outgoing user name"));
	add_row (grid, row++, _("User _name:"), w->out_user, NULL);

	w->edit_error = ms_wz_text_label (NULL);
	ms_wz_add_css_class (w->edit_error, "dim-label");
	gtk_grid_attach (GTK_GRID (grid), w->edit_error, 0, row++, 2, 1);

	g_signal_connect (w->in_protocol, "changed", G_CALLBACK (on_incoming_changed), w);
	g_signal_connect (w->in_security, "changed", G_CALLBACK (on_incoming_changed), w);
	g_signal_connect (w->out_security, "changed", G_CALLBACK (on_outgoing_changed), w);
	g_signal_connect_swapped (w->in_port, "value-changed", G_CALLBACK (ms_wz_edit_check), w);
	g_signal_connect_swapped (w->out_port, "value-changed", G_CALLBACK (ms_wz_edit_check), w);
	ms_wz_set_accessible (grid, _("Edit settings"), NULL);
	return grid;
}

/* The first server of @servers with @protocol, or NULL. */
static const MsServer *
first_of (GPtrArray *servers, MsProtocol protocol)
{
	for (guint i = 0; servers != NULL && i < servers->len; i++)
		if (ms_server_get_protocol (servers->pdata[i]) == protocol)
			return servers->pdata[i];
	return NULL;
}

static void
fill_server (const MsServer *s, GtkWidget *host, GtkWidget *port, GtkWidget *security,
	     GtkWidget *user, const char *default_host, const char *default_user)
{
	MsSocketType t = s ? ms_server_get_socket_type (s) : MS_SOCKET_TLS;
	const char *name = s ? ms_server_get_username (s) : NULL;

	gtk_entry_set_text (GTK_ENTRY (host), s ? ms_server_get_hostname (s) : default_host);
	gtk_combo_box_set_active (GTK_COMBO_BOX (security), t == MS_SOCKET_STARTTLS ? SEC_STARTTLS : SEC_TLS);
	if (s != NULL)
		gtk_spin_button_set_value (GTK_SPIN_BUTTON (port), ms_server_get_port (s));
	gtk_entry_set_text (GTK_ENTRY (user), name && !strchr (name, '%') ? name : default_user);
}

/* Fills the page from the servers that worked, else from the ones found
 * (the first of each kind), else with the usual guesses for the domain. */
void
ms_wz_edit_fill (Wizard *w)
{
	const MsVerifyResult *v = w->result;
	gboolean verified = v != NULL && ms_verify_result_is_verified (v);
	const MsServer *in = verified ? ms_wz_chosen_incoming (w) : NULL;
	const MsServer *out = verified ? ms_verify_result_get_outgoing (v) : NULL;
	const char *address = w->run_address ? ms_address_get_address (w->run_address) : "";
	const char *user = verified && ms_verify_result_get_username (v) ? ms_verify_result_get_username (v) : address;
	g_autofree char *guess = g_strconcat ("mail.", w->run_address ? ms_address_get_domain (w->run_address) : "", NULL);
	GPtrArray *incoming = w->config ? ms_config_get_incoming (w->config) : NULL;
	GPtrArray *outgoing = w->config ? ms_config_get_outgoing (w->config) : NULL;

	if (in == NULL)
		in = first_of (incoming, MS_PROTOCOL_IMAP);
	if (in == NULL)
		in = first_of (incoming, MS_PROTOCOL_POP3);
	if (out == NULL)
		out = first_of (outgoing, MS_PROTOCOL_SMTP);
	/* Protocol and security first: their handlers move the port. */
	gtk_combo_box_set_active (GTK_COMBO_BOX (w->in_protocol),
				  in && ms_server_get_protocol (in) == MS_PROTOCOL_POP3 ? IN_POP3 : IN_IMAP);
	fill_server (in, w->in_host, w->in_port, w->in_security, w->in_user, guess, user);
	fill_server (out, w->out_host, w->out_port, w->out_security, w->out_user, guess, user);
	if (verified && in != NULL && ms_server_get_username (in) == NULL)
		gtk_entry_set_text (GTK_ENTRY (w->in_user), user);
	on_incoming_changed (NULL, w);
	on_outgoing_changed (NULL, w);
	ms_wz_edit_check (w);
}

static MsServer *
server_from (MsProtocol protocol, GtkWidget *host, GtkWidget *port, GtkWidget *security,
	     GtkWidget *user, GError **error)
{
	g_autofree char *h = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (host))));
	g_autofree char *u = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (user))));
	g_autofree char *ascii = g_hostname_to_ascii (h);
	guint p = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (port));
	MsServer *s;

	if (*h == '\0' || ascii == NULL || strpbrk (h, " \t/:@") != NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_HOSTNAME,
			     _("“%s” is not a server name."), h);
		return NULL;
	}
	/* A user name is taken as typed: a "%" would be read as a placeholder. */
	if (*u == '\0' || strchr (u, '%') != NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER,
			     _("“%s” is not a user name."), u);
		return NULL;
	}
	s = ms_server_new (protocol, h, p, security_of (security));
	ms_server_set_username (s, u);
	ms_server_set_auth (s, MS_AUTH_PASSWORD_CLEARTEXT | MS_AUTH_PASSWORD_ENCRYPTED);
	/* The user's own word. */
	ms_server_set_source (s, MS_SOURCE_FILE, MS_TRUST_HIGH);
	return s;
}

/* The page's settings as a configuration to verify, or NULL with @error. */
MsConfig *
ms_wz_edit_config (Wizard *w, GError **error)
{
	g_autoptr (MsServer) in = server_from (incoming_protocol (w), w->in_host, w->in_port,
					       w->in_security, w->in_user, error);
	g_autoptr (MsServer) out = in ? server_from (MS_PROTOCOL_SMTP, w->out_host, w->out_port,
						     w->out_security, w->out_user, error) : NULL;
	MsConfig *config;

	if (out == NULL)
		return NULL;
	config = ms_config_new ();
	ms_config_add_server (config, in);
	ms_config_add_server (config, out);
	/* A provider that needs OAuth2 still does with other ports. */
	if (w->config != NULL && ms_config_get_oauth2 (w->config) != NULL)
		ms_config_set_oauth2 (config, ms_config_get_oauth2 (w->config));
	return config;
}

/* Next only with settings that make sense; the reason otherwise. */
void
ms_wz_edit_check (Wizard *w)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) config = NULL;

	if (w->pages[PAGE_EDIT] == NULL)	/* still building */
		return;
	config = ms_wz_edit_config (w, &error);
	gtk_label_set_text (GTK_LABEL (w->edit_error), error ? error->message : "");
	gtk_assistant_set_page_complete (GTK_ASSISTANT (w->window), w->pages[PAGE_EDIT], config != NULL);
}
