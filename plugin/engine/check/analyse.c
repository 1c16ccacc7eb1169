/* From what the domain check saw to findings: pure, no network, tested
 * with hand-made facts (tests/unit/test-domain-check.c). Also builds the
 * configuration worth publishing: the servers that proved secure.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "check/check-run.h"

#include <string.h>
#include <mailsetup/publish.h>

static const MsProtocol protocols[] = { MS_PROTOCOL_IMAP, MS_PROTOCOL_POP3, MS_PROTOCOL_SMTP };

static gboolean
inside (const char *host, const char *domain)
{
	gsize hl = strlen (host), dl = strlen (domain);
	return g_ascii_strcasecmp (host, domain) == 0 ||
	       (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0);
}

static char *
protocol_upper (MsProtocol protocol)
{
	return g_ascii_strup (ms_protocol_to_string (protocol), -1);
}

/* Which source saw an endpoint first, for the finding's source. */
static MsSource
first_source (guint found_by)
{
	for (MsSource src = MS_SOURCE_FILE; src <= MS_SOURCE_PROFILE; src++)
		if (found_by & MS_SOURCE_FLAG (src))
			return src;
	return MS_SOURCE_PROBE;
}

/* --- the configuration to publish --------------------------------------- */

/* The server of the sources' merged answer that @e is, its host name
 * template filled in for the domain. */
static const MsServer *
merged_server (const MsDomainCheck *c, const MsAddress *address, const MsCheckEndpoint *e)
{
	if (c->merged == NULL || address == NULL)
		return NULL;
	GPtrArray *lists[] = { ms_config_get_incoming (c->merged), ms_config_get_outgoing (c->merged) };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const MsServer *s = g_ptr_array_index (lists[l], i);
			g_autofree char *host = ms_template_expand (ms_server_get_hostname (s), address, NULL);
			if (ms_server_get_protocol (s) == e->protocol && ms_server_get_port (s) == e->port &&
			    ms_server_get_socket_type (s) == e->socket_type && host && g_ascii_strcasecmp (host, e->host) == 0)
				return s;
		}
	return NULL;
}

/* Publishable: secure, valid, and not port 25 (for servers relaying to
 * servers, not for clients). */
static gboolean
proven (const MsCheckEndpoint *e)
{
	return e->ok && e->socket_type != MS_SOCKET_PLAIN && !(e->protocol == MS_PROTOCOL_SMTP && e->port == 25);
}

static void
build_proven (MsDomainCheck *c)
{
	MsConfig *config = ms_config_new ();
	gboolean named[G_N_ELEMENTS (protocols)] = { FALSE };
	g_autofree char *postmaster = g_strconcat ("postmaster@", c->domain, NULL);
	g_autoptr (MsAddress) address = ms_address_parse (postmaster, NULL);

	/* Where a source other than probing named a server that proved
	 * itself, the domain's word is what gets published; the names that
	 * probing also found (aliases, other ports) only where none did. */
	for (guint i = 0; i < c->endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		if (proven (e) && (e->found_by & ~MS_SOURCE_FLAG (MS_SOURCE_PROBE)) != 0)
			named[e->protocol] = TRUE;
	}
	for (guint i = 0; i < c->endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		if (!proven (e) || (named[e->protocol] && (e->found_by & ~MS_SOURCE_FLAG (MS_SOURCE_PROBE)) == 0))
			continue;
		g_autoptr (MsServer) s = ms_server_new (e->protocol, e->host, e->port, e->socket_type);
		const MsServer *known = merged_server (c, address, e);
		if (known) {
			ms_server_set_auth (s, ms_server_get_auth (known));
			ms_server_set_username (s, ms_server_get_username (known) ? ms_server_get_username (known)
			                                                         : "%EMAILADDRESS%");
		}
		ms_config_add_server (config, s);
	}
	if (c->merged) {
		ms_config_set_id (config, ms_config_get_id (c->merged));
		ms_config_set_display_name (config, ms_config_get_display_name (c->merged));
		ms_config_set_short_name (config, ms_config_get_short_name (c->merged));
	}
	ms_config_add_domain (config, c->domain);
	if (ms_config_get_incoming (config)->len + ms_config_get_outgoing (config)->len == 0)
		ms_config_unref (config);
	else
		c->proven = config;
}

