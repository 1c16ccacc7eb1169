/* The catalogue of a domain check's findings: a stable name, what is wrong
 * and what clients do because of it, and the exact fix, in the reader's
 * language. Written for mail administrators: record lines, URLs and
 * certificate names they can copy. One switch per view of a code, with no
 * default: branch, so that -Wswitch names a code added without its text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "check/check-run.h"

#include <string.h>
#include "core/i18n.h"

const char *
ms_finding_code_to_string (MsFindingCode code)
{
	switch (code) {
	case MS_FINDING_NOTHING_FOUND: return "nothing-found";
	case MS_FINDING_AUTOCONFIG_MISSING: return "autoconfig-missing";
	case MS_FINDING_AUTOCONFIG_HTTP_ONLY: return "autoconfig-http-only";
	case MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE: return "autoconfig-bad-certificate";
	case MS_FINDING_SRV_MISSING: return "srv-missing";
	case MS_FINDING_SRV_OUTSIDE_DOMAIN: return "srv-outside-domain";
	case MS_FINDING_SRV_CERTIFICATE_MISMATCH: return "srv-certificate-mismatch";
	case MS_FINDING_SOURCES_DISAGREE: return "sources-disagree";
	case MS_FINDING_CERT_WRONG_NAME: return "cert-wrong-name";
	case MS_FINDING_CERT_EXPIRED: return "cert-expired";
	case MS_FINDING_CERT_SELF_SIGNED: return "cert-self-signed";
	case MS_FINDING_CERT_UNTRUSTED: return "cert-untrusted";
	case MS_FINDING_PLAINTEXT_ONLY: return "plaintext-only";
	case MS_FINDING_STARTTLS_ONLY: return "starttls-only";
	case MS_FINDING_TLS_TOO_OLD: return "tls-too-old";
	case MS_FINDING_SERVER_UNREACHABLE: return "server-unreachable";
	case MS_FINDING_MX_PROVIDER_KNOWN: return "mx-provider-known";
	}
	return "unknown";
}

/* The host part of "host:port". */
static char *
host_of (const char *subject)
{
	const char *colon = strrchr (subject, ':');
	return colon ? g_strndup (subject, colon - subject) : g_strdup (subject);
}

/* For a protocol named in capitals: its implicit-TLS port and SRV name. */
static guint
tls_port (const char *protocol)
{
	return strcmp (protocol, "IMAP") == 0 ? 993 : strcmp (protocol, "POP3") == 0 ? 995 : 465;
}

static const char *
tls_service (const char *protocol)
{
	return strcmp (protocol, "IMAP") == 0 ? "_imaps._tcp" : strcmp (protocol, "POP3") == 0 ? "_pop3s._tcp"
	                                                                                   : "_submissions._tcp";
}

/* Whether SRV zone lines point at a host outside @domain. */
static gboolean
zone_leaves (const char *zone, const char *domain)
{
	g_auto (GStrv) lines = g_strsplit (zone, "\n", -1);
	gsize dl = strlen (domain);
	for (guint i = 0; lines[i]; i++) {
		const char *target = strrchr (lines[i], ' ');
		if (target == NULL || strcmp (target, " .") == 0)
			continue;
		g_autofree char *host = g_strndup (target + 1, strlen (target + 1) - 1); /* without the final dot */
		gsize hl = strlen (host);
		if (!(g_ascii_strcasecmp (host, domain) == 0 ||
		      (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0)))
			return TRUE;
	}
	return FALSE;
}

