/* Apple configuration profiles: the property list (signed or not, see
 * profile-signature.c) read into accounts. Every key of an Email payload
 * (com.apple.mail.managed) is either applied or listed as ignored with the
 * reason, and every other payload is listed as not applicable: nothing a
 * profile says is dropped silently.
 *
 * "Use SSL" is Apple's only switch, and Apple reads it with the port:
 * true on 993/995/465 is TLS from the first byte, true on 143/110/587/25
 * is STARTTLS; on any other port it could be either, so both are proposed
 * and verification keeps the one that works. False is not taken as
 * "plain text": mailsetup never proposes that, so it becomes STARTTLS on
 * the same port (TLS on 993/995/465), with a note, and verification proves
 * the server offers it. A missing port is Apple's default for the protocol.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/profile-private.h"

#include <stddef.h>
#include <string.h>
#include <mailsetup/error.h>
#include "core/hostname.h"
#include "core/i18n.h"
#include "formats/plist.h"

/* The keys of a Mail payload, each the value found or NULL. */
typedef struct {
	const MsPlist *type, *version, *identifier, *uuid, *display_name, *description, *organization, *enabled;
	const MsPlist *account_description, *account_name, *account_type, *address;
	const MsPlist *in_auth, *in_host, *in_port, *in_ssl, *in_user, *in_password, *in_prefix;
	const MsPlist *out_auth, *out_host, *out_port, *out_ssl, *out_user, *out_password, *out_same;
	const MsPlist *prevent_move, *smime_enabled, *sign, *sign_override, *sign_cert, *sign_cert_override;
	const MsPlist *encryption_enabled, *encrypt, *encrypt_override, *encrypt_cert, *encrypt_cert_override;
	const MsPlist *switch_new, *switch_old;
} Fields;

typedef struct {
	const char *key;
	MsPlistType type;
	gsize offset;
	/* N_(): why a key with no effect in Claws Mail is not applied; NULL
	 * for the keys that are. */
	const char *ignored;
} Key;

