/* The MS_ERROR domain: one switch per view of a code, with no default:
 * branch, so that -Wswitch names any code added without its text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/error.h>
#include "core/i18n.h"

G_DEFINE_QUARK (ms-error-quark, ms_error)

const char *
ms_error_to_string (MsError code)
{
	switch (code) {
	case MS_ERROR_FAILED: return _("Something went wrong");
	case MS_ERROR_ADDRESS_EMPTY: return _("No email address was given");
	case MS_ERROR_ADDRESS_NO_AT: return _("An email address needs an “@”");
	case MS_ERROR_ADDRESS_MULTIPLE_AT: return _("An email address has only one “@”");
	case MS_ERROR_ADDRESS_SPACE: return _("An email address cannot contain spaces");
	case MS_ERROR_ADDRESS_BAD_UTF8: return _("The email address is not valid text");
	case MS_ERROR_ADDRESS_TOO_LONG: return _("The email address is too long");
	case MS_ERROR_LOCAL_PART_EMPTY: return _("Nothing comes before the “@”");
	case MS_ERROR_LOCAL_PART_TOO_LONG: return _("The part before the “@” is too long");
	case MS_ERROR_LOCAL_PART_QUOTED: return _("Addresses with quotes are not supported");
	case MS_ERROR_LOCAL_PART_INVALID: return _("The part before the “@” is not valid");
	case MS_ERROR_DOMAIN_EMPTY: return _("Nothing comes after the “@”");
	case MS_ERROR_DOMAIN_LITERAL: return _("The part after the “@” must be a domain name, not an address");
	case MS_ERROR_DOMAIN_TOO_LONG: return _("The domain name is too long");
	case MS_ERROR_DOMAIN_LABEL_EMPTY: return _("The domain name has an empty part");
	case MS_ERROR_DOMAIN_LABEL_TOO_LONG: return _("A part of the domain name is too long");
	case MS_ERROR_DOMAIN_INVALID: return _("The domain name is not valid");
	case MS_ERROR_DOMAIN_SINGLE_LABEL: return _("The domain name is incomplete");
	case MS_ERROR_XML_MALFORMED: return _("The configuration file is not valid XML");
	case MS_ERROR_XML_TOO_LARGE: return _("The configuration file is too large");
	case MS_ERROR_XML_TOO_DEEP: return _("The configuration file is nested too deeply");
	case MS_ERROR_XML_TOO_MANY: return _("The configuration file has too many entries");
	case MS_ERROR_XML_NOT_AUTOCONFIG: return _("The file is not a mail configuration file");
	case MS_ERROR_NO_USABLE_SERVER: return _("No server that can be used was found");
	case MS_ERROR_SERVER_TYPE_UNSUPPORTED: return _("A server of a kind this program cannot use was left out");
	case MS_ERROR_SERVER_INCOMPLETE: return _("An incomplete server entry was left out");
	case MS_ERROR_BAD_PLACEHOLDER: return _("A placeholder is misspelt");
	case MS_ERROR_BAD_HOSTNAME: return _("A server name is not valid");
	case MS_ERROR_BAD_PORT: return _("A port number is not valid");
	case MS_ERROR_BAD_SOCKET_TYPE: return _("A kind of connection security is not known");
	case MS_ERROR_BAD_AUTHENTICATION: return _("A login method is not known");
	case MS_ERROR_INSECURE_SERVER: return _("A server does not encrypt the connection");
	case MS_ERROR_HTTP_FAILED: return _("A web server could not be reached");
	case MS_ERROR_HTTP_TOO_LARGE: return _("A web server sent too much data");
	case MS_ERROR_HTTP_REDIRECT: return _("A web server redirected too often or to an unencrypted address");
	case MS_ERROR_HTTP_CERTIFICATE: return _("A web server’s certificate is not valid");
	case MS_ERROR_DNS_FAILED: return _("A DNS lookup failed");
	case MS_ERROR_TLS_FAILED: return _("An encrypted connection could not be set up");
	case MS_ERROR_TLS_CERTIFICATE: return _("A server’s certificate is not valid");
	case MS_ERROR_PROTOCOL: return _("A server answered in a way that makes no sense");
	}
	return _("Unknown error");
}

const char *
ms_error_code_name (MsError code)
{
	switch (code) {
	case MS_ERROR_FAILED: return "failed";
	case MS_ERROR_ADDRESS_EMPTY: return "address-empty";
	case MS_ERROR_ADDRESS_NO_AT: return "address-no-at";
	case MS_ERROR_ADDRESS_MULTIPLE_AT: return "address-multiple-at";
	case MS_ERROR_ADDRESS_SPACE: return "address-space";
	case MS_ERROR_ADDRESS_BAD_UTF8: return "address-bad-utf8";
	case MS_ERROR_ADDRESS_TOO_LONG: return "address-too-long";
	case MS_ERROR_LOCAL_PART_EMPTY: return "local-part-empty";
	case MS_ERROR_LOCAL_PART_TOO_LONG: return "local-part-too-long";
	case MS_ERROR_LOCAL_PART_QUOTED: return "local-part-quoted";
	case MS_ERROR_LOCAL_PART_INVALID: return "local-part-invalid";
	case MS_ERROR_DOMAIN_EMPTY: return "domain-empty";
	case MS_ERROR_DOMAIN_LITERAL: return "domain-literal";
	case MS_ERROR_DOMAIN_TOO_LONG: return "domain-too-long";
	case MS_ERROR_DOMAIN_LABEL_EMPTY: return "domain-label-empty";
	case MS_ERROR_DOMAIN_LABEL_TOO_LONG: return "domain-label-too-long";
	case MS_ERROR_DOMAIN_INVALID: return "domain-invalid";
	case MS_ERROR_DOMAIN_SINGLE_LABEL: return "domain-single-label";
	case MS_ERROR_XML_MALFORMED: return "xml-malformed";
	case MS_ERROR_XML_TOO_LARGE: return "xml-too-large";
	case MS_ERROR_XML_TOO_DEEP: return "xml-too-deep";
	case MS_ERROR_XML_TOO_MANY: return "xml-too-many";
	case MS_ERROR_XML_NOT_AUTOCONFIG: return "xml-not-autoconfig";
	case MS_ERROR_NO_USABLE_SERVER: return "no-usable-server";
	case MS_ERROR_SERVER_TYPE_UNSUPPORTED: return "server-type-unsupported";
	case MS_ERROR_SERVER_INCOMPLETE: return "server-incomplete";
	case MS_ERROR_BAD_PLACEHOLDER: return "bad-placeholder";
	case MS_ERROR_BAD_HOSTNAME: return "bad-hostname";
	case MS_ERROR_BAD_PORT: return "bad-port";
	case MS_ERROR_BAD_SOCKET_TYPE: return "bad-socket-type";
	case MS_ERROR_BAD_AUTHENTICATION: return "bad-authentication";
	case MS_ERROR_INSECURE_SERVER: return "insecure-server";
	case MS_ERROR_HTTP_FAILED: return "http-failed";
	case MS_ERROR_HTTP_TOO_LARGE: return "http-too-large";
	case MS_ERROR_HTTP_REDIRECT: return "http-redirect";
	case MS_ERROR_HTTP_CERTIFICATE: return "http-certificate";
	case MS_ERROR_DNS_FAILED: return "dns-failed";
	case MS_ERROR_TLS_FAILED: return "tls-failed";
	case MS_ERROR_TLS_CERTIFICATE: return "tls-certificate";
	case MS_ERROR_PROTOCOL: return "protocol";
	}
	return "unknown";
}