/* --- autoconfig ----------------------------------------------------------- */

static void
check_autoconfig (MsDomainCheck *c)
{
	gboolean https = FALSE;
	const MsCheckAnswer *plain = NULL;
	g_autoptr (GString) seen = g_string_new (NULL);

	for (guint i = 0; i < c->answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		if (a->source != MS_SOURCE_AUTOCONFIG)
			continue;
		gboolean secure = g_str_has_prefix (a->code, "autoconfig-https") || strcmp (a->code, "autoconfig-wellknown") == 0;
		if (a->message)
			g_string_append_printf (seen, "%s%s", seen->len ? "; " : "", a->message);
		if (a->state == MS_DISCOVERY_STATE_FOUND && secure)
			https = TRUE;
		else if (a->state == MS_DISCOVERY_STATE_FOUND)
			plain = a;
	}
	for (guint i = 0; i < c->answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		if (a->source != MS_SOURCE_AUTOCONFIG || a->state != MS_DISCOVERY_STATE_FAILED ||
		    g_strcmp0 (a->error_code, "http-certificate") != 0)
			continue;
		/* The URL without the address asked about. */
		g_autofree char *url = g_strndup (a->target, strcspn (a->target, "?"));
		g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
		/* Where the other URL serves the file, clients still get it. */
		_ms_finding_add (c, MS_FINDING_AUTOCONFIG_BAD_CERTIFICATE, https ? MS_SEVERITY_WARNING : MS_SEVERITY_ERROR,
		                 MS_SOURCE_AUTOCONFIG, url, a->message, uri ? g_uri_get_host (uri) : url);
	}
	if (https)
		return;
	/* Behind a bad certificate the file may exist: the administrator
	 * hears about both (fix the certificate, serve the file). */
	if (plain)
		_ms_finding_add (c, MS_FINDING_AUTOCONFIG_HTTP_ONLY, MS_SEVERITY_WARNING, MS_SOURCE_AUTOCONFIG,
		                 plain->target, plain->message, NULL);
	else
		_ms_finding_add (c, MS_FINDING_AUTOCONFIG_MISSING, MS_SEVERITY_WARNING, MS_SOURCE_AUTOCONFIG,
		                 c->domain, seen->str, NULL);
}

/* --- SRV ------------------------------------------------------------------ */

static gboolean
autoconfig_found (const MsDomainCheck *c)
{
	for (guint i = 0; i < c->answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		if (a->source == MS_SOURCE_AUTOCONFIG && a->state == MS_DISCOVERY_STATE_FOUND)
			return TRUE;
	}
	return FALSE;
}

static void
check_srv (MsDomainCheck *c)
{
	gboolean any = FALSE;
	g_autoptr (GString) names = g_string_new (NULL);

	for (guint i = 0; i < c->srv->len; i++) {
		const MsCheckSrv *s = g_ptr_array_index (c->srv, i);
		if (!s->exists) {
			g_string_append_printf (names, "%s%s", names->len ? " " : "", s->name);
			continue;
		}
		any = TRUE;
		if (*s->target && !inside (s->target, c->domain) && !s->authenticated) {
			g_autofree char *record = g_strdup_printf ("%s. SRV %u %u %u %s.", s->name, s->priority, s->weight,
			                                           s->port, s->target);
			_ms_finding_add (c, MS_FINDING_SRV_OUTSIDE_DOMAIN, MS_SEVERITY_WARNING, MS_SOURCE_SRV, s->name, record,
			                 s->target);
		}
	}
	if (!any) {
		g_autofree char *zone = c->proven ? ms_srv_zone_write (c->proven, c->domain, 3600) : NULL;
		/* With an autoconfig file, clients that read it are served. */
		_ms_finding_add (c, MS_FINDING_SRV_MISSING, autoconfig_found (c) ? MS_SEVERITY_INFO : MS_SEVERITY_WARNING,
		                 MS_SOURCE_SRV, c->domain, names->str, zone);
	}
}

