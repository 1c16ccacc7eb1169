/* Keys through gpgme: listing one's own keys and certificates for an
 * address, choosing the one a policy says, looking recipients up. gpgme
 * blocks (it runs gpg and gpgsm), so the work runs in the engine's worker
 * threads, with one gpgme context per call: a context must not be shared
 * between threads.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/identities.h>

#include <gpgme.h>
#include <string.h>
#include "core/i18n.h"
#include "core/sync.h"
#include "core/worker.h"

/* The most keys read for one listing: a keyring with more keys for one
 * address than this is not one a person chooses from. */
#define MS_KEYS_MAX 1000

static gboolean
backend_ready (gpgme_protocol_t proto, GError **error)
{
	static gsize once = 0;
	if (g_once_init_enter (&once)) {
		/* Must run once before any other gpgme call, in any thread. */
		gpgme_check_version (NULL);
		g_once_init_leave (&once, 1);
	}
	gpgme_error_t err = gpgme_engine_check_version (proto);
	if (err != 0) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND,
		             proto == GPGME_PROTOCOL_CMS ? _("GnuPG for S/MIME (gpgsm) cannot be used: %s")
		                                         : _("GnuPG (gpg) cannot be used: %s"),
		             gpgme_strerror (err));
		return FALSE;
	}
	return TRUE;
}

static gpgme_ctx_t
context_new (MsKeyProtocol protocol, GError **error)
{
	gpgme_protocol_t proto = protocol == MS_KEY_PROTOCOL_CMS ? GPGME_PROTOCOL_CMS : GPGME_PROTOCOL_OpenPGP;
	gpgme_ctx_t ctx = NULL;
	if (!backend_ready (proto, error))
		return NULL;
	gpgme_error_t err = gpgme_new (&ctx);
	if (err == 0)
		err = gpgme_set_protocol (ctx, proto);
	/* gpgsm gives a certificate's validity only when asked to check its
	 * chain; gpg ignores the flag. */
	if (err == 0)
		err = gpgme_set_keylist_mode (ctx, GPGME_KEYLIST_MODE_LOCAL |
		                              (proto == GPGME_PROTOCOL_CMS ? GPGME_KEYLIST_MODE_VALIDATE : 0));
	if (err != 0) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND,
		             _("GnuPG cannot be used: %s"), gpgme_strerror (err));
		gpgme_release (ctx);
		return NULL;
	}
	return ctx;
}

/* "Name <a@b>" → "a@b"; a bare address is kept, trimmed. */
static char *
bare_address (const char *text)
{
	const char *lt = strrchr (text, '<');
	const char *gt = lt ? strchr (lt, '>') : NULL;
	char *a = (lt && gt) ? g_strndup (lt + 1, gt - lt - 1) : g_strdup (text);
	return g_strstrip (a);
}

/* The local part as written, the domain without case (domains have none;
 * local parts may, in principle). */
static gboolean
same_address (const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return FALSE;
	const char *at_a = strrchr (a, '@'), *at_b = strrchr (b, '@');
	if (at_a == NULL || at_b == NULL || at_a - a != at_b - b)
		return FALSE;
	return strncmp (a, b, at_a - a) == 0 && g_ascii_strcasecmp (at_a, at_b) == 0;
}

/* The address as written in the key: gpgme's "address" is lower-cased,
 * which would make two local parts that differ in case the same; gpgsm's
 * address user ids keep their angle brackets. */
static char *
uid_address (gpgme_user_id_t uid)
{
	const char *e = uid->email && *uid->email ? uid->email : uid->address;
	if (e == NULL || *e == '\0')
		return NULL;
	gsize len = strlen (e);
	if (len >= 2 && e[0] == '<' && e[len - 1] == '>')
		return g_strndup (e + 1, len - 2);
	return g_strdup (e);
}

