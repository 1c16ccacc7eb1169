/* mailsetup: the account configuration model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/address.h>

G_BEGIN_DECLS

/**
 * MsProtocol:
 * @MS_PROTOCOL_IMAP: IMAP, incoming.
 * @MS_PROTOCOL_POP3: POP3, incoming.
 * @MS_PROTOCOL_SMTP: SMTP submission, outgoing.
 *
 * Since: 0.1
 */
typedef enum {
	MS_PROTOCOL_IMAP,
	MS_PROTOCOL_POP3,
	MS_PROTOCOL_SMTP,
} MsProtocol;

/**
 * MsSocketType:
 * @MS_SOCKET_TLS: TLS from the first byte (RFC 8314 "implicit TLS": 993, 995, 465).
 * @MS_SOCKET_STARTTLS: plain connection upgraded with STARTTLS/STLS.
 * @MS_SOCKET_PLAIN: no encryption. Kept for diagnosis, never offered as working.
 *
 * In order of preference (RFC 8314 §3).
 *
 * Since: 0.1
 */
typedef enum {
	MS_SOCKET_TLS,
	MS_SOCKET_STARTTLS,
	MS_SOCKET_PLAIN,
} MsSocketType;

/**
 * MsAuthMethods:
 * @MS_AUTH_PASSWORD_CLEARTEXT: password sent as is (LOGIN, PLAIN, USER/PASS), inside TLS.
 * @MS_AUTH_PASSWORD_ENCRYPTED: challenge-response (CRAM-MD5, DIGEST-MD5, APOP).
 * @MS_AUTH_NTLM: NTLM.
 * @MS_AUTH_GSSAPI: Kerberos through GSSAPI.
 * @MS_AUTH_OAUTH2: OAuth2 (XOAUTH2, OAUTHBEARER).
 * @MS_AUTH_CLIENT_CERT: a TLS client certificate.
 * @MS_AUTH_CLIENT_IP: the server trusts the client's address.
 * @MS_AUTH_NONE: no authentication (SMTP only).
 * @MS_AUTH_SMTP_AFTER_POP: SMTP allowed after a POP3 login.
 *
 * Authentication methods a server accepts (a set of flags).
 *
 * Since: 0.1
 */
typedef enum {
	MS_AUTH_PASSWORD_CLEARTEXT = 1 << 0,
	MS_AUTH_PASSWORD_ENCRYPTED = 1 << 1,
	MS_AUTH_NTLM = 1 << 2,
	MS_AUTH_GSSAPI = 1 << 3,
	MS_AUTH_OAUTH2 = 1 << 4,
	MS_AUTH_CLIENT_CERT = 1 << 5,
	MS_AUTH_CLIENT_IP = 1 << 6,
	MS_AUTH_NONE = 1 << 7,
	MS_AUTH_SMTP_AFTER_POP = 1 << 8,
} MsAuthMethods;

/**
 * MsSource:
 * @MS_SOURCE_FILE: a file the user gave.
 * @MS_SOURCE_BUILTIN: provider data installed with mailsetup.
 * @MS_SOURCE_AUTOCONFIG: the domain's own autoconfig file.
 * @MS_SOURCE_ISPDB: Mozilla's ISP database.
 * @MS_SOURCE_MX: provider data found through the domain's MX host.
 * @MS_SOURCE_SRV: RFC 6186 / RFC 8314 SRV records.
 * @MS_SOURCE_AUTODISCOVER: Microsoft Autodiscover.
 * @MS_SOURCE_PROBE: a server found by connecting to likely hosts and ports.
 * @MS_SOURCE_PROFILE: an Apple configuration profile.
 *
 * Where a server came from.
 *
 * Since: 0.1
 */
typedef enum {
	MS_SOURCE_FILE,
	MS_SOURCE_BUILTIN,
	MS_SOURCE_AUTOCONFIG,
	MS_SOURCE_ISPDB,
	MS_SOURCE_MX,
	MS_SOURCE_SRV,
	MS_SOURCE_AUTODISCOVER,
	MS_SOURCE_PROBE,
	MS_SOURCE_PROFILE,
} MsSource;

/**
 * MsTrust:
 * @MS_TRUST_NONE: not to be used without the user's explicit confirmation
 *   (fetched over plain HTTP, redirected to another domain, SRV target outside
 *   the domain without DNSSEC).
 * @MS_TRUST_LOW: a guess that worked (probing).
 * @MS_TRUST_MEDIUM: indirect evidence (MX provider, SRV inside the domain).
 * @MS_TRUST_HIGH: the provider's or the user's own word, fetched securely.
 *
 * How far a source is trusted; ranks servers before any other criterion
 * except that plain-text servers always come last.
 *
 * Since: 0.1
 */
