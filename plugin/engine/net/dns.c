/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/dns.h"

#include <string.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/worker.h"

typedef struct {
	char *name;
	MsDnsType type;
} Query;

static void
query_free (gpointer data)
{
	Query *q = data;
	g_free (q->name);
	g_free (q);
}

static void
record_free (gpointer data)
{
	MsDnsRecord *r = data;
	g_free (r->target);
	g_free (r);
}

void
_ms_dns_answer_free (MsDnsAnswer *answer)
{
	if (answer == NULL)
		return;
	g_ptr_array_unref (answer->records);
	g_free (answer);
}

static int
compare_records (gconstpointer a, gconstpointer b)
{
	const MsDnsRecord *x = *(MsDnsRecord **) a, *y = *(MsDnsRecord **) b;
	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x->weight > y->weight ? -1 : x->weight < y->weight;
}

static char *
normalise_name (const char *name)
{
	char *lower = g_ascii_strdown (name, -1);
	gsize len = strlen (lower);
	if (len > 0 && lower[len - 1] == '.')
		lower[len - 1] = '\0';
	return lower;
}

gboolean
_ms_dns_parse (const guint8 *buf, int len, MsDnsType type, MsDnsAnswer *answer, GError **error)
{
	ns_msg msg;
	int wanted = type == MS_DNS_SRV ? ns_t_srv : ns_t_mx;

	if (ns_initparse (buf, len, &msg) < 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_DNS_FAILED, _("The DNS answer is malformed"));
		return FALSE;
	}
	/* glibc clears AD unless resolv.conf says "options trust-ad": whether
	 * the path to the resolver is trusted is the administrator's call. */
	answer->authenticated = ns_msg_getflag (msg, ns_f_ad) != 0;
	int count = ns_msg_count (msg, ns_s_an);
	for (int i = 0; i < count && answer->records->len < MS_DNS_MAX_RECORDS; i++) {
		ns_rr rr;
		char target[NS_MAXDNAME];
		const guint8 *rdata;
		int offset = type == MS_DNS_SRV ? 6 : 2;

		if (ns_parserr (&msg, ns_s_an, i, &rr) < 0)
			break;
		if ((int) ns_rr_type (rr) != wanted || (int) ns_rr_rdlen (rr) < offset + 1)
			continue; /* CNAMEs on the way, other types */
		rdata = ns_rr_rdata (rr);
		if (dn_expand (ns_msg_base (msg), ns_msg_end (msg), rdata + offset, target, sizeof target) < 0)
			continue;
		MsDnsRecord *r = g_new0 (MsDnsRecord, 1);
		r->priority = ns_get16 (rdata);
		if (type == MS_DNS_SRV) {
			r->weight = ns_get16 (rdata + 2);
			r->port = ns_get16 (rdata + 4);
		}
		/* dn_expand writes the root as "" or "."; both mean "no service". */
		r->target = strcmp (target, ".") == 0 ? g_strdup ("") : normalise_name (target);
		g_ptr_array_add (answer->records, r);
	}
	answer->exists = answer->records->len > 0;
	g_ptr_array_sort (answer->records, compare_records);
	return TRUE;
}

static gpointer
lookup (gpointer data, GCancellable *cancellable, GError **error)
{
	Query *q = data;
	struct __res_state res;
	guint8 buf[NS_MAXMSG];
	g_autoptr (MsDnsAnswer) answer = g_new0 (MsDnsAnswer, 1);

	answer->records = g_ptr_array_new_with_free_func (record_free);
	memset (&res, 0, sizeof res);
	if (res_ninit (&res) != 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_DNS_FAILED, _("The system resolver cannot be used"));
		return NULL;
	}
	/* EDNS0 and the DO bit ask the resolver for its DNSSEC verdict. */
	res.options |= RES_USE_EDNS0 | RES_USE_DNSSEC;
	int len = res_nquery (&res, q->name, ns_c_in, q->type == MS_DNS_SRV ? ns_t_srv : ns_t_mx, buf, sizeof buf);
	int herr = res.res_h_errno;
	res_nclose (&res);

	if (len < 0) {
		if (herr == HOST_NOT_FOUND || herr == NO_DATA)
			return g_steal_pointer (&answer);
		g_set_error (error, MS_ERROR, MS_ERROR_DNS_FAILED,
		             herr == TRY_AGAIN ? _("The DNS server did not answer for %s")
		                               : _("The DNS lookup of %s failed"), q->name);
		return NULL;
	}
	if (!_ms_dns_parse (buf, MIN (len, (int) sizeof buf), q->type, answer, error))
		return NULL;
	return g_steal_pointer (&answer);
}

void
_ms_dns_lookup_async (const char *name, MsDnsType type, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new (NULL, cancellable, callback, user_data);
	Query *q = g_new0 (Query, 1);

	q->name = g_strdup (name);
	q->type = type;
	g_task_set_source_tag (task, _ms_dns_lookup_async);
	g_task_set_task_data (task, q, query_free);
	/* res_nquery cannot be interrupted: the caller gets its answer at once
	 * on cancel, and the worker ends with the resolver's own time-out. */
	_ms_worker_run (task, lookup, (GDestroyNotify) _ms_dns_answer_free);
	g_object_unref (task);
}

MsDnsAnswer *
_ms_dns_lookup_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

int
_ms_dns_name_exists (const char *name)
{
	struct __res_state res;
	guint8 buf[NS_PACKETSZ * 4];

	memset (&res, 0, sizeof res);
	if (res_ninit (&res) != 0)
		return -1;
	/* Any type does: only NXDOMAIN says the name does not exist at all. */
	int len = res_nquery (&res, name, ns_c_in, ns_t_soa, buf, sizeof buf);
	int herr = res.res_h_errno;
	res_nclose (&res);
	if (len >= 0 || herr == NO_DATA)
		return 1;
	return herr == HOST_NOT_FOUND ? 0 : -1;
}
