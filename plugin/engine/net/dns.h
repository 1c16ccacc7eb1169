/* Internal: SRV and MX lookups through the system resolver (libresolv),
 * which, unlike GResolver, tells whether the answer was DNSSEC-validated.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#define MS_DNS_MAX_RECORDS 64

typedef enum { MS_DNS_SRV, MS_DNS_MX } MsDnsType;

typedef struct {
	guint16 priority;   /* SRV priority, MX preference */
	guint16 weight;
	guint16 port;
	char *target;       /* lower case, no trailing dot; "" for SRV "." */
} MsDnsRecord;

typedef struct {
	gboolean exists;        /* FALSE: NXDOMAIN or no record of that type */
	gboolean authenticated; /* the resolver set AD and the system trusts it (trust-ad) */
	GPtrArray *records;     /* MsDnsRecord*, sorted by priority then weight (desc) */
} MsDnsAnswer;

void _ms_dns_lookup_async (const char *name, MsDnsType type, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);
/* Errors: G_IO_ERROR_CANCELLED, MS_ERROR_DNS_FAILED (SERVFAIL, time-out…).
 * A name with no such record is not an error: exists is FALSE. */
MsDnsAnswer *_ms_dns_lookup_finish (GAsyncResult *result, GError **error);
/* Blocking: 1 when @name exists in DNS, 0 when the answer is NXDOMAIN,
 * -1 when the resolver could not tell (SERVFAIL, time-out). */
int _ms_dns_name_exists (const char *name);
void _ms_dns_answer_free (MsDnsAnswer *answer);
/* Reads a DNS answer message into @answer (records appended, at most
 * MS_DNS_MAX_RECORDS); exposed for the fuzzer. */
gboolean _ms_dns_parse (const guint8 *buf, int len, MsDnsType type, MsDnsAnswer *answer, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsDnsAnswer, _ms_dns_answer_free)
