/* libFuzzer target: what mailsetup export reads from outside, a Claws Mail
 * accountrc (through the one reader, also fuzzed alone by fuzz-accountrc)
 * and a setup JSON, on any bytes (the first byte chooses), then the mutt
 * writer on every account read.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/export.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
write_all (const MsMailAccount *a)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *s = ms_mutt_write (a, MS_MUTT_NEOMUTT, "lookup %u %h %p %a", &error);
	g_assert ((s == NULL) == (error != NULL));
	if (s) {
		/* One statement a line: nothing read can start another. */
		g_auto (GStrv) lines = g_strsplit (s, "\n", -1);
		for (guint i = 0; lines[i]; i++)
			g_assert (lines[i][0] == '\0' || lines[i][0] == '#' || g_str_has_prefix (lines[i], "set "));
	}
	g_autofree char *m = ms_mutt_write (a, MS_MUTT_MUTT, NULL, NULL);
	(void) m;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;

	if (size == 0)
		return 0;
	const char *text = (const char *) data + 1;
	if (data[0] & 1) {
		g_autoptr (GPtrArray) accounts = ms_claws_accounts_parse (text, size - 1, &error);
		g_assert ((accounts == NULL) == (error != NULL));
		for (guint i = 0; accounts && i < accounts->len; i++) {
			g_autoptr (MsMailAccount) a = ms_mail_account_from_claws (accounts->pdata[i], NULL);
			if (a)
				write_all (a);
		}
	} else {
		g_autoptr (MsMailAccount) a = ms_mail_account_from_setup_json (text, size - 1, &error);
		g_assert ((a == NULL) == (error != NULL));
		if (a)
			write_all (a);
	}
	return 0;
}
