/* mailsetup: email addresses, parsed and normalised.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** MS_ADDRESS_MAX_LENGTH: longest address in octets (RFC 5321 §4.5.3.1.3, path less "<>"). Since: 0.1 */
#define MS_ADDRESS_MAX_LENGTH 254
/** MS_ADDRESS_MAX_LOCAL_PART: longest local part in octets (RFC 5321 §4.5.3.1.1). Since: 0.1 */
#define MS_ADDRESS_MAX_LOCAL_PART 64
/** MS_ADDRESS_MAX_DOMAIN: longest domain in octets, ASCII form (RFC 1035 §2.3.4). Since: 0.1 */
#define MS_ADDRESS_MAX_DOMAIN 253
/** MS_ADDRESS_MAX_LABEL: longest domain label in octets (RFC 1035 §2.3.4). Since: 0.1 */
#define MS_ADDRESS_MAX_LABEL 63

/**
 * MsAddress:
 *
 * An email address, checked and normalised: outer white space removed,
 * domain in lower case, without trailing dot, internationalised domain
 * names converted to ASCII (the form DNS and servers use). The local part
 * is kept as typed (servers decide whether case matters); UTF-8 local parts
 * (RFC 6531) are accepted. Immutable; reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsAddress MsAddress;

/**
 * ms_address_parse:
 * @text: what the user typed
 * @error: return location for an %MS_ERROR
 *
 * Parses and normalises an address. Refuses, each with its own code and a
 * message naming the culprit: empty input, no or several "@", spaces or
 * control characters, quoted local parts, domain literals and IP addresses,
 * over-long addresses, local parts, domains and labels, empty labels,
 * characters no host name may have, and single-label domains.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL with @error set.
 *
 * Since: 0.1
 */
MsAddress *ms_address_parse (const char *text, GError **error);

/** ms_address_ref: @address: an address. Returns: (transfer full): @address. Since: 0.1 */
MsAddress *ms_address_ref (MsAddress *address);
/** ms_address_unref: @address: (transfer full): an address. Since: 0.1 */
void ms_address_unref (MsAddress *address);

/**
 * ms_address_get_address:
 * @address: an address
 *
 * Returns: (transfer none): the normalised address, "local@ascii-domain".
 *
 * Since: 0.1
 */
const char *ms_address_get_address (const MsAddress *address);

/** ms_address_get_local_part: @address: an address. Returns: (transfer none): the local part. Since: 0.1 */
const char *ms_address_get_local_part (const MsAddress *address);

/** ms_address_get_domain: @address: an address. Returns: (transfer none): the domain, ASCII form (xn-- for IDN). Since: 0.1 */
const char *ms_address_get_domain (const MsAddress *address);

/**
 * ms_address_get_domain_unicode:
 * @address: an address
 *
 * Returns: (transfer none): the domain in Unicode, for display
 * ("exemple-été.fr"); equal to the ASCII form for plain ASCII domains.
 *
 * Since: 0.1
 */
const char *ms_address_get_domain_unicode (const MsAddress *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsAddress, ms_address_unref)

G_END_DECLS
