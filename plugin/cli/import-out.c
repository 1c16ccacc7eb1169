/* mailsetup import: what was read, in words and in JSON (mailsetup-import/1).
 * Passwords are never printed: only whether the profile includes them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"
#include "import.h"

#include <stdio.h>

static void
json_notes (JsonBuilder *b, const char *member, const char *name_member, GPtrArray *notes)
{
	json_builder_set_member_name (b, member);
	json_builder_begin_array (b);
	for (guint i = 0; notes && i < notes->len; i++) {
		const MsProfileNote *n = g_ptr_array_index (notes, i);
		json_builder_begin_object (b);
		ms_cli_json_string (b, name_member, n->name);
		if (n->identifier || n->display_name) {
			ms_cli_json_string (b, "identifier", n->identifier);
			ms_cli_json_string (b, "display_name", n->display_name);
		}
		ms_cli_json_string (b, "reason", n->reason);
		json_builder_end_object (b);
	}
	json_builder_end_array (b);
}

static void
json_smime (JsonBuilder *b, const MsProfileSmime *m)
{
	json_builder_set_member_name (b, "smime");
	json_builder_begin_object (b);
	ms_cli_json_bool (b, "present", m->present);
	ms_cli_json_bool (b, "signing", m->signing);
	ms_cli_json_bool (b, "signing_locked", m->signing_locked);
	ms_cli_json_string (b, "signing_certificate", m->signing_certificate);
	ms_cli_json_bool (b, "signing_certificate_locked", m->signing_certificate_locked);
	ms_cli_json_string (b, "signing_certificate_name", m->signing_certificate_name);
	ms_cli_json_bool (b, "encrypt", m->encrypt);
	ms_cli_json_bool (b, "encrypt_locked", m->encrypt_locked);
	ms_cli_json_string (b, "encryption_certificate", m->encryption_certificate);
	ms_cli_json_bool (b, "encryption_certificate_locked", m->encryption_certificate_locked);
	ms_cli_json_string (b, "encryption_certificate_name", m->encryption_certificate_name);
	ms_cli_json_bool (b, "per_message_switch", m->per_message_switch);
	json_builder_end_object (b);
}

static const char *
identity_mode (MsIdentityMode mode)
{
	switch (mode) {
	case MS_IDENTITY_BY_ADDRESS: return "by-address";
	case MS_IDENTITY_ASK: return "ask";
	case MS_IDENTITY_FINGERPRINT: return "fingerprint";
	case MS_IDENTITY_DEFAULT: return "default";
	}
	return "unknown";
}

/* The settings the profile sets, by their key-file names. */
static void
json_policy (JsonBuilder *b, const MsPolicy *policy)
{
	json_builder_set_member_name (b, "policy");
	if (policy == NULL) {
		json_builder_add_null_value (b);
		return;
	}
	json_builder_begin_object (b);
	for (MsPolicySetting s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		if (!ms_policy_is_set (policy, s))
			continue;
		const char *source = NULL;
		gboolean locked = ms_policy_is_locked (policy, s, &source);
		json_builder_set_member_name (b, ms_policy_setting_key (s));
		json_builder_begin_object (b);
		if (ms_policy_setting_is_rule (s)) {
			MsPolicyRule rule;
			ms_policy_get_rule (policy, s, &rule);
			ms_cli_json_bool (b, "value", rule.value);
			ms_cli_json_bool (b, "per_message_switch", rule.per_message_switch);
			source = rule.source;
		} else if (s == MS_POLICY_SYSTEM) {
			ms_cli_json_string (b, "value", ms_privacy_system_to_id (ms_policy_get_system (policy)));
		} else {
			ms_cli_json_string (b, "value", identity_mode (ms_policy_get_identity (policy, s, NULL)));
		}
		ms_cli_json_bool (b, "locked", locked);
		ms_cli_json_string (b, "source", source);
		json_builder_end_object (b);
	}
	json_builder_end_object (b);
}

