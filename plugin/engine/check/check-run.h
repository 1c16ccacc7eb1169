/* Internal: the domain check's result object, shared by the collecting
 * (check.c), the analysis (analyse.c, pure: facts in, findings out) and
 * the catalogue of findings (finding.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/domain-check.h>

struct _MsDomainCheck {
	gint refs;
	char *domain;
	gboolean discovered;  /* sources and SRV asked (not a given configuration) */
	GPtrArray *answers;   /* MsCheckAnswer* */
	GPtrArray *srv;       /* MsCheckSrv* */
	GPtrArray *endpoints; /* MsCheckEndpoint* */
	GPtrArray *findings;  /* MsFinding* */
	MsConfig *merged;     /* every source's servers, merged (nullable) */
	MsConfig *proven;     /* the servers that proved secure (nullable) */
};

MsDomainCheck *_ms_domain_check_new (const char *domain);
MsCheckAnswer *_ms_check_answer_add (MsDomainCheck *c, MsSource source, const char *code, MsDiscoveryState state,
                                     const char *target, MsConfig *config, const char *error_code);
MsCheckSrv *_ms_check_srv_add (MsDomainCheck *c, const char *name, gboolean exists, gboolean authenticated,
                               guint16 priority, guint16 weight, guint16 port, const char *target);
/* The endpoint of @protocol at @host:@port, added when new; @found_by is
 * or'ed in. */
MsCheckEndpoint *_ms_check_endpoint_get (MsDomainCheck *c, MsProtocol protocol, const char *host, guint16 port,
                                         gboolean implicit_tls, guint found_by);

/* The port where @protocol starts with TLS (993, 995, 465). */
guint16 _ms_check_implicit_port (MsProtocol protocol);

/* From the facts to the findings, and the proven configuration. */
void _ms_domain_check_analyse (MsDomainCheck *c);

/* Adds a finding of @code about @subject, its explanation and fix written
 * by the catalogue from @subject, @evidence and @arg (the code's own
 * argument: names, a provider, zone lines…). */
MsFinding *_ms_finding_add (MsDomainCheck *c, MsFindingCode code, MsSeverity severity, MsSource source,
                            const char *subject, const char *evidence, const char *arg);