#define F(m) offsetof (Fields, m)
static const Key mail_keys[] = {
	{ "PayloadType", MS_PLIST_STRING, F (type), NULL },
	{ "PayloadVersion", MS_PLIST_INTEGER, F (version), NULL },
	{ "PayloadIdentifier", MS_PLIST_STRING, F (identifier), NULL },
	{ "PayloadUUID", MS_PLIST_STRING, F (uuid), NULL },
	{ "PayloadDisplayName", MS_PLIST_STRING, F (display_name), NULL },
	{ "PayloadDescription", MS_PLIST_STRING, F (description), NULL },
	{ "PayloadOrganization", MS_PLIST_STRING, F (organization), NULL },
	{ "PayloadEnabled", MS_PLIST_BOOLEAN, F (enabled), NULL },
	{ "EmailAccountDescription", MS_PLIST_STRING, F (account_description), NULL },
	{ "EmailAccountName", MS_PLIST_STRING, F (account_name), NULL },
	{ "EmailAccountType", MS_PLIST_STRING, F (account_type), NULL },
	{ "EmailAddress", MS_PLIST_STRING, F (address), NULL },
	{ "IncomingMailServerAuthentication", MS_PLIST_STRING, F (in_auth), NULL },
	{ "IncomingMailServerHostName", MS_PLIST_STRING, F (in_host), NULL },
	{ "IncomingMailServerPortNumber", MS_PLIST_INTEGER, F (in_port), NULL },
	{ "IncomingMailServerUseSSL", MS_PLIST_BOOLEAN, F (in_ssl), NULL },
	{ "IncomingMailServerUsername", MS_PLIST_STRING, F (in_user), NULL },
	{ "IncomingPassword", MS_PLIST_STRING, F (in_password), NULL },
	{ "IncomingMailServerIMAPPathPrefix", MS_PLIST_STRING, F (in_prefix), NULL },
	{ "OutgoingMailServerAuthentication", MS_PLIST_STRING, F (out_auth), NULL },
	{ "OutgoingMailServerHostName", MS_PLIST_STRING, F (out_host), NULL },
	{ "OutgoingMailServerPortNumber", MS_PLIST_INTEGER, F (out_port), NULL },
	{ "OutgoingMailServerUseSSL", MS_PLIST_BOOLEAN, F (out_ssl), NULL },
	{ "OutgoingMailServerUsername", MS_PLIST_STRING, F (out_user), NULL },
	{ "OutgoingPassword", MS_PLIST_STRING, F (out_password), NULL },
	{ "OutgoingPasswordSameAsIncomingPassword", MS_PLIST_BOOLEAN, F (out_same), NULL },
	{ "PreventMove", MS_PLIST_BOOLEAN, F (prevent_move), NULL },
	{ "SMIMEEnabled", MS_PLIST_BOOLEAN, F (smime_enabled), NULL },
	{ "SMIMESigningEnabled", MS_PLIST_BOOLEAN, F (sign), NULL },
	{ "SMIMESigningUserOverrideable", MS_PLIST_BOOLEAN, F (sign_override), NULL },
	{ "SMIMESigningCertificateUUID", MS_PLIST_STRING, F (sign_cert), NULL },
	{ "SMIMESigningCertificateUUIDUserOverrideable", MS_PLIST_BOOLEAN, F (sign_cert_override), NULL },
	{ "SMIMEEncryptionEnabled", MS_PLIST_BOOLEAN, F (encryption_enabled), NULL },
	{ "SMIMEEncryptByDefault", MS_PLIST_BOOLEAN, F (encrypt), NULL },
	{ "SMIMEEncryptByDefaultUserOverrideable", MS_PLIST_BOOLEAN, F (encrypt_override), NULL },
	{ "SMIMEEncryptionCertificateUUID", MS_PLIST_STRING, F (encrypt_cert), NULL },
	{ "SMIMEEncryptionCertificateUUIDUserOverrideable", MS_PLIST_BOOLEAN, F (encrypt_cert_override), NULL },
	{ "SMIMEEnableEncryptionPerMessageSwitch", MS_PLIST_BOOLEAN, F (switch_new), NULL },
	{ "SMIMEEnablePerMessageSwitch", MS_PLIST_BOOLEAN, F (switch_old), NULL },
	{ "PreventAppSheet", MS_PLIST_BOOLEAN, 0,
	  N_("it concerns Apple's share sheet, which Claws Mail does not have") },
	{ "allowMailDrop", MS_PLIST_BOOLEAN, 0, N_("Mail Drop is an iCloud service of Apple Mail") },
	{ "disableMailRecentsSyncing", MS_PLIST_BOOLEAN, 0,
	  N_("recent addresses are synchronised through iCloud, which Claws Mail does not use") },
	{ "VPNUUID", MS_PLIST_STRING, 0,
	  N_("a VPN for one account is an Apple feature: set up the VPN in the system instead") },
};
#undef F

/* Payload types that are not mail accounts, and why (N_()). */
static const struct { const char *type; const char *reason; } other_payloads[] = {
	{ "com.apple.eas.account", N_("Exchange ActiveSync is not supported by Claws Mail") },
	{ "com.apple.wifi.managed", N_("Wi-Fi settings belong to the system, not to the mail client") },
	{ "com.apple.vpn.managed", N_("VPN settings belong to the system, not to the mail client") },
	{ "com.apple.vpn.managed.applayer", N_("VPN settings belong to the system, not to the mail client") },
	{ "com.apple.caldav.account", N_("calendars are not set up by mailsetup") },
	{ "com.apple.subscribedcalendar.account", N_("calendars are not set up by mailsetup") },
	{ "com.apple.carddav.account", N_("contacts are not set up by mailsetup") },
	{ "com.apple.ldap.account", N_("directory (LDAP) accounts are not set up by mailsetup") },
	{ "com.apple.google-oauth", N_("Google accounts through Apple's sign-in are not supported: set up the "
	                               "address with mailsetup instead") },
	{ "com.apple.configurationprofile.identification",
	  N_("it asks for the user's identity on Apple devices: mailsetup asks for the address and password itself") },
	{ "com.apple.security.pkcs12", N_("an identity (certificate and private key) is not installed by mailsetup: "
	                                  "import it with “gpgsm --import” to sign or decrypt with S/MIME") },
	{ "com.apple.security.root", N_("certificates for the system's trust store are not installed by mailsetup") },
	{ "com.apple.security.pkcs1", N_("certificates for the system's trust store are not installed by mailsetup") },
	{ "com.apple.security.pem", N_("certificates for the system's trust store are not installed by mailsetup") },
};

