/* The preferences page edits ms_claws_settings() and saves it; what a
 * site administrator locks (issue: site-wide defaults) will be shown
 * read-only here once the engine reads those files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "prefs-page.h"
#include "prefs-widgets.h"
#include "settings.h"

#include <string.h>

typedef struct {
	PrefsPage page;
	GtkWidget *source[MS_SOURCE_PROBE + 1];
	GtkWidget *send_test;
	GtkWidget *send_timeout;
	GtkWidget *discovery_timeout;
	GtkWidget *step_timeout;
} Page;

static Page page;
static char *path[3];

/* What each source is, for a person deciding to turn it off. */
static const char *
source_label (MsSource s)
{
	switch (s) {
	case MS_SOURCE_BUILTIN: return _("Provider data installed with the plugin");
	case MS_SOURCE_AUTOCONFIG: return _("The domain’s own configuration file (autoconfig, over HTTPS)");
	case MS_SOURCE_ISPDB: return _("Mozilla’s database of providers (ISPDB, asks autoconfig.thunderbird.net)");
	case MS_SOURCE_MX: return _("The provider that receives the domain’s mail (MX records)");
	case MS_SOURCE_SRV: return _("DNS service records (RFC 6186)");
	case MS_SOURCE_AUTODISCOVER: return _("Microsoft Autodiscover");
	case MS_SOURCE_PROBE: return _("Trying the usual server names and ports");
	case MS_SOURCE_FILE:
	case MS_SOURCE_PROFILE:
		break;
	}
	return "";
}

static GtkWidget *
spin_row (GtkGrid *grid, int row, const char *label, int value, int min, int max, GtkWidget **spin_r)
{
	GtkWidget *l = gtk_label_new_with_mnemonic (label);
	GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);
	GtkWidget *unit = gtk_label_new (_("seconds"));

	gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
	gtk_label_set_mnemonic_widget (GTK_LABEL (l), spin);
	gtk_widget_set_halign (l, GTK_ALIGN_START);
	gtk_widget_set_halign (unit, GTK_ALIGN_START);
	gtk_grid_attach (grid, l, 0, row, 1, 1);
	gtk_grid_attach (grid, spin, 1, row, 1, 1);
	gtk_grid_attach (grid, unit, 2, row, 1, 1);
	*spin_r = spin;
	return spin;
}

static void
create_widget (PrefsPage *p, GtkWindow *window, gpointer data)
{
	Page *pg = (Page *) p;
	MsClawsSettings *s = ms_claws_settings ();
	GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *sources = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
	GtkWidget *grid = gtk_grid_new ();
	(void) window;
	(void) data;

	gtk_container_set_border_width (GTK_CONTAINER (vbox), 12);
	for (MsSource src = MS_SOURCE_BUILTIN; src <= MS_SOURCE_PROBE; src++) {
		pg->source[src] = gtk_check_button_new_with_label (source_label (src));
		gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pg->source[src]), s->source[src]);
		gtk_box_pack_start (GTK_BOX (sources), pg->source[src], FALSE, FALSE, 0);
	}
	gtk_box_pack_start (GTK_BOX (vbox), ms_claws_prefs_frame (_("Where to look for an account’s servers"), sources), FALSE, FALSE, 0);

	gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
	gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
	pg->send_test = gtk_check_button_new_with_mnemonic (
		_("_Send a test message to the address itself, and wait for it"));
	gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pg->send_test), s->send_test);
	gtk_grid_attach (GTK_GRID (grid), pg->send_test, 0, 0, 3, 1);
	spin_row (GTK_GRID (grid), 1, _("_Wait for the test message at most"), s->send_timeout_s, 5, 600,
	          &pg->send_timeout);
	spin_row (GTK_GRID (grid), 2, _("_Look for servers at most"), s->discovery_timeout_s, 2, 60,
	          &pg->discovery_timeout);
	spin_row (GTK_GRID (grid), 3, _("Give a server at most, for each step"), s->step_timeout_s, 2, 120,
	          &pg->step_timeout);
	gtk_box_pack_start (GTK_BOX (vbox), ms_claws_prefs_frame (_("Checking the account"), grid), FALSE, FALSE, 0);

	gtk_widget_show_all (vbox);
	p->widget = vbox;
}

static void
destroy_widget (PrefsPage *p)
{
	(void) p;
}

static void
save_page (PrefsPage *p)
{
	Page *pg = (Page *) p;
	MsClawsSettings *s = ms_claws_settings ();

	for (MsSource src = MS_SOURCE_BUILTIN; src <= MS_SOURCE_PROBE; src++)
		s->source[src] = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pg->source[src]));
	s->send_test = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pg->send_test));
	s->send_timeout_s = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (pg->send_timeout));
	s->discovery_timeout_s = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (pg->discovery_timeout));
	s->step_timeout_s = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (pg->step_timeout));
	ms_claws_settings_save ();
}

void
ms_claws_prefs_page_init (void)
{
	/* Claws's own path word for its plugins' pages, in Claws's domain. */
	path[0] = g_strdup (dgettext ("claws-mail", "Plugins"));
	path[1] = g_strdup (_("Mail setup"));
	path[2] = NULL;
	memset (&page, 0, sizeof page);
	page.page.path = path;
	page.page.weight = 40.0;
	page.page.create_widget = create_widget;
	page.page.destroy_widget = destroy_widget;
	page.page.save_page = save_page;
	prefs_gtk_register_page ((PrefsPage *) &page);
}

void
ms_claws_prefs_page_done (void)
{
	if (page.page.path == NULL)
		return;
	prefs_gtk_unregister_page ((PrefsPage *) &page);
	page.page.path = NULL;
	g_clear_pointer (&path[0], g_free);
	g_clear_pointer (&path[1], g_free);
}
