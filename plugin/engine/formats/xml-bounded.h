/* Internal: what every reader of small XML documents from the network
 * (autoconfig, Autodiscover) shares on top of GMarkup: line numbers for
 * notes, bounded element text, no DTD, a declared encoding honoured, UTF-8
 * checked, and a parse where the error decides (see xml-bounded.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

/* The line of the element just read, for notes. */
int _ms_xml_line (GMarkupParseContext *ctx);

/* Appends an element's text to @buf, refusing more than @max bytes. */
void _ms_xml_append_text (GMarkupParseContext *ctx, GString *buf, const char *text, gsize len,
                          gsize max, GError **error);

/* A GMarkupParser passthrough callback: comments and the XML declaration
 * pass; a document type declaration is refused (entity expansion). */
void _ms_xml_passthrough (GMarkupParseContext *ctx, const char *text, gsize len,
                          gpointer user_data, GError **error);

/* The document as UTF-8 (a copy): BOM dropped, a declared encoding
 * converted, anything that is not then valid UTF-8 refused. */
char *_ms_xml_to_utf8 (const char *data, gsize len, gsize *len_r, GError **error);

/* Parses @text; errors of other domains become MS_ERROR_XML_MALFORMED. */
gboolean _ms_xml_parse (GMarkupParseContext *ctx, const char *text, gsize len, GError **error);

/* MS_ERROR_NO_USABLE_SERVER, with every note of @config as the reasons. */
void _ms_xml_no_usable_server (const MsConfig *config, GError **error);
