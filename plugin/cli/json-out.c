/* What every command's --json output shares: members that may be null,
 * the configuration, the error, and printing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>

void
ms_cli_json_string (JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name (b, name);
	if (value)
		json_builder_add_string_value (b, value);
	else
		json_builder_add_null_value (b);
}

void
ms_cli_json_int (JsonBuilder *b, const char *name, gint64 value)
{
	json_builder_set_member_name (b, name);
	json_builder_add_int_value (b, value);
}

void
ms_cli_json_bool (JsonBuilder *b, const char *name, gboolean value)
{
	json_builder_set_member_name (b, name);
	json_builder_add_boolean_value (b, value);
}

void
ms_cli_json_strv (JsonBuilder *b, const char *name, const char *const *strv)
{
	json_builder_set_member_name (b, name);
	json_builder_begin_array (b);
	for (guint i = 0; strv && strv[i]; i++)
		json_builder_add_string_value (b, strv[i]);
	json_builder_end_array (b);
}

const char *
ms_cli_discovery_state_name (MsDiscoveryState s)
{
	switch (s) {
	case MS_DISCOVERY_STATE_SEARCHING: return "searching";
	case MS_DISCOVERY_STATE_FOUND: return "found";
	case MS_DISCOVERY_STATE_NOTHING: return "nothing";
	case MS_DISCOVERY_STATE_FAILED: return "failed";
	}
	return "unknown";
}

void
ms_cli_json_config (JsonBuilder *b, const char *name, const MsConfig *config, const MsAddress *address)
{
	json_builder_set_member_name (b, name);
	if (config == NULL) {
		json_builder_add_null_value (b);
		return;
	}
	g_autofree char *text = ms_config_to_json (config, address, FALSE);
	json_builder_add_value (b, json_from_string (text, NULL));
}

void
ms_cli_json_error (JsonBuilder *b, const GError *error)
{
	json_builder_set_member_name (b, "error");
	if (error == NULL) {
		json_builder_add_null_value (b);
		return;
	}
	json_builder_begin_object (b);
	ms_cli_json_string (b, "code", error->domain == MS_ERROR ? ms_error_code_name (error->code)
	                               : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "cancelled"
	                               : "failed");
	ms_cli_json_string (b, "message", error->message);
	json_builder_end_object (b);
}

void
ms_cli_json_print (JsonBuilder *b)
{
	g_autoptr (JsonGenerator) gen = json_generator_new ();
	g_autoptr (JsonNode) root = json_builder_get_root (b);
	json_generator_set_root (gen, root);
	json_generator_set_pretty (gen, TRUE);
	g_autofree char *out = json_generator_to_data (gen, NULL);
	printf ("%s\n", out);
}

/* A server, or null (schemas mailsetup-setup/1, mailsetup-check-account/1). */
void
ms_cli_json_server (JsonBuilder *b, const char *name, const MsServer *s)
{
	json_builder_set_member_name (b, name);
	if (s == NULL) {
		json_builder_add_null_value (b);
		return;
	}
	json_builder_begin_object (b);
	ms_cli_json_string (b, "protocol", ms_protocol_to_string (ms_server_get_protocol (s)));
	ms_cli_json_string (b, "host", ms_server_get_hostname (s));
	json_builder_set_member_name (b, "port");
	json_builder_add_int_value (b, ms_server_get_port (s));
	ms_cli_json_string (b, "socket", ms_socket_type_to_string (ms_server_get_socket_type (s)));
	ms_cli_json_string (b, "username", ms_server_get_username (s));
	ms_cli_json_string (b, "source", ms_source_to_string (ms_server_get_source (s)));
	ms_cli_json_string (b, "confirmation", ms_server_get_confirmation (s));
	json_builder_end_object (b);
}
