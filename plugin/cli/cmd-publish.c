/* mailsetup publish DOMAIN: what a mail domain should publish for clients,
 * from a configuration proven to work: the autoconfig file (and the two
 * URLs where it is served), the RFC 6186/8314 SRV records, and an Apple
 * configuration profile. Only servers that proved secure are published:
 * those of a verified `setup --json` result, or those of an autoconfig
 * file or of discovery that a connection proved (TLS or STARTTLS, valid
 * certificate).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <mailsetup/domain-check.h>
#include <mailsetup/publish.h>

enum { FORMAT_AUTOCONFIG = 1, FORMAT_SRV = 2, FORMAT_MOBILECONFIG = 4, FORMAT_ALL = 7 };

static gboolean
parse_format (const char *text, guint *formats_r)
{
	if (text == NULL || strcmp (text, "all") == 0)
		*formats_r = FORMAT_ALL;
	else if (strcmp (text, "autoconfig") == 0)
		*formats_r = FORMAT_AUTOCONFIG;
	else if (strcmp (text, "srv") == 0)
		*formats_r = FORMAT_SRV;
	else if (strcmp (text, "mobileconfig") == 0)
		*formats_r = FORMAT_MOBILECONFIG;
	else
		return FALSE;
	return TRUE;
}

/* What was left out, on stderr: a server that did not prove itself. */
static void
report_left_out (const MsDomainCheck *c)
{
	GPtrArray *endpoints = ms_domain_check_get_endpoints (c);
	for (guint i = 0; i < endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (endpoints, i);
		if (e->found_by == 0 || (e->ok && e->socket_type != MS_SOCKET_PLAIN))
			continue;
		g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (e->protocol), -1);
		ms_cli_error (_("left out: %s %s:%u (%s)"), protocol, e->host, (guint) e->port,
		              e->ok ? _("no encryption") : ms_diagnosis_code_to_string (e->diagnosis));
	}
}

static gboolean
write_file (const char *dir, const char *relative, const char *contents, GError **error)
{
	g_autofree char *path = g_build_filename (dir, relative, NULL);
	g_autofree char *parent = g_path_get_dirname (path);
	if (g_mkdir_with_parents (parent, 0755) != 0) {
		g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", parent, g_strerror (errno));
		return FALSE;
	}
	return g_file_set_contents (path, contents, -1, error);
}

/* --output-dir: the web server's layout, one directory per virtual host,
 * plus the zone lines and the profile beside them. */
static gboolean
write_files (const char *dir, const char *domain, guint formats, const char *xml, const char *srv,
             const char *profile, GError **error)
{
	g_autofree char *autoconfig = g_strdup_printf ("autoconfig.%s/mail/config-v1.1.xml", domain);
	g_autofree char *wellknown = g_strdup_printf ("%s/.well-known/autoconfig/mail/config-v1.1.xml", domain);
	g_autofree char *zone = g_strdup_printf ("%s.srv.zone", domain);
	g_autofree char *mobile = g_strdup_printf ("%s/mail.mobileconfig", domain);

	if ((formats & FORMAT_AUTOCONFIG) &&
	    (!write_file (dir, autoconfig, xml, error) || !write_file (dir, wellknown, xml, error)))
		return FALSE;
	if ((formats & FORMAT_SRV) && !write_file (dir, zone, srv, error))
		return FALSE;
	if ((formats & FORMAT_MOBILECONFIG) && profile && !write_file (dir, mobile, profile, error))
		return FALSE;
	return TRUE;
}

static void
print_all (const char *domain, guint formats, const char *xml, const char *srv, const char *profile)
{
	gboolean all = formats == FORMAT_ALL;

	if (formats & FORMAT_AUTOCONFIG) {
		if (all) {
			printf ("# %s\n", _("1. The autoconfig file: serve it as text/xml over HTTPS, with a certificate valid for each name, at both:"));
			printf ("#      https://autoconfig.%s/mail/config-v1.1.xml\n", domain);
			printf ("#      https://%s/.well-known/autoconfig/mail/config-v1.1.xml\n", domain);
		}
		printf ("%s", xml);
	}
	if (formats & FORMAT_SRV) {
		if (all) {
			printf ("\n# ");
			printf (_("2. SRV records (RFC 6186, RFC 8314), for the zone of %s; “0 0 0 .” says a service is not offered:"), domain);
			printf ("\n");
		}
		printf ("%s", srv);
	}
	if (formats & FORMAT_MOBILECONFIG) {
		if (all) {
			printf ("\n# ");
			printf (_("3. Apple configuration profile: serve it as application/x-apple-aspen-config, e.g. at https://%s/mail.mobileconfig; it is unsigned (devices show it as unverified) unless you sign it with your own certificate."), domain);
			printf ("\n");
		}
		if (profile)
			printf ("%s", profile);
		else
			printf ("# %s\n", _("No profile: it needs a secure incoming and a secure outgoing server."));
	}
}

