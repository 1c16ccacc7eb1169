/* Internal to the check-up layer (plugin/engine/checkup/): what its files
 * share. The layer sits above discovery and verification.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/checkup.h>

/* "HOST.PORT.cert" or "HOST.PORT.FINGERPRINT.cert" → host (lower case), port. */
gboolean _ms_cert_file_name_parse (const char *base, char **host_r, guint16 *port_r);
/* Appends to @out the certificates stored in @certs_dir for @host:@port. */
void _ms_cert_exceptions_find (const char *certs_dir, const char *host, guint16 port, const char *ca_file,
                               GPtrArray *out);
/* A deep copy. */
MsClawsAccount *_ms_claws_account_copy (const MsClawsAccount *account);
MsCertException *_ms_cert_exception_copy (const MsCertException *exception);
/* A finding about @current, with its explanation; @secure is the setting
 * proposed (may be NULL), @exception the stored certificate concerned. */
MsCheckupFinding *_ms_finding_new (MsCheckupFindingKind kind, const MsServer *current, const MsServer *secure,
                            const MsCertException *exception);
