/* Internal: the one reader of `mailsetup setup --json` (mailsetup-setup/1).
 * publish.h's ms_config_from_setup_json() and export.h's
 * ms_mail_account_from_setup_json() are thin conversions of what it reads.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/address.h>
#include <mailsetup/config.h>

/* A verified setup: the servers that worked, each with the user name that
 * logged in (the server's, else the run's, else the address). */
typedef struct {
	MsAddress *address;
	MsServer *incoming;
	MsServer *other_incoming;	/* nullable */
	MsServer *outgoing;
} MsSetupJson;

void _ms_setup_json_free (MsSetupJson *setup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSetupJson, _ms_setup_json_free)

/* NULL with MS_ERROR_XML_TOO_LARGE (over MS_SETUP_JSON_MAX_SIZE),
 * MS_ERROR_XML_MALFORMED (not such a document), or
 * MS_ERROR_NO_USABLE_SERVER (not verified, or no incoming or outgoing
 * server). @length may be -1 (nul-terminated). */
MsSetupJson *_ms_setup_json_read (const char *data, gssize length, GError **error);