typedef enum {
	MS_TRUST_NONE,
	MS_TRUST_LOW,
	MS_TRUST_MEDIUM,
	MS_TRUST_HIGH,
} MsTrust;

/**
 * MsServer:
 *
 * One server of an account: protocol, host, port, socket type, accepted
 * authentication methods, username template, and where it came from.
 * Host name and username may hold placeholders (see ms_template_expand()).
 * Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsServer MsServer;

/**
 * ms_server_new:
 * @protocol: the protocol
 * @hostname: host name, possibly with placeholders ("mail.%EMAILDOMAIN%")
 * @port: port, 1 to 65535
 * @socket_type: how the connection is secured
 *
 * Returns: (transfer full): a server with password authentication, the full
 * address as username template, source %MS_SOURCE_FILE, trust %MS_TRUST_HIGH.
 *
 * Since: 0.1
 */
MsServer *ms_server_new (MsProtocol protocol, const char *hostname, guint16 port, MsSocketType socket_type);
/** ms_server_ref: @server: a server. Returns: (transfer full): @server. Since: 0.1 */
MsServer *ms_server_ref (MsServer *server);
/** ms_server_unref: @server: (transfer full): a server. Since: 0.1 */
void ms_server_unref (MsServer *server);

/** ms_server_get_protocol: @server: a server. Returns: its protocol. Since: 0.1 */
MsProtocol ms_server_get_protocol (const MsServer *server);
/** ms_server_get_hostname: @server: a server. Returns: (transfer none): host name template. Since: 0.1 */
const char *ms_server_get_hostname (const MsServer *server);
/** ms_server_get_port: @server: a server. Returns: the port. Since: 0.1 */
guint16 ms_server_get_port (const MsServer *server);
/** ms_server_get_socket_type: @server: a server. Returns: the socket type. Since: 0.1 */
MsSocketType ms_server_get_socket_type (const MsServer *server);
/** ms_server_get_auth: @server: a server. Returns: the accepted methods. Since: 0.1 */
MsAuthMethods ms_server_get_auth (const MsServer *server);
/** ms_server_set_auth: @server: a server. @auth: the accepted methods. Since: 0.1 */
void ms_server_set_auth (MsServer *server, MsAuthMethods auth);

/**
 * ms_server_get_username:
 * @server: a server
 *
 * Returns: (transfer none) (nullable): the username template
 * ("%EMAILADDRESS%"), or %NULL when the form is unknown and must be found
 * by trying (full address first, then local part).
 *
 * Since: 0.1
 */
const char *ms_server_get_username (const MsServer *server);
/** ms_server_set_username: @server: a server. @username: (nullable): template or %NULL. Since: 0.1 */
void ms_server_set_username (MsServer *server, const char *username);
/** ms_server_get_source: @server: a server. Returns: where it came from. Since: 0.1 */
MsSource ms_server_get_source (const MsServer *server);
/** ms_server_get_trust: @server: a server. Returns: how far its source is trusted. Since: 0.1 */
MsTrust ms_server_get_trust (const MsServer *server);
/** ms_server_set_source: @server: a server. @source: where it came from. @trust: how far that is trusted. Since: 0.1 */
void ms_server_set_source (MsServer *server, MsSource source, MsTrust trust);

/**
 * ms_server_get_evidence:
 * @server: a server
 *
 * Returns: the set of sources (MS_SOURCE_FLAG() bits) that found this same
 * server; more agreement ranks higher among otherwise equal servers.
 *
 * Since: 0.1
 */
guint ms_server_get_evidence (const MsServer *server);
/** ms_server_add_evidence: @server: a server. @evidence: MS_SOURCE_FLAG() bits of sources that agree. Since: 0.1 */
void ms_server_add_evidence (MsServer *server, guint evidence);

/**
 * ms_server_get_confirmation:
 * @server: a server
 *
 * Returns: (transfer none) (nullable): why the user must confirm this server
 * before it is used ("the configuration was fetched without encryption",
 * "the server is outside your domain: mail.example.net"), or %NULL.
 *
 * Since: 0.1
 */
const char *ms_server_get_confirmation (const MsServer *server);
/**
 * ms_server_set_confirmation:
 * @server: a server
 * @reason: (nullable): why it needs the user's confirmation; setting one
 *   also lowers its trust to %MS_TRUST_NONE
 *
 * Since: 0.1
 */
