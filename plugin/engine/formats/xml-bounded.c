/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/xml-bounded.h"

#include <string.h>
#include <mailsetup/error.h>
#include "core/i18n.h"

int
_ms_xml_line (GMarkupParseContext *ctx)
{
	int line = 0, column = 0;
	/* GMarkup reports the position just past the token it has read: for a
	 * tag that ends its line that is the start of the next line. */
	g_markup_parse_context_get_position (ctx, &line, &column);
	return column <= 1 && line > 1 ? line - 1 : line;
}

void
_ms_xml_append_text (GMarkupParseContext *ctx, GString *buf, const char *text, gsize len, gsize max, GError **error)
{
	if (buf->len + len > max) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
		             _("Line %d: an element's text is longer than %d bytes"), _ms_xml_line (ctx), (int) max);
		return;
	}
	g_string_append_len (buf, text, len);
}

void
_ms_xml_passthrough (GMarkupParseContext *ctx, const char *text, gsize len, gpointer user_data, GError **error)
{
	/* A DTD could declare entities (the "billion laughs"), and neither
	 * format has any. */
	if (len >= 9 && g_ascii_strncasecmp (text, "<!DOCTYPE", 9) == 0)
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		             _("Line %d: document type declarations are not allowed"), _ms_xml_line (ctx));
}

char *
_ms_xml_to_utf8 (const char *data, gsize len, gsize *len_r, GError **error)
{
	char *text = NULL;

	if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	/* GMarkup reads UTF-8 only; providers also serve ISO-8859-1 and the
	 * like, declared in the XML declaration. */
	g_autofree char *head = g_strndup (data, MIN (len, 200));
	const char *enc = strstr (head, "encoding=");
	const char *decl_end = strstr (head, "?>");
	if (g_str_has_prefix (head, "<?xml") && enc && decl_end && decl_end > enc) {
		char quote = enc[9];
		const char *end = (quote == '"' || quote == '\'') ? strchr (enc + 10, quote) : NULL;
		g_autofree char *name = end ? g_strndup (enc + 10, end - enc - 10) : NULL;
		if (name && g_ascii_strcasecmp (name, "UTF-8") != 0 && g_ascii_strcasecmp (name, "utf8") != 0) {
			g_autoptr (GError) e = NULL;
			text = g_convert (data, len, "UTF-8", name, NULL, len_r, &e);
			if (text == NULL) {
				g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
				             _("The document's encoding “%s” cannot be read: %s"), name, e->message);
				return NULL;
			}
		}
	}
	if (text == NULL) {
		text = g_strndup (data, len);
		*len_r = len;
	}
	/* GMarkup 2.74 reads invalid UTF-8 or a NUL inside a comment, reports
	 * it and carries on returning TRUE: refuse such text before it starts. */
	if (!g_utf8_validate_len (text, *len_r, NULL)) {
		g_free (text);
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("The document is not valid UTF-8 text"));
		return NULL;
	}
	return text;
}

gboolean
_ms_xml_parse (GMarkupParseContext *ctx, const char *text, gsize len, GError **error)
{
	GError *e = NULL;

	/* The error, not the return value, decides (the same GMarkup quirk). */
	if (g_markup_parse_context_parse (ctx, text, len, &e) && e == NULL)
		g_markup_parse_context_end_parse (ctx, &e);
	if (e == NULL)
		return TRUE;
	if (e->domain == MS_ERROR) {
		g_propagate_error (error, e);
	} else {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED, e->message);
		g_error_free (e);
	}
	return FALSE;
}

void
_ms_xml_no_usable_server (const MsConfig *config, GError **error)
{
	g_autoptr (GString) why = g_string_new (_("No IMAP, POP3 or SMTP server can be used"));
	GPtrArray *notes = ms_config_get_notes (config);

	for (guint i = 0; i < notes->len; i++)
		g_string_append_printf (why, "\n%s", ((GError *) g_ptr_array_index (notes, i))->message);
	g_set_error_literal (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER, why->str);
}
