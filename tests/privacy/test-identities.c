/* Identities through gpgme, on the keyring tests/privacy/gpgme.sh builds
 * (fingerprints in the environment): listing with the right validity and
 * expiry, choosing by address and by fingerprint, unusable keys refused
 * with their reason, recipients with and without keys, OpenPGP and CMS.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>

static const char *
env (const char *name)
{
	const char *v = g_getenv (name);
	if (v == NULL || *v == '\0')
		g_error ("%s is not set: run this test through tests/privacy/gpgme.sh", name);
	return v;
}

static const MsIdentity *
find (GPtrArray *keys, const char *fpr)
{
	for (guint i = 0; i < keys->len; i++) {
		const MsIdentity *id = g_ptr_array_index (keys, i);
		if (g_strcmp0 (id->fingerprint, fpr) == 0)
			return id;
	}
	return NULL;
}

static MsPolicy *
policy_for (MsPrivacySystem system, MsPolicySetting setting, MsIdentityMode mode, const char *fpr)
{
	MsPolicy *p = ms_policy_new ();
	g_assert_true (ms_policy_set_system (p, system, NULL));
	g_assert_true (ms_policy_set_identity (p, setting, mode, fpr, NULL));
	return p;
}

static void
test_openpgp_list (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) keys = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, "alice@example.com", TRUE, NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (keys->len, ==, 3);
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;

	/* Best first: the valid key, although the revoked one lasts longer. */
	const MsIdentity *alice = g_ptr_array_index (keys, 0);
	g_assert_cmpstr (alice->fingerprint, ==, env ("ALICE_FPR"));
	g_assert_cmpint (alice->protocol, ==, MS_KEY_PROTOCOL_OPENPGP);
	g_assert_cmpstr (alice->user_id, ==, "Alice <alice@EXAMPLE.com>");
	g_assert_cmpstr (alice->email, ==, "alice@EXAMPLE.com");
	g_assert_cmpint (alice->validity, ==, MS_KEY_VALIDITY_ULTIMATE);
	g_assert_true (alice->secret && alice->can_sign && alice->can_encrypt);
	g_assert_false (alice->revoked || alice->expired || alice->disabled || alice->invalid);
	/* One year, give or take the test's own minutes. */
	g_assert_cmpint (alice->expires - now, >, 360 * 86400);
	g_assert_cmpint (alice->expires - now, <, 367 * 86400);
	g_assert_cmpint (alice->created, <=, now);
	g_assert_true (ms_identity_check (alice, MS_KEY_PURPOSE_SIGN, NULL));
	g_assert_true (ms_identity_check (alice, MS_KEY_PURPOSE_ENCRYPT, NULL));
	g_assert_false (ms_identity_expires_soon (alice, now));
	g_assert_null (ms_identity_warning (alice));

	const MsIdentity *old = find (keys, env ("ALICE_OLD_FPR"));
	g_assert_nonnull (old);
	g_assert_true (old->expired);
	g_assert_cmpint (old->expires, <=, now);
	char *reason = NULL;
	g_assert_false (ms_identity_check (old, MS_KEY_PURPOSE_SIGN, &reason));
	g_assert_nonnull (strstr (reason, "expired"));
	g_assert_nonnull (strstr (reason, old->fingerprint));
	g_free (reason);
	g_autofree char *warn_old = ms_identity_warning (old);
	g_assert_nonnull (strstr (warn_old, "expired"));

	const MsIdentity *revoked = find (keys, env ("ALICE_REVOKED_FPR"));
	g_assert_nonnull (revoked);
	g_assert_true (revoked->revoked);
	g_assert_false (ms_identity_check (revoked, MS_KEY_PURPOSE_SIGN, &reason));
	g_assert_nonnull (strstr (reason, "revoked"));
	g_free (reason);

	/* "Alice@example.com" is another local part: not listed. The domain
	 * is compared without case. */
	g_assert_null (find (keys, env ("ALICE_CASE_FPR")));
	g_autoptr (GPtrArray) again = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, "Alice <alice@Example.COM>", TRUE, NULL, NULL);
	g_assert_cmpuint (again->len, ==, 3);
	g_autoptr (GPtrArray) other_case = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, "Alice@example.com", TRUE, NULL, NULL);
	g_assert_cmpuint (other_case->len, ==, 1);
	g_assert_cmpstr (((MsIdentity *) g_ptr_array_index (other_case, 0))->fingerprint, ==, env ("ALICE_CASE_FPR"));

	/* Every key, and nobody's. */
	g_autoptr (GPtrArray) all = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, NULL, FALSE, NULL, NULL);
	g_assert_cmpuint (all->len, ==, 11);
	g_assert_nonnull (find (all, env ("CAROL_FPR")));
	g_autoptr (GPtrArray) secret = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, NULL, TRUE, NULL, NULL);
	g_assert_cmpuint (secret->len, ==, 10);
	g_assert_null (find (secret, env ("CAROL_FPR")));
	g_autoptr (GPtrArray) none = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, "nobody@example.com", TRUE, NULL, NULL);
	g_assert_cmpuint (none->len, ==, 0);
}

