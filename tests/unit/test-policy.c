/* Unit tests of the signing/encryption policy: every rule with every
 * combination of value, per-message switch and lock; automatic encryption;
 * layers; the key file and Claws mappings, good and broken.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>
#include <glib/gstdio.h>

#define SITE "/etc/mailsetup/defaults.conf"

static const MsPolicySetting rules[] = {
	MS_POLICY_SIGN, MS_POLICY_ENCRYPT, MS_POLICY_SIGN_REPLY,
	MS_POLICY_ENCRYPT_REPLY, MS_POLICY_AUTO_ENCRYPT,
};

static MsPolicy *
policy_with (MsPrivacySystem system)
{
	MsPolicy *p = ms_policy_new ();
	g_assert_true (ms_policy_set_system (p, system, NULL));
	return p;
}

static char *
keyfile_text (const MsPolicy *p)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	ms_policy_save_keyfile (p, kf, "Privacy");
	return g_key_file_to_data (kf, NULL, NULL);
}

static void
test_defaults (void)
{
	g_autoptr (MsPolicy) p = ms_policy_new ();
	MsPolicyRule r;

	g_assert_cmpint (ms_policy_get_system (p), ==, MS_PRIVACY_NONE);
	/* Claws's own defaults: replies follow the message replied to. */
	ms_policy_get_rule (p, MS_POLICY_SIGN, &r);
	g_assert_false (r.value);
	g_assert_true (r.per_message_switch);
	ms_policy_get_rule (p, MS_POLICY_SIGN_REPLY, &r);
	g_assert_true (r.value);
	ms_policy_get_rule (p, MS_POLICY_ENCRYPT_REPLY, &r);
	g_assert_true (r.value);
	ms_policy_get_rule (p, MS_POLICY_AUTO_ENCRYPT, &r);
	g_assert_false (r.value);
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		g_assert_false (ms_policy_is_set (p, s));
		g_assert_false (ms_policy_is_locked (p, s, NULL));
		g_assert_cmpstr (ms_policy_setting_key (s), !=, "");
		g_assert_cmpstr (ms_policy_setting_label (s), !=, "");
	}
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_SIGNING_IDENTITY, NULL), ==, MS_IDENTITY_BY_ADDRESS);
	g_autofree char *text = keyfile_text (p);
	g_assert_null (strstr (text, "="));
	g_assert_true (G_TYPE_IS_BOXED (ms_policy_get_type ()));
}

static void
test_system_ids (void)
{
	MsPrivacySystem s;
	const char *ids[] = { "", "pgpmime", "pgpinline", "smime" };
	for (int i = 0; i < 4; i++) {
		g_assert_cmpstr (ms_privacy_system_to_id (i), ==, ids[i]);
		g_assert_true (ms_privacy_system_from_id (ids[i], &s));
		g_assert_cmpint (s, ==, i);
	}
	g_assert_true (ms_privacy_system_from_id ("none", &s));
	g_assert_cmpint (s, ==, MS_PRIVACY_NONE);
	g_assert_false (ms_privacy_system_from_id ("rot13", &s));
	g_assert_false (ms_privacy_system_from_id (NULL, &s));
	g_assert_true (ms_privacy_system_is_openpgp (MS_PRIVACY_PGP_MIME));
	g_assert_true (ms_privacy_system_is_openpgp (MS_PRIVACY_PGP_INLINE));
	g_assert_false (ms_privacy_system_is_openpgp (MS_PRIVACY_SMIME));
	g_assert_false (ms_privacy_system_is_openpgp (MS_PRIVACY_NONE));
}

/* sign and encrypt × default on/off × switch allowed/not × locked/not:
 * the compose window's toggles, the user's changes, and sending. */
