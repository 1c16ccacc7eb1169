/* mailsetup: the administrator's check of a mail domain.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/config.h>
#include <mailsetup/diagnosis.h>
#include <mailsetup/discovery.h>

G_BEGIN_DECLS

/**
 * MsSeverity:
 * @MS_SEVERITY_INFO: worth knowing; clients work.
 * @MS_SEVERITY_WARNING: clients work less well than they could (they ask
 *   the user to confirm, fall back to guessing, or use a weaker setting).
 * @MS_SEVERITY_ERROR: some clients cannot set up a secure account.
 *
 * Since: 0.1
 */
typedef enum {
	MS_SEVERITY_INFO,
	MS_SEVERITY_WARNING,
	MS_SEVERITY_ERROR,
} MsSeverity;

/**
 * MsFindingCode:
 * @MS_FINDING_NOTHING_FOUND: no source and no probe found a mail server.
 * @MS_FINDING_AUTOCONFIG_MISSING: no autoconfig file at either URL.
 * @MS_FINDING_AUTOCONFIG_HTTP_ONLY: the autoconfig file is served only over
 *   plain HTTP.
 * @MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE: the autoconfig URL is served over
 *   HTTPS with a certificate that is not valid for its name.
 * @MS_FINDING_SRV_MISSING: no RFC 6186/8314 SRV record at all.
 * @MS_FINDING_SRV_OUTSIDE_DOMAIN: an SRV record points outside the domain
 *   and the answer is not DNSSEC-signed.
 * @MS_FINDING_SRV_CERTIFICATE_MISMATCH: an SRV record points at a host whose
 *   certificate is made for other names.
 * @MS_FINDING_SOURCES_DISAGREE: two sources give different servers for the
 *   same protocol.
 * @MS_FINDING_CERT_WRONG_NAME: a server's certificate is made for other names.
 * @MS_FINDING_CERT_EXPIRED: a server's certificate has expired (or is not
 *   valid yet).
 * @MS_FINDING_CERT_SELF_SIGNED: a server's certificate is self-signed.
 * @MS_FINDING_CERT_UNTRUSTED: a server's certificate comes from an unknown
 *   authority or is invalid for another reason.
 * @MS_FINDING_PLAINTEXT_ONLY: a protocol is only offered without encryption.
 * @MS_FINDING_STARTTLS_ONLY: a protocol is offered with STARTTLS but not
 *   with implicit TLS (993, 995, 465), which RFC 8314 prefers.
 * @MS_FINDING_TLS_TOO_OLD: a server only speaks TLS older than 1.2.
 * @MS_FINDING_SERVER_UNREACHABLE: a server that a source names does not
 *   answer (no such host, refused, timed out, or broken).
 * @MS_FINDING_MX_PROVIDER_KNOWN: the MX hosts belong to a provider whose
 *   settings are known (built-in data, ISPDB).
 *
 * Since: 0.1
 */
typedef enum {
	MS_FINDING_NOTHING_FOUND,
	MS_FINDING_AUTOCONFIG_MISSING,
	MS_FINDING_AUTOCONFIG_HTTP_ONLY,
	MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE,
	MS_FINDING_SRV_MISSING,
	MS_FINDING_SRV_OUTSIDE_DOMAIN,
	MS_FINDING_SRV_CERTIFICATE_MISMATCH,
	MS_FINDING_SOURCES_DISAGREE,
	MS_FINDING_CERT_WRONG_NAME,
	MS_FINDING_CERT_EXPIRED,
	MS_FINDING_CERT_SELF_SIGNED,
	MS_FINDING_CERT_UNTRUSTED,
	MS_FINDING_PLAINTEXT_ONLY,
	MS_FINDING_STARTTLS_ONLY,
	MS_FINDING_TLS_TOO_OLD,
	MS_FINDING_SERVER_UNREACHABLE,
	MS_FINDING_MX_PROVIDER_KNOWN,
} MsFindingCode;