static void
test_openpgp_soon (void)
{
	g_autoptr (GPtrArray) keys = ms_identities_list (MS_KEY_PROTOCOL_OPENPGP, "soon@example.com", TRUE, NULL, NULL);
	g_assert_cmpuint (keys->len, ==, 1);
	const MsIdentity *soon = g_ptr_array_index (keys, 0);
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;
	g_assert_true (ms_identity_check (soon, MS_KEY_PURPOSE_SIGN, NULL));
	g_assert_true (ms_identity_expires_soon (soon, now));
	/* Not soon any more seen from a month earlier. */
	g_assert_false (ms_identity_expires_soon (soon, now - 30 * 86400));
	g_autofree char *warning = ms_identity_warning (soon);
	g_assert_nonnull (warning);
	g_assert_nonnull (strstr (warning, soon->fingerprint));
}

static void
check_choice (MsPolicy *p, MsPolicySetting setting, const char *address, const char *expected_fpr,
              int expected_error, const char *reason_word)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsIdentity) id = NULL;
	gboolean ok = ms_identities_choose (p, setting, address, &id, NULL, &error);
	if (expected_error < 0) {
		g_assert_no_error (error);
		g_assert_true (ok);
		if (expected_fpr == NULL)
			g_assert_null (id);
		else
			g_assert_cmpstr (id->fingerprint, ==, expected_fpr);
		return;
	}
	g_assert_false (ok);
	g_assert_null (id);
	g_assert_error (error, MS_POLICY_ERROR, expected_error);
	if (reason_word && strstr (error->message, reason_word) == NULL)
		g_error ("“%s” does not say “%s”", error->message, reason_word);
}

