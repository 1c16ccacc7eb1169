/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/verify-run.h"

MsVerifyOptions *
ms_verify_options_new (void)
{
	MsVerifyOptions *o = g_new0 (MsVerifyOptions, 1);
	o->step_ms = 15000;
	o->send_test = TRUE;
	o->send_timeout_ms = 60000;
	o->max_failures = 2;
	return o;
}

void
ms_verify_options_free (MsVerifyOptions *o)
{
	if (o == NULL)
		return;
	g_free (o->ca_file);
	g_free (o);
}

MsVerifyOptions *
_ms_verify_options_copy (const MsVerifyOptions *o)
{
	MsVerifyOptions *copy = o ? g_memdup2 (o, sizeof *o) : ms_verify_options_new ();
	if (o)
		copy->ca_file = g_strdup (o->ca_file);
	return copy;
}

void
ms_verify_options_set_ca_file (MsVerifyOptions *o, const char *ca_file)
{
	g_free (o->ca_file);
	o->ca_file = g_strdup (ca_file);
}

void
ms_verify_options_set_step_timeout (MsVerifyOptions *o, guint step_ms)
{
	o->step_ms = MAX (step_ms, 100);
}

void
ms_verify_options_set_send_test (MsVerifyOptions *o, gboolean send, guint timeout_ms)
{
	o->send_test = send;
	o->send_timeout_ms = timeout_ms;
}

void
ms_verify_options_set_max_failures (MsVerifyOptions *o, guint failures)
{
	/* More than two refused logins is how accounts get locked. */
	o->max_failures = CLAMP (failures, 1, 2);
}
