## AppStream metainfo: the Claws Mail plugin as an add-on of Claws Mail,
## for software centres. Its text is translated through po/ (gettext's
## own ITS rules for metainfo: xgettext extracts, msgfmt --xml merges).

metainfo_in = data/metainfo/org.claws_mail.Claws_Mail.mailsetup.metainfo.xml.in
metainfo_xml = data/metainfo/org.claws_mail.Claws_Mail.mailsetup.metainfo.xml
EXTRA_DIST += $(metainfo_in)
CLEANFILES += $(metainfo_xml)

if BUILD_CLAWS_PLUGIN
metainfodir = $(datadir)/metainfo
metainfo_DATA = $(metainfo_xml)
endif
## Built by make check too (tests/packaging/metainfo.sh validates it).
check_DATA = $(metainfo_xml)

$(metainfo_xml): $(metainfo_in) $(top_srcdir)/po/LINGUAS $(top_srcdir)/po/fr.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(MSGFMT) --xml --template=$(top_srcdir)/$(metainfo_in) -d $(top_srcdir)/po -o $@
