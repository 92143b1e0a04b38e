#!/usr/bin/env bash
# Builds the CouchDB stand-in's package and a signed repository of it, laid out like CouchDB's own, so a node
# installs it the way its user-data installs CouchDB: fetch keys.asc, dearmor it into a keyring, add
#   deb [signed-by=KEYRING] http://10.0.255.254/couchdb bookworm main     (or the flat form: ... /couchdb ./)
# then apt-get install couchdb. The signing key is made here, per build; its secret half is thrown away.
#   build.sh OUT_DIR [SUITE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1 suite=${2:-bookworm}
version=3.3.3~stackwright1
work=$(mktemp -d)
trap 'gpgconf --homedir "$work/gnupg" --kill all 2>/dev/null || true; rm -rf "$work"' EXIT

pkg=$work/pkg
install -d "$pkg/DEBIAN" "$pkg/opt/couchdb/bin" "$pkg/opt/couchdb/etc" "$pkg/lib/systemd/system" \
  "$pkg/usr/share/doc/couchdb"
install -m 0755 "$here/couchdb.py" "$pkg/opt/couchdb/bin/couchdb"
install -m 0644 "$here/default.ini" "$pkg/opt/couchdb/etc/default.ini"
install -m 0644 "$here/couchdb.service" "$pkg/lib/systemd/system/couchdb.service"
install -m 0755 "$here/postinst" "$pkg/DEBIAN/postinst"
echo "This is not Apache CouchDB: it is the stackwright rig's stand-in for its HTTP API." \
  > "$pkg/usr/share/doc/couchdb/README.stand-in"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: couchdb
Version: $version
Architecture: all
Maintainer: stackwright <rig@stackwright.invalid>
Depends: python3, passwd
Section: misc
Priority: optional
Description: CouchDB HTTP API stand-in for the stackwright rig (not Apache CouchDB)
 Speaks the part of CouchDB's HTTP API stackwright's clusters use, from the same
 /opt/couchdb/etc/local.ini, under the same unit name. Its GET / answer names it.
CONTROL
mkdir -p "$out/pool/main/c/couchdb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/pool/main/c/couchdb/couchdb_${version}_all.deb" >/dev/null

export GNUPGHOME=$work/gnupg
install -d -m 0700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key \
  'stackwright rig CouchDB stand-in repository <rig@stackwright.invalid>' rsa3072 sign never 2>/dev/null
gpg --batch --armor --export > "$out/keys.asc"

sign() {  # Release -> InRelease + Release.gpg, as apt wants for signed-by
  gpg --batch --yes --clearsign -o "$1/InRelease" "$1/Release"
  gpg --batch --yes --armor --detach-sign -o "$1/Release.gpg" "$1/Release"
}
release() {  # DIR SUITE-OR-EMPTY
  local opts=(-o APT::FTPArchive::Release::Origin=stackwright-rig
    -o "APT::FTPArchive::Release::Label=stackwright rig CouchDB stand-in")
  [ -z "$2" ] || opts+=(-o "APT::FTPArchive::Release::Suite=$2" -o "APT::FTPArchive::Release::Codename=$2"
    -o APT::FTPArchive::Release::Components=main -o APT::FTPArchive::Release::Architectures=amd64)
  apt-ftparchive "${opts[@]}" release "$1" > "$work/Release"
  mv "$work/Release" "$1/Release"
  sign "$1"
}
(cd "$out" && apt-ftparchive packages pool > Packages && gzip -9kf Packages)
release "$out" ""
dists=$out/dists/$suite/main/binary-amd64
mkdir -p "$dists"
cp "$out/Packages" "$out/Packages.gz" "$dists/"
release "$out/dists/$suite" "$suite"
echo "couchdb stand-in $version: $out" >&2
