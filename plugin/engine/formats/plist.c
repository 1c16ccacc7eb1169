/* XML property lists read into a tree, every value attached to its parent
 * as soon as it exists so that an error anywhere frees everything from the
 * root. Apple's DTD declaration is let through (every real profile has
 * one), any other document type declaration is refused.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/plist.h"

#include <string.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "formats/xml-bounded.h"

typedef struct {
	GMarkupParseContext *ctx;
	GPtrArray *stack;    /* open dict/array, innermost last (not owned) */
	MsPlist *root;       /* the one value inside <plist> (owned) */
	gboolean in_plist;
	gboolean plist_done;
	MsPlistType scalar;  /* with collecting: the scalar being read */
	gboolean collecting; /* inside key or a scalar */
	gboolean in_key;
	GString *text;
	char *pending_key;   /* a dict's key still waiting for its value */
	guint values;
} Parse;

static void
plist_free_item (gpointer data)
{
	_ms_plist_free (data);
}

void
_ms_plist_free (MsPlist *p)
{
	if (p == NULL)
		return;
	switch (p->type) {
	case MS_PLIST_DICT:
	case MS_PLIST_ARRAY:
		g_ptr_array_unref (p->v.items);
		break;
	case MS_PLIST_STRING:
		/* Profiles carry passwords as strings: none is left in freed memory. */
		explicit_bzero (p->v.string, strlen (p->v.string));
		g_free (p->v.string);
		break;
	case MS_PLIST_DATA:
		g_clear_pointer (&p->v.data, g_bytes_unref);
		break;
	case MS_PLIST_DATE:
		g_clear_pointer (&p->v.date, g_date_time_unref);
		break;
	case MS_PLIST_INTEGER:
	case MS_PLIST_REAL:
	case MS_PLIST_BOOLEAN:
		break;
	}
	if (p->keys)
		g_ptr_array_unref (p->keys);
	g_free (p);
}

const char *
_ms_plist_type_name (MsPlistType type)
{
	switch (type) {
	case MS_PLIST_DICT: return "dict";
	case MS_PLIST_ARRAY: return "array";
	case MS_PLIST_STRING: return "string";
	case MS_PLIST_INTEGER: return "integer";
	case MS_PLIST_REAL: return "real";
	case MS_PLIST_BOOLEAN: return "boolean";
	case MS_PLIST_DATA: return "data";
	case MS_PLIST_DATE: return "date";
	}
	return "unknown";
}

static gboolean
scalar_type (const char *name, MsPlistType *type_r)
{
	static const struct { const char *name; MsPlistType type; } scalars[] = {
		{ "string", MS_PLIST_STRING }, { "integer", MS_PLIST_INTEGER }, { "real", MS_PLIST_REAL },
		{ "data", MS_PLIST_DATA }, { "date", MS_PLIST_DATE }, { "true", MS_PLIST_BOOLEAN },
		{ "false", MS_PLIST_BOOLEAN },
	};
	for (guint i = 0; i < G_N_ELEMENTS (scalars); i++)
		if (strcmp (name, scalars[i].name) == 0) {
			*type_r = scalars[i].type;
			return TRUE;
		}
	return FALSE;
}

/* Attaches @value (owned) where the document is: the root, an array's next
 * item, or the value of the dict's pending key. */
static gboolean
attach (Parse *p, MsPlist *value, GError **error)
{
	int line = _ms_xml_line (p->ctx);

	if (++p->values > MS_PLIST_MAX_VALUES) {
		_ms_plist_free (value);
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_MANY, _("Line %d: the property list has more than %d values"),
		             line, MS_PLIST_MAX_VALUES);
		return FALSE;
	}
	if (p->stack->len == 0) {
		if (p->root) {
			_ms_plist_free (value);
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
			             _("Line %d: a property list holds one value, this one has more"), line);
			return FALSE;
		}
		p->root = value;
		return TRUE;
	}
	MsPlist *top = g_ptr_array_index (p->stack, p->stack->len - 1);
	if (top->type == MS_PLIST_DICT) {
		if (p->pending_key == NULL) {
			_ms_plist_free (value);
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
			             _("Line %d: a value in a dict without its <key>"), line);
			return FALSE;
		}
		g_ptr_array_add (top->keys, g_steal_pointer (&p->pending_key));
	}
	g_ptr_array_add (top->v.items, value);
	return TRUE;
}

