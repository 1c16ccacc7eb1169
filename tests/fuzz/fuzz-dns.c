/* libFuzzer target: the DNS answer reader (SRV and MX) on any bytes, as a
 * hostile or broken resolver could send them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include "net/dns.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
record_free (gpointer data)
{
	MsDnsRecord *r = data;
	g_free (r->target);
	g_free (r);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	for (MsDnsType type = MS_DNS_SRV; type <= MS_DNS_MX; type++) {
		MsDnsAnswer *answer = g_new0 (MsDnsAnswer, 1);
		answer->records = g_ptr_array_new_with_free_func (record_free);
		GError *error = NULL;
		if (_ms_dns_parse (data, (int) MIN (size, 65535), type, answer, &error)) {
			g_assert (answer->records->len <= MS_DNS_MAX_RECORDS);
			for (guint i = 0; i < answer->records->len; i++) {
				const MsDnsRecord *r = g_ptr_array_index (answer->records, i);
				g_assert (r->target != NULL && strlen (r->target) < 1025);
			}
		} else {
			g_assert (error != NULL);
			g_error_free (error);
		}
		_ms_dns_answer_free (answer);
	}
	return 0;
}