static void
test_rule_matrix (void)
{
	const MsPolicySetting which[] = { MS_POLICY_SIGN, MS_POLICY_ENCRYPT };
	for (int w = 0; w < 2; w++)
	for (int value = 0; value < 2; value++)
	for (int sw = 0; sw < 2; sw++)
	for (int locked = 0; locked < 2; locked++) {
		MsPolicySetting rule = which[w];
		gboolean is_sign = rule == MS_POLICY_SIGN;
		g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_PGP_MIME);
		g_assert_true (ms_policy_set_rule (p, rule, value, sw, NULL));
		if (locked)
			ms_policy_lock (p, rule, TRUE, SITE);

		MsComposeState st;
		ms_policy_compose_state (p, NULL, &st);
		g_assert_cmpint (st.system, ==, MS_PRIVACY_PGP_MIME);
		g_assert_cmpint (is_sign ? st.sign : st.encrypt, ==, value);
		g_assert_cmpint (is_sign ? st.sign_switchable : st.encrypt_switchable, ==, !(value && !sw));
		/* The other toggle is untouched by this rule. */
		g_assert_false (is_sign ? st.encrypt : st.sign);
		g_assert_true (is_sign ? st.encrypt_switchable : st.sign_switchable);

		/* The user changing the account's default: only when unlocked. */
		g_autoptr (GError) error = NULL;
		gboolean ok = ms_policy_set_rule (p, rule, !value, sw, &error);
		if (locked) {
			g_assert_false (ok);
			g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_LOCKED);
			g_assert_nonnull (strstr (error->message, SITE));
			g_assert_nonnull (strstr (error->message, ms_policy_setting_label (rule)));
			g_autofree char *why = ms_policy_lock_reason (p, rule);
			g_assert_cmpstr (why, ==, error->message);
			/* Setting the same value again is no change and no error. */
			g_assert_true (ms_policy_set_rule (p, rule, value, sw, NULL));
		} else {
			g_assert_true (ok);
			g_assert_no_error (error);
			g_assert_null (ms_policy_lock_reason (p, rule));
			g_assert_true (ms_policy_set_rule (p, rule, value, sw, NULL));
		}
		MsPolicyRule r;
		ms_policy_get_rule (p, rule, &r);
		g_assert_cmpint (r.value, ==, value);
		g_assert_cmpint (r.per_message_switch, ==, sw);
		g_assert_cmpint (r.locked, ==, locked);
		g_assert_cmpstr (r.source, ==, locked ? SITE : NULL);

		/* Sending, with the toggle left on or off (recipients all have
		 * keys, so encryption is always possible). */
		const char *const all_keys[] = { NULL };
		for (int toggle = 0; toggle < 2; toggle++) {
			g_auto (MsSendDecision) d;
			MsSendVerdict v = ms_policy_check_send (p, NULL, is_sign ? toggle : FALSE,
			                                        is_sign ? FALSE : toggle, TRUE, all_keys, &d);
			gboolean refused = value && !sw && !toggle;
			g_assert_cmpint (v, ==, d.verdict);
			g_assert_cmpint (v, ==, refused ? MS_SEND_REFUSED : MS_SEND_OK);
			if (refused) {
				g_assert_nonnull (strstr (d.reason, ms_policy_setting_label (rule)));
				/* Who set it: the site when locked, else the account. */
				if (locked)
					g_assert_nonnull (strstr (d.reason, SITE));
				else
					g_assert_nonnull (strstr (d.reason, "account"));
			} else {
				g_assert_null (d.reason);
				g_assert_cmpint (is_sign ? d.sign : d.encrypt, ==, toggle);
			}
		}
	}
}

static void
test_reply_rules (void)
{
	MsComposeContext signed_msg = { .reply_to_signed = TRUE };
	MsComposeContext encrypted_msg = { .reply_to_encrypted = TRUE };
	MsComposeState st;

	for (int value = 0; value < 2; value++)
	for (int sw = 0; sw < 2; sw++) {
		g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_SMIME);
		g_assert_true (ms_policy_set_rule (p, MS_POLICY_SIGN_REPLY, value, sw, NULL));
		g_assert_true (ms_policy_set_rule (p, MS_POLICY_ENCRYPT_REPLY, value, sw, NULL));
		gboolean required = value && !sw;

		ms_policy_compose_state (p, &signed_msg, &st);
		g_assert_cmpint (st.sign, ==, value);
		g_assert_cmpint (st.sign_switchable, ==, !required);
		g_assert_false (st.encrypt);
		ms_policy_compose_state (p, &encrypted_msg, &st);
		g_assert_cmpint (st.encrypt, ==, value);
		g_assert_cmpint (st.encrypt_switchable, ==, !required);
		g_assert_false (st.sign);
		/* A new message: reply rules do not apply. */
		ms_policy_compose_state (p, NULL, &st);
		g_assert_false (st.sign);
		g_assert_false (st.encrypt);
		g_assert_true (st.sign_switchable && st.encrypt_switchable);

		const char *const keys_ok[] = { NULL };
		g_auto (MsSendDecision) d1;
		ms_policy_check_send (p, &signed_msg, FALSE, FALSE, FALSE, keys_ok, &d1);
		g_assert_cmpint (d1.verdict, ==, required ? MS_SEND_REFUSED : MS_SEND_OK);
		if (required)
			g_assert_nonnull (strstr (d1.reason, ms_policy_setting_label (MS_POLICY_SIGN_REPLY)));
		g_auto (MsSendDecision) d2;
		ms_policy_check_send (p, &encrypted_msg, FALSE, FALSE, FALSE, keys_ok, &d2);
		g_assert_cmpint (d2.verdict, ==, required ? MS_SEND_REFUSED : MS_SEND_OK);
		if (required)
			g_assert_nonnull (strstr (d2.reason, ms_policy_setting_label (MS_POLICY_ENCRYPT_REPLY)));
		g_auto (MsSendDecision) d3;
		ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, keys_ok, &d3);
		g_assert_cmpint (d3.verdict, ==, MS_SEND_OK);
	}
}

