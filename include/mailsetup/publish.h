/* mailsetup: what a mail domain publishes for clients: RFC 6186/8314 SRV
 * records and an Apple configuration profile (the autoconfig file is
 * ms_autoconfig_write()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/**
 * ms_srv_zone_write:
 * @config: the servers to publish
 * @domain: the mail domain
 * @ttl: the records' TTL in seconds
 *
 * The SRV records of @config in zone-file syntax, one line per record:
 * _imaps._tcp, _imap._tcp, _pop3s._tcp, _pop3._tcp, _submissions._tcp,
 * _submission._tcp, each server of the matching protocol and socket type
 * with its priority (rank order, 0, 10, 20…), weight 1, port and target;
 * a service with no server gets "0 0 0 ." (RFC 6186 §3.4: not offered).
 * Plain-text servers and host names with placeholders are left out.
 *
 * Returns: (transfer full): the zone lines.
 *
 * Since: 0.1
 */
char *ms_srv_zone_write (const MsConfig *config, const char *domain, guint ttl);

/**
 * ms_mobileconfig_write:
 * @config: the servers to publish (the first secure incoming and outgoing
 *   ones are used)
 * @domain: the mail domain
 *
 * An unsigned Apple configuration profile (XML property list) with one
 * com.apple.mail.managed payload; the device asks for the address, user
 * name and password. Every PayloadUUID is new.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL when @config
 * has no secure incoming or outgoing server.
 *
 * Since: 0.1
 */
char *ms_mobileconfig_write (const MsConfig *config, const char *domain);

/** MS_SETUP_JSON_MAX_SIZE: largest `mailsetup setup --json` document read, in bytes. Since: 0.1 */
#define MS_SETUP_JSON_MAX_SIZE (1024 * 1024)

/**
 * ms_config_from_setup_json:
 * @data: a `mailsetup setup --json` document (schema mailsetup-setup/1)
 * @length: its length, or -1 if nul-terminated
 * @error: return location for an error: %MS_ERROR_XML_MALFORMED for a
 *   document that is not one, %MS_ERROR_XML_TOO_LARGE over
 *   %MS_SETUP_JSON_MAX_SIZE, %MS_ERROR_NO_USABLE_SERVER when it does not
 *   say "verified"
 *
 * The servers a verified setup proved (incoming, other incoming,
 * outgoing), as a configuration of the address's domain: the user name
 * that logged in (the server's, else the run's) becomes "%EMAILLOCALPART%"
 * when it was the local part, else "%EMAILADDRESS%". The same reader as
 * ms_mail_account_from_setup_json(): an incoming member must be IMAP or
 * POP3, the outgoing one SMTP.
 *
 * Returns: (transfer full) (nullable): the configuration.
 *
 * Since: 0.1
 */
MsConfig *ms_config_from_setup_json (const char *data, gssize length, GError **error);

G_END_DECLS
