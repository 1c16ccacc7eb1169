/* Internal: what the verification files share: the options, the result
 * being built, the user name forms, the test message.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/verify.h>

struct _MsVerifyOptions {
	char *ca_file;
	guint step_ms;
	gboolean send_test;
	guint send_timeout_ms;
	guint max_failures;
};

MsVerifyOptions *_ms_verify_options_copy (const MsVerifyOptions *options);

struct _MsVerifyResult {
	gint ref;
	MsServer *incoming;
	MsServer *other_incoming;
	MsServer *outgoing;
	char *username;
	MsSendTest send_test;
	gint64 delay_us;
	MsDiagnosis *diagnosis;  /* the one that stopped it */
	GPtrArray *problems;     /* of MsDiagnosis */
	guint failed_logins;
};

MsVerifyResult *_ms_verify_result_new (void);

/* The user names to try on @server, most likely first, without
 * duplicates: @first (the form that already worked elsewhere), the
 * server's template expanded, the full address, the local part. */
GPtrArray *_ms_username_forms (const MsServer *server, const MsAddress *address, const char *first);

/* The test message to @address carrying @token (RFC 5322, CRLF). */
char *_ms_test_message (const MsAddress *address, const char *token);
