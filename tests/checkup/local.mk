## SPDX-License-Identifier: GPL-3.0-or-later
## The check-up of existing Claws accounts (`mailsetup check-account`) in
## the test world: an OVH-like account with stored certificate exceptions,
## a plain-text account, a clean one (tests/checkup/check-account.py, TAP).
## Needs root and `ip netns` (skipped otherwise); ~5 s.

TESTS += tests/checkup/check-account.py
EXTRA_DIST += tests/checkup/check-account.py

## The same command without the network: its command line and the exit
## statuses of unreadable configurations.
TESTS += tests/checkup/offline.sh
EXTRA_DIST += tests/checkup/offline.sh
engine_tests += tests/checkup/offline.sh
