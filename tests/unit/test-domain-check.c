/* Unit tests of the domain check's pure parts: from hand-made facts (what
 * sources answered, SRV records, what servers showed) to findings and to
 * the configuration worth publishing; the SRV and .mobileconfig writers;
 * the reader of `setup --json` results.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <string.h>
#include <mailsetup/mailsetup.h>
#include "check/check-run.h"

/* --- facts ---------------------------------------------------------------- */

static MsDomainCheck *
facts (const char *domain)
{
	MsDomainCheck *c = _ms_domain_check_new (domain);
	c->discovered = TRUE;
	return c;
}

static MsConfig *
config_of (MsProtocol protocol, const char *host, guint16 port, MsSocketType socket_type, MsSource source)
{
	MsConfig *config = ms_config_new ();
	g_autoptr (MsServer) s = ms_server_new (protocol, host, port, socket_type);
	ms_server_set_source (s, source, MS_TRUST_HIGH);
	ms_config_add_server (config, s);
	return config;
}

/* An answer of @source that found one server. */
static void
found (MsDomainCheck *c, MsSource source, const char *code, const char *target, MsProtocol protocol, const char *host,
       guint16 port, MsSocketType socket_type)
{
	g_autoptr (MsConfig) config = config_of (protocol, host, port, socket_type, source);
	_ms_check_answer_add (c, source, code, MS_DISCOVERY_STATE_FOUND, target, config, NULL);
}

static void
failed (MsDomainCheck *c, MsSource source, const char *code, const char *target, const char *error_code)
{
	MsCheckAnswer *a = _ms_check_answer_add (c, source, code, MS_DISCOVERY_STATE_FAILED, target, NULL, error_code);
	a->message = g_strdup_printf ("%s failed", target);
}

static MsCheckEndpoint *
works (MsDomainCheck *c, MsProtocol protocol, const char *host, guint16 port, MsSocketType socket_type, guint found_by)
{
	MsCheckEndpoint *e = _ms_check_endpoint_get (c, protocol, host, port, socket_type == MS_SOCKET_TLS, found_by);
	e->ok = TRUE;
	e->socket_type = socket_type;
	return e;
}

static MsCheckEndpoint *
fails (MsDomainCheck *c, MsProtocol protocol, const char *host, guint16 port, MsDiagnosisCode diagnosis, guint found_by)
{
	MsCheckEndpoint *e = _ms_check_endpoint_get (c, protocol, host, port, port == 993 || port == 995 || port == 465,
	                                             found_by);
	e->ok = FALSE;
	e->diagnosis = diagnosis;
	e->detail = g_strdup ("the reason");
	return e;
}

static void
all_srv_missing (MsDomainCheck *c)
{
	const char *names[] = { "_imaps._tcp.", "_imap._tcp.", "_pop3s._tcp.", "_pop3._tcp.", "_submissions._tcp.",
	                        "_submission._tcp." };
	for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
		g_autofree char *name = g_strconcat (names[i], c->domain, NULL);
		_ms_check_srv_add (c, name, FALSE, FALSE, 0, 0, 0, NULL);
	}
}

/* The domain that does everything right: autoconfig over HTTPS, SRV
 * records inside the domain, implicit TLS with valid certificates. */
static MsDomainCheck *
clean (void)
{
	MsDomainCheck *c = facts ("exemple.test");
	guint autoconfig = MS_SOURCE_FLAG (MS_SOURCE_AUTOCONFIG) | MS_SOURCE_FLAG (MS_SOURCE_SRV);

	found (c, MS_SOURCE_AUTOCONFIG, "autoconfig-https", "https://autoconfig.exemple.test/mail/config-v1.1.xml",
	       MS_PROTOCOL_IMAP, "mail.%EMAILDOMAIN%", 993, MS_SOCKET_TLS);
	found (c, MS_SOURCE_SRV, "srv-imaps", "_imaps._tcp.exemple.test", MS_PROTOCOL_IMAP, "mail.exemple.test", 993,
	       MS_SOCKET_TLS);
	_ms_check_srv_add (c, "_imaps._tcp.exemple.test", TRUE, FALSE, 0, 1, 993, "mail.exemple.test");
	_ms_check_srv_add (c, "_submissions._tcp.exemple.test", TRUE, FALSE, 0, 1, 465, "mail.exemple.test");
	works (c, MS_PROTOCOL_IMAP, "mail.exemple.test", 993, MS_SOCKET_TLS, autoconfig);
	works (c, MS_PROTOCOL_SMTP, "mail.exemple.test", 465, MS_SOCKET_TLS, autoconfig);
	return c;
}