static const char *const profile_keys[] = {
	"PayloadContent", "PayloadDisplayName", "PayloadDescription", "PayloadIdentifier", "PayloadOrganization",
	"PayloadUUID", "PayloadType", "PayloadVersion",
};
/* Keys of the profile itself that only Apple's installer acts on. */
static const struct { const char *key; const char *reason; } profile_ignored[] = {
	{ "PayloadRemovalDisallowed", N_("accounts can always be removed in Claws Mail") },
	{ "HasRemovalPasscode", N_("accounts can always be removed in Claws Mail") },
	{ "PayloadScope", N_("Claws Mail accounts belong to the user who sets them up") },
	{ "PayloadExpirationDate", N_("accounts set up in Claws Mail do not expire") },
	{ "RemovalDate", N_("accounts set up in Claws Mail do not expire") },
	{ "DurationUntilRemoval", N_("accounts set up in Claws Mail do not expire") },
	{ "ConsentText", N_("it is shown by Apple's installer; mailsetup shows its own summary") },
	{ "PayloadDate", N_("it is informational") },
	{ "TargetDeviceType", N_("it selects Apple devices") },
};

static void
note (MsConfig *config, MsError code, const char *format, ...) G_GNUC_PRINTF (3, 4);
static void
note (MsConfig *config, MsError code, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	g_autofree char *message = g_strdup_vprintf (format, args);
	va_end (args);
	g_autoptr (GError) e = g_error_new_literal (MS_ERROR, code, message);
	ms_config_add_note (config, e);
}

static gboolean
flag (const MsPlist *v, gboolean absent)
{
	return v ? v->v.boolean : absent;
}

static const char *
text (const MsPlist *v)
{
	return v && v->v.string[0] ? v->v.string : NULL;
}

static MsAuthMethods
auth_from (MsConfig *config, const char *key, const MsPlist *v, gboolean incoming)
{
	const char *s = text (v);
	if (s == NULL) {
		note (config, MS_ERROR_BAD_AUTHENTICATION, _("%s is missing: a password is assumed"), key);
		return MS_AUTH_PASSWORD_CLEARTEXT;
	}
	if (strcmp (s, "EmailAuthPassword") == 0)
		return MS_AUTH_PASSWORD_CLEARTEXT;
	/* HTTP-MD5 is Apple's name for DIGEST-MD5: both are challenges. */
	if (strcmp (s, "EmailAuthCRAMMD5") == 0 || strcmp (s, "EmailAuthHTTPMD5") == 0)
		return MS_AUTH_PASSWORD_ENCRYPTED;
	if (strcmp (s, "EmailAuthNTLM") == 0)
		return MS_AUTH_NTLM;
	if (strcmp (s, "EmailAuthNone") == 0) {
		if (!incoming)
			return MS_AUTH_NONE;
		note (config, MS_ERROR_BAD_AUTHENTICATION,
		      _("%s is EmailAuthNone, but no mailbox opens without a login: a password is assumed"), key);
		return MS_AUTH_PASSWORD_CLEARTEXT;
	}
	note (config, MS_ERROR_BAD_AUTHENTICATION, _("%s “%s” is not known: a password is assumed"), key, s);
	return MS_AUTH_PASSWORD_CLEARTEXT;
}

static void
add_server (MsConfig *config, MsProtocol protocol, const char *host, guint16 port, MsSocketType socket,
            MsAuthMethods auth, const char *username, MsTrust trust, const char *confirmation)
{
	g_autoptr (MsServer) s = ms_server_new (protocol, host, port, socket);
	ms_server_set_auth (s, auth);
	ms_server_set_username (s, username);
	ms_server_set_source (s, MS_SOURCE_PROFILE, trust);
	if (confirmation)
		ms_server_set_confirmation (s, confirmation);
	ms_config_add_server (config, s);
}