static void
test_openpgp_choose (void)
{
	const MsPolicySetting sign = MS_POLICY_SIGNING_IDENTITY, enc = MS_POLICY_ENCRYPTION_IDENTITY;
	g_autoptr (MsPolicy) by_addr = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_BY_ADDRESS, NULL);
	g_assert_true (ms_policy_set_identity (by_addr, enc, MS_IDENTITY_BY_ADDRESS, NULL, NULL));
	check_choice (by_addr, sign, "alice@example.com", env ("ALICE_FPR"), -1, NULL);
	check_choice (by_addr, enc, "Alice <alice@example.com>", env ("ALICE_FPR"), -1, NULL);
	/* Only unusable keys: refused, saying why; none at all: no identity. */
	check_choice (by_addr, sign, "exp@example.com", NULL, MS_POLICY_ERROR_UNUSABLE_IDENTITY, "expired");
	check_choice (by_addr, sign, "rev@example.com", NULL, MS_POLICY_ERROR_UNUSABLE_IDENTITY, "revoked");
	check_choice (by_addr, sign, "nobody@example.com", NULL, MS_POLICY_ERROR_NO_IDENTITY, "nobody@example.com");
	/* Someone else's key cannot be one's signing identity. */
	check_choice (by_addr, sign, "carol@example.org", NULL, MS_POLICY_ERROR_NO_IDENTITY, NULL);

	/* By fingerprint: exactly that key, if usable. */
	g_autoptr (MsPolicy) fixed = policy_for (MS_PRIVACY_PGP_INLINE, sign, MS_IDENTITY_FINGERPRINT, env ("BOB_FPR"));
	check_choice (fixed, sign, "alice@example.com", env ("BOB_FPR"), -1, NULL);
	g_autoptr (MsPolicy) old = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_FINGERPRINT, env ("ALICE_OLD_FPR"));
	check_choice (old, sign, "alice@example.com", NULL, MS_POLICY_ERROR_UNUSABLE_IDENTITY, "expired");
	g_autoptr (MsPolicy) rev = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_FINGERPRINT, env ("ALICE_REVOKED_FPR"));
	check_choice (rev, sign, "alice@example.com", NULL, MS_POLICY_ERROR_UNUSABLE_IDENTITY, "revoked");
	g_autoptr (MsPolicy) missing = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_FINGERPRINT,
	                                           "0123456789ABCDEF0123456789ABCDEF01234567");
	check_choice (missing, sign, "alice@example.com", NULL, MS_POLICY_ERROR_NO_IDENTITY, NULL);
	g_autoptr (MsPolicy) carol = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_FINGERPRINT, env ("CAROL_FPR"));
	check_choice (carol, sign, "carol@example.org", NULL, MS_POLICY_ERROR_NO_IDENTITY, NULL);

	/* Ask: nothing chosen, no error. Default: a usable secret key. */
	g_autoptr (MsPolicy) ask = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_ASK, NULL);
	check_choice (ask, sign, "alice@example.com", NULL, -1, NULL);
	g_autoptr (MsPolicy) def = policy_for (MS_PRIVACY_PGP_MIME, sign, MS_IDENTITY_DEFAULT, NULL);
	g_autoptr (MsIdentity) d = NULL;
	g_assert_true (ms_identities_choose (def, sign, "alice@example.com", &d, NULL, NULL));
	g_assert_true (ms_identity_check (d, MS_KEY_PURPOSE_SIGN, NULL));

	/* No privacy system: no key. */
	g_autoptr (MsPolicy) nothing = ms_policy_new ();
	check_choice (nothing, sign, "alice@example.com", NULL, MS_POLICY_ERROR_NO_IDENTITY, NULL);
}