static void
test_no_system (void)
{
	g_autoptr (MsPolicy) p = ms_policy_new ();
	/* Rules on, but nothing to sign or encrypt with. */
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_SIGN, TRUE, FALSE, NULL));
	MsComposeState st;
	ms_policy_compose_state (p, NULL, &st);
	g_assert_false (st.sign || st.encrypt || st.sign_switchable || st.encrypt_switchable);
	g_auto (MsSendDecision) d;
	g_assert_cmpint (ms_policy_check_send (p, NULL, TRUE, FALSE, FALSE, NULL, &d), ==, MS_SEND_REFUSED);
	g_assert_nonnull (d.reason);
	g_auto (MsSendDecision) d2;
	g_assert_cmpint (ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, NULL, &d2), ==, MS_SEND_OK);
}

static void
test_auto_encrypt (void)
{
	const char *const all_keys[] = { NULL };
	const char *const missing[] = { "bob@example.net", "carol@example.org", NULL };

	for (int sw = 0; sw < 2; sw++) {
		g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_PGP_MIME);
		g_assert_true (ms_policy_set_rule (p, MS_POLICY_AUTO_ENCRYPT, TRUE, sw, NULL));
		MsComposeState st;
		ms_policy_compose_state (p, NULL, &st);
		g_assert_true (st.auto_encrypt);
		g_assert_false (st.encrypt);
		g_assert_true (st.encrypt_switchable);

		/* Everyone has a key: encrypted. */
		g_auto (MsSendDecision) d1;
		g_assert_cmpint (ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, all_keys, &d1), ==, MS_SEND_ENCRYPT);
		g_assert_true (d1.encrypt);
		g_assert_nonnull (d1.reason);
		g_assert_null (d1.missing_keys);

		/* Some lack a key: sent as the toggles say, and who lacked one. */
		g_auto (MsSendDecision) d2;
		g_assert_cmpint (ms_policy_check_send (p, NULL, TRUE, FALSE, FALSE, missing, &d2), ==, MS_SEND_OK);
		g_assert_false (d2.encrypt);
		g_assert_true (d2.sign);
		g_assert_nonnull (strstr (d2.reason, "bob@example.net"));
		g_assert_nonnull (strstr (d2.reason, "carol@example.org"));
		g_assert_cmpuint (g_strv_length (d2.missing_keys), ==, 2);

		/* Not looked up: nothing to decide on. */
		g_auto (MsSendDecision) d3;
		g_assert_cmpint (ms_policy_check_send (p, NULL, FALSE, FALSE, FALSE, NULL, &d3), ==, MS_SEND_OK);
		g_assert_false (d3.encrypt);
		g_assert_null (d3.reason);

		/* The user switched encryption off by hand: respected only when
		 * the per-message switch is allowed. */
		g_auto (MsSendDecision) d4;
		MsSendVerdict v = ms_policy_check_send (p, NULL, FALSE, FALSE, TRUE, all_keys, &d4);
		g_assert_cmpint (v, ==, sw ? MS_SEND_OK : MS_SEND_ENCRYPT);
		g_assert_cmpint (d4.encrypt, ==, !sw);
	}

	/* Auto-encryption off: nothing happens even when everyone has a key. */
	g_autoptr (MsPolicy) off = policy_with (MS_PRIVACY_PGP_MIME);
	g_auto (MsSendDecision) d5;
	g_assert_cmpint (ms_policy_check_send (off, NULL, FALSE, FALSE, FALSE, all_keys, &d5), ==, MS_SEND_OK);
	g_assert_false (d5.encrypt);
	g_assert_null (d5.reason);

	/* Encryption asked for, some keys missing: refused, naming them. */
	g_auto (MsSendDecision) d6;
	g_assert_cmpint (ms_policy_check_send (off, NULL, FALSE, TRUE, TRUE, missing, &d6), ==, MS_SEND_REFUSED);
	g_assert_nonnull (strstr (d6.reason, "bob@example.net"));
	g_assert_cmpuint (g_strv_length (d6.missing_keys), ==, 2);

	/* Encryption required by the site, keys missing, toggle forced off
	 * somehow: refused for the rule first. */
	g_autoptr (MsPolicy) req = policy_with (MS_PRIVACY_SMIME);
	g_assert_true (ms_policy_set_rule (req, MS_POLICY_ENCRYPT, TRUE, FALSE, NULL));
	ms_policy_lock (req, MS_POLICY_ENCRYPT, TRUE, "configuration profile ACME");
	g_auto (MsSendDecision) d7;
	g_assert_cmpint (ms_policy_check_send (req, NULL, FALSE, FALSE, FALSE, missing, &d7), ==, MS_SEND_REFUSED);
	g_assert_nonnull (strstr (d7.reason, "configuration profile ACME"));
}

