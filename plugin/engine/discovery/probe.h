/* Internal: one probe of one host and port (probe-protocol.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/config.h>
#include "net/conn.h"

typedef struct {
	char *host;
	guint16 port;
	MsProtocol protocol;
	gboolean implicit_tls;
	char *ca_file;
	gint64 deadline;
} MsProbe;

typedef struct {
	gboolean starttls;       /* offered, performed, and the certificate checked */
	MsAuthMethods auth;
	char **cert_names;       /* on a certificate valid but for its name: its names */
	MsTlsReport tls;         /* on a failed handshake: why (its names stay in cert_names) */
} MsProbeResult;

/* Frees what @probe and @result hold (not themselves). */
void _ms_probe_clear (MsProbe *probe, MsProbeResult *result);
/* Blocking: for a worker thread. */
gboolean _ms_probe_run (const MsProbe *probe, MsProbeResult *result, GCancellable *cancellable, GError **error);
