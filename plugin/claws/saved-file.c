/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "saved-file.h"

void
ms_set_errno_error (GError **error, int saved_errno, const char *path)
{
	g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
		     _("Could not read or change “%s”: %s"), path, g_strerror (saved_errno));
}

gboolean
ms_saved_file_take (MsSavedFile *f, const char *path, GError **error)
{
	GStatBuf st;

	f->path = g_strdup (path);
	if (g_lstat (path, &st) != 0) {
		if (errno != ENOENT) {
			ms_set_errno_error (error, errno, path);
			return FALSE;
		}
		f->kind = MS_FILE_ABSENT;
		return TRUE;
	}
	f->mode = st.st_mode & 07777;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	if (S_ISLNK (st.st_mode)) {
		f->kind = MS_FILE_SYMLINK;
		f->contents = g_file_read_link (path, error);
		return f->contents != NULL;
	}
	if (!S_ISREG (st.st_mode)) {
		f->kind = MS_FILE_OTHER;
		return TRUE;
	}
	if (st.st_size > MS_CLAWS_CONFIG_FILE_MAX) {
		g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
			     _("“%s” is too large to keep a copy of before changing it."), path);
		return FALSE;
	}
	f->kind = MS_FILE_REGULAR;
	return g_file_get_contents (path, &f->contents, &f->length, error);
}

void
ms_saved_file_clear (MsSavedFile *f)
{
	g_free (f->path);
	g_free (f->contents);
	memset (f, 0, sizeof *f);
}

gboolean
ms_same_contents (const MsSavedFile *f)
{
	g_autofree char *now = NULL;
	gsize length;

	return g_file_get_contents (f->path, &now, &length, NULL)
		&& length == f->length && memcmp (now, f->contents, length) == 0;
}

/* Puts @f back as it was; leaves it alone when it already is. */
gboolean
ms_saved_file_restore (const MsSavedFile *f, GError **error)
{
	GStatBuf st;
	gboolean present = g_lstat (f->path, &st) == 0;

	switch (f->kind) {
	case MS_FILE_OTHER:
		return TRUE;
	case MS_FILE_ABSENT:
		if (present && !S_ISDIR (st.st_mode) && g_unlink (f->path) != 0) {
			ms_set_errno_error (error, errno, f->path);
			return FALSE;
		}
		return TRUE;
	case MS_FILE_SYMLINK:
		if (present && S_ISLNK (st.st_mode)) {
			g_autofree char *target = g_file_read_link (f->path, NULL);

			if (g_strcmp0 (target, f->contents) == 0)
				return TRUE;
		}
		if ((present && !S_ISDIR (st.st_mode) && g_unlink (f->path) != 0)
		    || symlink (f->contents, f->path) != 0) {
			ms_set_errno_error (error, errno, f->path);
			return FALSE;
		}
		return TRUE;
	case MS_FILE_REGULAR:
		if (present && S_ISREG (st.st_mode) && (st.st_mode & 07777) == f->mode
		    && ms_same_contents (f))
			return TRUE;
		return g_file_set_contents_full (f->path, f->contents, (gssize) f->length,
						 G_FILE_SET_CONTENTS_CONSISTENT, (int) f->mode, error);
	}
	g_return_val_if_reached (FALSE);
}

/* Did a Claws writer replace the file @f was taken from? Claws renames a
 * new file over it (the old one becomes .bak), so a replaced file has
 * another inode; a file that was absent now exists. */
gboolean
ms_saved_file_replaced (const MsSavedFile *f)
{
	GStatBuf st;

	if (g_lstat (f->path, &st) != 0 || !S_ISREG (st.st_mode))
		return FALSE;
	return f->kind != MS_FILE_REGULAR || st.st_dev != f->dev || st.st_ino != f->ino;
}

gboolean
ms_file_has (const char *path, const char *needle)
{
	g_autofree char *contents = NULL;

	return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle);
}


GKeyFile *
ms_key_file_load_optional (const char *path, GError **error)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) local = NULL;

	if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &local)
	    && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
		g_propagate_error (error, g_steal_pointer (&local));
		return NULL;
	}
	return g_steal_pointer (&kf);
}