/* One server of the payload, mapped as the file's header comment says. */
static gboolean
add_servers (MsConfig *config, MsProtocol protocol, const char *prefix, const MsPlist *host_v, const MsPlist *port_v,
             const MsPlist *ssl_v, MsAuthMethods auth, const char *username, MsTrust trust, const char *confirmation)
{
	guint16 tls_port = protocol == MS_PROTOCOL_IMAP ? 993 : protocol == MS_PROTOCOL_POP3 ? 995 : 465;
	guint16 starttls_port = protocol == MS_PROTOCOL_IMAP ? 143 : protocol == MS_PROTOCOL_POP3 ? 110 : 587;
	gboolean ssl = flag (ssl_v, FALSE);
	g_autoptr (GError) e = NULL;

	if (text (host_v) == NULL) {
		note (config, MS_ERROR_SERVER_INCOMPLETE, _("%sMailServerHostName is missing"), prefix);
		return FALSE;
	}
	g_autofree char *host = _ms_hostname_to_ascii (host_v->v.string, &e);
	if (host == NULL) {
		note (config, MS_ERROR_BAD_HOSTNAME, _("%sMailServerHostName “%s”: %s"), prefix, host_v->v.string, e->message);
		return FALSE;
	}
	if (port_v && (port_v->v.integer < 1 || port_v->v.integer > 65535)) {
		note (config, MS_ERROR_BAD_PORT, _("%sMailServerPortNumber %lld is not a port"), prefix,
		      (long long) port_v->v.integer);
		return FALSE;
	}
	if (port_v == NULL) {
		/* Apple's defaults; for SMTP it tries both submission ports. */
		if (protocol == MS_PROTOCOL_SMTP) {
			add_server (config, protocol, host, 465, MS_SOCKET_TLS, auth, username, trust, confirmation);
			add_server (config, protocol, host, 587, MS_SOCKET_STARTTLS, auth, username, trust, confirmation);
		} else {
			add_server (config, protocol, host, ssl ? tls_port : starttls_port,
			            ssl ? MS_SOCKET_TLS : MS_SOCKET_STARTTLS, auth, username, trust, confirmation);
		}
	} else {
		guint16 port = (guint16) port_v->v.integer;
		gboolean tls_known = port == tls_port, starttls_known = port == starttls_port || port == 25;
		if (tls_known || (ssl && !starttls_known))
			add_server (config, protocol, host, port, MS_SOCKET_TLS, auth, username, trust, confirmation);
		if (!tls_known)
			add_server (config, protocol, host, port, MS_SOCKET_STARTTLS, auth, username, trust, confirmation);
	}
	if (ssl_v && !ssl && port_v && port_v->v.integer == tls_port)
		note (config, MS_ERROR_INSECURE_SERVER,
		      _("%sMailServerUseSSL is false, but port %u is encrypted from the first byte: TLS is used"), prefix,
		      (guint) tls_port);
	else if (ssl_v && !ssl)
		note (config, MS_ERROR_INSECURE_SERVER,
		      _("%sMailServerUseSSL is false: mailsetup never sends a password unencrypted, so it asks the server "
		        "for STARTTLS on the same port and verification proves the server offers it"), prefix);
	return TRUE;
}

static void
read_smime (MsProfileAccount *a, const Fields *f, GHashTable *certificates)
{
	MsProfileSmime *m = &a->smime;

	m->present = f->smime_enabled || f->sign || f->sign_cert || f->encryption_enabled || f->encrypt ||
	             f->encrypt_cert || f->switch_new || f->switch_old;
	/* SMIMEEnabled (before iOS 10.3) turned S/MIME on as a whole: signing,
	 * and encryption by default when SMIMEEncryptionEnabled said so. The
	 * newer keys win when both are there. */
	m->signing = f->sign ? flag (f->sign, FALSE) : flag (f->smime_enabled, FALSE);
	m->signing_locked = !flag (f->sign_override, FALSE);
	m->signing_certificate = g_strdup (text (f->sign_cert));
	m->signing_certificate_locked = !flag (f->sign_cert_override, FALSE);
	m->encrypt = f->encrypt ? flag (f->encrypt, FALSE) : flag (f->encryption_enabled, FALSE);
	m->encrypt_locked = !flag (f->encrypt_override, FALSE);
	m->encryption_certificate = g_strdup (text (f->encrypt_cert));
	m->encryption_certificate_locked = !flag (f->encrypt_cert_override, FALSE);
	m->per_message_switch = f->switch_new ? flag (f->switch_new, FALSE) : flag (f->switch_old, FALSE);
	if (m->signing_certificate)
		m->signing_certificate_name = g_strdup (g_hash_table_lookup (certificates, m->signing_certificate));
	if (m->encryption_certificate)
		m->encryption_certificate_name = g_strdup (g_hash_table_lookup (certificates, m->encryption_certificate));
}

