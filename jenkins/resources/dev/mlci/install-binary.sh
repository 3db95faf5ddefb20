#!/bin/sh
# install-binary.sh VERSION DIR: installs the standalone mlci executable (docs/binary.md) as DIR/mlci and prints
# its path on stdout. For job images without Node (python:3.x-slim): downloads mlci-linux-<arch> and SHA256SUMS
# of release vVERSION from ${MLCI_BINARY_BASE_URL:-https://github.com/mlci-dev/mlci/releases/download}/vVERSION/
# with curl, wget or python3 (whichever the image has), checks the digest (sha256sum or python3's hashlib), and
# moves the file into place by rename, so DIR/mlci is never a part. A DIR/mlci with the right digest is kept.
# Any failure: one line on stderr, exit 1, nothing left behind.
# The GitLab components inline this file and the Jenkins vars run it (libraryResource): keep it POSIX sh.
set -eu

fail() {
  echo "install-binary.sh: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: install-binary.sh VERSION DIR (got $# arguments)"
version=${1#v}
dir=$2
case $version in
'' | *[!0-9A-Za-z.+-]*) fail "VERSION '$1' is not a release version like 0.1.0" ;;
esac
[ "$(uname -s)" = Linux ] || fail "the mlci executable is built for Linux only, not $(uname -s): use npx @mlci/cli@$version"
case $(uname -m) in
x86_64 | amd64) arch=x64 ;;
aarch64 | arm64) arch=arm64 ;;
*) fail "no mlci executable for $(uname -m) (x86_64 and aarch64 only): use npx @mlci/cli@$version" ;;
esac
asset=mlci-linux-$arch
url=${MLCI_BINARY_BASE_URL:-https://github.com/mlci-dev/mlci/releases/download}/v$version

have() { command -v "$1" >/dev/null 2>&1; }

# download URL FILE
download() {
  if have curl; then
    curl -fsS -L --retry 3 -o "$2" "$1"
  elif have wget; then
    wget -q -O "$2" "$1"
  elif have python3; then
    python3 -c 'import shutil, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=120) as answer, open(sys.argv[2], "wb") as out:
    shutil.copyfileobj(answer, out)' "$1" "$2"
  else
    echo "neither curl, wget nor python3 is installed" >&2
    return 1
  fi
}

# sha256 FILE: the hex digest
sha256() {
  if have sha256sum; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif have python3; then
    python3 -c 'import hashlib, sys
digest = hashlib.sha256()
with open(sys.argv[1], "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        digest.update(block)
print(digest.hexdigest())' "$1"
  else
    fail "neither sha256sum nor python3 is installed: cannot check the download"
  fi
}

created=
if [ ! -d "$dir" ]; then
  mkdir -p "$dir" 2>/dev/null || fail "cannot create the directory $dir"
  created=yes
fi
dir=$(cd "$dir" && pwd -P)
# The temporary files sit in DIR itself, so the last step is a rename within one file system.
work=$(mktemp -d "$dir/.mlci-install.XXXXXX" 2>/dev/null) || fail "cannot write in $dir"
cleanup() {
  rm -rf "$work"
  if [ -n "$created" ] && [ ! -e "$dir/mlci" ]; then rmdir "$dir" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fetch() {
  if ! download "$url/$1" "$work/$1" 2>"$work/error"; then
    # curl and python3 say why on their last line; wget -q says nothing.
    reason=$(tail -n 1 "$work/error" 2>/dev/null)
    fail "cannot download $url/$1${reason:+: $reason}"
  fi
}

fetch SHA256SUMS
expected=$(sed -n "s/^\([0-9a-f]\{64\}\) [ *]$asset\$/\1/p" "$work/SHA256SUMS")
[ -n "$expected" ] || fail "$url/SHA256SUMS has no line for $asset"

if [ -f "$dir/mlci" ] && [ "$(sha256 "$dir/mlci")" = "$expected" ]; then
  chmod 755 "$dir/mlci"
  echo "$dir/mlci"
  exit 0
fi

fetch "$asset"
actual=$(sha256 "$work/$asset")
[ "$actual" = "$expected" ] || fail "$url/$asset: sha256 $actual does not match SHA256SUMS ($expected)"
chmod 755 "$work/$asset"
mv -f "$work/$asset" "$dir/mlci" || fail "cannot move the executable to $dir/mlci"
echo "mlci $version ($asset) installed" >&2
echo "$dir/mlci"