static void
test_merge (void)
{
	g_autoptr (MsPolicy) site = ms_policy_new ();
	g_assert_true (ms_policy_set_system (site, MS_PRIVACY_SMIME, NULL));
	g_assert_true (ms_policy_set_rule (site, MS_POLICY_SIGN, TRUE, FALSE, NULL));
	g_assert_true (ms_policy_set_rule (site, MS_POLICY_ENCRYPT, FALSE, TRUE, NULL));
	ms_policy_set_source (site, SITE);
	ms_policy_lock (site, MS_POLICY_SIGN, TRUE, SITE);

	g_autoptr (MsPolicy) user = ms_policy_new ();
	g_assert_true (ms_policy_set_system (user, MS_PRIVACY_PGP_MIME, NULL));
	g_assert_true (ms_policy_set_rule (user, MS_POLICY_SIGN, FALSE, TRUE, NULL));
	g_assert_true (ms_policy_set_rule (user, MS_POLICY_ENCRYPT, TRUE, TRUE, NULL));

	g_autoptr (MsPolicy) m = ms_policy_merge (site, user);
	MsPolicyRule r;
	const char *source = NULL;
	/* Unlocked: the user's wins. */
	g_assert_cmpint (ms_policy_get_system (m), ==, MS_PRIVACY_PGP_MIME);
	ms_policy_get_rule (m, MS_POLICY_ENCRYPT, &r);
	g_assert_true (r.value);
	g_assert_null (r.source);
	/* Locked: the site's, switch included, with its source. */
	ms_policy_get_rule (m, MS_POLICY_SIGN, &r);
	g_assert_true (r.value);
	g_assert_false (r.per_message_switch);
	g_assert_true (r.locked);
	g_assert_true (ms_policy_is_locked (m, MS_POLICY_SIGN, &source));
	g_assert_cmpstr (source, ==, SITE);
	/* Set by neither: the default. */
	ms_policy_get_rule (m, MS_POLICY_SIGN_REPLY, &r);
	g_assert_true (r.value);
	g_assert_false (ms_policy_is_set (m, MS_POLICY_SIGN_REPLY));

	/* Set only below: shows through. */
	g_autoptr (MsPolicy) empty = ms_policy_new ();
	g_autoptr (MsPolicy) m2 = ms_policy_merge (site, empty);
	g_assert_cmpint (ms_policy_get_system (m2), ==, MS_PRIVACY_SMIME);
	ms_policy_get_rule (m2, MS_POLICY_ENCRYPT, &r);
	g_assert_false (r.value);
	g_assert_cmpstr (r.source, ==, SITE);

	/* Three layers: a profile may not undo the site's lock, and its own
	 * lock holds against the user. */
	g_autoptr (MsPolicy) profile = ms_policy_new ();
	g_assert_true (ms_policy_set_rule (profile, MS_POLICY_SIGN, FALSE, TRUE, NULL));
	g_assert_true (ms_policy_set_rule (profile, MS_POLICY_AUTO_ENCRYPT, TRUE, FALSE, NULL));
	ms_policy_lock (profile, MS_POLICY_AUTO_ENCRYPT, TRUE, "configuration profile ACME");
	g_autoptr (MsPolicy) user2 = ms_policy_new ();
	g_assert_true (ms_policy_set_rule (user2, MS_POLICY_AUTO_ENCRYPT, FALSE, TRUE, NULL));
	g_autoptr (MsPolicy) sp = ms_policy_merge (site, profile);
	g_autoptr (MsPolicy) spu = ms_policy_merge (sp, user2);
	ms_policy_get_rule (spu, MS_POLICY_SIGN, &r);
	g_assert_true (r.value);
	g_assert_cmpstr (r.source, ==, SITE);
	ms_policy_get_rule (spu, MS_POLICY_AUTO_ENCRYPT, &r);
	g_assert_true (r.value);
	g_assert_false (r.per_message_switch);
	g_assert_cmpstr (r.source, ==, "configuration profile ACME");

	/* A layer that only gives a switch (Apple's …PerMessageSwitch alone)
	 * keeps the lower value. */
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_assert_true (g_key_file_load_from_data (kf, "[P]\nencrypt-switch=false\n", -1, 0, NULL));
	g_autoptr (MsPolicy) only_switch = ms_policy_new ();
	g_assert_true (ms_policy_load_keyfile (only_switch, kf, "P", "profile", NULL));
	g_autoptr (MsPolicy) low = policy_with (MS_PRIVACY_SMIME);
	g_assert_true (ms_policy_set_rule (low, MS_POLICY_ENCRYPT, TRUE, TRUE, NULL));
	g_autoptr (MsPolicy) m3 = ms_policy_merge (low, only_switch);
	ms_policy_get_rule (m3, MS_POLICY_ENCRYPT, &r);
	g_assert_true (r.value);
	g_assert_false (r.per_message_switch);

	/* NULL layers. */
	g_autoptr (MsPolicy) n1 = ms_policy_merge (NULL, user);
	g_assert_cmpint (ms_policy_get_system (n1), ==, MS_PRIVACY_PGP_MIME);
	g_autoptr (MsPolicy) n2 = ms_policy_merge (NULL, NULL);
	g_assert_false (ms_policy_is_set (n2, MS_POLICY_SYSTEM));
}

