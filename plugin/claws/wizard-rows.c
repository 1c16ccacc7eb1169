/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#include "wizard-private.h"

/* --- the progress page's rows --- */

void
ms_wz_row_free (gpointer data)
{
	Row *r = data;

	g_free (r->what);
	g_free (r);
}

static Row *
row_get (Wizard *w, const char *key, const char *what)
{
	Row *r = g_hash_table_lookup (w->rows, key);
	GtkWidget *grid, *label;

	if (r != NULL)
		return r;
	r = g_new0 (Row, 1);
	r->what = g_strdup (what);
	r->row = gtk_list_box_row_new ();
	gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (r->row), FALSE);
	grid = gtk_grid_new ();
	gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
	g_object_set (grid, "margin", 6, NULL);
	r->spinner = gtk_spinner_new ();
	r->icon = gtk_image_new ();
	gtk_widget_set_no_show_all (r->icon, TRUE);
	gtk_widget_set_no_show_all (r->spinner, TRUE);
	gtk_grid_attach (GTK_GRID (grid), r->spinner, 0, 0, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), r->icon, 0, 0, 1, 1);
	label = gtk_label_new (what);
	gtk_label_set_xalign (GTK_LABEL (label), 0.0);
	gtk_widget_set_hexpand (label, TRUE);
	gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);
	r->state = gtk_label_new (NULL);
	gtk_label_set_xalign (GTK_LABEL (r->state), 1.0);
	gtk_grid_attach (GTK_GRID (grid), r->state, 2, 0, 1, 1);
	r->detail = ms_wz_text_label (NULL);
	ms_wz_add_css_class (r->detail, "dim-label");
	gtk_grid_attach (GTK_GRID (grid), r->detail, 1, 1, 2, 1);
	gtk_container_add (GTK_CONTAINER (r->row), grid);
	gtk_container_add (GTK_CONTAINER (w->rows_box), r->row);
	gtk_widget_show_all (r->row);
	g_hash_table_insert (w->rows, g_strdup (key), r);
	return r;
}

static void
row_set (Row *r, Look look, const char *state, const char *detail)
{
	static const char *const icons[] = {
		[LOOK_OK] = "object-select-symbolic",
		[LOOK_NONE] = "action-unavailable-symbolic",
		[LOOK_FAILED] = "dialog-warning-symbolic",
	};
	g_autofree char *name = NULL;

	r->look = look;
	if (look == LOOK_BUSY) {
		gtk_widget_hide (r->icon);
		gtk_widget_show (r->spinner);
		gtk_spinner_start (GTK_SPINNER (r->spinner));
	} else {
		gtk_spinner_stop (GTK_SPINNER (r->spinner));
		gtk_widget_hide (r->spinner);
		gtk_image_set_from_icon_name (GTK_IMAGE (r->icon), icons[look], GTK_ICON_SIZE_MENU);
		gtk_widget_show (r->icon);
	}
	if (state != NULL)
		gtk_label_set_text (GTK_LABEL (r->state), state);
	if (detail != NULL)
		gtk_label_set_text (GTK_LABEL (r->detail), detail);
	/* TRANSLATORS: a row of the progress page as a screen reader says
	 * it: "Thunderbird’s provider database: found". */
	name = g_strdup_printf (_("%s: %s"), r->what, gtk_label_get_text (GTK_LABEL (r->state)));
	ms_wz_set_accessible (r->row, name, gtk_label_get_text (GTK_LABEL (r->detail)));
}

void
ms_wz_rows_clear (Wizard *w)
{
	ms_wz_clear_container (w->rows_box);
	g_hash_table_remove_all (w->rows);
}

/* Rows still busy when a phase ends: those that had an answer keep it,
 * the others say why they stopped (@state, @detail). */
void
ms_wz_rows_settle (Wizard *w, const char *state, const char *detail)
{
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init (&iter, w->rows);
	while (g_hash_table_iter_next (&iter, NULL, &value)) {
		Row *r = value;
		if (r->look != LOOK_BUSY)
			continue;
		if (r->answer != LOOK_BUSY)
			row_set (r, r->answer, NULL, NULL);
		else
			row_set (r, LOOK_NONE, state, detail);
	}
}

/* Discovery says when a source starts and each answer it gets, not when
 * it has no more to try: until discovery ends, a row keeps its spinner
 * and shows the latest answer; found is final. */
void
ms_wz_on_discovery_event (const MsDiscoveryEvent *e, gpointer data)
{
	Wizard *w = ms_wz_run_wizard (data);
	g_autofree char *key = NULL;
	Row *r;

	if (w == NULL)
		return;
	key = g_strdup_printf ("source %s", ms_source_to_string (e->source));
	r = row_get (w, key, ms_wz_source_words (e->source));
	if (r->found)
		return;
	switch (e->state) {
	case MS_DISCOVERY_STATE_SEARCHING:
		row_set (r, LOOK_BUSY, _("searching…"), e->message);
		break;
	case MS_DISCOVERY_STATE_FOUND:
		r->found = TRUE;
		row_set (r, LOOK_OK, _("found"), e->message);
		break;
	case MS_DISCOVERY_STATE_NOTHING:
		r->answer = LOOK_NONE;
		row_set (r, LOOK_BUSY, _("nothing"), e->message);
		break;
	case MS_DISCOVERY_STATE_FAILED:
		r->answer = LOOK_FAILED;
		row_set (r, LOOK_BUSY, _("failed"), e->message);
		break;
	}
}

void
ms_wz_on_verify_event (const MsVerifyEvent *e, gpointer data)
{
	Wizard *w = ms_wz_run_wizard (data);
	g_autofree char *key = NULL, *what = NULL, *protocol = NULL;
	const char *state = NULL;
	Look look = LOOK_BUSY;
	gboolean message = e->step == MS_VERIFY_STEP_SEND || e->step == MS_VERIFY_STEP_RECEIVE;

	if (w == NULL)
		return;
	if (message) {
		key = g_strdup ("test message");
		what = g_strdup (_("Test message to yourself"));
	} else {
		protocol = ms_wz_protocol_name (e->server);
		key = g_strdup_printf ("server %s %s:%u", protocol, e->host, ms_server_get_port (e->server));
		/* TRANSLATORS: "IMAP server mail.example.fr, port 993" */
		what = g_strdup_printf (_("%s server %s, port %u"), protocol, e->host,
					(guint) ms_server_get_port (e->server));
	}
	switch (e->state) {
	case MS_VERIFY_STATE_STARTED:
		switch (e->step) {
		case MS_VERIFY_STEP_CONNECT: state = _("connecting…"); break;
		case MS_VERIFY_STEP_LOGIN: state = _("logging in…"); break;
		case MS_VERIFY_STEP_SEND: state = _("sending…"); break;
		case MS_VERIFY_STEP_RECEIVE: state = _("waiting for it…"); break;
		}
		break;
	case MS_VERIFY_STATE_OK:
		switch (e->step) {
		case MS_VERIFY_STEP_CONNECT: state = _("connected"); break;
		case MS_VERIFY_STEP_LOGIN: state = _("verified"); look = LOOK_OK; break;
		case MS_VERIFY_STEP_SEND: state = _("sent"); break;
		case MS_VERIFY_STEP_RECEIVE: state = _("arrived"); look = LOOK_OK; break;
		}
		break;
	case MS_VERIFY_STATE_FAILED:
		state = _("failed");
		look = LOOK_FAILED;
		break;
	}
	row_set (row_get (w, key, what), look, state, e->message);
}

