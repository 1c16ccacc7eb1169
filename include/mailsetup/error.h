/* mailsetup: error domain and codes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MS_ERROR:
 *
 * The #GError domain of every error mailsetup reports itself. Errors of
 * GLib (e.g. %G_FILE_ERROR when a file cannot be read) are passed through.
 *
 * Since: 0.1
 */
#define MS_ERROR (ms_error_quark ())

/**
 * MsError:
 * @MS_ERROR_FAILED: an error with no more specific code.
 * @MS_ERROR_ADDRESS_EMPTY: the address is empty.
 * @MS_ERROR_ADDRESS_NO_AT: the address has no "@".
 * @MS_ERROR_ADDRESS_MULTIPLE_AT: the address has more than one "@".
 * @MS_ERROR_ADDRESS_SPACE: the address contains a space or a control character.
 * @MS_ERROR_ADDRESS_BAD_UTF8: the address is not valid UTF-8.
 * @MS_ERROR_ADDRESS_TOO_LONG: longer than the 254 octets RFC 5321 allows.
 * @MS_ERROR_LOCAL_PART_EMPTY: nothing before the "@".
 * @MS_ERROR_LOCAL_PART_TOO_LONG: longer than the 64 octets RFC 5321 allows.
 * @MS_ERROR_LOCAL_PART_QUOTED: a quoted local part ("john doe"@…), not supported.
 * @MS_ERROR_LOCAL_PART_INVALID: a character or a dot where none may be.
 * @MS_ERROR_DOMAIN_EMPTY: nothing after the "@".
 * @MS_ERROR_DOMAIN_LITERAL: an address literal ([192.0.2.1]) or a bare IP address.
 * @MS_ERROR_DOMAIN_TOO_LONG: longer than 253 octets once converted to ASCII.
 * @MS_ERROR_DOMAIN_LABEL_EMPTY: two dots in a row, or a leading dot.
 * @MS_ERROR_DOMAIN_LABEL_TOO_LONG: a label over 63 octets once converted to ASCII.
 * @MS_ERROR_DOMAIN_INVALID: a character that no host name may contain.
 * @MS_ERROR_DOMAIN_SINGLE_LABEL: a domain with no dot ("localhost").
 * @MS_ERROR_XML_MALFORMED: the XML is not well formed.
 * @MS_ERROR_XML_TOO_LARGE: the document is over the size limit.
 * @MS_ERROR_XML_TOO_DEEP: the document nests deeper than the limit.
 * @MS_ERROR_XML_TOO_MANY: the document has more elements or servers than the limit.
 * @MS_ERROR_XML_NOT_AUTOCONFIG: the document is not an autoconfig clientConfig.
 * @MS_ERROR_NO_USABLE_SERVER: no server Claws Mail can use was found.
 * @MS_ERROR_SERVER_TYPE_UNSUPPORTED: a server type mail clients like Claws
 *   cannot use (Exchange, EWS, OWA, Graph); reported as a note.
 * @MS_ERROR_SERVER_INCOMPLETE: a server without host name or port; a note.
 * @MS_ERROR_BAD_PLACEHOLDER: an unknown or unterminated %PLACEHOLDER%.
 * @MS_ERROR_BAD_HOSTNAME: a host name that is not one.
 * @MS_ERROR_BAD_PORT: a port that is not a number from 1 to 65535.
 * @MS_ERROR_BAD_SOCKET_TYPE: a socket type other than SSL, STARTTLS, plain.
 * @MS_ERROR_BAD_AUTHENTICATION: an authentication method not known; a note.
 * @MS_ERROR_INSECURE_SERVER: a server without TLS; kept, marked insecure; a note.
 * @MS_ERROR_HTTP_FAILED: a web server could not be reached or answered wrongly.
 * @MS_ERROR_HTTP_TOO_LARGE: a web server sent more than the limit.
 * @MS_ERROR_HTTP_REDIRECT: too many redirects, or one from HTTPS to HTTP.
 * @MS_ERROR_HTTP_CERTIFICATE: a web server's certificate is not valid for it.
 * @MS_ERROR_DNS_FAILED: a DNS lookup failed (not "no such record").
 * @MS_ERROR_TLS_FAILED: the TLS handshake with a server failed.
 * @MS_ERROR_TLS_CERTIFICATE: a server's certificate is not valid for it.
 * @MS_ERROR_PROTOCOL: a server broke its protocol (garbage, over-long line, closed early).
 *
 * Error codes of the %MS_ERROR domain. The numbers are stable: new codes
 * are added at the end.
 *
 * Since: 0.1
 */
