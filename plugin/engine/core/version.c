/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/mailsetup.h>

const char *
ms_version_string (void)
{
	return PACKAGE_VERSION;
}
