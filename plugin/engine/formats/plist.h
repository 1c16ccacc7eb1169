/* Internal: XML property lists (Apple's plist format, as configuration
 * profiles carry them), read into a small tree within fixed bounds on top
 * of the bounded XML reader. Binary plists ("bplist00") are refused with a
 * clear error: profiles are XML when they are sent by mail or the web.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Largest document read, in bytes: real profiles, certificates included,
 * are well under 100 KiB. */
#define MS_PLIST_MAX_SIZE (1024 * 1024)
/* Deepest nesting of dict/array: a profile needs 4. */
#define MS_PLIST_MAX_DEPTH 32
/* Most values in one document. */
#define MS_PLIST_MAX_VALUES 65536
/* Longest text of one element (a base64 certificate is the longest). */
#define MS_PLIST_MAX_TEXT (512 * 1024)

typedef enum {
	MS_PLIST_DICT,
	MS_PLIST_ARRAY,
	MS_PLIST_STRING,
	MS_PLIST_INTEGER,
	MS_PLIST_REAL,
	MS_PLIST_BOOLEAN,
	MS_PLIST_DATA,
	MS_PLIST_DATE,
} MsPlistType;

typedef struct _MsPlist MsPlist;
struct _MsPlist {
	MsPlistType type;
	int line;               /* where it starts, for messages */
	union {
		GPtrArray *items;   /* ARRAY: MsPlist*; DICT: values, in document order */
		char *string;       /* STRING */
		gint64 integer;     /* INTEGER */
		double real;        /* REAL */
		gboolean boolean;   /* BOOLEAN */
		GBytes *data;       /* DATA */
		GDateTime *date;    /* DATE */
	} v;
	GPtrArray *keys;        /* DICT: char*, parallel to v.items */
};

/* Parses a whole XML plist document (the <plist> element and its one
 * value). NULL with an MS_ERROR_XML_* error when it is not one, is over a
 * limit, or a dict repeats a key (two values for one key could show one
 * and use the other). */
MsPlist *_ms_plist_parse (const char *data, gsize len, GError **error);
void _ms_plist_free (MsPlist *plist);

/* "dict", "string"… as the XML element is named (true/false: "boolean"). */
const char *_ms_plist_type_name (MsPlistType type);

/* DICT access: the value of @key or NULL; the number of entries; entry @i. */
const MsPlist *_ms_plist_get (const MsPlist *dict, const char *key);
guint _ms_plist_size (const MsPlist *plist);
const char *_ms_plist_key (const MsPlist *dict, guint i);
const MsPlist *_ms_plist_item (const MsPlist *plist, guint i);

/* The string of @key in @dict, or NULL when absent or of another type. */
const char *_ms_plist_get_string (const MsPlist *dict, const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPlist, _ms_plist_free)
