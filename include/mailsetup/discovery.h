/* mailsetup: discovery of an account's servers from its address alone.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/address.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/**
 * MS_SOURCE_FLAG:
 * @source: an #MsSource
 *
 * The bit of @source in a set of sources (ms_discovery_options_set_sources()).
 *
 * Since: 0.1
 */
#define MS_SOURCE_FLAG(source) (1u << (source))

/**
 * MS_DISCOVERY_ALL_SOURCES:
 *
 * Every source discovery can use.
 *
 * Since: 0.1
 */
#define MS_DISCOVERY_ALL_SOURCES \
	(MS_SOURCE_FLAG (MS_SOURCE_BUILTIN) | MS_SOURCE_FLAG (MS_SOURCE_AUTOCONFIG) | \
	 MS_SOURCE_FLAG (MS_SOURCE_ISPDB) | MS_SOURCE_FLAG (MS_SOURCE_MX) | \
	 MS_SOURCE_FLAG (MS_SOURCE_SRV) | MS_SOURCE_FLAG (MS_SOURCE_AUTODISCOVER) | \
	 MS_SOURCE_FLAG (MS_SOURCE_PROBE))

/**
 * MS_DISCOVERY_DEFAULT_ISPDB_URL:
 *
 * Where Mozilla's ISP database answers; the domain is appended.
 *
 * Since: 0.1
 */
#define MS_DISCOVERY_DEFAULT_ISPDB_URL "https://autoconfig.thunderbird.net/v1.1/"

/**
 * MsDiscoveryOptions:
 *
 * What discovery may do: which sources, how long, where ISPDB is, which
 * extra certificate authority to trust. Defaults suit an interactive client.
 *
 * Since: 0.1
 */
typedef struct _MsDiscoveryOptions MsDiscoveryOptions;

/** ms_discovery_options_new: Returns: (transfer full): default options. Since: 0.1 */
MsDiscoveryOptions *ms_discovery_options_new (void);
/** ms_discovery_options_free: @options: (transfer full) (nullable): options. Since: 0.1 */
void ms_discovery_options_free (MsDiscoveryOptions *options);
/** ms_discovery_options_set_sources: @options: options. @sources: a set of MS_SOURCE_FLAG() bits. Since: 0.1 */
void ms_discovery_options_set_sources (MsDiscoveryOptions *options, guint sources);
/** ms_discovery_options_get_sources: @options: options. Returns: the sources used. Since: 0.1 */
guint ms_discovery_options_get_sources (const MsDiscoveryOptions *options);
/**
 * ms_discovery_options_set_timeout:
 * @options: options
 * @source_ms: the most one source may take, in milliseconds (default 6000)
 * @total_ms: the most discovery may take, in milliseconds (default 8000)
 *
 * Since: 0.1
 */
void ms_discovery_options_set_timeout (MsDiscoveryOptions *options, guint source_ms, guint total_ms);
/** ms_discovery_options_set_ispdb_url: @options: options. @url: (nullable): ISPDB base URL; %NULL restores the default. Since: 0.1 */
void ms_discovery_options_set_ispdb_url (MsDiscoveryOptions *options, const char *url);
/**
 * ms_discovery_options_set_ca_file:
 * @options: options
 * @ca_file: (nullable): a PEM file of certificate authorities trusted
 *   besides the system's (as Claws and OpenSSL do with SSL_CERT_FILE,
 *   which is read when this is not set)
 *
 * Since: 0.1
 */
void ms_discovery_options_set_ca_file (MsDiscoveryOptions *options, const char *ca_file);
/**
 * ms_discovery_options_add_provider_dir:
 * @options: options
 * @dir: a directory of provider files (as ms_provider_db_add_dir() reads)
 *
 * Reads @dir before the standard provider directories
 * (ms_provider_db_new_default()), so that its domains win; several
 * directories are read in the order added.
 *
 * Since: 0.1
 */
void ms_discovery_options_add_provider_dir (MsDiscoveryOptions *options, const char *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsDiscoveryOptions, ms_discovery_options_free)