static MsKeyValidity
validity_of (gpgme_validity_t v)
{
	switch (v) {
	case GPGME_VALIDITY_UNKNOWN: return MS_KEY_VALIDITY_UNKNOWN;
	case GPGME_VALIDITY_UNDEFINED: return MS_KEY_VALIDITY_UNDEFINED;
	case GPGME_VALIDITY_NEVER: return MS_KEY_VALIDITY_NEVER;
	case GPGME_VALIDITY_MARGINAL: return MS_KEY_VALIDITY_MARGINAL;
	case GPGME_VALIDITY_FULL: return MS_KEY_VALIDITY_FULL;
	case GPGME_VALIDITY_ULTIMATE: return MS_KEY_VALIDITY_ULTIMATE;
	}
	return MS_KEY_VALIDITY_UNKNOWN;
}

/* When the key stops working: the primary key's expiry, or earlier when
 * every usable subkey with a capability the key offers expires first. */
static gint64
effective_expiry (gpgme_key_t key)
{
	gint64 primary = key->subkeys ? key->subkeys->expires : 0;
	gint64 result = primary;
	for (int cap = 0; cap < 2; cap++) {
		gint64 last = -1; /* latest expiry among capable subkeys; 0 = never */
		for (gpgme_subkey_t sk = key->subkeys; sk != NULL; sk = sk->next) {
			if (sk->revoked || sk->expired || sk->disabled || sk->invalid)
				continue;
			if (!(cap == 0 ? sk->can_sign : sk->can_encrypt))
				continue;
			if (sk->expires == 0)
				last = 0;
			else if (last != 0 && sk->expires > last)
				last = sk->expires;
		}
		if (last > 0 && (result == 0 || last < result))
			result = last;
	}
	return result;
}

/* The key as an identity, for the user id matching @address (any user id
 * when NULL); NULL when no user id matches. */
static MsIdentity *
identity_from_key (gpgme_key_t key, MsKeyProtocol protocol, const char *address)
{
	gpgme_user_id_t match = NULL, with_email = NULL;
	for (gpgme_user_id_t uid = key->uids; uid != NULL; uid = uid->next) {
		g_autofree char *email = uid_address (uid);
		if (with_email == NULL && email != NULL)
			with_email = uid;
		if (address != NULL && same_address (email, address)) {
			match = uid;
			break;
		}
	}
	if (address != NULL && match == NULL)
		return NULL;
	if (match == NULL)
		match = with_email ? with_email : key->uids;

	MsIdentity *id = g_new0 (MsIdentity, 1);
	id->protocol = protocol;
	id->fingerprint = g_strdup (key->fpr ? key->fpr : key->subkeys ? key->subkeys->fpr : NULL);
	/* A certificate's first user id is its subject; the others are its
	 * addresses. */
	if (protocol == MS_KEY_PROTOCOL_CMS && key->uids)
		id->user_id = g_strdup (key->uids->uid);
	else if (match)
		id->user_id = g_strdup (match->uid);
	if (match)
		id->email = uid_address (match);
	id->issuer = g_strdup (key->issuer_name);
	id->validity = match ? validity_of (match->validity) : MS_KEY_VALIDITY_UNKNOWN;
	if (match && match->revoked)
		id->revoked = TRUE;
	id->created = key->subkeys ? key->subkeys->timestamp : 0;
	if (id->created < 0)
		id->created = 0;
	id->expires = effective_expiry (key);
	id->secret = key->secret;
	id->can_sign = key->can_sign;
	id->can_encrypt = key->can_encrypt;
	id->revoked = id->revoked || key->revoked;
	id->expired = key->expired;
	id->disabled = key->disabled;
	id->invalid = key->invalid;
	return id;
}

/* Best first: usable for the purpose, then validity, then the latest
 * expiry (never is latest), then the newest. */
