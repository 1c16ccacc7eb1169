## Built-in provider data (see README.md), read by plugin/engine/discovery/builtin.c
## from $(pkgdatadir)/providers (MS_DATADIR "/providers"). README.md and LICENSE go
## with the files: they carry the MPL-2.0 attribution.

providersdir = $(pkgdatadir)/providers
dist_providers_DATA = \
	data/providers/1und1.de.xml \
	data/providers/bluewin.ch.xml \
	data/providers/fastmail.com.xml \
	data/providers/free.fr.xml \
	data/providers/gandi.net.xml \
	data/providers/gmx.com.xml \
	data/providers/gmx.net.xml \
	data/providers/googlemail.com.xml \
	data/providers/hotmail.com.xml \
	data/providers/infomaniak.com.xml \
	data/providers/ionos.com.xml \
	data/providers/ionos.de.xml \
	data/providers/ionos.fr.xml \
	data/providers/laposte.net.xml \
	data/providers/me.com.xml \
	data/providers/office365.com.xml \
	data/providers/orange.fr.xml \
	data/providers/ovh.net.xml \
	data/providers/sfr.fr.xml \
	data/providers/sunrise.ch.xml \
	data/providers/yahoo.com.xml \
	data/providers/LICENSE \
	data/providers/README.md
