//go:build tools

// Package tools pins the istioctl main package that test/oracles/build.sh compiles.
package tools

import _ "istio.io/istio/istioctl/cmd/istioctl"
