/* libFuzzer target: a policy layer read from any key file (site-wide
 * defaults come from administrators' files), then written and read again,
 * and mapped through Claws's keys.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *
save (const MsPolicy *p)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	ms_policy_save_keyfile (p, kf, "Privacy");
	return g_key_file_to_data (kf, NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	if (!g_key_file_load_from_data (kf, (const char *) data, size, G_KEY_FILE_NONE, NULL))
		return 0;
	g_autoptr (MsPolicy) p = ms_policy_new ();
	g_autofree char *before = save (p);
	g_autoptr (GError) error = NULL;
	if (!ms_policy_load_keyfile (p, kf, "Privacy", "fuzz", &error)) {
		g_assert (error != NULL && error->domain == MS_POLICY_ERROR &&
		          error->code == MS_POLICY_ERROR_INVALID && error->message[0] != '\0');
		/* Nothing half-read. */
		g_autofree char *after = save (p);
		g_assert (strcmp (before, after) == 0);
		return 0;
	}
	/* What was read writes out and reads back to the same layer. */
	g_autofree char *text = save (p);
	g_autoptr (GKeyFile) kf2 = g_key_file_new ();
	g_assert (g_key_file_load_from_data (kf2, text, -1, G_KEY_FILE_NONE, NULL));
	g_autoptr (MsPolicy) q = ms_policy_new ();
	g_assert (ms_policy_load_keyfile (q, kf2, "Privacy", NULL, NULL));
	g_autofree char *again = save (q);
	g_assert (strcmp (text, again) == 0);

	/* Claws's keys take whatever the model holds. */
	g_autoptr (GHashTable) prefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	ms_policy_to_claws (p, prefs);
	g_autoptr (MsPolicy) c = ms_policy_new ();
	g_assert (ms_policy_from_claws (c, prefs, NULL));
	g_assert (ms_policy_get_system (c) == ms_policy_get_system (p));

	/* The decisions hold for any policy. */
	MsComposeState st;
	ms_policy_compose_state (p, NULL, &st);
	const char *const none[] = { NULL };
	g_auto (MsSendDecision) d;
	ms_policy_check_send (p, NULL, st.sign, st.encrypt, FALSE, none, &d);
	g_assert (d.verdict != MS_SEND_REFUSED);
	return 0;
}