static int
compare_identities (gconstpointer pa, gconstpointer pb, gpointer data)
{
	const MsIdentity *a = *(MsIdentity *const *) pa, *b = *(MsIdentity *const *) pb;
	MsKeyPurpose purpose = GPOINTER_TO_INT (data);
	gboolean ua = ms_identity_check (a, purpose, NULL), ub = ms_identity_check (b, purpose, NULL);
	if (ua != ub)
		return ua ? -1 : 1;
	if (a->validity != b->validity)
		return a->validity > b->validity ? -1 : 1;
	gint64 ea = a->expires == 0 ? G_MAXINT64 : a->expires;
	gint64 eb = b->expires == 0 ? G_MAXINT64 : b->expires;
	if (ea != eb)
		return ea > eb ? -1 : 1;
	if (a->created != b->created)
		return a->created > b->created ? -1 : 1;
	return 0;
}

/* Lists the keys matching @pattern (and @address's user ids if given). */
static GPtrArray *
list_keys (MsKeyProtocol protocol, const char *pattern, const char *address, gboolean secret_only,
           MsKeyPurpose purpose, GCancellable *cancellable, GError **error)
{
	gpgme_ctx_t ctx = context_new (protocol, error);
	if (ctx == NULL)
		return NULL;

	g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_identity_free);
	gpgme_error_t err = gpgme_op_keylist_start (ctx, pattern, secret_only);
	gpgme_key_t key = NULL;
	while (err == 0 && (err = gpgme_op_keylist_next (ctx, &key)) == 0) {
		MsIdentity *id = identity_from_key (key, protocol, address);
		gpgme_key_unref (key);
		if (id != NULL)
			g_ptr_array_add (out, id);
		if (g_cancellable_set_error_if_cancelled (cancellable, error)) {
			gpgme_op_keylist_end (ctx);
			gpgme_release (ctx);
			return NULL;
		}
		if (out->len >= MS_KEYS_MAX) {
			gpgme_op_keylist_end (ctx);
			err = gpgme_error (GPG_ERR_EOF);
		}
	}
	gpgme_release (ctx);
	if (gpgme_err_code (err) != GPG_ERR_EOF) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND,
		             _("GnuPG could not list the keys: %s"), gpgme_strerror (err));
		return NULL;
	}
	g_ptr_array_sort_with_data (out, compare_identities, GINT_TO_POINTER (purpose));
	return g_steal_pointer (&out);
}

/* --- listing ---------------------------------------------------------- */

typedef struct {
	MsKeyProtocol protocol;
	char *address;
	gboolean secret_only;
	char **addresses;
	MsPolicy *policy;
	MsPolicySetting setting;
} Job;

static void
job_free (gpointer data)
{
	Job *j = data;
	g_free (j->address);
	g_strfreev (j->addresses);
	ms_policy_free (j->policy);
	g_free (j);
}

/* Runs @func on @j in a worker thread for a new task (the GIO pattern of
 * every *_async here). */
static void
start (Job *j, gpointer source_tag, MsWorkerFunc func, GDestroyNotify result_free,
       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new (NULL, cancellable, callback, user_data);
	g_task_set_source_tag (task, source_tag);
	g_task_set_task_data (task, j, job_free);
	_ms_worker_run (task, func, result_free);
	g_object_unref (task);
}

static gpointer
list_work (gpointer data, GCancellable *cancellable, GError **error)
{
	Job *j = data;
	g_autofree char *address = j->address ? bare_address (j->address) : NULL;
	return list_keys (j->protocol, address, address, j->secret_only,
	                  j->secret_only ? MS_KEY_PURPOSE_SIGN : MS_KEY_PURPOSE_ENCRYPT, cancellable, error);
}

void
ms_identities_list_async (MsKeyProtocol protocol, const char *address, gboolean secret_only,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	Job *j = g_new0 (Job, 1);
	j->protocol = protocol;
	j->address = g_strdup (address);
	j->secret_only = secret_only;
	start (j, ms_identities_list_async, list_work, (GDestroyNotify) g_ptr_array_unref,
	       cancellable, callback, user_data);
}

