/* libFuzzer target: the XML property-list reader with its production
 * bounds; every accepted tree is walked to its leaves.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <mailsetup/error.h>
#include "formats/plist.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
walk (const MsPlist *p, guint depth)
{
	guint n = 1;
	g_assert (depth <= MS_PLIST_MAX_DEPTH + 1);
	g_assert (_ms_plist_type_name (p->type) != NULL);
	if (p->type == MS_PLIST_DICT)
		for (guint i = 0; i < _ms_plist_size (p); i++)
			g_assert (_ms_plist_get (p, _ms_plist_key (p, i)) == _ms_plist_item (p, i));
	for (guint i = 0; i < _ms_plist_size (p); i++)
		n += walk (_ms_plist_item (p, i), depth + 1);
	return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsPlist) p = _ms_plist_parse ((const char *) data, size, &error);
	if (p == NULL) {
		g_assert (error != NULL && error->domain == MS_ERROR);
		return 0;
	}
	g_assert (walk (p, 0) <= MS_PLIST_MAX_VALUES);
	return 0;
}
