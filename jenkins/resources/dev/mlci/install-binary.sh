#!/bin/sh
# PLACEHOLDER until helper "binary" lands the real script at this path (same interface):
#   install-binary.sh VERSION DIR
# downloads mlci-linux-<arch> of release v<VERSION> and its SHA256SUMS from MLCI_BINARY_BASE_URL (default: the
# GitHub releases of mlci-dev/mlci), checks the digest, installs it as DIR/mlci and prints that path.
# The GitLab components inline this file and the Jenkins vars run it (libraryResource), for jobs without Node.
set -eu
if [ "$#" -ne 2 ]; then
  echo "usage: install-binary.sh VERSION DIR" >&2
  exit 2
fi
version=$1
dir=$2
base=${MLCI_BINARY_BASE_URL:-https://github.com/mlci-dev/mlci/releases/download}
case $(uname -m) in
  x86_64 | amd64) asset=mlci-linux-x64 ;;
  aarch64 | arm64) asset=mlci-linux-arm64 ;;
  *)
    echo "install-binary.sh: no mlci executable for $(uname -m)" >&2
    exit 1
    ;;
esac
fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
  fi
}
mkdir -p "$dir"
fetch "$base/v$version/$asset" "$dir/$asset.download"
fetch "$base/v$version/SHA256SUMS" "$dir/SHA256SUMS"
expected=$(awk -v asset="$asset" '$2 == asset || $2 == "*" asset { print $1 }' "$dir/SHA256SUMS")
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$dir/$asset.download" | cut -d ' ' -f 1)
else
  actual=$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$dir/$asset.download")
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "install-binary.sh: $asset of v$version does not match its SHA256SUMS" >&2
  exit 1
fi
chmod +x "$dir/$asset.download"
mv "$dir/$asset.download" "$dir/mlci"
echo "$dir/mlci"