void ms_server_set_confirmation (MsServer *server, const char *reason);

/**
 * ms_server_same:
 * @a: a server
 * @b: another server
 *
 * Returns: %TRUE when both are the same endpoint: protocol, host name
 * (case-insensitive), port and socket type.
 *
 * Since: 0.1
 */
gboolean ms_server_same (const MsServer *a, const MsServer *b);

/**
 * ms_server_copy:
 * @server: a server
 *
 * Returns: (transfer full): a new server equal to @server.
 *
 * Since: 0.1
 */
MsServer *ms_server_copy (const MsServer *server);

/**
 * ms_server_is_secure:
 * @server: a server
 *
 * Returns: %TRUE for implicit TLS and STARTTLS; %FALSE for plain text,
 * which is never offered as a working configuration.
 *
 * Since: 0.1
 */
gboolean ms_server_is_secure (const MsServer *server);

/**
 * ms_server_compare:
 * @a: a server
 * @b: another server
 *
 * Ranking order: secure before plain text whatever the source; then higher
 * trust; then implicit TLS before STARTTLS (RFC 8314); then IMAP before
 * POP3; then, for SMTP, the submission ports before 25; then more sources
 * in agreement (ms_server_get_evidence()). Equal
 * servers keep their order under a stable sort.
 *
 * Returns: negative if @a ranks first, positive if @b does, 0 if equal.
 *
 * Since: 0.1
 */
int ms_server_compare (const MsServer *a, const MsServer *b);

/**
 * MsOAuth2:
 * @issuer: the token issuer's host
 * @scope: space-separated scopes
 * @auth_url: the authorisation endpoint
 * @token_url: the token endpoint
 *
 * OAuth2 endpoints a provider publishes with its servers.
 *
 * Since: 0.1
 */
typedef struct {
	char *issuer;
	char *scope;
	char *auth_url;
	char *token_url;
} MsOAuth2;

/**
 * MsDocumentation:
 * @url: the page
 * @description: (nullable): what it says, in the language best matching
 *   the user's, else English, else the first given
 *
 * A provider's help page.
 *
 * Since: 0.1
 */
typedef struct {
	char *url;
	char *description;
} MsDocumentation;

/**
 * MsConfig:
 *
 * A provider's configuration: its identity and domains, incoming servers
 * (IMAP, POP3) and outgoing servers (SMTP), each list in ranking order, and
 * the notes gathered while reading it: servers kept out and why, broken
 * placeholders, insecure servers (each a #GError of the %MS_ERROR domain).
 * Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsConfig MsConfig;

/** ms_config_new: Returns: (transfer full): an empty configuration. Since: 0.1 */
MsConfig *ms_config_new (void);
/** ms_config_ref: @config: a configuration. Returns: (transfer full): @config. Since: 0.1 */
MsConfig *ms_config_ref (MsConfig *config);
/** ms_config_unref: @config: (transfer full): a configuration. Since: 0.1 */
void ms_config_unref (MsConfig *config);

/** ms_config_get_id: @config: a configuration. Returns: (transfer none) (nullable): provider id ("ovh.net"). Since: 0.1 */
const char *ms_config_get_id (const MsConfig *config);
/** ms_config_set_id: @config: a configuration. @id: (nullable): provider id. Since: 0.1 */
void ms_config_set_id (MsConfig *config, const char *id);
/** ms_config_get_display_name: @config: a configuration. Returns: (transfer none) (nullable): provider name. Since: 0.1 */
const char *ms_config_get_display_name (const MsConfig *config);
/** ms_config_set_display_name: @config: a configuration. @name: (nullable): provider name. Since: 0.1 */
void ms_config_set_display_name (MsConfig *config, const char *name);
/** ms_config_get_short_name: @config: a configuration. Returns: (transfer none) (nullable): short provider name. Since: 0.1 */
const char *ms_config_get_short_name (const MsConfig *config);
/** ms_config_set_short_name: @config: a configuration. @name: (nullable): short provider name. Since: 0.1 */
void ms_config_set_short_name (MsConfig *config, const char *name);

/** ms_config_add_domain: @config: a configuration. @domain: a domain it serves (kept once). Since: 0.1 */
void ms_config_add_domain (MsConfig *config, const char *domain);
/** ms_config_get_domains: @config: a configuration. Returns: (transfer none) (element-type utf8): the domains served. Since: 0.1 */
GPtrArray *ms_config_get_domains (const MsConfig *config);

