/* Internal: the inside of MsPolicy, shared by the model (policy.c) and its
 * readers and writers (keyfile.c, claws.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/policy.h>

/* Who set a setting, and whether they locked it. A layer that does not set
 * a setting holds the default and lets the lower layer's show through. */
typedef struct {
	gboolean set;
	gboolean locked;
	char *source;
} MsSettingState;

typedef struct {
	gboolean value;
	gboolean per_message_switch;
	/* The switch is set on its own: an Apple profile may give
	 * SMIMEEnablePerMessageSwitch without SMIMESigningEnabled. */
	gboolean switch_set;
} MsRuleValue;

typedef struct {
	MsIdentityMode mode;
	char *fingerprint; /* normalised: upper-case hex, no spaces */
} MsIdentityValue;

struct _MsPolicy {
	MsSettingState state[MS_POLICY_N_SETTINGS];
	MsPrivacySystem system;
	MsRuleValue rule[MS_POLICY_N_SETTINGS];  /* only the rules' slots */
	MsIdentityValue identity[2];              /* signing, encryption */
};

/* The slot of @setting in identity[], or -1 when it is not an identity. */
int _ms_policy_identity_slot (MsPolicySetting setting);

/* Normalises a key fingerprint or key id ("0x", spaces and colons
 * dropped, upper case); NULL if it is not 8 to 64 hexadecimal digits. */
char *_ms_policy_normalize_fingerprint (const char *text);

/* Moves @from's contents into @to (freeing @to's) and frees @from: the
 * readers fill a copy and commit it only when every key was good. */
void _ms_policy_replace (MsPolicy *to, MsPolicy *from);
