/* Internal: from what went wrong (a GError of the connection, a TLS report,
 * a server's reply) to a diagnosis code. Pure functions, table-tested.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/config.h>
#include <mailsetup/diagnosis.h>
#include "net/conn.h"

/* A failed connect or TLS handshake (@report may be NULL). */
MsDiagnosisCode _ms_classify_connect (const GError *error, const MsTlsReport *report);

/* A refused login: @reply is the server's answer (IMAP tagged line without
 * the tag, POP3 "-ERR …", SMTP "535 5.7.8 …", several lines allowed). */
MsDiagnosisCode _ms_classify_login (MsProtocol protocol, const char *reply);

/* A refused MAIL FROM / RCPT TO / DATA of the test message. */
MsDiagnosisCode _ms_classify_send (const char *reply);