GPtrArray *
ms_identities_list_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
ms_identities_list (MsKeyProtocol protocol, const char *address, gboolean secret_only,
                    GCancellable *cancellable, GError **error)
{
	MsSync s;
	_ms_sync_begin (&s);
	ms_identities_list_async (protocol, address, secret_only, cancellable, _ms_sync_done, &s);
	GPtrArray *keys = ms_identities_list_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return keys;
}

/* --- choosing --------------------------------------------------------- */

/* The first usable key of @keys (sorted best first), or an error saying
 * why none is: never an unusable key without a word. */
static MsIdentity *
first_usable (GPtrArray *keys, MsKeyPurpose purpose, const char *what, GError **error)
{
	if (keys->len == 0) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_NO_IDENTITY,
		             purpose == MS_KEY_PURPOSE_SIGN ? _("No signing key or certificate was found for %s.")
		                                            : _("No encryption key or certificate was found for %s."),
		             what);
		return NULL;
	}
	const MsIdentity *best = g_ptr_array_index (keys, 0);
	char *reason = NULL;
	if (!ms_identity_check (best, purpose, &reason)) {
		/* Sorted: if the best cannot, none can. */
		g_set_error_literal (error, MS_POLICY_ERROR, MS_POLICY_ERROR_UNUSABLE_IDENTITY, reason);
		g_free (reason);
		return NULL;
	}
	return ms_identity_copy (best);
}

typedef struct {
	MsIdentity *identity; /* NULL: ask */
} Choice;

static void
choice_free (gpointer data)
{
	Choice *c = data;
	ms_identity_free (c->identity);
	g_free (c);
}

static gpointer
choose_work (gpointer data, GCancellable *cancellable, GError **error)
{
	Job *j = data;
	const MsPolicy *p = j->policy;
	MsPrivacySystem system = ms_policy_get_system (p);
	MsKeyPurpose purpose = j->setting == MS_POLICY_SIGNING_IDENTITY ? MS_KEY_PURPOSE_SIGN : MS_KEY_PURPOSE_ENCRYPT;
	const char *fpr = NULL;
	MsIdentityMode mode = ms_policy_get_identity (p, j->setting, &fpr);
	g_autofree char *address = j->address ? bare_address (j->address) : g_strdup ("");
	g_autoptr (GPtrArray) keys = NULL;
	Choice *c = g_new0 (Choice, 1);

	if (system == MS_PRIVACY_NONE) {
		g_set_error_literal (error, MS_POLICY_ERROR, MS_POLICY_ERROR_NO_IDENTITY,
		                     _("This account has no privacy system: it has no key."));
		g_free (c);
		return NULL;
	}
	MsKeyProtocol protocol = ms_privacy_system_key_protocol (system);
	/* One's own key, also for encryption: one must read one's copies. */
	switch (mode) {
	case MS_IDENTITY_ASK:
		return c;
	case MS_IDENTITY_FINGERPRINT:
		keys = list_keys (protocol, fpr, NULL, TRUE, purpose, cancellable, error);
		break;
	case MS_IDENTITY_DEFAULT:
		keys = list_keys (protocol, NULL, NULL, TRUE, purpose, cancellable, error);
		break;
	case MS_IDENTITY_BY_ADDRESS:
		keys = list_keys (protocol, address, address, TRUE, purpose, cancellable, error);
		break;
	}
	if (keys != NULL)
		c->identity = first_usable (keys, purpose, mode == MS_IDENTITY_FINGERPRINT ? fpr : address, error);
	if (c->identity == NULL) {
		g_free (c);
		return NULL;
	}
	return c;
}

