## Discovery in the test world (real DNS, HTTPS, IMAP, POP3, SMTP servers),
## checked against the scenarios' expected facts and the hostile catalogue.

TESTS += tests/discovery/world.py
EXTRA_DIST += tests/discovery/world.py \
	tests/discovery/scenarios/desaccord/scenario.conf \
	tests/discovery/scenarios/desaccord/ispdb/desaccord.test.xml