static char *
explain (MsFindingCode code, const char *domain, const char *subject, const char *evidence, const char *arg)
{
	switch (code) {
	case MS_FINDING_NOTHING_FOUND:
		return g_strdup_printf (_("No source names a mail server for %s, and none of the usual server names "
		                          "answers: clients cannot set up an account."), domain);
	case MS_FINDING_AUTOCONFIG_MISSING:
		return g_strdup_printf (_("Neither https://autoconfig.%s/mail/config-v1.1.xml nor "
		                          "https://%s/.well-known/autoconfig/mail/config-v1.1.xml answers: Thunderbird, "
		                          "Claws Mail and other clients fall back on other sources or on guessing "
		                          "server names."), domain, domain);
	case MS_FINDING_AUTOCONFIG_HTTP_ONLY:
		return g_strdup_printf (_("The autoconfig file is served only over plain HTTP (%s): anyone on the "
		                          "network could change it, so clients ignore it or ask the user to confirm "
		                          "it."), subject);
	case MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE:
		return g_strdup_printf (_("%s answers over HTTPS with a certificate that is not valid for %s: clients "
		                          "refuse the file."), subject, arg);
	case MS_FINDING_SRV_MISSING:
		return g_strdup_printf (_("%s publishes no RFC 6186/8314 SRV record: clients that look for them "
		                          "must rely on other sources or guess."), domain);
	case MS_FINDING_SRV_OUTSIDE_DOMAIN:
		return g_strdup_printf (_("The SRV record %s points at %s, outside %s, and the answer is not signed "
		                          "with DNSSEC: a forged answer could send clients anywhere, so they ask the "
		                          "user to confirm that server or ignore it."), subject, arg, domain);
	case MS_FINDING_SRV_CERTIFICATE_MISMATCH:
		return g_strdup_printf (_("The SRV records send clients to %s, but its certificate is made for %s: "
		                          "clients refuse the connection."), subject, arg ? arg : "?");
	case MS_FINDING_SOURCES_DISAGREE:
		return g_strdup_printf (_("The sources do not name the same %s server (%s): clients that read "
		                          "different sources end up with different settings."), subject, evidence);
	case MS_FINDING_CERT_WRONG_NAME:
		return g_strdup_printf (_("%s presents a certificate made for %s, not for the name clients use: "
		                          "they refuse the connection."), subject, arg ? arg : "?");
	case MS_FINDING_CERT_EXPIRED:
		return g_strdup_printf (_("The certificate of %s has expired or is not valid yet: clients refuse "
		                          "the connection."), subject);
	case MS_FINDING_CERT_SELF_SIGNED:
		return g_strdup_printf (_("%s presents a self-signed certificate: clients cannot tell it from an "
		                          "attacker's and refuse it."), subject);
	case MS_FINDING_CERT_UNTRUSTED:
		return g_strdup_printf (_("The certificate of %s is not trusted (unknown authority, incomplete chain "
		                          "or bad signature): clients refuse the connection."), subject);
	case MS_FINDING_PLAINTEXT_ONLY:
		return g_strdup_printf (_("%s is only offered without encryption (%s): passwords and mail would "
		                          "travel in clear, so careful clients refuse it."), subject, evidence);
	case MS_FINDING_STARTTLS_ONLY:
		return g_strdup_printf (_("%s is offered with STARTTLS (%s) but not with TLS from the first byte on "
		                          "port %u, which RFC 8314 prefers: nobody on the way can strip it."),
		                        subject, evidence, tls_port (subject));
	case MS_FINDING_TLS_TOO_OLD:
		return g_strdup_printf (_("%s only speaks TLS 1.0 or 1.1, which RFC 8996 forbids: current clients "
		                          "refuse to connect."), subject);
	case MS_FINDING_SERVER_UNREACHABLE:
		return g_strdup_printf (_("%s, named by %s, does not work (%s): clients that follow that source "
		                          "fail."), subject, arg, evidence ? evidence : "?");
	case MS_FINDING_MX_PROVIDER_KNOWN:
		return g_strdup_printf (_("The MX records of %s point at %s, whose settings clients know (%s): they "
		                          "find that provider's servers even without anything published by the "
		                          "domain."), domain, arg, subject);
	}
	return g_strdup ("");
}

