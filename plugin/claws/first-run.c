/* Once: the choice is remembered in clawsrc ([MailSetup] offered_once)
 * the moment the offer is made, so that closing the assistant, or Claws,
 * is an answer too. Claws's own first-start wizard makes a local account;
 * an account with a mail server (POP3, IMAP, news) is a real one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "account.h"
#include "prefs_account.h"

#include "first-run.h"
#include "settings.h"
#include "wizard.h"

static guint offer_id;

static gboolean
has_real_account (void)
{
	for (GList *l = account_get_list (); l; l = l->next) {
		const PrefsAccount *ac = l->data;
		if (ac->protocol == A_POP3 || ac->protocol == A_IMAP4 || ac->protocol == A_NNTP)
			return TRUE;
	}
	return FALSE;
}

static gboolean
offer (gpointer data)
{
	(void) data;
	offer_id = 0;
	ms_claws_wizard_open ();
	return G_SOURCE_REMOVE;
}

void
ms_claws_first_run_init (void)
{
	MsClawsSettings *s = ms_claws_settings ();

	if (s->offered_once || has_real_account ())
		return;
	s->offered_once = TRUE;
	ms_claws_settings_save ();
	/* Once Claws's main window is up and idle. */
	offer_id = g_idle_add (offer, NULL);
}

void
ms_claws_first_run_done (void)
{
	if (offer_id != 0)
		g_source_remove (offer_id);
	offer_id = 0;
}
