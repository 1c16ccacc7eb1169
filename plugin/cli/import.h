/* mailsetup import: what cmd-import.c reads and import-out.c prints.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cli.h"

/* One account to show and verify: from a profile (@account set) or an
 * autoconfig file (@account NULL). */
typedef struct {
	const MsProfileAccount *account; /* owned by the import's profile */
	MsConfig *config;
	MsAddress *address;              /* the file's, else --address; may be NULL */
	gboolean verify_run;
	MsVerifyResult *result;
	GError *error;
} MsCliImportAccount;

typedef struct {
	const char *file;
	MsProfile *profile;              /* NULL for an autoconfig file */
	gboolean accepted;               /* validly signed, an autoconfig file, or --accept-unsigned */
	GPtrArray *accounts;             /* MsCliImportAccount* */
} MsCliImport;

void ms_cli_import_print (const MsCliImport *import);
void ms_cli_import_json (const MsCliImport *import);