static void
test_identity (void)
{
	g_autoptr (MsPolicy) p = ms_policy_new ();
	const char *fpr = NULL;
	g_autoptr (GError) error = NULL;

	g_assert_true (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_FINGERPRINT,
	                                       "0xabcd ef01 2345 6789 ABCD  EF01 2345 6789 abcd ef01", NULL));
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_SIGNING_IDENTITY, &fpr), ==, MS_IDENTITY_FINGERPRINT);
	g_assert_cmpstr (fpr, ==, "ABCDEF0123456789ABCDEF0123456789ABCDEF01");
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, &fpr), ==, MS_IDENTITY_BY_ADDRESS);
	g_assert_null (fpr);

	const char *bad[] = { NULL, "", "xyz", "1234567", "bob@example.com",
	                      "00000000000000000000000000000000000000000000000000000000000000001" };
	for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_clear_error (&error);
		g_assert_false (ms_policy_set_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, MS_IDENTITY_FINGERPRINT, bad[i], &error));
		g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID);
	}
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, NULL), ==, MS_IDENTITY_BY_ADDRESS);

	ms_policy_lock (p, MS_POLICY_SIGNING_IDENTITY, TRUE, SITE);
	g_clear_error (&error);
	g_assert_false (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_ASK, NULL, &error));
	g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_LOCKED);
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_FINGERPRINT,
	                                       "ABCDEF0123456789ABCDEF0123456789ABCDEF01", NULL));
	ms_policy_lock (p, MS_POLICY_SIGNING_IDENTITY, FALSE, NULL);
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_ASK, NULL, NULL));
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_SIGNING_IDENTITY, &fpr), ==, MS_IDENTITY_ASK);
	g_assert_null (fpr);

	/* A locked system. */
	ms_policy_lock (p, MS_POLICY_SYSTEM, TRUE, SITE);
	g_clear_error (&error);
	g_assert_false (ms_policy_set_system (p, MS_PRIVACY_SMIME, &error));
	g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_LOCKED);
	g_assert_true (ms_policy_set_system (p, MS_PRIVACY_NONE, NULL));
}