int
ms_cmd_publish (int argc, char **argv)
{
	char *config_file = NULL, *json_file = NULL, *format_text = NULL, *ca_file = NULL, *output_dir = NULL;
	int ttl = 3600;
	GOptionEntry entries[] = {
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
		  N_("Publish the servers of this autoconfig file that prove secure (“-” for standard input)"), N_("FILE") },
		{ "from-json", 0, 0, G_OPTION_ARG_FILENAME, &json_file,
		  N_("Publish the servers of a verified “mailsetup setup --json” result"), N_("FILE") },
		{ "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("all, autoconfig, srv or mobileconfig"), N_("FORMAT") },
		{ "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir,
		  N_("Write the files there, one folder per web host, instead of printing them"), N_("DIR") },
		{ "ttl", 0, 0, G_OPTION_ARG_INT, &ttl, N_("TTL of the SRV records, in seconds (default 3600)"), N_("SECONDS") },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) given = NULL;
	g_autoptr (MsConfig) config = NULL;
	g_autoptr (MsDomainCheck) check = NULL;
	guint formats;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("DOMAIN — print what a mail domain should publish"),
	                           NULL))
		return MS_EXIT_USAGE;
	g_autofree char *c_owned = config_file, *j_owned = json_file, *f_owned = format_text, *ca_owned = ca_file,
	                *o_owned = output_dir;
	if (argc != 2 || (config_file && json_file) || ttl < 0 || !parse_format (format_text, &formats)) {
		ms_cli_error (_("usage: mailsetup publish DOMAIN [--config FILE | --from-json FILE] [--format FORMAT]; "
		                "see “mailsetup publish --help”"));
		return MS_EXIT_USAGE;
	}
	g_autofree char *postmaster = g_strconcat ("postmaster@", argv[1], NULL);
	g_autoptr (MsAddress) address = ms_address_parse (postmaster, &error);
	if (address == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}
	const char *domain = ms_address_get_domain (address);

	if (json_file || config_file) {
		gsize length = 0;
		g_autofree char *data = ms_cli_read_file (json_file ? json_file : config_file,
		                                          json_file ? MS_SETUP_JSON_MAX_SIZE : MS_AUTOCONFIG_MAX_SIZE,
		                                          &length, &error);
		if (data == NULL) {
			ms_cli_error ("%s", error->message);
			return ms_cli_exit_for_error (error);
		}
		given = json_file ? ms_config_from_setup_json (data, (gssize) length, &error)
		                  : ms_autoconfig_parse (data, (gssize) length, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);
		if (given == NULL) {
			ms_cli_error ("%s", error->message);
			return g_error_matches (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER) ? MS_EXIT_NOT_VERIFIED
			                                                                    : ms_cli_exit_for_error (error);
		}
	}
	if (json_file) {
		/* Proven by a login and a message sent to oneself: nothing to add. */
		config = ms_config_ref (given);
	} else {
		check = ms_cli_check_domain (domain, given, ca_file, &error);
		if (check == NULL) {
			ms_cli_error ("%s", error->message);
			return MS_EXIT_FAILURE;
		}
		report_left_out (check);
		if (ms_domain_check_get_config (check) == NULL) {
			ms_cli_error (_("no server of %s proved secure: nothing to publish"), domain);
			return MS_EXIT_NOT_VERIFIED;
		}
		config = ms_config_ref (ms_domain_check_get_config (check));
	}
	ms_config_add_domain (config, domain);

	g_autofree char *xml = ms_autoconfig_write (config);
	g_autofree char *srv = ms_srv_zone_write (config, domain, (guint) ttl);
	g_autofree char *profile = ms_mobileconfig_write (config, domain);
	if (output_dir) {
		if (!write_files (output_dir, domain, formats, xml, srv, profile, &error)) {
			ms_cli_error ("%s", error->message);
			return MS_EXIT_FAILURE;
		}
	} else {
		print_all (domain, formats, xml, srv, profile);
	}
	return MS_EXIT_OK;
}
