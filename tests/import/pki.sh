# Sourced by the import tests: a test CA and profile signers made with
# GnuTLS's certtool, and CMS signing. Every file goes into $pki (a
# directory the caller owns).
# SPDX-License-Identifier: GPL-3.0-or-later

# pki_ca NAME CN: NAME.key and NAME.pem, a self-signed CA.
pki_ca() {
	certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$pki/$1.key" 2>/dev/null
	printf 'cn = "%s"\nca\ncert_signing_key\nexpiration_days = 30\n' "$2" >"$pki/$1.tmpl"
	certtool --generate-self-signed --load-privkey "$pki/$1.key" --template "$pki/$1.tmpl" \
		--outfile "$pki/$1.pem" 2>/dev/null
}
# pki_signer NAME CA CN: NAME.key and NAME.pem issued by CA, organisation
# "Demo and Co", a TLS server certificate as many real profiles are signed
# with.
pki_signer() {
	certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$pki/$1.key" 2>/dev/null
	printf 'cn = "%s"\norganization = "Demo and Co"\nsigning_key\ntls_www_server\nexpiration_days = 30\n' "$3" \
		>"$pki/$1.tmpl"
	certtool --generate-certificate --load-privkey "$pki/$1.key" --load-ca-certificate "$pki/$2.pem" \
		--load-ca-privkey "$pki/$2.key" --template "$pki/$1.tmpl" --outfile "$pki/$1.pem" 2>/dev/null
}
# pki_sign SIGNER IN OUT [--outder]: CMS SignedData of IN, the content and
# the signer's certificate inside (PEM unless --outder).
pki_sign() {
	certtool --p7-sign --load-privkey "$pki/$1.key" --load-certificate "$pki/$1.pem" --infile "$2" \
		--outfile "$3" ${4:-} 2>/dev/null
}