static void
test_keyfile_round_trip (void)
{
	g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_PGP_INLINE);
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_SIGN, TRUE, FALSE, NULL));
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_AUTO_ENCRYPT, TRUE, TRUE, NULL));
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_ENCRYPT_REPLY, FALSE, TRUE, NULL));
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_FINGERPRINT,
	                                       "ABCDEF0123456789ABCDEF0123456789ABCDEF01", NULL));
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, MS_IDENTITY_ASK, NULL, NULL));
	ms_policy_lock (p, MS_POLICY_SIGN, TRUE, SITE);
	ms_policy_lock (p, MS_POLICY_SYSTEM, TRUE, SITE);

	g_autofree char *text = keyfile_text (p);
	g_assert_nonnull (strstr (text, "privacy-system=pgpinline\n"));
	g_assert_nonnull (strstr (text, "sign=true\n"));
	g_assert_nonnull (strstr (text, "sign-switch=false\n"));
	g_assert_nonnull (strstr (text, "sign-locked=true\n"));
	g_assert_nonnull (strstr (text, "encryption-identity=ask\n"));
	/* Unset settings are not written: the layer below shows through. */
	g_assert_null (strstr (text, "sign-reply"));
	g_assert_null (strstr (text, "\nencrypt="));

	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_assert_true (g_key_file_load_from_data (kf, text, -1, 0, NULL));
	g_autoptr (MsPolicy) q = ms_policy_new ();
	g_assert_true (ms_policy_load_keyfile (q, kf, "Privacy", "/etc/x.conf", NULL));
	g_autofree char *again = keyfile_text (q);
	g_assert_cmpstr (text, ==, again);
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++)
		g_assert_cmpint (ms_policy_is_set (q, s), ==, ms_policy_is_set (p, s));
	const char *source = NULL;
	g_assert_true (ms_policy_is_locked (q, MS_POLICY_SIGN, &source));
	g_assert_cmpstr (source, ==, "/etc/x.conf");
	MsPolicyRule r;
	ms_policy_get_rule (q, MS_POLICY_AUTO_ENCRYPT, &r);
	g_assert_true (r.value && r.per_message_switch && !r.locked);
	g_assert_cmpstr (r.source, ==, "/etc/x.conf");
	/* Not in the file: no source. */
	ms_policy_get_rule (q, MS_POLICY_SIGN_REPLY, &r);
	g_assert_null (r.source);

	/* A missing group is an empty layer, not an error. */
	g_autoptr (MsPolicy) e = ms_policy_new ();
	g_assert_true (ms_policy_load_keyfile (e, kf, "Nothing", NULL, NULL));
	g_assert_false (ms_policy_is_set (e, MS_POLICY_SYSTEM));
	/* Values are read case-insensitively, with 1/0 and spaces allowed. */
	g_autoptr (GKeyFile) kf2 = g_key_file_new ();
	g_assert_true (g_key_file_load_from_data (kf2, "[P]\nprivacy-system = SMIME \nencrypt=1\nauto-encrypt=False\n"
	                                          "signing-identity=By-Address\nsome-future-key=whatever\n", -1, 0, NULL));
	g_autoptr (MsPolicy) f = ms_policy_new ();
	g_assert_true (ms_policy_load_keyfile (f, kf2, "P", NULL, NULL));
	g_assert_cmpint (ms_policy_get_system (f), ==, MS_PRIVACY_SMIME);
	ms_policy_get_rule (f, MS_POLICY_ENCRYPT, &r);
	g_assert_true (r.value);
	g_assert_true (ms_policy_is_set (f, MS_POLICY_AUTO_ENCRYPT));
	g_assert_true (ms_policy_is_set (f, MS_POLICY_SIGNING_IDENTITY));
}

static void
test_keyfile_broken (void)
{
	static const struct { const char *line, *key; } cases[] = {
		{ "privacy-system=rot13", "privacy-system" },
		{ "privacy-system=", "privacy-system" },
		{ "sign=yes", "sign" },
		{ "encrypt=2", "encrypt" },
		{ "sign-reply=", "sign-reply" },
		{ "encrypt-reply=truee", "encrypt-reply" },
		{ "auto-encrypt=on", "auto-encrypt" },
		{ "sign-switch=maybe", "sign-switch" },
		{ "auto-encrypt-locked=locked", "auto-encrypt-locked" },
		{ "privacy-system-locked=x", "privacy-system-locked" },
		{ "signing-identity=bob@example.com", "signing-identity" },
		{ "encryption-identity=ABCDEFG", "encryption-identity" },
		{ "signing-identity-locked=sure", "signing-identity-locked" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autofree char *data = g_strdup_printf ("[Privacy]\nsign=true\n%s\n", cases[i].line);
		/* "privacy-system=" is the empty id, which is none: valid. */
		if (strcmp (cases[i].line, "privacy-system=") == 0)
			continue;
		g_autoptr (GKeyFile) kf = g_key_file_new ();
		g_assert_true (g_key_file_load_from_data (kf, data, -1, 0, NULL));
		g_autoptr (MsPolicy) p = ms_policy_new ();
		g_autofree char *before = keyfile_text (p);
		g_autoptr (GError) error = NULL;
		g_assert_false (ms_policy_load_keyfile (p, kf, "Privacy", SITE, &error));
		g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID);
		g_autofree char *needle = g_strdup_printf (" %s:", cases[i].key);
		if (strstr (error->message, needle) == NULL)
			g_error ("%s: message “%s” does not name the key", cases[i].line, error->message);
		/* Nothing half-read: the layer is as it was. */
		g_autofree char *after = keyfile_text (p);
		g_assert_cmpstr (before, ==, after);
	}
}

