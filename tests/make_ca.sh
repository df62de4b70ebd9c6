#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Makes throw-away TLS material for tests/fake_central.py in DIR:
#   ca.pem ca.key             the test CA (give ca.pem to kiosk-sync as [central] ca_file)
#   server.pem server.key     127.0.0.1 and localhost, signed by the test CA
#   wrong-ca.pem wrong-ca.key an unrelated CA
#   wrong.pem wrong.key       127.0.0.1 and localhost again, signed by the unrelated CA
#   client.pem client.key     a client certificate signed by the test CA (mTLS)
#   token                     a random bearer token, mode 600
# EC keys (prime256v1), valid for one day. Prints nothing unless something fails.
# usage: tests/make_ca.sh DIR
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$1
mkdir -p "$dir"
umask 077
errlog=$(mktemp)
trap 'rm -f "$errlog" "$dir/.ext" "$dir/.csr"' EXIT

ossl() { # openssl, quiet unless it fails
	if ! openssl "$@" 2>"$errlog" >/dev/null; then
		echo "make_ca.sh: openssl $1 failed:" >&2
		cat "$errlog" >&2
		exit 1
	fi
}

key() { # FILE
	ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1"
}

ca() { # NAME CN: a self-signed CA
	key "$dir/$1.key"
	ossl req -new -x509 -key "$dir/$1.key" -sha256 -days 1 -subj "/O=kiosk tests/CN=$2" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" \
		-addext "subjectKeyIdentifier=hash" \
		-out "$dir/$1.pem"
}

leaf() { # NAME CA CN EXTENSIONS...: a certificate signed by CA
	name=$1 signer=$2 cn=$3
	shift 3
	key "$dir/$name.key"
	printf '%s\n' basicConstraints=critical,CA:FALSE subjectKeyIdentifier=hash \
		authorityKeyIdentifier=keyid,issuer "$@" >"$dir/.ext"
	ossl req -new -key "$dir/$name.key" -subj "/O=kiosk tests/CN=$cn" -out "$dir/.csr"
	ossl x509 -req -in "$dir/.csr" -CA "$dir/$signer.pem" -CAkey "$dir/$signer.key" \
		-set_serial "0x$(openssl rand -hex 8)" -sha256 -days 1 -extfile "$dir/.ext" \
		-out "$dir/$name.pem"
}

server_ext="keyUsage=critical,digitalSignature extendedKeyUsage=serverAuth subjectAltName=IP:127.0.0.1,DNS:localhost"

ca ca "kiosk test CA"
# shellcheck disable=SC2086 # the extensions are separate words on purpose
leaf server ca 127.0.0.1 $server_ext
ca wrong-ca "unrelated CA"
# shellcheck disable=SC2086
leaf wrong wrong-ca 127.0.0.1 $server_ext
leaf client ca test-kiosk keyUsage=critical,digitalSignature extendedKeyUsage=clientAuth

openssl rand -hex 32 >"$dir/token"
chmod 600 "$dir/token" "$dir"/*.key
chmod 644 "$dir"/*.pem
