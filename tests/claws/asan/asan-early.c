/* Makes AddressSanitizer initialise before libgpg-error's constructor runs.
 *
 * ASan preloaded into an uninstrumented Claws initialises lazily, at the
 * first allocation. libgpg-error's ELF constructor calls bindtextdomain,
 * which allocates under glibc's _nl_state_lock; ASan's initialisation then
 * calls dlerror, hence dcgettext, on the same lock: Claws deadlocks at
 * start (../shared/spikes, asan). This library allocates once in its own
 * constructor; asan.sh makes it a DT_NEEDED of a private copy of
 * libgpg-error, so that it runs first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>

void *volatile ms_asan_early_sink;

__attribute__ ((constructor)) static void
ms_asan_early_init (void)
{
	ms_asan_early_sink = malloc (1);
	free (ms_asan_early_sink);
}