/* The finding of @code, asserted to be there once. */
static const MsFinding *
finding (MsDomainCheck *c, MsFindingCode code)
{
	const MsFinding *match = NULL;
	for (guint i = 0; i < c->findings->len; i++) {
		const MsFinding *f = g_ptr_array_index (c->findings, i);
		if (f->code != code)
			continue;
		g_assert_null (match);
		match = f;
		g_assert_true (f->explanation && *f->explanation && f->fix && *f->fix);
	}
	if (match == NULL) {
		for (guint i = 0; i < c->findings->len; i++)
			g_test_message ("found: %s", ms_finding_code_to_string (((MsFinding *) g_ptr_array_index (c->findings, i))->code));
		g_error ("no %s finding", ms_finding_code_to_string (code));
	}
	return match;
}

static gboolean
has (MsDomainCheck *c, MsFindingCode code)
{
	for (guint i = 0; i < c->findings->len; i++)
		if (((MsFinding *) g_ptr_array_index (c->findings, i))->code == code)
			return TRUE;
	return FALSE;
}

static void
test_clean (void)
{
	g_autoptr (MsDomainCheck) c = clean ();
	_ms_domain_check_analyse (c);
	g_assert_cmpuint (c->findings->len, ==, 0);
	g_assert_cmpint (ms_domain_check_get_worst (c), ==, -1);
	g_assert_nonnull (ms_domain_check_get_config (c));
	g_assert_cmpuint (ms_config_get_incoming (c->proven)->len, ==, 1);
	g_assert_cmpuint (ms_config_get_outgoing (c->proven)->len, ==, 1);
}

static void
test_nothing (void)
{
	g_autoptr (MsDomainCheck) c = facts ("rien.test");
	all_srv_missing (c);
	_ms_check_answer_add (c, MS_SOURCE_ISPDB, "ispdb", MS_DISCOVERY_STATE_NOTHING, "https://ispdb/rien.test", NULL, NULL);
	/* The implicit port the check tried itself does not count. */
	fails (c, MS_PROTOCOL_IMAP, "rien.test", 993, MS_DIAGNOSIS_CONNECTION_REFUSED, 0);
	_ms_domain_check_analyse (c);
	g_assert_cmpuint (c->findings->len, ==, 1);
	g_assert_cmpint (finding (c, MS_FINDING_NOTHING_FOUND)->severity, ==, MS_SEVERITY_ERROR);
	g_assert_null (ms_domain_check_get_config (c));
}

static void
test_autoconfig (void)
{
	g_autoptr (MsDomainCheck) missing = clean ();
	g_ptr_array_remove_index (missing->answers, 0);
	failed (missing, MS_SOURCE_AUTOCONFIG, "autoconfig-https", "https://autoconfig.exemple.test/x", "http-failed");
	_ms_domain_check_analyse (missing);
	g_assert_cmpint (finding (missing, MS_FINDING_AUTOCONFIG_MISSING)->severity, ==, MS_SEVERITY_WARNING);
	g_assert_nonnull (strstr (finding (missing, MS_FINDING_AUTOCONFIG_MISSING)->fix,
	                          "https://exemple.test/.well-known/autoconfig/mail/config-v1.1.xml"));

	g_autoptr (MsDomainCheck) plain = clean ();
	g_ptr_array_remove_index (plain->answers, 0);
	found (plain, MS_SOURCE_AUTOCONFIG, "autoconfig-http", "http://autoconfig.exemple.test/mail/config-v1.1.xml",
	       MS_PROTOCOL_IMAP, "mail.exemple.test", 993, MS_SOCKET_TLS);
	_ms_domain_check_analyse (plain);
	g_assert_cmpstr (finding (plain, MS_FINDING_AUTOCONFIG_HTTP_ONLY)->subject, ==,
	                 "http://autoconfig.exemple.test/mail/config-v1.1.xml");
	g_assert_false (has (plain, MS_FINDING_AUTOCONFIG_MISSING));

	/* A bad certificate on one URL while the other serves the file. */
	g_autoptr (MsDomainCheck) cert = clean ();
	failed (cert, MS_SOURCE_AUTOCONFIG, "autoconfig-wellknown",
	        "https://exemple.test/.well-known/autoconfig/mail/config-v1.1.xml?x=1", "http-certificate");
	_ms_domain_check_analyse (cert);
	const MsFinding *f = finding (cert, MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE);
	g_assert_cmpstr (f->subject, ==, "https://exemple.test/.well-known/autoconfig/mail/config-v1.1.xml");
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_WARNING);
	g_assert_nonnull (strstr (f->fix, "exemple.test"));
	g_assert_false (has (cert, MS_FINDING_AUTOCONFIG_MISSING));

	/* ...an error when no URL serves it: no client gets the file. */
	g_autoptr (MsDomainCheck) only = clean ();
	g_ptr_array_remove_index (only->answers, 0);
	failed (only, MS_SOURCE_AUTOCONFIG, "autoconfig-https", "https://autoconfig.exemple.test/mail/config-v1.1.xml?e=x",
	        "http-certificate");
	_ms_domain_check_analyse (only);
	f = finding (only, MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE);
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_ERROR);
	g_assert_nonnull (strstr (f->fix, "autoconfig.exemple.test"));
	g_assert_true (has (only, MS_FINDING_AUTOCONFIG_MISSING));
}