static void
json_account (JsonBuilder *b, const MsCliImportAccount *ia)
{
	const MsProfileAccount *a = ia->account;

	json_builder_begin_object (b);
	ms_cli_json_string (b, "address", ia->address ? ms_address_get_address (ia->address) : NULL);
	ms_cli_json_string (b, "name", a ? ms_profile_account_get_name (a) : NULL);
	ms_cli_json_string (b, "description", a ? ms_profile_account_get_description (a) : NULL);
	ms_cli_json_string (b, "identifier", a ? ms_profile_account_get_identifier (a) : NULL);
	ms_cli_json_string (b, "uuid", a ? ms_profile_account_get_uuid (a) : NULL);
	if (a) {
		ms_cli_json_string (b, "protocol", ms_protocol_to_string (ms_profile_account_get_protocol (a)));
		ms_cli_json_string (b, "incoming_username", ms_profile_account_get_incoming_username (a));
		ms_cli_json_string (b, "outgoing_username", ms_profile_account_get_outgoing_username (a));
		ms_cli_json_bool (b, "incoming_password_included", ms_profile_account_get_incoming_password (a) != NULL);
		ms_cli_json_bool (b, "outgoing_password_included", ms_profile_account_get_outgoing_password (a) != NULL);
		ms_cli_json_bool (b, "outgoing_password_same", ms_profile_account_get_outgoing_password_same (a));
		ms_cli_json_string (b, "imap_path_prefix", ms_profile_account_get_imap_path_prefix (a));
		ms_cli_json_bool (b, "prevent_move", ms_profile_account_get_prevent_move (a));
		json_smime (b, ms_profile_account_get_smime (a));
		json_policy (b, ms_profile_account_get_policy (a));
		json_notes (b, "ignored", "key", ms_profile_account_get_ignored (a));
	}
	ms_cli_json_config (b, "config", ia->config, ia->address);
	json_builder_set_member_name (b, "verify");
	if (ia->verify_run) {
		json_builder_begin_object (b);
		ms_cli_json_verify_result (b, ia->result);
		ms_cli_json_error (b, ia->error);
		json_builder_end_object (b);
	} else {
		json_builder_add_null_value (b);
	}
	json_builder_end_object (b);
}

void
ms_cli_import_json (const MsCliImport *im)
{
	g_autoptr (JsonBuilder) b = json_builder_new ();
	const MsProfile *p = im->profile;

	json_builder_begin_object (b);
	ms_cli_json_string (b, "schema", "mailsetup-import/1");
	ms_cli_json_string (b, "file", im->file);
	ms_cli_json_string (b, "format", p ? "mobileconfig" : "autoconfig");
	json_builder_set_member_name (b, "signature");
	if (p) {
		json_builder_begin_object (b);
		ms_cli_json_string (b, "status", ms_profile_signature_to_string (ms_profile_get_signature (p)));
		ms_cli_json_string (b, "signer", ms_profile_get_signer (p));
		ms_cli_json_string (b, "problem", ms_profile_get_signature_problem (p));
		json_builder_end_object (b);
	} else {
		json_builder_add_null_value (b);
	}
	ms_cli_json_bool (b, "accepted", im->accepted);
	json_builder_set_member_name (b, "profile");
	if (p) {
		json_builder_begin_object (b);
		ms_cli_json_string (b, "display_name", ms_profile_get_display_name (p));
		ms_cli_json_string (b, "organization", ms_profile_get_organization (p));
		ms_cli_json_string (b, "description", ms_profile_get_description (p));
		ms_cli_json_string (b, "identifier", ms_profile_get_identifier (p));
		ms_cli_json_string (b, "uuid", ms_profile_get_uuid (p));
		json_notes (b, "ignored", "key", ms_profile_get_ignored (p));
		json_builder_end_object (b);
	} else {
		json_builder_add_null_value (b);
	}
	json_builder_set_member_name (b, "accounts");
	json_builder_begin_array (b);
	for (guint i = 0; i < im->accounts->len; i++)
		json_account (b, g_ptr_array_index (im->accounts, i));
	json_builder_end_array (b);
	json_notes (b, "not_applicable", "type", p ? ms_profile_get_not_applicable (p) : NULL);
	json_builder_end_object (b);
	ms_cli_json_print (b);
}

/* "yes (locked)" / "no (the user may change it)". */
static void
print_setting (const char *label, gboolean value, gboolean locked)
{
	printf ("    %s %s (%s)\n", label, value ? _("yes") : _("no"),
	        locked ? _("locked by the profile") : _("the user may change it"));
}

