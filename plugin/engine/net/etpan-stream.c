/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/etpan-stream.h"

#define REPLY_MAX 4096

void
_ms_stream_state_init (MsStreamState *state, MsConn *conn)
{
	state->conn = conn;
	state->error = NULL;
	state->reply = g_string_new (NULL);
	state->wrote = FALSE;
}

void
_ms_stream_state_clear (MsStreamState *state)
{
	g_clear_error (&state->error);
	if (state->reply)
		g_string_free (state->reply, TRUE);
	state->reply = NULL;
}

static ssize_t
stream_read (mailstream_low *low, void *buf, size_t len)
{
	MsStreamState *st = low->data;
	g_clear_error (&st->error);
	if (st->wrote) {
		g_string_truncate (st->reply, 0);
		st->wrote = FALSE;
	}
	gssize n = _ms_conn_read_raw (st->conn, buf, len, &st->error);
	if (n > 0 && st->reply->len < REPLY_MAX)
		g_string_append_len (st->reply, buf, MIN ((gsize) n, REPLY_MAX - st->reply->len));
	return n;
}

static ssize_t
stream_write (mailstream_low *low, const void *buf, size_t len)
{
	MsStreamState *st = low->data;
	g_clear_error (&st->error);
	st->wrote = TRUE;
	return _ms_conn_write_raw (st->conn, buf, len, &st->error) ? (ssize_t) len : -1;
}

static int
stream_close (mailstream_low *low)
{
	(void) low;  /* the connection belongs to the caller */
	return 0;
}

static int
stream_get_fd (mailstream_low *low)
{
	MsStreamState *st = low->data;
	return _ms_conn_get_fd (st->conn);
}

static void
stream_free (mailstream_low *low)
{
	free (low);  /* allocated by mailstream_low_new() with malloc */
}

static void
stream_cancel (mailstream_low *low)
{
	(void) low;  /* the MsConn's cancellable does it */
}

static struct mailstream_cancel *
stream_get_cancel (mailstream_low *low)
{
	(void) low;
	return NULL;
}

static mailstream_low_driver driver = {
	.mailstream_read = stream_read,
	.mailstream_write = stream_write,
	.mailstream_close = stream_close,
	.mailstream_get_fd = stream_get_fd,
	.mailstream_free = stream_free,
	.mailstream_cancel = stream_cancel,
	.mailstream_get_cancel = stream_get_cancel,
};

mailstream *
_ms_etpan_stream_new (MsStreamState *state)
{
	return mailstream_new (mailstream_low_new (state, &driver), 8192);
}

gboolean
_ms_etpan_stream_has_pending (mailstream *stream)
{
	return stream->read_buffer_len > 0;
}

static GMutex quiet_lock;
static int quiet_depth;
static int quiet_saved;

void
_ms_etpan_quiet_begin (void)
{
	g_mutex_lock (&quiet_lock);
	if (quiet_depth++ == 0) {
		quiet_saved = mailstream_debug;
		mailstream_debug = 0;
	}
	g_mutex_unlock (&quiet_lock);
}

void
_ms_etpan_quiet_end (void)
{
	g_mutex_lock (&quiet_lock);
	if (--quiet_depth == 0)
		mailstream_debug = quiet_saved;
	g_mutex_unlock (&quiet_lock);
}