/**
 * MsFinding:
 * @code: what was found
 * @severity: how much it matters
 * @source: the source or probe that saw it
 * @subject: what it is about: a URL, a DNS name, "host:port" or a protocol
 * @evidence: the facts seen, untranslated (records, certificate names,
 *   error messages)
 * @explanation: what is wrong and what a client will do because of it, in
 *   the user's language
 * @fix: the exact fix, in the user's language: zone-file lines, the URL
 *   where a file must be served, the certificate name to get; may hold
 *   several lines
 *
 * One finding of a domain check.
 *
 * Since: 0.1
 */
typedef struct {
	MsFindingCode code;
	MsSeverity severity;
	MsSource source;
	char *subject;
	char *evidence;
	char *explanation;
	char *fix;
} MsFinding;

/**
 * MsCheckAnswer:
 * @source: the discovery source
 * @code: the step ("autoconfig-https", "srv-imaps", "probe"…, as in
 *   #MsDiscoveryEvent)
 * @state: found, nothing or failed
 * @target: (nullable): the URL, DNS name or host:port asked
 * @message: what happened, translated
 * @config: (nullable): with %MS_DISCOVERY_STATE_FOUND, what this step
 *   found, unmerged
 * @error_code: (nullable): with %MS_DISCOVERY_STATE_FAILED, the
 *   ms_error_code_name() of the failure ("http-certificate"…), or "failed"
 *
 * What one step of one source answered, on its own.
 *
 * Since: 0.1
 */
typedef struct {
	MsSource source;
	char *code;
	MsDiscoveryState state;
	char *target;
	char *message;
	MsConfig *config;
	char *error_code;
} MsCheckAnswer;

/**
 * MsCheckSrv:
 * @name: the SRV name ("_imaps._tcp.example.org")
 * @exists: %FALSE when the name has no SRV record
 * @authenticated: the answer was DNSSEC-validated
 * @priority: priority
 * @weight: weight
 * @port: port (0 with a "." target)
 * @target: the target host, lower case without final dot; "" for "."
 *   (the service is not offered)
 *
 * One SRV record as found (or one name without record: @exists %FALSE).
 *
 * Since: 0.1
 */
typedef struct {
	char *name;
	gboolean exists;
	gboolean authenticated;
	guint16 priority;
	guint16 weight;
	guint16 port;
	char *target;
} MsCheckSrv;

/**
 * MsCheckEndpoint:
 * @protocol: the protocol spoken
 * @host: the host connected to
 * @port: the port
 * @implicit_tls: TLS from the first byte (else plain, upgraded with
 *   STARTTLS when offered)
 * @found_by: MS_SOURCE_FLAG() bits of the sources naming it; 0 when the
 *   check added it (the implicit-TLS port of a host offering STARTTLS)
 * @ok: the server spoke its protocol (and its certificate is valid)
 * @socket_type: with @ok, how the connection was secured: TLS, STARTTLS,
 *   or plain text (STARTTLS not offered)
 * @diagnosis: without @ok, what went wrong
 * @names: (nullable) (array zero-terminated=1): the names of a
 *   certificate made for other names
 * @detail: (nullable): without @ok, the technical reason
 *
 * What connecting to one server showed.
 *
 * Since: 0.1
 */
typedef struct {
	MsProtocol protocol;
	char *host;
	guint16 port;
	gboolean implicit_tls;
	guint found_by;
	gboolean ok;
	MsSocketType socket_type;
	MsDiagnosisCode diagnosis;
	char **names;
	char *detail;
} MsCheckEndpoint;