static char *
fix (MsFindingCode code, const char *domain, const char *subject, const char *evidence, const char *arg)
{
	g_autofree char *host = host_of (subject);

	switch (code) {
	case MS_FINDING_NOTHING_FOUND:
		return g_strdup_printf (_("Publish the configuration: an autoconfig file at "
		                          "https://autoconfig.%s/mail/config-v1.1.xml and SRV records (“mailsetup "
		                          "publish %s --config FILE” writes both), with certificates valid for the "
		                          "servers' names."), domain, domain);
	case MS_FINDING_AUTOCONFIG_MISSING:
	case MS_FINDING_AUTOCONFIG_HTTP_ONLY:
		return g_strdup_printf (_("Serve the autoconfig file (“mailsetup publish %s --format autoconfig” "
		                          "writes it) as text/xml over HTTPS at both URLs:\n"
		                          "  https://autoconfig.%s/mail/config-v1.1.xml\n"
		                          "  https://%s/.well-known/autoconfig/mail/config-v1.1.xml\n"
		                          "with a certificate valid for autoconfig.%s and %s."),
		                        domain, domain, domain, domain, domain);
	case MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE:
		return g_strdup_printf (_("Get a certificate for %s from a public authority (Let's Encrypt is free) "
		                          "and install it on the web server answering for that name."), arg);
	case MS_FINDING_SRV_MISSING:
		if (arg && *arg && zone_leaves (arg, domain))
			return g_strdup_printf (_("Add these records to the zone of %s, and sign the zone with DNSSEC: they "
			                          "point outside it, and without a signature clients ask the user to confirm "
			                          "those servers:\n%s"), domain, arg);
		if (arg && *arg)
			return g_strdup_printf (_("Add these records to the zone of %s:\n%s"), domain, arg);
		return g_strdup_printf (_("Add _imaps._tcp, _pop3s._tcp and _submissions._tcp SRV records to the "
		                          "zone of %s, pointing at your servers (“mailsetup publish %s --format "
		                          "srv” writes them)."), domain, domain);
	case MS_FINDING_SRV_OUTSIDE_DOMAIN:
		return g_strdup_printf (_("Sign the zone of %s with DNSSEC, or point the record at a name inside "
		                          "%s (with its own A/AAAA records) that the server's certificate "
		                          "includes."), domain, domain);
	case MS_FINDING_SRV_CERTIFICATE_MISMATCH:
		return g_strdup_printf (_("Point the SRV record at one of the certificate's names (%s), or get a "
		                          "certificate that includes %s."), arg ? arg : "?", host);
	case MS_FINDING_SOURCES_DISAGREE:
		return g_strdup (_("Make every published source name the same servers (the autoconfig file, the "
		                   "SRV records, Autodiscover, the ISPDB entry) and remove the outdated ones."));
	case MS_FINDING_CERT_WRONG_NAME:
		return g_strdup_printf (_("Get a certificate that also names %s, or publish one of the certificate's "
		                          "names (%s) as the server name in the autoconfig file and the SRV "
		                          "records."), host, arg ? arg : "?");
	case MS_FINDING_CERT_EXPIRED:
		return g_strdup_printf (_("Renew the certificate of %s, install it in the mail server, and automate "
		                          "the renewal (certbot, acme.sh)."), arg);
	case MS_FINDING_CERT_SELF_SIGNED:
	case MS_FINDING_CERT_UNTRUSTED:
		return g_strdup_printf (_("Install a certificate for %s from a public authority (Let's Encrypt is "
		                          "free), with its intermediate certificates (the full chain)."), arg);
	case MS_FINDING_PLAINTEXT_ONLY:
		return g_strdup_printf (_("Enable TLS on the %s server: TLS from the first byte on port %u (RFC "
		                          "8314) and STARTTLS on the other port, with a certificate for its name."),
		                        subject, tls_port (subject));
	case MS_FINDING_STARTTLS_ONLY:
		return g_strdup_printf (_("Open port %u with TLS from the first byte on %s, then publish it first: "
		                          "socketType SSL in the autoconfig file and “%s.%s. 3600 IN SRV 0 1 %u %s.”."),
		                        tls_port (subject), arg ? arg : "?", tls_service (subject), domain,
		                        tls_port (subject), arg ? arg : "?");
	case MS_FINDING_TLS_TOO_OLD:
		return g_strdup (_("Enable TLS 1.2 and 1.3 in the server, updating its TLS library if it cannot."));
	case MS_FINDING_SERVER_UNREACHABLE:
		return g_strdup_printf (_("Make %s answer on that port, or correct the source that names it (%s)."),
		                        subject, arg);
	case MS_FINDING_MX_PROVIDER_KNOWN:
		return g_strdup (_("Nothing to do if that provider hosts the mailboxes; otherwise publish your own "
		                   "autoconfig file and SRV records, which clients ask first."));
	}
	return g_strdup ("");
}

MsFinding *
_ms_finding_add (MsDomainCheck *c, MsFindingCode code, MsSeverity severity, MsSource source,
                 const char *subject, const char *evidence, const char *arg)
{
	MsFinding *f = g_new0 (MsFinding, 1);

	f->code = code;
	f->severity = severity;
	f->source = source;
	f->subject = g_strdup (subject);
	f->evidence = g_strdup (evidence ? evidence : arg);
	f->explanation = explain (code, c->domain, subject, evidence, arg);
	f->fix = fix (code, c->domain, subject, evidence, arg);
	g_ptr_array_add (c->findings, f);
	return f;
}
