/* Internal to the Claws Mail plugin: a file kept in memory as it was, to
 * be put back byte for byte if a change fails (account-writer.c: Claws's
 * writers return nothing and an account spans several files).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sys/stat.h>

/* Largest configuration file copied before it is changed. */
#define MS_CLAWS_CONFIG_FILE_MAX (64 * 1024 * 1024)

typedef enum {
	MS_FILE_ABSENT,
	MS_FILE_REGULAR,
	MS_FILE_SYMLINK,
	MS_FILE_OTHER,		/* a directory…: never touched */
} MsFileKind;

typedef struct {
	char *path;
	MsFileKind kind;
	char *contents;		/* the bytes, or a symlink's target */
	gsize length;
	mode_t mode;
	dev_t dev;
	ino_t ino;
} MsSavedFile;

/* A GError for a failed system call on @path. */
void ms_set_errno_error (GError **error, int saved_errno, const char *path);
/* Copies @path into @f (a regular file's bytes, a symlink's target, or
 * that it was absent); refuses what it could not put back. */
gboolean ms_saved_file_take (MsSavedFile *f, const char *path, GError **error);
void ms_saved_file_clear (MsSavedFile *f);
/* Whether the file on disk still holds what @f saved. */
gboolean ms_same_contents (const MsSavedFile *f);
/* Puts the file back as @f saved it. */
gboolean ms_saved_file_restore (const MsSavedFile *f, GError **error);
/* Whether a writer replaced the file (a new inode, or it now exists). */
gboolean ms_saved_file_replaced (const MsSavedFile *f);
/* The key file at @path, empty when there is none; NULL (and @error) when
 * it exists but cannot be read: the caller then must not write over it
 * (it may be the user's, hand-edited). Comments are kept. */
GKeyFile *ms_key_file_load_optional (const char *path, GError **error);
/* Whether the file at @path contains @needle. */
gboolean ms_file_has (const char *path, const char *needle);
