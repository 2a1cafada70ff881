#!/usr/bin/env bash
# Builds the oracle binaries that differential tests and benchmarks compare against: the real istioctl
# (test/oracles/tools/istioctl/go.mod) and the real helm v3 (test/oracles/tools/helm/go.mod), into
# .cache/oracles/bin/. Each has its own go.mod because their k8s.io dependency lines differ. A stamp per binary
# makes a second run a no-op until its go.mod/go.sum (or this script, or Go) changes. Go >= 1.26 is required.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${ORACLES_BIN_DIR:-$root/.cache/oracles/bin}"
mkdir -p "$out"
if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH" || { echo "oracles/build.sh: Go >= 1.26 is required" >&2; exit 1; }
fi
export GOTOOLCHAIN=local
# The istio snapshot's pre-release dependencies are served by the module proxy but have no checksum-database
# entry; go.sum (committed) pins their hashes instead.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/agentgateway,istio.io/client-go,istio.io/api,github.com/envoyproxy/go-control-plane"

version_of() { awk -v m="$2" '$1 == m || ($1 == "require" && $2 == m) { print ($1 == "require" ? $3 : $2); exit }' "$here/tools/$1/go.mod"; }
istio_module_version="$(version_of istioctl istio.io/istio)"
istio_rev="${istio_module_version##*-}"
helm_version="$(version_of helm helm.sh/helm/v3)"
# istio.io/istio@1.30.3 is not served, so the binary is a snapshot of the 1.30 development line. Its image tag
# (buildVersion) is set to 1.30.3 so generated manifests are comparable with ours; the git revision says what it is.
istio_tag="${ORACLE_ISTIO_TAG:-1.30.3}"

build() {
  local name="$1" dir="$2" pkg="$3" ldflags="$4" stamp t0
  stamp="$( { cat "$here/tools/$dir/go.mod" "$here/tools/$dir/go.sum" "$here/build.sh"; go version; } | sha256sum | cut -d' ' -f1)"
  if [ -x "$out/$name" ] && [ "$(cat "$out/.$name.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "$name up to date in $out"
    return
  fi
  rm -f "$out/.$name.stamp"
  t0=$(date +%s)
  (cd "$here/tools/$dir" && nice -n 10 go build -trimpath -buildvcs=false -ldflags "-s -w $ldflags" -o "$out/$name" "$pkg")
  echo "$stamp" > "$out/.$name.stamp"
  echo "built $name in $(( $(date +%s) - t0 ))s"
}

build helm helm helm.sh/helm/v3/cmd/helm "-X helm.sh/helm/v3/internal/version.version=$helm_version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
build istioctl istioctl istio.io/istio/istioctl/cmd/istioctl "\
 -X istio.io/istio/pkg/version.buildVersion=$istio_tag \
 -X istio.io/istio/pkg/version.buildGitRevision=$istio_rev \
 -X istio.io/istio/pkg/version.buildStatus=Snapshot \
 -X istio.io/istio/pkg/version.buildTag=$istio_tag \
 -X istio.io/istio/pkg/version.buildHub=docker.io/istio"

cat > "$out/VERSIONS" <<V
istioctl istio.io/istio $istio_module_version (1.30 development snapshot; image tag $istio_tag)
helm helm.sh/helm/v3 $helm_version
V
cat "$out/VERSIONS"
