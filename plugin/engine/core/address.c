/* Email addresses (RFC 5321 / RFC 6531 mailbox syntax, dot-atom form).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/address.h>
#include <mailsetup/error.h>

#include <string.h>
#include "core/hostname.h"
#include "core/i18n.h"

struct _MsAddress {
	gint ref_count;
	char *address;
	char *local_part;
	char *domain;
	char *domain_unicode;
};

/* RFC 5322 atext, plus any non-ASCII UTF-8 (RFC 6531 UTF8-non-ascii). */
static gboolean
is_atext (unsigned char c)
{
	return c >= 0x80 || g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static gboolean
check_local_part (const char *local, GError **error)
{
	gsize len = strlen (local);

	if (len == 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_LOCAL_PART_EMPTY,
		                     _("Nothing comes before the “@”"));
		return FALSE;
	}
	if (local[0] == '"') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_LOCAL_PART_QUOTED,
		                     _("Addresses with a quoted part (\"…\"@) are not supported"));
		return FALSE;
	}
	if (len > MS_ADDRESS_MAX_LOCAL_PART) {
		g_set_error (error, MS_ERROR, MS_ERROR_LOCAL_PART_TOO_LONG,
		             _("The part before the “@” is longer than %d characters"),
		             MS_ADDRESS_MAX_LOCAL_PART);
		return FALSE;
	}
	if (local[0] == '.' || local[len - 1] == '.' || strstr (local, "..") != NULL) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_LOCAL_PART_INVALID,
		                     _("The part before the “@” cannot start or end with a dot, or have two dots in a row"));
		return FALSE;
	}
	for (const char *p = local; *p; p++) {
		if (*p != '.' && !is_atext ((unsigned char) *p)) {
			g_set_error (error, MS_ERROR, MS_ERROR_LOCAL_PART_INVALID,
			             _("The part before the “@” cannot contain “%c”"), *p);
			return FALSE;
		}
	}
	return TRUE;
}

MsAddress *
ms_address_parse (const char *text, GError **error)
{
	g_autofree char *trimmed = NULL;
	g_autofree char *domain = NULL;
	const char *at;

	if (text == NULL) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_ADDRESS_EMPTY, _("No email address was given"));
		return NULL;
	}
	/* Bound all later work; the real limit is checked once normalised. */
	if (strlen (text) > 4 * MS_ADDRESS_MAX_LENGTH) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_TOO_LONG,
		             _("The email address is longer than %d characters"), MS_ADDRESS_MAX_LENGTH);
		return NULL;
	}
	if (!g_utf8_validate (text, -1, NULL)) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_ADDRESS_BAD_UTF8,
		                     _("The email address is not valid UTF-8 text"));
		return NULL;
	}
	/* Outer white space is an artefact of copy and paste, not a mistake. */
	trimmed = g_strstrip (g_strdup (text));
	if (*trimmed == '\0') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_ADDRESS_EMPTY, _("No email address was given"));
		return NULL;
	}
	if (trimmed[0] == '"') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_LOCAL_PART_QUOTED,
		                     _("Addresses with a quoted part (\"…\"@) are not supported"));
		return NULL;
	}
	for (const char *p = trimmed; *p; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x200B /* zero width space */) {
			g_set_error_literal (error, MS_ERROR, MS_ERROR_ADDRESS_SPACE,
			                     _("An email address cannot contain spaces"));
			return NULL;
		}
	}
	at = strchr (trimmed, '@');
	if (at == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_NO_AT,
		             _("“%s” has no “@”; an email address looks like name@example.com"), trimmed);
		return NULL;
	}
	if (strchr (at + 1, '@') != NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_MULTIPLE_AT,
		             _("“%s” has more than one “@”"), trimmed);
		return NULL;
	}

	g_autofree char *local = g_strndup (trimmed, at - trimmed);
	if (!check_local_part (local, error))
		return NULL;
	if (at[1] == '\0') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_DOMAIN_EMPTY, _("Nothing comes after the “@”"));
		return NULL;
	}
	domain = _ms_hostname_to_ascii (at + 1, error);
	if (domain == NULL)
		return NULL;

	MsAddress *a = g_new0 (MsAddress, 1);
	a->ref_count = 1;
	a->local_part = g_steal_pointer (&local);
	a->domain = g_steal_pointer (&domain);
	a->domain_unicode = g_hostname_to_unicode (a->domain);
	if (a->domain_unicode == NULL)
		a->domain_unicode = g_strdup (a->domain);
	a->address = g_strconcat (a->local_part, "@", a->domain, NULL);
	if (strlen (a->address) > MS_ADDRESS_MAX_LENGTH) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_TOO_LONG,
		             _("The email address is longer than %d characters"), MS_ADDRESS_MAX_LENGTH);
		ms_address_unref (a);
		return NULL;
	}
	return a;
}

MsAddress *
ms_address_ref (MsAddress *address)
{
	g_return_val_if_fail (address != NULL, NULL);
	g_atomic_int_inc (&address->ref_count);
	return address;
}

void
ms_address_unref (MsAddress *address)
{
	if (address == NULL || !g_atomic_int_dec_and_test (&address->ref_count))
		return;
	g_free (address->address);
	g_free (address->local_part);
	g_free (address->domain);
	g_free (address->domain_unicode);
	g_free (address);
}

const char *ms_address_get_address (const MsAddress *a) { return a->address; }
const char *ms_address_get_local_part (const MsAddress *a) { return a->local_part; }
const char *ms_address_get_domain (const MsAddress *a) { return a->domain; }
const char *ms_address_get_domain_unicode (const MsAddress *a) { return a->domain_unicode; }
