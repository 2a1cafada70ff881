//go:build tools

// Package tools pins the helm main package that test/oracles/build.sh compiles.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