/* --- servers -------------------------------------------------------------- */

/* The failures of one host alike on several ports: one finding, with the
 * ports (a certificate is the host's, not the port's). */
typedef struct {
	const MsCheckEndpoint *first;
	guint found_by;
	gboolean srv;          /* an SRV record names it on one of the ports */
	GString *ports;
} Group;

static void
group_free (Group *g)
{
	g_string_free (g->ports, TRUE);
	g_free (g);
}

static void
report_group (MsDomainCheck *c, const Group *g)
{
	const MsCheckEndpoint *e = g->first;
	g_autofree char *names = e->names ? g_strjoinv (", ", e->names) : NULL;
	g_autofree char *evidence = g_strdup_printf ("%s %s: %s", strchr (g->ports->str, ',') ? "ports" : "port", g->ports->str,
	                                             e->detail ? e->detail : "?");
	/* Named by the domain's own or a provider's word: an error; only
	 * guessed by probing: clients that guess meet it, a warning. */
	gboolean named = (g->found_by & ~MS_SOURCE_FLAG (MS_SOURCE_PROBE)) != 0;
	MsSeverity severity = named ? MS_SEVERITY_ERROR : MS_SEVERITY_WARNING;
	MsSource source = first_source (g->found_by);

	switch (e->diagnosis) {
	case MS_DIAGNOSIS_CERT_WRONG_NAME:
		if (g->srv)
			_ms_finding_add (c, MS_FINDING_SRV_CERTIFICATE_MISMATCH, MS_SEVERITY_ERROR, MS_SOURCE_SRV, e->host,
			                 evidence, names);
		else
			_ms_finding_add (c, MS_FINDING_CERT_WRONG_NAME, severity, source, e->host, evidence, names);
		return;
	case MS_DIAGNOSIS_CERT_EXPIRED:
	case MS_DIAGNOSIS_CERT_NOT_YET_VALID:
		_ms_finding_add (c, MS_FINDING_CERT_EXPIRED, MS_SEVERITY_ERROR, source, e->host, evidence, e->host);
		return;
	case MS_DIAGNOSIS_CERT_SELF_SIGNED:
		_ms_finding_add (c, MS_FINDING_CERT_SELF_SIGNED, MS_SEVERITY_ERROR, source, e->host, evidence, e->host);
		return;
	case MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY:
	case MS_DIAGNOSIS_CERT_INVALID:
		_ms_finding_add (c, MS_FINDING_CERT_UNTRUSTED, MS_SEVERITY_ERROR, source, e->host, evidence, e->host);
		return;
	case MS_DIAGNOSIS_TLS_TOO_OLD:
		_ms_finding_add (c, MS_FINDING_TLS_TOO_OLD, MS_SEVERITY_ERROR, source, e->host, evidence, NULL);
		return;
	default:
		/* A port the check added itself may well be closed. */
		if (g->found_by != 0) {
			g_autofree char *by = ms_source_flags_to_string (g->found_by);
			_ms_finding_add (c, MS_FINDING_SERVER_UNREACHABLE, severity, source, e->host, evidence, by);
		}
		return;
	}
}

static void
check_endpoints (MsDomainCheck *c)
{
	g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
	g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < c->endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		gboolean certificate = e->diagnosis >= MS_DIAGNOSIS_CERT_EXPIRED && e->diagnosis <= MS_DIAGNOSIS_TLS_TOO_OLD;
		if (e->ok || (e->found_by == 0 && !certificate))
			continue;
		g_autofree char *key = g_strdup_printf ("%d|%s", (int) e->diagnosis, e->host);
		Group *g = g_hash_table_lookup (index, key);
		if (g == NULL) {
			g = g_new0 (Group, 1);
			g->first = e;
			g->ports = g_string_new (NULL);
			g_ptr_array_add (groups, g);
			g_hash_table_insert (index, g_steal_pointer (&key), g);
		}
		g->found_by |= e->found_by;
		g->srv |= (e->found_by & MS_SOURCE_FLAG (MS_SOURCE_SRV)) != 0;
		g_string_append_printf (g->ports, "%s%u", g->ports->len ? ", " : "", (guint) e->port);
	}
	for (guint i = 0; i < groups->len; i++)
		report_group (c, g_ptr_array_index (groups, i));
}