/**
 * ms_config_add_server:
 * @config: a configuration
 * @server: a server, added to the incoming or outgoing list by protocol
 *
 * Adds @server in ranking order (after the servers that rank before it or
 * equal to it).
 *
 * Since: 0.1
 */
void ms_config_add_server (MsConfig *config, MsServer *server);
/** ms_config_get_incoming: @config: a configuration. Returns: (transfer none) (element-type MsServer): IMAP and POP3 servers, ranked. Since: 0.1 */
GPtrArray *ms_config_get_incoming (const MsConfig *config);
/** ms_config_get_outgoing: @config: a configuration. Returns: (transfer none) (element-type MsServer): SMTP servers, ranked. Since: 0.1 */
GPtrArray *ms_config_get_outgoing (const MsConfig *config);

/** ms_config_add_note: @config: a configuration. @note: an error to remember (copied). Since: 0.1 */
void ms_config_add_note (MsConfig *config, const GError *note);
/** ms_config_get_notes: @config: a configuration. Returns: (transfer none) (element-type GError): notes, in document order. Since: 0.1 */
GPtrArray *ms_config_get_notes (const MsConfig *config);

/** ms_config_set_oauth2: @config: a configuration. @oauth2: (nullable): endpoints (copied). Since: 0.1 */
void ms_config_set_oauth2 (MsConfig *config, const MsOAuth2 *oauth2);
/** ms_config_get_oauth2: @config: a configuration. Returns: (transfer none) (nullable): the endpoints. Since: 0.1 */
const MsOAuth2 *ms_config_get_oauth2 (const MsConfig *config);

/** ms_config_add_documentation: @config: a configuration. @url: a help page. @description: (nullable): what it is. Since: 0.1 */
void ms_config_add_documentation (MsConfig *config, const char *url, const char *description);
/** ms_config_get_documentation: @config: a configuration. Returns: (transfer none) (element-type MsDocumentation): help pages. Since: 0.1 */
GPtrArray *ms_config_get_documentation (const MsConfig *config);

/**
 * ms_template_check:
 * @template_: a host name or username template
 * @error: return location for %MS_ERROR_BAD_PLACEHOLDER
 *
 * Checks that every "%" starts one of the placeholders %EMAILADDRESS%,
 * %EMAILLOCALPART% or %EMAILDOMAIN% and that each is closed.
 *
 * Returns: %TRUE if @template_ is well formed.
 *
 * Since: 0.1
 */
gboolean ms_template_check (const char *template_, GError **error);

/**
 * ms_template_expand:
 * @template_: a template
 * @address: the user's address
 * @error: return location for %MS_ERROR_BAD_PLACEHOLDER
 *
 * Returns: (transfer full) (nullable): @template_ with its placeholders
 * replaced, or %NULL with @error set.
 *
 * Since: 0.1
 */
char *ms_template_expand (const char *template_, const MsAddress *address, GError **error);

/** ms_protocol_to_string: @protocol: a protocol. Returns: (transfer none): "imap", "pop3" or "smtp". Since: 0.1 */
const char *ms_protocol_to_string (MsProtocol protocol);
/** ms_socket_type_to_string: @socket_type: a socket type. Returns: (transfer none): "tls", "starttls" or "plain". Since: 0.1 */
const char *ms_socket_type_to_string (MsSocketType socket_type);
/**
 * ms_socket_type_describe:
 * @socket_type: a socket type
 *
 * Returns: (transfer none): the socket type in words for a person,
 * translated ("encrypted (TLS)", "encrypted (STARTTLS)", "not encrypted").
 *
 * Since: 0.1
 */
const char *ms_socket_type_describe (MsSocketType socket_type);
/** ms_source_to_string: @source: a source. Returns: (transfer none): its stable name ("ispdb"). Since: 0.1 */
const char *ms_source_to_string (MsSource source);
/** ms_trust_to_string: @trust: a trust level. Returns: (transfer none): "none", "low", "medium" or "high". Since: 0.1 */
const char *ms_trust_to_string (MsTrust trust);
/**
 * ms_auth_method_to_string:
 * @method: a single flag of #MsAuthMethods
 *
 * Returns: (transfer none) (nullable): the autoconfig name of @method
 * ("password-cleartext", "OAuth2"), or %NULL if @method is not one flag.
 *
 * Since: 0.1
 */
const char *ms_auth_method_to_string (MsAuthMethods method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsServer, ms_server_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsConfig, ms_config_unref)

G_END_DECLS
