/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/verify-run.h"

MsVerifyResult *
_ms_verify_result_new (void)
{
	MsVerifyResult *r = g_new0 (MsVerifyResult, 1);
	r->ref = 1;
	r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_diagnosis_free);
	return r;
}

MsVerifyResult *
ms_verify_result_ref (MsVerifyResult *r)
{
	g_atomic_int_inc (&r->ref);
	return r;
}

void
ms_verify_result_unref (MsVerifyResult *r)
{
	if (r == NULL || !g_atomic_int_dec_and_test (&r->ref))
		return;
	g_clear_pointer (&r->incoming, ms_server_unref);
	g_clear_pointer (&r->other_incoming, ms_server_unref);
	g_clear_pointer (&r->outgoing, ms_server_unref);
	g_free (r->username);
	ms_diagnosis_free (r->diagnosis);
	g_ptr_array_unref (r->problems);
	g_free (r);
}

gboolean
ms_verify_result_is_verified (const MsVerifyResult *r)
{
	return r->incoming && r->outgoing && r->diagnosis == NULL &&
	       (r->send_test == MS_SEND_TEST_DELIVERED || r->send_test == MS_SEND_TEST_SKIPPED);
}

MsServer *ms_verify_result_get_incoming (const MsVerifyResult *r) { return r->incoming; }
MsServer *ms_verify_result_get_other_incoming (const MsVerifyResult *r) { return r->other_incoming; }
MsServer *ms_verify_result_get_outgoing (const MsVerifyResult *r) { return r->outgoing; }
const char *ms_verify_result_get_username (const MsVerifyResult *r) { return r->username; }
const MsDiagnosis *ms_verify_result_get_diagnosis (const MsVerifyResult *r) { return r->diagnosis; }
GPtrArray *ms_verify_result_get_problems (const MsVerifyResult *r) { return r->problems; }
guint ms_verify_result_get_failed_logins (const MsVerifyResult *r) { return r->failed_logins; }

MsSendTest
ms_verify_result_get_send_test (const MsVerifyResult *r, gint64 *delay_us)
{
	if (delay_us)
		*delay_us = r->send_test == MS_SEND_TEST_DELIVERED ? r->delay_us : 0;
	return r->send_test;
}

const char *
ms_send_test_to_string (MsSendTest state)
{
	switch (state) {
	case MS_SEND_TEST_NOT_RUN: return "not-run";
	case MS_SEND_TEST_SKIPPED: return "skipped";
	case MS_SEND_TEST_DELIVERED: return "delivered";
	case MS_SEND_TEST_FAILED: return "failed";
	case MS_SEND_TEST_NOT_DELIVERED: return "not-delivered";
	}
	return "unknown";
}
