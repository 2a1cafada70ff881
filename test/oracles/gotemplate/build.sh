#!/bin/sh
# Builds the Go template oracle and Helm's own CLI into .cache/gotemplate (git-ignored). Needs /usr/local/go
# and the Go module proxy; nice'd because the machine is shared.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out="$root/.cache/gotemplate"
mkdir -p "$out"
export PATH="/usr/local/go/bin:$PATH"
cd "$here"
nice -n 10 go build -o "$out/oracle" .
if [ ! -x "$out/helm" ]; then
  nice -n 10 go build -o "$out/helm" helm.sh/helm/v3/cmd/helm
fi
echo "built $out/oracle $out/helm"