static char *
dup_secret (const MsPlist *v)
{
	return text (v) ? g_strdup (v->v.string) : NULL;
}

/* Reads one Email payload into @profile: an account, or a "not
 * applicable" entry saying why it cannot be one. */
static void
read_mail (MsProfile *profile, const MsPlist *payload, GHashTable *certificates)
{
	Fields f = { 0 };
	MsProfileAccount *a = _ms_profile_account_new ();

	for (guint i = 0; i < _ms_plist_size (payload); i++) {
		const char *key = _ms_plist_key (payload, i);
		const MsPlist *v = _ms_plist_item (payload, i);
		const Key *k = NULL;
		for (guint j = 0; j < G_N_ELEMENTS (mail_keys) && k == NULL; j++)
			if (strcmp (mail_keys[j].key, key) == 0)
				k = &mail_keys[j];
		if (k == NULL) {
			_ms_profile_note_add (a->ignored, key, NULL, NULL, _("not a key of the Mail payload"));
		} else if (v->type != k->type) {
			g_autofree char *why = g_strdup_printf (_("it should be a %s, it is a %s"), _ms_plist_type_name (k->type),
			                                         _ms_plist_type_name (v->type));
			_ms_profile_note_add (a->ignored, key, NULL, NULL, why);
		} else if (k->ignored) {
			_ms_profile_note_add (a->ignored, key, NULL, NULL, _(k->ignored));
		} else {
			*(const MsPlist **) ((char *) &f + k->offset) = v;
		}
	}
	a->uuid = g_strdup (text (f.uuid));
	a->identifier = g_strdup (text (f.identifier));
	a->name = g_strdup (text (f.account_name));
	a->description = g_strdup (text (f.account_description));
	const char *display = text (f.display_name) ? text (f.display_name) : a->description;

	const char *why_not = NULL;
	g_autofree char *why_owned = NULL;
	const char *type = text (f.account_type);
	if (!flag (f.enabled, TRUE))
		why_not = _("the payload is turned off in the profile (PayloadEnabled is false)");
	else if (type == NULL)
		why_not = _("EmailAccountType is missing");
	else if (strcmp (type, "EmailTypeIMAP") == 0)
		a->protocol = MS_PROTOCOL_IMAP;
	else if (strcmp (type, "EmailTypePOP") == 0)
		a->protocol = MS_PROTOCOL_POP3;
	else
		why_not = why_owned = g_strdup_printf (_("EmailAccountType “%s” is neither EmailTypeIMAP nor EmailTypePOP"), type);

	if (text (f.address)) {
		g_autoptr (GError) e = NULL;
		a->address = ms_address_parse (f.address->v.string, &e);
		if (a->address == NULL)
			note (a->config, e->code, _("EmailAddress “%s”: %s"), f.address->v.string, e->message);
		else
			ms_config_add_domain (a->config, ms_address_get_domain (a->address));
	}
	a->incoming_username = g_strdup (text (f.in_user));
	a->outgoing_username = g_strdup (text (f.out_user));
	a->incoming_password = dup_secret (f.in_password);
	a->outgoing_password = dup_secret (f.out_password);
	a->outgoing_password_same = flag (f.out_same, FALSE);
	a->prevent_move = flag (f.prevent_move, FALSE);
	if (text (f.in_prefix)) {
		if (a->protocol == MS_PROTOCOL_IMAP)
			a->imap_path_prefix = g_strdup (f.in_prefix->v.string);
		else
			_ms_profile_note_add (a->ignored, "IncomingMailServerIMAPPathPrefix", NULL, NULL,
			                      _("a path prefix applies to IMAP only, this is a POP account"));
	}
	read_smime (a, &f, certificates);
	_ms_profile_account_make_policy (a, profile);

	ms_config_set_id (a->config, a->identifier);
	ms_config_set_display_name (a->config, a->description ? a->description : display);
	MsTrust trust = profile->signature == MS_PROFILE_SIGNED_VALID ? MS_TRUST_HIGH
	              : profile->signature == MS_PROFILE_UNSIGNED ? MS_TRUST_MEDIUM : MS_TRUST_NONE;
	g_autofree char *confirmation = NULL;
	if (profile->signature == MS_PROFILE_SIGNED_INVALID)
		confirmation = g_strdup_printf (_("the profile's signature is not valid: %s"), profile->signature_problem);
	/* A user name with "%" would read as a placeholder: it is taken as
	 * unknown and found by trying instead. */
	const char *in_user = a->incoming_username, *out_user = a->outgoing_username;
	if (in_user && !ms_template_check (in_user, NULL)) {
		note (a->config, MS_ERROR_BAD_PLACEHOLDER, _("IncomingMailServerUsername holds a “%%”: it will be found by trying"));
		in_user = NULL;
	}
	if (out_user && !ms_template_check (out_user, NULL)) {
		note (a->config, MS_ERROR_BAD_PLACEHOLDER, _("OutgoingMailServerUsername holds a “%%”: it will be found by trying"));
		out_user = NULL;
	}
	if (why_not == NULL) {
		MsAuthMethods in_auth = auth_from (a->config, "IncomingMailServerAuthentication", f.in_auth, TRUE);
		MsAuthMethods out_auth = auth_from (a->config, "OutgoingMailServerAuthentication", f.out_auth, FALSE);
		if (!add_servers (a->config, a->protocol, "Incoming", f.in_host, f.in_port, f.in_ssl, in_auth, in_user, trust,
		                  confirmation))
			why_not = why_owned = g_strdup_printf (_("no usable incoming server: %s"),
			                                       ((GError *) g_ptr_array_index (ms_config_get_notes (a->config),
			                                        ms_config_get_notes (a->config)->len - 1))->message);
		else
			add_servers (a->config, MS_PROTOCOL_SMTP, "Outgoing", f.out_host, f.out_port, f.out_ssl, out_auth,
			             out_user, trust, confirmation);
	}
	if (why_not) {
		_ms_profile_note_add (profile->not_applicable, "com.apple.mail.managed", a->identifier, display, why_not);
		_ms_profile_account_free (a);
		return;
	}
	g_ptr_array_add (profile->accounts, a);
}