static void
test_srv (void)
{
	/* Missing: for information when autoconfig serves, with the records. */
	g_autoptr (MsDomainCheck) info = clean ();
	g_ptr_array_set_size (info->srv, 0);
	all_srv_missing (info);
	_ms_domain_check_analyse (info);
	const MsFinding *f = finding (info, MS_FINDING_SRV_MISSING);
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_INFO);
	g_assert_nonnull (strstr (f->fix, "_imaps._tcp.exemple.test. 3600 IN SRV 0 1 993 mail.exemple.test.\n"));
	g_assert_nonnull (strstr (f->fix, "_pop3._tcp.exemple.test. 3600 IN SRV 0 0 0 .\n"));

	g_assert_null (strstr (f->fix, "DNSSEC"));

	/* Records to a provider's host outside the domain need DNSSEC. */
	g_autoptr (MsDomainCheck) provider = clean ();
	g_ptr_array_set_size (provider->srv, 0);
	all_srv_missing (provider);
	works (provider, MS_PROTOCOL_POP3, "pop.hebergeur.test", 995, MS_SOCKET_TLS, MS_SOURCE_FLAG (MS_SOURCE_MX));
	_ms_domain_check_analyse (provider);
	f = finding (provider, MS_FINDING_SRV_MISSING);
	g_assert_nonnull (strstr (f->fix, "DNSSEC"));
	g_assert_nonnull (strstr (f->fix, "_pop3s._tcp.exemple.test. 3600 IN SRV 0 1 995 pop.hebergeur.test.\n"));

	/* ...a warning when nothing else is published. */
	g_autoptr (MsDomainCheck) warning = clean ();
	g_ptr_array_set_size (warning->srv, 0);
	g_ptr_array_set_size (warning->answers, 0);
	all_srv_missing (warning);
	_ms_domain_check_analyse (warning);
	g_assert_cmpint (finding (warning, MS_FINDING_SRV_MISSING)->severity, ==, MS_SEVERITY_WARNING);

	/* Outside the domain: a finding without DNSSEC, none with it. */
	g_autoptr (MsDomainCheck) outside = clean ();
	_ms_check_srv_add (outside, "_submission._tcp.exemple.test", TRUE, FALSE, 0, 1, 587, "relay.ailleurs.test");
	_ms_check_srv_add (outside, "_pop3s._tcp.exemple.test", TRUE, TRUE, 0, 1, 995, "pop.ailleurs.test");
	/* "." and a name that only ends like the domain. */
	_ms_check_srv_add (outside, "_imap._tcp.exemple.test", TRUE, FALSE, 0, 0, 0, "");
	_ms_check_srv_add (outside, "_pop3._tcp.exemple.test", TRUE, FALSE, 0, 1, 110, "autreexemple.test");
	_ms_domain_check_analyse (outside);
	guint n = 0;
	for (guint i = 0; i < outside->findings->len; i++) {
		const MsFinding *o = g_ptr_array_index (outside->findings, i);
		if (o->code != MS_FINDING_SRV_OUTSIDE_DOMAIN)
			continue;
		g_assert_true (strstr (o->evidence, "relay.ailleurs.test") || strstr (o->evidence, "autreexemple.test"));
		n++;
	}
	g_assert_cmpuint (n, ==, 2);

	/* An SRV target whose certificate names another host. */
	g_autoptr (MsDomainCheck) mismatch = clean ();
	MsCheckEndpoint *e = fails (mismatch, MS_PROTOCOL_POP3, "pop.exemple.test", 995, MS_DIAGNOSIS_CERT_WRONG_NAME,
	                            MS_SOURCE_FLAG (MS_SOURCE_SRV));
	e->names = g_strsplit ("ssl0.hebergeur.test,*.hebergeur.test", ",", -1);
	_ms_domain_check_analyse (mismatch);
	f = finding (mismatch, MS_FINDING_SRV_CERTIFICATE_MISMATCH);
	g_assert_nonnull (strstr (f->explanation, "ssl0.hebergeur.test, *.hebergeur.test"));
	g_assert_nonnull (strstr (f->fix, "pop.exemple.test"));
	g_assert_false (has (mismatch, MS_FINDING_CERT_WRONG_NAME));
}

