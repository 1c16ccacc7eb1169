/* Reading the password: from a file, from standard input, or typed at the
 * terminal without echo; never from the command line, where every user
 * of the machine can read it (ps, /proc/PID/cmdline).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Longer than any real password; the buffer is fixed so that no copy of
 * the password is left behind by a reallocation. */
#define PASSWORD_MAX 1024

/* Reads up to the first newline (not kept) from @fd. */
static char *
read_line_fd (int fd, const char *what, GError **error)
{
	char buf[PASSWORD_MAX + 1];
	gsize len = 0;

	while (len < sizeof buf) {
		ssize_t n = read (fd, buf + len, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", what, g_strerror (errno));
			explicit_bzero (buf, sizeof buf);
			return NULL;
		}
		if (n == 0 || buf[len] == '\n')
			break;
		len++;
	}
	if (len == sizeof buf) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("%s: the password is longer than %d bytes"), what,
		             PASSWORD_MAX);
		explicit_bzero (buf, sizeof buf);
		return NULL;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	char *password = g_strndup (buf, len);
	explicit_bzero (buf, sizeof buf);
	return password;
}

char *
ms_cli_read_password (const char *file, gboolean from_stdin, GError **error)
{
	if (file) {
		int fd = open (file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", file, g_strerror (errno));
			return NULL;
		}
		char *password = read_line_fd (fd, file, error);
		close (fd);
		return password;
	}
	if (from_stdin)
		return read_line_fd (0, _("standard input"), error);

	/* Typed by a person: on the terminal, without echo. */
	int tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);
	if (tty < 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("no terminal to ask the password on: use --password-file or --password-stdin"));
		return NULL;
	}
	struct termios saved, quiet;
	gboolean restore = tcgetattr (tty, &saved) == 0;
	if (restore) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t) ECHO;
		tcsetattr (tty, TCSAFLUSH, &quiet);
	}
	const char *prompt = _("Password: ");
	if (write (tty, prompt, strlen (prompt)) < 0)
		(void) 0;
	char *password = read_line_fd (tty, "/dev/tty", error);
	if (restore)
		tcsetattr (tty, TCSAFLUSH, &saved);
	if (write (tty, "\n", 1) < 0)
		(void) 0;
	close (tty);
	return password;
}

void
ms_cli_free_password (char *password)
{
	if (password) {
		explicit_bzero (password, strlen (password));
		g_free (password);
	}
}
