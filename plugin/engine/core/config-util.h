/* Internal: conveniences over the model shared by the readers and sources.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/config.h>
#include <mailsetup/error.h>

/* Adds an MS_ERROR note made from a format. */
void _ms_config_note (MsConfig *config, MsError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Puts @reason on every server: none is used without the user's yes. */
void _ms_config_confirm_all (MsConfig *config, const char *reason);