/**
 * MsDiscoveryState:
 * @MS_DISCOVERY_STATE_SEARCHING: a source started looking.
 * @MS_DISCOVERY_STATE_FOUND: a source found servers (#MsDiscoveryEvent.config).
 * @MS_DISCOVERY_STATE_NOTHING: a source answered that it knows nothing.
 * @MS_DISCOVERY_STATE_FAILED: a source failed (#MsDiscoveryEvent.error).
 *
 * Since: 0.1
 */
typedef enum {
	MS_DISCOVERY_STATE_SEARCHING,
	MS_DISCOVERY_STATE_FOUND,
	MS_DISCOVERY_STATE_NOTHING,
	MS_DISCOVERY_STATE_FAILED,
} MsDiscoveryState;

/**
 * MsDiscoveryEvent:
 * @source: the source
 * @state: what happened
 * @code: a stable, untranslated name of the step ("autoconfig-https",
 *   "ispdb", "srv-imaps", "probe"…), for scripts and tests
 * @message: the same in a translated sentence for a person
 *   ("Looking up the autoconfig file of example.fr…")
 * @target: (nullable): what was asked: a URL, a DNS name or host:port
 * @config: (nullable): with %MS_DISCOVERY_STATE_FOUND, what was found
 * @error: (nullable): with %MS_DISCOVERY_STATE_FAILED, why
 *
 * One step of discovery, streamed as it happens. Everything in it is valid
 * only during the callback: ref or copy what is kept.
 *
 * Since: 0.1
 */
typedef struct {
	MsSource source;
	MsDiscoveryState state;
	const char *code;
	const char *message;
	const char *target;
	MsConfig *config;
	const GError *error;
} MsDiscoveryEvent;

/**
 * MsDiscoveryProgress:
 * @event: what happened
 * @user_data: the data given to ms_discover_async()
 *
 * Called in the thread-default main context of the ms_discover_async()
 * call, never after the final callback.
 *
 * Since: 0.1
 */
typedef void (*MsDiscoveryProgress) (const MsDiscoveryEvent *event, gpointer user_data);

/**
 * ms_discover_async:
 * @address: the user's address
 * @options: (nullable): options, copied; %NULL for the defaults
 * @progress: (nullable) (scope notified): called for each step
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data after the last call
 * @cancellable: (nullable): stops every lookup and connection at once
 * @callback: called once, when every source has answered or timed out
 * @user_data: data for @callback
 *
 * Starts every enabled source at once: built-in provider data, the
 * domain's autoconfig over HTTPS, ISPDB, the provider behind the MX
 * records, RFC 6186/8314 SRV records, Microsoft Autodiscover, and probing
 * of likely hosts and ports. Each is bounded in time and in what it reads.
 *
 * Since: 0.1
 */
void ms_discover_async (const MsAddress *address, const MsDiscoveryOptions *options,
                        MsDiscoveryProgress progress, gpointer progress_data, GDestroyNotify progress_notify,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

/**
 * ms_discover_finish:
 * @result: the result given to the callback
 * @error: return location for an error: %G_IO_ERROR_CANCELLED, or
 *   %MS_ERROR_NO_USABLE_SERVER when no source found anything
 *
 * Returns: (transfer full) (nullable): every server found, merged (servers
 * found by several sources are kept once, with the highest trust and their
 * evidence counted) and ranked (ms_server_compare()).
 *
 * Since: 0.1
 */
MsConfig *ms_discover_finish (GAsyncResult *result, GError **error);

/**
 * ms_discover_sync:
 * @address: the user's address
 * @options: (nullable): options
 * @progress: (nullable) (scope call): called for each step
 * @progress_data: data for @progress
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * ms_discover_async() for programs without a main loop: runs one in a
 * context of its own until discovery ends.
 *
 * Returns: (transfer full) (nullable): as ms_discover_finish().
 *
 * Since: 0.1
 */
MsConfig *ms_discover_sync (const MsAddress *address, const MsDiscoveryOptions *options,
                            MsDiscoveryProgress progress, gpointer progress_data,
                            GCancellable *cancellable, GError **error);

G_END_DECLS
