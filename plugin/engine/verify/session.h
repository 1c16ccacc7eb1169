/* Internal: one verified connection to a mail server, any protocol, over
 * libetpan (net/etpan-stream.h): connect, TLS or STARTTLS (never skipped),
 * capabilities, login. Every failure comes back as an MsDiagnosis.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libetpan/libetpan.h>
#include <mailsetup/config.h>
#include <mailsetup/diagnosis.h>
#include "net/conn.h"
#include "net/etpan-stream.h"

/* Where to connect: a server with its host name expanded. */
typedef struct {
	MsProtocol protocol;
	const char *host;
	guint16 port;
	MsSocketType socket_type;
	MsAuthMethods auth;      /* what the configuration says it accepts */
	const char *ca_file;
	gint64 step_timeout_us;  /* for each exchange with the server */
	GCancellable *cancellable;
} MsEndpoint;

typedef struct _MsSession MsSession;

/* Connects and secures the session; NULL with *diagnosis set (a connection
 * or TLS problem, or STARTTLS missing/refused) or with @error set only
 * when cancelled. */
MsSession *_ms_session_open (const MsEndpoint *endpoint, MsDiagnosis **diagnosis, GError **error);

typedef enum {
	MS_LOGIN_OK,
	MS_LOGIN_REJECTED,   /* the credentials: counts as a failed attempt */
	MS_LOGIN_FAILED,     /* anything else: no attempt to count */
} MsLoginOutcome;

/* Logs in with @username; on failure *diagnosis says why (the server's
 * words in its detail). Never sends the password over an unverified or
 * unencrypted session (there are none: _ms_session_open() makes sure). */
MsLoginOutcome _ms_session_login (MsSession *session, const char *username, const char *password,
                                  MsDiagnosis **diagnosis, GError **error);

/* SMTP, after login: sends @message from @address to @address. */
gboolean _ms_session_send (MsSession *session, const char *address, const char *message,
                           MsDiagnosis **diagnosis, GError **error);

/* IMAP/POP3, after login: looks for the message whose header
 * "X-Mailsetup-Test" is @token; deletes it when found. *found tells. */
gboolean _ms_session_find_and_delete (MsSession *session, const char *token, gboolean *found,
                                      MsDiagnosis **diagnosis, GError **error);

/* Logs out politely (best effort) and frees. */
void _ms_session_close (MsSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSession, _ms_session_close)

/* --- shared by the per-protocol files (session-*.c) --- */
struct _MsSession {
	MsEndpoint ep;
	char *host;
	MsConn *conn;
	MsStreamState io;       /* the stream's errors and the server's last reply */
	mailstream *stream;     /* owned by the libetpan session once connected */
	mailimap *imap;
	mailpop3 *pop3;
	mailsmtp *smtp;
	gboolean logged_in;
	gboolean password_login; /* a password mechanism is offered */
	gboolean oauth2_offered;
	gboolean uidplus;        /* IMAP: UID EXPUNGE removes just our message */
	gboolean use_sasl_plain; /* AUTH(ENTICATE) PLAIN: IMAP LOGINDISABLED, POP3 without USER */
	gboolean smtp_login_only; /* SMTP: AUTH LOGIN but not PLAIN */
};

/* A diagnosis about this session's server. */
MsDiagnosis *_ms_session_diagnosis (MsSession *s, MsDiagnosisCode code, const char *detail);
/* After libetpan failed with a stream error: the time-out, the TLS error or
 * the closed connection behind it. Sets @error instead when cancelled. */
MsDiagnosis *_ms_session_stream_failed (MsSession *s, GError **error);
/* A failed command: the stream's failure behind it when @stream_failed,
 * else @code with the server's reply as detail. */
MsDiagnosis *_ms_session_failed (MsSession *s, gboolean stream_failed, MsDiagnosisCode code, GError **error);
/* STARTTLS refused or broken: never a fall-back, always this diagnosis
 * (or a time-out: the stream's own). */
MsDiagnosis *_ms_session_starttls_failed (MsSession *s, gboolean stream_failed, GError **error);
/* A login the server answered with a refusal: what the reply says, and
 * whether it counts against the account (a refused name or password). */
MsLoginOutcome _ms_session_login_refused (MsSession *s, MsDiagnosis **diagnosis);
/* The server's reply to the last command, printable, one line. */
char *_ms_session_reply (MsSession *s);
/* Restarts the step timer before each exchange. */
void _ms_session_step (MsSession *s);
/* After the protocol's STARTTLS was accepted: the TLS handshake. */
gboolean _ms_session_upgrade (MsSession *s, MsDiagnosis **diagnosis, GError **error);

gboolean _ms_imap_open (MsSession *s, MsDiagnosis **diagnosis, GError **error);
MsLoginOutcome _ms_imap_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error);
gboolean _ms_imap_find_and_delete (MsSession *s, const char *token, gboolean *found, MsDiagnosis **d, GError **error);
void _ms_imap_close (MsSession *s);
gboolean _ms_pop3_open (MsSession *s, MsDiagnosis **diagnosis, GError **error);
MsLoginOutcome _ms_pop3_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error);
gboolean _ms_pop3_find_and_delete (MsSession *s, const char *token, gboolean *found, MsDiagnosis **d, GError **error);
void _ms_pop3_close (MsSession *s);
gboolean _ms_smtp_open (MsSession *s, MsDiagnosis **diagnosis, GError **error);
MsLoginOutcome _ms_smtp_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error);
gboolean _ms_smtp_send (MsSession *s, const char *address, const char *message, MsDiagnosis **d, GError **error);
void _ms_smtp_close (MsSession *s);
