/* mailsetup: the autoconfig clientConfig v1.1 format (Thunderbird, ISPDB).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/** MS_AUTOCONFIG_MAX_SIZE: largest document read, in bytes; real ones are under 20 KiB. Since: 0.1 */
#define MS_AUTOCONFIG_MAX_SIZE (256 * 1024)
/** MS_AUTOCONFIG_MAX_DEPTH: deepest element nesting accepted; the format needs 5. Since: 0.1 */
#define MS_AUTOCONFIG_MAX_DEPTH 16
/** MS_AUTOCONFIG_MAX_ELEMENTS: most elements in one document. Since: 0.1 */
#define MS_AUTOCONFIG_MAX_ELEMENTS 8192
/** MS_AUTOCONFIG_MAX_SERVERS: most servers in one document. Since: 0.1 */
#define MS_AUTOCONFIG_MAX_SERVERS 64
/** MS_AUTOCONFIG_MAX_TEXT: longest text of one element, in bytes. Since: 0.1 */
#define MS_AUTOCONFIG_MAX_TEXT 4096

/**
 * ms_autoconfig_parse:
 * @data: the document (need not be nul-terminated)
 * @length: its length, or -1 if nul-terminated
 * @source: where it came from, recorded on every server
 * @trust: how far that source is trusted
 * @error: return location for an %MS_ERROR
 *
 * Reads a clientConfig document within the MS_AUTOCONFIG_MAX_* bounds.
 * Unknown elements are ignored. Servers Claws Mail cannot use (Exchange,
 * EWS, OWA, Graph), incomplete servers, broken placeholders and plain-text
 * servers are recorded as notes (ms_config_get_notes()); plain-text servers
 * are kept, ranked last. DTDs and entities other than XML's five are
 * refused, so entity expansion cannot be abused.
 *
 * Returns: (transfer full) (nullable): the configuration, or %NULL with
 * @error set if the document is malformed, over a limit, not a clientConfig,
 * or has no usable server (%MS_ERROR_NO_USABLE_SERVER; the reasons are in
 * the message).
 *
 * Since: 0.1
 */
MsConfig *ms_autoconfig_parse (const char *data, gssize length, MsSource source, MsTrust trust, GError **error);

/**
 * ms_autoconfig_write:
 * @config: a configuration
 *
 * Writes @config as a clientConfig v1.1 document, as a provider would
 * publish it at autoconfig.<domain>. ms_autoconfig_parse() reads it back to
 * an equal configuration.
 *
 * Returns: (transfer full): the XML document.
 *
 * Since: 0.1
 */
char *ms_autoconfig_write (const MsConfig *config);

G_END_DECLS