static void
test_certificates (void)
{
	g_autoptr (MsDomainCheck) c = clean ();
	guint probe = MS_SOURCE_FLAG (MS_SOURCE_PROBE), named = MS_SOURCE_FLAG (MS_SOURCE_AUTOCONFIG);
	/* One host, two ports, the same wrong name: one finding. */
	MsCheckEndpoint *a = fails (c, MS_PROTOCOL_IMAP, "mail2.exemple.test", 993, MS_DIAGNOSIS_CERT_WRONG_NAME, probe);
	MsCheckEndpoint *b = fails (c, MS_PROTOCOL_SMTP, "mail2.exemple.test", 465, MS_DIAGNOSIS_CERT_WRONG_NAME, probe);
	a->names = g_strsplit ("ssl0.hebergeur.test", ",", -1);
	b->names = g_strsplit ("ssl0.hebergeur.test", ",", -1);
	fails (c, MS_PROTOCOL_IMAP, "old.exemple.test", 993, MS_DIAGNOSIS_CERT_EXPIRED, named);
	fails (c, MS_PROTOCOL_IMAP, "self.exemple.test", 993, MS_DIAGNOSIS_CERT_SELF_SIGNED, probe);
	fails (c, MS_PROTOCOL_IMAP, "ca.exemple.test", 993, MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY, probe);
	fails (c, MS_PROTOCOL_IMAP, "tls10.exemple.test", 993, MS_DIAGNOSIS_TLS_TOO_OLD, probe);
	fails (c, MS_PROTOCOL_SMTP, "gone.exemple.test", 465, MS_DIAGNOSIS_TIMED_OUT, named);
	_ms_domain_check_analyse (c);

	const MsFinding *f = finding (c, MS_FINDING_CERT_WRONG_NAME);
	/* Only guessed by probing: a warning. */
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_WARNING);
	g_assert_cmpstr (f->subject, ==, "mail2.exemple.test");
	g_assert_nonnull (strstr (f->evidence, "993, 465"));
	g_assert_nonnull (strstr (f->explanation, "ssl0.hebergeur.test"));
	g_assert_cmpint (finding (c, MS_FINDING_CERT_EXPIRED)->severity, ==, MS_SEVERITY_ERROR);
	g_assert_cmpint (finding (c, MS_FINDING_CERT_SELF_SIGNED)->severity, ==, MS_SEVERITY_ERROR);
	g_assert_cmpstr (finding (c, MS_FINDING_CERT_UNTRUSTED)->subject, ==, "ca.exemple.test");
	g_assert_cmpstr (finding (c, MS_FINDING_TLS_TOO_OLD)->subject, ==, "tls10.exemple.test");
	f = finding (c, MS_FINDING_SERVER_UNREACHABLE);
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_ERROR);
	g_assert_nonnull (strstr (f->explanation, "autoconfig"));
	/* Errors first. */
	for (guint i = 1; i < c->findings->len; i++)
		g_assert_cmpint (((MsFinding *) c->findings->pdata[i - 1])->severity, >=,
		                 ((MsFinding *) c->findings->pdata[i])->severity);
	g_assert_cmpint (ms_domain_check_get_worst (c), ==, MS_SEVERITY_ERROR);
}

static void
test_security (void)
{
	g_autoptr (MsDomainCheck) c = facts ("vieux.test");
	guint probe = MS_SOURCE_FLAG (MS_SOURCE_PROBE);
	all_srv_missing (c);
	works (c, MS_PROTOCOL_IMAP, "mail.vieux.test", 143, MS_SOCKET_PLAIN, probe);
	works (c, MS_PROTOCOL_POP3, "mail.vieux.test", 110, MS_SOCKET_STARTTLS, probe);
	works (c, MS_PROTOCOL_SMTP, "mail.vieux.test", 25, MS_SOCKET_STARTTLS, probe);
	works (c, MS_PROTOCOL_SMTP, "mail.vieux.test", 587, MS_SOCKET_STARTTLS, probe);
	/* The implicit-TLS ports the check tried: closed, and no finding of
	 * their own. */
	fails (c, MS_PROTOCOL_POP3, "mail.vieux.test", 995, MS_DIAGNOSIS_CONNECTION_REFUSED, 0);
	fails (c, MS_PROTOCOL_SMTP, "mail.vieux.test", 465, MS_DIAGNOSIS_CONNECTION_REFUSED, 0);
	_ms_domain_check_analyse (c);

	g_assert_false (has (c, MS_FINDING_SERVER_UNREACHABLE));
	g_assert_false (has (c, MS_FINDING_NOTHING_FOUND));
	const MsFinding *plain = finding (c, MS_FINDING_PLAINTEXT_ONLY);
	g_assert_cmpstr (plain->subject, ==, "IMAP");
	g_assert_cmpstr (plain->evidence, ==, "mail.vieux.test:143");
	g_assert_nonnull (strstr (plain->fix, "993"));
	guint starttls = 0;
	for (guint i = 0; i < c->findings->len; i++) {
		const MsFinding *f = g_ptr_array_index (c->findings, i);
		if (f->code != MS_FINDING_STARTTLS_ONLY)
			continue;
		starttls++;
		if (strcmp (f->subject, "SMTP") == 0)
			g_assert_nonnull (strstr (f->fix, "_submissions._tcp.vieux.test. 3600 IN SRV 0 1 465 mail.vieux.test."));
		else
			g_assert_cmpstr (f->subject, ==, "POP3");
	}
	g_assert_cmpuint (starttls, ==, 2);
	/* What proved secure, port 25 aside. */
	g_assert_cmpuint (ms_config_get_incoming (c->proven)->len, ==, 1);
	g_assert_cmpuint (ms_config_get_outgoing (c->proven)->len, ==, 1);
	g_assert_cmpuint (ms_server_get_port (g_ptr_array_index (ms_config_get_outgoing (c->proven), 0)), ==, 587);
}