static void
test_load_file (void)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *dir = g_dir_make_tmp ("ms-policy-XXXXXX", &error);
	g_assert_no_error (error);
	g_autofree char *path = g_build_filename (dir, "defaults.conf", NULL);

	/* No file: no site defaults, no error. */
	g_autoptr (MsPolicy) p = ms_policy_new ();
	g_assert_true (ms_policy_load_file (p, path, "Privacy", &error));
	g_assert_no_error (error);
	g_assert_false (ms_policy_is_set (p, MS_POLICY_SYSTEM));

	g_assert_true (g_file_set_contents (path, "# site\n[Privacy]\nprivacy-system=smime\nsign=true\nsign-locked=true\n", -1, NULL));
	g_assert_true (ms_policy_load_file (p, path, "Privacy", &error));
	g_assert_no_error (error);
	g_assert_cmpint (ms_policy_get_system (p), ==, MS_PRIVACY_SMIME);
	const char *source = NULL;
	g_assert_true (ms_policy_is_locked (p, MS_POLICY_SIGN, &source));
	g_assert_cmpstr (source, ==, path);

	/* Not a key file: an error naming the file; the layer unchanged. */
	g_assert_true (g_file_set_contents (path, "privacy-system=pgpmime\n", -1, NULL));
	g_assert_false (ms_policy_load_file (p, path, "Privacy", &error));
	g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID);
	g_assert_nonnull (strstr (error->message, path));
	g_assert_cmpint (ms_policy_get_system (p), ==, MS_PRIVACY_SMIME);
	g_clear_error (&error);

	/* A directory cannot be read: the file error, as it is. */
	g_assert_false (ms_policy_load_file (p, dir, "Privacy", &error));
	g_assert_nonnull (error);
	g_assert_true (error->domain == G_FILE_ERROR || error->domain == MS_POLICY_ERROR);
	g_clear_error (&error);

	g_assert_cmpint (g_unlink (path), ==, 0);
	g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_claws (void)
{
	g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_SMIME);
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_SIGN, TRUE, FALSE, NULL));
	g_assert_true (ms_policy_set_rule (p, MS_POLICY_ENCRYPT_REPLY, FALSE, TRUE, NULL));
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_FINGERPRINT,
	                                       "ABCDEF0123456789ABCDEF0123456789ABCDEF01", NULL));
	g_autoptr (GHashTable) prefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	ms_policy_to_claws (p, prefs);
	g_assert_cmpstr (g_hash_table_lookup (prefs, "default_privacy_system"), ==, "smime");
	g_assert_cmpstr (g_hash_table_lookup (prefs, "default_sign"), ==, "1");
	g_assert_cmpstr (g_hash_table_lookup (prefs, "default_encrypt"), ==, "0");
	g_assert_cmpstr (g_hash_table_lookup (prefs, "default_sign_reply"), ==, "1");
	g_assert_cmpstr (g_hash_table_lookup (prefs, "default_encrypt_reply"), ==, "0");
	g_assert_cmpstr (g_hash_table_lookup (prefs, "privacy_prefs/smime"), ==,
	                 "CUSTOM;ABCDEF0123456789ABCDEF0123456789ABCDEF01");
	g_assert_null (g_hash_table_lookup (prefs, "privacy_prefs/gpg"));
	g_assert_cmpuint (g_hash_table_size (prefs), ==, 6);

	g_autoptr (MsPolicy) q = ms_policy_new ();
	g_assert_true (ms_policy_from_claws (q, prefs, NULL));
	g_assert_cmpint (ms_policy_get_system (q), ==, MS_PRIVACY_SMIME);
	MsPolicyRule r;
	ms_policy_get_rule (q, MS_POLICY_SIGN, &r);
	g_assert_true (r.value);
	/* Claws holds no switch: the default one. */
	g_assert_true (r.per_message_switch);
	ms_policy_get_rule (q, MS_POLICY_ENCRYPT_REPLY, &r);
	g_assert_false (r.value);
	const char *fpr;
	g_assert_cmpint (ms_policy_get_identity (q, MS_POLICY_SIGNING_IDENTITY, &fpr), ==, MS_IDENTITY_FINGERPRINT);
	g_assert_cmpstr (fpr, ==, "ABCDEF0123456789ABCDEF0123456789ABCDEF01");
	g_assert_false (ms_policy_is_set (q, MS_POLICY_AUTO_ENCRYPT));

	/* OpenPGP: the "gpg" entry; "ask" has no Claws form: BY_FROM. */
	g_autoptr (MsPolicy) g = policy_with (MS_PRIVACY_PGP_MIME);
	g_assert_true (ms_policy_set_identity (g, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_ASK, NULL, NULL));
	g_hash_table_remove_all (prefs);
	ms_policy_to_claws (g, prefs);
	g_assert_cmpstr (g_hash_table_lookup (prefs, "privacy_prefs/gpg"), ==, "BY_FROM");
	g_assert_true (ms_policy_set_identity (g, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_DEFAULT, NULL, NULL));
	ms_policy_to_claws (g, prefs);
	g_assert_cmpstr (g_hash_table_lookup (prefs, "privacy_prefs/gpg"), ==, "DEFAULT");
	g_autoptr (MsPolicy) g2 = ms_policy_new ();
	g_assert_true (ms_policy_from_claws (g2, prefs, NULL));
	g_assert_cmpint (ms_policy_get_identity (g2, MS_POLICY_SIGNING_IDENTITY, NULL), ==, MS_IDENTITY_DEFAULT);

	/* What Claws really writes: "TRUE"-less 0/1, empty system. */
	g_autoptr (GHashTable) real = g_hash_table_new (g_str_hash, g_str_equal);
	g_hash_table_insert (real, "default_privacy_system", "");
	g_hash_table_insert (real, "default_sign", "0");
	g_autoptr (MsPolicy) n = ms_policy_new ();
	g_assert_true (ms_policy_from_claws (n, real, NULL));
	g_assert_cmpint (ms_policy_get_system (n), ==, MS_PRIVACY_NONE);
	g_assert_true (ms_policy_is_set (n, MS_POLICY_SIGN));
	g_assert_false (ms_policy_is_set (n, MS_POLICY_ENCRYPT));

	static const struct { const char *key, *value; } bad[] = {
		{ "default_privacy_system", "rot13" },
		{ "default_sign", "yes" },
		{ "default_encrypt", "" },
		{ "default_sign_reply", "2" },
		{ "default_encrypt_reply", "TRUEISH" },
		{ "privacy_prefs/gpg", "CUSTOM;" },
		{ "privacy_prefs/gpg", "CUSTOM;bob@example.com" },
		{ "privacy_prefs/gpg", "SOMETIMES" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr (GHashTable) t = g_hash_table_new (g_str_hash, g_str_equal);
		g_hash_table_insert (t, "default_privacy_system", "pgpmime");
		g_hash_table_insert (t, (char *) bad[i].key, (char *) bad[i].value);
		g_autoptr (MsPolicy) b = ms_policy_new ();
		g_autoptr (GError) error = NULL;
		g_assert_false (ms_policy_from_claws (b, t, &error));
		g_assert_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID);
		g_assert_nonnull (strstr (error->message, bad[i].key));
		g_assert_false (ms_policy_is_set (b, MS_POLICY_SYSTEM));
	}
}

