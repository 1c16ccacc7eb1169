## The administrator's tools in the test world: mailsetup check-domain and
## mailsetup publish (findings per scenario, the publish round trip).

TESTS += tests/admin/cli.sh tests/admin/check-domain.py
EXTRA_DIST += tests/admin/cli.sh tests/admin/check-domain.py \
	tests/admin/scenarios/admin-faults/scenario.conf \
	tests/admin/scenarios/admin-faults/www/autoconfig.httponly.test/mail/config-v1.1.xml \
	tests/admin/scenarios/admin-faults/www/autoconfig.badcert.test/mail/config-v1.1.xml \
	tests/admin/scenarios/admin-faults/www/autoconfig.srvfaux.test/mail/config-v1.1.xml
engine_tests += tests/admin/cli.sh
