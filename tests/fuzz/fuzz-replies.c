/* libFuzzer target: what servers say, as verification reads it: the
 * classification of refused logins and refused messages, on any bytes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/mailsetup.h>
#include "verify/classify.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	/* The session layer hands over printable text; the classifier must
	 * still survive anything, invalid UTF-8 included. */
	g_autofree char *text = g_strndup ((const char *) data, size);
	for (MsProtocol p = MS_PROTOCOL_IMAP; p <= MS_PROTOCOL_SMTP; p++) {
		MsDiagnosisCode code = _ms_classify_login (p, text);
		g_assert (code <= MS_DIAGNOSIS_LAST);
		g_assert (ms_diagnosis_code_to_string (code) != NULL);
	}
	MsDiagnosisCode sent = _ms_classify_send (text);
	g_assert (sent == MS_DIAGNOSIS_RELAY_DENIED || sent == MS_DIAGNOSIS_MESSAGE_REJECTED);
	return 0;
}
