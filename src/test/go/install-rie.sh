#!/usr/bin/env bash
# Builds the official AWS Lambda Runtime Interface Emulator (the emulator inside `sam local invoke`'s
# container) from the Go module proxy into OUT_DIR/aws-lambda-rie, pinned to one commit.
# Usage: install-rie.sh OUT_DIR MODULE_VERSION
# Result for LambdaRuntimeIT: OUT_DIR/aws-lambda-rie, or OUT_DIR/STATUS saying why it is missing.
# - No Go toolchain: a failure when CI=true (CI must exercise the official emulator path), a notice otherwise.
# - Go present but the module cannot be fetched (proxy refusal, offline): a notice; LambdaRuntimeIT then
#   drives the Runtime Interface Client with the project's own Runtime API server and says so.
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
if ! command -v go >/dev/null 2>&1; then
  msg="no Go toolchain on PATH: the official Lambda Runtime Interface Emulator was not built"
  echo "$msg" > "$out_dir/STATUS"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $msg (CI=true requires Go >= 1.25 to build $module@$version)" >&2
    exit 1
  fi
  echo "NOTICE: $msg; LambdaRuntimeIT will use the project's Runtime API server instead" >&2
  exit 0
fi
echo "Building $module@$version into $out_dir"
if GOBIN="$(cd "$out_dir" && pwd)" GOFLAGS=-mod=mod CGO_ENABLED=0 timeout 600 \
    go install "$module@$version" > "$out_dir/install.log" 2>&1; then
  touch "$stamp"
  echo "built $out_dir/aws-lambda-rie"
else
  { echo "go install $module@$version failed:"; tail -5 "$out_dir/install.log"; echo; } > "$out_dir/STATUS"
  echo "NOTICE: $(tr '\n' ' ' < "$out_dir/STATUS")" >&2
  echo "NOTICE: LambdaRuntimeIT will use the project's Runtime API server instead" >&2
fi
exit 0