/* Plain text only, or STARTTLS without implicit TLS, per protocol. */
static void
check_security (MsDomainCheck *c, MsProtocol protocol)
{
	g_autoptr (GString) plain = g_string_new (NULL), starttls = g_string_new (NULL);
	gboolean tls = FALSE;
	const char *starttls_host = NULL;
	g_autofree char *upper = protocol_upper (protocol);

	for (guint i = 0; i < c->endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		if (e->protocol != protocol || !e->ok)
			continue;
		if (e->socket_type == MS_SOCKET_TLS) {
			tls = TRUE;
		} else if (e->socket_type == MS_SOCKET_STARTTLS) {
			g_string_append_printf (starttls, "%s%s:%u", starttls->len ? ", " : "", e->host, (guint) e->port);
			/* Port 25 is for relaying; a submission host says more. */
			if (starttls_host == NULL || e->port != 25)
				starttls_host = e->host;
		} else {
			g_string_append_printf (plain, "%s%s:%u", plain->len ? ", " : "", e->host, (guint) e->port);
		}
	}
	if (!tls && starttls->len == 0 && plain->len > 0)
		_ms_finding_add (c, MS_FINDING_PLAINTEXT_ONLY, MS_SEVERITY_ERROR, MS_SOURCE_PROBE, upper, plain->str, NULL);
	else if (!tls && starttls->len > 0)
		_ms_finding_add (c, MS_FINDING_STARTTLS_ONLY, MS_SEVERITY_WARNING, MS_SOURCE_PROBE, upper, starttls->str,
		                 starttls_host);
}

/* --- sources against each other ----------------------------------------- */

/* An answer's voice: the autoconfig URLs apart (they may differ), every
 * other source as one. */