static void
test_disagree (void)
{
	g_autoptr (MsDomainCheck) c = clean ();
	found (c, MS_SOURCE_ISPDB, "ispdb", "https://ispdb/exemple.test", MS_PROTOCOL_IMAP, "imap.ancien.test", 993,
	       MS_SOCKET_TLS);
	/* Probing finds every name: it never disagrees. */
	found (c, MS_SOURCE_PROBE, "probe", "imap.exemple.test:993", MS_PROTOCOL_IMAP, "imap.exemple.test", 993,
	       MS_SOCKET_TLS);
	_ms_domain_check_analyse (c);
	const MsFinding *f = finding (c, MS_FINDING_SOURCES_DISAGREE);
	g_assert_cmpstr (f->subject, ==, "IMAP");
	g_assert_cmpint (f->source, ==, MS_SOURCE_ISPDB);
	g_assert_cmpstr (f->evidence, ==, "autoconfig-https: mail.exemple.test:993; srv: mail.exemple.test:993; "
	                                  "ispdb: imap.ancien.test:993");

	/* One server in common is agreement. */
	g_autoptr (MsDomainCheck) agree = clean ();
	g_autoptr (MsConfig) two = config_of (MS_PROTOCOL_IMAP, "imap.ancien.test", 993, MS_SOCKET_TLS, MS_SOURCE_ISPDB);
	g_autoptr (MsServer) s = ms_server_new (MS_PROTOCOL_IMAP, "MAIL.exemple.test", 993, MS_SOCKET_TLS);
	ms_config_add_server (two, s);
	_ms_check_answer_add (agree, MS_SOURCE_ISPDB, "ispdb", MS_DISCOVERY_STATE_FOUND, "https://ispdb", two, NULL);
	_ms_domain_check_analyse (agree);
	g_assert_false (has (agree, MS_FINDING_SOURCES_DISAGREE));
}

static void
test_mx_provider (void)
{
	g_autoptr (MsDomainCheck) c = clean ();
	g_autoptr (MsConfig) provider = config_of (MS_PROTOCOL_IMAP, "ssl0.hebergeur.test", 993, MS_SOCKET_TLS, MS_SOURCE_MX);
	ms_config_set_display_name (provider, "Hébergeur");
	_ms_check_answer_add (c, MS_SOURCE_MX, "mx-ispdb", MS_DISCOVERY_STATE_FOUND, "https://ispdb/hebergeur.test",
	                      provider, NULL);
	_ms_check_answer_add (c, MS_SOURCE_MX, "mx-builtin", MS_DISCOVERY_STATE_FOUND, "hebergeur.test", provider, NULL);
	_ms_domain_check_analyse (c);
	const MsFinding *f = finding (c, MS_FINDING_MX_PROVIDER_KNOWN);
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_INFO);
	g_assert_nonnull (strstr (f->explanation, "Hébergeur"));
}

static void
test_proven_prefers_named (void)
{
	g_autoptr (MsDomainCheck) c = clean ();
	/* Probing also found an alias and STARTTLS: the domain's own word
	 * (autoconfig, SRV) is what gets published for IMAP and SMTP; POP3,
	 * which only probing found, is published as found. */
	guint probe = MS_SOURCE_FLAG (MS_SOURCE_PROBE);
	works (c, MS_PROTOCOL_IMAP, "imap.exemple.test", 993, MS_SOCKET_TLS, probe);
	works (c, MS_PROTOCOL_IMAP, "mail.exemple.test", 143, MS_SOCKET_STARTTLS, probe);
	works (c, MS_PROTOCOL_POP3, "mail.exemple.test", 995, MS_SOCKET_TLS, probe);
	_ms_domain_check_analyse (c);
	GPtrArray *in = ms_config_get_incoming (c->proven);
	g_assert_cmpuint (in->len, ==, 2);
	g_assert_cmpstr (ms_server_get_hostname (in->pdata[0]), ==, "mail.exemple.test");
	g_assert_cmpint (ms_server_get_protocol (in->pdata[0]), ==, MS_PROTOCOL_IMAP);
	g_assert_cmpint (ms_server_get_protocol (in->pdata[1]), ==, MS_PROTOCOL_POP3);
	g_assert_cmpstr (ms_server_get_username (in->pdata[0]), ==, "%EMAILADDRESS%");
	g_assert_true (g_ptr_array_find_with_equal_func (ms_config_get_domains (c->proven), "exemple.test", g_str_equal, NULL));

	/* What the sources said of a proven server is kept: its user name
	 * form and login methods, through its host name template. */
	g_autoptr (MsDomainCheck) local = clean ();
	local->merged = config_of (MS_PROTOCOL_IMAP, "mail.%EMAILDOMAIN%", 993, MS_SOCKET_TLS, MS_SOURCE_AUTOCONFIG);
	MsServer *s = g_ptr_array_index (ms_config_get_incoming (local->merged), 0);
	ms_server_set_username (s, "%EMAILLOCALPART%");
	ms_server_set_auth (s, MS_AUTH_PASSWORD_ENCRYPTED);
	_ms_domain_check_analyse (local);
	const MsServer *p = g_ptr_array_index (ms_config_get_incoming (local->proven), 0);
	g_assert_cmpstr (ms_server_get_hostname (p), ==, "mail.exemple.test");
	g_assert_cmpstr (ms_server_get_username (p), ==, "%EMAILLOCALPART%");
	g_assert_cmpint (ms_server_get_auth (p), ==, MS_AUTH_PASSWORD_ENCRYPTED);
}

