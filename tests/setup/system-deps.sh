#!/usr/bin/env bash
# The Debian packages the end-to-end tests run for real: Groovy (Jenkins var harness), rsync (gitlab-ci-local),
# git, Debian's python3 with scikit-learn/SciPy (oracles, the example's data), and an OCI registry
# (docker-registry) with skopeo and umoci, which check what mlci pushes independently of its own code, and zstd
# (the reference decoder of build-image's zstd layers, which umoci 0.4.7 cannot unpack); buildah
# (build-image's Dockerfile mode); Chromium (tests/report-render.test.ts renders the reports as GitHub does);
# shellcheck, curl and wget (install-binary.sh: POSIX sh, each downloader; tests/ship/binary.test.ts); kubectl
# (kubernetes-client: `kubectl kustomize` renders the deploy repository after promote's hand-off, tests/deploy).
# Installs what is missing when run as root; otherwise names it in one line and fails.
set -euo pipefail

missing=()
command -v git >/dev/null || missing+=(git)
command -v rsync >/dev/null || missing+=(rsync)
command -v groovy >/dev/null || missing+=(groovy)
ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1 || missing+=(default-jre-headless)
/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || missing+=(python3-sklearn)
/usr/bin/python3 -c 'import scipy' >/dev/null 2>&1 || missing+=(python3-scipy)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v skopeo >/dev/null || missing+=(skopeo)
command -v umoci >/dev/null || missing+=(umoci)
command -v zstd >/dev/null || missing+=(zstd)
command -v buildah >/dev/null || missing+=(buildah)
command -v chromium >/dev/null || missing+=(chromium)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v curl >/dev/null || missing+=(curl)
command -v wget >/dev/null || missing+=(wget)
command -v kubectl >/dev/null || missing+=(kubernetes-client)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages for the tests: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  exit 0
fi
echo "missing Debian packages for the tests: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
exit 1