static const char *
other_reason (const char *type)
{
	for (guint i = 0; i < G_N_ELEMENTS (other_payloads); i++)
		if (strcmp (other_payloads[i].type, type) == 0)
			return _(other_payloads[i].reason);
	return _("this kind of payload does not configure a mail account");
}

static gboolean
read_top (MsProfile *profile, const MsPlist *root, GError **error)
{
	if (root->type != MS_PLIST_DICT) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		             _("This is not a configuration profile: the property list holds a %s, not a dict"),
		             _ms_plist_type_name (root->type));
		return FALSE;
	}
	const char *type = _ms_plist_get_string (root, "PayloadType");
	if (_ms_plist_get (root, "EncryptedPayloadContent") ||
	    (_ms_plist_get (root, "IsEncrypted") && _ms_plist_get (root, "IsEncrypted")->type == MS_PLIST_BOOLEAN &&
	     _ms_plist_get (root, "IsEncrypted")->v.boolean)) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		                     _("This profile is encrypted for one Apple device and cannot be read elsewhere"));
		return FALSE;
	}
	if (type == NULL || strcmp (type, "Configuration") != 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		             _("This is not a configuration profile: its PayloadType is “%s”, not “Configuration”"),
		             type ? type : "");
		return FALSE;
	}
	profile->display_name = g_strdup (_ms_plist_get_string (root, "PayloadDisplayName"));
	profile->organization = g_strdup (_ms_plist_get_string (root, "PayloadOrganization"));
	profile->description = g_strdup (_ms_plist_get_string (root, "PayloadDescription"));
	profile->identifier = g_strdup (_ms_plist_get_string (root, "PayloadIdentifier"));
	profile->uuid = g_strdup (_ms_plist_get_string (root, "PayloadUUID"));
	for (guint i = 0; i < _ms_plist_size (root); i++) {
		const char *key = _ms_plist_key (root, i);
		const char *reason = _("not a key of configuration profiles");
		gboolean known = FALSE;
		for (guint j = 0; j < G_N_ELEMENTS (profile_keys); j++)
			known = known || strcmp (profile_keys[j], key) == 0;
		if (known)
			continue;
		for (guint j = 0; j < G_N_ELEMENTS (profile_ignored); j++)
			if (strcmp (profile_ignored[j].key, key) == 0)
				reason = _(profile_ignored[j].reason);
		_ms_profile_note_add (profile->ignored, key, NULL, NULL, reason);
	}
	return TRUE;
}

