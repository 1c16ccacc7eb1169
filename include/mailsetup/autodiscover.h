/* mailsetup: Microsoft Autodiscover, "plain old XML" (POX) flavour, as
 * Exchange, Office 365 and many hosting panels (cPanel, Plesk) answer it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/address.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/** MS_AUTODISCOVER_MAX_SIZE: largest response read, in bytes; Exchange's are under 20 KiB. Since: 0.1 */
#define MS_AUTODISCOVER_MAX_SIZE (256 * 1024)
/** MS_AUTODISCOVER_MAX_DEPTH: deepest element nesting accepted; Exchange's responses need 7. Since: 0.1 */
#define MS_AUTODISCOVER_MAX_DEPTH 16
/** MS_AUTODISCOVER_MAX_ELEMENTS: most elements in one response. Since: 0.1 */
#define MS_AUTODISCOVER_MAX_ELEMENTS 8192
/** MS_AUTODISCOVER_MAX_PROTOCOLS: most <Protocol> entries of accounts in one response, usable or not. Since: 0.1 */
#define MS_AUTODISCOVER_MAX_PROTOCOLS 64
/** MS_AUTODISCOVER_MAX_TEXT: longest text of one element, in bytes. Since: 0.1 */
#define MS_AUTODISCOVER_MAX_TEXT 4096

/**
 * MS_AUTODISCOVER_CONTENT_TYPE:
 *
 * The Content-Type to send ms_autodiscover_request() with. Outlook.com
 * accepts only this exact spelling (Thunderbird bug 1454325).
 *
 * Since: 0.1
 */
#define MS_AUTODISCOVER_CONTENT_TYPE "text/xml; charset=utf-8"

/**
 * ms_autodiscover_request:
 * @address: the user's address
 *
 * The body of a POX Autodiscover request for @address, asking for the
 * Outlook response schema (the only one that lists IMAP, POP3 and SMTP
 * servers). To be POSTed with %MS_AUTODISCOVER_CONTENT_TYPE to
 * https://autodiscover.<domain>/autodiscover/autodiscover.xml and the
 * other places Autodiscover is looked for.
 *
 * Returns: (transfer full): the XML document, UTF-8, the address escaped.
 *
 * Since: 0.1
 */
char *ms_autodiscover_request (const MsAddress *address);

/**
 * MsAutodiscoverRedirectKind:
 * @MS_AUTODISCOVER_REDIRECT_NONE: the response is not a redirect.
 * @MS_AUTODISCOVER_REDIRECT_ADDRESS: ask again for another address
 *   (`<Action>redirectAddr</Action>`), starting discovery over from its domain.
 * @MS_AUTODISCOVER_REDIRECT_URL: send the same request to another URL
 *   (`<Action>redirectUrl</Action>`), always https.
 *
 * Since: 0.1
 */
typedef enum {
	MS_AUTODISCOVER_REDIRECT_NONE,
	MS_AUTODISCOVER_REDIRECT_ADDRESS,
	MS_AUTODISCOVER_REDIRECT_URL,
} MsAutodiscoverRedirectKind;

/**
 * MsAutodiscoverRedirect:
 * @kind: what the server asks for
 * @target: (nullable): the normalised address ("local@ascii-domain") or the
 *   https URL; %NULL when @kind is %MS_AUTODISCOVER_REDIRECT_NONE
 *
 * A redirect read by ms_autodiscover_parse(). Following it is the caller's
 * business: it bounds the number of hops (Thunderbird stops after 2),
 * detects loops, and lowers the trust of what a redirect to another domain
 * yields. Clear it with ms_autodiscover_redirect_clear(), or declare it
 * `g_auto (MsAutodiscoverRedirect) redirect = { 0 };`.
 *
 * Since: 0.1
 */
typedef struct {
	MsAutodiscoverRedirectKind kind;
	char *target;
} MsAutodiscoverRedirect;

/**
 * ms_autodiscover_redirect_clear:
 * @redirect: a redirect
 *
 * Frees @redirect's target and sets it back to
 * %MS_AUTODISCOVER_REDIRECT_NONE; @redirect itself is not freed.
 *
 * Since: 0.1
 */
void ms_autodiscover_redirect_clear (MsAutodiscoverRedirect *redirect);

/**
 * ms_autodiscover_parse:
 * @data: the response (need not be nul-terminated)
 * @length: its length, or -1 if nul-terminated
 * @trust: how far the place it came from is trusted, recorded on every server
 * @redirect: (out caller-allocates) (optional): where to store a redirect
 * @error: return location for an %MS_ERROR
 *
 * Reads a POX Autodiscover response (Outlook response schema 2006a) within
 * the MS_AUTODISCOVER_MAX_* bounds. Namespace prefixes are ignored: elements
 * are matched by local name. Of each `<Account>` of type "email", only the
 * IMAP, POP3 and SMTP `<Protocol>` entries are used; the others (EXCH, EXPR,
 * WEB, mapiHttp) are recorded as %MS_ERROR_SERVER_TYPE_UNSUPPORTED notes, as
 * are broken entries (bad host name, port, encryption, login name) under
 * their own codes, and plain-text servers (%MS_ERROR_INSECURE_SERVER; kept,
 * ranked last). Servers get the source %MS_SOURCE_AUTODISCOVER and @trust.
 * DTDs and entities other than XML's five are refused.
 *
 * A redirect is not an error: the function returns %NULL, leaves @error
 * unset and fills @redirect. If @redirect is %NULL, a redirect is reported
 * as %MS_ERROR_NO_USABLE_SERVER instead.
 *
 * Returns: (transfer full) (nullable): the configuration; or %NULL with
 * @redirect filled; or %NULL with @error set if the response is malformed,
 * over a limit, not an Autodiscover response (%MS_ERROR_XML_NOT_AUTOCONFIG),
 * an `<Error>` (%MS_ERROR_NO_USABLE_SERVER, with the server's code and
 * message), a redirect to an invalid address or a non-https URL, or has no
 * usable server (%MS_ERROR_NO_USABLE_SERVER; the reasons are in the message).
 *
 * Since: 0.1
 */
MsConfig *ms_autodiscover_parse (const char *data, gssize length, MsTrust trust,
                                 MsAutodiscoverRedirect *redirect, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MsAutodiscoverRedirect, ms_autodiscover_redirect_clear)

G_END_DECLS
