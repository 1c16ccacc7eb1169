/* mailsetup: JSON output of the model (schema: docs/json.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/** MS_JSON_SCHEMA_CONFIG: the "schema" member of ms_config_to_json() output. Since: 0.1 */
#define MS_JSON_SCHEMA_CONFIG "mailsetup-config/1"

/**
 * ms_config_to_json:
 * @config: a configuration
 * @address: (nullable): if given, servers also carry their host name and
 *   username with placeholders expanded for this address
 * @pretty: indent the output
 *
 * Serialises @config as described in docs/json.md. Member names and
 * enumeration values are stable; "message" members are translated.
 *
 * Returns: (transfer full): a JSON document.
 *
 * Since: 0.1
 */
char *ms_config_to_json (const MsConfig *config, const MsAddress *address, gboolean pretty);

G_END_DECLS