static void
test_openpgp_recipients (void)
{
	const char *const addresses[] = {
		"Bob <bob@example.net>", "carol@example.org", "dave@example.org",
		"nobody@example.org", "alice@example.com", "Frank <frank@example.org>", NULL,
	};
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) r = ms_recipients_lookup (MS_KEY_PROTOCOL_OPENPGP, addresses, NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (r->len, ==, 6);
	MsRecipientKey *bob = g_ptr_array_index (r, 0), *carol = g_ptr_array_index (r, 1),
	               *dave = g_ptr_array_index (r, 2), *nobody = g_ptr_array_index (r, 3),
	               *alice = g_ptr_array_index (r, 4);
	g_assert_cmpstr (bob->address, ==, "bob@example.net");
	g_assert_cmpstr (bob->key->fingerprint, ==, env ("BOB_FPR"));
	g_assert_null (bob->problem);
	g_assert_null (carol->key);
	g_assert_nonnull (strstr (carol->problem, "not certified"));
	g_assert_null (dave->key);
	g_assert_nonnull (strstr (dave->problem, "expired"));
	g_assert_null (nobody->key);
	g_assert_nonnull (strstr (nobody->problem, "nobody@example.org"));
	g_assert_cmpstr (alice->key->fingerprint, ==, env ("ALICE_FPR"));
	MsRecipientKey *frank = g_ptr_array_index (r, 5);
	g_assert_null (frank->key);
	g_assert_nonnull (strstr (frank->problem, "disabled"));
	g_assert_nonnull (strstr (frank->problem, env ("FRANK_FPR")));

	g_auto (GStrv) without = ms_recipients_without_key (r);
	g_assert_cmpuint (g_strv_length (without), ==, 4);
	g_assert_cmpstr (without[0], ==, "carol@example.org");
	g_assert_cmpstr (without[1], ==, "dave@example.org");
	g_assert_cmpstr (without[2], ==, "nobody@example.org");
	g_assert_cmpstr (without[3], ==, "frank@example.org");

	/* The whole path: automatic encryption with these lookups. */
	g_autoptr (MsPolicy) p = ms_policy_new ();
	g_assert_true (ms_policy_set_system (p, MS_PRIVACY_PGP_MIME, NULL));
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_AUTO_ENCRYPT, TRUE, TRUE, NULL));
	g_auto (MsSendDecision) d1;
	g_assert_cmpint (ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, (const char *const *) without, &d1), ==, MS_SEND_OK);
	g_assert_nonnull (strstr (d1.reason, "dave@example.org"));
	const char *const keyed[] = { "bob@example.net", "Alice <alice@example.com>", NULL };
	g_autoptr (GPtrArray) r2 = ms_recipients_lookup (MS_KEY_PROTOCOL_OPENPGP, keyed, NULL, NULL);
	g_auto (GStrv) without2 = ms_recipients_without_key (r2);
	g_auto (MsSendDecision) d2;
	g_assert_cmpint (ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, (const char *const *) without2, &d2), ==, MS_SEND_ENCRYPT);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
	GAsyncResult **out = data;
	*out = g_object_ref (result);
}

static void
test_async_cancel (void)
{
	GAsyncResult *result = NULL;
	ms_identities_list_async (MS_KEY_PROTOCOL_OPENPGP, "alice@example.com", TRUE, NULL, done_cb, &result);
	while (result == NULL)
		g_main_context_iteration (NULL, TRUE);
	g_autoptr (GPtrArray) keys = ms_identities_list_finish (result, NULL);
	g_clear_object (&result);
	g_assert_cmpuint (keys->len, ==, 3);

	g_autoptr (GCancellable) c = g_cancellable_new ();
	g_cancellable_cancel (c);
	const char *const addrs[] = { "bob@example.net", NULL };
	ms_recipients_lookup_async (MS_KEY_PROTOCOL_OPENPGP, addrs, c, done_cb, &result);
	while (result == NULL)
		g_main_context_iteration (NULL, TRUE);
	g_autoptr (GError) error = NULL;
	g_assert_null (ms_recipients_lookup_finish (result, &error));
	g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_clear_object (&result);

	g_autoptr (MsPolicy) p = policy_for (MS_PRIVACY_PGP_MIME, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_BY_ADDRESS, NULL);
	ms_identities_choose_async (p, MS_POLICY_SIGNING_IDENTITY, "alice@example.com", NULL, done_cb, &result);
	while (result == NULL)
		g_main_context_iteration (NULL, TRUE);
	g_autoptr (MsIdentity) id = NULL;
	g_assert_true (ms_identities_choose_finish (result, &id, NULL));
	g_assert_cmpstr (id->fingerprint, ==, env ("ALICE_FPR"));
	g_clear_object (&result);
}

