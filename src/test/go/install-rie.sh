#!/usr/bin/env bash
# Builds the official AWS Lambda Runtime Interface Emulator (the emulator inside `sam local invoke`'s
# container) from the Go module proxy into OUT_DIR/aws-lambda-rie, pinned to one pseudo-version.
# Usage: install-rie.sh OUT_DIR MODULE_VERSION
# Result for the runtime tests (LocalLambda): OUT_DIR/aws-lambda-rie, or OUT_DIR/STATUS saying why it is missing.
# With CI=true any failure (no Go toolchain, the proxy refusing the module, a compile error) fails the build:
# CI must exercise the official emulator. Elsewhere it is a notice and the runtime tests are skipped with it.
set -uo pipefail
out_dir=$1 version=$2
module=github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie
mkdir -p "$out_dir"
stamp="$out_dir/.built-$version"
if [ -x "$out_dir/aws-lambda-rie" ] && [ -f "$stamp" ]; then
  echo "aws-lambda-rie@$version is up to date in $out_dir"
  exit 0
fi
rm -f "$out_dir/aws-lambda-rie" "$out_dir"/.built-* "$out_dir/STATUS"

fail() {
  echo "$1" > "$out_dir/STATUS"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $1" >&2
    echo "ERROR: CI=true requires the official Lambda Runtime Interface Emulator ($module@$version, Go >= 1.25)" >&2
    exit 1
  fi
  echo "NOTICE: $1" >&2
  echo "NOTICE: the runtime tests (LambdaRuntimeIT) will be skipped with this reason" >&2
  exit 0
}

command -v go >/dev/null 2>&1 || fail "no Go toolchain on PATH: the official Lambda Runtime Interface Emulator was not built"
echo "Building $module@$version into $out_dir"
if GOBIN="$(cd "$out_dir" && pwd)" GOFLAGS=-mod=mod CGO_ENABLED=0 timeout 900 \
    go install "$module@$version" > "$out_dir/install.log" 2>&1; then
  touch "$stamp"
  echo "built $out_dir/aws-lambda-rie"
else
  fail "go install $module@$version failed: $(tail -5 "$out_dir/install.log" | tr '\n' ' ')"
fi
