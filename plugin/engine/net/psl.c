/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/psl.h"

#include <string.h>
#include <libpsl.h>

static gpointer
load (gpointer unused)
{
	/* The system list (package publicsuffix) is newer than the one
	 * compiled into libpsl; fall back to the latter. */
	const psl_ctx_t *c = psl_latest (NULL);
	return (gpointer) (c ? c : psl_builtin ());
}

static const psl_ctx_t *
context (void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once (&once, load, NULL);
}

char *
_ms_registrable_domain (const char *host)
{
	const psl_ctx_t *ctx = context ();
	g_autofree char *lower = NULL;
	const char *domain;

	if (host == NULL || ctx == NULL)
		return NULL;
	lower = g_ascii_strdown (host, -1);
	if (g_str_has_suffix (lower, "."))
		lower[strlen (lower) - 1] = '\0';
	domain = psl_registrable_domain (ctx, lower);
	return domain ? g_strdup (domain) : NULL;
}
