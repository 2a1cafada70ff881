#!/usr/bin/env bash
# Regenerates schemas/envoy-proto.json from the Istio module the istioctl oracle is built from
# (test/oracles/tools/istioctl/go.mod), so the schema matches the istioctl we compare against.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/test/oracles/tools/istioctl/go.mod" "$root/test/oracles/tools/istioctl/go.sum" "$here/main.go" "$work/"
sed -i 's#^module .*#module envoyschema#' "$work/go.mod"
mkdir -p "$root/schemas"
(cd "$work" && GOFLAGS=-mod=mod nice go run . >"$root/schemas/envoy-proto.json")
