/* The test message sent to the address itself: small, marked as
 * automatic, found again by its X-Mailsetup-Test header, in the user's
 * language in case it is seen before it is deleted.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/verify-run.h"

#include "core/i18n.h"

/* RFC 2047 for a header with non-ASCII text. */
static char *
encode_header (const char *text)
{
	for (const char *p = text; *p; p++)
		if ((guchar) *p >= 0x80) {
			g_autofree char *b64 = g_base64_encode ((const guchar *) text, strlen (text));
			return g_strdup_printf ("=?UTF-8?B?%s?=", b64);
		}
	return g_strdup (text);
}

/* RFC 5322 date, with English names whatever the locale. */
static char *
rfc5322_date (void)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	g_autoptr (GDateTime) now = g_date_time_new_now_local ();
	g_autofree char *rest = g_date_time_format (now, "%H:%M:%S %z");
	return g_strdup_printf ("%s, %02d %s %d %s", days[g_date_time_get_day_of_week (now) - 1],
	                        g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
	                        g_date_time_get_year (now), rest);
}

char *
_ms_test_message (const MsAddress *address, const char *token)
{
	const char *addr = ms_address_get_address (address);
	g_autofree char *subject = encode_header (_("Test message from the account setup (deleted automatically)"));
	g_autofree char *date = rfc5322_date ();
	const char *body = _("This message was sent by mailsetup to check that your account can send and "
	                     "receive mail. It is deleted as soon as it arrives; if you see it, you can "
	                     "delete it.");
	g_autoptr (GString) m = g_string_new (NULL);

	g_string_append_printf (m, "From: <%s>\r\nTo: <%s>\r\n", addr, addr);
	g_string_append_printf (m, "Subject: %s\r\nDate: %s\r\n", subject, date);
	g_string_append_printf (m, "Message-ID: <%s.mailsetup@%s>\r\n", token, ms_address_get_domain (address));
	g_string_append_printf (m, "X-Mailsetup-Test: %s\r\n", token);
	g_string_append (m, "Auto-Submitted: auto-generated\r\n");
	g_string_append (m, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n");
	g_string_append (m, "Content-Transfer-Encoding: 8bit\r\n\r\n");
	/* Lines under 78 characters, as RFC 5322 asks. */
	g_auto (GStrv) words = g_strsplit (body, " ", -1);
	gsize line = 0;
	for (guint i = 0; words[i]; i++) {
		gsize len = g_utf8_strlen (words[i], -1);
		if (line > 0 && line + 1 + len > 72) {
			g_string_append (m, "\r\n");
			line = 0;
		} else if (line > 0) {
			g_string_append_c (m, ' ');
			line++;
		}
		g_string_append (m, words[i]);
		line += len;
	}
	g_string_append (m, "\r\n");
	return g_string_free (g_steal_pointer (&m), FALSE);
}
