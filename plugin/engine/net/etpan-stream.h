/* Internal: a libetpan mailstream over an MsConn, so that libetpan speaks
 * IMAP, POP3 and SMTP over our connection and our TLS.
 *
 * Why not libetpan's own TLS: libetpan 1.9 (GnuTLS backend) verifies no
 * certificate and lets no caller set the minimum TLS version, so its
 * session would have to be checked after the handshake, with TLS 1.0
 * already accepted. With this driver the handshake is ours (TLS >= 1.2,
 * chain, dates and host name checked before the first byte of the
 * protocol), and every byte libetpan sends, credentials included, goes
 * through that verified session, with our deadline and cancellable.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libetpan/libetpan.h>
#include "net/conn.h"

/* What the stream knows, owned by the caller and outliving the stream
 * (libetpan closes streams on its own after some failures). */
typedef struct {
	MsConn *conn;    /* borrowed */
	GError *error;   /* of the last failed read or write: libetpan only says "stream error" */
	GString *reply;  /* what the server sent since our last write: the reply to the last
	                  * command, at most 4 KiB; never what we wrote (credentials) */
	gboolean wrote;
} MsStreamState;

void _ms_stream_state_init (MsStreamState *state, MsConn *conn);
void _ms_stream_state_clear (MsStreamState *state);

/* A stream reading and writing through @state->conn. */
mailstream *_ms_etpan_stream_new (MsStreamState *state);
/* libetpan logs every byte sent when its global mailstream_debug is on
 * (Claws Mail turns it on, and logs to its own log): around a command
 * that carries a credential, these turn it off. Nested and thread-safe
 * among our sessions; Claws does the same around its own logins. Prefer
 * writing credentials with _ms_conn_write_raw(), which libetpan never
 * sees: this is for the commands libetpan must send itself. */
void _ms_etpan_quiet_begin (void);
void _ms_etpan_quiet_end (void);

/* Whether the server sent bytes that libetpan has buffered but not read:
 * after a STARTTLS "go ahead" they would be injected plain text. */
gboolean _ms_etpan_stream_has_pending (mailstream *stream);
