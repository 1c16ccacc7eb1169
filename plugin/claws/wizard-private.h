/* Internal to the assistant (wizard*.c): its state and what its files
 * share. wizard.c builds the pages and drives the search; wizard-rows.c is
 * the progress page's rows; wizard-result.c the result page; wizard-util.c
 * small widgets and the runs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <mailsetup/mailsetup.h>


/* In the assistant's order; the expert page comes last, reached only from
 * the result page (Edit Settings). */
enum { PAGE_ACCOUNT, PAGE_PROGRESS, PAGE_RESULT, PAGE_DONE, PAGE_EDIT, PAGE_OAUTH2, PAGE_COUNT };

typedef struct _Wizard Wizard;

typedef struct {
	Wizard *wizard;		/* NULL once detached: nothing to report to */
	GCancellable *cancellable;
	MsAddress *address;
} Run;

/* How a row of the progress page looks: busy (spinner), or done with an
 * icon. The state is always in words as well: colour is not enough. */
typedef enum { LOOK_BUSY, LOOK_OK, LOOK_NONE, LOOK_FAILED } Look;

typedef struct {
	GtkWidget *row, *spinner, *icon, *state, *detail;
	char *what;
	Look look;
	Look answer;		/* discovery: the last answer, if any (else BUSY) */
	gboolean found;		/* discovery: this source found servers */
} Row;

struct _Wizard {
	GtkWidget *window;	/* the GtkAssistant */
	GtkWidget *pages[PAGE_COUNT];
	/* the account */
	GtkWidget *name, *address, *address_error, *password, *show_password;
	GtkWidget *origin_label;	/* where given settings come from */
	/* Settings to verify as they are, without discovery (imported, or
	 * the expert page's), for the address they were given for. */
	MsConfig *given;
	char *given_address;
	/* The last configuration verified (discovered or given): the expert
	 * page starts from it, and OAuth2 endpoints come from it. */
	MsConfig *config;
	gboolean editing;	/* the expert page was the last page shown */
	/* the search */
	GtkWidget *progress_heading, *rows_box;
	GHashTable *rows;	/* key → Row */
	/* the result */
	GtkWidget *content_box, *confirm_box, *apply_note, *save_error;
	GtkWidget *incoming_label, *imap_choice, *confirm;
	const MsServer *imap, *pop;	/* both work: the choice (owned by result) */
	GtkWidget *back, *retry, *cancel, *apply, *edit;
	/* the expert page */
	GtkWidget *in_protocol, *in_host, *in_port, *in_security, *in_user;
	GtkWidget *out_host, *out_port, *out_security, *out_user, *edit_error;
	/* the OAuth2 page */
	GtkWidget *oauth2_heading, *oauth2_explain, *oauth2_link, *oauth2_code, *oauth2_error;
	GtkWidget *oauth2_password_box, *oauth2_password_note, *oauth2_use_password;
	char *oauth2_url;	/* Claws's authorisation URL */
	int oauth2_provider;	/* Claws's Oauth2Service */
	gboolean oauth2_declined;	/* an app password instead */
	/* What came with given settings (a profile): applied to the account
	 * written (the policy), or used in place of typing (the password,
	 * put in the password entry, wiped with it). */
	MsPolicy *given_policy;
	char *given_policy_origin;
	/* the end */
	GtkWidget *done_label;
	GtkWidget *privacy_button;	/* "Signing and encryption…" */
	int written_id;		/* the account written, -1 before */
	GtkWidget *question;	/* "update the existing account?" */
	Run *run;
	MsAddress *run_address;	/* the address the result is about */
	MsVerifyResult *result;
	char *failure;		/* a search that ended in an error, not a diagnosis */
};


/* wizard-util.c */
void ms_wz_set_accessible (GtkWidget *widget, const char *name, const char *description);
GtkWidget * ms_wz_text_label (const char *text);
GtkWidget * ms_wz_markup_label (const char *markup);
void ms_wz_add_css_class (GtkWidget *widget, const char *name);
void ms_wz_clear_container (GtkWidget *container);
char * ms_wz_protocol_name (const MsServer *s);
const char * ms_wz_security_words (MsSocketType t);
const char * ms_wz_source_words (MsSource source);
void ms_wz_run_free (Run *run);
void ms_wz_stop_search (Wizard *w);
Wizard * ms_wz_run_wizard (Run *run);

/* wizard-rows.c */
void ms_wz_row_free (gpointer data);
void ms_wz_rows_clear (Wizard *w);
void ms_wz_rows_settle (Wizard *w, const char *state, const char *detail);
void ms_wz_on_discovery_event (const MsDiscoveryEvent *e, gpointer data);
void ms_wz_on_verify_event (const MsVerifyEvent *e, gpointer data);

/* wizard.c */
void ms_wz_set_given (Wizard *w, MsConfig *config, const char *address, const char *origin);

/* wizard-edit.c */
GtkWidget * ms_wz_build_edit_page (Wizard *w);
void ms_wz_edit_fill (Wizard *w);
MsConfig * ms_wz_edit_config (Wizard *w, GError **error);
void ms_wz_edit_check (Wizard *w);

/* wizard-oauth2.c */
gboolean ms_wz_oauth2_wanted (Wizard *w, const MsConfig *config);
GtkWidget * ms_wz_build_oauth2_page (Wizard *w);
void ms_wz_show_oauth2 (Wizard *w);

/* wizard-result.c */
const MsServer * ms_wz_chosen_incoming (Wizard *w);
void ms_wz_show_result (Wizard *w);
GtkWidget * ms_wz_build_privacy_offer (Wizard *w);
void ms_wz_account_written (Wizard *w, int id);