typedef enum {
	MS_ERROR_FAILED,
	MS_ERROR_ADDRESS_EMPTY,
	MS_ERROR_ADDRESS_NO_AT,
	MS_ERROR_ADDRESS_MULTIPLE_AT,
	MS_ERROR_ADDRESS_SPACE,
	MS_ERROR_ADDRESS_BAD_UTF8,
	MS_ERROR_ADDRESS_TOO_LONG,
	MS_ERROR_LOCAL_PART_EMPTY,
	MS_ERROR_LOCAL_PART_TOO_LONG,
	MS_ERROR_LOCAL_PART_QUOTED,
	MS_ERROR_LOCAL_PART_INVALID,
	MS_ERROR_DOMAIN_EMPTY,
	MS_ERROR_DOMAIN_LITERAL,
	MS_ERROR_DOMAIN_TOO_LONG,
	MS_ERROR_DOMAIN_LABEL_EMPTY,
	MS_ERROR_DOMAIN_LABEL_TOO_LONG,
	MS_ERROR_DOMAIN_INVALID,
	MS_ERROR_DOMAIN_SINGLE_LABEL,
	MS_ERROR_XML_MALFORMED,
	MS_ERROR_XML_TOO_LARGE,
	MS_ERROR_XML_TOO_DEEP,
	MS_ERROR_XML_TOO_MANY,
	MS_ERROR_XML_NOT_AUTOCONFIG,
	MS_ERROR_NO_USABLE_SERVER,
	MS_ERROR_SERVER_TYPE_UNSUPPORTED,
	MS_ERROR_SERVER_INCOMPLETE,
	MS_ERROR_BAD_PLACEHOLDER,
	MS_ERROR_BAD_HOSTNAME,
	MS_ERROR_BAD_PORT,
	MS_ERROR_BAD_SOCKET_TYPE,
	MS_ERROR_BAD_AUTHENTICATION,
	MS_ERROR_INSECURE_SERVER,
	MS_ERROR_HTTP_FAILED,
	MS_ERROR_HTTP_TOO_LARGE,
	MS_ERROR_HTTP_REDIRECT,
	MS_ERROR_HTTP_CERTIFICATE,
	MS_ERROR_DNS_FAILED,
	MS_ERROR_TLS_FAILED,
	MS_ERROR_TLS_CERTIFICATE,
	MS_ERROR_PROTOCOL,
} MsError;

/**
 * ms_error_quark:
 *
 * Returns: the quark of the %MS_ERROR domain.
 *
 * Since: 0.1
 */
GQuark ms_error_quark (void);

/**
 * ms_error_to_string:
 * @code: an #MsError
 *
 * A short, translated description of an error code, for a person; the
 * message of a #GError says more (which character, which element).
 *
 * Returns: (transfer none): a static string.
 *
 * Since: 0.1
 */
const char *ms_error_to_string (MsError code);

/**
 * ms_error_code_name:
 * @code: an #MsError
 *
 * The stable, untranslated name of an error code ("address-no-at"), as
 * used in JSON output and by scripts.
 *
 * Returns: (transfer none): a static string.
 *
 * Since: 0.1
 */
const char *ms_error_code_name (MsError code);

G_END_DECLS