static void
test_cms (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) keys = ms_identities_list (MS_KEY_PROTOCOL_CMS, "alice@example.com", TRUE, NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (keys->len, ==, 2);
	const MsIdentity *alice = g_ptr_array_index (keys, 0);
	g_assert_cmpstr (alice->fingerprint, ==, env ("SMIME_ALICE_FPR"));
	g_assert_cmpint (alice->protocol, ==, MS_KEY_PROTOCOL_CMS);
	g_assert_cmpstr (alice->email, ==, "alice@example.com");
	g_assert_nonnull (strstr (alice->user_id, "CN=alice@example.com"));
	g_assert_nonnull (strstr (alice->issuer, "mailsetup Test CA"));
	g_assert_cmpint (alice->validity, ==, MS_KEY_VALIDITY_FULL);
	g_assert_true (alice->secret);
	g_assert_true (ms_identity_check (alice, MS_KEY_PURPOSE_SIGN, NULL));
	g_assert_true (ms_identity_check (alice, MS_KEY_PURPOSE_ENCRYPT, NULL));
	g_assert_cmpint (alice->expires, >, g_get_real_time () / G_USEC_PER_SEC);
	const MsIdentity *old = g_ptr_array_index (keys, 1);
	g_assert_cmpstr (old->fingerprint, ==, env ("SMIME_ALICE_OLD_FPR"));
	g_assert_true (old->expired);
	char *reason = NULL;
	g_assert_false (ms_identity_check (old, MS_KEY_PURPOSE_SIGN, &reason));
	g_assert_nonnull (strstr (reason, "2021-01-01"));
	g_free (reason);

	const MsPolicySetting sign = MS_POLICY_SIGNING_IDENTITY;
	g_autoptr (MsPolicy) by_addr = policy_for (MS_PRIVACY_SMIME, sign, MS_IDENTITY_BY_ADDRESS, NULL);
	check_choice (by_addr, sign, "alice@EXAMPLE.com", env ("SMIME_ALICE_FPR"), -1, NULL);
	check_choice (by_addr, sign, "bob@example.net", NULL, MS_POLICY_ERROR_NO_IDENTITY, NULL);
	g_autoptr (MsPolicy) old_p = policy_for (MS_PRIVACY_SMIME, sign, MS_IDENTITY_FINGERPRINT, env ("SMIME_ALICE_OLD_FPR"));
	check_choice (old_p, sign, "alice@example.com", NULL, MS_POLICY_ERROR_UNUSABLE_IDENTITY, "expired");
	g_autoptr (MsPolicy) fixed = policy_for (MS_PRIVACY_SMIME, sign, MS_IDENTITY_FINGERPRINT, env ("SMIME_ALICE_FPR"));
	check_choice (fixed, sign, "alice@example.com", env ("SMIME_ALICE_FPR"), -1, NULL);

	const char *const addresses[] = { "bob@example.net", "eve@example.org", "carol@example.org", NULL };
	g_autoptr (GPtrArray) r = ms_recipients_lookup (MS_KEY_PROTOCOL_CMS, addresses, NULL, &error);
	g_assert_no_error (error);
	MsRecipientKey *bob = g_ptr_array_index (r, 0), *eve = g_ptr_array_index (r, 1), *carol = g_ptr_array_index (r, 2);
	g_assert_cmpstr (bob->key->fingerprint, ==, env ("SMIME_BOB_FPR"));
	g_assert_cmpint (bob->key->validity, ==, MS_KEY_VALIDITY_FULL);
	g_assert_false (bob->key->secret);
	/* Eve's certificate comes from a CA nobody trusts here. */
	g_assert_null (eve->key);
	g_assert_nonnull (eve->problem);
	g_assert_null (carol->key);
	g_assert_nonnull (strstr (carol->problem, "No key"));
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/identities/openpgp/list", test_openpgp_list);
	g_test_add_func ("/identities/openpgp/expires-soon", test_openpgp_soon);
	g_test_add_func ("/identities/openpgp/choose", test_openpgp_choose);
	g_test_add_func ("/identities/openpgp/recipients", test_openpgp_recipients);
	g_test_add_func ("/identities/openpgp/async-cancel", test_async_cancel);
	g_test_add_func ("/identities/cms", test_cms);
	return g_test_run ();
}