static const char *
voice (const MsCheckAnswer *a)
{
	return a->source == MS_SOURCE_AUTOCONFIG ? a->code : ms_source_to_string (a->source);
}

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer unused)
{
	return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
check_agreement (MsDomainCheck *c, MsProtocol protocol)
{
	g_autoptr (GPtrArray) voices = g_ptr_array_new ();               /* const char* */
	g_autoptr (GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
	g_autofree char *postmaster = g_strconcat ("postmaster@", c->domain, NULL);
	g_autoptr (MsAddress) address = ms_address_parse (postmaster, NULL);

	for (guint i = 0; i < c->answers->len && address; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		if (a->config == NULL || a->source == MS_SOURCE_PROBE)
			continue;
		guint v;
		if (!g_ptr_array_find_with_equal_func (voices, voice (a), g_str_equal, &v)) {
			g_ptr_array_add (voices, (gpointer) voice (a));
			g_ptr_array_add (sets, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
			v = voices->len - 1;
		}
		GPtrArray *lists[] = { ms_config_get_incoming (a->config), ms_config_get_outgoing (a->config) };
		for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
			for (guint j = 0; j < lists[l]->len; j++) {
				const MsServer *s = g_ptr_array_index (lists[l], j);
				g_autofree char *host = ms_template_expand (ms_server_get_hostname (s), address, NULL);
				if (ms_server_get_protocol (s) != protocol || host == NULL)
					continue;
				g_autofree char *lower = g_ascii_strdown (host, -1);
				g_hash_table_add (g_ptr_array_index (sets, v),
				                  g_strdup_printf ("%s:%u", lower, ms_server_get_port (s)));
			}
	}
	/* Two voices that both name servers for the protocol and share none;
	 * the later one (as answers came) is named as the source. */
	gboolean disagree = FALSE;
	const char *late = NULL;
	for (guint i = 0; i < sets->len && !disagree; i++)
		for (guint j = i + 1; j < sets->len && !disagree; j++) {
			GHashTable *a = g_ptr_array_index (sets, i), *b = g_ptr_array_index (sets, j);
			if (g_hash_table_size (a) == 0 || g_hash_table_size (b) == 0)
				continue;
			gboolean shared = FALSE;
			GHashTableIter it;
			gpointer key;
			g_hash_table_iter_init (&it, a);
			while (!shared && g_hash_table_iter_next (&it, &key, NULL))
				shared = g_hash_table_contains (b, key);
			disagree = !shared;
			late = g_ptr_array_index (voices, j);
		}
	if (!disagree)
		return;
	g_autoptr (GString) evidence = g_string_new (NULL);
	for (guint i = 0; i < sets->len; i++) {
		GHashTable *set = g_ptr_array_index (sets, i);
		if (g_hash_table_size (set) == 0)
			continue;
		g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, NULL);
		g_qsort_with_data (keys, g_hash_table_size (set), sizeof (gpointer), compare_strings, NULL);
		g_autofree char *joined = g_strjoinv (" ", (char **) keys);
		g_string_append_printf (evidence, "%s%s: %s", evidence->len ? "; " : "",
		                        (const char *) g_ptr_array_index (voices, i), joined);
	}
	g_autofree char *upper = protocol_upper (protocol);
	MsSource source = MS_SOURCE_AUTOCONFIG;
	for (guint i = 0; i < c->answers->len; i++)
		if (strcmp (voice (g_ptr_array_index (c->answers, i)), late) == 0)
			source = ((MsCheckAnswer *) g_ptr_array_index (c->answers, i))->source;
	_ms_finding_add (c, MS_FINDING_SOURCES_DISAGREE, MS_SEVERITY_WARNING, source, upper, evidence->str, NULL);
}

static void
check_mx_provider (MsDomainCheck *c)
{
	for (guint i = 0; i < c->answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		if (a->source != MS_SOURCE_MX || a->state != MS_DISCOVERY_STATE_FOUND || a->config == NULL)
			continue;
		const char *provider = ms_config_get_display_name (a->config) ? ms_config_get_display_name (a->config)
		                     : ms_config_get_id (a->config) ? ms_config_get_id (a->config) : a->target;
		_ms_finding_add (c, MS_FINDING_MX_PROVIDER_KNOWN, MS_SEVERITY_INFO, MS_SOURCE_MX, a->target, a->code, provider);
		return; /* one is enough: the others say the same provider */
	}
}

static int
by_severity (gconstpointer a, gconstpointer b)
{
	const MsFinding *x = *(MsFinding **) a, *y = *(MsFinding **) b;
	return (int) y->severity - (int) x->severity;
}

void
_ms_domain_check_analyse (MsDomainCheck *c)
{
	gboolean found = FALSE;

	build_proven (c);
	for (guint i = 0; i < c->answers->len && !found; i++)
		found = ((MsCheckAnswer *) g_ptr_array_index (c->answers, i))->config != NULL;
	/* A server that answers, even broken, is something found. */
	for (guint i = 0; i < c->endpoints->len && !found; i++)
		found = ((MsCheckEndpoint *) g_ptr_array_index (c->endpoints, i))->found_by != 0;
	if (!found) {
		_ms_finding_add (c, MS_FINDING_NOTHING_FOUND, MS_SEVERITY_ERROR, MS_SOURCE_PROBE, c->domain, NULL, NULL);
		return;
	}
	if (c->discovered) {
		check_autoconfig (c);
		check_srv (c);
		for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
			check_agreement (c, protocols[i]);
		check_mx_provider (c);
	}
	check_endpoints (c);
	for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
		check_security (c, protocols[i]);
	/* Errors first; in the order found otherwise (g_ptr_array_sort is stable). */
	g_ptr_array_sort (c->findings, by_severity);
}