static void
print_account (const MsCliImportAccount *ia, guint n)
{
	const MsProfileAccount *a = ia->account;

	printf ("\n");
	/* TRANSLATORS: "Account 1: alice@example.org" */
	printf (_("Account %u: %s\n"), n, ia->address ? ms_address_get_address (ia->address)
	                                  : _("no address in the file (give --address)"));
	if (a) {
		if (ms_profile_account_get_name (a))
			printf ("  %s %s\n", _("Name:"), ms_profile_account_get_name (a));
		if (ms_profile_account_get_description (a))
			printf ("  %s %s\n", _("Account name:"), ms_profile_account_get_description (a));
		if (ms_profile_account_get_incoming_username (a))
			printf ("  %s %s\n", _("Incoming user name:"), ms_profile_account_get_incoming_username (a));
		if (ms_profile_account_get_outgoing_username (a))
			printf ("  %s %s\n", _("Outgoing user name:"), ms_profile_account_get_outgoing_username (a));
		printf ("  %s %s\n", _("Password:"), ms_profile_account_get_incoming_password (a)
		        ? _("included in the profile") : _("not in the profile"));
		printf ("  %s %s\n", _("Outgoing password:"), ms_profile_account_get_outgoing_password_same (a)
		        ? _("the same as the incoming one") : ms_profile_account_get_outgoing_password (a)
		        ? _("included in the profile") : _("not in the profile"));
		if (ms_profile_account_get_imap_path_prefix (a))
			printf ("  %s %s\n", _("IMAP path prefix:"), ms_profile_account_get_imap_path_prefix (a));
		if (ms_profile_account_get_prevent_move (a))
			printf ("  %s\n", _("Messages may not be moved out of this account (PreventMove)."));
		const MsProfileSmime *m = ms_profile_account_get_smime (a);
		if (m->present) {
			printf ("  %s\n", _("S/MIME:"));
			print_setting (_("sign messages:"), m->signing, m->signing_locked);
			print_setting (_("encrypt by default:"), m->encrypt, m->encrypt_locked);
			printf ("    %s %s\n", _("encryption switch per message:"), m->per_message_switch ? _("yes") : _("no"));
			if (m->signing_certificate)
				printf ("    %s %s\n", _("signing certificate:"), m->signing_certificate_name
				        ? m->signing_certificate_name : m->signing_certificate);
			if (m->encryption_certificate)
				printf ("    %s %s\n", _("encryption certificate:"), m->encryption_certificate_name
				        ? m->encryption_certificate_name : m->encryption_certificate);
			const MsPolicy *policy = ms_profile_account_get_policy (a);
			MsPolicyRule rule = { 0 };
			if (policy)
				ms_policy_get_rule (policy, MS_POLICY_SIGN, &rule);
			if (rule.source)
				printf ("    %s %s\n", _("set by:"), rule.source);
		}
		GPtrArray *ignored = ms_profile_account_get_ignored (a);
		if (ignored->len)
			printf ("  %s\n", _("Not applied:"));
		for (guint i = 0; i < ignored->len; i++) {
			const MsProfileNote *note = g_ptr_array_index (ignored, i);
			printf ("    - %s: %s\n", note->name, note->reason);
		}
	}
	ms_cli_print_config (ia->config, ia->address);
	if (ia->verify_run && ia->result)
		ms_cli_print_verify_result (ia->result, ia->address);
	else if (ia->verify_run && ia->error)
		printf ("%s %s\n", _("Not verified:"), ia->error->message);
}

void
ms_cli_import_print (const MsCliImport *im)
{
	const MsProfile *p = im->profile;

	if (p) {
		const char *org = ms_profile_get_organization (p);
		printf ("%s %s%s%s%s\n", _("Profile:"), ms_profile_get_display_name (p) ? ms_profile_get_display_name (p) : "?",
		        org ? " (" : "", org ? org : "", org ? ")" : "");
		switch (ms_profile_get_signature (p)) {
		case MS_PROFILE_SIGNED_VALID:
			printf ("%s %s %s\n", _("Signature:"), _("valid, signed by"), ms_profile_get_signer (p));
			break;
		case MS_PROFILE_SIGNED_INVALID:
			printf ("%s %s: %s\n", _("Signature:"), _("NOT VALID"), ms_profile_get_signature_problem (p));
			if (ms_profile_get_signer (p))
				printf ("  %s %s\n", _("claimed signer:"), ms_profile_get_signer (p));
			break;
		case MS_PROFILE_UNSIGNED:
			printf ("%s %s\n", _("Signature:"), _("none (anyone could have written this profile)"));
			break;
		}
	}
	for (guint i = 0; i < im->accounts->len; i++)
		print_account (g_ptr_array_index (im->accounts, i), i + 1);
	GPtrArray *na = p ? ms_profile_get_not_applicable (p) : NULL;
	if (na && na->len) {
		printf ("\n%s\n", _("Not applicable:"));
		for (guint i = 0; i < na->len; i++) {
			const MsProfileNote *n = g_ptr_array_index (na, i);
			printf ("  - %s%s%s%s: %s\n", n->name, n->display_name ? " “" : "", n->display_name ? n->display_name : "",
			        n->display_name ? "”" : "", n->reason);
		}
	}
	GPtrArray *ignored = p ? ms_profile_get_ignored (p) : NULL;
	if (ignored && ignored->len) {
		printf ("\n%s\n", _("Not applied from the profile itself:"));
		for (guint i = 0; i < ignored->len; i++) {
			const MsProfileNote *n = g_ptr_array_index (ignored, i);
			printf ("  - %s: %s\n", n->name, n->reason);
		}
	}
}