static void
on_start (GMarkupParseContext *ctx, const char *name, const char **attr_names, const char **attr_values,
          gpointer data, GError **error)
{
	Parse *p = data;
	int line = _ms_xml_line (ctx);
	MsPlistType type;
	(void) attr_names;
	(void) attr_values;

	if (p->collecting) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: <%s> inside a text value"), line, name);
		return;
	}
	if (!p->in_plist) {
		if (strcmp (name, "plist") != 0 || p->plist_done) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
			             _("Line %d: <%s> where a property list (<plist>) was expected"), line, name);
			return;
		}
		p->in_plist = TRUE;
		return;
	}
	if (strcmp (name, "key") == 0) {
		MsPlist *top = p->stack->len ? g_ptr_array_index (p->stack, p->stack->len - 1) : NULL;
		if (top == NULL || top->type != MS_PLIST_DICT || p->pending_key) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
			             _("Line %d: a <key> where a value was expected"), line);
			return;
		}
		p->collecting = p->in_key = TRUE;
		g_string_truncate (p->text, 0);
		return;
	}
	if (strcmp (name, "dict") == 0 || strcmp (name, "array") == 0) {
		if (p->stack->len >= MS_PLIST_MAX_DEPTH) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_DEEP,
			             _("Line %d: the property list nests deeper than %d levels"), line, MS_PLIST_MAX_DEPTH);
			return;
		}
		MsPlist *c = g_new0 (MsPlist, 1);
		c->type = name[0] == 'd' ? MS_PLIST_DICT : MS_PLIST_ARRAY;
		c->line = line;
		c->v.items = g_ptr_array_new_with_free_func (plist_free_item);
		if (c->type == MS_PLIST_DICT)
			c->keys = g_ptr_array_new_with_free_func (g_free);
		if (attach (p, c, error))
			g_ptr_array_add (p->stack, c);
		return;
	}
	if (!scalar_type (name, &type)) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		             _("Line %d: <%s> is not a property list element"), line, name);
		return;
	}
	p->collecting = TRUE;
	p->in_key = FALSE;
	p->scalar = type;
	g_string_truncate (p->text, 0);
}

/* Base64 as plists write it: the alphabet, padding, and white space. */
static GBytes *
decode_data (const char *text, int line, GError **error)
{
	g_autoptr (GString) clean = g_string_new (NULL);
	for (const char *c = text; *c; c++) {
		if (g_ascii_isspace (*c))
			continue;
		if (!g_ascii_isalnum (*c) && *c != '+' && *c != '/' && *c != '=') {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: <data> is not base64"), line);
			return NULL;
		}
		g_string_append_c (clean, *c);
	}
	if (clean->len % 4 != 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: <data> is not base64"), line);
		return NULL;
	}
	gsize len = 0;
	guchar *bytes = clean->len ? g_base64_decode (clean->str, &len) : NULL;
	return g_bytes_new_take (bytes, len);
}

static MsPlist *
make_scalar (Parse *p, const char *element, int line, GError **error)
{
	g_autoptr (MsPlist) v = g_new0 (MsPlist, 1);
	const char *text = p->text->str;
	g_autofree char *trimmed = g_strstrip (g_strdup (text));

	v->type = p->scalar;
	v->line = line;
	switch (p->scalar) {
	case MS_PLIST_STRING:
		v->v.string = g_strdup (text);
		break;
	case MS_PLIST_INTEGER:
		if (!g_ascii_string_to_signed (trimmed[0] == '+' ? trimmed + 1 : trimmed, 10, G_MININT64, G_MAXINT64,
		                               &v->v.integer, NULL)) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: “%s” is not an integer"), line, trimmed);
			return NULL;
		}
		break;
	case MS_PLIST_REAL: {
		char *end = NULL;
		v->v.real = g_ascii_strtod (trimmed, &end);
		if (trimmed[0] == '\0' || *end != '\0') {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: “%s” is not a number"), line, trimmed);
			return NULL;
		}
		break;
	}
	case MS_PLIST_BOOLEAN:
		if (trimmed[0] != '\0') {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: <%s/> holds text"), line, element);
			return NULL;
		}
		v->v.boolean = strcmp (element, "true") == 0;
		break;
	case MS_PLIST_DATA:
		v->v.data = decode_data (text, line, error);
		if (v->v.data == NULL)
			return NULL;
		break;
	case MS_PLIST_DATE:
		/* Plists write UTC with a "Z"; a date without a zone is refused
		 * rather than read in the local one. */
		v->v.date = g_date_time_new_from_iso8601 (trimmed, NULL);
		if (v->v.date == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: “%s” is not a date"), line, trimmed);
			return NULL;
		}
		break;
	case MS_PLIST_DICT:
	case MS_PLIST_ARRAY:
		g_assert_not_reached ();
	}
	return g_steal_pointer (&v);
}