static void
test_codes (void)
{
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
	for (MsFindingCode code = MS_FINDING_NOTHING_FOUND; code <= MS_FINDING_MX_PROVIDER_KNOWN; code++) {
		const char *name = ms_finding_code_to_string (code);
		g_assert_cmpstr (name, !=, "unknown");
		g_assert_true (g_hash_table_add (seen, (gpointer) name));
	}
	g_assert_cmpstr (ms_severity_to_string (MS_SEVERITY_WARNING), ==, "warning");
}

/* --- writers -------------------------------------------------------------- */

static MsConfig *
published (void)
{
	MsConfig *c = ms_config_new ();
	MsServer *list[] = {
		ms_server_new (MS_PROTOCOL_IMAP, "mail.exemple.test", 993, MS_SOCKET_TLS),
		ms_server_new (MS_PROTOCOL_IMAP, "imap2.exemple.test", 993, MS_SOCKET_TLS),
		ms_server_new (MS_PROTOCOL_IMAP, "mail.%EMAILDOMAIN%", 143, MS_SOCKET_STARTTLS),
		ms_server_new (MS_PROTOCOL_POP3, "mail.exemple.test", 110, MS_SOCKET_PLAIN),
		ms_server_new (MS_PROTOCOL_SMTP, "mail.exemple.test", 587, MS_SOCKET_STARTTLS),
		ms_server_new (MS_PROTOCOL_SMTP, "mail.exemple.test", 25, MS_SOCKET_STARTTLS),
	};
	for (guint i = 0; i < G_N_ELEMENTS (list); i++) {
		ms_config_add_server (c, list[i]);
		ms_server_unref (list[i]);
	}
	return c;
}

static void
test_srv_write (void)
{
	g_autoptr (MsConfig) c = published ();
	g_autofree char *zone = ms_srv_zone_write (c, "exemple.test", 300);
	g_assert_cmpstr (zone, ==,
	                 "_imaps._tcp.exemple.test. 300 IN SRV 0 1 993 mail.exemple.test.\n"
	                 "_imaps._tcp.exemple.test. 300 IN SRV 10 1 993 imap2.exemple.test.\n"
	                 /* a template means nothing in DNS; plain text is never published */
	                 "_imap._tcp.exemple.test. 300 IN SRV 0 0 0 .\n"
	                 "_pop3s._tcp.exemple.test. 300 IN SRV 0 0 0 .\n"
	                 "_pop3._tcp.exemple.test. 300 IN SRV 0 0 0 .\n"
	                 "_submissions._tcp.exemple.test. 300 IN SRV 0 0 0 .\n"
	                 /* port 25 is not submission */
	                 "_submission._tcp.exemple.test. 300 IN SRV 0 1 587 mail.exemple.test.\n");
}

static char *
plist_string_after (const char *doc, const char *key)
{
	g_autofree char *k = g_strdup_printf ("<key>%s</key>\n", key);
	const char *p = strstr (doc, k);
	g_assert_nonnull (p);
	p = strchr (p + strlen (k), '<');
	const char *start = strchr (p, '>') + 1, *end = strchr (start, '<');
	return g_strndup (start, end - start);
}