static MsProfile *
read_profile (MsProfile *profile, const MsPlist *root, GError **error)
{
	if (!read_top (profile, root, error))
		return NULL;
	const MsPlist *content = _ms_plist_get (root, "PayloadContent");
	if (content && content->type != MS_PLIST_ARRAY) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("PayloadContent is not an array"));
		return NULL;
	}
	/* Certificates first: S/MIME keys refer to them by PayloadUUID. */
	g_autoptr (GHashTable) certificates = g_hash_table_new (g_str_hash, g_str_equal);
	for (guint i = 0; i < _ms_plist_size (content); i++) {
		const MsPlist *p = _ms_plist_item (content, i);
		const char *type = _ms_plist_get_string (p, "PayloadType");
		const char *uuid = _ms_plist_get_string (p, "PayloadUUID");
		if (type && uuid && g_str_has_prefix (type, "com.apple.security."))
			g_hash_table_insert (certificates, (gpointer) uuid,
			                     (gpointer) (_ms_plist_get_string (p, "PayloadDisplayName") ?
			                                 _ms_plist_get_string (p, "PayloadDisplayName") : type));
	}
	for (guint i = 0; i < _ms_plist_size (content); i++) {
		const MsPlist *p = _ms_plist_item (content, i);
		const char *type = _ms_plist_get_string (p, "PayloadType");
		if (p->type != MS_PLIST_DICT || type == NULL) {
			g_autofree char *name = g_strdup_printf ("PayloadContent[%u]", i);
			_ms_profile_note_add (profile->not_applicable, name, NULL, NULL,
			                      _("a payload must be a dict with a PayloadType"));
		} else if (strcmp (type, "com.apple.mail.managed") == 0) {
			read_mail (profile, p, certificates);
		} else {
			_ms_profile_note_add (profile->not_applicable, type, _ms_plist_get_string (p, "PayloadIdentifier"),
			                      _ms_plist_get_string (p, "PayloadDisplayName"), other_reason (type));
		}
	}
	if (profile->accounts->len == 0 && profile->not_applicable->len == 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER, _("The profile holds no payload at all"));
		return NULL;
	}
	return profile;
}

MsProfile *
ms_profile_load (const char *data, gsize length, const char *ca_file, GError **error)
{
	g_autoptr (MsProfile) profile = _ms_profile_new ();

	if (length > MS_PROFILE_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("The profile is larger than %d KiB"),
		             MS_PROFILE_MAX_SIZE / 1024);
		return NULL;
	}
	GBytes *content = _ms_profile_unwrap (data, length, ca_file, profile, error);
	if (content == NULL)
		return NULL;
	gsize len = 0;
	const char *bytes = g_bytes_get_data (content, &len);
	g_autoptr (MsPlist) root = _ms_plist_parse (bytes ? bytes : "", len, error);
	/* Our own copy (g_bytes_new), which may hold passwords: wiped. */
	if (bytes)
		explicit_bzero ((char *) bytes, len);
	g_bytes_unref (content);
	if (root == NULL)
		return NULL;
	if (!read_profile (profile, root, error))
		return NULL;
	return g_steal_pointer (&profile);
}