static void
on_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
	Parse *p = data;
	int line = _ms_xml_line (ctx);

	if (strcmp (name, "plist") == 0) {
		if (p->root == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: the property list is empty"), line);
			return;
		}
		p->in_plist = FALSE;
		p->plist_done = TRUE;
		return;
	}
	if (strcmp (name, "dict") == 0 || strcmp (name, "array") == 0) {
		if (p->pending_key) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Line %d: the key “%s” has no value"), line,
			             p->pending_key);
			return;
		}
		g_ptr_array_remove_index (p->stack, p->stack->len - 1);
		return;
	}
	p->collecting = FALSE;
	if (p->in_key) {
		MsPlist *top = g_ptr_array_index (p->stack, p->stack->len - 1);
		p->in_key = FALSE;
		for (guint i = 0; i < top->keys->len; i++)
			if (strcmp (g_ptr_array_index (top->keys, i), p->text->str) == 0) {
				g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
				             _("Line %d: the key “%s” appears twice in one dict"), line, p->text->str);
				return;
			}
		p->pending_key = g_strdup (p->text->str);
		return;
	}
	MsPlist *v = make_scalar (p, name, line, error);
	if (v)
		attach (p, v, error);
}

static void
on_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
	Parse *p = data;

	if (p->collecting) {
		_ms_xml_append_text (ctx, p->text, text, len, MS_PLIST_MAX_TEXT, error);
		return;
	}
	for (gsize i = 0; i < len; i++)
		if (!g_ascii_isspace (text[i])) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
			             _("Line %d: text outside any property list value"), _ms_xml_line (ctx));
			return;
		}
}

/* Apple's <!DOCTYPE plist PUBLIC …> is harmless and always there; an
 * internal subset ("[") could declare entities and is refused. */
static void
on_passthrough (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
	if (len >= 9 && g_ascii_strncasecmp (text, "<!DOCTYPE", 9) == 0) {
		if (len >= 15 && strncmp (text + 9, " plist", 6) == 0 && memchr (text, '[', len) == NULL)
			return;
	}
	_ms_xml_passthrough (ctx, text, len, data, error);
}

MsPlist *
_ms_plist_parse (const char *data, gsize len, GError **error)
{
	static const GMarkupParser parser = { on_start, on_end, on_text, on_passthrough, NULL };
	Parse p = { 0 };
	gsize text_len = 0;

	if (len >= 6 && memcmp (data, "bplist", 6) == 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		                     _("This is a binary property list, which is not supported: convert it to XML first "
		                       "(plutil -convert xml1 FILE on a Mac)"));
		return NULL;
	}
	if (len > MS_PLIST_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("The property list is larger than %d KiB"),
		             MS_PLIST_MAX_SIZE / 1024);
		return NULL;
	}
	char *text = _ms_xml_to_utf8 (data, len, &text_len, error);
	if (text == NULL)
		return NULL;
	p.stack = g_ptr_array_new ();
	p.text = g_string_new (NULL);
	p.ctx = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);
	gboolean ok = _ms_xml_parse (p.ctx, text, text_len, error);
	explicit_bzero (text, text_len);
	g_free (text);
	if (ok && !p.plist_done) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("The document is not a property list"));
		ok = FALSE;
	}
	g_markup_parse_context_free (p.ctx);
	g_ptr_array_unref (p.stack);
	g_string_free (p.text, TRUE);
	g_free (p.pending_key);
	if (!ok) {
		_ms_plist_free (p.root);
		return NULL;
	}
	return p.root;
}

const MsPlist *
_ms_plist_get (const MsPlist *dict, const char *key)
{
	if (dict == NULL || dict->type != MS_PLIST_DICT)
		return NULL;
	for (guint i = 0; i < dict->keys->len; i++)
		if (strcmp (g_ptr_array_index (dict->keys, i), key) == 0)
			return g_ptr_array_index (dict->v.items, i);
	return NULL;
}

guint
_ms_plist_size (const MsPlist *p)
{
	return p && (p->type == MS_PLIST_DICT || p->type == MS_PLIST_ARRAY) ? p->v.items->len : 0;
}

const char *
_ms_plist_key (const MsPlist *dict, guint i)
{
	return g_ptr_array_index (dict->keys, i);
}

const MsPlist *
_ms_plist_item (const MsPlist *p, guint i)
{
	return g_ptr_array_index (p->v.items, i);
}

const char *
_ms_plist_get_string (const MsPlist *dict, const char *key)
{
	const MsPlist *v = _ms_plist_get (dict, key);
	return v && v->type == MS_PLIST_STRING ? v->v.string : NULL;
}