static void
test_mobileconfig_write (void)
{
	g_autoptr (MsConfig) c = published ();
	ms_config_set_display_name (c, "Exemple & Cie");
	g_autofree char *one = ms_mobileconfig_write (c, "exemple.test");
	g_autofree char *two = ms_mobileconfig_write (c, "exemple.test");

	g_assert_nonnull (strstr (one, "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""));
	g_assert_nonnull (strstr (one, "<string>Exemple &amp; Cie</string>"));
	g_autofree char *host = plist_string_after (one, "IncomingMailServerHostName");
	g_autofree char *out = plist_string_after (one, "OutgoingMailServerPortNumber");
	g_autofree char *type = plist_string_after (one, "EmailAccountType");
	g_autofree char *id = plist_string_after (one, "PayloadIdentifier");
	g_assert_cmpstr (host, ==, "mail.exemple.test");
	g_assert_cmpstr (out, ==, "587");
	g_assert_cmpstr (type, ==, "EmailTypeIMAP");
	g_assert_cmpstr (id, ==, "test.exemple.mailsetup.mail");
	/* Fresh UUIDs every time, two per profile. */
	g_autofree char *u1 = plist_string_after (one, "PayloadUUID");
	g_autofree char *u2 = plist_string_after (two, "PayloadUUID");
	g_assert_true (g_uuid_string_is_valid (u1));
	g_assert_cmpstr (u1, !=, u2);
	/* Nothing a device could not use: no secure outgoing server, no profile. */
	g_autoptr (MsConfig) in_only = config_of (MS_PROTOCOL_IMAP, "mail.exemple.test", 993, MS_SOCKET_TLS, MS_SOURCE_FILE);
	g_assert_null (ms_mobileconfig_write (in_only, "exemple.test"));
}

/* --- setup --json --------------------------------------------------------- */

#define SETUP_JSON(verified, user) \
	"{\"schema\":\"mailsetup-setup/1\",\"address\":\"omar@partlocal.test\",\"verified\":" verified "," \
	"\"incoming\":{\"protocol\":\"imap\",\"host\":\"mail.partlocal.test\",\"port\":993,\"socket\":\"tls\"," \
	"\"username\":\"" user "\"},\"other_incoming\":null," \
	"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"mail.partlocal.test\",\"port\":587,\"socket\":\"starttls\"," \
	"\"username\":\"" user "\"}}"

static void
test_setup_json (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_config_from_setup_json (SETUP_JSON ("true", "omar"), -1, &error);
	g_assert_no_error (error);
	GPtrArray *in = ms_config_get_incoming (c), *out = ms_config_get_outgoing (c);
	g_assert_cmpuint (in->len, ==, 1);
	g_assert_cmpstr (ms_server_get_username (in->pdata[0]), ==, "%EMAILLOCALPART%");
	g_assert_cmpuint (ms_server_get_port (out->pdata[0]), ==, 587);
	g_assert_cmpint (ms_server_get_socket_type (out->pdata[0]), ==, MS_SOCKET_STARTTLS);

	g_autoptr (MsConfig) full = ms_config_from_setup_json (SETUP_JSON ("true", "omar@partlocal.test"), -1, NULL);
	g_assert_cmpstr (ms_server_get_username (ms_config_get_incoming (full)->pdata[0]), ==, "%EMAILADDRESS%");
	/* No user name on the servers: the run's counts. */
	g_autoptr (MsConfig) run = ms_config_from_setup_json (
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"omar@partlocal.test\",\"verified\":true,\"username\":\"omar\","
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"mail.partlocal.test\",\"port\":993,\"socket\":\"tls\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"mail.partlocal.test\",\"port\":465,\"socket\":\"tls\","
		"\"username\":null}}", -1, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (ms_server_get_username (ms_config_get_outgoing (run)->pdata[0]), ==, "%EMAILLOCALPART%");

	g_assert_null (ms_config_from_setup_json (SETUP_JSON ("false", "omar"), -1, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_clear_error (&error);

	const char *bad[] = {
		"", "[]", "{\"schema\":\"mailsetup-config/1\"}", "{\"schema\":\"mailsetup-setup/1\",\"verified\":true}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.test\",\"verified\":true,\"incoming\":{\"protocol\":\"imap\","
		"\"host\":\"x.test\",\"port\":70000,\"socket\":\"tls\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.test\",\"verified\":true,\"incoming\":{\"protocol\":\"imap\","
		"\"host\":\"x.test\",\"port\":143,\"socket\":\"plain\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.test\",\"verified\":true,\"incoming\":{\"protocol\":\"imap\","
		"\"host\":\"x y\",\"port\":993,\"socket\":\"tls\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.test\",\"verified\":true,\"incoming\":7}",
	};
	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_assert_null (ms_config_from_setup_json (bad[i], -1, &error));
		g_assert_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED);
		g_clear_error (&error);
	}
	/* Verified, but an incoming server alone: nothing complete to publish. */
	g_assert_null (ms_config_from_setup_json ("{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.test\",\"verified\":true,"
	                                          "\"incoming\":{\"protocol\":\"imap\",\"host\":\"x.test\",\"port\":993,"
	                                          "\"socket\":\"tls\"}}", -1, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_clear_error (&error);
	/* Over the limit, before any parsing. */
	g_autofree char *big = g_malloc0 (MS_SETUP_JSON_MAX_SIZE + 2);
	memset (big, ' ', MS_SETUP_JSON_MAX_SIZE + 1);
	g_assert_null (ms_config_from_setup_json (big, MS_SETUP_JSON_MAX_SIZE + 1, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE);
}

/* --- a given configuration, checked over loopback ------------------------ */

/* A plain-text IMAP server on an ephemeral loopback port: greets, answers
 * CAPABILITY without STARTTLS, for each connection until closed. */
static gpointer
plain_imap (gpointer data)
{
	GSocket *listener = data;
	for (;;) {
		g_autoptr (GSocket) client = g_socket_accept (listener, NULL, NULL);
		if (client == NULL)
			return NULL;
		g_autoptr (GSocketConnection) c = g_socket_connection_factory_create_connection (client);
		GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (c));
		g_autoptr (GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (c)));
		g_output_stream_write_all (out, "* OK plain server\r\n", 20, NULL, NULL, NULL);
		for (;;) {
			g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
			if (line == NULL || g_str_has_prefix (line, "a9 "))
				break;
			const char *reply = "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na1 OK done\r\n";
			g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
		}
	}
}

static guint16
loopback_port (GSocket **socket_r)
{
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
	GSocket *s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_assert_true (g_socket_bind (s, any, TRUE, NULL));
	g_assert_true (g_socket_listen (s, NULL));
	g_autoptr (GSocketAddress) bound = g_socket_get_local_address (s, NULL);
	*socket_r = s;
	return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_given_config (void)
{
	GSocket *listener, *closed;
	guint16 plain = loopback_port (&listener), refused = loopback_port (&closed);
	g_autoptr (GError) error = NULL;

	/* A port nobody listens on any more: refused at once. */
	g_socket_close (closed, NULL);
	g_object_unref (closed);
	GThread *server = g_thread_new ("plain-imap", plain_imap, listener);

	g_autoptr (MsConfig) config = ms_config_new ();
	g_autoptr (MsServer) imap = ms_server_new (MS_PROTOCOL_IMAP, "127.0.0.1", plain, MS_SOCKET_STARTTLS);
	g_autoptr (MsServer) smtp = ms_server_new (MS_PROTOCOL_SMTP, "127.0.0.1", refused, MS_SOCKET_TLS);
	ms_config_add_server (config, imap);
	ms_config_add_server (config, smtp);
	g_autoptr (MsDomainCheck) c = ms_domain_check_sync ("exemple.test", config, NULL, NULL, &error);
	g_assert_no_error (error);

	/* Only the given servers: no source asked, no SRV looked up. */
	g_assert_cmpuint (c->answers->len, ==, 0);
	g_assert_cmpuint (c->srv->len, ==, 0);
	const MsCheckEndpoint *e = NULL;
	for (guint i = 0; i < c->endpoints->len; i++)
		if (((MsCheckEndpoint *) c->endpoints->pdata[i])->port == plain)
			e = c->endpoints->pdata[i];
	g_assert_nonnull (e);
	g_assert_true (e->ok);
	g_assert_cmpint (e->socket_type, ==, MS_SOCKET_PLAIN);
	g_assert_cmpuint (e->found_by, ==, MS_SOURCE_FLAG (MS_SOURCE_FILE));
	g_autofree char *where = g_strdup_printf ("127.0.0.1:%u", plain);
	g_assert_cmpstr (finding (c, MS_FINDING_PLAINTEXT_ONLY)->evidence, ==, where);
	const MsFinding *f = finding (c, MS_FINDING_SERVER_UNREACHABLE);
	g_assert_cmpint (f->severity, ==, MS_SEVERITY_ERROR);
	g_assert_nonnull (strstr (f->evidence, "refused"));
	g_assert_false (has (c, MS_FINDING_AUTOCONFIG_MISSING) || has (c, MS_FINDING_SRV_MISSING));
	/* Nothing proved secure: nothing to publish. */
	g_assert_null (ms_domain_check_get_config (c));

	/* A malformed domain is refused before anything is asked. */
	g_assert_null (ms_domain_check_sync ("exa mple.test", NULL, NULL, NULL, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_ADDRESS_SPACE);
	g_assert_true (g_str_has_prefix (error->message, "“exa mple.test” is not a mail domain: "));

	g_socket_shutdown (listener, TRUE, TRUE, NULL);
	g_socket_close (listener, NULL);
	g_thread_join (server);
	g_object_unref (listener);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/domain-check/clean", test_clean);
	g_test_add_func ("/domain-check/nothing", test_nothing);
	g_test_add_func ("/domain-check/autoconfig", test_autoconfig);
	g_test_add_func ("/domain-check/srv", test_srv);
	g_test_add_func ("/domain-check/certificates", test_certificates);
	g_test_add_func ("/domain-check/security", test_security);
	g_test_add_func ("/domain-check/disagree", test_disagree);
	g_test_add_func ("/domain-check/mx-provider", test_mx_provider);
	g_test_add_func ("/domain-check/proven", test_proven_prefers_named);
	g_test_add_func ("/domain-check/codes", test_codes);
	g_test_add_func ("/domain-check/given-config", test_given_config);
	g_test_add_func ("/publish/srv", test_srv_write);
	g_test_add_func ("/publish/mobileconfig", test_mobileconfig_write);
	g_test_add_func ("/publish/setup-json", test_setup_json);
	return g_test_run ();
}