void
ms_identities_choose_async (const MsPolicy *policy, MsPolicySetting setting, const char *address,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail (policy != NULL);
	g_return_if_fail (setting == MS_POLICY_SIGNING_IDENTITY || setting == MS_POLICY_ENCRYPTION_IDENTITY);
	Job *j = g_new0 (Job, 1);
	j->policy = ms_policy_copy (policy);
	j->setting = setting;
	j->address = g_strdup (address);
	start (j, ms_identities_choose_async, choose_work, choice_free, cancellable, callback, user_data);
}

gboolean
ms_identities_choose_finish (GAsyncResult *result, MsIdentity **identity_r, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
	Choice *c = g_task_propagate_pointer (G_TASK (result), error);
	if (identity_r != NULL)
		*identity_r = NULL;
	if (c == NULL)
		return FALSE;
	if (identity_r != NULL)
		*identity_r = g_steal_pointer (&c->identity);
	choice_free (c);
	return TRUE;
}

gboolean
ms_identities_choose (const MsPolicy *policy, MsPolicySetting setting, const char *address,
                      MsIdentity **identity_r, GCancellable *cancellable, GError **error)
{
	MsSync s;
	_ms_sync_begin (&s);
	ms_identities_choose_async (policy, setting, address, cancellable, _ms_sync_done, &s);
	gboolean ok = ms_identities_choose_finish (_ms_sync_wait (&s), identity_r, error);
	_ms_sync_end (&s);
	return ok;
}

/* --- recipients ------------------------------------------------------- */

void
ms_recipient_key_free (MsRecipientKey *recipient)
{
	if (recipient == NULL)
		return;
	g_free (recipient->address);
	ms_identity_free (recipient->key);
	g_free (recipient->problem);
	g_free (recipient);
}

static gpointer
lookup_work (gpointer data, GCancellable *cancellable, GError **error)
{
	Job *j = data;
	g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_recipient_key_free);
	for (char **a = j->addresses; a && *a; a++) {
		MsRecipientKey *r = g_new0 (MsRecipientKey, 1);
		r->address = bare_address (*a);
		g_ptr_array_add (out, r);
		if (*r->address == '\0') {
			r->problem = g_strdup (_("An empty address has no key."));
			continue;
		}
		g_autoptr (GPtrArray) keys = list_keys (j->protocol, r->address, r->address, FALSE,
		                                        MS_KEY_PURPOSE_ENCRYPT, cancellable, error);
		if (keys == NULL)
			return NULL;
		if (keys->len == 0) {
			r->problem = g_strdup_printf (_("No key was found for %s."), r->address);
			continue;
		}
		MsIdentity *best = g_ptr_array_index (keys, 0);
		if (ms_identity_check (best, MS_KEY_PURPOSE_ENCRYPT, &r->problem))
			r->key = ms_identity_copy (best);
	}
	return g_steal_pointer (&out);
}

void
ms_recipients_lookup_async (MsKeyProtocol protocol, const char *const *addresses,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	Job *j = g_new0 (Job, 1);
	j->protocol = protocol;
	j->addresses = g_strdupv ((char **) addresses);
	start (j, ms_recipients_lookup_async, lookup_work, (GDestroyNotify) g_ptr_array_unref,
	       cancellable, callback, user_data);
}

GPtrArray *
ms_recipients_lookup_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
ms_recipients_lookup (MsKeyProtocol protocol, const char *const *addresses,
                      GCancellable *cancellable, GError **error)
{
	MsSync s;
	_ms_sync_begin (&s);
	ms_recipients_lookup_async (protocol, addresses, cancellable, _ms_sync_done, &s);
	GPtrArray *lookups = ms_recipients_lookup_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return lookups;
}

char **
ms_recipients_without_key (GPtrArray *lookups)
{
	g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
	for (guint i = 0; lookups && i < lookups->len; i++) {
		const MsRecipientKey *r = g_ptr_array_index (lookups, i);
		if (r->key == NULL)
			g_strv_builder_add (b, r->address);
	}
	return g_strv_builder_end (b);
}