static void
test_copy (void)
{
	g_autoptr (MsPolicy) p = policy_with (MS_PRIVACY_PGP_MIME);
	g_assert_true (ms_policy_set_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, MS_IDENTITY_FINGERPRINT,
	                                       "0123456789ABCDEF", NULL));
	ms_policy_lock (p, MS_POLICY_ENCRYPT, TRUE, SITE);
	g_autoptr (MsPolicy) c = ms_policy_copy (p);
	g_autofree char *a = keyfile_text (p);
	g_autofree char *b = keyfile_text (c);
	g_assert_cmpstr (a, ==, b);
	/* Deep: changing the copy leaves the original. */
	g_assert_true (ms_policy_set_identity (c, MS_POLICY_ENCRYPTION_IDENTITY, MS_IDENTITY_ASK, NULL, NULL));
	const char *fpr;
	g_assert_cmpint (ms_policy_get_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, &fpr), ==, MS_IDENTITY_FINGERPRINT);
	g_assert_cmpstr (fpr, ==, "0123456789ABCDEF");
	for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
		g_assert_true (ms_policy_setting_is_rule (rules[i]));
	g_assert_false (ms_policy_setting_is_rule (MS_POLICY_SYSTEM));
	g_assert_false (ms_policy_setting_is_rule (MS_POLICY_SIGNING_IDENTITY));
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/policy/defaults", test_defaults);
	g_test_add_func ("/policy/system-ids", test_system_ids);
	g_test_add_func ("/policy/rule-matrix", test_rule_matrix);
	g_test_add_func ("/policy/reply-rules", test_reply_rules);
	g_test_add_func ("/policy/no-system", test_no_system);
	g_test_add_func ("/policy/auto-encrypt", test_auto_encrypt);
	g_test_add_func ("/policy/merge", test_merge);
	g_test_add_func ("/policy/identity", test_identity);
	g_test_add_func ("/policy/keyfile-round-trip", test_keyfile_round_trip);
	g_test_add_func ("/policy/keyfile-broken", test_keyfile_broken);
	g_test_add_func ("/policy/load-file", test_load_file);
	g_test_add_func ("/policy/claws", test_claws);
	g_test_add_func ("/policy/copy", test_copy);
	return g_test_run ();
}
