#!/usr/bin/env bash
# Builds the local test cluster's binaries (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok)
# from the modules pinned in test/cluster/go.mod into .cache/cluster/bin/. A stamp of go.mod, go.sum, this
# script and the Go version makes a second run a no-op until one of them changes. Go >= 1.26 is required.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${CLUSTER_BIN_DIR:-$root/.cache/cluster/bin}"
mkdir -p "$out"

if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH" || { echo "build.sh: Go >= 1.26 is required (go not found)" >&2; exit 1; }
fi

# This machine's Go builds everything (go.mod says go 1.26.0): never fetch another toolchain.
export GOTOOLCHAIN=local
k8s_version="$(awk '$1 == "k8s.io/kubernetes" { print $2; exit }' "$here/go.mod")"
stamp="$( { cat "$here/go.mod" "$here/go.sum" "$here/build.sh" "$here/etcd/main.go"; go version; } | sha256sum | cut -d' ' -f1)"
bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
all_present=1
for b in "${bins[@]}"; do [ -x "$out/$b" ] || all_present=0; done
if [ "$all_present" = 1 ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "cluster binaries up to date in $out (k8s $k8s_version)"
  exit 0
fi
rm -f "$out/.stamp"

minor="${k8s_version#v1.}"; minor="${minor%%.*}"
# The same version stamps the upstream release build sets, so /version and emulation-version checks see v1.x.y.
ldflags="-s -w \
 -X k8s.io/component-base/version.gitVersion=$k8s_version \
 -X k8s.io/component-base/version.gitMajor=1 \
 -X k8s.io/component-base/version.gitMinor=$minor \
 -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/client-go/pkg/version.gitVersion=$k8s_version \
 -X k8s.io/client-go/pkg/version.gitMajor=1 \
 -X k8s.io/client-go/pkg/version.gitMinor=$minor"

cd "$here"
total_start=$(date +%s)
build() {
  local name="$1" pkg="$2" t0
  t0=$(date +%s)
  nice -n 10 go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out/$name" "$pkg"
  echo "built $name in $(( $(date +%s) - t0 ))s"
}
build etcd ./etcd
build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
build kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager
build kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler
build kwok sigs.k8s.io/kwok/cmd/kwok
echo "$stamp" > "$out/.stamp"
echo "cluster binaries built in $(( $(date +%s) - total_start ))s into $out (k8s $k8s_version)"
