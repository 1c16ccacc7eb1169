/* JSON output of the model; the schema is documented in docs/json.md and
 * its member names are a stable interface for scripts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/json.h>
#include <mailsetup/error.h>

#include <json-glib/json-glib.h>

static void
add_string_or_null (JsonBuilder *b, const char *member, const char *value)
{
	json_builder_set_member_name (b, member);
	if (value)
		json_builder_add_string_value (b, value);
	else
		json_builder_add_null_value (b);
}

static void
add_server (JsonBuilder *b, const MsServer *s, const MsAddress *address)
{
	json_builder_begin_object (b);
	add_string_or_null (b, "protocol", ms_protocol_to_string (ms_server_get_protocol (s)));
	add_string_or_null (b, "hostname", ms_server_get_hostname (s));
	json_builder_set_member_name (b, "port");
	json_builder_add_int_value (b, ms_server_get_port (s));
	add_string_or_null (b, "socket", ms_socket_type_to_string (ms_server_get_socket_type (s)));
	json_builder_set_member_name (b, "secure");
	json_builder_add_boolean_value (b, ms_server_is_secure (s));
	json_builder_set_member_name (b, "authentication");
	json_builder_begin_array (b);
	for (guint bit = 0; bit < 32; bit++) {
		const char *name = ms_auth_method_to_string (ms_server_get_auth (s) & (1u << bit));
		if (name)
			json_builder_add_string_value (b, name);
	}
	json_builder_end_array (b);
	add_string_or_null (b, "username", ms_server_get_username (s));
	add_string_or_null (b, "source", ms_source_to_string (ms_server_get_source (s)));
	add_string_or_null (b, "trust", ms_trust_to_string (ms_server_get_trust (s)));
	json_builder_set_member_name (b, "evidence");
	json_builder_begin_array (b);
	for (MsSource src = MS_SOURCE_FILE; src <= MS_SOURCE_PROFILE; src++)
		if (ms_server_get_evidence (s) & (1u << src))
			json_builder_add_string_value (b, ms_source_to_string (src));
	json_builder_end_array (b);
	add_string_or_null (b, "confirm", ms_server_get_confirmation (s));
	if (address) {
		g_autofree char *host = ms_template_expand (ms_server_get_hostname (s), address, NULL);
		g_autofree char *user = ms_server_get_username (s)
		                        ? ms_template_expand (ms_server_get_username (s), address, NULL) : NULL;
		add_string_or_null (b, "expanded_hostname", host);
		add_string_or_null (b, "expanded_username", user);
	}
	json_builder_end_object (b);
}

static void
add_servers (JsonBuilder *b, const char *member, GPtrArray *servers, const MsAddress *address)
{
	json_builder_set_member_name (b, member);
	json_builder_begin_array (b);
	for (guint i = 0; i < servers->len; i++)
		add_server (b, g_ptr_array_index (servers, i), address);
	json_builder_end_array (b);
}

char *
ms_config_to_json (const MsConfig *config, const MsAddress *address, gboolean pretty)
{
	g_autoptr (JsonBuilder) b = json_builder_new ();
	GPtrArray *list;

	json_builder_begin_object (b);
	add_string_or_null (b, "schema", MS_JSON_SCHEMA_CONFIG);
	json_builder_set_member_name (b, "provider");
	json_builder_begin_object (b);
	add_string_or_null (b, "id", ms_config_get_id (config));
	add_string_or_null (b, "display_name", ms_config_get_display_name (config));
	add_string_or_null (b, "short_name", ms_config_get_short_name (config));
	json_builder_set_member_name (b, "domains");
	json_builder_begin_array (b);
	list = ms_config_get_domains (config);
	for (guint i = 0; i < list->len; i++)
		json_builder_add_string_value (b, g_ptr_array_index (list, i));
	json_builder_end_array (b);
	json_builder_end_object (b);

	add_string_or_null (b, "address", address ? ms_address_get_address (address) : NULL);
	add_servers (b, "incoming", ms_config_get_incoming (config), address);
	add_servers (b, "outgoing", ms_config_get_outgoing (config), address);

	json_builder_set_member_name (b, "oauth2");
	const MsOAuth2 *o = ms_config_get_oauth2 (config);
	if (o) {
		json_builder_begin_object (b);
		add_string_or_null (b, "issuer", o->issuer);
		add_string_or_null (b, "scope", o->scope);
		add_string_or_null (b, "auth_url", o->auth_url);
		add_string_or_null (b, "token_url", o->token_url);
		json_builder_end_object (b);
	} else {
		json_builder_add_null_value (b);
	}

	json_builder_set_member_name (b, "documentation");
	json_builder_begin_array (b);
	list = ms_config_get_documentation (config);
	for (guint i = 0; i < list->len; i++) {
		const MsDocumentation *d = g_ptr_array_index (list, i);
		json_builder_begin_object (b);
		add_string_or_null (b, "url", d->url);
		add_string_or_null (b, "description", d->description);
		json_builder_end_object (b);
	}
	json_builder_end_array (b);

	json_builder_set_member_name (b, "notes");
	json_builder_begin_array (b);
	list = ms_config_get_notes (config);
	for (guint i = 0; i < list->len; i++) {
		const GError *e = g_ptr_array_index (list, i);
		json_builder_begin_object (b);
		add_string_or_null (b, "code", e->domain == MS_ERROR ? ms_error_code_name (e->code) : "failed");
		add_string_or_null (b, "message", e->message);
		json_builder_end_object (b);
	}
	json_builder_end_array (b);
	json_builder_end_object (b);

	g_autoptr (JsonGenerator) gen = json_generator_new ();
	g_autoptr (JsonNode) root = json_builder_get_root (b);
	json_generator_set_root (gen, root);
	json_generator_set_pretty (gen, pretty);
	json_generator_set_indent (gen, 2);
	return json_generator_to_data (gen, NULL);
}
