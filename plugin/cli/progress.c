/* Live progress for a person: on a terminal, one line per source and per
 * server, rewritten in place as its state changes (searching, found,
 * verified, failed); elsewhere (a pipe, a log) one timestamped line per
 * change, which is what a log reader wants.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef struct {
	char *key;
	char *label;
	char *state;
	char *line;
} Row;

struct _MsProgress {
	gboolean quiet;
	gboolean tty;
	gint64 start;
	GPtrArray *rows;  /* of Row*, in order of first appearance */
	guint drawn;      /* rows on screen, to move back over */
};

static void
row_free (gpointer data)
{
	Row *r = data;
	g_free (r->key);
	g_free (r->label);
	g_free (r->state);
	g_free (r->line);
	g_free (r);
}

MsProgress *
ms_progress_new (gboolean quiet)
{
	MsProgress *p = g_new0 (MsProgress, 1);
	p->quiet = quiet;
	/* TERM=dumb terminals cannot move the cursor. */
	p->tty = isatty (2) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
	p->start = g_get_monotonic_time ();
	p->rows = g_ptr_array_new_with_free_func (row_free);
	return p;
}

void
ms_progress_free (MsProgress *p)
{
	if (p == NULL)
		return;
	g_ptr_array_unref (p->rows);
	g_free (p);
}

static guint
columns (void)
{
	struct winsize ws;
	if (ioctl (2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

/* Cut at @width characters: a wrapped line would break the count of
 * lines to move back over. */
static char *
fit (const char *line, guint width)
{
	if ((guint) g_utf8_strlen (line, -1) < width)
		return g_strdup (line);
	g_autofree char *cut = g_utf8_substring (line, 0, width - 2);
	return g_strconcat (cut, "…", NULL);
}

static void
redraw (MsProgress *p)
{
	guint width = columns ();
	if (p->drawn > 0)
		fprintf (stderr, "\033[%uA", p->drawn);
	for (guint i = 0; i < p->rows->len; i++) {
		Row *r = p->rows->pdata[i];
		g_autofree char *shown = fit (r->line, width);
		fprintf (stderr, "\r\033[2K%s\n", shown);
	}
	p->drawn = p->rows->len;
	fflush (stderr);
}

void
ms_progress_set (MsProgress *p, const char *key, const char *label, const char *state, const char *message)
{
	if (p->quiet)
		return;
	if (!p->tty) {
		double s = (g_get_monotonic_time () - p->start) / 1e6;
		fprintf (stderr, "%6.2fs  %-12s %s\n", s, label, message ? message : state);
		return;
	}
	g_autofree char *line = message && *message ? g_strdup_printf ("  %-34s %-12s %s", label, state, message)
	                                             : g_strdup_printf ("  %-34s %s", label, state);
	for (guint i = 0; i < p->rows->len; i++) {
		Row *r = p->rows->pdata[i];
		if (strcmp (r->key, key) == 0) {
			g_free (r->line);
			g_free (r->state);
			r->line = g_steal_pointer (&line);
			r->state = g_strdup (state);
			redraw (p);
			return;
		}
	}
	Row *r = g_new0 (Row, 1);
	r->key = g_strdup (key);
	r->label = g_strdup (label);
	r->state = g_strdup (state);
	r->line = g_steal_pointer (&line);
	g_ptr_array_add (p->rows, r);
	redraw (p);
}

void
ms_progress_settle (MsProgress *p, const char *from_state, const char *state, const char *message)
{
	if (p->quiet || !p->tty)
		return;
	for (guint i = 0; i < p->rows->len; i++) {
		Row *r = p->rows->pdata[i];
		if (g_strcmp0 (r->state, from_state) == 0) {
			g_free (r->line);
			g_free (r->state);
			r->line = g_strdup_printf ("  %-34s %-12s %s", r->label, state, message);
			r->state = g_strdup (state);
		}
	}
	redraw (p);
}
