/* Internal: the SRV service names of RFC 6186 and RFC 8314, for the writer
 * of SRV records (srv-write.c), the SRV source and the domain check.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/config.h>

typedef struct {
	const char *prefix;   /* "_imaps._tcp." */
	MsProtocol protocol;
	MsSocketType socket_type;
} MsSrvService;

/* In RFC 6186's order; @n_r gets their number. */
const MsSrvService *_ms_srv_services (guint *n_r);