/**
 * MsDomainCheck:
 *
 * The result of a domain check: what each source answered, the SRV
 * records, what each server showed, and the findings. Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsDomainCheck MsDomainCheck;

/** ms_domain_check_ref: @check: a check. Returns: (transfer full): @check. Since: 0.1 */
MsDomainCheck *ms_domain_check_ref (MsDomainCheck *check);
/** ms_domain_check_unref: @check: (transfer full) (nullable): a check. Since: 0.1 */
void ms_domain_check_unref (MsDomainCheck *check);
/** ms_domain_check_get_domain: @check: a check. Returns: (transfer none): the domain, ASCII. Since: 0.1 */
const char *ms_domain_check_get_domain (const MsDomainCheck *check);
/** ms_domain_check_get_answers: @check: a check. Returns: (transfer none) (element-type MsCheckAnswer): every source's answers, by source, step and target. Since: 0.1 */
GPtrArray *ms_domain_check_get_answers (const MsDomainCheck *check);
/** ms_domain_check_get_srv: @check: a check. Returns: (transfer none) (element-type MsCheckSrv): the SRV records. Since: 0.1 */
GPtrArray *ms_domain_check_get_srv (const MsDomainCheck *check);
/** ms_domain_check_get_endpoints: @check: a check. Returns: (transfer none) (element-type MsCheckEndpoint): every server tried, by protocol, host and port. Since: 0.1 */
GPtrArray *ms_domain_check_get_endpoints (const MsDomainCheck *check);
/** ms_domain_check_get_findings: @check: a check. Returns: (transfer none) (element-type MsFinding): the findings, errors first. Since: 0.1 */
GPtrArray *ms_domain_check_get_findings (const MsDomainCheck *check);

/**
 * ms_domain_check_get_config:
 * @check: a check
 *
 * Returns: (transfer none) (nullable): the servers that proved secure and
 * valid (TLS or STARTTLS, certificate valid for the name), ranked, with
 * "%EMAILADDRESS%" as user name where none was known: what the domain
 * should publish. %NULL when none did.
 *
 * Since: 0.1
 */
MsConfig *ms_domain_check_get_config (const MsDomainCheck *check);

/**
 * ms_domain_check_get_worst:
 * @check: a check
 *
 * Returns: the highest severity among the findings, or -1 without any.
 *
 * Since: 0.1
 */
int ms_domain_check_get_worst (const MsDomainCheck *check);

/**
 * ms_domain_check_async:
 * @domain: the mail domain
 * @config: (nullable): servers to check instead of discovering them: only
 *   these are connected to (no discovery, no SRV lookups)
 * @options: (nullable): discovery options (sources, time-outs, CA file)
 * @cancellable: (nullable): a cancellable
 * @callback: called once, when everything was looked up and tried
 * @user_data: data for @callback
 *
 * Looks at @domain as every client would: every discovery source, each
 * answer kept on its own (none stops the others), the SRV records, then a
 * connection to every server any source names (and to the implicit-TLS
 * port of each server offering STARTTLS), certificates checked. Nothing
 * logs in.
 *
 * Since: 0.1
 */
void ms_domain_check_async (const char *domain, const MsConfig *config, const MsDiscoveryOptions *options,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

/**
 * ms_domain_check_finish:
 * @result: the result given to the callback
 * @error: return location for an error: %G_IO_ERROR_CANCELLED, or an
 *   address error for a malformed domain
 *
 * Returns: (transfer full) (nullable): the check.
 *
 * Since: 0.1
 */
MsDomainCheck *ms_domain_check_finish (GAsyncResult *result, GError **error);

/**
 * ms_domain_check_sync:
 * @domain: the mail domain
 * @config: (nullable): servers to check instead of discovering them
 * @options: (nullable): options
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * ms_domain_check_async() in a main context of its own.
 *
 * Returns: (transfer full) (nullable): as ms_domain_check_finish().
 *
 * Since: 0.1
 */
MsDomainCheck *ms_domain_check_sync (const char *domain, const MsConfig *config, const MsDiscoveryOptions *options,
                                     GCancellable *cancellable, GError **error);

/**
 * ms_source_flags_to_string:
 * @sources: a set of MS_SOURCE_FLAG() bits
 *
 * Returns: (transfer full): the sources' stable names, comma-separated
 * ("autoconfig, probe"), "" for none.
 *
 * Since: 0.1
 */
char *ms_source_flags_to_string (guint sources);
/** ms_finding_code_to_string: @code: a code. Returns: its stable name ("srv-missing"). Since: 0.1 */
const char *ms_finding_code_to_string (MsFindingCode code);
/** ms_severity_to_string: @severity: a severity. Returns: "info", "warning" or "error". Since: 0.1 */
const char *ms_severity_to_string (MsSeverity severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsDomainCheck, ms_domain_check_unref)

G_END_DECLS
